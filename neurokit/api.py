"""The library API: everything the CLI does, callable from a notebook or a script.

>>> import neurokit as nk                   # nk.train is api.train, and so on
>>> run = nk.train("examples/xor.json", epochs=2000)
>>> run.network.feedforward([1, 0])
>>> nk.train({"schema_version": 1, ...})    # a dict or a Spec works as well as a path
>>> nk.explain("examples/lecture-2-2-2.json")
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from neurokit.core.errors import NeurokitError
from neurokit.pipeline import runs
from neurokit.pipeline.launch import resume_run, train_spec
from neurokit.pipeline.registry import Registry, load_registry
from neurokit.spec import Spec, load_spec, parse_spec
from neurokit.spec.models import DEFAULT_MODEL
from neurokit.spec.overrides import merge, partial_spec

__all__ = [
    "check_gate",
    "default_run_dir",
    "default_sweep_dir",
    "gate_network",
    "gate_spec",
    "gradcheck_spec",
    "load_run",
    "load_spec_with_overrides",
    "registry",
    "resume_run",
    "spec_schema",
    "sweep",
    "train",
    "train_spec",
    "train_xor_sigmoid",
]


def registry(plugins=()) -> Registry:
    """The built-ins plus every configured plugin (entry points, $NEUROKIT_PLUGINS, ``plugins``)."""
    return load_registry(plugins)


def load_spec_with_overrides(path, registry: Registry, overrides: dict | None = None) -> Spec:
    """Load a spec file, merge ``overrides`` (a partial spec) over it, then check it."""
    if not overrides:
        return load_spec(path, registry)
    path = Path(path)
    base = load_spec(path).model_dump(mode="json", exclude_none=True)
    return parse_spec(merge(base, overrides), registry, source=path.name)


def default_run_dir(spec: Spec, root: str | Path = "runs") -> Path:
    """``runs/<spec name>-<timestamp>/``, created here so that two trainings started in the
    same second never share it (the second gets a ``-2`` suffix)."""
    from neurokit.pipeline.rundir import claim_new_dir

    stamp = time.strftime("%Y%m%d-%H%M%S")
    return claim_new_dir(Path(root), f"{spec.name}-{stamp}")


def train(spec, *, plugins=(), out_dir=None, progress: str = "auto", data_dir=None, **overrides):
    """Train a spec given as a file path, a dict or a ``Spec``; returns a ``RunHandle``.

    ``train("examples/xor.json", epochs=100, eta=2.0)``: the overrides are ``epochs``,
    ``batch_size``, ``seed``, ``dtype`` and ``eta`` (η); see ``spec.overrides``. With
    ``out_dir`` the run is saved there as ``neurokit train --out`` saves it.
    """
    from neurokit.run_handle import RunHandle

    try:
        partial = partial_spec(overrides)
    except KeyError as exc:
        raise TypeError(f"unknown overrides: {exc.args[0]}") from None
    reg = load_registry(plugins)
    checked = _spec_with_overrides(spec, reg, partial)
    run = train_spec(checked, reg, out_dir=out_dir, progress=progress, data_dir=data_dir)
    return RunHandle(run.spec, run.network, reg, run_dir=out_dir, live=run)


def _spec_with_overrides(spec, registry: Registry, overrides: dict) -> Spec:
    """A checked Spec from a path, a dict or a Spec, with a partial spec merged over it."""
    if isinstance(spec, str | Path):
        return load_spec_with_overrides(spec, registry, overrides)
    if isinstance(spec, Spec):
        source = spec.source or spec.name
        spec = spec.model_dump(mode="json", exclude_none=True)
    elif isinstance(spec, dict):
        source = "spec"
    else:
        raise TypeError(
            f"a spec is a file path, a dict or a neurokit Spec, not {type(spec).__name__}"
        )
    return parse_spec(merge(spec, overrides), registry, source=source)


def load_run(run_dir, plugins=()):
    """A ``RunHandle`` for a run directory written by ``train``.

    It unpacks as before, ``spec, network = load_run(DIR)``.
    """
    from neurokit.run_handle import RunHandle

    registry = load_registry(plugins)
    spec, network = runs.load_run(run_dir, registry)
    metrics = Path(run_dir) / runs.METRICS_FILE
    history = runs.read_metrics(metrics) if metrics.is_file() else []
    return RunHandle(spec, network, registry, run_dir=run_dir, history=history)


def explain(source, x=None, y=None, *, eta=None, example: int = 0, plugins=()):
    """The labelled trace of one example through BP1–BP4 and one SGD step.

    ``source`` is a spec (path, dict or Spec), a run directory (its trained net is traced)
    or a ``RunHandle``. Without ``x`` and ``y`` the spec's training example ``example`` is
    used; without ``eta`` the spec's. In Jupyter the trace shows as a table.
    """
    from neurokit.lessons.explain import check_small
    from neurokit.lessons.explain import explain as trace_of

    spec, network, reg = _explain_target(source, plugins)
    check_small(spec.sizes)
    cost, x, y = _cost_and_example(spec, reg, x, y, example, "BP1")
    eta = eta if eta is not None else _spec_eta(spec)
    if eta is None:
        raise NeurokitError(f"{spec.source or spec.name}: no η for the SGD step; give eta")
    return trace_of(network, cost, x, y, eta)


def paths(source, l: int, j: int, k: int, x=None, y=None, *, dw=None, example: int = 0, plugins=()):
    """Every path from w^l_jk to the cost for one example, their sum beside backprop's
    ∂C/∂w^l_jk, and ΔC measured for a small Δw (``neurokit.lessons.paths``).

    ``source`` is what ``explain`` takes; l = 2 … L and j, k count from 1, as in the lecture.
    In Jupyter the result shows as the same text ``neurokit explain --paths`` prints.
    """
    from neurokit.lessons.paths import DEFAULT_DW, weight_paths

    spec, network, reg = _explain_target(source, plugins)
    cost, x, y = _cost_and_example(spec, reg, x, y, example, "C")
    return weight_paths(network, cost, x, y, l, j, k, DEFAULT_DW if dw is None else dw)


def _builder():
    from neurokit.pipeline import builder

    return builder


def _explain_target(source, plugins):
    """(spec, float64 network, registry) of a spec, a run directory or a RunHandle."""
    from neurokit.run_handle import RunHandle

    if isinstance(source, RunHandle):
        return source.spec, _float64_copy(source.network), source.registry
    reg = load_registry(plugins)
    if isinstance(source, str | Path) and Path(source).is_dir():
        return (*load_run_float64(source, reg), reg)
    spec = _spec_with_overrides(source, reg, {})
    if spec.training is not None:
        spec.training = spec.training.model_copy(update={"dtype": "float64"})
    return spec, _builder().build_network(spec, reg), reg


def load_run_float64(run_dir, registry: Registry):
    """(spec, network) of a run directory, the network copied to float64 for tracing."""
    spec, network = runs.load_run(run_dir, registry)
    return spec, _float64_copy(network)


def _float64_copy(network):
    """The same net in float64, so a trace of a trained float32 net shows 9 true digits."""
    from neurokit.core.network import Network

    copy = Network(network.sizes, network.neurons, dtype="float64", seed=0)
    copy.set_parameters(network.weights, network.biases)
    return copy


def _cost_and_example(spec, reg, x, y, example: int, needed_by: str):
    """The spec's cost, and (x, y) as given or the spec's training example ``example``."""
    cost = _builder().build_cost(spec, reg)
    if cost is None:
        where = spec.source or spec.name
        raise NeurokitError(f"{where}: the spec has no cost; {needed_by} needs one")
    if (x is None) != (y is None):
        raise NeurokitError("give both x and y, or neither (to use the spec's data)")
    if x is None:
        x, y = _training_example(spec, reg, example)
    return cost, x, y


def _training_example(spec: Spec, registry: Registry, index: int):
    if spec.data is None:
        raise NeurokitError(f"{spec.source or spec.name}: the spec has no data; give x and y")
    train = _builder().load_dataset(spec, registry).train
    if not 0 <= index < len(train):
        raise NeurokitError(f"example {index}: the training data has examples 0 … {len(train) - 1}")
    return train.x[index], train.y[index]


def _spec_eta(spec: Spec):
    if spec.optimizer is None:
        return None
    eta = spec.optimizer.params.get("eta")
    return float(eta) if isinstance(eta, int | float) else None


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


# --- sweeps ----------------------------------------------------------------------------------


def sweep(
    spec_path=None,
    grid: dict | None = None,
    *,
    ranges: dict | None = None,
    random: int = 0,
    seeds: int = 1,
    sample_seed: int = 0,
    metric: str = "",
    executor: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    out_dir=None,
    resume=None,
    plugins=(),
    data_dir=None,
    progress: str = "plain",
) -> list[dict]:
    """Train ``spec_path`` over a grid and seeds; returns the results table, best first.

    ``sweep("mnist.json", {"optimizer.params.eta": [0.5, 3.0]}, seeds=3)``; ``ranges`` maps
    a path to ``(low, high)`` or ``(low, high, "log")`` for ``random`` draws. Each row holds a
    configuration's ``values``, the ``metric`` and its ``mean`` and ``std`` over seeds.
    ``resume`` continues a sweep directory instead.
    """
    from neurokit.pipeline.sweep import load_plan, run_sweep
    from neurokit.pipeline.sweep_plan import GridAxis, make_plan, parse_range
    from neurokit.pipeline.sweep_progress import make_sweep_reporter
    from neurokit.pipeline.sweep_results import summary_rows

    reg = load_registry(plugins)
    if resume is not None:
        plan, sweep_dir, new = load_plan(Path(resume)), Path(resume), False
        plan.metric = metric or plan.metric
    else:
        axes = [GridAxis(path, tuple(values)) for path, values in (grid or {}).items()]
        drawn = [
            parse_range(f"{path}={bounds[0]}..{bounds[1]}" + (":log" if "log" in bounds else ""))
            for path, bounds in (ranges or {}).items()
        ]
        plan = make_plan(
            spec_path,
            reg,
            grid=axes,
            ranges=drawn,
            random=random,
            seeds=seeds,
            sample_seed=sample_seed,
            metric=metric,
        )
        sweep_dir, new = Path(out_dir or default_sweep_dir(plan)), True
    params = {"workers": workers, "scheduler": scheduler}
    outcome = run_sweep(
        plan,
        sweep_dir,
        reg,
        executor=executor,
        executor_params={k: v for k, v in params.items() if v is not None},
        plugins=list(plugins),
        data_dir=data_dir,
        reporter=make_sweep_reporter(progress),
        new=new,
    )
    return summary_rows(outcome.summaries, outcome.metric)


def default_sweep_dir(plan, root: str | Path = "sweeps") -> Path:
    """``sweeps/<spec name>-<timestamp>/``, never an existing directory."""
    name = plan.spec.get("name", "sweep") if isinstance(plan.spec, dict) else "sweep"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate, suffix = Path(root) / f"{name}-{stamp}", 1
    while candidate.exists():
        suffix += 1
        candidate = Path(root) / f"{name}-{stamp}-{suffix}"
    return candidate


# --- the gradient lessons -------------------------------------------------------------------


def gradcheck_spec(spec: Spec, registry: Registry, **options):
    """Check a model's gradients on the model a spec describes (its hand-set weights
    included), in float64, against central finite differences.

    For the feedforward net, ``options`` are those of ``gradcheck_network`` (``small``,
    ``examples``, ``samples``, ``epsilon``, ``threshold``, ``seed``) and the examples are random;
    any other model that learns by gradients is checked array by array on the first
    ``examples`` examples of its data set. The spec's cost is used; a spec without one is
    checked with the quadratic cost.
    """
    from neurokit.lessons.gradcheck import check_model_gradients, gradcheck_network
    from neurokit.pipeline.lesson_inputs import float64_model_setup, float64_setup, spec_examples

    if spec.model_name == DEFAULT_MODEL:
        setup = float64_setup(spec, registry)
        return gradcheck_network(setup.network, setup.cost, note=setup.note, **options)
    if options.pop("small", False):
        raise NeurokitError(
            f"{spec.source}: a small random version is made only of feedforward nets, "
            f"not of model {spec.model_name!r}"
        )
    model, cost, note = float64_model_setup(spec, registry)
    seed = options.get("seed", 0)
    x, y, source = spec_examples(spec, registry, options.pop("examples", 3), seed=seed)
    report = check_model_gradients(
        model, cost, x.astype(np.float64), y.astype(np.float64), **options
    )
    report.note = "; ".join(filter(None, [source, note]))
    return report
