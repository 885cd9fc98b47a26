"""Initial weights and biases: the spec's ``training.init``.

``"normal"`` (the default) is the textbook's choice — the lecture specifies none: every
w^l_jk and b^l_j drawn from N(0, 1). z^l_j = Σ_k w^l_jk a^{l−1}_k + b^l_j then has a standard
deviation of √(Σ_k (a^{l−1}_k)² + 1), about 9.3 for an MNIST digit, so many hidden neurons
start saturated,
σ'(z) ≈ 0, and by BP2 and BP4 they learn slowly. ``"scaled"`` draws the weights from
N(0, 1/n_in) instead, so z starts with a standard deviation near 1; biases stay N(0, 1).

Both draw the same numbers from the generator in the same order (weights before biases,
layer by layer), so only the scale differs, and ``"normal"`` is bit-identical to before.
"""

from __future__ import annotations

import numpy as np

INITS = ("normal", "scaled")


def initial_weights(rng: np.random.Generator, n_out: int, n_in: int, init: str, dtype):
    """w^l, shape (n_out, n_in): N(0, 1), or N(0, 1/n_in) for ``"scaled"``."""
    w = rng.standard_normal((n_out, n_in))
    if init == "scaled":
        w /= np.sqrt(n_in)
    elif init != "normal":
        raise ValueError(f"init must be one of {', '.join(INITS)}, not {init!r}")
    return w.astype(dtype)
