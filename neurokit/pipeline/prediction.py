"""What a trained network says about one image: the output activations a^L and the class.

The image is an example of a data set split (``index=``) or a picture file (``image=``, any
format Pillow reads, usually PNG; install the ``image`` extra: ``pip install 'neurokit[image]'``).

A picture is made to look like an MNIST input before it is fed forward:

- colour is converted to grey (ITU-R 601 luma) and transparent pixels count as white paper,
  each with a warning;
- MNIST digits are *white on black* (pixel 255 is ink). A picture that is mostly white
  (its median pixel is light) is taken to be a dark digit on light paper and inverted, with a
  note; pass ``invert=False`` (``--no-invert``) to keep it as it is, ``invert=True`` to force it;
- a picture that is not 28×28 is treated as a drawing and normalised the way MNIST's digits
  were (``mnist_normalise``): its ink fitted into a 20×20 box keeping its aspect ratio, then
  centred by its centre of mass in 28×28, with a note. A 28×28 picture is taken as it is.

Then x = pixel / 255, exactly as the data sets compute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from neurokit.core.datasets import class_of, pixels_to_inputs
from neurokit.core.errors import DataError, NeurokitError
from neurokit.core.files import check_regular_file
from neurokit.core.views import Story

IMAGE_SHAPE = (28, 28)
#: A picture with a longer side is refused before it is decoded: it is not a photo of one
#: digit, and padding it to a square (to keep the digit's proportions) would take side² bytes.
MAX_PICTURE_SIDE = 4096
IMAGE_EXTRA_HINT = "install the image extra: pip install 'neurokit[image]'"

#: The note when a mostly white picture was inverted without being asked (``invert=False``
#: keeps a picture as it is).
AUTO_INVERTED = (
    "the image is mostly white, so it was taken as a dark digit on light paper and "
    "inverted to MNIST's white digit on black"
)


class MissingExtraError(NeurokitError):
    """An optional dependency (here Pillow) is needed for what was asked."""


@dataclass
class Prediction:
    """a^L for one input, the class it picks, and what was done to the input on the way."""

    activations: np.ndarray
    class_names: list[str]
    #: The input as the network saw it, as an image of values in [0, 1] (None if not an image).
    pixels: np.ndarray | None = None
    #: The true class, when the input came from a data set.
    label: int | None = None
    source: str = ""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The model's step-by-step account of this input (``Model.story``), if it gives one.
    story: Story | None = None
    #: For a picture file: its (width, height) before it was made 28×28.
    picture_size: tuple[int, int] | None = None

    @property
    def predicted(self) -> int:
        """The class of the most active output neuron (output > 0.5 for a single one)."""
        return int(class_of(self.activations[None, :])[0])

    @property
    def predicted_name(self) -> str:
        return self.class_names[self.predicted]

    @property
    def correct(self) -> bool | None:
        return None if self.label is None else self.predicted == self.label

    def __repr__(self) -> str:
        truth = "" if self.label is None else f", label={self.label}"
        return f"Prediction({self.predicted_name!r} from {self.source!r}{truth})"

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "prediction": self.predicted,
            "class": self.predicted_name,
            "activations": self.activations.tolist(),
            "classes": list(self.class_names),
            "label": self.label,
            "correct": self.correct,
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            **({"story": self.story.to_dict()} if self.story is not None else {}),
        }


# --- reading a picture ----------------------------------------------------------------------


def read_image(path: str | Path, invert: bool | None = None):
    """A picture file as 28×28 uint8 pixels in MNIST's convention (white digit on black).

    Returns ``(pixels, warnings, notes)``; see the module docstring for what is changed.
    """
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        raise MissingExtraError(f"reading {path} needs Pillow; {IMAGE_EXTRA_HINT}") from None
    path = Path(path)
    warnings: list[str] = []
    notes: list[str] = []
    check_regular_file(path, "image file", DataError)
    try:
        with Image.open(path) as image:
            _check_picture_size(path, image.size)
            image.load()
            grey = _to_grey(image, warnings)
    except FileNotFoundError:
        raise DataError(f"{path}: no such image file") from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise DataError(f"{path}: not an image Pillow can read ({exc})") from None
    pixels = np.asarray(grey, dtype=np.uint8)
    if invert is None and np.median(pixels) > 127.5:
        invert = True
        notes.append(AUTO_INVERTED)
    if invert:
        pixels = 255 - pixels
    if pixels.shape != IMAGE_SHAPE:
        pixels = _as_mnist_digit(path, pixels, warnings, notes)
    return pixels, warnings, notes


def _check_picture_size(path: Path, size: tuple[int, int]) -> None:
    width, height = size
    if max(width, height) > MAX_PICTURE_SIDE or min(width, height) < 1:
        raise DataError(
            f"{path}: a picture of {width}×{height} pixels is not a picture of one digit; "
            f"give one at most {MAX_PICTURE_SIDE} pixels a side (MNIST's are 28×28)"
        )


def _as_mnist_digit(path: Path, pixels: np.ndarray, warnings: list[str], notes: list[str]):
    """A drawing of another size, normalised as MNIST's digits were; a blank one resized."""
    from neurokit.pipeline.mnist_normalise import normalise

    height, width = pixels.shape
    digit = normalise(pixels)
    if digit is None:
        warnings.append(
            f"{path.name} is {width}×{height} pixels with no ink on it; padded to a square and "
            f"resized to {IMAGE_SHAPE[1]}×{IMAGE_SHAPE[0]}"
        )
        return _resize(_pad_to_square(pixels))
    notes.append(
        f"{path.name} is {width}×{height} pixels; its digit was fitted into a 20×20 box and "
        "centred by its centre of mass in 28×28, as MNIST's digits are"
    )
    return digit


