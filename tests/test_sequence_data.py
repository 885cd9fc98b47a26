"""The built-in sequence data sets: shapes, determinism from the seed, and the values each task
promises, checked against independent computations."""

from __future__ import annotations

import numpy as np
import pytest

from neurokit.core.errors import DataError
from neurokit.data import reber, series


def load(registry, name, **params):
    return registry.get("dataset", name).load(params, dtype="float64")


def test_sine_target_is_the_next_input(registry):
    data = load(registry, "sine", train=5, validation=0, test=0, steps=12)
    x, y = data.train.x, data.train.y
    assert x.shape == y.shape == (5, 12, 1)
    np.testing.assert_array_equal(y[:, :-1], x[:, 1:])
    assert data.n_inputs == 1 and data.n_outputs == 1


def test_same_seed_same_data_other_seed_other_data(registry):
    a = load(registry, "temporal-xor", seed=3).train.x
    b = load(registry, "temporal-xor", seed=3).train.x
    c = load(registry, "temporal-xor", seed=4).train.x
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_temporal_xor_every_third_bit_is_the_xor_of_the_two_before(registry):
    x = load(registry, "temporal-xor", train=20, triples=5).train.x[:, :, 0].astype(int)
    np.testing.assert_array_equal(x[:, 2::3], x[:, 0::3] ^ x[:, 1::3])


def test_parity_targets(registry):
    every = load(registry, "bit-parity", steps=5, train=30)
    last = load(registry, "bit-parity", steps=5, train=30, targets="last_step")
    bits = every.train.x[:, :, 0].astype(int)
    np.testing.assert_array_equal(every.train.y[:, :, 0], np.cumsum(bits, axis=1) % 2)
    np.testing.assert_array_equal(last.train.y[:, 0], bits.sum(axis=1) % 2)
    assert last.train.y.shape == (30, 1)


def test_embedded_reber_strings_follow_the_grammar():
    rng = np.random.default_rng(0)
    for _ in range(50):
        text, allowed = reber.embedded_string(rng)
        assert text[0] == "B" and text[-1] == "E" and text[1] == text[-2] in "TP"
        # every symbol is among those allowed after the one before it
        for before, symbol in zip(allowed, text[1:], strict=False):
            assert symbol in before


def test_embedded_reber_is_pre_padded_one_hot(registry):
    data = load(registry, "embedded-reber", train=10, validation=0, test=0)
    x, lengths = data.train.x, data.notes["lengths"]["train"]
    assert np.array_equal(x.sum(axis=2).sum(axis=1), lengths)
    assert np.all(x[:, -1, reber.SYMBOLS.index("E")] == 1)


def test_mackey_glass_follows_its_equation(registry):
    values = series.mackey_glass(400, np.random.default_rng(0))
    # dx/dt ≈ 0.2 x(t−17)/(1 + x(t−17)^10) − 0.1 x(t), by central differences on unit steps
    t = np.arange(20, 390)
    slope = (values[t + 1] - values[t - 1]) / 2
    past = values[t - 17]
    rhs = 0.2 * past / (1 + past**10) - 0.1 * values[t]
    assert np.abs(slope - rhs).max() < 0.02
    assert values.min() > 0.2 and values.max() < 1.5 and values.std() > 0.15


def test_mackey_glass_splits_continue_one_series(registry):
    data = load(registry, "mackey-glass", train=100, validation=20, test=20)
    assert data.train.x.shape == (1, 100, 1)
    assert data.splits["validation"].x[0, 0, 0] == data.train.y[0, -1, 0]


def test_text_windows_are_the_shipped_poem(registry):
    data = load(registry, "text", steps=10, stride=5)
    chars = data.class_names
    first = "".join(chars[i] for i in data.train.x[0].argmax(axis=1))
    assert first == "twinkle, t"
    assert "".join(chars[i] for i in data.train.y[0].argmax(axis=1)) == "winkle, tw"


def test_inline_sequences_and_padding(registry):
    ragged = {"train": {"x": [[[1], [2], [3]], [[4]]], "y": [[1], [0]]}}
    with pytest.raises(
        DataError, match=r"data\.params\.train\.x\[1\]: has 1 step\(s\) .* need data.params.padding"
    ):
        load(registry, "inline-sequences", **ragged)
    data = load(registry, "inline-sequences", padding=0.0, **ragged)
    np.testing.assert_array_equal(data.train.x[:, :, 0], [[1, 2, 3], [0, 0, 4]])
    assert data.train.y.shape == (2, 1)


def test_pattern_spotting_marks_every_copy_of_the_motif():
    from neurokit.data.bits import pattern_spotting

    x, y = pattern_spotting(200, 12, (1, 0, 1), np.random.default_rng(5))
    assert x.shape == y.shape == (200, 12, 1)
    bits = x[..., 0].astype(int)
    for i in range(200):
        text = "".join(map(str, bits[i]))
        ends = {m + 2 for m in range(10) if text[m : m + 3] == "101"}  # by string search
        assert set(np.flatnonzero(y[i, :, 0])) == ends
        assert ends  # the planted copy is always there


def test_pattern_spotting_refuses_a_motif_longer_than_the_sequences(registry):
    with pytest.raises(DataError, match=r"data.params.motif: 3 bits do not fit in 2 steps"):
        load(registry, "pattern-spotting", steps=2, motif=[1, 0, 1])
