"""A feedforward network: feedforward and backprop over a whole mini-batch in matrix form.

This is the built-in model ``feedforward`` (registered by ``neurokit.builtins.models``).

Layers are numbered as in the lecture, l = 1 (input) … L (output). Python lists start at 0,
so ``weights[l − 2]`` is w^l, with shape (n_l, n_{l−1}): the lecture's w^l_jk (j and k
counted from 1) is ``weights[l − 2][j − 1, k − 1]``. ``biases[l − 2]`` is b^l, n_l entries.

Examples are rows: a mini-batch X has shape (m, n_1), so the lecture's column vector
z^l = w^l a^{l−1} + b^l becomes the row form Z^l = A^{l−1} (w^l)^T + b^l, one row per x.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from neurokit.core.components import Cost, Neuron
from neurokit.core.dtypes import DEFAULT_DTYPE, DTYPES
from neurokit.core.errors import NeurokitError
from neurokit.core.init import initial_weights
from neurokit.core.model import Model


class Network(Model):
    """Sizes [n_1, …, n_L], a neuron type per non-input layer, and w^l, b^l for l = 2 … L."""

    name = "feedforward"
    learning = "gradient"

    def __init__(
        self,
        sizes: Sequence[int],
        neurons: Sequence[Neuron],
        *,
        dtype: str = DEFAULT_DTYPE,
        seed: int | None = 0,
        rng: np.random.Generator | None = None,
        init: str = "normal",
    ):
        if len(sizes) < 2:
            raise NeurokitError("a network needs at least an input and an output layer")
        if len(neurons) != len(sizes) - 1:
            raise NeurokitError(f"{len(sizes) - 1} non-input layers need as many neurons")
        if dtype not in DTYPES:
            raise NeurokitError(f"dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
        self.sizes = [int(n) for n in sizes]
        self.neurons = list(neurons)
        self.dtype: np.dtype = np.dtype(dtype)
        rng = rng if rng is not None else np.random.default_rng(seed)
        # The textbook's initialisation (the lecture specifies none): every w^l_jk and b^l_j
        # drawn from N(0, 1), layer by layer, weights before biases, from one seeded generator.
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        self._ones_cache: dict[int, np.ndarray] = {}
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            self.weights.append(initial_weights(rng, n_out, n_in, init, self.dtype))
            self.biases.append(rng.standard_normal(n_out).astype(self.dtype))

    def __repr__(self) -> str:
        kinds = ", ".join(getattr(n, "name", type(n).__name__) for n in self.neurons)
        return f"Network(sizes={self.sizes}, neurons=[{kinds}], dtype={self.dtype.name})"

    @property
    def n_inputs(self) -> int:
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        return self.sizes[-1]

    @property
    def num_layers(self) -> int:
        """L, counting the input layer."""
        return len(self.sizes)

    def named_parameters(self) -> dict[str, np.ndarray]:
        """w^2 … w^L, then b^2 … b^L, by the lecture's layer numbers: ``{"w2": …, "b2": …}``."""
        named = {f"w{i + 2}": w for i, w in enumerate(self.weights)}
        named.update({f"b{i + 2}": b for i, b in enumerate(self.biases)})
        return named

    @property
    def parameters(self) -> list[np.ndarray]:
        """[w^2, …, w^L, b^2, …, b^L]: the arrays an optimizer updates, in place."""
        return self.weights + self.biases

    def arrays(self) -> dict[str, np.ndarray]:
        # The layer sizes travel with the weights, so a model file names its own shape.
        return {"sizes": np.array(self.sizes, dtype=np.int64), **self.named_parameters()}

    def set_parameters(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> None:
        """Replace w and b (e.g. hand-set or loaded), checking every shape."""
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            w = np.asarray(w, dtype=self.dtype)
            b = np.asarray(b, dtype=self.dtype).reshape(-1)
            l = i + 2
            if w.shape != self.weights[i].shape:
                raise NeurokitError(f"w^{l} must have shape {self.weights[i].shape}, got {w.shape}")
            if b.shape != self.biases[i].shape:
                raise NeurokitError(f"b^{l} must have shape {self.biases[i].shape}, got {b.shape}")
            self.weights[i][...] = w
            self.biases[i][...] = b

    def forward(self, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Feedforward keeping every z^l and a^l: returns (zs, activations).

        ``zs[i]`` is z^{i+2}; ``activations[0]`` is the input a^1 = x and ``activations[i]``
        is a^{i+1}.
        """
        activation = x
        zs, activations = [], [x]
        for w, b, neuron in zip(self.weights, self.biases, self.neurons, strict=True):
            # z^l = w^l a^{l−1} + b^l, for every example (row) at once
            z = activation @ w.T
            z += b
            # a^l = σ(z^l)
            activation = neuron.sigma(z)
            zs.append(z)
            activations.append(activation)
        return zs, activations

    def feedforward(self, x: np.ndarray) -> np.ndarray:
        """a^L for an input row x (shape (n_1,)) or a batch of rows (shape (m, n_1))."""
        x = np.asarray(x, dtype=self.dtype)
        single = x.ndim == 1
        activation = self.forward(x[None, :] if single else x)[1][-1]
        return activation[0] if single else activation

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.feedforward(x)

    def gradients(self, x: np.ndarray, y: np.ndarray, cost: Cost, scale: float = 1.0):
        """``backprop``'s (∂C/∂w, ∂C/∂b) as one list, in the order of ``parameters``."""
        nabla_w, nabla_b = self.backprop(x, y, cost, scale)
        return nabla_w + nabla_b

    def backprop(
        self, x: np.ndarray, y: np.ndarray, cost: Cost, scale: float = 1.0, trace=None
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Gradients (∂C/∂w^l, ∂C/∂b^l) of ``scale`` × C, C the mean cost over the rows of x.

        ``scale`` × (1/m) multiplies δ^L once, so every gradient below comes out already scaled:
        with ``scale`` = η it is the (η/m) Σ_x of the SGD step (``neurokit.core.sgd``).
        One pass for the whole mini-batch: the lecture's sum over x is the matrix product.
        At m = 10 each numpy call costs more than its arithmetic, so every line below is one
        or two calls and nothing is computed twice.

        ``trace``, a dict, receives every intermediate value by the lecture's layer number
        (``zs``, ``activations``, ``delta``, ``sigma_prime``, ``back``): ``neurokit explain``
        shows this very computation.
        """
        zs, activations = self.forward(x)
        ones = self._ones(x.shape[0])
        nabla_w: list[np.ndarray] = [None] * len(self.weights)  # type: ignore[list-item]
        nabla_b: list[np.ndarray] = [None] * len(self.weights)  # type: ignore[list-item]
        if trace is not None:
            trace.update(zs=zs, activations=activations, delta={}, sigma_prime={}, back={})

        # BP1: δ^L = ∇_a C ⊙ σ'(z^L); scale/m folded in once makes every gradient below
        # (scale/m) Σ_x, the mean over the mini-batch.
        delta = cost.output_error(activations[-1], y, zs[-1], self.neurons[-1])
        delta = delta * (scale / x.shape[0])
        for i in range(len(self.weights) - 1, -1, -1):
            if trace is not None:
                trace["delta"][i + 2] = delta
            # BP3: ∂C/∂b^l_j = δ^l_j, summed over the examples of the batch as 1^T δ^l
            nabla_b[i] = ones @ delta
            # BP4: ∂C/∂w^l_jk = a^{l−1}_k δ^l_j; δ^T a^{l−1} sums over the batch in one product
            nabla_w[i] = delta.T @ activations[i]
            if i > 0:
                sigma_prime = self.neurons[i - 1].sigma_prime(zs[i - 1], activations[i])
                # BP2: δ^l = ((w^{l+1})^T δ^{l+1}) ⊙ σ'(z^l), with rows as examples
                back = delta @ self.weights[i]
                delta = back * sigma_prime
                if trace is not None:
                    trace["sigma_prime"][i + 1], trace["back"][i + 1] = sigma_prime, back
        return nabla_w, nabla_b

    def _ones(self, m: int) -> np.ndarray:
        """A row of m ones in the network's dtype, made once per batch size."""
        ones = self._ones_cache.get(m)
        if ones is None:
            ones = self._ones_cache[m] = np.ones(m, dtype=self.dtype)
        return ones
