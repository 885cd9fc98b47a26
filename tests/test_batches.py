"""The epoch's shuffled mini-batches: views of a reused buffer holding the same rows as
gathering each mini-batch on its own."""

from __future__ import annotations

import numpy as np
import pytest

from neurokit.pipeline import batches
from neurokit.pipeline.batches import shuffled_batches


@pytest.mark.parametrize("n, m", [(10, 3), (9, 3), (1, 1), (5, 8), (7000, 10), (7001, 100)])
def test_the_same_rows_in_the_same_order_as_gathering_each_batch(n, m):
    rng = np.random.default_rng(n + m)
    x = rng.standard_normal((n, 4))
    y = rng.standard_normal((n, 2))
    order = rng.permutation(n)
    seen = []
    for end, x_batch, y_batch in shuffled_batches(x, y, order, m):
        start = len(seen) * m
        rows = order[start : start + m]
        np.testing.assert_array_equal(x_batch, x[rows])
        np.testing.assert_array_equal(y_batch, y[rows])
        assert end == start + len(rows) and x_batch.flags.c_contiguous
        seen.append(len(rows))
    assert sum(seen) == n and len(seen) == -(-n // m)


def test_sequences_with_more_than_two_axes(monkeypatch):
    monkeypatch.setattr(batches, "GATHER_ROWS", 4)  # several refills of the buffer
    rng = np.random.default_rng(0)
    x = rng.standard_normal((11, 5, 3))  # (n, T, n_in)
    y = rng.standard_normal((11, 5, 2))
    order = rng.permutation(11)
    # each batch is a view valid until the next one is taken, hence the copies
    got = np.concatenate([xb.copy() for _, xb, _ in shuffled_batches(x, y, order, 2)])
    np.testing.assert_array_equal(got, x[order])
