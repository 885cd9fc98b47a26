"""The compiled backend's epoch: the same shuffled mini-batches as the numpy path, each step
one call into ``fast_kernels`` (numba), a run of steps per call between progress updates; and
its feedforward, which scores the epoch (``predict``).

It trains only what its kernels implement: the ``feedforward`` model with built-in sigmoid or
linear neurons, the built-in quadratic cost and SGD. ``unsupported`` names the first thing
that is not, so ``neurokit.pipeline.backends`` can fall back to numpy with a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from neurokit.builtins.costs import Quadratic
from neurokit.builtins.optimizers import SGD
from neurokit.core.network import Network
from neurokit.core.neurons import Linear, Sigmoid

# The kernels' BLAS (MKL or SciPy's OpenBLAS) is a second library beside numpy's: loading it
# now, before training starts, lets ``neurokit.pipeline.threads`` hold it to the same count.
from neurokit.pipeline.backends import fast_blas
from neurokit.pipeline.backends.denormals import FlushDenormals
from neurokit.pipeline.batch_events import batch_observer
from neurokit.pipeline.progress import Reporter, Throughput
from neurokit.pipeline.snapshots import Snapshot

if TYPE_CHECKING:
    from neurokit.pipeline.training import Run

#: The BLAS family of the kernels' products, whose thread rule applies
#: (``neurokit.pipeline.threads.worth_splitting``): "mkl", or "openblas" for SciPy's.
BLAS = "mkl" if fast_blas.LIBRARY == "mkl" else "openblas"

#: Neuron class → its code in the kernels (exact classes: a subclass may change σ).
NEURON_CODES = {Sigmoid: 0, Linear: 1}

#: Entries of the widest layer's work arrays in one ``predict`` call: a split's rows go through
#: in chunks of at most this many entries (16 MB per array in float64), whole for narrow nets.
PREDICT_ENTRIES = 2_000_000


def unsupported(run: Run) -> str | None:
    """Why the fast path cannot train this run, or None when it can."""
    model = run.model
    if type(model) is not Network:
        return f"model {getattr(model, 'name', type(model).__name__)!r}"
    for neuron in model.neurons:
        if type(neuron) not in NEURON_CODES:
            return f"neuron {getattr(neuron, 'name', type(neuron).__name__)!r}"
    if type(run.cost) is not Quadratic:
        return f"cost {getattr(run.cost, 'name', type(run.cost).__name__)!r}"
    if type(run.optimizer) is not SGD:
        return f"optimizer {getattr(run.optimizer, 'name', type(run.optimizer).__name__)!r}"
    if run.dataset.train.x.ndim != 2:
        return "inputs that are not one row of numbers per example"
    if run.registry.pm.hook.neurokit_batch_start.get_hookimpls():
        # a compiled run of steps makes no Python call per mini-batch to hand to an observer
        return "per-mini-batch hook (neurokit_batch_start)"
    return None


class Buffers:
    """Work arrays for one batch size, one row per example: a^l, e^{−|z^l|} (for σ') and δ^l
    per layer; and BP3's sums, one per neuron of the widest layer."""

    def __init__(self, network: Network, rows: int):
        dtype = network.dtype
        self.acts = tuple(np.empty((rows, n), dtype=dtype) for n in network.sizes)
        self.exps = tuple(np.empty((rows, n), dtype=dtype) for n in network.sizes[1:])
        self.deltas = tuple(np.empty((rows, n), dtype=dtype) for n in network.sizes[1:])
        self.totals = np.empty(max(network.sizes[1:]), dtype=np.float64)


def _kinds(network: Network) -> np.ndarray:
    return np.array([NEURON_CODES[type(neuron)] for neuron in network.neurons], dtype=np.int64)


def predict(network: Network, x: np.ndarray) -> np.ndarray:
    """a^L for every row of x, as ``Network.predict`` computes it, on the compiled path.

    The per-epoch evaluation scores 15,000 rows after an epoch that the compiled steps finish
    in about a tenth of a second. Through MKL's products (at the process's thread count, as
    the numpy path's evaluation runs) and its vectorised exponential, that takes a third to a
    half of the time of numpy's feedforward (docs/performance.md)."""
    if np.ndim(x) == 1:
        return predict(network, np.asarray(x)[None, :])[0]
    x = np.ascontiguousarray(x, dtype=network.dtype)
    outputs = np.empty((len(x), network.sizes[-1]), dtype=network.dtype)
    rows = max(1, PREDICT_ENTRIES // max(network.sizes[1:]))
    for start in range(0, len(x), rows):
        acts, _ = _feedforward(network, x[start : start + rows], len(network.weights))
        outputs[start : start + rows] = acts[-1]
    return outputs


def sigma_primes(network: Network, x: np.ndarray) -> list[np.ndarray]:
    """σ'(z^l) on the rows of x for each hidden layer l (sigmoid layers; 1 for linear ones),
    from the compiled feedforward's e^{−|z^l|}: the numbers ``neurokit.pipeline.saturation``
    measures, without a numpy product between the compiled path's (the two libraries' idle
    threads would slow each other down)."""
    from neurokit.pipeline.backends import fast_kernels as kernels

    x = np.ascontiguousarray(x, dtype=network.dtype)
    _, exps = _feedforward(network, x, len(network.weights) - 1)
    primes = [np.ones_like(e) for e in exps]
    for prime, e, kind in zip(primes, exps, _kinds(network), strict=False):
        kernels._times_sigma_prime(prime, e, kind)  # 1 ⊙ σ'(z^l): BP2's own σ'
    return primes


def _feedforward(network: Network, x: np.ndarray, layers: int):
    """a^l and e^{−|z^l|} of the first ``layers`` layers after the input, for the rows of a
    C-contiguous x in the network's dtype: one compiled call."""
    from neurokit.pipeline.backends import fast_kernels as kernels

    sizes = network.sizes[1 : layers + 1]
    acts = tuple(np.empty((len(x), n), dtype=network.dtype) for n in sizes)
    exps = tuple(np.empty_like(act) for act in acts)
    weights, biases = tuple(network.weights[:layers]), tuple(network.biases[:layers])
    with FlushDenormals():
        kernels.feedforward(x, weights, biases, _kinds(network)[:layers], acts, exps)
    return acts, exps


def train_epoch(run: Run, epoch: int, reporter: Reporter, interrupted, snapshot=None) -> bool:
    """One epoch on the compiled path; False when interrupted (after a whole mini-batch).

    ``snapshot`` is the state at the epoch's start (taken here if not given). An epoch with a
    per-mini-batch observer runs on the numpy path, which calls it before every step."""
    from neurokit.pipeline import training

    if batch_observer(run, epoch) is not None:
        return training._train_epoch(run, epoch, reporter, interrupted, snapshot)

    network = run.model
    assert isinstance(network, Network)
    snapshot = snapshot or Snapshot.take(run)
    order = run.rng.permutation(len(run.dataset.train.x))  # the numpy path's shuffle
    with FlushDenormals():  # saturated sigmoids make subnormals, each a slow microcode assist
        finished = _steps(run, network, epoch, order, reporter, interrupted)
    if finished and not training._all_finite(network.parameters):
        training._find_first_bad_batch(run, epoch, snapshot, order)
    return finished


def _steps(run: Run, network: Network, epoch: int, order, reporter: Reporter, interrupted) -> bool:
    """The epoch's mini-batches of ``order``, a run of compiled steps per call; False when
    interrupted (after a whole run of steps)."""
    from neurokit.pipeline.backends import fast_kernels as kernels

    x, y = run.dataset.train.x, run.dataset.train.y
    n, m = len(x), run.batch_size
    weights, biases = tuple(network.weights), tuple(network.biases)
    kinds = _kinds(network)
    assert isinstance(run.optimizer, SGD)
    eta = float(run.optimizer.eta)
    full = Buffers(network, m)
    batches = n // m
    # Steps per compiled call: as many as the progress display wants between updates.
    every = max(1, batches // reporter.updates_per_epoch) if reporter.updates_per_epoch else 64
    every = min(every, 64)  # and few enough that Ctrl-C is noticed within a moment
    clock = Throughput()
    done = 0
    while done < batches:
        count = min(every, batches - done)
        start, stop = done * m, (done + count) * m
        kernels.sgd_steps(x, y, order, start, stop, m, weights, biases, kinds, eta,
                          full.acts, full.exps, full.deltas, full.totals)  # fmt: skip
        done += count
        if reporter.updates_per_epoch:
            reporter.batch(epoch, done, clock.rate(stop))
        if interrupted.is_set():
            return False
    if batches * m < n:  # the last, shorter mini-batch
        tail = Buffers(network, n - batches * m)
        kernels.sgd_step(x, y, order[batches * m :], weights, biases, kinds, eta,
                         tail.acts, tail.exps, tail.deltas, tail.totals)  # fmt: skip
    return True
