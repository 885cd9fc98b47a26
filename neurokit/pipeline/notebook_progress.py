"""Live progress in Jupyter: the terminal's two bars (epochs, batches of this epoch) and the
epoch lines, drawn as HTML in one output that is updated in place.

An updated display (``display(..., display_id=True)``) works in every Jupyter front end
and in an executed notebook without widgets; it is redrawn at most every
``MIN_INTERVAL`` seconds so a fast run does not flood the front end.
"""

from __future__ import annotations

import time
from html import escape

from neurokit.pipeline.progress import Reporter, format_epoch

#: Seconds between redraws while batches run (the end of each epoch always redraws).
MIN_INTERVAL = 0.25


def _bar(label: str, done: int, total: int, info: str) -> str:
    return (
        f"<div><code>{escape(label):>12}</code> <progress value='{done}' max='{max(total, 1)}' "
        f"style='width:40%'></progress> {done}/{total} {escape(info)}</div>"
    )


class NotebookReporter(Reporter):
    """The rich reporter's display, for a Jupyter cell."""

    def __init__(self):
        self.handle = None
        self.lines: list[str] = []
        self.last_draw = 0.0

    def start(self, run, epochs, batches_per_epoch, first_epoch=1):
        from IPython.display import HTML, display

        self.epochs, self.batches = epochs, batches_per_epoch
        self.epoch_done, self.batch_done = first_epoch - 1, 0
        self.epoch_info = self.batch_info = ""
        self.handle = display(HTML(self.html()), display_id=True)

    def html(self) -> str:
        log = "".join(f"<div><code>{escape(line)}</code></div>" for line in self.lines)
        return (
            _bar("epochs", self.epoch_done, self.epochs, self.epoch_info)
            + _bar(f"epoch {self.epoch_done + 1}", self.batch_done, self.batches, self.batch_info)
            + log
        )

    def draw(self, force: bool = False) -> None:
        from IPython.display import HTML

        now = time.perf_counter()
        if self.handle is not None and (force or now - self.last_draw >= MIN_INTERVAL):
            self.handle.update(HTML(self.html()))
            self.last_draw = now

    def batch(self, epoch, batches_done, samples_per_second):
        self.batch_done, self.batch_info = batches_done, f"{samples_per_second:,.0f} samples/s"
        self.draw()

    def epoch_end(self, metrics):
        self.epoch_done = metrics["epoch"]
        self.epoch_info = f"train cost {metrics['train_cost']:.4g}"
        self.lines.append(format_epoch(metrics, self.epochs))
        # The last epoch's batch bar stays full; otherwise the next epoch starts at 0.
        self.batch_done = self.batches if self.epoch_done >= self.epochs else 0
        self.draw(force=True)

    def message(self, text):
        self.lines.append(text)
        self.draw(force=True)

    def end(self):
        self.draw(force=True)
