"""Saved models: what loading refuses, and how ``neurokit evaluate`` reports it (exit 2)."""

from __future__ import annotations

import io
import json
import pickle

import numpy as np
import pytest

from neurokit.cli import main
from neurokit.core.errors import ModelFileError
from neurokit.pipeline import runs
from neurokit.pipeline.builder import build_network
from neurokit.pipeline.registry import load_registry
from neurokit.spec import parse_spec

# A 4-3-2 net with a two-example test split: small enough to write by hand.
SPEC = {
    "schema_version": 1,
    "name": "tiny",
    "layers": [
        {"size": 4},
        {"size": 3, "neuron": "sigmoid"},
        {"size": 2, "neuron": "sigmoid"},
    ],
    "cost": "quadratic",
    "data": {
        "name": "inline",
        "params": {
            "train": {"x": [[0, 0, 0, 1]], "y": [[1, 0]]},
            "test": {"x": [[1, 0, 0, 0], [0, 1, 0, 0]], "y": [[1, 0], [0, 1]]},
        },
    },
}


@pytest.fixture(scope="module")
def registry():
    return load_registry(autoload=False)


@pytest.fixture
def run_dir(tmp_path, registry):
    """A complete run directory whose model.npz the test then damages."""
    directory = tmp_path / "run"
    directory.mkdir()
    spec = parse_spec(SPEC, registry)
    (directory / runs.SPEC_FILE).write_text(spec.to_json())
    runs.save_model(directory / runs.MODEL_FILE, build_network(spec, registry))
    return directory


def good_arrays(run_dir) -> dict[str, np.ndarray]:
    with np.load(run_dir / runs.MODEL_FILE) as archive:
        return {name: archive[name] for name in archive.files}


def rewrite(run_dir, **arrays) -> None:
    np.savez(run_dir / runs.MODEL_FILE, **arrays)


def load_error(run_dir, registry) -> str:
    with pytest.raises(ModelFileError) as excinfo:
        runs.load_run(run_dir, registry)
    message = str(excinfo.value)
    assert "\n" not in message
    assert str(run_dir / runs.MODEL_FILE) in message
    return message


def test_intact_model_loads_the_saved_weights(run_dir, registry):
    saved = good_arrays(run_dir)
    _, network = runs.load_run(run_dir, registry)
    assert saved["format_version"] == runs.MODEL_FORMAT_VERSION
    assert saved["sizes"].tolist() == [4, 3, 2]
    np.testing.assert_array_equal(network.weights[0], saved["w2"])
    np.testing.assert_array_equal(network.biases[1], saved["b3"])


@pytest.mark.parametrize("keep", [0, 30, 0.5, -22])
def test_truncated_file_is_refused(run_dir, registry, keep):
    path = run_dir / runs.MODEL_FILE
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep
    path.write_bytes(data[:cut])
    message = load_error(run_dir, registry)
    assert "not a neurokit model" in message


def test_flipped_byte_is_caught_by_the_zip_checksum(run_dir, registry):
    path = run_dir / runs.MODEL_FILE
    data = bytearray(path.read_bytes())
    start = data.index(b"w2.npy") + 200  # inside w2's stored bytes
    data[start] ^= 0xFF
    path.write_bytes(bytes(data))
    assert "not a neurokit model" in load_error(run_dir, registry)


def test_foreign_npz_is_refused(run_dir, registry):
    rewrite(run_dir, images=np.zeros((2, 4)), labels=np.arange(2))
    assert "not a neurokit model of format version 1" in load_error(run_dir, registry)


def test_pickle_file_is_refused_without_unpickling(run_dir, registry):
    (run_dir / runs.MODEL_FILE).write_bytes(pickle.dumps({"w2": [[1.0]]}))
    assert "not an npz" in load_error(run_dir, registry)


def test_lone_npy_array_is_refused(run_dir, registry):
    buffer = io.BytesIO()
    np.save(buffer, np.zeros(3))
    (run_dir / runs.MODEL_FILE).write_bytes(buffer.getvalue())
    assert "not an npz" in load_error(run_dir, registry)


def test_object_array_is_refused(run_dir, registry):
    arrays = good_arrays(run_dir)
    arrays["w2"] = np.array([{"x": 1}, None, "payload"], dtype=object)
    rewrite(run_dir, **arrays)
    assert "pickled (object) array" in load_error(run_dir, registry)


def test_wrong_shape_names_the_array(run_dir, registry):
    arrays = good_arrays(run_dir)
    arrays["w3"] = np.zeros((2, 4))
    rewrite(run_dir, **arrays)
    assert "w3 has shape (2, 4), expected (2, 3)" in load_error(run_dir, registry)


def test_sizes_that_disagree_with_the_spec(run_dir, registry):
    arrays = good_arrays(run_dir)
    arrays["sizes"] = np.array([4, 5, 2])
    rewrite(run_dir, **arrays)
    assert "layer sizes [4, 5, 2], spec says [4, 3, 2]" in load_error(run_dir, registry)


def test_extra_array_is_refused(run_dir, registry):
    rewrite(run_dir, **good_arrays(run_dir), w4=np.zeros((2, 2)))
    assert "unexpected w4" in load_error(run_dir, registry)


def test_missing_array_is_refused(run_dir, registry):
    arrays = good_arrays(run_dir)
    del arrays["b2"]
    rewrite(run_dir, **arrays)
    assert "missing b2" in load_error(run_dir, registry)


def test_other_format_version_is_refused(run_dir, registry):
    rewrite(run_dir, **{**good_arrays(run_dir), "format_version": np.array(2)})
    assert "format version 1" in load_error(run_dir, registry)


def test_integer_and_non_finite_weights_are_refused(run_dir, registry):
    arrays = good_arrays(run_dir)
    rewrite(run_dir, **{**arrays, "b2": np.zeros(3, dtype=np.int64)})
    assert "b2 has dtype int64" in load_error(run_dir, registry)
    rewrite(run_dir, **{**arrays, "w2": np.full((3, 4), np.nan)})
    assert "w2 holds NaN" in load_error(run_dir, registry)


def test_save_is_atomic_and_leaves_no_temporary_files(run_dir, registry):
    _, network = runs.load_run(run_dir, registry)
    network.weights[0][...] = 0.5
    runs.save_model(run_dir / runs.MODEL_FILE, network)
    assert sorted(p.name for p in run_dir.iterdir()) == [runs.MODEL_FILE, runs.SPEC_FILE]
    assert (good_arrays(run_dir)["w2"] == 0.5).all()


def test_evaluate_reports_a_damaged_model_in_one_line(run_dir, capsys):
    (run_dir / runs.MODEL_FILE).write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["evaluate", str(run_dir)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("neurokit: error: ") and "model.npz" in lines[0]
    assert "Traceback" not in captured.err


def test_evaluate_reports_a_missing_model_and_a_non_run(run_dir, tmp_path, capsys):
    (run_dir / runs.MODEL_FILE).unlink()
    assert main(["evaluate", str(run_dir), "--json"]) == 2
    assert "no such model file" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "not a run directory (no spec.json)" in capsys.readouterr().err


def test_evaluate_works_on_the_intact_tiny_run(run_dir, capsys):
    assert main(["evaluate", str(run_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 2 and len(result["confusion"]) == 2
