"""explain on a recurrent model: backprop through time for ``elman``, a clear refusal for the
others (their cells' backward passes are not traced step by step)."""

from __future__ import annotations

#: The recurrent model whose backward pass explain traces through time.
TRACED = "elman"


def explain_if_recurrent(args, registry) -> int | None:
    """explain for a spec or run directory whose model reads sequences (elman, lstm, esn, …);
    None for any other model, which the feedforward explain handles."""
    from pathlib import Path

    from neurokit.pipeline import builder
    from neurokit.spec import load_spec

    if Path(args.spec).is_dir():  # a run directory: its trained weights
        from neurokit.pipeline.runs import load_run

        spec, model = load_run(args.spec, registry)
        trained = model.arrays()
    else:
        spec, trained = load_spec(args.spec, registry), None
        model = builder.build_model(spec, registry)
    if not getattr(model, "sequences", False):
        return None
    return explain_recurrent(args, spec, registry, trained)


def explain_recurrent(args, spec, registry, trained=None) -> int:
    """Print the BPTT trace of one training sequence (or --input/--target) through ``spec``'s
    Elman net, built in float64 (with ``trained`` arrays, or the spec's starting weights)."""
    from neurokit.core.elman import Elman
    from neurokit.core.errors import NeurokitError
    from neurokit.lessons.explain_bptt import explain_elman, render_bptt_text
    from neurokit.pipeline import builder

    if spec.model_name != TRACED:
        raise NeurokitError(
            f"explain: model {spec.model_name!r} is not supported; explain traces the "
            f"feedforward net (BP1–BP4) and backprop through time for {TRACED!r}"
        )
    float64 = spec.model_copy(
        update={"training": spec.training.model_copy(update={"dtype": "float64"})}
        if spec.training
        else {}
    )
    model = builder.build_model(float64, registry)
    if not isinstance(model, Elman):  # a plugin's model registered under the name
        raise NeurokitError(f"explain: model {TRACED!r} is not neurokit's Elman net")
    if trained is not None:
        model.load_arrays(trained)
    cost = builder.build_cost(spec, registry)
    if cost is None:
        raise NeurokitError(f"{args.spec}: the spec has no 'cost'; explain needs one for BP1")
    x, y = _sequence(args, spec, registry, model)
    print(render_bptt_text(explain_elman(model, cost, x, y), args.digits))
    return 0


def _sequence(args, spec, registry, model):
    """(x, y) of one sequence: --input/--target (steps of the input and output layers' width)
    or the spec's training sequence --example."""
    import numpy as np

    from neurokit.commands._common import finite_numbers
    from neurokit.core.errors import NeurokitError

    if (args.input is None) != (args.target is None):
        raise NeurokitError("give both --input and --target, or neither (to use the spec's data)")
    if args.input is not None:
        n_in, _, n_out = model.sizes
        x, y = finite_numbers(args.input, "--input"), finite_numbers(args.target, "--target")
        if not x or len(x) % n_in:
            raise NeurokitError(f"--input has {len(x)} numbers: not whole steps of {n_in} inputs")
        steps = len(x) // n_in
        want = steps * n_out if model.targets == "every_step" else n_out
        if len(y) != want:
            raise NeurokitError(f"--target has {len(y)} numbers; {steps} steps need {want}")
        y_shape = (steps, n_out) if model.targets == "every_step" else (n_out,)
        return np.reshape(x, (steps, n_in)), np.reshape(y, y_shape)
    from neurokit.commands.explain import spec_example

    return spec_example(args, spec, registry)
