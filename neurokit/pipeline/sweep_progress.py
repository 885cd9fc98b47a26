"""A sweep's live progress: trials done, running and failed, the ETA and the best so far.

``make_sweep_reporter("auto")`` picks a rich live line on a terminal and one plain line per
finished trial elsewhere (CI logs, files, pipes).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass


@dataclass
class SweepState:
    total: int
    done: int = 0  # finished: ok or failed, including those of earlier sessions
    failed: int = 0
    running: int = 0
    started_here: int = 0  # finished in this session, for the ETA
    clock_start: float = 0.0
    metric: str = ""
    best_value: float | None = None
    best_values: dict | None = None

    def eta_seconds(self) -> float | None:
        if not self.started_here:
            return None
        per_trial = (time.perf_counter() - self.clock_start) / self.started_here
        return per_trial * (self.total - self.done)

    def line(self) -> str:
        parts = [f"trials {self.done}/{self.total} done", f"{self.running} running"]
        parts.append(f"{self.failed} failed")
        eta = self.eta_seconds()
        parts.append(f"ETA {_clock(eta)}" if eta is not None else "ETA —")
        if self.best_value is not None:
            where = ", ".join(f"{_short_path(p)}={v}" for p, v in (self.best_values or {}).items())
            parts.append(
                f"best {self.metric} {self.best_value:.4f}" + (f" ({where})" if where else "")
            )
        return " · ".join(parts)


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _short_path(path: str) -> str:
    return path.rsplit(".", 1)[-1] if path.startswith(("optimizer.", "training.")) else path


class SweepReporter:
    """Does nothing; the interface."""

    def start(self, state: SweepState, where: str) -> None:
        pass

    def trial_end(self, record: dict, state: SweepState) -> None:
        pass

    def tick(self, state: SweepState) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def end(self, state: SweepState) -> None:
        pass


class PlainSweepReporter(SweepReporter):
    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stdout

    def start(self, state, where):
        self.message(f"sweep: {state.total} trials, {state.done} already finished; {where}")

    def trial_end(self, record, state):
        outcome = record["status"]
        score = record.get("final", {}).get(state.metric)
        if score is not None:
            outcome += f" {state.metric} {score:.4f}"
        if record.get("error"):
            outcome += f": {record['error']}"
        self.message(f"{record['trial']}: {outcome} ({record['seconds']:.1f} s) | {state.line()}")

    def message(self, text):
        print(text, file=self.stream, flush=True)


class RichSweepReporter(SweepReporter):
    """A live status line under the finished trials, refreshed a few times a second."""

    def __init__(self, console=None):
        from rich.console import Console

        self.console = console if console is not None else Console()
        self.live = None

    def start(self, state, where):
        from rich.live import Live

        self.console.print(f"sweep: {state.total} trials, {state.done} already finished; {where}")
        self.live = Live(self._render(state), console=self.console, refresh_per_second=4)
        self.live.start()

    def _render(self, state):
        from rich.text import Text

        return Text(state.line(), style="bold")

    def trial_end(self, record, state):
        from rich.text import Text

        style = "green" if record["status"] == "ok" else "red"
        score = record.get("final", {}).get(state.metric)
        text = f"{record['trial']}: {record['status']}"
        if score is not None:
            text += f" {state.metric} {score:.4f}"
        if record.get("error"):
            text += f": {record['error']}"
        self.console.print(Text(f"{text} ({record['seconds']:.1f} s)", style=style))
        self.tick(state)

    def tick(self, state):
        if self.live is not None:
            self.live.update(self._render(state))

    def message(self, text):
        self.console.print(text)

    def end(self, state):
        if self.live is not None:
            self.live.update(self._render(state))
            self.live.stop()
            self.live = None


def make_sweep_reporter(mode: str = "auto") -> SweepReporter:
    if mode == "auto":
        mode = "rich" if sys.stdout.isatty() else "plain"
    if mode == "rich":
        return RichSweepReporter()
    if mode == "plain":
        return PlainSweepReporter()
    return SweepReporter()
