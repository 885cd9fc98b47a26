"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work.

The notation follows the lecture, which counts layers l = 1 (input) … L and neurons j, k from 1;
Python counts from 0 and the input layer has no weights, so w^l_jk is
``network.weights[l - 2][j - 1, k - 1]`` and b^l_j is ``network.biases[l - 2][j - 1]``.
z^l and a^l are weighted inputs and activations, δ^l the errors.
"""

from neurokit.core.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]
