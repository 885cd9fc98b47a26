"""neurokit datasets: the registered data sets, their plugins, and whether their files exist."""

from __future__ import annotations

NAME = "datasets"
HELP = "list the registered data sets: plugin, summary, and whether their files are found"
ORDER = 41


def add_arguments(parser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="look for data set files here only")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def rows(registry, data_dir=None) -> list[dict]:
    """One row per registered data set; availability is checked without loading any data."""
    table = []
    for name, descriptor in sorted(registry.components("dataset").items()):
        status, detail = availability(descriptor, data_dir)
        table.append(
            {
                "name": name,
                "plugin": descriptor.plugin,
                "summary": descriptor.summary,
                "params": sorted(descriptor.params.model_fields),
                "files": status,
                "detail": detail,
            }
        )
    return table


def availability(descriptor, data_dir=None) -> tuple[str, str]:
    """(status, detail) for the built-in data sets; ('', '') for a plugin's own.

    status is 'embedded', 'in the spec', 'found', 'incomplete' or 'not found'.
    """
    from neurokit.builtins import inline_data, mnist_data

    idx_names = {mnist_data.load_mnist: "mnist", mnist_data.load_fashion: "fashion-mnist"}
    if descriptor.factory is mnist_data.load_sample:
        return "embedded", "shipped inside the neurokit package"
    if descriptor.factory is inline_data.load_inline:
        return "in the spec", "examples written in the spec's data.params"
    if descriptor.factory in idx_names:
        from neurokit.data.status import find_status

        idx_name = idx_names[descriptor.factory]
        status = find_status(idx_name, data_dir)
        if status is None:
            return "not found", (
                f"run `neurokit data download {idx_name}`; "
                f"`neurokit data where {idx_name}` lists the places searched"
            )
        found = status.complete and not status.problem
        return ("found" if found else "incomplete"), f"{status.directory}: {status.describe()}"
    return "", ""


STATUS_STYLE = {
    "embedded": "green",
    "in the spec": "green",
    "found": "green",
    "incomplete": "red",
    "not found": "red",
}


def run(args) -> int:
    from neurokit.commands._common import load_registry, make_console, print_json

    registry = load_registry(args)
    table = rows(registry, args.data_dir)
    if args.json:
        print_json({"datasets": table})
        return 0
    from rich.table import Table

    view = Table(title="registered data sets")
    for column in ("name", "files", "plugin", "summary"):
        view.add_column(column, no_wrap=column != "summary")
    for row in table:
        style = STATUS_STYLE.get(row["files"], "")
        files = f"[{style}]{row['files']}[/]" if style else (row["files"] or "-")
        view.add_row(row["name"], files, row["plugin"], row["summary"])
    console = make_console()
    console.print(view)
    for row in table:
        if row["files"] in ("found", "incomplete", "not found"):
            console.print(f"{row['name']}: {row['detail']}", highlight=False, soft_wrap=True)
    return 0
