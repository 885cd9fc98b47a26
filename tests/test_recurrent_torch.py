"""The recurrent cells against PyTorch's nn.RNN, nn.LSTM and nn.GRU: the same weights and
inputs give the same outputs and the same gradients, to 1e-10 in float64."""

from __future__ import annotations

import os

import numpy as np
import pytest

from neurokit.builtins.costs import Quadratic
from neurokit.core.elman import Elman
from neurokit.core.gru import GRU
from neurokit.core.lstm import LSTM
from neurokit.core.neurons import Sigmoid, Tanh

if os.environ.get("CI") == "true":  # CI installs the bench extra: the comparison must run there
    import torch
else:
    torch = pytest.importorskip("torch")

N, T, N_IN, N_HIDDEN, N_OUT = 3, 7, 2, 5, 2


def _pair(cls, torch_cls, targets="every_step"):
    rng = np.random.default_rng(3)
    # Elman's hidden neuron is tanh as in nn.RNN; a gated cell's hidden neuron is its gate σ.
    hidden = Tanh() if cls is Elman else Sigmoid()
    model = cls(N_IN, N_HIDDEN, N_OUT, [hidden, Sigmoid()], "float64", rng, targets=targets)
    model.b2 += rng.normal(size=model.b2.shape)  # nothing special about the start
    net = torch_cls(N_IN, N_HIDDEN, batch_first=True).double()
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(model.w2))
        net.weight_hh_l0.copy_(torch.from_numpy(model.u2))
        net.bias_ih_l0.copy_(torch.from_numpy(model.b2))
        hidden_bias = getattr(model, "bu2", np.zeros_like(model.b2))
        net.bias_hh_l0.copy_(torch.from_numpy(hidden_bias))
    return model, net


def _torch_run(model, net, x, y, targets):
    """Forward through torch, then the same mean quadratic cost, then autograd."""
    w3 = torch.tensor(model.w3, requires_grad=True)
    b3 = torch.tensor(model.b3, requires_grad=True)
    hidden, _ = net(torch.from_numpy(x))
    a = torch.sigmoid(hidden @ w3.T + b3)
    if targets == "last_step":
        a = a[:, -1]
    target = torch.from_numpy(y)
    rows = a.reshape(-1, N_OUT).shape[0]
    cost = 0.5 * ((a - target) ** 2).sum() / rows
    cost.backward()
    grads = {
        "w2": net.weight_ih_l0.grad,
        "u2": net.weight_hh_l0.grad,
        "b2": net.bias_ih_l0.grad,
        "w3": w3.grad,
        "b3": b3.grad,
    }
    if isinstance(net, torch.nn.GRU):
        grads["bu2"] = net.bias_hh_l0.grad
    return a.detach().numpy(), {k: v.numpy() for k, v in grads.items()}


@pytest.mark.parametrize(
    ("cls", "torch_name"), [(Elman, "RNN"), (LSTM, "LSTM"), (GRU, "GRU")], ids=str
)
@pytest.mark.parametrize("targets", ["every_step", "last_step"])
def test_forward_and_gradients_equal_pytorch(cls, torch_name, targets):
    model, net = _pair(cls, getattr(torch.nn, torch_name), targets)
    rng = np.random.default_rng(4)
    x = rng.normal(size=(N, T, N_IN))
    y = rng.uniform(size=(N, T, N_OUT) if targets == "every_step" else (N, N_OUT))
    expected_a, expected_grads = _torch_run(model, net, x, y, targets)
    np.testing.assert_allclose(model.predict(x), expected_a, rtol=0, atol=1e-10)
    ours = dict(zip(model.named_parameters(), model.gradients(x, y, Quadratic()), strict=True))
    assert set(ours) == set(expected_grads)
    for name, grad in ours.items():
        np.testing.assert_allclose(grad, expected_grads[name], rtol=0, atol=1e-10, err_msg=name)
    assert max(np.abs(g).max() for g in ours.values()) > 1e-3  # not trivially zero
