"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work.

The notation follows the lecture: w^l_jk is ``network.weights[l - 2][j - 1, k - 1]`` and b^l_j
is ``network.biases[l - 2][j - 1]`` (layers count from l = 1, the input, which has no weights;
the lecture counts j and k from 1, Python from 0); z^l and a^l are weighted inputs and
activations, δ^l the errors.
"""

from neurokit.core.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]
