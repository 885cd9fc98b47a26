"""Flush-to-zero around the fast path's steps: subnormal results become 0 inside the block,
and the thread's floating-point mode is as it was after it, even when the block raises."""

from __future__ import annotations

import numpy as np
import pytest

from neurokit.pipeline.backends import denormals
from neurokit.pipeline.backends.denormals import FlushDenormals

TINY32 = np.float32(1e-38)  # a normal float32 whose half is subnormal (5e-39)
TINY64 = np.float64(3e-308)  # and a normal float64 whose half is subnormal (1.5e-308)


def halves() -> tuple[float, float]:
    return float(TINY32 * np.float32(0.5)), float(TINY64 * 0.5)


needs_x86 = pytest.mark.skipif(
    not denormals.AVAILABLE, reason="flushing needs x86-64 Linux (MXCSR through glibc's fenv)"
)


@needs_x86
def test_subnormal_results_are_zero_inside_and_kept_outside():
    assert all(half > 0.0 for half in halves())  # subnormal, not 0
    with FlushDenormals():
        assert halves() == (0.0, 0.0)
        assert float(np.exp(np.float32(-100.0))) == 0.0  # e^{−|z|} of a saturated neuron
        assert float(np.exp(np.float32(-80.0))) > 0.0  # 1.8e-35 is normal: kept
    assert all(half > 0.0 for half in halves())  # subnormal, not 0


@needs_x86
def test_the_mode_comes_back_when_the_block_raises():
    with pytest.raises(RuntimeError), FlushDenormals():
        assert halves() == (0.0, 0.0)
        raise RuntimeError("a plugin failed")
    assert all(half > 0.0 for half in halves())


@needs_x86
def test_a_fast_epoch_leaves_the_mode_as_it_was(registry):
    pytest.importorskip("numba", reason="the fast path needs numba (pip install 'neurokit[fast]')")
    from neurokit.core.datasets import Dataset, Split
    from neurokit.pipeline import training
    from neurokit.pipeline.progress import Reporter
    from neurokit.spec import parse_spec

    rng = np.random.default_rng(0)
    x, y = rng.random((20, 6)), np.eye(2)[rng.integers(0, 2, 20)]
    spec = {
        "schema_version": 1,
        "name": "ftz",
        "layers": [{"size": 6}, {"size": 4, "neuron": "sigmoid"}, {"size": 2, "neuron": "sigmoid"}],
        "cost": "quadratic",
        "optimizer": {"name": "sgd", "params": {"eta": 3.0}},
        "training": {"epochs": 2, "batch_size": 5, "seed": 0, "backend": "fast"},
        "data": {"name": "mnist-sample"},
    }
    run = training.prepare(
        parse_spec(spec, registry), registry, dataset=Dataset("d", {"train": Split(x, y)})
    )
    training.train(run, Reporter())
    assert run.history and all(half > 0.0 for half in halves())
