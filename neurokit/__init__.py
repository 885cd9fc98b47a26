"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work.

The notation follows the lecture: w^l_jk is ``network.weights[l][j, k]``, b^l_j is
``network.biases[l][j]``, z^l and a^l are weighted inputs and activations, δ^l the errors.
"""

from neurokit.core.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl", "studio"]


def studio(runs="runs", **options):
    """The studio page inline in a notebook (an IFrame on a server started in the background);
    needs ``pip install 'neurokit[studio]'``. Outside IPython, returns the page's URL."""
    from neurokit.studio.notebook import studio as show

    return show(runs, **options)
