"""The ``neurokit`` command line: a thin shell over the library.

Its own commands are the modules of ``neurokit.commands``; a plugin adds more through the
``neurokit_register_commands`` hook. Plugins are loaded for that only when some are configured
(entry points, ``$NEUROKIT_PLUGINS`` or ``-p``), so ``neurokit --help`` stays fast without, and
only when the command line does not name a built-in command (which then loads them itself).

Exit status: 0 success, 2 bad input or environment (one line on stderr, no traceback),
1 internal error or a plugin that failed mid-training, 128 + signal (130 for Ctrl-C) when
training was stopped by a signal after saving.
A library error that names a ``setting`` gets the command's ``ADVICE`` for it, which names
the command's option, in place of the library's advice.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from neurokit.core.errors import NeurokitError
from neurokit.core.version import __version__

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neurokit",
        description="Define, train and inspect neural networks the way the lecture writes them.",
    )
    parser.add_argument("--version", action="version", version=f"neurokit {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-p",
        "--plugin",
        action="append",
        default=[],
        metavar="MODULE_OR_FILE",
        help="load a plugin module or .py file (repeatable)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        sub = subparsers.add_parser(
            module.NAME, help=module.HELP, description=module.HELP, parents=[common]
        )
        module.add_arguments(sub)
        # ADVICE: the command's own words, naming its options, for a library error's setting
        sub.set_defaults(run=module.run, advice=getattr(module, "ADVICE", {}))
    taken = {module.NAME for module in _command_modules()}
    if _chosen_command(argv) in taken:
        # A built-in command runs: no plugin command can be chosen, so the plugins are not
        # looked for here (the command loads them once, itself).
        return parser
    for command in _plugin_commands(argv, taken):
        sub = subparsers.add_parser(
            command.name, help=command.help, description=command.help, parents=[common]
        )
        command.add_arguments(sub)
        sub.set_defaults(run=command.run, advice={})
    return parser


def _quiet_warnings() -> None:
    """Python warnings (numpy's RuntimeWarning, PIL's DecompressionBombWarning) are not for
    the user of a command: neurokit reports what matters in its own words."""
    import warnings

    if not sys.warnoptions:
        warnings.simplefilter("ignore")


def _plugin_commands(argv: list[str] | None, taken: set[str]) -> list:
    """Commands that configured plugins register; one whose name is taken is warned about."""
    plugins = _plugin_arguments(sys.argv[1:] if argv is None else argv)
    if not (plugins or _plugins_configured()):
        return []
    from neurokit.pipeline.registry import load_registry

    registry = load_registry(plugins)
    commands = []
    for command in registry.commands():
        if command.name in taken:
            print(
                f"neurokit: warning: plugin {command.plugin!r}: command {command.name!r} is "
                "a built-in command; skipped",
                file=sys.stderr,
            )
            continue
        commands.append(command)
    return sorted(commands, key=lambda command: (command.order, command.name))


def _chosen_command(argv: list[str] | None) -> str | None:
    """The command ``argv`` names, found before parsing: its first word that is not an
    option (the top level takes no option with a value); None for none."""
    words = sys.argv[1:] if argv is None else argv
    return next((word for word in words if not word.startswith("-")), None)


def _plugin_arguments(argv: list[str]) -> list[str]:
    """The values of every ``-p``/``--plugin`` in ``argv``, found before parsing."""
    found = []
    for i, arg in enumerate(argv):
        if arg in ("-p", "--plugin") and i + 1 < len(argv):
            found.append(argv[i + 1])
        elif arg.startswith("--plugin="):
            found.append(arg.partition("=")[2])
        elif arg.startswith("-p") and len(arg) > 2:
            found.append(arg[2:])
    return found


def _plugins_configured() -> bool:
    import os
    from importlib.metadata import entry_points

    if os.environ.get("NEUROKIT_PLUGINS", "").strip():
        return True
    if os.environ.get("NEUROKIT_DISABLE_PLUGIN_AUTOLOAD", "") in ("1", "true", "yes"):
        return False
    return bool(entry_points(group="neurokit"))


def _command_modules():
    import neurokit.commands as package

    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda module: (getattr(module, "ORDER", 100), module.NAME))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    _quiet_warnings()
    try:
        return args.run(args) or EXIT_OK
    except NeurokitError as exc:
        advice = getattr(args, "advice", {}).get(exc.setting)
        message = exc.with_advice(advice) if advice else str(exc)
        for line in message.splitlines() or [type(exc).__name__]:
            _say(f"neurokit: error: {bounded(line)}")
        load_as = getattr(exc, "load_as", "")
        if load_as:  # a run's missing plugin: the flag that loads it
            _say(f"neurokit: hint: pass -p {load_as}")
        return getattr(exc, "exit_status", EXIT_USAGE)
    except KeyboardInterrupt:
        _say("neurokit: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        # The environment said no (permissions, a full disk, a name too long, a vanished
        # device): one line naming the file, as for any other bad input.
        _say(f"neurokit: error: {bounded(_os_error_line(exc))}")
        return EXIT_USAGE
    except Exception:  # noqa: BLE001 - anything else is our bug: say so, with the traceback
        import traceback

        traceback.print_exc()
        print(
            "neurokit: internal error (a bug in neurokit or a plugin); please report it "
            "with the traceback above",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


#: An error line longer than this is cut: one line means one readable line.
MAX_LINE = 400


def bounded(line: str) -> str:
    """``line`` with control characters escaped and cut to ``MAX_LINE`` characters."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in line)
    if len(text) <= MAX_LINE:
        return text
    # Cut in the middle: a long path comes first and the reason last; both must show.
    half = (MAX_LINE - 1) // 2
    return text[:half] + "…" + text[-(MAX_LINE - 1 - half) :]


def _os_error_line(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename:
        return f"{exc.filename}: {reason}"
    return f"standard output: {reason}" if _stdout_broken() else reason


def _stdout_broken() -> bool:
    """Whether writing to stdout fails (a full /dev/full, a closed pipe): the OSError that
    ended the command was then most likely that write."""
    try:
        sys.stdout.write("\n")  # a failed write may have emptied the buffer: try one more
        sys.stdout.flush()
    except (OSError, ValueError):
        return True
    return False


def _say(line: str) -> None:
    import contextlib

    with contextlib.suppress(OSError, ValueError):  # stderr gone too: the exit status tells
        print(line, file=sys.stderr)


def run() -> None:
    sys.exit(main())
