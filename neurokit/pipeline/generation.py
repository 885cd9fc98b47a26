"""Free-running output of a trained sequence model: read a prime, then feed each output back
as the next input — a Mackey-Glass continuation, or text from a character model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from neurokit.core.errors import DataError, NeurokitError
from neurokit.pipeline import runs
from neurokit.pipeline.evaluation import load_data_for


@dataclass
class Generation:
    outputs: np.ndarray  # (steps, n_outputs)
    prime: np.ndarray  # (T, n_inputs)
    truth: np.ndarray | None  # what the series really did next, where known
    text: str | None  # for a character model: the prime and the generated characters
    prime_text: str | None = None


def generate_run(run_dir, registry, *, steps: int = 200, prime: str | None = None, seed: int = 0):
    spec, model = runs.load_run(run_dir, registry)
    if not getattr(model, "can_generate", False):
        raise NeurokitError(
            f"{run_dir}: model {model.name!r} cannot generate: free-running output needs a "
            "sequence model whose outputs are its next inputs (as many outputs as inputs, "
            "a target at every step)"
        )
    if steps < 1:
        raise NeurokitError(f"{run_dir}: the number of steps must be at least 1, got {steps}")
    data = load_data_for(spec, model, registry)
    chars = data.class_names if data.name == "text" else None
    rng = np.random.default_rng(seed)
    if prime is not None:
        if chars is None:
            raise DataError(f"{run_dir}: a text prime needs a character model (data 'text')")
        return _from_text(model, chars, prime, steps, rng, run_dir)
    split = data.splits.get("test") or data.splits.get("validation") or data.train
    series = split.x[0]
    cut = max(1, min(len(series) // 2, 200))
    outputs = model.generate(series[:cut], steps, rng)
    truth = split.y[0, cut - 1 : cut - 1 + steps] if chars is None else None
    text = None
    if chars is not None:
        text = _decode(series[:cut], chars) + _decode(outputs, chars, rng)
    return Generation(outputs, series[:cut], truth, text)


def _from_text(model, chars, prime, steps, rng, run_dir) -> Generation:
    unknown = sorted(set(prime) - set(chars))
    if unknown:
        raise DataError(f"{run_dir}: the prime has characters the model never saw: {unknown}")
    index = {c: i for i, c in enumerate(chars)}
    x = np.zeros((len(prime), len(chars)), dtype=model.dtype)
    x[np.arange(len(prime)), [index[c] for c in prime]] = 1
    outputs = model.generate(x, steps, rng)
    return Generation(outputs, x, None, prime + _decode(outputs, chars, rng), prime)


def _decode(rows: np.ndarray, chars, rng=None) -> str:
    """Characters of one-hot rows (the prime) or output rows (the argmax, for display)."""
    return "".join(chars[i] for i in rows.argmax(axis=1))


def ascii_chart(values: np.ndarray, truth: np.ndarray | None, height: int = 12) -> str:
    """A terminal chart: '*' the generated series, '.' the real continuation (where known)."""
    width = min(len(values), 100)
    columns = np.linspace(0, len(values) - 1, width).astype(int)
    series = [values[columns]] + ([truth[columns[columns < len(truth)]]] if truth is not None
                                  and len(truth) else [])  # fmt: skip
    low = min(float(s.min()) for s in series)
    high = max(float(s.max()) for s in series)
    span = high - low or 1.0
    grid = [[" "] * width for _ in range(height)]
    for mark, s in reversed(list(zip("*.", series, strict=False))):
        for col, v in enumerate(s):
            grid[height - 1 - int(round((v - low) / span * (height - 1)))][col] = mark
    lines = ["".join(row) for row in grid]
    return "\n".join([f"{high:8.3f} |" + lines[0]] + ["         |" + ln for ln in lines[1:-1]]
                     + [f"{low:8.3f} |" + lines[-1]])  # fmt: skip


def plot_generation(result: Generation, path: Path) -> Path:
    from neurokit.pipeline.plotting import _figure, save_png

    figure = _figure(figsize=(8, 3))
    axes = figure.subplots()
    t0 = len(result.prime)
    axes.plot(range(t0), result.prime[:, 0], color="grey", label="prime (teacher forced)")
    t = range(t0, t0 + len(result.outputs))
    if result.truth is not None:
        axes.plot(t[: len(result.truth)], result.truth[:, 0], "k:", label="what really followed")
    axes.plot(t, result.outputs[:, 0], color="C1", label="generated (free running)")
    axes.set_xlabel("time step t")
    axes.legend(loc="upper left", fontsize="small")
    return save_png(figure, path)
