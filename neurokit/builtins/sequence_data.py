"""Built-in sequence data sets, each generated from its own seed (no downloads): ``sine``,
``mackey-glass``, ``temporal-xor``, ``bit-parity``, ``pattern-spotting``, ``embedded-reber``
and ``text``.

x has shape (n, T, n_in); y is per step (n, T, n_out) or, where a set offers
``targets: "last_step"``, per sequence (n, n_out).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import DatasetType
from neurokit.core.datasets import Dataset, Split
from neurokit.core.errors import DataError
from neurokit.core.hookspecs import hookimpl
from neurokit.data import bits, reber, series, text

SPLIT_NAMES = ("train", "validation", "test")


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    seed: int = Field(default=0, description="seed of the generator that draws the data")


class CountedParams(_Params):
    train: int = Field(default=200, ge=1, description="training sequences")
    validation: int = Field(default=50, ge=0, description="validation sequences (0 for none)")
    test: int = Field(default=50, ge=0, description="test sequences (0 for none)")


class SineParams(CountedParams):
    steps: int = Field(default=30, ge=2, description="time steps T per sequence")


class XorParams(CountedParams):
    triples: int = Field(default=10, ge=1, description="(a, b, a XOR b) triples per sequence")


class ParityParams(CountedParams):
    steps: int = Field(default=8, ge=1, description="bits per sequence")
    targets: Literal["every_step", "last_step"] = Field(
        default="every_step", description="parity so far at every step, or of the whole string"
    )


class ReberParams(CountedParams):
    pass


class PatternParams(CountedParams):
    steps: int = Field(default=20, ge=2, description="bits per sequence")
    motif: list[Literal[0, 1]] = Field(
        default=list(bits.MOTIF),
        min_length=1,
        description="the bits planted at a random place; the target marks where a copy ends",
    )


class MackeyGlassParams(_Params):
    train: int = Field(default=2000, ge=10, description="time steps of the training series")
    validation: int = Field(default=500, ge=0, description="steps of the validation series")
    test: int = Field(default=500, ge=0, description="steps of the test series")
    horizon: int = Field(default=1, ge=1, description="predict x(t + horizon) from x(t)")
    tau: int = Field(default=17, ge=1, description="delay τ of the equation (17: chaotic)")


class TextParams(_Params):
    text: Literal["twinkle"] = Field(default="twinkle", description="which shipped text")
    steps: int = Field(default=25, ge=1, description="characters per sequence")
    stride: int = Field(default=3, ge=1, description="characters between sequence starts")
    validation_share: float = Field(
        default=0.1, ge=0, lt=1, description="share of the text (its end) held out"
    )


def _counted(params: CountedParams, make, dtype: str) -> dict[str, Split]:
    """One split per non-zero count, each drawn after the previous from one generator."""
    rng = np.random.default_rng(params.seed)
    splits = {}
    for name in SPLIT_NAMES:
        n = getattr(params, name)
        if n:
            x, y = make(n, rng)
            splits[name] = Split(x.astype(dtype), y.astype(dtype))
    return splits


def load_sine(params: SineParams, *, dtype: str, data_dir=None) -> Dataset:
    splits = _counted(params, lambda n, rng: series.sine_sequences(n, params.steps, rng), dtype)
    return Dataset("sine", splits, notes={"task": "next value of a sine wave"})


def load_temporal_xor(params: XorParams, *, dtype: str, data_dir=None) -> Dataset:
    splits = _counted(params, lambda n, rng: bits.temporal_xor(n, params.triples, rng), dtype)
    return Dataset(
        "temporal-xor",
        splits,
        class_names=["0", "1"],
        notes={"task": "next bit; every third bit is the XOR of the two before"},
    )


def load_parity(params: ParityParams, *, dtype: str, data_dir=None) -> Dataset:
    every = params.targets == "every_step"
    splits = _counted(params, lambda n, rng: bits.parity(n, params.steps, rng, every), dtype)
    return Dataset("bit-parity", splits, class_names=["even", "odd"])


def load_pattern(params: PatternParams, *, dtype: str, data_dir=None) -> Dataset:
    if len(params.motif) > params.steps:
        raise DataError(
            f"data.params.motif: {len(params.motif)} bits do not fit in {params.steps} steps"
        )
    motif = tuple(params.motif)
    splits = _counted(
        params, lambda n, rng: bits.pattern_spotting(n, params.steps, motif, rng), dtype
    )
    return Dataset(
        "pattern-spotting",
        splits,
        class_names=["no", "motif ends"],
        notes={"task": f"1 where the motif {''.join(map(str, motif))} ends, else 0"},
    )


def load_reber(params: ReberParams, *, dtype: str, data_dir=None) -> Dataset:
    rng = np.random.default_rng(params.seed)
    splits, lengths = {}, {}
    for name in SPLIT_NAMES:
        n = getattr(params, name)
        if n:
            x, y, lengths[name] = reber.embedded_reber(n, rng)
            splits[name] = Split(x.astype(dtype), y.astype(dtype))
    return Dataset(
        "embedded-reber",
        splits,
        class_names=list(reber.SYMBOLS),
        notes={"lengths": lengths, "task": "the symbols the grammar allows next"},
    )


def load_mackey_glass(params: MackeyGlassParams, *, dtype: str, data_dir=None) -> Dataset:
    rng = np.random.default_rng(params.seed)
    h = params.horizon
    sizes = [params.train, params.validation, params.test]
    values = series.mackey_glass(sum(sizes) + h, rng, tau=params.tau)
    splits, start = {}, 0
    for name, size in zip(SPLIT_NAMES, sizes, strict=True):
        if size:
            part = values[start : start + size + h]
            splits[name] = Split(
                part[None, :-h, None].astype(dtype), part[None, h:, None].astype(dtype)
            )
        start += size
    return Dataset("mackey-glass", splits, notes={"task": f"x(t + {h}) from x(t)"})


def load_text(params: TextParams, *, dtype: str, data_dir=None) -> Dataset:
    words = text.read_text(params.text)
    chars = text.alphabet(words)
    cut = int(len(words) * (1 - params.validation_share))
    splits = {}
    for name, part in (("train", words[:cut]), ("validation", words[cut:])):
        if len(part) > params.steps:
            x, y = text.windows(part, chars, params.steps, params.stride)
            splits[name] = Split(x.astype(dtype), y.astype(dtype))
    return Dataset("text", splits, class_names=chars, notes={"text": params.text})


@hookimpl
def neurokit_register_datasets():
    return [
        DatasetType("sine", load_sine, SineParams, summary="sequences: next value of a sine"),
        DatasetType(
            "mackey-glass",
            load_mackey_glass,
            MackeyGlassParams,
            summary="the chaotic Mackey-Glass series (τ = 17): predict the next value",
        ),
        DatasetType(
            "temporal-xor",
            load_temporal_xor,
            XorParams,
            summary="Elman's bit stream: every third bit is the XOR of the two before",
        ),
        DatasetType(
            "bit-parity",
            load_parity,
            ParityParams,
            summary="bit strings: parity so far or at the end",
        ),
        DatasetType(
            "pattern-spotting",
            load_pattern,
            PatternParams,
            summary="bit strings with a planted motif: mark the step where it ends",
        ),
        DatasetType(
            "embedded-reber",
            load_reber,
            ReberParams,
            summary="the embedded Reber grammar: predict the allowed next symbols",
        ),
        DatasetType(
            "text",
            load_text,
            TextParams,
            summary="characters of a shipped public-domain poem: predict the next character",
        ),
    ]
