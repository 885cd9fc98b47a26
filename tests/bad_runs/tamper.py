"""Tamperings for the corpus of bad run files (``cases.json`` beside this file).

Each case names one function here by its ``tamper`` key. The function damages a copy of a
freshly trained run directory (784-30-10 on the MNIST sample, with a checkpoint) the way a
careless edit, a broken disk or an adversary would, and returns what the commands need
beside the run: ``{"image": path}`` for ``predict --image``, ``{"data_dir": path}`` for the
IDX files of ``--dataset mnist``. The run files are generated rather than stored so they
always match the current file formats: only the damage is fixed here.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import numpy as np

TAMPERS = {}


def tamper(function):
    TAMPERS[function.__name__] = function
    return function


# --- helpers --------------------------------------------------------------------------------


def _arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def _write_npz(path: Path, arrays: dict[str, np.ndarray], raw: dict[str, bytes] | None = None):
    """An npz of ``arrays``, plus members written byte for byte from ``raw``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(array), allow_pickle=True)
            archive.writestr(f"{name}.npy", member.getvalue())
        for name, data in (raw or {}).items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _npy_header(shape: tuple[int, ...], descr: str = "<f8") -> bytes:
    """A version 1.0 .npy header declaring ``shape`` (no data follows)."""
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape!r}, }}"
    header += " " * (63 - (len(header) + 10) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1")


def _state(path: Path) -> dict:
    return json.loads(_arrays(path)["state_json"].tobytes().decode("utf-8"))


def _with_state(path: Path, state_bytes: bytes) -> None:
    arrays = _arrays(path)
    arrays["state_json"] = np.frombuffer(state_bytes, dtype=np.uint8)
    _write_npz(path, arrays)


def _with_rng_state(path: Path, **changes) -> None:
    state = _state(path)
    state["rng"]["state"].update(changes)
    _with_state(path, json.dumps(state).encode())


def _replace_array(path: Path, name: str, value) -> None:
    arrays = _arrays(path)
    arrays[name] = value
    _write_npz(path, arrays)


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# --- model.npz ------------------------------------------------------------------------------


@tamper
def model_member_not_npy(run: Path, work: Path) -> dict:
    _write_npz(run / "model.npz", _arrays(run / "model.npz"), {"README.txt": b"hello"})
    return {}


@tamper
def model_header_declares_7_tib(run: Path, work: Path) -> dict:
    arrays = _arrays(run / "model.npz")
    del arrays["w2"]
    _write_npz(run / "model.npz", arrays, {"w2.npy": _npy_header((1 << 20, 1 << 20, 1 << 20))})
    return {}


@tamper
def model_object_array(run: Path, work: Path) -> dict:
    arrays = _arrays(run / "model.npz")
    arrays["w3"] = np.array([{"pickled": True}], dtype=object)
    _write_npz(run / "model.npz", arrays)
    return {}


@tamper
def model_truncated(run: Path, work: Path) -> dict:
    data = (run / "model.npz").read_bytes()
    (run / "model.npz").write_bytes(data[: len(data) // 2])
    return {}


@tamper
def model_empty(run: Path, work: Path) -> dict:
    (run / "model.npz").write_bytes(b"")
    return {}


@tamper
def model_is_text(run: Path, work: Path) -> dict:
    (run / "model.npz").write_text("w2 = [[0.1, 0.2]]\n")
    return {}


@tamper
def model_wrong_shape(run: Path, work: Path) -> dict:
    _replace_array(run / "model.npz", "w2", np.zeros((30, 783)))
    return {}


@tamper
def model_nan_weight(run: Path, work: Path) -> dict:
    arrays = _arrays(run / "model.npz")
    arrays["w3"] = arrays["w3"].copy()
    arrays["w3"][0, 0] = np.nan
    _write_npz(run / "model.npz", arrays)
    return {}


@tamper
def model_missing_array(run: Path, work: Path) -> dict:
    arrays = _arrays(run / "model.npz")
    del arrays["b3"]
    _write_npz(run / "model.npz", arrays)
    return {}


@tamper
def model_integer_weights(run: Path, work: Path) -> dict:
    _replace_array(run / "model.npz", "w3", np.zeros((10, 30), dtype=np.int64))
    return {}


@tamper
def model_other_sizes(run: Path, work: Path) -> dict:
    _replace_array(run / "model.npz", "sizes", np.array([784, 31, 10]))
    return {}


@tamper
def model_format_version_9(run: Path, work: Path) -> dict:
    _replace_array(run / "model.npz", "format_version", np.array(9))
    return {}


@tamper
def model_many_junk_members(run: Path, work: Path) -> dict:
    junk = {f"junk{i:05d}.npy": b"" for i in range(5000)}
    _write_npz(run / "model.npz", _arrays(run / "model.npz"), junk)
    return {}


@tamper
def model_is_a_directory(run: Path, work: Path) -> dict:
    (run / "model.npz").unlink()
    (run / "model.npz").mkdir()
    return {}


@tamper
def model_is_a_fifo(run: Path, work: Path) -> dict:
    (run / "model.npz").unlink()
    os.mkfifo(run / "model.npz")
    return {}


@tamper
def model_missing(run: Path, work: Path) -> dict:
    (run / "model.npz").unlink()
    return {}


# --- spec.json ------------------------------------------------------------------------------


@tamper
def spec_not_json(run: Path, work: Path) -> dict:
    (run / "spec.json").write_text('{"layers": [')
    return {}


@tamper
def spec_other_hidden_layer(run: Path, work: Path) -> dict:
    spec = json.loads((run / "spec.json").read_text())
    spec["layers"][1]["size"] = 20
    (run / "spec.json").write_text(json.dumps(spec))
    return {}


# --- metrics.jsonl --------------------------------------------------------------------------


@tamper
def metrics_not_utf8(run: Path, work: Path) -> dict:
    (run / "metrics.jsonl").write_bytes(b'{"epoch": 1, "train_cost": 0.5}\n\xff\xfe\x00junk\n')
    return {}


@tamper
def metrics_row_is_a_list(run: Path, work: Path) -> dict:
    (run / "metrics.jsonl").write_text('{"epoch": 1, "train_cost": 0.5}\n[1, 2, 3]\n')
    return {}


@tamper
def metrics_cost_is_text(run: Path, work: Path) -> dict:
    lines = (run / "metrics.jsonl").read_text().splitlines()
    row = json.loads(lines[1])
    row["train_cost"] = "rather high"
    lines[1] = json.dumps(row)
    (run / "metrics.jsonl").write_text("\n".join(lines) + "\n")
    return {}


@tamper
def metrics_epoch_is_text(run: Path, work: Path) -> dict:
    lines = (run / "metrics.jsonl").read_text().splitlines()
    row = json.loads(lines[0])
    row["epoch"] = "one"
    lines[0] = json.dumps(row)
    (run / "metrics.jsonl").write_text("\n".join(lines) + "\n")
    return {}


@tamper
def metrics_deeply_nested(run: Path, work: Path) -> dict:
    (run / "metrics.jsonl").write_bytes(_nested(100_000) + b"\n")
    return {}


@tamper
def metrics_not_json(run: Path, work: Path) -> dict:
    with (run / "metrics.jsonl").open("a") as handle:
        handle.write("{epoch: 3,\n")
    return {}


# --- checkpoint.npz -------------------------------------------------------------------------


@tamper
def checkpoint_rng_state_out_of_range(run: Path, work: Path) -> dict:
    _with_rng_state(run / "checkpoint.npz", state=1 << 200)
    return {}


@tamper
def checkpoint_rng_state_negative(run: Path, work: Path) -> dict:
    _with_rng_state(run / "checkpoint.npz", inc=-5)
    return {}


@tamper
def checkpoint_rng_state_is_text(run: Path, work: Path) -> dict:
    _with_rng_state(run / "checkpoint.npz", state="seven")
    return {}


@tamper
def checkpoint_other_bit_generator(run: Path, work: Path) -> dict:
    state = _state(run / "checkpoint.npz")
    state["rng"]["bit_generator"] = "MT19937"
    _with_state(run / "checkpoint.npz", json.dumps(state).encode())
    return {}


@tamper
def checkpoint_state_deeply_nested(run: Path, work: Path) -> dict:
    _with_state(run / "checkpoint.npz", _nested(200_000))
    return {}


@tamper
def checkpoint_state_not_utf8(run: Path, work: Path) -> dict:
    _with_state(run / "checkpoint.npz", b'{"epoch": 2, \xff\xfe}')
    return {}


@tamper
def checkpoint_negative_epoch(run: Path, work: Path) -> dict:
    state = _state(run / "checkpoint.npz")
    state["epoch"] = -1
    _with_state(run / "checkpoint.npz", json.dumps(state).encode())
    return {}


@tamper
def checkpoint_epoch_past_metrics(run: Path, work: Path) -> dict:
    state = _state(run / "checkpoint.npz")
    state["epoch"] = 7
    _with_state(run / "checkpoint.npz", json.dumps(state).encode())
    return {}


@tamper
def checkpoint_of_another_run(run: Path, work: Path) -> dict:
    state = _state(run / "checkpoint.npz")
    state["run_id"] = "0" * 32
    _with_state(run / "checkpoint.npz", json.dumps(state).encode())
    return {}


@tamper
def checkpoint_header_declares_7_tib(run: Path, work: Path) -> dict:
    arrays = _arrays(run / "checkpoint.npz")
    del arrays["state_json"]
    _write_npz(
        run / "checkpoint.npz", arrays, {"state_json.npy": _npy_header((1 << 43,), descr="|u1")}
    )
    return {}


@tamper
def checkpoint_without_state(run: Path, work: Path) -> dict:
    arrays = _arrays(run / "checkpoint.npz")
    del arrays["state_json"]
    _write_npz(run / "checkpoint.npz", arrays)
    return {}


# --- run.json -------------------------------------------------------------------------------


@tamper
def run_info_not_json(run: Path, work: Path) -> dict:
    (run / "run.json").write_text("run_id = 7\n")
    return {}


@tamper
def run_info_is_a_list(run: Path, work: Path) -> dict:
    (run / "run.json").write_text("[1, 2]\n")
    return {}


# --- pictures for predict --image -----------------------------------------------------------


def _png(path: Path, width: int, height: int) -> Path:
    from PIL import Image

    Image.new("L", (width, height), 0).save(path)
    return path


@tamper
def image_one_pixel_high_and_a_million_wide(run: Path, work: Path) -> dict:
    return {"image": _png(work / "strip.png", 1 << 20, 1)}


@tamper
def image_truncated(run: Path, work: Path) -> dict:
    data = _png(work / "digit.png", 28, 28).read_bytes()
    (work / "digit.png").write_bytes(data[: len(data) // 2])
    return {"image": work / "digit.png"}


@tamper
def image_is_text(run: Path, work: Path) -> dict:
    (work / "digit.png").write_text("a seven, roughly\n")
    return {"image": work / "digit.png"}


@tamper
def image_is_a_fifo(run: Path, work: Path) -> dict:
    os.mkfifo(work / "digit.png")
    return {"image": work / "digit.png"}


# --- IDX files for --dataset mnist ----------------------------------------------------------


def _idx(path: Path, array: np.ndarray) -> None:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(struct.pack(">I", n) for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def _mnist_dir(work: Path, n_test: int = 5) -> Path:
    data = work / "mnist"
    data.mkdir()
    _idx(data / "train-images-idx3-ubyte", np.zeros((10_010, 28, 28)))
    _idx(data / "train-labels-idx1-ubyte", np.zeros(10_010))
    _idx(data / "t10k-images-idx3-ubyte", np.zeros((n_test, 28, 28)))
    _idx(data / "t10k-labels-idx1-ubyte", np.zeros(n_test))
    return data


@tamper
def idx_zero_test_images(run: Path, work: Path) -> dict:
    return {"data_dir": _mnist_dir(work, n_test=0)}


@tamper
def idx_images_truncated(run: Path, work: Path) -> dict:
    data = _mnist_dir(work)
    raw = (data / "t10k-images-idx3-ubyte").read_bytes()
    (data / "t10k-images-idx3-ubyte").write_bytes(raw[:-100])
    return {"data_dir": data}


@tamper
def idx_labels_count_differs(run: Path, work: Path) -> dict:
    data = _mnist_dir(work)
    _idx(data / "t10k-labels-idx1-ubyte", np.zeros(4))
    return {"data_dir": data}
