"""neurokit plugins: every registered component, the plugin it came from, and problems."""

from __future__ import annotations

NAME = "plugins"
HELP = "list every registered neuron, cost, optimizer and data set with its plugin of origin"
ORDER = 40


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def rows(registry) -> list[dict]:
    table = []
    for kind in ("neuron", "cost", "optimizer", "dataset"):
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


def run(args) -> int:
    from neurokit.commands._common import load_registry, make_console, print_json

    registry = load_registry(args)
    table = rows(registry)
    problems = [{"plugin": p.plugin, "message": p.message} for p in registry.problems]
    if args.json:
        print_json({"components": table, "problems": problems})
        return 0
    from rich.table import Table

    view = Table(title="neurokit components")
    for column in ("kind", "name", "params", "plugin", "version", "summary"):
        view.add_column(column)
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
    console = make_console()
    console.print(view)
    return 0
