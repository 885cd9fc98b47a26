"""The model interface: what every family of network supplies, whatever its architecture.

A model is a set of named parameter arrays and a way to compute outputs from inputs. It learns
in one of two ways:

* by gradients (``learning = "gradient"``): ``gradients`` returns ∂C/∂θ for every parameter θ,
  and any registered cost and optimizer train it — the feedforward net, an RBF net with
  trainable output weights, the recurrent nets through time;
* by its own rule (``learning = "rule"``): ``learn`` updates the parameters directly — the
  perceptron rule, Hebbian storage in a Hopfield net, a Kohonen map's competitive update, a
  least-squares solve for an RBF or echo-state readout.

The training loop, run directories, checkpoints and the commands work through this interface
only, so a new family is one plugin module (see ``docs/plugins.md``). Examples are rows: a
mini-batch ``x`` has shape (m, n_inputs) — or (m, T, n_inputs) for a sequence model — and the
outputs one row per example.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from neurokit.core.errors import Problem

if TYPE_CHECKING:
    from neurokit.core.components import Cost
    from neurokit.core.datasets import Dataset, Split
    from neurokit.core.views import Picture, Story

#: The two ways a model learns.
LEARNING_RULES = ("gradient", "rule")


@dataclass(frozen=True)
class LearningStep:
    """Where training is when a rule model's ``learn`` is called: schedules read it."""

    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based within the epoch
    batches: int
    rng: np.random.Generator

    @property
    def progress(self) -> float:
        """The share of training done before this step, from 0 (first step) towards 1."""
        return ((self.epoch - 1) * self.batches + (self.batch - 1)) / (self.epochs * self.batches)


