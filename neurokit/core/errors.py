"""Errors a user can fix. The CLI prints them as one line and exits with status 2.

Anything else that escapes is a bug in neurokit (exit status 1).
"""

from __future__ import annotations

from dataclasses import dataclass


class NeurokitError(Exception):
    """Base class for every error caused by the user's input, files or environment.

    ``NeurokitError(fact, setting="overwrite", advice="overwrite it or …")`` reads
    "fact; advice". ``setting`` names the library argument that fixes the problem, so a front
    end can give its own advice for it (the CLI names its option: ``--overwrite``) in place
    of the library's, which speaks of arguments. Library messages never name CLI options.
    """

    def __init__(self, *args: object, setting: str = "", advice: str = ""):
        self.fact = str(args[0]) if args else ""
        self.setting = setting
        self.advice = advice
        if advice:
            args = (f"{self.fact}; {advice}", *args[1:])
        super().__init__(*args)

    def with_advice(self, advice: str) -> str:
        """The message with ``advice`` in place of the library's own."""
        return f"{self.fact}; {advice}" if advice else str(self)

    #: The CLI's exit status for this kind of error.
    exit_status = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spec: where (a field path like ``layers[1].neuron``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class SpecError(NeurokitError):
    """A spec failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], source: str = "<spec>"):
        self.problems = list(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        return "\n".join(f"{self.source}: {problem}" for problem in self.problems)


class PluginError(NeurokitError):
    """A plugin could not be loaded or registered something invalid."""


class DataError(NeurokitError):
    """A data set is missing, malformed or does not fit the network."""


class ModelFileError(NeurokitError):
    """A saved model or run directory is missing, foreign, truncated or tampered with."""


class TrainingError(NeurokitError):
    """Training had to stop (for example the cost became NaN)."""


class PluginFault(NeurokitError):
    """Plugin code failed while neurokit ran it (for example mid-training).

    Not the user's input: the CLI exits with status 1, after saving what can be saved.
    """

    exit_status = 1
    #: The plugin and the event hook that failed, when neurokit called the hook itself.
    plugin: str = ""
    hook: str = ""
