"""neurokit validate SPEC: check a spec without training it."""

from __future__ import annotations

NAME = "validate"
HELP = "check a spec: structure, component names, parameters, and fit to its data set"
ORDER = 20


def add_arguments(parser) -> None:
    parser.add_argument("spec", metavar="SPEC", help="the JSON spec file")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--data-dir", metavar="DIR", help="where data set files are")


def run(args) -> int:
    from pathlib import Path

    from neurokit.commands._common import load_registry, print_json
    from neurokit.core.errors import NeurokitError, SpecError
    from neurokit.core.shapes import parameter_count
    from neurokit.spec import load_spec

    registry = load_registry(args)
    try:
        spec = load_spec(args.spec, registry)
        _check_data(spec, registry, args.data_dir)
    except SpecError as exc:
        if args.json:
            print_json(
                {
                    "valid": False,
                    "file": str(args.spec),
                    "errors": [{"path": p.path, "message": p.message} for p in exc.problems],
                }
            )
            return 2
        raise
    except NeurokitError as exc:
        if args.json:
            print_json(
                {
                    "valid": False,
                    "file": str(args.spec),
                    "errors": [{"path": "", "message": str(exc)}],
                }
            )
            return 2
        raise
    if args.json:
        print_json(
            {
                "valid": True,
                "file": str(args.spec),
                "name": spec.name,
                "sizes": spec.sizes,
                "parameters": parameter_count(spec.sizes),
            }
        )
    else:
        print(
            f"{Path(args.spec).name}: valid ({spec.name}: {'-'.join(map(str, spec.sizes))}, "
            f"{parameter_count(spec.sizes):,} parameters)"
        )
    return 0


def _check_data(spec, registry, data_dir) -> None:
    """Load the data set and check the first and last layer and the mini-batch against it."""
    from neurokit.core.errors import SpecError
    from neurokit.spec.datafit import check_dataset

    if spec.data is None:
        return
    from neurokit.pipeline import builder

    dataset = builder.load_dataset(spec, registry, data_dir)
    problems = check_dataset(spec, dataset)
    if problems:
        # Named by the spec's file, like every other spec error, not by its "name" field.
        raise SpecError(problems, spec.source)
