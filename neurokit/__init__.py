"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work.

The notation follows the lecture, which counts layers l = 1 (input) … L and neurons j, k from 1;
Python counts from 0 and the input layer has no weights, so w^l_jk is
``network.weights[l - 2][j - 1, k - 1]`` and b^l_j is ``network.biases[l - 2][j - 1]``.
z^l and a^l are weighted inputs and activations, δ^l the errors.
"""

from neurokit.core.hookspecs import hookimpl
from neurokit.core.version import __version__

__all__ = ["__version__", "hookimpl", "studio", "sweep"]


def __getattr__(name: str):
    # ``nk.sweep(...)`` for notebooks, imported on first use so ``import neurokit`` stays light.
    if name == "sweep":
        from neurokit.api import sweep

        return sweep
    if name == "studio":
        # ``nk.studio()``: the subpackage itself is callable (see neurokit/studio/__init__.py).
        import neurokit.studio

        return neurokit.studio
    raise AttributeError(f"module 'neurokit' has no attribute {name!r}")
