"""How well a trained run does on one split: accuracy, per-class precision and recall, and the
confusion matrix.

>>> from neurokit.pipeline import evaluation
>>> result = evaluation.evaluate_run("runs/mnist-20261126-101500")
>>> result.accuracy, result.confusion[7, 2]   # how many 7s were taken for a 2

``dataset=`` evaluates the model on another registered data set of the same shape, for
example a digit classifier on ``fashion-mnist`` (it will do badly, which is the point).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from neurokit.core import metrics
from neurokit.core.datasets import Dataset, Split, class_of
from neurokit.core.errors import DataError
from neurokit.core.sequences import as_rows, is_sequence
from neurokit.core.task import REGRESSION, r_squared, rmse, task_of

SPLIT_CHOICES = ("test", "validation", "train")
#: The keys of ``Evaluation.to_dict`` every model has.
STANDARD_KEYS = frozenset(
    {"run", "dataset", "split", "n", "correct", "accuracy", "cost", "classes", "confusion",
     "precision", "recall", "task", "rmse", "r2"}
)  # fmt: skip


@dataclass
class Evaluation:
    """One split's scores. ``confusion[t, p]`` counts examples of class t predicted as p."""

    dataset: str
    split: str
    n: int
    correct: int
    cost: float | None
    confusion: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    class_names: list[str]
    run_dir: str = ""
    #: The model's own measures on this split (``Model.metrics``): a map's quantization error,
    #: a Hopfield net's recall rates.
    measures: dict[str, float] = field(default_factory=dict)
    #: "classification" or "regression" (``neurokit.core.task``); a regression's scores:
    task: str = "classification"
    rmse: float | None = None
    r2: float | None = None

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def support(self) -> np.ndarray:
        """How many examples of each class the split holds (row sums of the confusion)."""
        return self.confusion.sum(axis=1)

    def __repr__(self) -> str:
        if self.task == "regression":
            return (
                f"Evaluation({self.dataset!r} {self.split}: regression, cost {self.cost:.4g}, "
                f"RMSE {self.rmse:.4g}, R² {self.r2:.4f}, n={self.n})"
            )
        return (
            f"Evaluation({self.dataset!r} {self.split}: accuracy {self.accuracy:.2%} "
            f"({self.correct}/{self.n}), {len(self.class_names)} classes)"
        )

    def to_dict(self) -> dict:
        """Plain JSON-ready numbers, as ``neurokit evaluate --json`` prints them."""
        if self.task == "regression":
            return {
                "run": self.run_dir,
                "dataset": self.dataset,
                "split": self.split,
                "task": self.task,
                "n": self.n,
                "cost": self.cost,
                "rmse": self.rmse,
                "r2": self.r2,
                **{k: v for k, v in self.measures.items() if k not in STANDARD_KEYS},
            }
        return {
            "run": self.run_dir,
            "dataset": self.dataset,
            "split": self.split,
            "n": self.n,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "cost": self.cost,
            "classes": list(self.class_names),
            "confusion": self.confusion.tolist(),
            "precision": self.precision.tolist(),
            "recall": self.recall.tolist(),
            # The model's own measures sit beside the standard keys (never replacing one).
            **{k: v for k, v in self.measures.items() if k not in STANDARD_KEYS},
        }


def evaluate(network, split, *, cost=None, class_names=None, dataset="", split_name=""):
    """Score ``network`` on a ``Split``: the predicted class is the most active output neuron
    (or output > 0.5 for a single output neuron). A regression (targets that are not class
    codes) is scored by its cost, RMSE and R² instead, with no classes to confuse."""
    a = metrics.outputs(network, split.x)
    own = network.metrics(split) if hasattr(network, "metrics") and len(split) else {}
    if is_sequence(a):  # one row per (sequence, step), as training scores them
        a, split = as_rows(a), Split(as_rows(split.y), as_rows(split.y))
    if not getattr(network, "classifies", True):
        return _evaluate_patterns(network, split, a, cost, dataset, split_name)
    if task_of(split.y) == REGRESSION:
        result = _regression(a, split, cost, dataset, split_name)
        result.measures = own
        return result
    predicted, true = class_of(a), class_of(split.y)
    n_classes = max(2, a.shape[1])
    confusion = metrics.confusion_matrix(true, predicted, n_classes)
    precision, recall = metrics.precision_recall(confusion)
    names = list(class_names) if class_names else [str(c) for c in range(n_classes)]
    return Evaluation(
        dataset=dataset,
        split=split_name,
        n=len(split),
        correct=int(np.trace(confusion)),
        cost=float(cost.value(a, split.y)) if cost is not None and len(split) else None,
        confusion=confusion,
        precision=precision,
        recall=recall,
        class_names=names,
        measures=own,
    )


