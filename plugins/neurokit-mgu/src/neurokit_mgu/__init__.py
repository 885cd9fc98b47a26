"""neurokit-mgu: the model ``mgu``, a minimal gated unit (Zhou, Wu, Zhang and Zhou, 2016) —
a GRU with its two gates merged into one forget gate — and a dense output layer, trained by
backpropagation through time. Written only against neurokit's public facades."""

from neurokit_mgu.plugin import neurokit_register_models

__all__ = ["neurokit_register_models"]
