"""The Kohonen map (model ``som``): Kohonen's rule against the formula for a hand-made 3×3
map, its measures against brute force, its quality against MiniSom, and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from neurokit.builtins.colours_data import ColoursParams, load_colours
from neurokit.builtins.som import SelfOrganizingMap, SomParams
from neurokit.cli import main
from neurokit.core.datasets import Split
from neurokit.core.errors import SpecError
from neurokit.core.model import LearningStep
from neurokit.spec import parse_spec
from neurokit.testing import check_plugin

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def make_map(rows=3, cols=3, n=2, classes=2, **params) -> SelfOrganizingMap:
    p = SomParams(rows=rows, cols=cols, **params)
    return SelfOrganizingMap(p, n, classes, dtype="float64", rng=np.random.default_rng(0))


@pytest.fixture(scope="module")
def colours_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("som") / "run"
    assert (
        main(["train", str(EXAMPLES / "som-colours.json"), "--out", str(out), "--progress", "none"])
        == 0
    )
    return out


def test_one_update_equals_the_formula_on_a_hand_made_3x3_map():
    som = make_map(sigma=1.0)
    som.prototypes[...] = np.arange(18, dtype=float).reshape(9, 2) / 10
    before = som.prototypes.copy()
    x = np.array([0.75, 0.85])
    # By hand: unit 4 = (row 1, col 1) holds (0.8, 0.9), the nearest to x.
    c = som.update(x, eta=0.5, sigma=1.0)
    assert c == 4
    for u in range(9):
        r, col = divmod(u, 3)
        h = np.exp(-((r - 1) ** 2 + (col - 1) ** 2) / 2)  # exp(−‖r_u − r_c‖² / 2σ²), σ = 1
        expected = before[u] + 0.5 * h * (x - before[u])
        np.testing.assert_allclose(som.prototypes[u], expected, rtol=0, atol=1e-15)


def test_schedules_decay_as_named():
    som = make_map(eta=0.5, eta_final=0.01, sigma=4.0, sigma_final=0.5, schedule="exponential")
    assert som.rates(0, 100) == (0.5, 4.0)
    np.testing.assert_allclose(som.rates(100, 100), (0.01, 0.5))
    np.testing.assert_allclose(som.rates(50, 100), (np.sqrt(0.5 * 0.01), np.sqrt(4 * 0.5)))
    asymptotic = make_map(eta=0.6, sigma=3.0)
    np.testing.assert_allclose(asymptotic.rates(50, 100), (0.3, 1.5))  # x0 / (1 + 2t/T)
    linear = make_map(eta=0.5, eta_final=0.1, sigma=2.0, sigma_final=1.0, schedule="linear")
    np.testing.assert_allclose(linear.rates(25, 100), (0.4, 1.75))


def test_quantization_and_topographic_error_match_brute_force():
    som = make_map(rows=3, cols=4, n=3)
    rng = np.random.default_rng(5)
    x = rng.random((40, 3))
    distances = [[np.linalg.norm(row - w) for w in som.prototypes] for row in x]
    qe = np.mean([min(d) for d in distances])
    wrong = 0
    for d in distances:
        first, second = np.argsort(d)[:2]
        (r1, c1), (r2, c2) = divmod(first, 4), divmod(second, 4)
        wrong += max(abs(r1 - r2), abs(c1 - c2)) > 1  # 8 neighbours on a rectangular grid
    assert som.quantization_error(x) == pytest.approx(qe, rel=1e-12)
    assert som.topographic_error(x) == pytest.approx(wrong / len(x))


def test_hexagonal_units_have_six_neighbours_inside_the_grid():
    som = make_map(rows=5, cols=5, topology="hexagonal")
    assert som.neighbours.sum(axis=1)[12] == 6  # the centre unit
    assert make_map(rows=5, cols=5).neighbours.sum(axis=1)[12] == 8


def test_quantization_error_within_10_percent_of_minisom():
    minisom = pytest.importorskip("minisom", reason="the test extra installs minisom")
    x = load_colours(ColoursParams(count=500), dtype="float64").train
    epochs, ours, theirs = 10, [], []
    for seed in (0, 1):
        rng = np.random.default_rng(seed)
        som = SelfOrganizingMap(SomParams(sigma=3.0, eta=0.5), 3, 8, dtype="float64", rng=rng)
        som.begin(x, rng)
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(x))
            som.learn(x.x[order], x.y[order], LearningStep(epoch, epochs, 1, 1, rng))
        ours.append(som.quantization_error(x.x))
        reference = minisom.MiniSom(
            10,
            10,
            3,
            sigma=3.0,
            learning_rate=0.5,
            neighborhood_function="gaussian",
            random_seed=seed,
        )
        reference.random_weights_init(x.x)
        reference.train(x.x, epochs * len(x), random_order=True)  # the same T updates
        theirs.append(reference.quantization_error(x.x))
    assert np.mean(ours) <= 1.10 * np.mean(theirs)
    assert np.mean(ours) >= 0.5 * np.mean(theirs)  # and not by some other measure


def test_pca_initialisation_spans_the_first_principal_components():
    som = make_map(rows=3, cols=3, n=2)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((500, 2)) * [3.0, 0.5] + [1.0, 2.0]
    som.params = SomParams(rows=3, cols=3, init="pca")
    som.begin(Split(x, np.zeros((500, 2))), rng)
    corners = som.prototypes[[0, 8]]
    # Corner units sit at mean ± (σ₁ e₁ + σ₂ e₂): about (1 ± 3, 2 ± 0.5) up to sign.
    np.testing.assert_allclose(np.abs(corners - [1.0, 2.0]), [[3.0, 0.5]] * 2, rtol=0.15)


def test_the_kit_passes_the_som():
    assert check_plugin("builtin.som") == []


def test_bad_grids_and_rule_model_extras_are_refused(registry):
    data = json.loads((EXAMPLES / "som-colours.json").read_text())
    data["model"]["params"]["rows"] = 0
    data["optimizer"] = {"name": "sgd", "params": {"eta": 1.0}}
    with pytest.raises(SpecError) as caught:
        parse_spec(data, registry, source="s.json")
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("s.json: model.params.rows: must be greater than 0")
    data["model"]["params"]["rows"] = 3
    with pytest.raises(SpecError) as caught:
        parse_spec(data, registry, source="s.json")
    assert str(caught.value) == (
        "s.json: optimizer: model 'som' learns by its own rule and takes no optimizer"
    )


def test_train_evaluate_predict_and_plot_a_colour_map(colours_run, capsys):
    history = [
        json.loads(line) for line in (colours_run / "metrics.jsonl").read_text().split("\n") if line
    ]
    assert history[-1]["train_quantization_error"] < history[0]["train_quantization_error"]
    assert history[-1]["train_quantization_error"] < 0.15  # colours sit in a unit cube
    assert main(["evaluate", str(colours_run), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["quantization_error"] < 0.15 and result["topographic_error"] < 0.1
    assert result["accuracy"] > 0.75  # each unit named by its majority colour
    assert main(["predict", str(colours_run), "--index", "0", "--json"]) == 0
    story = json.loads(capsys.readouterr().out)["story"]
    test = load_colours(ColoursParams(), dtype="float64").splits["test"]
    model = np.load(colours_run / "model.npz")
    best = int(np.argmin(np.linalg.norm(model["prototypes"] - test.x[0], axis=1)))
    assert story["unit"] == list(divmod(best, 12))
    assert story["unit_label"] in (
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "white",
    )
    assert main(["predict", str(colours_run), "--index", "0"]) == 0
    assert "best-matching unit" in capsys.readouterr().out
    assert main(["plot", str(colours_run)]) == 0
    for name in ("som-prototypes", "som-u-matrix", "som-hits"):
        assert (colours_run / f"{name}.png").read_bytes()[:4] == b"\x89PNG"


def test_noise_is_refused_by_a_map(colours_run, capsys):
    assert main(["predict", str(colours_run), "--index", "0", "--noise", "0.2"]) == 2
    assert "takes no noise" in capsys.readouterr().err


def test_the_mnist_map_example_validates(registry):
    from neurokit.spec import load_spec

    spec = load_spec(EXAMPLES / "som-mnist.json", registry)
    assert spec.model.params["rows"] == 10 and spec.model.params["cols"] == 10
