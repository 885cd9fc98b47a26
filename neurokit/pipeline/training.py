"""Training: epochs over a shuffled training set, with metrics and events, for any model.

A model that learns by gradients takes one ``update_mini_batch`` step (``neurokit.core.sgd``)
per mini-batch; a model with its own rule gets ``learn`` on each mini-batch (or the whole
training set at once). Each epoch draws a permutation of the training set from the run's
seeded generator, so the same spec and seed give bit-identical parameters. After each epoch
the run records the training cost (and held-out cost and accuracy where the data set has a
validation split), tells the reporter and every plugin's ``neurokit_epoch_end``, and, with an
output directory, saves.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from neurokit.core import metrics
from neurokit.core.components import Cost, Optimizer
from neurokit.core.datasets import Dataset, Split
from neurokit.core.errors import (
    ModelFileError,
    NeurokitError,
    PluginFault,
    SpecError,
    TrainingError,
)
from neurokit.core.model import LearningStep, Model
from neurokit.core.sgd import update_mini_batch
from neurokit.pipeline import backends, builder, faults, nanorigin, pacing, runinfo, runs, saving
from neurokit.pipeline.batch_events import batch_observer
from neurokit.pipeline.batches import shuffled_batches
from neurokit.pipeline.checkpoints import CHECKPOINT_FILE, restore_checkpoint
from neurokit.pipeline.early_stopping import EarlyStopping
from neurokit.pipeline.interrupts import StopNow, StopRequests, signal_name
from neurokit.pipeline.metric_rows import first_rows
from neurokit.pipeline.pacing import CheckpointPacer
from neurokit.pipeline.progress import Reporter, Throughput
from neurokit.pipeline.registry import PluginProblem
from neurokit.pipeline.saturation import saturation_columns
from neurokit.pipeline.snapshots import Snapshot
from neurokit.pipeline.threads import HeldThreads, choose_threads
from neurokit.spec import Spec, Training
from neurokit.spec.datafit import check_dataset

if TYPE_CHECKING:
    from neurokit.pipeline.registry import Registry

#: At most this many training examples are evaluated after each epoch (see ``_train_probe``).
TRAIN_METRICS_ROWS = 5_000

#: Seconds between saves of the run directory while training (and always after the last epoch).
SAVE_INTERVAL = 5.0

#: Seconds at least between two checkpoints (the last epoch and a stop are always saved);
#: see ``neurokit.pipeline.pacing`` for the rest of the rule.
CHECKPOINT_MIN_SECONDS = pacing.MIN_SECONDS


@dataclass
class Run:
    """Everything one training run works with; what event hooks receive as ``run``."""

    spec: Spec
    model: Model
    cost: Cost | None
    optimizer: Optimizer | None
    dataset: Dataset
    registry: Registry
    rng: np.random.Generator
    out_dir: Path | None = None
    history: list[dict] = field(default_factory=list)
    #: Save a checkpoint (for ``resume``) every this many epochs; None for never.
    checkpoint_every: int | None = None
    stopped_early: bool = False
    stop_reason: str = ""
    #: The signal that stopped training (SIGINT, SIGTERM, SIGHUP), 0 if none did.
    stop_signal: int = 0
    #: Where and what has been saved (``neurokit.pipeline.saving.RunStore``).
    store: saving.RunStore | None = None
    #: The state at the start of the epoch in progress; None between epochs.
    epoch_start: object = None
    #: What happened to the run directory, when the user should be told (kept, moved).
    note: str = ""
    #: Set from another thread (the studio's Stop) to stop after the current mini-batch and
    #: save, exactly as a stop signal does.
    stop: threading.Event = field(default_factory=threading.Event, repr=False)
    #: ``training.early_stopping``'s state (best so far, its epoch), kept across a resume.
    early_stopping: EarlyStopping | None = None

    def __repr__(self) -> str:
        return f"<Run {self.spec.name!r} {self.model!r} epochs_done={len(self.history)}>"

    @property
    def network(self) -> Model:
        """The model under its older name (the feedforward net was the only model once)."""
        return self.model

    @property
    def training(self) -> Training:
        """The spec's training section (``prepare`` refuses a spec without one)."""
        assert self.spec.training is not None
        return self.spec.training

    @property
    def batch_size(self) -> int:
        """Examples per learning step: the spec's m, or all of them for a full-batch model."""
        if self.model.full_batch or self.training.batch_size is None:
            return len(self.dataset.train)
        return self.training.batch_size


