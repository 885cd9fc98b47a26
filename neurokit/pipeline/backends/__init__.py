"""Which code trains a run: the readable numpy path, or the compiled fast path.

``training.backend`` in the spec says which: ``"numpy"`` always takes the numpy path (the one
``Network.backprop`` spells out with the lecture's equations); ``"fast"`` and ``"auto"`` (the
default) take the compiled path (``neurokit.pipeline.backends.fast``) when numba is installed
and the run uses only what it implements, and otherwise the numpy path with a one-line note
saying why. ``"auto"`` says nothing when numba is simply not installed, and keeps small runs
(less than ``AUTO_MIN_WORK`` multiply-adds in all) on the numpy path: importing numba and
loading its compiled kernels takes longer than such a run.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neurokit.pipeline.training import Run

#: Multiply-adds (epochs × examples × feedforward and backprop per example) from which "auto"
#: compiles: about ten seconds of the numpy path, against about a second to start numba.
AUTO_MIN_WORK = 2e10

#: What to install for the fast path.
FAST_EXTRA = "pip install 'neurokit[fast]'"


@dataclass(frozen=True)
class Backend:
    """The chosen backend's name, its epoch function (None: the numpy path), a note, the
    BLAS library its products go to ("openblas": numpy's; "mkl" or "openblas" on the fast
    path, see ``fast_blas``), and the feedforward that scores each epoch: ``predict(network,
    x)`` for a^L and ``sigma_primes(network, x)`` for the hidden layers' σ'(z^l) (None: the
    model's own ``predict`` and the numpy path's layers)."""

    name: str
    train_epoch: Callable | None = None
    note: str = ""
    blas: str = "openblas"
    predict: Callable | None = None
    sigma_primes: Callable | None = None


def fast_available() -> bool:
    """Whether numba (and so the compiled path) can be imported."""
    return importlib.util.find_spec("numba") is not None


def choose(run: Run) -> Backend:
    """The backend for ``run``, from its spec's ``training.backend`` ("auto" when absent)."""
    wanted = run.training.backend or "auto"
    if wanted == "numpy" or (wanted == "auto" and _work(run) < AUTO_MIN_WORK):
        return Backend("numpy")
    if not fast_available():
        note = f"numba is not installed ({FAST_EXTRA}); training on the numpy path"
        return Backend("numpy", note=note if wanted == "fast" else "")
    from neurokit.pipeline.backends import fast

    reason = fast.unsupported(run)
    if reason is not None:
        return Backend("numpy", note=f"the fast path has no {reason}; training on the numpy path")
    return Backend("fast", fast.train_epoch, blas=fast.BLAS, predict=fast.predict,
                   sigma_primes=fast.sigma_primes)  # fmt: skip


def _work(run: Run) -> float:
    """Multiply-adds of the whole run: forward, BP2 and BP4 for every example and epoch."""
    sizes = getattr(run.model, "sizes", None)
    if not sizes:
        return 0.0
    per_example = 3 * sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False))
    return float(per_example) * len(run.dataset.train) * run.training.epochs
