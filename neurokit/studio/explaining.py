"""``neurokit explain`` for the page: the same trace, as JSON with the symbols in LaTeX.

The numbers are the ``neurokit.lessons.explain`` trace itself (the real backprop on one
example); this module only picks the example as the command does and writes each symbol and
equation in TeX for KaTeX to typeset.
"""

from __future__ import annotations

import re

import numpy as np

from neurokit.core.errors import NeurokitError
from neurokit.lessons.explain import PHASE_TITLES, check_small, explain
from neurokit.pipeline import builder
from neurokit.pipeline.lesson_inputs import feedforward_network
from neurokit.spec import Spec, model_sections
from neurokit.spec.models import DEFAULT_MODEL

#: Unicode of the lecture's notation → TeX.
_TEX = {
    "δ": r"\delta ",
    "σ": r"\sigma ",
    "η": r"\eta ",
    "∂": r"\partial ",
    "∇": r"\nabla ",
    "⊙": r"\odot ",
    "Σ": r"\sum ",
    "−": "-",
    "→": r"\to ",
    "½": r"\tfrac12 ",
    "‖": r"\| ",
    "·": r"\cdot ",
    "²": "^2",
    "…": r"\ldots ",
    "ε": r"\varepsilon ",
}


def to_tex(text: str) -> str:
    """The lecture's plain-text notation (``δ^3``, ``∂C/∂w^2_jk``) as TeX for KaTeX."""
    out = "".join(_TEX.get(ch, ch) for ch in text)
    # Multi-character superscripts and subscripts: w^{l}, a^{l - 1}, w^3_11 → w^{3}_{11}.
    out = re.sub(r"\^([0-9A-Za-z]+)", r"^{\1}", out)
    out = re.sub(r"_([0-9A-Za-z]+)", r"_{\1}", out)
    return out.replace("σ'", r"\sigma'")


#: Where an equation's formula ends and its words begin: "(the …", "[σ = …]", "(smaller …".
_WORDS = re.compile(r"(\s+[\[(](?=the |σ =|smaller |output )|,\s(?=the |output )|\s(?=after ))")


def split_equation(equation: str) -> tuple[str, str]:
    """(formula, words): ``a^1 = x (the input …)`` → ``a^1 = x`` and ``(the input …)``."""
    match = _WORDS.search(equation)
    if match is None:
        return equation, ""
    return equation[: match.start()], equation[match.start() :].strip()


def example_of(spec: Spec, registry, index: int):
    """Training example ``index`` of the spec's own data (the command's ``--example``)."""
    if spec.data is None:
        raise NeurokitError("the spec has no data; give an input and a target")
    train = builder.load_dataset(spec, registry).train
    if not 0 <= index < len(train):
        raise NeurokitError(f"example {index}: the training data has examples 0 … {len(train) - 1}")
    return train.x[index], train.y[index]


def explain_json(spec: Spec, registry, *, x=None, y=None, example: int = 0, eta=None) -> dict:
    """The trace ``neurokit explain`` prints for this spec and example, ready for the page."""
    if model_sections(spec, registry).learning != "gradient" or spec.model_name != DEFAULT_MODEL:
        raise NeurokitError(
            f"explain: model {spec.model_name!r} is not a layered feedforward net; explain "
            "follows BP1–BP4 through the lecture's layers"
        )
    check_small(spec.sizes)
    if spec.training is not None:  # explain works in float64, as the command does
        spec.training = spec.training.model_copy(update={"dtype": "float64"})
    network = feedforward_network(builder.build_model(spec, registry), spec)
    cost = builder.build_cost(spec, registry)
    if cost is None:
        raise NeurokitError("the spec has no 'cost'; explain needs one for BP1")
    if x is None or y is None:
        x, y = example_of(spec, registry, example)
    if eta is None and spec.optimizer is not None:
        eta = spec.optimizer.params.get("eta")
    if not isinstance(eta, int | float):
        raise NeurokitError("no η to take the SGD step with; give eta or use an sgd optimizer")
    trace = explain(network, cost, x, y, float(eta))
    return {
        "sizes": trace.sizes,
        "neurons": trace.neurons,
        "cost": trace.cost,
        "eta": trace.eta,
        "phases": PHASE_TITLES,
        "steps": [_step_json(step) for step in trace.steps],
    }


def _step_json(step) -> dict:
    formula, words = split_equation(step.equation)
    return {
        "phase": step.phase,
        "label": step.label,
        "symbol": step.symbol,
        "symbol_tex": to_tex(step.symbol),
        "equation": step.equation,
        "equation_tex": to_tex(formula),
        "equation_words": words,
        "detail": step.detail,
        "value": np.asarray(step.value, dtype=float).tolist(),
    }
