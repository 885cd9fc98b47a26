"""neurokit: a small, plugin-based neural-network framework for learning how neural networks work."""

__version__ = "0.1.0"
