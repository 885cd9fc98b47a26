"""Recurrent models trained by backpropagation through time (BPTT), in the lecture's notation
extended by t.

A recurrent cell carries a state s_t (the hidden activations h_t = a^2_t, plus the LSTM's
cell c_t) from step to step; a dense output layer reads each h_t:

    z^3_t = w^3 h_t + b^3,   a^3_t = σ(z^3_t)

BPTT unrolls the steps into one deep net whose layers share weights. Going back from t = T:

    δ^3_t = ∇_a C_t ⊙ σ'(z^3_t)                              (BP1, per step)
    ∂C/∂h_t = (w^3)^T δ^3_t + ∂C/∂h_t via s_{t+1}             (BP2 through the output and time)
    ∂C/∂w = Σ_t (the cell's local gradient at t)             (BP4, summed over the shared copies)

Truncated BPTT with length k cuts the backward flow at every k-th step: the state is still
carried forward, but no gradient crosses from one chunk of k steps to the one before.
C is the mean cost over every scored (sequence, step) pair.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np

from neurokit.core.errors import Problem
from neurokit.core.model import Model
from neurokit.core.sequences import as_rows, describe, is_sequence

#: What a NaN in a sequence model most likely means, and what to do about it.
EXPLODING_HINT = (
    "gradients through time probably exploded; clip them (model.params.clip, e.g. 1.0), "
    "shorten model.params.truncate or lower η (optimizer.params.eta)"
)


class SequenceModel(Model):
    """A model whose examples are sequences (n, T, n_in), scored per step or after the last."""

    sequences: ClassVar[bool] = True

    def __init__(self, targets: str = "every_step", truncate: int | None = None, clip=None):
        self.targets = targets
        self.truncate = truncate
        self.clip = clip

    def nan_hint(self) -> str:
        return EXPLODING_HINT

    def data_problems(self, x: np.ndarray, y: np.ndarray) -> list[Problem]:
        """A sequence model needs sequences, targets scored the way ``targets`` says and a
        truncation length no longer than the sequences."""
        if not is_sequence(x):
            return [
                Problem(
                    "data",
                    f"model {self.name!r} reads sequences (n, T, inputs) but the data set holds "
                    f"{describe(x)} of shape {tuple(x.shape)}",
                )
            ]
        problems = []
        per_step = is_sequence(y)
        if per_step != (self.targets == "every_step"):
            have = "a target at every step" if per_step else "one target per sequence"
            problems.append(
                Problem(
                    "model.params.targets",
                    f"is {self.targets!r} but the data set gives {have}; "
                    f"set it to {'every_step' if per_step else 'last_step'!r}",
                )
            )
        if self.truncate is not None and self.truncate > x.shape[1]:
            problems.append(
                Problem(
                    "model.params.truncate",
                    f"truncation length {self.truncate} is longer than the "
                    f"{x.shape[1]}-step sequences",
                )
            )
        return problems

    # --- scoring -------------------------------------------------------------------------

    def _select(self, steps: np.ndarray) -> np.ndarray:
        """Outputs (n, T, n_out) → what ``predict`` returns for this model's targets."""
        return steps if self.targets == "every_step" else steps[:, -1]

    def output_errors(self, a, z, y, cost, neuron, scale: float) -> np.ndarray:
        """δ^3_t for every step (n, T, n_out): BP1 on each scored step, times scale / the
        number of scored rows; zero at steps without a target."""
        n, steps, width = a.shape
        delta = np.zeros_like(a)
        if self.targets == "every_step":
            rows = cost.output_error(as_rows(a), as_rows(y), as_rows(z), neuron)
            delta[...] = rows.reshape(n, steps, width) * (scale / (n * steps))
        else:
            delta[:, -1] = cost.output_error(a[:, -1], y, z[:, -1], neuron) * (scale / n)
        return delta

    def clip_gradients(self, grads: list[np.ndarray]) -> list[np.ndarray]:
        """Scale the whole gradient down to norm ``clip`` when it is longer (Pascanu et al.)."""
        if self.clip is None:
            return grads
        norm = float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))
        if norm > self.clip:
            return [g * (self.clip / norm) for g in grads]
        return grads

    def cut_here(self, t: int) -> bool:
        """True when truncated BPTT stops the backward flow between steps t − 1 and t."""
        return self.truncate is not None and t % self.truncate == 0


