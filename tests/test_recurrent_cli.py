"""Recurrent models through the CLI: bad input is one line with its path and exit status 2;
generate writes text or a continuation; truncation and clipping do what they say."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from neurokit.builtins.costs import Quadratic
from neurokit.builtins.recurrent_models import example_spec
from neurokit.cli import main
from neurokit.core.elman import Elman
from neurokit.core.neurons import Sigmoid, Tanh


def write(tmp_path, spec, name="spec.json"):
    path = tmp_path / name
    path.write_text(json.dumps(spec))
    return path


SINGLE = {"x": [[1]] * 10, "y": [[0]] * 10}


def elman_spec(**params):
    spec = copy.deepcopy(example_spec("elman"))
    spec["model"] = {"name": "elman", "params": params}
    return spec


def one_error_line(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    return err[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s["model"]["params"].update(truncate=0), "model.params.truncate"),
        (lambda s: s["model"]["params"].update(truncate=7), "truncation length 7 is longer"),
        (lambda s: s["model"]["params"].update(targets="last_step"), "model.params.targets"),
        (lambda s: s.update(data={"name": "inline", "params": {"train": SINGLE}}),
         "reads sequences (n, T, inputs) but the data set holds single examples"),
    ],
)  # fmt: skip
def test_bad_recurrent_specs_are_one_line_with_a_path(tmp_path, capsys, change, expected):
    spec = elman_spec()
    change(spec)
    line = one_error_line(capsys, ["train", str(write(tmp_path, spec)), "--progress", "none"])
    assert expected in line


def test_a_feedforward_net_refuses_sequences(tmp_path, capsys):
    spec = elman_spec()
    del spec["model"]
    line = one_error_line(capsys, ["train", str(write(tmp_path, spec)), "--progress", "none"])
    assert (
        "data: model 'feedforward' reads single examples but the data set holds sequences" in line
    )


def test_spectral_radius_must_be_positive(tmp_path, capsys):
    spec = {
        "schema_version": 1, "name": "esn",
        "model": {"name": "esn", "params": {"spectral_radius": 0}},
        "layers": [{"size": 1}, {"size": 10}, {"size": 1}],
        "training": {"epochs": 1, "seed": 0},
        "data": {"name": "mackey-glass", "params": {"train": 50}},
    }  # fmt: skip
    line = one_error_line(capsys, ["train", str(write(tmp_path, spec)), "--progress", "none"])
    assert "model.params.spectral_radius" in line


def test_exploding_gradients_stop_with_the_likely_cause(tmp_path, capsys):
    spec = elman_spec()
    spec["optimizer"]["params"]["eta"] = 1e308
    spec["layers"][2]["neuron"] = "linear"
    argv = ["train", str(write(tmp_path, spec)), "--out", str(tmp_path / "r"), "--progress", "none"]
    line = one_error_line(capsys, argv)
    assert "gradients through time probably exploded" in line and "model.params.clip" in line


OUT29 = {"size": 29, "neuron": "sigmoid"}


def test_generate_text_and_refusal(tmp_path, capsys):
    spec = {
        "schema_version": 1, "name": "chars",
        "model": {"name": "gru", "params": {}},
        "layers": [{"size": 29}, {"size": 8, "neuron": "sigmoid"}, OUT29],
        "cost": "quadratic", "optimizer": {"name": "sgd", "params": {"eta": 5.0}},
        "training": {"epochs": 1, "batch_size": 20, "seed": 0},
        "data": {"name": "text", "params": {"steps": 10, "stride": 10}},
    }  # fmt: skip
    out = tmp_path / "run"
    assert main(["train", str(write(tmp_path, spec)), "--out", str(out), "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["generate", str(out), "--prime", "twinkle", "--steps", "30"]) == 0
    text = capsys.readouterr().out.rstrip("\n")
    assert text.startswith("twinkle") and len(text) == len("twinkle") + 30
    line = one_error_line(capsys, ["generate", str(out), "--prime", "ZZZ"])
    assert "characters the model never saw" in line
    parity = tmp_path / "parity"
    spec = elman_spec(targets="last_step")
    spec["data"]["params"]["targets"] = "last_step"
    assert (
        main(["train", str(write(tmp_path, spec)), "--out", str(parity), "--progress", "none"]) == 0
    )
    line = one_error_line(capsys, ["generate", str(parity)])
    assert "model 'elman' cannot generate" in line


def test_truncation_cuts_the_gradient_of_early_steps_and_clip_bounds_the_norm():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(2, 6, 1)), rng.uniform(size=(2, 1))
    full = Elman(
        1, 3, 1, [Tanh(), Sigmoid()], "float64", np.random.default_rng(1), targets="last_step"
    )
    cut = Elman(1, 3, 1, [Tanh(), Sigmoid()], "float64", np.random.default_rng(1),
                targets="last_step", truncate=2)  # fmt: skip
    g_full, g_cut = full.gradients(x, y, Quadratic()), cut.gradients(x, y, Quadratic())
    # last_step, chunks of 2: only the last chunk sends gradient back into w^2
    assert not np.allclose(g_full[0], g_cut[0])
    np.testing.assert_allclose(g_full[3], g_cut[3])  # w^3 sees no truncation
    moved = x.copy()
    moved[:, :4] += 0.5
    cut_moved = cut.gradients(moved, y, Quadratic())
    assert not np.allclose(cut_moved[0], g_cut[0])  # the state still carries x_1…x_4 forward
    clipped = Elman(1, 3, 1, [Tanh(), Sigmoid()], "float64", np.random.default_rng(1),
                    targets="last_step", clip=1e-3)  # fmt: skip
    norm = np.sqrt(sum((g**2).sum() for g in clipped.gradients(x, y, Quadratic())))
    assert norm == pytest.approx(1e-3)
