"""Bit streams: Elman's (1990) temporal XOR and running parity, generated from a seed."""

from __future__ import annotations

from typing import Literal

import numpy as np


def temporal_xor(n: int, triples: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Elman's task: streams of triples (a, b, a XOR b); the target at each step is the next bit.

    Only every third target (the XOR bit) can be predicted, so the best possible accuracy over
    all steps is 2/3 and the best on the XOR steps is 1.
    """
    pairs = rng.integers(0, 2, size=(n, triples, 2))
    stream = np.concatenate([pairs, pairs[..., :1] ^ pairs[..., 1:]], axis=2).reshape(n, -1)
    stream = np.concatenate([stream, rng.integers(0, 2, size=(n, 1))], axis=1)
    return stream[:, :-1, None].astype(float), stream[:, 1:, None].astype(float)


def xor_steps(steps: int) -> np.ndarray:
    """The steps of a temporal-XOR stream whose target is an XOR bit (t = 1, 4, 7, …)."""
    return np.arange(1, steps, 3)


def parity(
    n: int, steps: int, rng: np.random.Generator, every_step: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Random bit strings; the target is the parity of the bits so far (every step) or of the
    whole string (after the last step)."""
    bits = rng.integers(0, 2, size=(n, steps))
    running = np.bitwise_xor.accumulate(bits, axis=1)
    y = running[:, :, None] if every_step else running[:, -1:]
    return bits[:, :, None].astype(float), y.astype(float)


#: The motif the pattern-spotting set plants by default: five bits, so a chance match in noise
#: is rare (2^-5 per window) and a window of five delays sees all of it.
MOTIF: tuple[Literal[0, 1], ...] = (1, 0, 1, 1, 0)


def pattern_spotting(
    n: int, steps: int, motif: tuple[int, ...], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Random bit strings, each with ``motif`` planted at a random place; the target at step t
    is 1 where the last len(motif) bits equal the motif (the planted copy's end, and any copy
    the noise made by chance), else 0. A time-delay net with a window of len(motif) steps can
    get every step right with one hidden unit: a match is linearly separable."""
    k = len(motif)
    bits = rng.integers(0, 2, size=(n, steps))
    ends = rng.integers(k - 1, steps, size=n)
    for i, end in enumerate(ends):
        bits[i, end - k + 1 : end + 1] = motif
    windows = np.lib.stride_tricks.sliding_window_view(bits, k, axis=1)  # (n, T−k+1, k)
    found = np.zeros((n, steps))
    found[:, k - 1 :] = (windows == np.asarray(motif)).all(axis=2)
    return bits[:, :, None].astype(float), found[:, :, None]
