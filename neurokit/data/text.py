"""Character-level text: a short public-domain text shipped with the package, cut into
sequences whose target at each step is the next character.

``twinkle.txt`` is Jane Taylor's poem "The Star" (1806), in the public domain, lower-cased.
"""

from __future__ import annotations

import numpy as np

#: The texts shipped with the package, by name.
TEXTS = ("twinkle",)


def read_text(name: str) -> str:
    # imported here: importlib.resources costs ~7 ms, and every command loads the built-in
    # sequence data sets that import this module
    from importlib import resources

    return resources.files("neurokit.data").joinpath("texts", f"{name}.txt").read_text("utf-8")


def alphabet(text: str) -> list[str]:
    """The characters of the text, sorted: output j of the model stands for alphabet[j]."""
    return sorted(set(text))


def encode(text: str, chars: list[str], dtype="float64") -> np.ndarray:
    """One-hot rows, one per character (characters outside the alphabet raise KeyError)."""
    index = {c: i for i, c in enumerate(chars)}
    codes = np.array([index[c] for c in text], dtype=np.int64)
    rows = np.zeros((len(text), len(chars)), dtype=dtype)
    rows[np.arange(len(text)), codes] = 1
    return rows


def windows(text: str, chars: list[str], steps: int, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Every ``stride``-th window of ``steps`` characters: x one-hot (n, T, |alphabet|) and y the
    same window shifted one character on."""
    rows = encode(text, chars)
    starts = range(0, len(text) - steps, stride)
    x = np.stack([rows[s : s + steps] for s in starts])
    y = np.stack([rows[s + 1 : s + steps + 1] for s in starts])
    return x, y
