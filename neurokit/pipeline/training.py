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
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from neurokit.core import atomic, metrics
from neurokit.core.components import Cost, Optimizer
from neurokit.core.datasets import Dataset, Split
from neurokit.core.errors import ModelFileError, SpecError, TrainingError
from neurokit.core.model import LearningStep, Model
from neurokit.core.sgd import update_mini_batch
from neurokit.pipeline import builder, runs
from neurokit.pipeline.checkpoints import CHECKPOINT_FILE, restore_checkpoint, save_checkpoint
from neurokit.pipeline.progress import Reporter, Throughput
from neurokit.spec import Spec, Training, check_against_data

if TYPE_CHECKING:
    from neurokit.pipeline.registry import Registry

#: At most this many training examples are evaluated after each epoch (see ``_train_probe``).
TRAIN_METRICS_ROWS = 5_000

#: Seconds between saves of the run directory while training (and always after the last epoch).
SAVE_INTERVAL = 5.0


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
    problems = check_against_data(spec, dataset.n_inputs, dataset.n_outputs, len(dataset.train))
    if problems:
        raise SpecError(problems, spec.source)
    # One generator for the whole run: first the initial weights, then every epoch's shuffle.
    rng = np.random.default_rng(spec.training.seed)
    return Run(
        spec=spec,
        model=builder.build_model(spec, registry, rng=rng),
        cost=builder.build_cost(spec, registry),
        optimizer=builder.build_optimizer(spec, registry),
        dataset=dataset,
        registry=registry,
        rng=rng,
        out_dir=out_dir,
    )


