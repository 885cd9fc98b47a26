"""Does a loaded data set fit the spec's net? Every split, not only the training one.

A held-out split of the wrong width used to crash training mid-way (the validation split,
scored after the first epoch) or be scored as 100% (a test split with fewer outputs than the
net); each is refused at validation time, naming the split, like the training split.
"""

from __future__ import annotations

from neurokit.core.datasets import Dataset
from neurokit.core.errors import Problem
from neurokit.spec.checks import check_against_data
from neurokit.spec.models import Spec


def check_dataset(spec: Spec, dataset: Dataset) -> list[Problem]:
    """Problems fitting ``spec``'s net and mini-batch to every split of ``dataset``."""
    problems = check_against_data(spec, dataset.n_inputs, dataset.n_outputs, len(dataset.train))
    if problems:
        return problems  # the training split decides; held-out splits are compared to it
    n_in, n_out = spec.layers[0].size, spec.layers[-1].size
    for name, split in dataset.splits.items():
        if name == "train":
            continue
        for what, width, want, role in (
            ("x", _width(split.x), n_in, "inputs"),
            ("y", _width(split.y), n_out, "outputs"),
        ):
            if width != want:
                layer = "input" if role == "inputs" else "output"
                problems.append(
                    Problem(
                        f"data.params.{name}.{what}" if _inline(spec) else "data",
                        f"the {name} split has {width} {role} per example but the {layer} "
                        f"layer has {want} neuron{'s' if want != 1 else ''} (as the training "
                        "split has)",
                    )
                )
    return problems


def _width(array) -> int:
    """Numbers per example, or per time step when the examples are sequences (T, n)."""
    return int(array.shape[-1]) if array.ndim >= 2 else -1


def _inline(spec: Spec) -> bool:
    """Examples written in the spec: the problem is at their field path."""
    return spec.data is not None and spec.data.name == "inline"