def _evaluate_patterns(network, split, a, cost, dataset: str, split_name: str) -> Evaluation:
    """A model whose outputs are whole patterns: right means equal to the target, and there
    are no classes to confuse."""
    empty = np.zeros(0)
    return Evaluation(
        dataset=dataset,
        split=split_name,
        n=len(split),
        correct=metrics.count_correct(network, a, split.y),
        cost=float(cost.value(a, split.y)) if cost is not None and len(split) else None,
        confusion=np.zeros((0, 0), dtype=np.int64),
        precision=empty,
        recall=empty,
        class_names=[],
        measures=network.metrics(split) if len(split) else {},
    )


def _regression(a, split, cost, dataset: str, split_name: str) -> Evaluation:
    empty = np.zeros((0, 0), dtype=np.int64)
    return Evaluation(
        dataset=dataset,
        split=split_name,
        n=len(split),
        correct=0,
        cost=float(cost.value(a, split.y)) if cost is not None and len(split) else None,
        confusion=empty,
        precision=np.zeros(0),
        recall=np.zeros(0),
        class_names=[],
        task=REGRESSION,
        rmse=rmse(a, split.y),
        r2=r_squared(a, split.y),
    )


def evaluate_run(
    run_dir: str | Path,
    registry=None,
    *,
    split: str = "test",
    dataset: str | None = None,
    data_dir=None,
) -> Evaluation:
    """Load the run in ``run_dir`` and evaluate it on ``split`` of its own data set, or of
    ``dataset`` (another registered data set whose inputs and outputs fit the network)."""
    from neurokit.pipeline import builder, runs
    from neurokit.pipeline.registry import load_registry

    registry = registry if registry is not None else load_registry()
    spec, network = runs.load_run(run_dir, registry)
    data = load_data_for(
        spec, network, registry, dataset=dataset, data_dir=data_dir, splits=(split,)
    )
    result = evaluate(
        network,
        data.split(split),
        cost=builder.build_cost(spec, registry),
        class_names=data.class_names,
        dataset=data.name,
        split_name=split,
    )
    if getattr(network, "sequences", False):  # Reber's string criterion, or the NRMSE
        from neurokit.pipeline.sequence_measures import sequence_measures

        for key, value in sequence_measures(network, data, split).items():
            result.measures.setdefault(key, value)  # the model's own measure comes first
    result.run_dir = str(run_dir)
    return result


def load_data_for(spec, network, registry, *, dataset=None, data_dir=None, splits=None) -> Dataset:
    """The spec's data set (with its params), or the registered ``dataset`` with default
    params; refused with one line if its examples do not fit the network's layer sizes.
    ``splits`` names the splits needed (None: all); a data set may load only those."""
    dtype = network.dtype.name
    if dataset is None or (spec.data is not None and dataset == spec.data.name):
        if spec.data is None:
            raise DataError(
                f"spec {spec.name!r} names no data set (registered: "
                f"{', '.join(registry.names('dataset'))})",
                setting="dataset",
                advice="pass dataset=NAME to choose one",
            )
        name, params = spec.data.name, spec.data.params
    else:
        name, params = dataset, {}
    data = _load(registry, name, params, dtype, data_dir, splits)
    n_in, n_out = network.n_inputs, network.n_outputs
    if (data.n_inputs, data.n_outputs) != (n_in, n_out):
        shape = "-".join(map(str, spec.sizes))
        raise DataError(
            f"data set {name!r} has {data.n_inputs} inputs and {data.n_outputs} outputs per "
            f"example, but the network {shape} needs {n_in} and {n_out}"
        )
    return data


def _load(registry, name: str, params: dict, dtype: str, data_dir, splits=None) -> Dataset:
    from pydantic import ValidationError

    from neurokit.spec import problems_from_validation

    descriptor = registry.get("dataset", name)
    try:
        validated = descriptor.params.model_validate(params)
    except ValidationError as exc:
        problems = "; ".join(str(p) for p in problems_from_validation(exc, ("params",)))
        raise DataError(
            f"data set {name!r} cannot be loaded without parameters from a spec ({problems})"
        ) from None
    return descriptor.load(validated, dtype=dtype, data_dir=data_dir, splits=splits)
