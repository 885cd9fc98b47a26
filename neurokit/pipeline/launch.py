"""Starting training: a checked spec, or a run directory to resume, to a finished ``Run``.

Below the API so that the conformance kit's fixtures can train a spec too; ``neurokit.api``
re-exports both functions.
"""

from __future__ import annotations

from pathlib import Path

from neurokit.pipeline.registry import Registry
from neurokit.spec import Spec


def train_spec(
    spec: Spec,
    registry: Registry,
    *,
    out_dir: str | Path | None = None,
    overwrite: bool = False,
    progress: str = "auto",
    data_dir=None,
    reporter=None,
    checkpoint_every: int | None = None,
):
    """Train a checked spec; with ``out_dir``, save spec.json, model.npz and metrics.jsonl.

    The directory is locked for the run's life and an existing run there (``overwrite``) is
    replaced only once the new one has trained every epoch (see ``neurokit.pipeline.rundir``).
    """
    from neurokit.pipeline.progress import make_reporter
    from neurokit.pipeline.rundir import RunDirectory
    from neurokit.pipeline.saving import store_of
    from neurokit.pipeline.training import prepare, train

    out = Path(out_dir) if out_dir is not None else None
    directory = RunDirectory(out, overwrite=overwrite).open() if out is not None else None
    with _finishing(directory) as finish:
        run = prepare(spec, registry, data_dir=data_dir, out_dir=out)
        run.checkpoint_every = checkpoint_every
        store_of(run).directory = directory
        finish.run = run
        return train(run, reporter or make_reporter(progress))


def resume_run(
    run_dir,
    registry: Registry,
    *,
    epochs: int | None = None,
    progress: str = "auto",
    data_dir=None,
    reporter=None,
    checkpoint_every: int | None = None,
):
    """Continue a run from its checkpoint; ends bit-identical to an uninterrupted run."""
    from neurokit.pipeline.progress import make_reporter
    from neurokit.pipeline.rundir import RunDirectory
    from neurokit.pipeline.saving import store_of
    from neurokit.pipeline.training import resume, train

    directory = RunDirectory(Path(run_dir), resume=True).open()
    with _finishing(directory) as finish:
        run = resume(Path(run_dir), registry, data_dir=data_dir, epochs=epochs)
        store_of(run).directory = directory
        finish.run = run
        # A resumed run keeps checkpointing, every epoch unless told otherwise.
        run.checkpoint_every = checkpoint_every or 1
        return train(run, reporter or make_reporter(progress))


class _finishing:
    """Closes a run directory after training: swaps a finished run in, keeps a stopped one
    beside the old, unlocks; what it did is added to the run's or the error's message."""

    def __init__(self, directory):
        self.directory = directory
        self.run = None

    def __enter__(self):
        from neurokit.pipeline.interrupts import StopRequests

        self.holding = StopRequests.holding()
        self.holding.__enter__()
        return self

    def __exit__(self, kind, exc, tb):
        try:
            return self._finish(exc)
        finally:
            self.holding.__exit__(None, None, None)

    def _finish(self, exc) -> bool:
        if self.directory is None:
            return False
        completed = exc is None and self.run is not None and not self.run.stopped_early
        note = self.directory.finish(completed)
        if note and self.run is not None:
            self.run.note = note
        if note and exc is not None and exc.args and isinstance(exc.args[0], str):
            exc.args = (f"{exc.args[0]}; {note}", *exc.args[1:])
            if hasattr(exc, "fact"):  # a NeurokitError re-worded with the CLI's advice
                exc.fact = f"{exc.fact}; {note}"
        return False
