"""The same algorithm as neurokit's numpy path, written by hand in PyTorch (no autograd).

The fair peer for neurokit: matrix-form backprop over the mini-batch, one row per example,
with the lecture's equations on PyTorch tensors, under ``torch.no_grad()``:

    Z^l = A^{l−1} (w^l)^T + b^l,  A^l = σ(Z^l)                      (feedforward)
    δ^L = (A^L − Y) ⊙ σ'(Z^L) × η/m                                  (BP1, η/m folded in)
    δ^l = (δ^{l+1} w^{l+1}) ⊙ σ'(Z^l)                                (BP2)
    b^l → b^l − 1^T δ^l,  w^l → w^l − (δ^l)^T A^{l−1}                (BP3, BP4, the update)

Imported only when torch is installed.
"""

from __future__ import annotations

import numpy as np
import torch


class HandWrittenTorchNetwork:
    """A sigmoid MLP with quadratic cost and plain SGD, trained with explicit backprop."""

    def __init__(self, weights, biases, eta: float, dtype):
        torch_dtype = torch.float64 if np.dtype(dtype) == np.float64 else torch.float32
        self.weights = [torch.tensor(np.asarray(w), dtype=torch_dtype) for w in weights]
        self.biases = [torch.tensor(np.asarray(b).reshape(-1), dtype=torch_dtype) for b in biases]
        self.eta = eta

    def __repr__(self) -> str:
        sizes = [self.weights[0].shape[1]] + [w.shape[0] for w in self.weights]
        return f"HandWrittenTorchNetwork(sizes={sizes}, eta={self.eta})"

    def update_mini_batch(self, xb, yb) -> None:
        activations = [xb]
        for w, b in zip(self.weights, self.biases, strict=True):
            # Z = A W^T + b in one fused call, then σ in place
            activations.append(torch.addmm(b, activations[-1], w.t()).sigmoid_())
        a = activations[-1]
        # BP1 for the quadratic cost, with σ'(z) = a(1 − a) and η/m folded in
        delta = (a - yb).mul_(a).mul_(1 - a).mul_(self.eta / xb.shape[0])
        for i in range(len(self.weights) - 1, -1, -1):
            a_prev = activations[i]
            if i > 0:
                # BP2 before w^{l+1} changes: δ^l = (δ^{l+1} w^{l+1}) ⊙ a(1 − a)
                back = (delta @ self.weights[i]).mul_(a_prev).mul_(1 - a_prev)
            self.biases[i].sub_(delta.sum(0))  # BP3
            # BP4 and the update in one BLAS call (β = 1), as neurokit's fast path does it
            self.weights[i].addmm_(delta.t(), a_prev, alpha=-1.0)
            if i > 0:
                delta = back

    def train_epoch(self, x, y, order, batch_size: int) -> None:
        """One epoch; x, y are tensors (shared with numpy) and order a LongTensor."""
        with torch.no_grad():
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                self.update_mini_batch(x[rows], y[rows])

    def parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return (
            [w.numpy().copy() for w in self.weights],
            [b.numpy().copy() for b in self.biases],
        )
