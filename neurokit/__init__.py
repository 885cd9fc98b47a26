"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work.

The notation follows the lecture, which counts layers l = 1 (input) … L and neurons j, k from 1;
Python counts from 0 and the input layer has no weights, so w^l_jk is
``network.weights[l - 2][j - 1, k - 1]`` and b^l_j is ``network.biases[l - 2][j - 1]``.
z^l and a^l are weighted inputs and activations, δ^l the errors.

In a notebook, ``import neurokit as nk`` and then ``nk.train(...)``, ``nk.load_run(DIR)``,
``nk.explain(...)``, ``nk.paths(...)``: the functions of ``neurokit.api``, imported on first
use so that ``import neurokit`` (and ``neurokit --help``) stays fast.
"""

from neurokit.core.hookspecs import hookimpl
from neurokit.core.version import __version__

#: Names looked up in ``neurokit.api`` the first time they are used (``nk.sweep(...)`` too).
_API_NAMES = (
    "train",
    "load_run",
    "explain",
    "paths",
    "registry",
    "train_spec",
    "resume_run",
    "sweep",
)

__all__ = ["__version__", "api", "hookimpl", "studio", *_API_NAMES]


def __getattr__(name: str):
    # imported on first use so that ``import neurokit`` stays light
    if name == "api" or name in _API_NAMES:
        import importlib

        api = importlib.import_module("neurokit.api")
        return api if name == "api" else getattr(api, name)
    if name == "studio":
        # ``nk.studio()``: the subpackage itself is callable (see neurokit/studio/__init__.py).
        import neurokit.studio

        return neurokit.studio
    raise AttributeError(f"module 'neurokit' has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), "api", "studio", *_API_NAMES})
