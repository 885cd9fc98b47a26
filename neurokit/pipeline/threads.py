"""How many BLAS threads a training run uses: chosen by the shape of its products, or given.

On a small machine a second BLAS thread pays only when one matrix product is large enough to
split: at m = 10 (and for thin nets at m = 100) each product is a few microseconds, and the
worker thread's hand-off and busy-waiting cost more than it saves. When other processes keep
the cores busy, the second thread also has to wait for a core, and every product waits for the
slower half: that is how a default of 2 threads ran 1.35–7.7× slower than 1 under load.
So the default is 1 thread, and 2 (or more) only for products of at least ``SPLIT_WORTH``
multiply-adds and only while no other task is running on the core each extra thread needs.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from collections.abc import Iterator, Sequence
from typing import Any

#: Multiply-adds in the largest per-step product (m × n_{l−1} × n_l) from which more than one
#: BLAS thread pays. Calibrated with benchmarks/bench_threads.py on a quiet 2-core machine
#: (docs/performance.md): a second thread gained nothing up to 2.4·10⁶ (0.97–1.16× the time of
#: one) and paid from 7.8·10⁶ (0.58–0.94×).
SPLIT_WORTH = 5_000_000

#: Entries of one w^l from which a second thread pays at any batch size on MKL, the library
#: of the compiled path's products where it is installed (``backends.fast_blas``). MKL's second
#: thread costs more than OpenBLAS's on small products (784-30-10 at m = 1: 1.8–4.2× the time of
#: one thread) and pays from the same ``SPLIT_WORTH`` (7.8·10⁶: 0.80–0.89×). But it also pays
#: on a large weight matrix even at m = 1: each step then streams w^l from memory, and two cores
#: stream it faster (a 1000 × 1000 w^l: 0.40–0.51×, against 1.0–1.8× for 300 × 784). Measured
#: with ``benchmarks/bench_threads.py --backend fast`` (docs/performance.md).
MKL_WEIGHTS_WORTH = 500_000


def largest_product(sizes: Sequence[int], batch_size: int) -> int:
    """m × n_{l−1} × n_l for the widest layer: the multiply-adds of its feedforward product."""
    pairs = zip(sizes[:-1], sizes[1:], strict=False)
    return max(batch_size * n_in * n_out for n_in, n_out in pairs)


#: Linux's run-queue file: its fourth field is "running/total" tasks at this instant.
LOADAVG = "/proc/loadavg"


def busy_cores() -> float:
    """Cores that other work keeps busy now: the tasks running at this instant besides this
    process's own threads (the median of a few looks 2 ms apart), or, where the kernel does
    not say, the 1-minute load average. Not the load average on Linux: this process's own
    earlier trainings (a benchmark's, a sweep's, a notebook's) keep it near 1 for a minute
    after they end, which would wrongly take a core that is idle now."""
    looks = []
    for look in range(5):
        own_before = own_running_threads()
        try:
            with open(LOADAVG) as file:
                running = int(file.read().split()[3].split("/")[0])
        except (OSError, ValueError, IndexError):
            break
        # Our own threads counted before and after the system's count: a BLAS worker that
        # stops spinning (or starts) between the two reads is still ours, not other work.
        looks.append(running - max(own_before, own_running_threads()))
        if look < 4:
            time.sleep(0.002)
    if looks:
        return max(0.0, float(statistics.median(looks)))
    try:
        return os.getloadavg()[0]
    except OSError:  # not available on this platform
        return 0.0


def own_running_threads(tasks: str = "/proc/self/task") -> int:
    """This process's threads that are running now (at least 1: the one asking). Its BLAS
    pool's workers spin for a while after each product, and they are not other work."""
    count = 0
    with contextlib.suppress(OSError):
        for task in os.listdir(tasks):
            stat = os.path.join(tasks, task, "stat")
            with contextlib.suppress(OSError, IndexError), open(stat) as file:
                # "pid (name) S …": the state follows the name, which may hold spaces
                count += file.read().rsplit(")", 1)[1].split()[0] == "R"
    return max(1, count)


def idle_cores() -> int:
    """Cores not busy with other work right now, at least 1."""
    cores = os.cpu_count() or 1
    return max(1, min(cores, int(cores - busy_cores() + 0.5)))


def largest_weights(sizes: Sequence[int]) -> int:
    """n_l × n_{l−1} for the largest w^l."""
    return max(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False))


def worth_splitting(sizes: Sequence[int] | None, batch_size: int, blas: str = "openblas") -> bool:
    """Whether a second BLAS thread pays for a net of ``sizes`` with mini-batches of m rows,
    its products done by ``blas`` ("openblas": numpy's; "mkl": the compiled path's)."""
    if not sizes:
        return False
    if largest_product(sizes, batch_size) >= SPLIT_WORTH:
        return True
    return blas == "mkl" and largest_weights(sizes) >= MKL_WEIGHTS_WORTH


def choose_threads(sizes: Sequence[int] | None, batch_size: int, blas: str = "openblas") -> int:
    """The BLAS thread count for that net: the idle cores when splitting pays, else 1."""
    return idle_cores() if worth_splitting(sizes, batch_size, blas) else 1


@contextlib.contextmanager
def blas_threads(count: int) -> Iterator[int]:
    """Hold every BLAS library in this process (numpy's, and numba's through SciPy) to
    ``count`` threads inside the block."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=count, user_api="blas"):
        yield count


class HeldThreads:
    """``with held:`` holds every BLAS library to ``count`` threads inside the block, and
    gives back the process's own setting after it.

    Training enters it once per epoch, around the learning steps only: the libraries are
    looked up once, here (after the backend has loaded its own BLAS), so a block costs a
    couple of calls per library. The per-epoch evaluation runs outside it, with the process's
    setting: one large product per layer, which is where more threads pay, and whose float32
    sums depend on the thread count, so metrics match those of a run that held nothing.
    """

    def __init__(self, count: int) -> None:
        from threadpoolctl import ThreadpoolController

        self.count = count
        self._controller = ThreadpoolController()
        self._limiter: Any = None

    def __enter__(self) -> int:
        self._limiter = self._controller.limit(limits=self.count, user_api="blas")
        return self.count

    def __exit__(self, *exc_info: object) -> None:
        self._limiter.restore_original_limits()
