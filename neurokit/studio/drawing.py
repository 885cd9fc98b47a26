"""A digit drawn on the page's canvas, read exactly as ``neurokit predict --image`` reads a
picture file: the PNG is written to a scratch file and handed to ``predict_image``."""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path

from neurokit.core import atomic
from neurokit.core.errors import DataError

#: Largest drawn picture accepted, in bytes of PNG.
MAX_IMAGE_BYTES = 512_000

_PREFIX = "data:image/png;base64,"


def png_bytes(data_url: object) -> bytes:
    """The PNG inside a ``data:image/png;base64,…`` URL, size-checked."""
    if not isinstance(data_url, str) or not data_url.startswith(_PREFIX):
        raise DataError("image: expected a PNG data URL (data:image/png;base64,…)")
    encoded = data_url[len(_PREFIX) :]
    if len(encoded) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise DataError(f"image: larger than {MAX_IMAGE_BYTES} bytes")
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise DataError("image: not valid base64") from None


def predict_drawing(model, data_url: object, class_names=None) -> dict:
    """a^L and the predicted class of the drawn digit, and the 28×28 input the net saw."""
    from neurokit.pipeline.prediction import predict_image

    data = png_bytes(data_url)
    with tempfile.TemporaryDirectory(prefix="neurokit-studio-") as scratch:
        path = Path(scratch) / "drawing.png"
        atomic.write_bytes(path, data)
        prediction = predict_image(model, path, class_names=class_names)
    return {
        "activations": [float(a) for a in prediction.activations],
        "predicted": int(prediction.predicted),
        "predicted_name": prediction.predicted_name,
        "classes": prediction.class_names,
        "pixels": [] if prediction.pixels is None else prediction.pixels.round(3).tolist(),
        "warnings": prediction.warnings,
        "notes": prediction.notes,
    }
