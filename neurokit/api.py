"""The library API: everything the CLI does, callable from a notebook or a script.

>>> from neurokit import api
>>> run = api.train("examples/xor.json", progress="plain")
>>> run.network.feedforward([1, 0])
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from neurokit.pipeline import runs
from neurokit.pipeline.registry import Registry, load_registry
from neurokit.spec import Spec, load_spec, parse_spec


def registry(plugins=()) -> Registry:
    """The built-ins plus every configured plugin (entry points, $NEUROKIT_PLUGINS, ``plugins``)."""
    return load_registry(plugins)


def load_spec_with_overrides(path, registry: Registry, overrides: dict | None = None) -> Spec:
    """Load a spec file, merge ``overrides`` (a partial spec) over it, then check it."""
    if not overrides:
        return load_spec(path, registry)
    path = Path(path)
    base = load_spec(path).model_dump(mode="json", exclude_none=True)
    return parse_spec(_merge(base, overrides), registry, source=path.name)


def _merge(base: dict, overrides: dict) -> dict:
    merged = dict(base)
    for key, value in overrides.items():
        current = merged.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            merged[key] = _merge(current, value)
        else:
            merged[key] = value
    return merged


def default_run_dir(spec: Spec, root: str | Path = "runs") -> Path:
    """``runs/<spec name>-<timestamp>/``, created here so that two trainings started in the
    same second never share it (the second gets a ``-2`` suffix)."""
    from neurokit.pipeline.rundir import claim_new_dir

    stamp = time.strftime("%Y%m%d-%H%M%S")
    return claim_new_dir(Path(root), f"{spec.name}-{stamp}")


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
    from neurokit.pipeline.training import resume, train

    directory = RunDirectory(Path(run_dir), resume=True).open()
    with _finishing(directory) as finish:
        run = resume(Path(run_dir), registry, data_dir=data_dir, epochs=epochs)
        run.store.directory = directory
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
        return False


def train(spec_path, *, plugins=(), out_dir=None, progress: str = "plain", **overrides):
    """Load a spec file and train it: ``train("xor.json", epochs=100)``."""
    reg = load_registry(plugins)
    training_keys = {"epochs", "batch_size", "seed", "dtype"}
    merged: dict = {}
    if training_keys & overrides.keys():
        merged["training"] = {k: overrides.pop(k) for k in list(overrides) if k in training_keys}
    if "eta" in overrides:
        merged["optimizer"] = {"params": {"eta": overrides.pop("eta")}}
    if overrides:
        raise TypeError(f"unknown overrides: {', '.join(overrides)}")
    spec = load_spec_with_overrides(spec_path, reg, merged)
    return train_spec(spec, reg, out_dir=out_dir, progress=progress)


def load_run(run_dir, plugins=()):
    """(spec, network) from a run directory written by ``train``."""
    return runs.load_run(run_dir, load_registry(plugins))


def spec_schema(registry: Registry | None = None) -> str:
    from neurokit.spec import json_schema

    return json.dumps(json_schema(registry), indent=2)


# --- the gate demos -------------------------------------------------------------------------


def gate_spec(gate: str, registry: Registry | None = None) -> Spec:
    """The checked ``Spec`` of a gate's hand-set perceptron net (``examples/gates/``)."""
    from neurokit.lessons import gates

    return parse_spec(
        gates.spec_dict(gate), registry or load_registry(), source=gates.SPEC_FILES.get(gate, gate)
    )


def gate_network(gate: str, registry: Registry | None = None):
    """A network of perceptrons computing ``gate``, built from its spec."""
    from neurokit.pipeline.builder import build_network

    registry = registry or load_registry()
    return build_network(gate_spec(gate, registry), registry)


def check_gate(gate: str, registry: Registry | None = None):
    """The truth table of a gate's hand-set perceptron net, checked row by row."""
    from neurokit.lessons.gates import check_network

    return check_network(gate_network(gate, registry), gate)


def train_xor_sigmoid(registry: Registry | None = None):
    """Train ``xor-sigmoid.json``'s net with backprop (no files written); returns the network."""
    from neurokit.lessons import gates

    registry = registry or load_registry()
    spec = parse_spec(gates.XOR_SIGMOID, registry, source=gates.XOR_SIGMOID_FILE)
    return train_spec(spec, registry, progress="none").network