class Model:
    """The interface a model plugin implements. Subclass it and fill in the methods marked
    *required*; the others have defaults that suit most families."""

    #: The registered name; the factory's descriptor sets it on the class or the instance.
    name: str = "model"
    #: "gradient": ``gradients`` + a registered cost and optimizer; "rule": ``learn``.
    learning: ClassVar[str] = "gradient"
    #: A rule model that learns from the whole training set at once (a least-squares solve,
    #: Hebbian storage) sets this: ``learn`` then gets every training example in one call per
    #: epoch, and the spec takes no ``training.batch_size``.
    full_batch: ClassVar[bool] = False
    #: The dtype of every parameter array.
    dtype: np.dtype = np.dtype("float64")
    #: False for a model whose outputs are patterns rather than class scores (a Hopfield
    #: net recalls a whole pattern): accuracy is then the share of outputs equal to their
    #: targets, and evaluate and plot draw no confusion matrix.
    classifies: ClassVar[bool] = True
    #: True for a model whose examples are sequences x (n, T, n_inputs) (``SequenceModel``).
    sequences: ClassVar[bool] = False

    # --- required -------------------------------------------------------------------------

    def named_parameters(self) -> dict[str, np.ndarray]:
        """*Required.* The live parameter arrays by name, always in the same order.

        These are what an optimizer updates (in place), what ``model.npz`` stores and what a
        checkpoint restores. The names are the model file's member names: keep them short and
        in the lecture's spirit (``w2``, ``b2``, ``centres``, ``prototypes``).
        """
        raise NotImplementedError

    def predict(self, x: np.ndarray) -> np.ndarray:
        """*Required.* The outputs for a batch of inputs, one row per example."""
        raise NotImplementedError

    @property
    def n_inputs(self) -> int:
        """*Required.* Inputs per example (per time step, for a sequence model)."""
        raise NotImplementedError

    @property
    def n_outputs(self) -> int:
        """*Required.* Outputs per example: the width of ``predict``'s rows."""
        raise NotImplementedError

    # --- how it learns ----------------------------------------------------------------------

    def gradients(self, x: np.ndarray, y: np.ndarray, cost: Cost, scale: float = 1.0):
        """For ``learning = "gradient"``: ``scale`` × ∂C/∂θ for every parameter θ, in the order of
        ``named_parameters``, where C is the mean cost over the rows of the batch."""
        raise NotImplementedError(f"model {self.name!r} does not supply gradients")

    def learn(self, x: np.ndarray, y: np.ndarray, step: LearningStep) -> None:
        """For ``learning = "rule"``: apply the model's own rule to one mini-batch, in place."""
        raise NotImplementedError(f"model {self.name!r} has no learning rule")

    def begin(self, train: Split, rng: np.random.Generator) -> None:
        """Called once before the first epoch of a new run (never on resume): initialisation
        that needs the training data, such as k-means centres or PCA prototypes."""

    # --- what it reports -----------------------------------------------------------------

    def metrics(self, split: Split) -> dict[str, float]:
        """Measures of this family on a split beyond cost and accuracy (e.g. a map's
        quantization error); shown after every epoch and by ``evaluate``."""
        return {}

    # --- optional: data fit, faults, sequences ------------------------------------------

    def data_problems(self, x: np.ndarray, y: np.ndarray) -> list[Problem]:
        """What makes a data split unfit for this model (``x``, ``y`` are its training inputs
        and targets), each with the spec path to fix. The default refuses sequences."""
        if np.ndim(x) == 3 and not self.sequences:
            return [
                Problem(
                    "data",
                    f"model {self.name!r} reads single examples but the data set holds "
                    f"sequences of {x.shape[1]} steps; use a sequence model (elman, lstm, …)",
                )
            ]
        return []

    def nan_hint(self) -> str:
        """What to try when training makes a parameter NaN or infinite."""
        return "lower η (optimizer.params.eta)"

    def generate(self, prime: np.ndarray, steps: int, rng: np.random.Generator) -> np.ndarray:
        """Free-running output: after reading the sequence ``prime`` (T, n_inputs), ``steps``
        outputs (steps, n_outputs), each fed back as the next input. Only models whose
        ``can_generate`` is true (outputs and inputs the same kind of thing) supply it."""
        raise NotImplementedError(f"model {self.name!r} cannot generate")

    @property
    def can_generate(self) -> bool:
        """True when ``generate`` works: a sequence model whose outputs can be its next inputs."""
        return False

    # --- derived; override only when the family needs to -------------------------------

    @property
    def parameters(self) -> list[np.ndarray]:
        """The parameter arrays in order: what an optimizer's ``step`` receives."""
        return list(self.named_parameters().values())

    def parameter_count(self) -> int:
        return sum(p.size for p in self.named_parameters().values())

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything ``model.npz`` stores: the parameters, plus any fixed state a family keeps
        (a reservoir's random weights, layer sizes). Loading checks every name and shape
        against a model freshly built from the spec, so nothing here is ever trusted blindly."""
        return dict(self.named_parameters())

    def load_arrays(self, arrays: dict[str, np.ndarray]) -> None:
        """Copy checked arrays (names and shapes as in ``arrays()``) into the live model."""
        for name, target in self.arrays().items():
            if target.dtype.kind == "f":
                target[...] = arrays[name]

    # --- optional views for plot and predict ---------------------------------------------

    def pictures(self, dataset: Dataset) -> list[Picture]:
        """Pictures of the family's own state that ``neurokit plot`` draws beside the learning
        curves (a map's prototypes and U-matrix, an RBF net's centres), given the run's data
        set (its ``image_shape`` is None when inputs are not images)."""
        return []

    def story(
        self,
        x: np.ndarray,
        *,
        noise: float,
        rng: np.random.Generator,
        image_shape: tuple[int, int] | None,
        class_names: list[str],
        examples: np.ndarray | None = None,
    ) -> Story | None:
        """What the model does with one input ``x`` step by step, for ``neurokit predict``
        (a Hopfield net settling, a map's best-matching unit). ``noise`` is the share of the
        input to corrupt first, drawn from ``rng``; a family that takes no noise refuses a
        non-zero one. ``examples`` are the inputs of the split ``x`` came from (a Hopfield net
        names which stored pattern it reached). None: the outputs say it all."""
        return None

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k}{list(v.shape)}" for k, v in self.named_parameters().items())
        return f"{type(self).__name__}({shapes})"
