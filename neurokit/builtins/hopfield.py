"""Built-in model ``hopfield``: a Hopfield network (Hopfield, 1982), an associative memory.

N binary units s_i = ±1, every pair joined both ways by one symmetric weight w_ij = w_ji, and
no unit joined to itself (w_ii = 0). Unlike the lecture's feedforward nets it is *recurrent*:
the units feed back into each other until the state settles. A unit is updated by

    s_i ← sign(Σ_j w_ij s_j + θ_i)         (unchanged when the sum is exactly 0)

one unit at a time in a random order (asynchronous), or all at once (synchronous). With
symmetric weights and a zero diagonal, every asynchronous update can only lower, or keep,
the energy

    E = −½ Σ_ij w_ij s_i s_j − Σ_i θ_i s_i

so the state rolls down to a local minimum: with luck, the stored pattern nearest the start.

Storage ("learning") sets W from the P patterns ξ^μ in one step:

* Hebbian:        w_ij = (1/N) Σ_μ ξ^μ_i ξ^μ_j — holds about 0.138 N random patterns;
* pseudo-inverse: W = Ξᵀ (Ξ Ξᵀ)⁻¹ Ξ, the projection onto the patterns' span — every
  linearly independent set of patterns is stored (up to N), correlated digits included;
* Storkey:        Hebbian with a correction for the local fields the earlier patterns make,
  one pattern at a time — more capacity than Hebbian, still local and incremental.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from neurokit.core.components import ModelContext, ModelType, Sections
from neurokit.core.errors import DataError
from neurokit.core.hookspecs import hookimpl
from neurokit.core.model import LearningStep, Model
from neurokit.core.views import Story, StoryStep

#: A seed for the random unit order and noise of the recall measured by ``metrics``, so the
#: same run always reports the same rates.
METRICS_SEED = 0


class HopfieldParams(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    rule: Literal["hebbian", "pseudo-inverse", "storkey"] = Field(
        default="hebbian", description="how the patterns are stored in W"
    )
    update: Literal["async", "sync"] = Field(
        default="async",
        description="async: one unit at a time in a seeded random order (E never rises); "
        "sync: all units at once (may end in a 2-cycle)",
    )
    max_sweeps: int = Field(
        default=30, ge=1, le=10_000, description="most sweeps (N unit updates) to settle"
    )
    noise_levels: list[float] = Field(
        default=[0.0, 0.1, 0.2, 0.3],
        min_length=1,
        description="shares of flipped units at which evaluate measures recall",
    )
    trials: int = Field(
        default=3, ge=1, le=1000, description="corrupted starts per pattern and noise level"
    )


def store(patterns: np.ndarray, rule: str) -> np.ndarray:
    """W (N, N), symmetric with a zero diagonal, holding the ±1 rows of ``patterns``."""
    p, n = patterns.shape
    xi = patterns.astype(np.float64)
    if rule == "hebbian":
        w = xi.T @ xi / n  # w_ij = (1/N) Σ_μ ξ^μ_i ξ^μ_j
    elif rule == "pseudo-inverse":
        w = xi.T @ np.linalg.pinv(xi @ xi.T) @ xi  # W = Ξᵀ (Ξ Ξᵀ)⁻¹ Ξ
    else:
        w = np.zeros((n, n))
        for pattern in xi:
            h = w @ pattern  # local fields of this pattern under the patterns so far
            # h_ij = Σ_{k≠i,j} w_ik ξ_k = h_i − w_ij ξ_j (w_ii = 0)
            h_ij = h[:, None] - w * pattern[None, :]
            # Δw_ij = (1/N)(ξ_i ξ_j − ξ_i h_ji − h_ij ξ_j)
            w += (np.outer(pattern, pattern) - pattern[:, None] * h_ij.T - h_ij * pattern) / n
            np.fill_diagonal(w, 0)
    np.fill_diagonal(w, 0)
    return (w + w.T) / 2  # exactly symmetric despite rounding


def energy(w: np.ndarray, theta: np.ndarray, s: np.ndarray) -> float:
    """E = −½ Σ_ij w_ij s_i s_j − Σ_i θ_i s_i."""
    return float(-0.5 * s @ w @ s - theta @ s)


def async_sweep(w: np.ndarray, theta: np.ndarray, s: np.ndarray, order: np.ndarray) -> int:
    """Update units one at a time in ``order``, in place; returns how many flipped."""
    flips = 0
    for i in order:
        field = w[i] @ s + theta[i]
        if field != 0 and (field > 0) != (s[i] > 0):
            s[i] = -s[i]  # s_i ← sign(Σ_j w_ij s_j + θ_i)
            flips += 1
    return flips


def sync_step(w: np.ndarray, theta: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Every unit at once from the same old state (a zero field keeps the unit as it was)."""
    field = w @ s + theta
    return np.where(field > 0, 1.0, np.where(field < 0, -1.0, s))


