"""A drawing made to look like an MNIST digit, the way MNIST's own digits were made.

MNIST's digits were size-normalised to fit a 20×20 box, keeping their aspect ratio, and then
centred in the 28×28 field by their centre of mass. A drawing that skips this — a 7 filling
a whole square canvas, or drawn off to one side — reaches the net looking like nothing it was
trained on (two ordinary 7s were read as 3 and 9). ``normalise`` repeats the two steps.
"""

from __future__ import annotations

import numpy as np

FIELD = 28
BOX = 20
#: Grey levels at or below this count as paper, not ink (JPEG noise, scanner grey).
PAPER = 24


def ink_box(pixels: np.ndarray) -> tuple[slice, slice] | None:
    """The rows and columns holding ink (white-on-black pixels above ``PAPER``), or None."""
    rows, cols = np.nonzero(pixels > PAPER)
    if rows.size == 0:
        return None
    return slice(rows.min(), rows.max() + 1), slice(cols.min(), cols.max() + 1)


def centre_of_mass(pixels: np.ndarray) -> tuple[float, float]:
    """(row, column) of the grey-level-weighted mean position."""
    weights = pixels.astype(np.float64)
    total = weights.sum()
    rows, cols = np.indices(pixels.shape)
    return float((rows * weights).sum() / total), float((cols * weights).sum() / total)


def normalise(pixels: np.ndarray) -> np.ndarray | None:
    """28×28 uint8: the ink cropped, fitted into 20×20 keeping its aspect ratio, and placed
    so that its centre of mass is the field's centre. None when there is no ink at all."""
    from PIL import Image

    box = ink_box(pixels)
    if box is None:
        return None
    ink = pixels[box]
    height, width = ink.shape
    scale = BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = np.asarray(Image.fromarray(ink).resize(size, Image.Resampling.LANCZOS), np.uint8)
    row, col = centre_of_mass(small)
    # The field's centre in pixel-index coordinates is (27 / 2, 27 / 2); clip so the box
    # stays inside the field even for a lopsided digit.
    centre = (FIELD - 1) / 2
    top = int(np.clip(round(centre - row), 0, FIELD - small.shape[0]))
    left = int(np.clip(round(centre - col), 0, FIELD - small.shape[1]))
    field = np.zeros((FIELD, FIELD), dtype=np.uint8)
    field[top : top + small.shape[0], left : left + small.shape[1]] = small
    return field
