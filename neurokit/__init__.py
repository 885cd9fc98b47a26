"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work.

The notation follows the lecture: w^l_jk is ``network.weights[l][j, k]``, b^l_j is
``network.biases[l][j]``, z^l and a^l are weighted inputs and activations, δ^l the errors.
"""

from neurokit.core.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl", "sweep"]


def __getattr__(name: str):
    # ``nk.sweep(...)`` for notebooks, imported on first use so ``import neurokit`` stays light.
    if name == "sweep":
        from neurokit.api import sweep

        return sweep
    raise AttributeError(f"module 'neurokit' has no attribute {name!r}")
