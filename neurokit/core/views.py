"""What a model can show beyond its outputs: pictures of its own state for ``neurokit plot``
and a step-by-step account of one input for ``neurokit predict``.

A family returns these plain records from the optional ``Model.pictures`` and ``Model.story``;
the pipeline draws and prints them without knowing the family, so a Kohonen map's U-matrix
and a Hopfield net's recall reach the commands through the same two doors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: The kinds of picture the pipeline can draw.
PICTURE_KINDS = ("tiles", "grid")


@dataclass
class Picture:
    """One PNG of a model's state, written as ``NAME.png`` in the run directory.

    ``kind = "tiles"``: ``data`` is images (n, h, w) in [0, 1] laid out ``columns`` to a row
    (a map's prototypes, an RBF net's centres). ``kind = "grid"``: ``data`` is one value per
    cell (rows, cols), drawn as a heat map with a colour scale named ``scale``, or one RGB
    colour per cell (rows, cols, 3) in [0, 1]. ``labels``, row-major, are written on the tiles
    or cells (a unit's majority label).
    """

    name: str
    title: str
    kind: str
    data: np.ndarray
    columns: int | None = None
    labels: list[str] | None = None
    scale: str = ""

    def __post_init__(self) -> None:
        if self.kind not in PICTURE_KINDS:
            raise ValueError(f"picture kind must be one of {PICTURE_KINDS}, got {self.kind!r}")

    def __repr__(self) -> str:
        return f"Picture({self.name!r}, {self.kind}, shape={list(self.data.shape)})"


@dataclass
class StoryStep:
    """One moment of a model's work on an input: a title, the state as an image if it is
    one, and numbers worth printing beside it (an energy, a distance)."""

    title: str
    pixels: np.ndarray | None = None
    values: dict[str, float] = field(default_factory=dict)


@dataclass
class Story:
    """A model's account of one input: its steps, a one-line outcome, and the facts behind it
    as JSON-ready values (``predict --json`` prints them under ``story``)."""

    steps: list[StoryStep]
    outcome: str
    facts: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            **self.facts,
            "steps": [{"title": s.title, **s.values} for s in self.steps],
        }

    def __repr__(self) -> str:
        return f"Story({len(self.steps)} steps: {self.outcome!r})"
