"""The BLAS thread count: one thread for small products, more only for large ones on idle
cores, and the spec's training.threads (the train command's --threads) always wins."""

from __future__ import annotations

import pytest

from neurokit.core.hookspecs import hookimpl
from neurokit.pipeline import threads, training
from neurokit.pipeline.progress import Reporter
from neurokit.pipeline.registry import PluginInfo
from neurokit.pipeline.threads import choose_threads, largest_product
from neurokit.spec import parse_spec


def test_largest_product_is_m_times_the_widest_layer():
    assert largest_product([784, 30, 10], 10) == 10 * 784 * 30
    assert largest_product([784, 1000, 1000, 10], 100) == 100 * 1000 * 1000


def test_small_products_get_one_thread_large_ones_the_idle_cores(monkeypatch):
    monkeypatch.setattr(threads.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(threads, "busy_cores", lambda: 1.2)
    assert choose_threads([784, 30, 10], 100) == 1
    assert choose_threads([784, 1000, 1000, 10], 100) == 3  # 4 cores, 1.2 busy
    assert choose_threads(None, 100) == 1  # a model without layer sizes
    monkeypatch.setattr(threads, "busy_cores", lambda: 9.0)
    assert choose_threads([784, 1000, 1000, 10], 100) == 1  # every core busy


def test_mkl_also_splits_a_large_weight_matrix_at_any_batch_size(monkeypatch):
    monkeypatch.setattr(threads.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(threads, "busy_cores", lambda: 0.0)
    wide, thin = [784, 1000, 1000, 10], [784, 300, 100, 10]
    # m = 1 streams a 1000 × 1000 w^l from memory: two cores do it faster, on MKL only
    assert choose_threads(wide, 1, "mkl") == 2
    assert choose_threads(wide, 1, "openblas") == 1
    # 300 × 784 is under MKL_WEIGHTS_WORTH: one thread until the product is large
    assert choose_threads(thin, 1, "mkl") == 1
    assert choose_threads(thin, 10, "mkl") == 1  # 2.35e6 multiply-adds
    assert choose_threads(thin, 100, "mkl") == 2  # 2.35e7
    assert choose_threads([784, 15, 10], 100, "mkl") == 1


def test_busy_cores_are_the_other_running_tasks_not_the_load_average(tmp_path, monkeypatch):
    loadavg = tmp_path / "loadavg"
    # a load average of 1.9 left over from earlier work, but only this process running now
    loadavg.write_text("1.90 1.20 0.80 1/212 4242\n")
    monkeypatch.setattr(threads, "LOADAVG", str(loadavg))
    monkeypatch.setattr(threads, "own_running_threads", lambda: 1)
    assert threads.busy_cores() == 0.0
    loadavg.write_text("0.10 0.20 0.30 3/212 4242\n")  # two others running right now
    assert threads.busy_cores() == 2.0
    monkeypatch.setattr(threads, "own_running_threads", lambda: 2)  # our BLAS worker spins
    assert threads.busy_cores() == 1.0
    # our BLAS worker asleep when we first counted ours, then woken and counted by the system
    # (and by our second count): still ours, not another task's
    counts = iter([1, 2] * 5)
    monkeypatch.setattr(threads, "own_running_threads", lambda: next(counts))
    loadavg.write_text("0.10 0.20 0.30 2/212 4242\n")
    assert threads.busy_cores() == 0.0
    # where the kernel has no such file: the 1-minute load average
    monkeypatch.setattr(threads, "own_running_threads", lambda: 1)
    monkeypatch.setattr(threads, "LOADAVG", str(tmp_path / "missing"))
    monkeypatch.setattr(threads.os, "getloadavg", lambda: (1.5, 0.0, 0.0))
    assert threads.busy_cores() == 1.5


def blas_thread_counts() -> set[int]:
    from threadpoolctl import threadpool_info

    return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}


class ThreadsSeen(Reporter):
    """Records the BLAS thread count in force during each epoch's steps and at its end."""

    def __init__(self):
        self.during = []
        self.after = []

    @hookimpl
    def neurokit_batch_start(self, run, epoch, batch, x, y):
        self.during.append(blas_thread_counts())

    def epoch_end(self, metrics):
        self.after.append(blas_thread_counts())


@pytest.mark.parametrize("count", [1, 2])
def test_training_threads_sets_the_blas_threads_while_training(registry, xor_spec_dict, count):
    """The learning steps run with training.threads; the per-epoch metrics and everything
    after training with the process's own setting."""
    xor_spec_dict["training"].update(epochs=2, threads=count)
    spec = parse_spec(xor_spec_dict, registry)
    seen = ThreadsSeen()
    registry.register(seen, PluginInfo("threads-seen", "test"))
    own = blas_thread_counts()
    training.train(training.prepare(spec, registry), seen)
    assert seen.during == [{count}] * len(seen.during) and seen.during
    assert seen.after == [own, own]
    assert blas_thread_counts() == own


def test_own_running_threads_counts_the_running_tasks_of_this_process(tmp_path):
    for task, state in (("100", "R"), ("101", "S"), ("102", "R")):
        (tmp_path / task).mkdir()
        (tmp_path / task / "stat").write_text(f"{task} (python (x) y) {state} 1 2 3\n")
    assert threads.own_running_threads(str(tmp_path)) == 2
    assert threads.own_running_threads(str(tmp_path / "missing")) == 1
    assert threads.own_running_threads() >= 1  # the real /proc/self/task, where there is one
