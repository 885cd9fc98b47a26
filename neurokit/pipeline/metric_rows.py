"""Which examples the per-epoch metrics score: the first rows of a split, as views.

Scoring after every epoch is a forward pass over the scored rows. For MNIST's 784-30-10 net
that is 15,000 rows (5,000 training, 10,000 validation) against an epoch's 50,000 forward and
backward passes: 10–30% of an epoch (docs/performance.md). ``training.metrics_rows`` caps the
rows of each split, so a run can buy speed with a noisier estimate; the rows scored are always
the same ones (the data set's own, unshuffled order), and ``train_n`` and ``validation_n`` in
each epoch's metrics say how many there were.
"""

from __future__ import annotations

from neurokit.core.datasets import Split


def first_rows(split: Split, count: int | None) -> Split:
    """The first ``count`` examples of ``split`` (all of them for None or a larger count)."""
    if count is None or len(split) <= count:
        return split
    return Split(split.x[:count], split.y[:count])
