"""A trained run as a notebook holds it: ``nk.train(...)`` and ``nk.load_run(DIR)`` return one.

>>> import neurokit as nk
>>> run = nk.train("examples/mnist-784-15-10.json", epochs=3)
>>> run.history.frame()          # a pandas DataFrame (or run.history, a list of dicts)
>>> run.evaluate("test")         # accuracy, precision, recall, confusion
>>> run.predict(x)               # one input row, a batch of rows or a picture file
>>> run.train_more(epochs=2)     # two more epochs, as if the spec had asked for them
>>> run.plot_curves()            # a matplotlib figure, shown inline

A handle made by training keeps the live run (network, optimizer state, random generator),
so ``train_more`` continues exactly; one loaded from a directory continues from its
``checkpoint.npz``.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import numpy as np

from neurokit.core.errors import ModelFileError, NeurokitError


class History(list):
    """``metrics.jsonl`` as a list of dicts, one per epoch; ``frame()`` for a DataFrame."""

    def frame(self):
        """The epochs as a pandas DataFrame indexed by epoch (needs pandas)."""
        try:
            import pandas as pd  # type: ignore[import-untyped]
        except ImportError:
            raise NeurokitError("History.frame needs pandas: pip install pandas") from None
        return pd.DataFrame(list(self)).set_index("epoch") if self else pd.DataFrame()

    def _repr_html_(self) -> str:
        if not self:
            return "<p>no epochs yet</p>"
        keys = list(dict.fromkeys(key for row in self for key in row))
        head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
        body = "".join(
            "<tr>" + "".join(f"<td>{_cell(row.get(k))}</td>" for k in keys) + "</tr>"
            for row in self
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape(str(value))


class RunHandle:
    """A spec, its network and its history, trained here or loaded from a run directory."""

    def __init__(self, spec, network, registry, *, run_dir=None, live=None, history=()):
        self.spec = spec
        self.network = network
        self.registry = registry
        self.run_dir = Path(run_dir) if run_dir is not None else None
        #: The training run behind this handle (``None`` when loaded from a directory).
        self.live = live
        self._history = History(history)

    # (spec, network), so ``spec, network = api.load_run(DIR)`` keeps working.
    def __iter__(self):
        return iter((self.spec, self.network))

    def __repr__(self) -> str:
        where = f" in {self.run_dir}" if self.run_dir else ""
        return (
            f"<RunHandle {self.spec.name!r} {'-'.join(map(str, self.network.sizes))}, "
            f"{len(self.history)} epochs{where}>"
        )

    @property
    def model(self):
        """The trained model (for now always the feedforward ``network``)."""
        return self.network

    @property
    def history(self) -> History:
        if self.live is not None:
            return History(self.live.history)
        return self._history

    # --- data -------------------------------------------------------------------------------

    def dataset(self, data_dir=None):
        """The run's data set: the live one, or the spec's loaded again."""
        if self.live is not None:
            return self.live.dataset
        from neurokit.pipeline.evaluation import load_data_for

        return load_data_for(self.spec, self.network, self.registry, data_dir=data_dir)

    def _cost(self):
        from neurokit.pipeline import builder

        return builder.build_cost(self.spec, self.registry)

    # --- what a notebook asks of a run ------------------------------------------------------

    def evaluate(self, split: str = "test", *, data_dir=None):
        """Accuracy, per-class precision and recall, and the confusion matrix on ``split``."""
        from neurokit.pipeline.evaluation import evaluate

        data = self.dataset(data_dir)
        return evaluate(
            self.network,
            data.split(split),
            cost=self._cost(),
            class_names=data.class_names,
            dataset=data.name,
            split_name=split,
        )

    def predict(self, x):
        """A ``Prediction`` for one input row or a picture file; a list of them for rows."""
        from neurokit.pipeline.prediction import Prediction, predict_image

        names = self._class_names()
        if isinstance(x, str | Path):
            return predict_image(self.network, x, class_names=names)
        rows = np.asarray(x, dtype=self.network.dtype)
        if rows.ndim not in (1, 2) or rows.shape[-1] != self.network.sizes[0]:
            raise NeurokitError(
                f"predict takes rows of {self.network.sizes[0]} inputs, got shape {rows.shape}"
            )
        outputs = self.network.feedforward(np.atleast_2d(rows))
        names = names or [str(c) for c in range(max(2, outputs.shape[1]))]
        found = [Prediction(activations=a, class_names=names, source="input") for a in outputs]
        return found[0] if rows.ndim == 1 else found

    def _class_names(self):
        try:
            return self.dataset().class_names if self.spec.data is not None else None
        except NeurokitError:
            return None

    def train_more(self, epochs: int, *, progress: str = "auto"):
        """Train ``epochs`` more epochs; returns this handle with the history extended."""
        from neurokit.pipeline.progress import make_reporter
        from neurokit.pipeline.training import resume, train

        if epochs < 1:
            raise NeurokitError(f"train_more needs at least 1 epoch, got {epochs}")
        total = len(self.history) + epochs
        if self.live is None:
            if self.run_dir is None:
                raise ModelFileError("this run has no directory and no live training to continue")
            self.live = resume(self.run_dir, self.registry, epochs=total)
            self.live.checkpoint_every = 1
        else:
            training = self.live.spec.training.model_copy(update={"epochs": total})
            self.live.spec = self.live.spec.model_copy(update={"training": training})
        train(self.live, make_reporter(progress))
        self.spec, self.network = self.live.spec, self.live.network
        return self

    # --- pictures (matplotlib figures, shown inline in Jupyter) ------------------------------

    def plot_curves(self):
        """Cost and accuracy per epoch."""
        from neurokit.pipeline.plotting import learning_curves_figure

        return _inline(learning_curves_figure(list(self.history))[0])

    def plot_hidden_weights(self, limit: int = 100):
        """What each hidden neuron of the first hidden layer looks for."""
        from neurokit.pipeline.plotting import hidden_weights_figure

        shape = self._image_shape()
        return _inline(hidden_weights_figure(self.network.weights[0], shape, limit)[0])

    def plot_confusion(self, split: str = "test"):
        from neurokit.pipeline.plotting import confusion_figure

        result = self.evaluate(split)
        right = int(np.trace(result.confusion))
        title = f"confusion matrix, {split} split ({right}/{result.n} right)"
        return _inline(confusion_figure(result.confusion, result.class_names, title))

    def plot_misclassified(self, split: str = "test", limit: int = 36):
        from neurokit.core.datasets import class_of
        from neurokit.core.metrics import outputs
        from neurokit.pipeline.plotting import misclassified_figure

        data = self.dataset()
        examples = data.split(split)
        true, predicted = class_of(examples.y), class_of(outputs(self.network, examples.x))
        names = data.class_names or [str(c) for c in range(max(2, examples.y.shape[1]))]
        shape = self._image_shape()
        figure = misclassified_figure(examples.x, true, predicted, names, shape, limit)[0]
        return _inline(figure)

    def _image_shape(self) -> tuple[int, int]:
        shape = self.dataset().image_shape
        if not shape:
            raise NeurokitError(f"the data set of {self.spec.name!r} is not images")
        return tuple(shape)


def _inline(figure):
    """The figure, with IPython told to show matplotlib figures as PNG when this runs in it.

    neurokit draws on bare ``Figure`` objects (no pyplot), which IPython only displays once
    a PNG formatter is registered for them; ``%matplotlib inline`` would do the same.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        from IPython.core.pylabtools import select_figure_formats

        select_figure_formats(shell, {"png"})
    return figure