def train(run: Run, reporter: Reporter | None = None) -> Run:
    """Train ``run`` for its spec's epochs; returns it with ``history`` filled in."""
    reporter = reporter or Reporter()
    epochs = run.training.epochs
    first_epoch = len(run.history) + 1
    batches = -(-len(run.dataset.train) // run.batch_size)
    if not run.history:
        run.model.begin(run.dataset.train, run.rng)
    run.registry.notify("neurokit_train_start", run=run)
    reporter.start(run, epochs, batches, first_epoch)
    last_save = time.perf_counter()
    try:
        # Overflow on the way to NaN is expected and caught below, with a clearer message.
        with _stop_on_interrupt() as interrupted, np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(first_epoch, epochs + 1):
                started = time.perf_counter()
                completed = _train_epoch(run, epoch, reporter, interrupted)
                if not completed:
                    run.stopped_early, run.stop_reason = True, f"interrupted in epoch {epoch}"
                    break
                row = _epoch_metrics(run, epoch, time.perf_counter() - started)
                run.history.append(row)
                reporter.epoch_end(row)
                run.registry.notify("neurokit_epoch_end", run=run, epoch=epoch, metrics=row)
                checkpoint = run.checkpoint_every and epoch % run.checkpoint_every == 0
                if (
                    checkpoint
                    or epoch == epochs
                    or time.perf_counter() - last_save >= SAVE_INTERVAL
                ):
                    save_run(run, checkpoint=bool(checkpoint))
                    last_save = time.perf_counter()
    except TrainingError as exc:
        run.stopped_early, run.stop_reason = True, str(exc)
        save_run(run)
        raise
    finally:
        reporter.end()
        run.registry.notify(
            "neurokit_train_end", run=run, history=run.history, stopped_early=run.stopped_early
        )
    if run.stopped_early:
        save_run(run)
    return run


def _train_epoch(run: Run, epoch: int, reporter: Reporter, interrupted) -> bool:
    """One epoch of learning steps; False when interrupted part-way (the batch finished)."""
    x, y = run.dataset.train.x, run.dataset.train.y
    m = run.batch_size
    snapshot = _snapshot(run)
    order = run.rng.permutation(len(x))
    step = _step_function(run, epoch)
    every = max(1, (len(x) // m) // reporter.updates_per_epoch) if reporter.updates_per_epoch else 0
    clock = Throughput()
    for batch, start in enumerate(range(0, len(x), m), start=1):
        rows = order[start : start + m]
        step(batch, x[rows], y[rows])
        if every and batch % every == 0:
            reporter.batch(epoch, batch, clock.rate(start + len(rows)))
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


def _epoch_metrics(run: Run, epoch: int, seconds: float) -> dict:
    train = metrics.evaluate_split(run.model, run.cost, _train_probe(run.dataset.train))
    if train["cost"] is not None and not np.isfinite(train["cost"]):
        raise TrainingError(
            f"epoch {epoch}: the training cost is {train['cost']}; lower η (optimizer.params.eta)"
        )
    row = {
        "epoch": epoch,
        "train_cost": train["cost"],
        "train_accuracy": train["accuracy"],
        "train_n": train["n"],
        "seconds": round(seconds, 4),
        "samples_per_second": round(len(run.dataset.train) / seconds, 1) if seconds else 0.0,
    }
    row.update({f"train_{k}": v for k, v in train.get("model", {}).items()})
    held_out = run.dataset.splits.get("validation")
    if held_out is not None:
        scores = metrics.evaluate_split(run.model, run.cost, held_out)
        row["validation_cost"] = scores["cost"]
        row["validation_accuracy"] = scores["accuracy"]
        row["validation_correct"] = scores["correct"]
        row["validation_n"] = scores["n"]
        row.update({f"validation_{k}": v for k, v in scores.get("model", {}).items()})
    return row


def _train_probe(train: Split) -> Split:
    """The training examples the per-epoch training cost and accuracy are measured on.

    A forward pass over all of a large training set after every epoch would cost about a third
    of the epoch itself; the first ``TRAIN_METRICS_ROWS`` examples (in the data set's own,
    unshuffled order) estimate the same numbers for a fraction of that. They are views: no copy.
    """
    if len(train) <= TRAIN_METRICS_ROWS:
        return train
    return Split(train.x[:TRAIN_METRICS_ROWS], train.y[:TRAIN_METRICS_ROWS])


# --- numerical faults -----------------------------------------------------------------------


def _all_finite(params: list[np.ndarray]) -> bool:
    # One reduction per array; any NaN or ±inf makes the sum non-finite.
    return all(np.isfinite(p.sum()) for p in params)


def _snapshot(run: Run) -> tuple[dict[str, np.ndarray], dict]:
    arrays = {k: v.copy() for k, v in run.model.arrays().items()}
    state = {k: v.copy() for k, v in run.optimizer.state_dict().items()} if run.optimizer else {}
    return arrays, state


def _restore(run: Run, snapshot) -> None:
    arrays, state = snapshot
    run.model.load_arrays({k: v.copy() for k, v in arrays.items()})
    if run.optimizer is not None:
        run.optimizer.load_state_dict({k: v.copy() for k, v in state.items()})


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
            raise TrainingError(
                f"epoch {epoch}, mini-batch {batch}: a weight or bias became NaN or infinite; "
                "lower η (optimizer.params.eta). The last finite model is kept"
            )
    raise TrainingError(  # pragma: no cover - replay is deterministic
        f"epoch {epoch}: parameters became non-finite; lower η (optimizer.params.eta)"
    )


# --- saving -----------------------------------------------------------------------------------


def save_run(run: Run, checkpoint: bool = False) -> None:
    """Write spec.json, model.npz and metrics.jsonl (each atomically) when there is an out_dir;
    with ``checkpoint``, also the state ``resume`` needs."""
    if run.out_dir is None:
        return
    run.out_dir.mkdir(parents=True, exist_ok=True)
    atomic.write_text(run.out_dir / runs.SPEC_FILE, run.spec.to_json())
    if checkpoint:
        save_checkpoint(run)
    runs.save_model(run.out_dir / runs.MODEL_FILE, run.model)
    runs.write_metrics(run.out_dir / runs.METRICS_FILE, run.history)
    stale = run.out_dir / CHECKPOINT_FILE
    if not run.checkpoint_every and stale.exists():
        # Left by an overwritten run; resuming from it would mix two runs.
        stale.unlink()


def resume(run_dir: Path, registry, *, data_dir=None, epochs: int | None = None) -> Run:
    """A run prepared from ``run_dir``'s spec and restored from its checkpoint, ready for
    ``train`` to continue where the checkpoint left off (optionally to more ``epochs``)."""
    from neurokit.spec import load_spec

    run_dir = Path(run_dir)
    checkpoint = run_dir / CHECKPOINT_FILE
    if not checkpoint.is_file():
        raise ModelFileError(
            f"{run_dir}: no {CHECKPOINT_FILE} to resume from",
            setting="checkpoint_every",
            advice="train with checkpoint_every=N to save one every N epochs",
        )
    spec = load_spec(run_dir / runs.SPEC_FILE, registry)
    if epochs is not None and spec.training is not None:
        training = spec.training.model_copy(update={"epochs": epochs})
        spec = spec.model_copy(update={"training": training})
    run = prepare(spec, registry, data_dir=data_dir, out_dir=run_dir)
    restore_checkpoint(run, checkpoint)
    return run


# --- Ctrl-C ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _stop_on_interrupt():
    """While training, Ctrl-C sets a flag checked after each mini-batch instead of raising."""
    flag = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(signum, frame):
        if flag.is_set():  # a second Ctrl-C means "now"
            raise KeyboardInterrupt
        flag.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)
