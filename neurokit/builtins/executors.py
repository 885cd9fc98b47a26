"""The built-in sweep executors: ``local`` (a process pool) and ``dask`` (dask.distributed).

Both run ``fn(task)`` for each trial and hand back ``concurrent.futures.Future`` objects, so
the sweep waits on one kind of future whatever runs the trials.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import Executor, ExecutorType
from neurokit.core.errors import NeurokitError
from neurokit.core.hookspecs import hookimpl

if TYPE_CHECKING:
    import concurrent.futures

# concurrent.futures and multiprocessing are imported where a sweep starts its workers, not
# here: every command loads this plugin, and those imports cost ~10 ms it mostly never needs.

#: Seconds to wait for a Dask scheduler to answer before giving up.
CONNECT_TIMEOUT = 10.0


class LocalParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    workers: int | None = Field(default=None, ge=1, description="processes (default: cores)")


class DaskParams(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    workers: int | None = Field(
        default=None, ge=1, description="worker processes of a LocalCluster (default: cores)"
    )
    scheduler: str | None = Field(
        default=None, description="address of a running scheduler, e.g. tcp://host:8786"
    )
    connect_timeout: float = Field(default=CONNECT_TIMEOUT, gt=0, description="seconds")


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # None when the count is unknown


# --- local --------------------------------------------------------------------------------


class LocalExecutor(Executor):
    """A pool of worker processes on this machine, each running one trial at a time."""

    def __init__(self, workers: int | None = None):
        import concurrent.futures
        import multiprocessing

        self.workers = workers or _cores()
        # spawn, not fork: the sweep's own process has threads (the live display), and a
        # forked copy of a threaded process can deadlock.
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_ignore_terminal_signals,
        )

    def submit(self, fn, task):
        return self._pool.submit(fn, task)

    def stop(self) -> None:
        # The pool has no public way to end running work; its processes are ours to end.
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError):
                process.terminate()

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def describe(self) -> str:
        return f"local: {self.workers} worker processes"


def _ignore_terminal_signals() -> None:
    # Ctrl-C and a closed terminal (SIGHUP) reach the whole process group; the sweep decides
    # what stops, not each worker. (A trial's training still stops cleanly on them.)
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


# --- dask ---------------------------------------------------------------------------------


class DaskExecutor(Executor):
    """Trials as tasks of a ``dask.distributed`` client: a running cluster, or a LocalCluster."""

    def __init__(self, workers=None, scheduler=None, connect_timeout=CONNECT_TIMEOUT):
        distributed = _import_distributed()
        self._cluster = None
        if scheduler:
            self._client = _connect(distributed, scheduler, connect_timeout)
            self.workers = max(1, sum(self._client.nthreads().values()))
            self._where = f"dask: scheduler {scheduler}, {self.workers} worker threads"
        else:
            self.workers = workers or _cores()
            with _dask_config().set(TRIAL_WORKER_CONFIG), _unset_env(MALLOC_TRIM):
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                )
            self._client = distributed.Client(self._cluster)
            self._where = f"dask: LocalCluster of {self.workers} worker processes"
        self._futures: list = []

    def submit(self, fn, task):
        # pure=False: two trials never share a result just because their inputs match.
        remote = self._client.submit(fn, task, pure=False)
        self._futures.append(remote)
        return _as_concurrent(remote)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._client.cancel(self._futures, force=True)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None

    def describe(self) -> str:
        return self._where


#: The LocalCluster's workers as a trial wants them. Dask's defaults suit long-lived data
#: workers: every worker samples its threads' stacks every 10 ms for the dashboard's profile,
#: and the nanny sets ``MALLOC_TRIM_THRESHOLD_=65536`` so that freed memory goes back to the
#: system at once. A training allocates and frees its mini-batch temporaries thousands of
#: times a second; with both, a 2-worker sweep of the MNIST sample ran at 0.92× the serial
#: time, without them at 0.54× (benchmarks/bench_sweep.py, docs/sweeps.md). BLAS stays at
#: one thread per worker, as dask sets it.
TRIAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}


#: Set by a nanny of Dask's defaults in its own process's environment, where it stays: an
#: earlier LocalCluster in this process would hand it on to the workers started here.
MALLOC_TRIM = "MALLOC_TRIM_THRESHOLD_"


@contextlib.contextmanager
def _unset_env(name: str):
    """Without ``name`` in this process's environment inside the block (for the worker
    processes it spawns), as it was after it."""
    saved = os.environ.pop(name, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[name] = saved


def _dask_config():
    import dask

    return dask.config


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise NeurokitError(
            "the dask executor needs dask.distributed: pip install 'neurokit[dask]'"
        ) from None
    return distributed


def _connect(distributed, address: str, timeout: float):
    try:
        return distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise NeurokitError(
            f"dask scheduler {address}: cannot connect within {timeout:g} s ({reason[:160]})"
        ) from None


def _as_concurrent(remote) -> concurrent.futures.Future:
    """A ``concurrent.futures.Future`` that settles when the Dask future does."""
    import concurrent.futures

    local: concurrent.futures.Future = concurrent.futures.Future()

    def settle(done) -> None:
        if local.done():
            return
        try:
            if done.status == "cancelled":
                local.cancel()
                local.set_running_or_notify_cancel()
            else:
                local.set_result(done.result())
        except BaseException as exc:  # noqa: BLE001 - a dead worker's KilledWorker, too
            with contextlib.suppress(concurrent.futures.InvalidStateError):
                local.set_exception(exc)

    remote.add_done_callback(settle)
    return local


@hookimpl
def neurokit_register_executors():
    return [
        ExecutorType(
            "local",
            lambda params: LocalExecutor(params.workers),
            LocalParams,
            summary="a process pool on this machine, one single-threaded trial per core",
        ),
        ExecutorType(
            "dask",
            lambda params: DaskExecutor(params.workers, params.scheduler, params.connect_timeout),
            DaskParams,
            summary="dask.distributed: a running cluster (scheduler address) or a LocalCluster",
        ),
    ]
