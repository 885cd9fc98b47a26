"""The embedded Reber grammar (Hochreiter and Schmidhuber, 1997): strings whose second symbol
(T or P) must be recalled just before the end, across a whole inner Reber string.

Each string is one-hot coded over the seven symbols; the target at each step is the set of
symbols the grammar allows next (a multi-hot vector), as in the original experiments.
"""

from __future__ import annotations

import numpy as np

SYMBOLS = "BTPSXVE"

#: The inner Reber grammar: state → [(symbol, next state)]; state 5 ends with E.
_INNER = {
    0: [("T", 1), ("P", 2)],
    1: [("S", 1), ("X", 3)],
    2: [("T", 2), ("V", 4)],
    3: [("X", 2), ("S", 5)],
    4: [("P", 3), ("V", 5)],
}


def _inner(rng: np.random.Generator) -> tuple[str, list[str]]:
    """One inner string B…E and, for each of its symbols, the symbols allowed after it."""
    text, allowed, state = "B", ["TP"], 0
    while state != 5:
        choices = _INNER[state]
        symbol, state = choices[rng.integers(len(choices))]
        text += symbol
        allowed.append("".join(s for s, _ in _INNER[state]) if state != 5 else "E")
    return text + "E", allowed


def embedded_string(rng: np.random.Generator) -> tuple[str, list[str]]:
    """B T <inner> T E or B P <inner> P E, and the allowed next symbols after each symbol
    (the last symbol E has none)."""
    branch = "TP"[rng.integers(2)]
    inner, inner_allowed = _inner(rng)
    text = "B" + branch + inner + branch + "E"
    allowed = ["TP", "B"] + inner_allowed + [branch, "E", ""]
    return text, allowed


def embedded_reber(
    n: int, rng: np.random.Generator, max_length: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n strings, pre-padded with zero vectors to the longest (or ``max_length``):
    x (n, T, 7), y (n, T, 7) multi-hot, and the length of each string."""
    strings = [embedded_string(rng) for _ in range(n)]
    steps = max_length or max(len(text) for text, _ in strings)
    x = np.zeros((n, steps, len(SYMBOLS)))
    y = np.zeros((n, steps, len(SYMBOLS)))
    lengths = np.empty(n, dtype=np.int64)
    for i, (text, allowed) in enumerate(strings):
        text, allowed = text[-steps:], allowed[-steps:]
        offset = steps - len(text)  # pre-padding: every string ends at the last step
        lengths[i] = len(text)
        for t, (symbol, after) in enumerate(zip(text, allowed, strict=True)):
            x[i, offset + t, SYMBOLS.index(symbol)] = 1
            for s in after:
                y[i, offset + t, SYMBOLS.index(s)] = 1
    return x, y, lengths


def strings_correct(
    outputs: np.ndarray, y: np.ndarray, lengths: np.ndarray, threshold: float = 0.5
) -> float:
    """The share of strings whose every prediction is right: at every real step the symbols
    whose output is above ``threshold`` are exactly the ones the grammar allows next (the
    criterion of Hochreiter and Schmidhuber)."""
    right = ((outputs > threshold) == (y > 0.5)).all(axis=2)
    steps = y.shape[1]
    ok = [right[i, steps - n : steps - 1].all() for i, n in enumerate(lengths)]
    return float(np.mean(ok))


def recall_correct(outputs: np.ndarray, y: np.ndarray) -> float:
    """The share of strings whose long-range prediction — the branch symbol T or P predicted
    after the inner string's final E (the second-to-last step) — is right."""
    branch = [SYMBOLS.index("T"), SYMBOLS.index("P")]
    predicted = outputs[:, -3, branch].argmax(axis=1)
    wanted = y[:, -3, branch].argmax(axis=1)
    return float(np.mean(predicted == wanted))
