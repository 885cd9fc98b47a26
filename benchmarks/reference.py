"""The lecture's mini-batch SGD exactly as written: backprop one example x at a time.

This is the per-example reference the benchmark compares neurokit against. It follows the
slide "Stochastic gradient descent with a mini batch" step by step, with column vectors:

1. for each training example x: feedforward z^{x,l} = w^l a^{x,l−1} + b^l, a^{x,l} = σ(z^{x,l});
   output error δ^{x,L} = ∇_a C_x ⊙ σ'(z^{x,L}); backpropagate
   δ^{x,l} = ((w^{l+1})^T δ^{x,l+1}) ⊙ σ'(z^{x,l});
2. gradient descent: w^l → w^l − (η/m) Σ_x δ^{x,l} (a^{x,l−1})^T, b^l → b^l − (η/m) Σ_x δ^{x,l}.

It is deliberately independent of neurokit (own σ, own cost gradient, own loop), so agreeing
with it checks neurokit's matrix-form backprop against a second implementation.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{−z})."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


class PerExampleNetwork:
    """Sigmoid neurons, quadratic cost C_x = ½‖y − a^L‖², plain mini-batch SGD.

    ``weights[i]`` is w^{i+2} with shape (n_l, n_{l−1}); ``biases[i]`` is b^{i+2} as a column
    (n_l, 1). Both are copied, so the caller's arrays are never touched.
    """

    def __init__(self, weights, biases, eta: float):
        self.weights = [np.array(w) for w in weights]
        self.biases = [np.array(b).reshape(-1, 1) for b in biases]
        self.eta = eta

    def __repr__(self) -> str:
        sizes = [self.weights[0].shape[1]] + [w.shape[0] for w in self.weights]
        return f"PerExampleNetwork(sizes={sizes}, eta={self.eta}, dtype={self.weights[0].dtype})"

    def backprop(self, x, y):
        """(∂C_x/∂w^l, ∂C_x/∂b^l) for one example; x and y are column vectors."""
        # Feedforward, keeping every z^{x,l} and a^{x,l}
        activation = x
        activations = [x]
        zs = []
        for w, b in zip(self.weights, self.biases, strict=True):
            z = w @ activation + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        last = len(self.weights) - 1
        nabla_w = [None] * len(self.weights)
        nabla_b = [None] * len(self.biases)
        # Output error: δ^{x,L} = ∇_a C_x ⊙ σ'(z^{x,L}), with ∇_a C_x = a^{x,L} − y
        delta = (activations[-1] - y) * sigmoid_prime(zs[-1])
        for i in range(last, -1, -1):
            if i < last:
                # Backpropagate: δ^{x,l} = ((w^{l+1})^T δ^{x,l+1}) ⊙ σ'(z^{x,l})
                delta = (self.weights[i + 1].T @ delta) * sigmoid_prime(zs[i])
            # ∂C_x/∂b^l = δ^{x,l} and ∂C_x/∂w^l = δ^{x,l} (a^{x,l−1})^T
            nabla_b[i] = delta
            nabla_w[i] = delta @ activations[i].T
        return nabla_w, nabla_b

    def update_mini_batch(self, xs, ys):
        """One SGD step on the rows of xs, ys: sum the per-example gradients, then update."""
        nabla_w = [np.zeros_like(w) for w in self.weights]
        nabla_b = [np.zeros_like(b) for b in self.biases]
        for x, y in zip(xs, ys, strict=True):
            delta_w, delta_b = self.backprop(x.reshape(-1, 1), y.reshape(-1, 1))
            for total, part in zip(nabla_w, delta_w, strict=True):
                total += part
            for total, part in zip(nabla_b, delta_b, strict=True):
                total += part
        step = self.eta / len(xs)
        for w, total in zip(self.weights, nabla_w, strict=True):
            w -= step * total
        for b, total in zip(self.biases, nabla_b, strict=True):
            b -= step * total

    def train_epoch(self, x, y, order, batch_size: int) -> None:
        """One epoch over the rows of x, y in the given order, m = ``batch_size``."""
        # σ's e^{−z} may overflow to inf for very negative z; 1/(1+inf) = 0 is then exact.
        with np.errstate(over="ignore"):
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                self.update_mini_batch(x[rows], y[rows])
