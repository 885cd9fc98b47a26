"""What a plugin registers — neurons, costs, optimizers, data sets, models and commands —
described by descriptors.

A plugin's ``neurokit_register_*`` hook returns a list of descriptors. Each names the
component, points to its implementation (a class or factory called with the validated
parameters), gives the Pydantic model of those parameters and a one-line summary.

The base classes below state the interface in the lecture's symbols; subclass them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    import argparse

    import numpy as np

    from neurokit.core.datasets import Dataset
    from neurokit.core.model import Model


class NoParams(BaseModel):
    """Parameters model for a component that takes none: any key given is an error."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


# --- interfaces ---------------------------------------------------------------------------


class Neuron:
    """An activation function σ applied elementwise: a^l = σ(z^l).

    ``sigma`` and ``sigma_prime`` must work on arrays of any shape and keep their dtype.
    ``sigma_prime`` receives ``a = σ(z)`` when the caller already has it (backprop always
    does), so a neuron whose derivative is cheaper from ``a`` (the sigmoid) can use it.
    """

    name: str = "neuron"
    #: False for step functions such as the perceptron: backprop cannot train them.
    differentiable: bool = True

    def sigma(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def sigma_prime(self, z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Cost:
    """A cost C(a^L, y) averaged over examples, and what backprop needs from it.

    Arrays hold one example per row: ``a`` and ``y`` have shape (n, n_L).
    """

    name: str = "cost"

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """C = (1/n) Σ_x C_x over the n rows."""
        raise NotImplementedError

    def gradient(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """∇_a C_x for each row x (not divided by n)."""
        raise NotImplementedError

    def output_error(
        self, a: np.ndarray, y: np.ndarray, z: np.ndarray, neuron: Neuron
    ) -> np.ndarray:
        """δ^L for each row. A cost may override this with a simplified closed form."""
        # BP1: δ^L = ∇_a C ⊙ σ'(z^L)
        return self.gradient(a, y) * neuron.sigma_prime(z, a)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Optimizer:
    """Turns gradients into parameter updates, in place.

    Backprop multiplies every gradient by ``gradient_scale`` before handing it over, so an
    optimizer whose update is a constant times the gradient (plain SGD) gets that product
    folded into δ^L for free. ``step`` receives parallel lists of parameters
    [w^2, …, w^L, b^2, …, b^L] and of ``gradient_scale`` × ∂C/∂(that parameter), where C is
    the mean cost over the mini-batch. Parameters must be updated in place.
    """

    name: str = "optimizer"

    @property
    def gradient_scale(self) -> float:
        return 1.0

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict[str, np.ndarray]:
        """Arrays to checkpoint so a resumed run continues bit-identically."""
        return {}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        """Restore what ``state_dict`` returned."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Executor:
    """Runs sweep trials on workers: in local processes, on a cluster, wherever.

    ``submit(fn, task)`` returns a ``concurrent.futures.Future`` of ``fn(task)``; ``fn`` is
    an importable function and ``task`` plain data, so both can travel to another machine.
    """

    #: How many trials can run at once.
    workers: int = 1

    def submit(self, fn: Callable[[Any], Any], task: Any):
        raise NotImplementedError

    def stop(self) -> None:
        """Drop what has not started and end running trials now (Ctrl-C, SIGTERM)."""

    def close(self) -> None:
        """Release the workers once every future is done."""

    def describe(self) -> str:
        """One line for the sweep's progress: where the trials run."""
        return f"{type(self).__name__} with {self.workers} workers"


# --- descriptors --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComponentType:
    """A registered component: ``factory(params)`` builds it from its validated params."""

    name: str
    factory: Callable[..., Any]
    params: type[BaseModel] = NoParams
    summary: str = ""
    #: Filled in by the registry: the plugin that registered it.
    plugin: str = field(default="", compare=False)

    kind: str = field(default="component", init=False, repr=False)

    def build(self, params: dict | BaseModel | None = None) -> Any:
        """Validate ``params`` with this component's model and build the component."""
        validated = params if isinstance(params, BaseModel) else self.params(**(params or {}))
        return self.factory(validated)


@dataclass(frozen=True)
class NeuronType(ComponentType):
    kind: str = field(default="neuron", init=False, repr=False)


@dataclass(frozen=True)
class CostType(ComponentType):
    kind: str = field(default="cost", init=False, repr=False)


@dataclass(frozen=True)
class OptimizerType(ComponentType):
    kind: str = field(default="optimizer", init=False, repr=False)


@dataclass(frozen=True)
class DatasetType(ComponentType):
    """A data set: ``factory(params, dtype=..., data_dir=...)`` returns a ``Dataset``.

    A factory that also takes ``splits=`` (a collection of split names, or None for all) may
    load only those; ``neurokit evaluate`` asks for the one split it scores.
    """

    kind: str = field(default="dataset", init=False, repr=False)

    def load(
        self, params: dict | BaseModel | None, *, dtype: str, data_dir=None, splits=None
    ) -> Dataset:
        validated = params if isinstance(params, BaseModel) else self.params(**(params or {}))
        if splits is not None and _takes_keyword(self.factory, "splits"):
            return self.factory(validated, dtype=dtype, data_dir=data_dir, splits=splits)
        return self.factory(validated, dtype=dtype, data_dir=data_dir)


def _takes_keyword(function: Callable, name: str) -> bool:
    """Whether ``function`` declares the keyword argument ``name`` (a ``**kwargs`` that
    forwards elsewhere does not count: the callee may not know it)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a callable without a readable signature
        return False
    return any(p.name == name and p.kind is not p.VAR_KEYWORD for p in parameters)


@dataclass(frozen=True)
class Sections:
    """Which parts of a spec a model reads besides ``model.params``; the validator refuses the
    others, naming the model.

    ``layers`` is the (least, most) number of layers; ``None`` for no upper bound.
    """

    layers: tuple[int, int | None] = (2, None)
    #: Every layer after the input names its neuron (``layers[l].neuron``).
    neurons: bool = True
    #: Layers may hand-set ``weights`` and ``biases``.
    hand_set: bool = True
    #: "gradient": trained by a registered ``cost`` and ``optimizer``; "rule": takes neither.
    learning: str = "gradient"
    #: The keys of ``training`` it reads.
    training: frozenset[str] = frozenset({"epochs", "batch_size", "seed", "dtype"})


#: The feedforward model's sections: the defaults, and it reads ``training.init`` too.
FEEDFORWARD_SECTIONS = Sections(
    training=frozenset({"epochs", "batch_size", "seed", "dtype", "init", "early_stopping"})
)


@dataclass
class ModelContext:
    """What a model factory gets besides its params: the spec's layers and the run's generator.

    ``neurons`` holds one built neuron per layer after the input (empty when the model takes
    none); ``layers`` are the spec's layer entries, for hand-set weights. ``rng`` is the run's
    seeded generator: draw every initial value from it, in a fixed order, so a seed always
    gives the same model.
    """

    sizes: list[int]
    neurons: list[Neuron]
    layers: list[Any]
    dtype: str
    rng: np.random.Generator
    #: ``training.init``: "normal" or "scaled" (``neurokit.core.init``).
    init: str = "normal"


@dataclass(frozen=True)
class ModelType(ComponentType):
    """A family of networks: ``factory(params, context)`` returns a ``neurokit.core.model.Model``.

    ``sections`` says which spec sections the family reads: a ``Sections``, or a function of
    the validated params returning one (an RBF net takes a cost and an optimizer only when its
    output weights are learnt by gradients).
    """

    sections: Sections | Callable[[Any], Sections] = field(default_factory=Sections)
    #: A small complete spec (a dict, data included) that trains this model in a second or
    #: two: the conformance kit builds, trains, saves and reloads it.
    example: dict | None = field(default=None, compare=False, repr=False)
    kind: str = field(default="model", init=False, repr=False)

    def sections_for(self, params: dict | BaseModel | None = None) -> Sections:
        if isinstance(self.sections, Sections):
            return self.sections
        validated = params if isinstance(params, BaseModel) else self.params(**(params or {}))
        return self.sections(validated)

    def build(self, params: dict | BaseModel | None = None, context: ModelContext | None = None):
        validated = params if isinstance(params, BaseModel) else self.params(**(params or {}))
        model: Model = self.factory(validated, context)
        return model


@dataclass(frozen=True)
class CommandType:
    """A CLI command a plugin adds: ``neurokit NAME ...``.

    ``add_arguments(parser)`` declares its arguments on an ``argparse`` sub-parser and
    ``run(args)`` does the work, returning the exit status. ``order`` places it in the help.
    """

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    order: int = 100
    plugin: str = field(default="", compare=False)


@dataclass(frozen=True)
class ExecutorType(ComponentType):
    """A way to run sweep trials: ``factory(params)`` returns an ``Executor``."""

    kind: str = field(default="executor", init=False, repr=False)