def _to_grey(image, warnings: list[str]):
    """An 8-bit grey ('L') copy of ``image``, transparency over white paper."""
    from PIL import Image

    name = Path(getattr(image, "filename", "") or "the image").name
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        if np.asarray(rgba)[..., 3].min() < 255:
            warnings.append(f"{name} has transparent pixels; they were taken as white paper")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, rgba)
    if image.mode.startswith("I"):
        # 16-bit (and 32-bit integer) grey: scale 0…65535 to 0…255.
        scaled = np.asarray(image, dtype=np.float64) / 257
        return Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8))
    if image.mode not in ("L", "1"):
        rgb = np.asarray(image.convert("RGB"))
        if not ((rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all()):
            warnings.append(f"{name} is in colour; it was converted to grey")
    return image.convert("L")


def _pad_to_square(pixels: np.ndarray) -> np.ndarray:
    """Pad with black (MNIST's background) so resizing keeps the digit's proportions."""
    height, width = pixels.shape
    side = max(height, width)
    top, left = (side - height) // 2, (side - width) // 2
    square = np.zeros((side, side), dtype=np.uint8)
    square[top : top + height, left : left + width] = pixels
    return square


def _resize(pixels: np.ndarray) -> np.ndarray:
    from PIL import Image

    small = Image.fromarray(pixels).resize(IMAGE_SHAPE[::-1], Image.Resampling.LANCZOS)
    return np.asarray(small, dtype=np.uint8)


# --- predicting -----------------------------------------------------------------------------


def predict_pixels(network, pixels: np.ndarray, class_names=None, source: str = "") -> Prediction:
    """Feed 28×28 uint8 pixels (x = pixel / 255) through ``network``."""
    _check_image_input(network)
    x = pixels_to_inputs(pixels.reshape(-1), network.dtype)
    activations = network.predict(np.asarray(x, dtype=network.dtype)[None, :])[0]
    return Prediction(
        activations=activations,
        class_names=_names(class_names, activations.shape[0]),
        pixels=pixels.astype(np.float64) / 255,
        source=source,
    )


def predict_image(network, path, *, class_names=None, invert: bool | None = None) -> Prediction:
    """Read a picture file (see ``read_image``) and feed it through ``network``."""
    _check_image_input(network)
    pixels, warnings, notes = read_image(path, invert=invert)
    prediction = predict_pixels(network, pixels, class_names, source=str(path))
    prediction.warnings, prediction.notes = warnings, notes
    from PIL import Image

    with Image.open(path) as image:  # reads the header only
        prediction.picture_size = image.size
    return prediction


def predict_example(
    network, dataset, split: str, index: int, *, noise: float = 0.0, seed: int = 0
) -> Prediction:
    """Feed example ``index`` of a data set's split through ``network``, with the model's own
    step-by-step story when it tells one (``noise``: the share of the input it corrupts first,
    drawn from a generator seeded with ``seed``)."""
    examples = dataset.split(split)
    if not 0 <= index < len(examples):
        raise DataError(
            f"example {index} is out of range: the {split} split of {dataset.name!r} has "
            f"{len(examples)} examples (0…{len(examples) - 1})"
        )
    if not 0.0 <= noise <= 1.0:
        raise DataError(f"the noise is a share of the input from 0 to 1, got {noise}")
    x = np.asarray(examples.x[index], dtype=network.dtype)
    names = _names(dataset.class_names, network.n_outputs)
    story = None
    if hasattr(network, "story"):
        story = network.story(
            x,
            noise=noise,
            rng=np.random.default_rng(seed),
            image_shape=dataset.image_shape,
            class_names=names,
            examples=examples.x,
        )
    if story is None and noise:
        raise DataError(f"model {network.name!r} takes no noise: it has no recall to show")
    activations = network.predict(x[None, :])[0]
    pixels = None
    if dataset.image_shape is not None and x.size == np.prod(dataset.image_shape):
        pixels = np.asarray(x, dtype=np.float64).reshape(dataset.image_shape)
    label = None
    if getattr(network, "classifies", True):
        label = int(class_of(examples.y[index : index + 1])[0])
    return Prediction(
        activations=activations,
        class_names=names,
        pixels=pixels,
        label=label,
        source=f"{dataset.name} {split} #{index}",
        story=story,
    )


def predict_run(
    run_dir,
    registry=None,
    *,
    image=None,
    index: int | None = None,
    split: str = "test",
    dataset: str | None = None,
    data_dir=None,
    invert: bool | None = None,
    noise: float = 0.0,
    seed: int = 0,
) -> Prediction:
    """Load a run and predict either a picture file (``image``) or a data set example."""
    from neurokit.pipeline import runs
    from neurokit.pipeline.evaluation import load_data_for
    from neurokit.pipeline.registry import load_registry

    if (image is None) == (index is None):
        raise NeurokitError("give either an image file or an example index, not both")
    registry = registry if registry is not None else load_registry()
    spec, network = runs.load_run(run_dir, registry)
    if index is not None:
        data = load_data_for(spec, network, registry, dataset=dataset, data_dir=data_dir)
        return predict_example(network, data, split, index, noise=noise, seed=seed)
    if noise:
        raise NeurokitError("noise applies to a data set example (an index), not a picture")
    _check_image_input(network)
    names: list[str] | None = None
    if dataset is not None:
        names = load_data_for(
            spec, network, registry, dataset=dataset, data_dir=data_dir
        ).class_names
    elif spec.data is not None:
        # Only for the class names: if the spec's data files are missing, numbers will do.
        try:
            names = load_data_for(spec, network, registry, data_dir=data_dir).class_names
        except NeurokitError:
            names = None
    return predict_image(network, image, class_names=names, invert=invert)


def _check_image_input(network) -> None:
    needed = IMAGE_SHAPE[0] * IMAGE_SHAPE[1]
    if network.n_inputs != needed:
        raise DataError(
            f"the network takes {network.n_inputs} inputs, but a picture is read as "
            f"{IMAGE_SHAPE[0]}×{IMAGE_SHAPE[1]} = {needed} pixels"
        )


def _names(class_names, n_outputs: int) -> list[str]:
    n_classes = max(2, n_outputs)
    if class_names and len(class_names) == n_classes:
        return list(class_names)
    return [str(c) for c in range(n_classes)]
