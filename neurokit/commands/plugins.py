"""neurokit plugins: every registered component, the plugin it came from, and problems.

``--check`` runs the conformance kit (``neurokit.testing``) over every plugin that is not
built in, so an instructor can check a student's file with
``neurokit plugins --check -p student.py``; the exit status is 2 when a check fails.
"""

from __future__ import annotations

NAME = "plugins"
HELP = (
    "list every registered model, neuron, cost, optimizer, data set and sweep executor "
    "with its plugin of origin"
)
ORDER = 40


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument(
        "--check",
        action="store_true",
        help="run the conformance kit over every plugin that is not built in "
        "(exit status 2 if a check fails)",
    )


#: The kinds of component listed, in this order (executors run a sweep's trials).
KINDS = ("model", "neuron", "cost", "optimizer", "dataset", "executor")


def rows(registry) -> list[dict]:
    table = []
    for kind in KINDS:
        for name, descriptor in sorted(registry.components(kind).items()):
            info = registry.plugins.get(descriptor.plugin)
            table.append(
                {
                    "kind": kind,
                    "name": name,
                    "plugin": descriptor.plugin,
                    "source": info.source if info else "",
                    "version": info.version if info else "",
                    "location": info.location if info else "",
                    "summary": descriptor.summary,
                    "params": sorted(descriptor.params.model_fields),
                }
            )
    return table


def plugin_rows(registry) -> list[dict]:
    """Every loaded plugin, components or not (an observer registers none), and its hooks."""
    table = []
    for name, info in registry.plugins.items():
        plugin = registry.pm.get_plugin(name)
        hooks = sorted(impl.name for impl in registry.pm.get_hookcallers(plugin) or [])
        table.append(
            {
                "plugin": name,
                "source": info.source,
                "version": info.version,
                "location": info.location,
                "hooks": hooks,
            }
        )
    return table


def check_results(registry) -> dict[str, dict]:
    """For every non-built-in plugin: how many checks ran and the failures' messages."""
    from neurokit.testing import checks_for

    results = {}
    for name, info in registry.plugins.items():
        if info.source == "builtin":
            continue
        checks = checks_for(registry.pm.get_plugin(name))
        failures = []
        for check in checks:
            try:
                check()
            except AssertionError as failure:
                failures.append(str(failure))
        results[name] = {"checks": len(checks), "failures": failures}
    return results


def run(args) -> int:
    from neurokit.commands._common import load_registry, make_console, print_json

    registry = load_registry(args)
    table = rows(registry)
    checked = check_results(registry) if args.check else None
    problems = [{"plugin": p.plugin, "message": p.message} for p in registry.problems]
    failed = bool(checked and any(r["failures"] for r in checked.values()))
    if args.json:
        data: dict[str, object] = {
            "components": table,
            "plugins": plugin_rows(registry),
            "problems": problems,
        }
        if checked is not None:
            data["checks"] = checked
        print_json(data)
        return 2 if failed else 0
    from rich.table import Table

    view = Table(title="neurokit components")
    for column in ("kind", "name", "params", "plugin", "version", "summary"):
        view.add_column(column, overflow="fold")
    for row in table:
        plugin = row["plugin"]
        if row["source"] == "file":
            plugin += f" ({row['location']})"
        view.add_row(
            row["kind"],
            row["name"],
            ", ".join(row["params"]) or "-",
            plugin,
            row["version"],
            row["summary"],
        )
    loaded = Table(title="loaded plugins")
    for column in ("plugin", "source", "version", "location", "hooks"):
        loaded.add_column(column, overflow="fold")
    for row in plugin_rows(registry):
        hooks = ", ".join(h.removeprefix("neurokit_") for h in row["hooks"])
        loaded.add_row(row["plugin"], row["source"], row["version"], row["location"], hooks)
    if checked is not None:  # the verdict first: it is what --check was asked for
        print_checks(checked)
        print()
    console = make_console()
    console.print(view)
    console.print(loaded)
    return 2 if failed else 0


#: --check's verdict is wrapped to this many columns, whatever the terminal.
WIDTH = 80


def print_checks(checked: dict[str, dict]) -> None:
    import textwrap

    if not checked:
        print("no plugins to check besides the built-ins (load one with -p FILE)")
    for plugin, result in checked.items():
        failures = result["failures"]
        if not failures:
            print(f"plugin {plugin!r}: all {result['checks']} checks passed")
            continue
        print(f"plugin {plugin!r}: {len(failures)} of {result['checks']} checks failed")
        for message in failures:
            for line in message.splitlines():
                print(textwrap.fill(line, WIDTH, initial_indent="  - ", subsequent_indent="    "))