def settle(w, theta, s, update: str, max_sweeps: int, rng) -> list[np.ndarray]:
    """The states from ``s`` until nothing changes (or ``max_sweeps``): one per sweep, the
    start included, the last the settled state."""
    states = [s.copy()]
    s = s.copy()
    for _ in range(max_sweeps):
        if update == "async":
            changed = async_sweep(w, theta, s, rng.permutation(len(s))) > 0
        else:
            new = sync_step(w, theta, s)
            changed = not np.array_equal(new, s)
            s = new
        if not changed:
            break
        states.append(s.copy())
    return states


def corrupt(pattern: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """The pattern with round(share × N) units, chosen at random, flipped."""
    flipped = pattern.copy()
    k = int(round(share * len(pattern)))
    units = rng.choice(len(pattern), k, replace=False)
    flipped[units] = -flipped[units]
    return flipped


def require_binary(x: np.ndarray, where: str = "the data set") -> None:
    """Refuse inputs that are not all −1 or +1, saying how to binarise them."""
    bad = ~np.isin(x, (-1.0, 1.0))
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise DataError(
            f"data: model 'hopfield' stores patterns of −1 and +1, but {where} has "
            f"{x[row, col]:.4g} at example {row}, input {col}; binarise the inputs first, "
            "e.g. s = +1 where pixel ≥ 0.5 else −1 (data set 'digit-patterns' does this for "
            "MNIST digits)"
        )


class HopfieldNetwork(Model):
    """N units, weights ``w`` (N, N) and thresholds ``theta`` (N,); ``predict`` runs the net
    from each input until it settles and returns the final state."""

    learning = "rule"
    full_batch = True
    classifies = False

    def __init__(self, params: HopfieldParams, n: int, *, dtype):
        self.params = params
        self.dtype = np.dtype(dtype)
        self.w = np.zeros((n, n), dtype=self.dtype)
        self.theta = np.zeros(n, dtype=self.dtype)

    def named_parameters(self) -> dict[str, np.ndarray]:
        return {"w": self.w, "theta": self.theta}

    @property
    def n_inputs(self) -> int:
        return len(self.theta)

    @property
    def n_outputs(self) -> int:
        return len(self.theta)

    def learn(self, x: np.ndarray, y: np.ndarray, step: LearningStep) -> None:
        require_binary(x)
        # Storage is one step from all the patterns: every epoch stores the same W.
        self.w[...] = store(x, self.params.rule)

    def energy(self, s: np.ndarray) -> float:
        return energy(self.w, self.theta, s)

    def settle(self, s: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
        return settle(
            self.w,
            self.theta,
            np.asarray(s, dtype=self.dtype),
            self.params.update,
            self.params.max_sweeps,
            rng,
        )

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The settled state from each row of x (a fixed seed orders asynchronous updates,
        so the same input always gives the same state)."""
        rng = np.random.default_rng(METRICS_SEED)
        return np.array([self.settle(row, rng)[-1] for row in np.asarray(x)], dtype=self.dtype)

    def recall_rate(self, patterns: np.ndarray, share: float, rng) -> float:
        """Share of corrupted starts that settle exactly on the pattern they came from."""
        hits = 0
        for pattern in patterns:
            for _ in range(self.params.trials):
                final = self.settle(corrupt(pattern, share, rng), rng)[-1]
                hits += bool(np.array_equal(final, pattern))
        return hits / (len(patterns) * self.params.trials)

    def metrics(self, split) -> dict[str, float]:
        if not np.isin(split.x, (-1.0, 1.0)).all():
            return {}
        rng = np.random.default_rng(METRICS_SEED)
        return {
            f"recall_at_{level:g}": self.recall_rate(split.x, level, rng)
            for level in self.params.noise_levels
        }

    def story(self, x, *, noise, rng, image_shape, class_names, examples=None) -> Story:
        require_binary(x[None, :], "this example")
        start = corrupt(x, noise, rng)
        states = self.settle(start, rng)
        shape = image_shape if image_shape and x.size == np.prod(image_shape) else None
        steps = [
            StoryStep(
                "start: the pattern with noise" if i == 0 else f"after sweep {i}",
                None if shape is None else ((s + 1) / 2).reshape(shape),
                {"energy": self.energy(s), "flipped": int((s != x).sum())},
            )
            for i, s in enumerate(states)
        ]
        final = states[-1]
        verdict = recall_verdict(final, x, examples)
        changed = len(states) - 1
        settled = changed < self.params.max_sweeps
        outcome = (
            f"{'settled' if settled else 'still changing'} after {changed} sweeps, energy "
            f"{self.energy(start):.4g} → {self.energy(final):.4g}: {verdict}"
        )
        facts = {
            "noise": noise,
            "flipped_at_start": int((start != x).sum()),
            "sweeps": changed,
            "settled": settled,
            "recall": verdict.split(":")[0],
        }
        return Story(steps, outcome, facts)


def recall_verdict(final: np.ndarray, target: np.ndarray, examples=None) -> str:
    """Whether the settled state is the pattern, its inverse, another stored pattern or a
    spurious state (a minimum of E that is none of them)."""
    if np.array_equal(final, target):
        return "recalled: the right pattern"
    if np.array_equal(final, -target):
        return "inverse: the pattern with every unit flipped (−ξ is stored along with ξ)"
    for k, other in enumerate(examples if examples is not None else []):
        if np.array_equal(final, other):
            return f"another pattern: stored pattern #{k}"
        if np.array_equal(final, -other):
            return f"another pattern: the inverse of stored pattern #{k}"
    wrong = int((final != target).sum())
    return f"spurious: a state that is no stored pattern ({wrong} units differ from the right one)"


def build_hopfield(params: HopfieldParams, context: ModelContext) -> HopfieldNetwork:
    return HopfieldNetwork(params, context.sizes[0], dtype=context.dtype)


#: Three 16-unit patterns: what the conformance kit stores and reloads.
HOPFIELD_EXAMPLE = {
    "schema_version": 1,
    "name": "hopfield-small",
    "layers": [{"size": 16}],
    "model": {"name": "hopfield", "params": {"rule": "storkey", "noise_levels": [0.1]}},
    "training": {"epochs": 1, "seed": 0},
    "data": {
        "name": "inline",
        "params": {
            "train": {
                "x": [[1, -1] * 8, [1, 1, -1, -1] * 4, [1] * 8 + [-1] * 8],
                "y": [[1, -1] * 8, [1, 1, -1, -1] * 4, [1] * 8 + [-1] * 8],
            }
        },
    },
}


@hookimpl
def neurokit_register_models():
    return [
        ModelType(
            "hopfield",
            build_hopfield,
            HopfieldParams,
            summary="Hopfield net: ±1 units with symmetric feedback, an associative memory",
            sections=Sections(
                layers=(1, 1),
                neurons=False,
                hand_set=False,
                learning="rule",
                training=frozenset({"epochs", "seed", "dtype"}),
            ),
            example=HOPFIELD_EXAMPLE,
        )
    ]


# --- capacity ------------------------------------------------------------------------------

#: Loads P/N the capacity measure visits by default.
CAPACITY_LOADS = (0.05, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3, 0.4)
#: Share of flipped units in each start, and the overlap that counts as recalled.
CAPACITY_NOISE, CAPACITY_OVERLAP = 0.05, 0.95


def capacity(n: int, loads, rule: str, trials: int, seed: int) -> list[dict]:
    """Recall of P = load × N random ±1 patterns stored by ``rule`` in an N-unit net.

    For each load, ``trials`` fresh sets of patterns are stored; each pattern is started with
    5% of its units flipped and run asynchronously until it settles. A start counts as
    recalled when the overlap m = (1/N) ξ·s of the settled state s with the pattern is at
    least 0.95. Returns one row per load: ``load``, ``patterns``, ``recall``, ``overlap``.
    """
    rng = np.random.default_rng(seed)
    theta = np.zeros(n)
    rows = []
    for load in loads:
        p = max(1, int(round(load * n)))
        recalled, overlaps = [], []
        for _ in range(trials):
            patterns = rng.choice([-1.0, 1.0], (p, n))
            w = store(patterns, rule)
            for pattern in patterns:
                final = settle(w, theta, corrupt(pattern, CAPACITY_NOISE, rng), "async", 50, rng)
                overlap = float(final[-1] @ pattern / n)
                overlaps.append(overlap)
                recalled.append(overlap >= CAPACITY_OVERLAP)
        rows.append(
            {
                "load": p / n,
                "patterns": p,
                "recall": float(np.mean(recalled)),
                "overlap": float(np.mean(overlaps)),
            }
        )
    return rows
