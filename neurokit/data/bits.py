"""Bit streams: Elman's (1990) temporal XOR and running parity, generated from a seed."""

from __future__ import annotations

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
