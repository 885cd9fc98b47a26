"""The compiled fast path's kernels: mini-batch SGD steps for sigmoid/linear layers and the
quadratic cost, compiled with numba (``pip install 'neurokit[fast]'``).

The same equations as ``Network.backprop`` and ``neurokit.core.sgd``, one mini-batch at a time,
with the rows of the batch as examples. The matrix products go to BLAS (MKL, or SciPy's
OpenBLAS: ``fast_blas``), BP4 with the weight update in one call; everything else — gathering the
batch's rows, adding b^l, σ, σ', BP1, BP3 and the bias update — is a compiled loop, so a step
makes no Python-level calls. Results equal the numpy path's to rounding (about 1e-16 per step
in float64), not bit for bit: the products and sums run in a different order.

Imported only when numba is installed; ``neurokit.pipeline.backends.fast`` drives it.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from neurokit.pipeline.backends.fast_blas import (
    backward_product,
    exponential_in_place,
    feedforward_product,
    subtract_product,
)

#: Neuron codes for ``kinds``: which σ each layer uses.
SIGMOID = 0
LINEAR = 1

#: Compile with numpy's rule for a float division by zero (inf or nan, as the numpy path
#: gives) rather than Python's (raise ZeroDivisionError): the test for zero that Python's rule
#: puts before every division kept the loops of σ and σ' from being vectorised, at twice the
#: time. Their divisors are 1 + e^{−|z|} ≥ 1, so no result changes.
kernel = njit(cache=True, error_model="numpy")


@kernel
def _sigma(v, ex, one):
    """σ(v) from ex = e^{−|v|} ∈ [0, 1], which never overflows: 1/(1 + e) for v ≥ 0 and
    e/(1 + e) for v < 0, so σ(−40) keeps its digits instead of rounding to 0.

    ``one`` is 1 in the layer's dtype: a float literal would make float32 arithmetic
    float64, three to five times slower than float32's (which vectorises twice as wide) and
    no longer the numpy path's float32 σ bit for bit."""
    return (one if v >= 0 else ex) / (one + ex)


@kernel
def _activate(z, b, kind, e):
    """z → σ(z + b) in place: z^l = (a^{l−1} w^T)_j + b^l_j, then a^l = σ(z^l).

    For a sigmoid layer ``e`` keeps e^{−|z^l|}, from which BP1 and BP2 take σ'(z^l): the same
    accurate formulas as ``neurokit.core.neurons.Sigmoid``, one exponential per neuron."""
    m, n = z.shape
    one = z.dtype.type(1.0)
    if kind != SIGMOID:
        for i in range(m):
            for j in range(n):
                z[i, j] += b[j]
    elif m == 1:  # one example: calling the vectorised exponential costs more than it saves
        for j in range(n):
            v = z[0, j] + b[j]
            ex = np.exp(-abs(v))
            e[0, j] = ex
            z[0, j] = _sigma(v, ex, one)
    else:
        for i in range(m):
            for j in range(n):
                z[i, j] += b[j]
                e[i, j] = -abs(z[i, j])
        exponential_in_place(e)  # all of the layer's e^{−|z|} in one vectorised call
        for i in range(m):
            for j in range(n):
                z[i, j] = _sigma(z[i, j], e[i, j], one)


@kernel
def _sigma_prime(e, one):
    """σ'(z) = e/(1 + e)² with e = e^{−|z|}: σ'(z) = σ(z)σ(−z) is even in z, and this keeps
    its digits where σ(z)(1 − σ(z)) would give 0 once σ(z) rounds to 1 (``one``: as in
    ``_sigma``)."""
    denominator = one + e
    return e / (denominator * denominator)


@kernel
def _output_error(a, e, y, rows, kind, factor, delta):
    """BP1 for the quadratic cost: δ^L = (a^L − y) ⊙ σ'(z^L), times η/m (``factor``)."""
    one = a.dtype.type(1.0)
    for i in range(a.shape[0]):
        r = rows[i]
        for j in range(a.shape[1]):
            prime = _sigma_prime(e[i, j], one) if kind == SIGMOID else one
            delta[i, j] = ((a[i, j] - y[r, j]) * prime) * factor