def prepare(
    spec: Spec, registry, *, data_dir=None, out_dir: Path | None = None, dataset=None
) -> Run:
    """Build the network, cost, optimizer and data set of a checked, trainable spec.

    ``dataset`` replaces the spec's data set with one already in memory (it must fit the net).
    """
    if spec.training is None:
        from neurokit.core.errors import Problem

        raise SpecError([Problem("training", "required to train")], spec.source)
    if dataset is None:
        dataset = builder.load_dataset(spec, registry, data_dir)
    problems = check_dataset(spec, dataset)
    if problems:
        raise SpecError(problems, spec.source)
    # One generator for the whole run: first the initial weights, then every epoch's shuffle.
    rng = np.random.default_rng(spec.training.seed)
    model = builder.build_model(spec, registry, rng=rng)
    problems = model.data_problems(dataset.train.x, dataset.train.y)
    if problems:
        raise SpecError(problems, spec.source)
    return Run(
        spec=spec,
        model=model,
        cost=builder.build_cost(spec, registry),
        optimizer=builder.build_optimizer(spec, registry),
        dataset=dataset,
        registry=registry,
        rng=rng,
        out_dir=out_dir,
    )


def train(run: Run, reporter: Reporter | None = None) -> Run:
    """Train ``run`` for its spec's epochs; returns it with ``history`` filled in.

    SIGINT, SIGTERM and SIGHUP stop it after the current mini-batch (``run.stop_signal``
    says which); plugin code that fails is reported as a ``PluginFault`` after the last
    finished epoch has been saved.
    """
    reporter = guarded(reporter or Reporter())
    epochs = run.training.epochs
    first_epoch = len(run.history) + 1
    batches = -(-len(run.dataset.train) // run.batch_size)
    if not run.history:
        run.model.begin(run.dataset.train, run.rng)
    stop = StopRequests(run.stop)
    epoch_start = None
    try:
        # Overflow on the way to NaN is expected and caught below, with a clearer message.
        with stop, np.errstate(over="ignore", invalid="ignore"):
            try:
                run.registry.notify("neurokit_train_start", run=run)
                reporter.start(run, epochs, batches, first_epoch)
                with stop.stoppable():
                    epoch_start = _train_epochs(run, reporter, stop, first_epoch, epochs)
            except TrainingError as exc:
                run.stopped_early, run.stop_reason = True, str(exc)
                with stop.saving():
                    save_run(
                        run, checkpoint=bool(run.checkpoint_every), at_epoch_start=run.epoch_start
                    )
                raise
            except BaseException as exc:
                _stopped_by_fault(run, exc, stop, epoch_start)
                if isinstance(exc, StopNow):
                    return run  # saved; stopped like the first signal asked, only sooner
                fault = _as_plugin_fault(run, exc)
                if fault is not None:
                    raise fault from exc
                raise
            if run.stopped_early:
                with stop.saving():
                    save_run(run, checkpoint=True, at_epoch_start=epoch_start)
    finally:
        reporter.end()
        _notify_train_end(run)
    return run


def _notify_train_end(run: Run) -> None:
    try:
        run.registry.notify(
            "neurokit_train_end", run=run, history=run.history, stopped_early=run.stopped_early
        )
    except BaseException as exc:  # the run is saved already; say whose fault it is
        fault = _as_plugin_fault(run, exc)
        if fault is not None:
            raise fault from exc
        raise


def run_threads(run: Run, backend: backends.Backend | None = None) -> int:
    """BLAS threads for ``run``: the spec's ``training.threads``, or chosen by shape for the
    library that will do its products (``backend``'s, chosen here when not given)."""
    if run.training.threads:
        return run.training.threads
    sizes = getattr(run.model, "sizes", None)
    return choose_threads(sizes, run.batch_size, (backend or backends.choose(run)).blas)


def _train_epochs(run: Run, reporter, stop: StopRequests, first_epoch: int, epochs: int):
    """The epoch loop; returns the snapshot taken at the start of the last epoch begun."""
    backend = backends.choose(run)  # ``neurokit.pipeline.backends``: its note is told once
    if backend.note:
        reporter.message(backend.note)
    train_epoch = backend.train_epoch or _train_epoch
    threads = HeldThreads(run_threads(run, backend))  # for the learning steps, not the metrics
    last_save, pacer = time.perf_counter(), CheckpointPacer()
    epoch_start = None
    stopper = run.early_stopping = run.early_stopping or EarlyStopping.for_run(run)
    for epoch in range(first_epoch, epochs + 1):
        started = time.perf_counter()
        epoch_start = Snapshot.take(run)
        run.epoch_start = epoch_start
        with threads:
            finished = train_epoch(run, epoch, reporter, stop, epoch_start)
        if not finished:
            run.stopped_early = True
            run.stop_signal = stop.signum
            run.stop_reason = f"interrupted in epoch {epoch} by {_stopper(stop)}"
            return epoch_start
        row = _epoch_metrics(run, epoch, time.perf_counter() - started, backend)
        run.history.append(row)
        run.epoch_start = None  # the epoch is finished: a fault from here on keeps it
        reporter.epoch_end(row)
        run.registry.notify(
            "neurokit_epoch_end",
            after_each=functools.partial(_check_metrics, run, row),
            run=run,
            epoch=epoch,
            metrics=row,
        )
        if stopper is not None and stopper.update(run, row) and epoch < epochs:
            run.stopped_early, run.stop_reason = True, stopper.stop(run, row)
            reporter.message(run.stop_reason)
            return None  # the epoch is finished: the checkpoint holds the state as it is now
        now = time.perf_counter()
        every = run.checkpoint_every
        checkpoint = every is not None and every > 0 and epoch % every == 0
        # Checkpoints are paced so that they cost a bounded share of the training
        # (neurokit.pipeline.pacing): a tiny net's epoch must not pay a durable write each time.
        checkpoint = checkpoint and pacer.due()
        if checkpoint or epoch == epochs or now - last_save >= SAVE_INTERVAL:
            with stop.saving():
                save_run(
                    run, checkpoint=checkpoint or (epoch == epochs and bool(run.checkpoint_every))
                )
            last_save, took = time.perf_counter(), time.perf_counter() - now
            if checkpoint:
                pacer.written(took)
        if stop.is_set():  # arrived during the epoch's metrics, hooks or save
            run.stopped_early, run.stop_signal = True, stop.signum
            run.stop_reason = f"interrupted after epoch {epoch} by {_stopper(stop)}"
            return None
    return None


def _stopper(stop: StopRequests) -> str:
    """What asked training to stop: a signal's name, or a request from another thread."""
    return signal_name(stop.signum) if stop.signum else "a stop request"


def _check_metrics(run: Run, row: dict, plugin: str) -> None:
    for key in faults.json_safe_metrics(row):
        run.registry.problems.append(
            PluginProblem(plugin, f"put a non-JSON value in metrics[{key!r}]; it was dropped")
        )


def _stopped_by_fault(run: Run, exc: BaseException, stop: StopRequests, epoch_start) -> None:
    """Plugin code (or a second stop signal) ended training: save the last finished epoch."""
    run.stopped_early = True
    if isinstance(exc, StopNow):
        run.stop_signal = exc.signum
        run.stop_reason = f"stopped at once by a second {signal_name(exc.signum)}"
    else:
        run.stop_reason = f"{type(exc).__name__} in plugin code"
    unfinished = getattr(run, "epoch_start", None)
    if unfinished is not None:
        unfinished.restore(run)  # the epoch in progress is dropped: back to its start
        epoch_start = None
    if run.out_dir is None or not run.history:
        return  # nothing finished, nothing worth keeping
    with contextlib.suppress(Exception), stop.saving():
        save_run(run, checkpoint=True, at_epoch_start=epoch_start)


def _as_plugin_fault(run: Run, exc: BaseException):
    done = len(run.history)
    fault: PluginFault | None
    if isinstance(exc, PluginFault) and exc.hook:
        # an observer's hook (registry.notify named it): between epochs, not during one
        where = f"after epoch {done}" if done else "before epoch 1"
        fault = PluginFault(str(exc).replace("(): ", f"() {where}: ", 1))
    elif isinstance(exc, StopNow | NeurokitError):
        return None
    else:
        fault = faults.plugin_fault(exc, run.registry, f"during epoch {done + 1}")
    if fault is not None and run.out_dir is not None:
        saved = f"the {done} finished epoch(s) were saved" if done else "no epoch had finished"
        fault.args = (f"{fault.args[0]}; {saved}",)
    return fault


def guarded(reporter: Reporter) -> Reporter:
    from neurokit.pipeline.progress import QuietOnFailure

    return QuietOnFailure(reporter)


def _train_epoch(run: Run, epoch: int, reporter: Reporter, interrupted, snapshot=None) -> bool:
    """One epoch of learning steps; False when interrupted part-way (the batch finished).

    ``snapshot`` is the state at the epoch's start (taken here if not given)."""
    x, y = run.dataset.train.x, run.dataset.train.y
    m = run.batch_size
    snapshot = snapshot or Snapshot.take(run)
    order = run.rng.permutation(len(x))
    step = _step_function(run, epoch)
    every = max(1, (len(x) // m) // reporter.updates_per_epoch) if reporter.updates_per_epoch else 0
    clock = Throughput()
    watch = batch_observer(run, epoch)
    for batch, (end, x_batch, y_batch) in enumerate(shuffled_batches(x, y, order, m), start=1):
        if watch is not None:
            watch(batch, x_batch, y_batch)  # may block while a studio pauses training
            if interrupted.is_set():
                return False
        step(batch, x_batch, y_batch)
        if every and batch % every == 0:
            reporter.batch(epoch, batch, clock.rate(end))
        if interrupted.is_set():
            return False
    if not _all_finite(run.model.parameters):
        _find_first_bad_batch(run, epoch, snapshot, order)
    return True


def _step_function(run: Run, epoch: int):
    """``step(batch, x, y)``: one learning step of this run's model on a mini-batch."""
    model = run.model
    if model.learning == "gradient":
        cost, optimizer = run.cost, run.optimizer
        assert cost is not None and optimizer is not None  # the spec checks require both

        def gradient_step(batch: int, x: np.ndarray, y: np.ndarray) -> None:
            update_mini_batch(model, cost, optimizer, x, y)

        return gradient_step
    batches = -(-len(run.dataset.train) // run.batch_size)
    epochs = run.training.epochs

    def rule_step(batch: int, x: np.ndarray, y: np.ndarray) -> None:
        model.learn(x, y, LearningStep(epoch, epochs, batch, batches, run.rng))

    return rule_step


def _epoch_metrics(
    run: Run, epoch: int, seconds: float, backend: backends.Backend | None = None
) -> dict:
    """The epoch's row of ``metrics.jsonl``, scored with ``backend``'s feedforward (the
    model's own when it has none)."""
    predict = backend.predict if backend else None
    probe = _train_probe(run.dataset.train, run.training.metrics_rows)
    train = metrics.evaluate_split(run.model, run.cost, probe, predict)
    if train["cost"] is not None and not np.isfinite(train["cost"]):
        origin = nanorigin.first_nonfinite(run, probe.x, probe.y)
        raise TrainingError(f"epoch {epoch}: the training cost is {train['cost']}: {origin}")
    row = {
        "epoch": epoch,
        "train_cost": train["cost"],
        **metrics.task_columns("train", train),
        "train_n": train["n"],
        "seconds": round(seconds, 4),
        "samples_per_second": round(len(run.dataset.train) / seconds, 1) if seconds else 0.0,
    }
    row.update({f"train_{k}": v for k, v in train.get("model", {}).items()})
    # the share of saturated hidden neurons
    row.update(saturation_columns(run.model, probe.x, backend.sigma_primes if backend else None))
    held_out = run.dataset.splits.get("validation")
    if held_out is not None:
        scored = first_rows(held_out, run.training.metrics_rows)  # all of it, unless capped
        scores = metrics.evaluate_split(run.model, run.cost, scored, predict)
        row["validation_cost"] = scores["cost"]
        row.update(metrics.task_columns("validation", scores))
        row["validation_n"] = scores["n"]
        row.update({f"validation_{k}": v for k, v in scores.get("model", {}).items()})
    return row


def _train_probe(train: Split, cap: int | None = None) -> Split:
    """The training examples the per-epoch training cost and accuracy are measured on.

    A forward pass over all of a large training set after every epoch would cost about a third
    of the epoch itself; the first ``TRAIN_METRICS_ROWS`` examples (in the data set's own,
    unshuffled order) estimate the same numbers for a fraction of that. They are views: no copy.
    ``training.metrics_rows`` (``cap``) lowers the count further.
    """
    return first_rows(train, min(TRAIN_METRICS_ROWS, cap or TRAIN_METRICS_ROWS))


# --- numerical faults -----------------------------------------------------------------------


def _all_finite(params: list[np.ndarray]) -> bool:
    # One reduction per array; any NaN or ±inf makes the sum non-finite.
    return all(np.isfinite(p.sum()) for p in params)


def _snapshot(run: Run) -> Snapshot:
    return Snapshot.take(run)


def _restore(run: Run, snapshot: Snapshot) -> None:
    snapshot.restore(run, rng=False)


def _find_first_bad_batch(run: Run, epoch: int, snapshot, order: np.ndarray) -> None:
    """Replay the epoch from its start, checking after each mini-batch, then raise.

    Checking every batch during normal training would cost a pass over the weights per step;
    replaying only when an epoch ends non-finite finds the exact batch at no cost otherwise.
    The model is left holding the last finite parameters.
    """
    _restore(run, snapshot)
    x, y = run.dataset.train.x, run.dataset.train.y
    m = run.batch_size
    step = _step_function(run, epoch)
    for batch, start in enumerate(range(0, len(x), m), start=1):
        before = _snapshot(run)
        rows = order[start : start + m]
        step(batch, x[rows], y[rows])
        if not _all_finite(run.model.parameters):
            _restore(run, before)
            origin = nanorigin.first_nonfinite(run, x[rows], y[rows])
            raise TrainingError(
                f"epoch {epoch}, mini-batch {batch}: {origin}. The last finite model is kept"
            )
    raise TrainingError(  # pragma: no cover - replay is deterministic
        f"epoch {epoch}: parameters became non-finite; lower η (optimizer.params.eta)"
    )


# --- saving -----------------------------------------------------------------------------------


def save_run(run: Run, checkpoint: bool = False, at_epoch_start=None) -> None:
    """Write spec.json, model.npz and metrics.jsonl (see ``neurokit.pipeline.saving``) when
    there is an out_dir; with ``checkpoint``, also the state ``resume`` needs."""
    if run.out_dir is None:
        return
    saving.save(run, checkpoint=checkpoint, at_epoch_start=at_epoch_start)


def resume(run_dir: Path, registry, *, data_dir=None, epochs: int | None = None) -> Run:
    """A run prepared from ``run_dir``'s spec and restored from its checkpoint, ready for
    ``train`` to continue where the checkpoint left off (optionally to more ``epochs``)."""
    from neurokit.pipeline.run_plugins import ensure_plugins
    from neurokit.spec import load_spec

    run_dir = Path(run_dir)
    checkpoint = run_dir / CHECKPOINT_FILE
    if not checkpoint.is_file():
        raise ModelFileError(
            f"{run_dir}: no {CHECKPOINT_FILE} to resume from",
            setting="checkpoint_every",
            advice="train with checkpoint_every=N to save one every N epochs",
        )
    spec_path = run_dir / runs.SPEC_FILE
    ensure_plugins(run_dir, registry)
    spec = load_spec(spec_path, registry, source=str(spec_path))
    if epochs is not None and spec.training is not None:
        training = spec.training.model_copy(update={"epochs": epochs})
        spec = spec.model_copy(update={"training": training})
    run = prepare(spec, registry, data_dir=data_dir, out_dir=run_dir)
    restore_checkpoint(run, checkpoint, run_dir)
    if len(run.history) > run.training.epochs:
        raise ModelFileError(
            f"{run_dir}: the checkpoint is at epoch {len(run.history)}, past the "
            f"{run.training.epochs} epochs asked for"
        )
    info = runinfo.read_run_info(run_dir)
    run.store = saving.RunStore(run_id=info["run_id"] if info else runinfo.new_run_id())
    return run
