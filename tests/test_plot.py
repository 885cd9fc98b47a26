"""neurokit plot: PNG files of sensible size, drawn from the run's own metrics.

Needs matplotlib (the ``plot`` extra); CI installs it with the tests.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import pytest

from neurokit.cli import main
from neurokit.core.errors import NeurokitError
from neurokit.pipeline import plotting
from neurokit.pipeline.registry import load_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from the IHDR chunk, after checking the 8-byte PNG signature."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR"), f"{path.name}: first chunk is not IHDR"
    return struct.unpack(">II", data[16:24])


def train(spec: Path, out: Path, capsys, *extra: str) -> Path:
    assert main(["train", str(spec), "--out", str(out), "--progress", "none", *extra]) == 0
    capsys.readouterr()
    return out


@pytest.fixture(scope="module")
def mnist_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("plot") / "mnist"
    assert main(["train", str(EXAMPLES / "mnist.json"), "--out", str(out), "--epochs", "2",
                 "--progress", "none"]) == 0  # fmt: skip
    return out


def test_plot_writes_every_png_for_an_mnist_run(mnist_run, capsys):
    assert main(["plot", str(mnist_run)]) == 0
    out = capsys.readouterr().out
    for name in ("learning-curves", "hidden-weights", "confusion", "misclassified"):
        path = mnist_run / f"{name}.png"
        assert f"wrote {path}" in out
        width, height = png_size(path)
        assert 300 <= width <= 3000 and 200 <= height <= 3000, (name, width, height)
    # 30 hidden neurons in a 6 × 5 grid of 28 × 28 images: wider than a single small plot.
    assert png_size(mnist_run / "hidden-weights.png")[0] >= 600


def test_the_cost_curve_is_the_runs_own_metrics(tmp_path, capsys):
    run = train(EXAMPLES / "xor.json", tmp_path / "xor", capsys, "--epochs", "3")
    rows = [
        {"epoch": 1, "train_cost": 0.25, "train_accuracy": 0.5, "seconds": 0.1,
         "samples_per_second": 40.0, "validation_cost": 0.3, "validation_accuracy": 0.25},
        {"epoch": 2, "train_cost": 0.125, "train_accuracy": 0.75, "seconds": 0.1,
         "samples_per_second": 40.0, "validation_cost": 0.2, "validation_accuracy": 0.5},
        {"epoch": 3, "train_cost": 0.0625, "train_accuracy": 1.0, "seconds": 0.1,
         "samples_per_second": 40.0, "validation_cost": 0.15, "validation_accuracy": 0.75},
    ]  # fmt: skip
    (run / "metrics.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = plotting.plot_run(run, load_registry(autoload=False))
    assert result.curves["train_cost"] == ([1.0, 2.0, 3.0], [0.25, 0.125, 0.0625])
    assert result.curves["validation_cost"] == ([1.0, 2.0, 3.0], [0.3, 0.2, 0.15])
    assert result.curves["train_accuracy"][1] == [0.5, 0.75, 1.0]
    assert result.curves["validation_accuracy"][1] == [0.25, 0.5, 0.75]
    png_size(result.files["curves"])
    # XOR's inputs are not images: no weight images or digit grid, each skip explained.
    assert "hidden" not in result.files and "misclassified" not in result.files
    assert any("not images" in reason for reason in result.skipped)
    png_size(result.files["confusion"])
    assert result.split == "train"


def test_curves_skip_missing_metrics_instead_of_inventing_them():
    rows = [{"epoch": 1, "train_cost": 0.5}, {"epoch": 2, "train_cost": 0.4}]
    assert plotting.curve_data(rows) == {"train_cost": ([1.0, 2.0], [0.5, 0.4])}


def test_plot_of_a_missing_run_is_a_one_line_error(tmp_path, capsys):
    assert main(["plot", str(tmp_path / "nothing")]) == 2
    assert "no such run directory" in capsys.readouterr().err


def test_without_matplotlib_the_error_names_the_extra(monkeypatch, mnist_run, capsys):
    # A None entry in sys.modules makes `import matplotlib...` raise ImportError.
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(NeurokitError, match=r"pip install 'neurokit\[plot\]'"):
        plotting.require_matplotlib()
    assert main(["plot", str(mnist_run)]) == 2
    err = capsys.readouterr().err
    assert "pip install 'neurokit[plot]'" in err and "Traceback" not in err
