"""``neurokit predict``: a data set example or a picture file through a trained run.

Tests that write PNG files need Pillow (the ``image`` extra); ``--index`` must work without it.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from neurokit import api
from neurokit.cli import main
from neurokit.data.sample import load_mnist_sample
from neurokit.pipeline.prediction import predict_run, read_image

INDEX = 3

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def run_dir(trained_mnist_run):
    """The examples/mnist.json net trained for 3 epochs on the sample."""
    return trained_mnist_run(3)


@pytest.fixture(scope="module")
def test_split():
    return load_mnist_sample()["test"]


def reference_activations(run_dir, pixels: np.ndarray) -> np.ndarray:
    """a^L computed straight from model.npz: σ(w^3 σ(w^2 x + b^2) + b^3), x = pixel / 255."""
    with np.load(run_dir / "model.npz") as model:
        a = pixels.reshape(-1).astype(np.float64) / 255
        for layer in (2, 3):
            a = 1 / (1 + np.exp(-(model[f"w{layer}"] @ a + model[f"b{layer}"])))
    return a


def predict_json(capsys, *argv) -> tuple[dict, str]:
    assert main(["predict", *map(str, argv), "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def save_png(path, pixels, mode=None):
    from PIL import Image

    Image.fromarray(np.asarray(pixels, dtype=np.uint8), mode).save(path)
    return path


def test_index_gives_the_activations_of_the_stored_weights(run_dir, test_split, capsys):
    images, labels = test_split
    result, err = predict_json(capsys, run_dir, "--index", INDEX)
    expected = reference_activations(run_dir, images[INDEX])
    np.testing.assert_allclose(result["activations"], expected, rtol=0, atol=1e-12)
    assert result["prediction"] == int(np.argmax(expected))
    assert result["label"] == int(labels[INDEX])
    assert result["source"] == f"mnist-sample test #{INDEX}"
    assert err == ""


def test_index_counts_in_the_chosen_split(run_dir, capsys):
    validation_images, validation_labels = load_mnist_sample()["validation"]
    result, _ = predict_json(capsys, run_dir, "--index", 0, "--split", "validation")
    assert result["label"] == int(validation_labels[0])
    np.testing.assert_allclose(
        result["activations"], reference_activations(run_dir, validation_images[0]), atol=1e-12
    )


def test_index_shows_the_digit_the_activations_and_the_prediction(run_dir, test_split, capsys):
    images, labels = test_split
    assert main(["predict", str(run_dir), "--index", str(INDEX)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    # Without colour the digit is 28 rows of shaded blocks, two characters per pixel.
    art = [line for line in lines if line.startswith("│") and len(line) == 58]
    assert len(art) == 28
    ink = [i for i, line in enumerate(art) if "█" in line]
    assert ink and ink == sorted(set(ink))
    rows_with_ink = np.flatnonzero(images[INDEX].reshape(28, 28).max(axis=1) >= 224)
    assert ink == rows_with_ink.tolist()
    expected = reference_activations(run_dir, images[INDEX])
    predicted = int(np.argmax(expected))
    table_rows = [line for line in lines if line.startswith("│ ") and "0." in line]
    assert len(table_rows) == 10
    assert f"{expected[predicted]:.4f}" in table_rows[predicted]
    assert "◀ predicted" in table_rows[predicted]
    assert f"prediction: {predicted} (a^L = {expected[predicted]:.4f})" in out
    verdict = "right" if predicted == labels[INDEX] else "wrong"
    assert f"true class {labels[INDEX]}: {verdict}" in out


def test_colour_terminal_art_uses_half_blocks_in_true_grey():
    from rich.console import Console

    from neurokit.commands.predict import digit_art

    pixels = np.zeros((28, 28))
    pixels[0, 0] = 1.0  # top-left pixel white, the one below it black
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=80)
    console.print(digit_art(pixels, colour=True))
    lines = console.file.getvalue().splitlines()
    assert len(lines) == 14 + 2  # two pixel rows per line, inside a frame
    assert "\x1b[38;2;255;255;255;48;2;0;0;0m▀" in lines[1]


def test_index_works_without_pillow(run_dir, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "PIL", None)  # makes `import PIL` fail
    result, _ = predict_json(capsys, run_dir, "--index", 0)
    assert len(result["activations"]) == 10


def test_image_without_pillow_names_the_extra(run_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "PIL", None)
    assert main(["predict", str(run_dir), "--image", str(tmp_path / "digit.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "needs Pillow" in err and "pip install 'neurokit[image]'" in err


def test_index_out_of_range(run_dir, capsys):
    assert main(["predict", str(run_dir), "--index", "500"]) == 2
    assert "has 500 examples (0…499)" in capsys.readouterr().err


def test_png_of_a_test_image_predicts_exactly_like_its_index(run_dir, test_split, tmp_path, capsys):
    images, _ = test_split
    png = save_png(tmp_path / "digit.png", images[INDEX].reshape(28, 28))
    from_file, err = predict_json(capsys, run_dir, "--image", png)
    from_index, _ = predict_json(capsys, run_dir, "--index", INDEX)
    assert from_file["activations"] == from_index["activations"]
    assert from_file["label"] is None and from_file["correct"] is None
    assert err == "" and from_file["warnings"] == [] and from_file["notes"] == []


def test_dark_digit_on_white_paper_is_inverted_with_a_note(run_dir, test_split, tmp_path, capsys):
    images, _ = test_split
    png = save_png(tmp_path / "paper.png", 255 - images[INDEX].reshape(28, 28))
    inverted, err = predict_json(capsys, run_dir, "--image", png)
    np.testing.assert_allclose(
        inverted["activations"], reference_activations(run_dir, images[INDEX]), atol=1e-12
    )
    assert "neurokit: note: the image is mostly white" in err
    as_is, err = predict_json(capsys, run_dir, "--image", png, "--no-invert")
    np.testing.assert_allclose(
        as_is["activations"], reference_activations(run_dir, 255 - images[INDEX]), atol=1e-12
    )
    assert err == ""
    forced, _ = predict_json(capsys, run_dir, "--image", png, "--invert")
    assert forced["activations"] == inverted["activations"]


def test_a_large_drawing_is_normalised_like_mnist_with_a_note(run_dir, test_split, tmp_path):
    images, _ = test_split
    digit = images[INDEX].reshape(28, 28)
    big = np.kron(digit, np.ones((3, 3), dtype=np.uint8))  # each pixel becomes 3×3
    pixels, warnings, notes = read_image(save_png(tmp_path / "big.png", big))
    assert pixels.shape == (28, 28) and warnings == []
    assert notes == [
        "big.png is 84×84 pixels; its digit was fitted into a 20×20 box and centred by its "
        "centre of mass in 28×28, as MNIST's digits are"
    ]
    extent, (row, col) = ink_extent_and_centre(pixels)
    assert extent in (19, 20, 21) and abs(row - 13.5) <= 0.5 and abs(col - 13.5) <= 0.5
    # MNIST's own digit was made this way, so the net reads it as it reads the original
    net = api.load_run(run_dir).network
    assert (
        net.feedforward(pixels.reshape(-1) / 255).argmax()
        == net.feedforward(digit.reshape(-1) / 255).argmax()
    )


def ink_extent_and_centre(pixels):
    rows, cols = np.nonzero(pixels > 24)
    extent = max(rows.max() - rows.min(), cols.max() - cols.min()) + 1
    weights = pixels.astype(float)
    r, c = np.indices(pixels.shape)
    return extent, ((r * weights).sum() / weights.sum(), (c * weights).sum() / weights.sum())


def test_an_off_centre_drawing_is_fitted_into_20_by_20_and_centred_by_mass(test_split, tmp_path):
    images, _ = test_split
    digit = images[INDEX].reshape(28, 28)
    canvas = np.zeros((300, 500), dtype=np.uint8)
    canvas[10:150, 20:160] = np.kron(digit, np.ones((5, 5), dtype=np.uint8))  # top left
    pixels, warnings, notes = read_image(save_png(tmp_path / "corner.png", canvas))
    extent, (row, col) = ink_extent_and_centre(pixels)
    assert extent in (19, 20, 21)  # 20 × 20, give or take the resampling's fringe
    assert abs(row - 13.5) <= 0.5 and abs(col - 13.5) <= 0.5
    assert warnings == [] and len(notes) == 1


def test_a_blank_picture_is_resized_with_a_warning(tmp_path):
    pixels, warnings, _ = read_image(save_png(tmp_path / "blank.png", np.zeros((40, 40), np.uint8)))
    assert pixels.max() == 0
    assert warnings == ["blank.png is 40×40 pixels with no ink on it; padded to a square and "
                        "resized to 28×28"]  # fmt: skip


def draw_seven(path, size, points, width):
    from PIL import Image, ImageDraw

    image = Image.new("L", size, 255)  # a dark 7 on white paper, as a person draws it
    ImageDraw.Draw(image).line(points, fill=0, width=width, joint="curve")
    image.save(path)
    return path


@pytest.mark.parametrize(
    ("size", "points", "width"),
    [
        ((400, 400), [(60, 60), (340, 60), (160, 360)], 28),  # fills the canvas
        ((400, 400), [(100, 80), (300, 90), (180, 380)], 20),
        ((300, 600), [(40, 40), (200, 40), (90, 250)], 16),  # small, in a corner
        ((400, 300), [(150, 50), (260, 50), (180, 250)], 14),
    ],
)
def test_ordinary_drawings_of_a_seven_are_read_as_seven(run_dir, tmp_path, size, points, width):
    # Before the MNIST normalisation these four were read as 4, 2, 9 and 9.
    png = draw_seven(tmp_path / "seven.png", size, points, width)
    prediction = predict_run(run_dir, image=png)
    assert prediction.predicted == 7 and prediction.warnings == []


def test_colour_is_converted_to_grey_with_a_warning(tmp_path):
    rgb = np.zeros((28, 28, 3), dtype=np.uint8)
    rgb[10:18, 10:18] = (200, 100, 50)
    pixels, warnings, notes = read_image(save_png(tmp_path / "colour.png", rgb))
    assert warnings == ["colour.png is in colour; it was converted to grey"]
    assert notes == []
    # ITU-R 601 luma, as Pillow computes it: 0.299 R + 0.587 G + 0.114 B
    assert abs(int(pixels[12, 12]) - (0.299 * 200 + 0.587 * 100 + 0.114 * 50)) <= 1
    assert pixels[0, 0] == 0


def test_grey_stored_as_rgb_needs_no_warning(test_split, tmp_path):
    images, _ = test_split
    grey = images[INDEX].reshape(28, 28)
    pixels, warnings, _ = read_image(save_png(tmp_path / "rgb.png", np.dstack([grey] * 3)))
    assert warnings == [] and np.array_equal(pixels, grey)


def test_transparent_background_counts_as_white_paper(tmp_path):
    # Black ink on a transparent sheet, as drawing programs save it.
    la = np.zeros((28, 28, 2), dtype=np.uint8)
    la[8:20, 13:15, 1] = 255  # opaque black stroke; everything else fully transparent
    pixels, warnings, notes = read_image(save_png(tmp_path / "sketch.png", la, "LA"))
    assert warnings == ["sketch.png has transparent pixels; they were taken as white paper"]
    assert len(notes) == 1 and "inverted" in notes[0]
    assert pixels[10, 13] == 255 and pixels[0, 0] == 0


def test_unreadable_and_missing_images(run_dir, tmp_path, capsys):
    not_png = tmp_path / "notes.png"
    not_png.write_text("this is not a picture")
    assert main(["predict", str(run_dir), "--image", str(not_png)]) == 2
    assert "not an image Pillow can read" in capsys.readouterr().err
    assert main(["predict", str(run_dir), "--image", str(tmp_path / "nope.png")]) == 2
    assert "no such image file" in capsys.readouterr().err


def test_image_needs_a_network_with_784_inputs(tmp_path, capsys):
    out = tmp_path / "xor"
    registry = api.registry()
    spec = api.load_spec_with_overrides(
        str(EXAMPLES / "xor.json"), registry, {"training": {"epochs": 1}}
    )
    api.train_spec(spec, registry, out_dir=out, progress="none")
    assert main(["predict", str(out), "--image", str(tmp_path / "x.png")]) == 2
    assert "the network takes 2 inputs" in capsys.readouterr().err
    # A data set example works for any shape; there is just no picture to draw.
    assert main(["predict", str(out), "--index", "1", "--split", "train"]) == 0
    out_text = capsys.readouterr().out
    assert "inline train #1" in out_text and "prediction: " in out_text


def test_strict_refuses_pictures_that_need_converting(run_dir, test_split, tmp_path, capsys):
    images, _ = test_split
    digit = images[INDEX].reshape(28, 28)
    small = save_png(tmp_path / "small.png", digit[::2, ::2])
    assert main(["predict", str(run_dir), "--image", str(small), "--strict"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "neurokit: error: small.png is 14×14 pixels, not 28×28 "
        "(refused: --strict takes 28×28 grey only)"
    ]
    colour = save_png(tmp_path / "colour.png", np.dstack([digit, digit // 2, digit]))
    assert main(["predict", str(run_dir), "--image", str(colour), "--strict"]) == 2
    assert "colour.png is in colour" in capsys.readouterr().err
    exact = save_png(tmp_path / "exact.png", digit)
    assert main(["predict", str(run_dir), "--image", str(exact), "--strict", "--json"]) == 0
