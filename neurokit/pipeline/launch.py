"""Starting training: a checked spec, or a run directory to resume, to a finished ``Run``.

Below the API so that the conformance kit's fixtures can train a spec too; ``neurokit.api``
re-exports both functions.
"""

from __future__ import annotations

from pathlib import Path

from neurokit.pipeline import runs
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
    """Train a checked spec; with ``out_dir``, save spec.json, model.npz and metrics.jsonl."""
    from neurokit.pipeline.progress import make_reporter
    from neurokit.pipeline.training import prepare, train

    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        runs.check_out_dir(out, overwrite)
    run = prepare(spec, registry, data_dir=data_dir, out_dir=out)
    run.checkpoint_every = checkpoint_every
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
    from neurokit.pipeline.training import resume, train

    run = resume(Path(run_dir), registry, data_dir=data_dir, epochs=epochs)
    # A resumed run keeps checkpointing, every epoch unless told otherwise.
    run.checkpoint_every = checkpoint_every or 1
    return train(run, reporter or make_reporter(progress))
