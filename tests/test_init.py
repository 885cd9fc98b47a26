"""training.init: "normal" (the default, bit-identical to before) or "scaled", N(0, 1/n_in)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.core.errors import SpecError
from neurokit.pipeline.builder import build_network
from neurokit.spec import parse_spec

ROOT = Path(__file__).resolve().parents[1]


def spec_with(registry, **training):
    data = json.loads((ROOT / "examples" / "mnist.json").read_text(encoding="utf-8"))
    data["training"].update(training)
    return parse_spec(data, registry, source="mnist.json")


def test_normal_is_the_default_and_draws_what_it_always_drew(registry):
    default = build_network(spec_with(registry), registry)
    explicit = build_network(spec_with(registry, init="normal"), registry)
    # before training.init existed: weights then biases, layer by layer, from N(0, 1)
    rng = np.random.default_rng(0)
    for i, w in enumerate(default.weights):
        expected_w = rng.standard_normal(w.shape)
        expected_b = rng.standard_normal(w.shape[0])
        assert np.array_equal(w, expected_w) and np.array_equal(explicit.weights[i], expected_w)
        assert np.array_equal(default.biases[i], expected_b)
    assert "init" not in json.loads(spec_with(registry).to_json())["training"]


def test_scaled_draws_the_same_numbers_divided_by_the_square_root_of_n_in(registry):
    normal = build_network(spec_with(registry), registry)
    scaled = build_network(spec_with(registry, init="scaled"), registry)
    for w_normal, w_scaled in zip(normal.weights, scaled.weights, strict=True):
        n_in = w_normal.shape[1]
        np.testing.assert_allclose(w_scaled, w_normal / np.sqrt(n_in), rtol=1e-15)
    for b_normal, b_scaled in zip(normal.biases, scaled.biases, strict=True):
        assert np.array_equal(b_normal, b_scaled)  # biases stay N(0, 1)
    # z^2 of the first 100 digits: standard deviation ~√784·0.5 for N(0, 1), ~1 when scaled
    from neurokit.data.sample import load_mnist_sample

    x = load_mnist_sample()["train"][0][:100].reshape(100, -1) / 255
    assert np.std(x @ normal.weights[0].T) > 5 * np.std(x @ scaled.weights[0].T)


def test_an_unknown_init_is_refused_at_its_path(registry):
    with pytest.raises(SpecError, match="training.init"):
        spec_with(registry, init="xavier")