@kernel
def _times_sigma_prime(back, e, kind):
    """BP2's ⊙ σ'(z^l), σ'(z^l) from e = e^{−|z^l|} kept by ``_activate``."""
    if kind == SIGMOID:
        one = back.dtype.type(1.0)
        for i in range(back.shape[0]):
            for j in range(back.shape[1]):
                back[i, j] = back[i, j] * _sigma_prime(e[i, j], one)


@kernel
def _update_biases(b, delta, totals):
    """BP3 and the update: b^l → b^l − Σ_x δ^{x,l} (δ already holds the η/m).

    The sums run down δ's columns in float64 (``totals``, one per neuron), row after row, so
    the inner loop reads a row of δ in order: summing one column at a time strides through
    memory, and on a 1000-neuron layer took four times as long."""
    totals[: b.shape[0]] = 0.0
    for i in range(delta.shape[0]):
        for j in range(delta.shape[1]):
            totals[j] += delta[i, j]
    for j in range(b.shape[0]):
        b[j] -= totals[j]


@kernel
def sgd_step(x, y, rows, weights, biases, kinds, eta, acts, exps, deltas, totals):
    """One SGD step on the examples ``x[rows]``, ``y[rows]``, updating w^l, b^l in place.

    ``acts[l]`` (m × n_{l+1}) holds a^{l+1}; ``exps[l]`` holds e^{−|z|} for a^{l+2};
    ``deltas[l]`` holds δ for w^{l+2}; all are work buffers with one row per example of
    this batch. ``totals`` (float64, as long as the widest layer) receives BP3's sums.
    """
    first = acts[0]
    for i in range(rows.shape[0]):  # the batch's rows, gathered into a contiguous buffer
        r = rows[i]
        for k in range(first.shape[1]):
            first[i, k] = x[r, k]
    layers = len(weights)
    for l in range(layers):
        # z^l = a^{l−1} (w^l)^T + b^l, a^l = σ(z^l)
        feedforward_product(acts[l], weights[l], acts[l + 1])
        _activate(acts[l + 1], biases[l], kinds[l], exps[l])
    factor = eta / rows.shape[0]
    _output_error(acts[layers], exps[-1], y, rows, kinds[layers - 1], factor, deltas[-1])
    for l in range(layers - 1, -1, -1):
        delta = deltas[l]
        if l > 0:
            # BP2 with w^{l+1} before its update: δ^l = (δ^{l+1} w^{l+1}) ⊙ σ'(z^l)
            backward_product(delta, weights[l], deltas[l - 1])
            _times_sigma_prime(deltas[l - 1], exps[l - 1], kinds[l - 1])
        _update_biases(biases[l], delta, totals)
        # BP4 and the update in one BLAS call: w^l → w^l − δ^T a^{l−1}, the product summing
        # ∂C/∂w^l = δ a^T over the batch (δ already holds the η/m)
        subtract_product(weights[l], delta, acts[l])


@kernel
def sgd_steps(x, y, order, start, stop, m, weights, biases, kinds, eta, acts, exps, deltas,
              totals):  # fmt: skip
    """The full mini-batches of ``order[start:stop]`` (``stop − start`` a multiple of m)."""
    for first in range(start, stop, m):
        rows = order[first : first + m]
        sgd_step(x, y, rows, weights, biases, kinds, eta, acts, exps, deltas, totals)


@kernel
def feedforward(x, weights, biases, kinds, acts, exps):
    """a^L for every row of ``x``, layer by layer: z^l = a^{l−1} (w^l)^T + b^l, a^l = σ(z^l).

    ``acts[l]`` (rows × n_{l+2}) receives a^{l+2}, so ``acts[-1]`` holds a^L; ``exps[l]`` is
    scratch for e^{−|z|}, of the same shape."""
    feedforward_product(x, weights[0], acts[0])
    _activate(acts[0], biases[0], kinds[0], exps[0])
    for l in range(1, len(weights)):
        feedforward_product(acts[l - 1], weights[l], acts[l])
        _activate(acts[l], biases[l], kinds[l], exps[l])
