"""The same net, cost, η, m and shuffling in PyTorch on the CPU, trained with torch.optim.SGD.

Idiomatic PyTorch: ``nn.Linear`` layers with ``nn.Sigmoid``, the quadratic cost
C = (1/2m) Σ_x ‖y(x) − a^L(x)‖² over the mini-batch, autograd for the gradient, and
``torch.optim.SGD(lr=η)``. Imported only when torch is installed.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


class TorchNetwork:
    """A sigmoid MLP whose initial w^l, b^l are copied from numpy arrays (neurokit's)."""

    def __init__(self, weights, biases, eta: float, dtype):
        torch_dtype = torch.float64 if np.dtype(dtype) == np.float64 else torch.float32
        layers: list[nn.Module] = []
        for w, b in zip(weights, biases, strict=True):
            linear = nn.Linear(w.shape[1], w.shape[0], dtype=torch_dtype)
            with torch.no_grad():
                # nn.Linear keeps its weight as (n_l, n_{l−1}), like w^l.
                linear.weight.copy_(torch.from_numpy(np.asarray(w, dtype=dtype)))
                linear.bias.copy_(torch.from_numpy(np.asarray(b, dtype=dtype).reshape(-1)))
            layers += [linear, nn.Sigmoid()]
        self.model = nn.Sequential(*layers)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=eta)

    def __repr__(self) -> str:
        return f"TorchNetwork({self.model}, {self.optimizer.defaults['lr']=})"

    def update_mini_batch(self, xb, yb) -> None:
        output = self.model(xb)
        loss = 0.5 * ((output - yb) ** 2).sum() / xb.shape[0]
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()

    def train_epoch(self, x, y, order, batch_size: int) -> None:
        """One epoch; x, y are tensors (shared with numpy) and order a LongTensor."""
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            self.update_mini_batch(x[rows], y[rows])

    def parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(weights, biases) as numpy arrays, for checking against the other columns."""
        linears = [m for m in self.model if isinstance(m, nn.Linear)]
        return (
            [m.weight.detach().numpy().copy() for m in linears],
            [m.bias.detach().numpy().copy() for m in linears],
        )