class RecurrentCell(SequenceModel):
    """BPTT for any cell with a dense output layer on h_t. A subclass supplies the cell:
    ``initial_state``, ``cell_forward`` and ``cell_backward``, and its own parameters."""

    def __init__(self, n_inputs, n_hidden, n_outputs, neurons, dtype, rng, **options):
        super().__init__(**options)
        self.sizes = (n_inputs, n_hidden, n_outputs)
        self.dtype = np.dtype(dtype)
        self.hidden_neuron, self.output_neuron = neurons
        self.init_cell(rng)
        bound = 1.0 / np.sqrt(n_hidden)  # the usual U(−1/√H, 1/√H) start
        self.w3 = rng.uniform(-bound, bound, (n_outputs, n_hidden)).astype(self.dtype)
        self.b3 = rng.uniform(-bound, bound, n_outputs).astype(self.dtype)

    # --- the cell (a subclass supplies) ---------------------------------------------------

    def init_cell(self, rng: np.random.Generator) -> None:
        raise NotImplementedError

    def cell_parameters(self) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def initial_state(self, n: int) -> tuple[np.ndarray, ...]:
        """s_0: zeros; the first array is h."""
        return (np.zeros((n, self.sizes[1]), dtype=self.dtype),)

    def cell_forward(self, x_t, state):
        """(s_t, cache) from x_t and s_{t−1}."""
        raise NotImplementedError

    def cell_backward(self, d_state, cache, grads: dict) -> tuple[np.ndarray, ...]:
        """∂C/∂s_{t−1} from ∂C/∂s_t, adding this step's share to ``grads``; a cell with
        ``traces_steps`` takes ``trace=`` too and records its δ into it."""
        raise NotImplementedError

    # --- the Model interface ----------------------------------------------------------------

    @property
    def n_inputs(self) -> int:
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        return self.sizes[2]

    def named_parameters(self) -> dict[str, np.ndarray]:
        return {**self.cell_parameters(), "w3": self.w3, "b3": self.b3}

    def forward(self, x: np.ndarray):
        """Every step's cache, hidden h_t, z^3_t and a^3_t for a batch of sequences."""
        n, steps, _ = x.shape
        state = self.initial_state(n)
        caches, hidden = [], np.empty((n, steps, self.sizes[1]), dtype=self.dtype)
        for t in range(steps):
            state, cache = self.cell_forward(x[:, t], state)
            caches.append(cache)
            hidden[:, t] = state[0]
        z = hidden @ self.w3.T + self.b3
        return caches, hidden, z, self.output_neuron.sigma(z)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self._select(self.forward(x)[3])

    def gradients(self, x, y, cost, scale: float = 1.0, trace: dict | None = None):
        """∂C/∂θ for every parameter. ``trace``, when given, receives what this pass computed
        (``explain`` prints it): "forward" (caches, h, z^3, a^3), "delta_output" (δ^3_t),
        "steps" (each step's backward quantities, see ``backward``) and "gradients" (before
        clipping)."""
        caches, hidden, z, a = self.forward(x)
        delta = self.output_errors(a, z, y, cost, self.output_neuron, scale)
        grads = self.backward(caches, hidden, delta, trace=trace)
        if trace is not None:
            trace.update(forward=(caches, hidden, z, a), delta_output=delta, gradients=grads)
        return self.clip_gradients(list(grads.values()))

    #: True for a cell whose ``cell_backward`` takes ``trace=`` (a dict it records into).
    traces_steps: ClassVar[bool] = False

    def backward(self, caches, hidden, delta, record=None, trace=None) -> dict[str, np.ndarray]:
        """BPTT from δ^3_t at every step; ``record(t, δ^3_t, ∂C/∂s_t)``, when given, sees each
        step on the way back (for the vanishing-gradient plot). ``trace``, for a cell with
        ``traces_steps``, gets trace["steps"][t]: "from_output" ((w^3)^T δ^3_t), "from_next"
        (what came back from step t+1) and what the cell records."""
        grads = {k: np.zeros_like(v) for k, v in self.named_parameters().items()}
        # BP3/BP4 for the output layer, summed over steps
        grads["w3"] += np.einsum("nto,nth->oh", delta, hidden)
        grads["b3"] += delta.sum(axis=(0, 1))
        d_h_out = delta @ self.w3  # (w^3)^T δ^3_t for every t
        carry = tuple(np.zeros_like(s) for s in self.initial_state(delta.shape[0]))
        for t in range(delta.shape[1] - 1, -1, -1):
            d_state = (carry[0] + d_h_out[:, t], *carry[1:])
            if record is not None:
                record(t, delta[:, t], d_state)
            if trace is None:
                carry = self.cell_backward(d_state, caches[t], grads)
            else:
                step = {"from_output": d_h_out[:, t], "from_next": carry[0]}
                trace.setdefault("steps", {})[t] = step
                traced: Callable[..., tuple] = self.cell_backward  # takes trace= (traces_steps)
                carry = traced(d_state, caches[t], grads, trace=step)
            if self.cut_here(t):
                carry = tuple(np.zeros_like(c) for c in carry)
        return grads

    @property
    def can_generate(self) -> bool:
        """Outputs that can be fed back as the next inputs: same width, one per step."""
        return self.sizes[0] == self.sizes[2] and self.targets == "every_step"

    def generate(self, prime: np.ndarray, steps: int, rng: np.random.Generator) -> np.ndarray:
        """Read ``prime`` (T, n_in), then feed each output back (sampled, for characters);
        returns what was fed back at each step."""
        state = self.initial_state(1)
        for t in range(prime.shape[0]):
            state, _ = self.cell_forward(prime[None, t], state)
        out = np.empty((steps, self.sizes[2]), dtype=self.dtype)
        for t in range(steps):
            a = self.output_neuron.sigma(state[0] @ self.w3.T + self.b3)
            fed_back = sample_or_feed(a, rng)
            out[t] = fed_back[0]  # the value, or the character drawn
            state, _ = self.cell_forward(fed_back, state)
        return out

    def hidden_gradient_norms(self, x, y, cost) -> np.ndarray:
        """‖∂C_T/∂h_{T−lag}‖ for lag = 0 … T−1: how much of the last step's error reaches each
        earlier hidden state (the mean over the batch of each sequence's norm)."""
        caches, hidden, z, a = self.forward(x)
        last = y[:, -1] if is_sequence(y) else y
        delta = np.zeros_like(a)
        delta[:, -1] = cost.output_error(a[:, -1], last, z[:, -1], self.output_neuron)
        norms = np.zeros(x.shape[1])

        def record(t, _delta, d_state):
            norms[x.shape[1] - 1 - t] = np.linalg.norm(d_state[0], axis=1).mean()

        saved, self.truncate = self.truncate, None  # measure the whole way back
        try:
            self.backward(caches, hidden, delta, record)
        finally:
            self.truncate = saved
        return norms


def sample_or_feed(a: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The next input from an output row: for several outputs (a character), one-hot of a
    symbol drawn with probability ∝ its output; for one output (a value), the value itself."""
    if a.shape[-1] == 1:
        return a
    p = np.clip(a[0], 0, None)
    p = p / p.sum() if p.sum() > 0 else np.full_like(p, 1 / p.size)
    nxt = np.zeros_like(a)
    nxt[0, rng.choice(p.size, p=p)] = 1
    return nxt
