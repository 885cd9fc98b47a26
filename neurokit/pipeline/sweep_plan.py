"""A sweep's plan: which values to try at which spec field paths, and the trials that makes.

A sweep is a base spec plus axes. A grid axis lists values at a field path
(``optimizer.params.eta`` = 0.5, 3.0); a range axis draws values between two bounds
(uniformly, or uniformly in log space), once per random configuration. Every configuration
is trained once per seed. Each trial's spec is checked by the ordinary validator before
anything runs, so a bad path or value is reported before the first epoch.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from neurokit.core.errors import NeurokitError, SpecError
from neurokit.spec import parse_spec
from neurokit.spec.jsonfile import parse_json
from neurokit.spec.paths import split_path

SEED_PATH = "training.seed"
_RANGE = re.compile(r"^(?P<low>[^:]+?)\.\.(?P<high>[^:]+?)(?::(?P<scale>log|linear))?$")


class SweepError(NeurokitError):
    """A sweep's definition or directory cannot be used as given."""


@dataclass(frozen=True)
class GridAxis:
    path: str
    values: tuple


@dataclass(frozen=True)
class RangeAxis:
    path: str
    low: float
    high: float
    log: bool = False
    integer: bool = False

    def draw(self, rng: np.random.Generator):
        if self.log:
            value = math.exp(rng.uniform(math.log(self.low), math.log(self.high)))
        else:
            value = rng.uniform(self.low, self.high)
        # Round to 6 significant digits so values read well in tables and file names.
        return int(round(value)) if self.integer else float(f"{value:.6g}")


@dataclass(frozen=True)
class Trial:
    """One training: a configuration (values by path) and a seed."""

    index: int
    values: dict
    seed: int

    @property
    def id(self) -> str:
        labels = "-".join(f"{_label(path)}={_short(value)}" for path, value in self.values.items())
        return f"{self.index:04d}" + (f"-{labels}" if labels else "") + f"-seed={self.seed}"

    @property
    def config_key(self) -> str:
        return json.dumps(self.values, sort_keys=True)


@dataclass
class SweepPlan:
    """Everything that defines a sweep; saved as ``sweep.json``."""

    spec: dict
    spec_source: str
    grid: list[GridAxis] = field(default_factory=list)
    ranges: list[RangeAxis] = field(default_factory=list)
    random: int = 0
    seeds: list[int] = field(default_factory=list)
    sample_seed: int = 0
    metric: str = ""

    def trials(self) -> list[Trial]:
        configs = []
        grid_paths = [axis.path for axis in self.grid]
        rng = np.random.default_rng(self.sample_seed)
        for point in itertools.product(*(axis.values for axis in self.grid)):
            base = dict(zip(grid_paths, point, strict=True))
            if self.ranges:
                for _ in range(self.random):
                    configs.append(base | {axis.path: axis.draw(rng) for axis in self.ranges})
            else:
                configs.append(base)
        index = itertools.count()
        return [Trial(next(index), config, seed) for config in configs for seed in self.seeds]

    def trial_spec(self, trial: Trial) -> dict:
        spec = copy.deepcopy(self.spec)
        for path, value in (trial.values | {SEED_PATH: trial.seed}).items():
            set_path(spec, path, value)
        return spec

    def to_json(self) -> dict:
        return {
            "format": "neurokit-sweep",
            "format_version": 1,
            "fingerprint": self.fingerprint(),
            "spec_source": self.spec_source,
            "spec": self.spec,
            "grid": [{"path": a.path, "values": list(a.values)} for a in self.grid],
            "ranges": [asdict(a) for a in self.ranges],
            "random": self.random,
            "seeds": self.seeds,
            "sample_seed": self.sample_seed,
            "metric": self.metric,
        }

    def fingerprint(self) -> str:
        """A hash of what decides the trials: two sweeps with the same one run the same trials."""
        what = {
            "spec": self.spec,
            "grid": [[a.path, list(a.values)] for a in self.grid],
            "ranges": [asdict(a) for a in self.ranges],
            "random": self.random,
            "seeds": self.seeds,
            "sample_seed": self.sample_seed,
        }
        text = json.dumps(what, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @classmethod
    def from_json(cls, data: dict, source: str) -> SweepPlan:
        if not isinstance(data, dict) or data.get("format") != "neurokit-sweep":
            raise SweepError(f"{source}: not a neurokit sweep definition")
        try:
            plan = cls(
                spec=data["spec"],
                spec_source=data["spec_source"],
                grid=[GridAxis(a["path"], tuple(a["values"])) for a in data["grid"]],
                ranges=[RangeAxis(**a) for a in data["ranges"]],
                random=data["random"],
                seeds=list(data["seeds"]),
                sample_seed=data["sample_seed"],
                metric=data.get("metric", ""),
            )
        except (KeyError, TypeError) as exc:
            raise SweepError(f"{source}: damaged sweep definition ({exc})") from None
        if plan.fingerprint() != data.get("fingerprint"):
            raise SweepError(f"{source}: damaged sweep definition (its fingerprint does not match)")
        return plan


# --- building a plan from text ----------------------------------------------------------------


def parse_value(text: str):
    """A value as typed: JSON where it parses (3, 0.5, true, "x"), else the plain string."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def parse_grid(item: str) -> GridAxis:
    """``optimizer.params.eta=0.5,3.0`` → an axis; every value parsed as JSON when it can be."""
    path, values = _split_assignment(item, "grid")
    texts = [v.strip() for v in values.split(",")] if values.strip() else []
    if not texts or any(not t for t in texts):
        raise SweepError(f"grid {path}: give one or more values separated by commas")
    parsed = tuple(parse_value(t) for t in texts)
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    if duplicates:
        raise SweepError(f"grid {path}: value {duplicates[0]} is listed twice")
    return GridAxis(path, parsed)


def parse_range(item: str) -> RangeAxis:
    """``optimizer.params.eta=0.1..10:log`` → a range axis; integer bounds draw integers."""
    path, text = _split_assignment(item, "range")
    match = _RANGE.match(text.strip())
    if not match:
        raise SweepError(f"range {path}: write LOW..HIGH or LOW..HIGH:log, got {text!r}")
    low_text, high_text = match["low"].strip(), match["high"].strip()
    low, high = (_number(path, t) for t in (low_text, high_text))
    log = match["scale"] == "log"
    if low > high:
        raise SweepError(f"range {path}: the low bound {low_text} is above the high bound")
    if log and low <= 0:
        raise SweepError(f"range {path}: a log range needs bounds above 0, got {low_text}")
    integer = isinstance(low, int) and isinstance(high, int)
    return RangeAxis(path, low, high, log, integer)


def _number(path: str, text: str):
    value = parse_value(text)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SweepError(f"range {path}: bound {text!r} is not a number")
    return value


def _split_assignment(item: str, kind: str) -> tuple[str, str]:
    path, sep, values = item.partition("=")
    path = path.strip()
    if not sep or not path:
        raise SweepError(f"{kind} {item!r}: write PATH=VALUES, e.g. optimizer.params.eta=0.5,3")
    try:
        split_path(path)
    except ValueError:
        raise SweepError(f"{kind} {path}: not a field path like layers[1].size") from None
    return path, values


def make_plan(
    spec_path,
    registry,
    *,
    grid=(),
    ranges=(),
    random: int = 0,
    seeds: int = 1,
    sample_seed: int = 0,
    metric: str = "",
) -> SweepPlan:
    """Read the base spec and the axes, then check every trial's spec; raise on the first fault."""
    spec_path = Path(spec_path)
    try:
        raw = spec_path.read_bytes()
    except OSError as exc:
        raise SweepError(f"{spec_path}: cannot read the spec: {exc.strerror}") from None
    spec = parse_json(raw, spec_path.name)
    parse_spec(copy.deepcopy(spec), registry, source=spec_path.name)  # the base must be sound
    grid = [a if isinstance(a, GridAxis) else parse_grid(a) for a in grid]
    ranges = [a if isinstance(a, RangeAxis) else parse_range(a) for a in ranges]
    _check_axes(grid, ranges, random, seeds)
    first_seed = spec.get("training", {}).get("seed", 0) if isinstance(spec, dict) else 0
    plan = SweepPlan(
        spec=spec,
        spec_source=spec_path.name,
        grid=grid,
        ranges=ranges,
        random=random if ranges else 0,
        seeds=[first_seed + i for i in range(seeds)],
        sample_seed=sample_seed,
        metric=metric,
    )
    check_trials(plan, registry)
    return plan


def _check_axes(grid, ranges, random: int, seeds: int) -> None:
    paths = [a.path for a in grid] + [a.path for a in ranges]
    repeated = sorted({p for p in paths if paths.count(p) > 1})
    if repeated:
        raise SweepError(f"{repeated[0]}: swept twice; give each path once")
    if SEED_PATH in paths:
        raise SweepError(f"{SEED_PATH}: seeds are swept by their count, not as a grid")
    if seeds < 1:
        raise SweepError(f"seeds: need at least 1, got {seeds}")
    if ranges and random < 1:
        raise SweepError("ranges need a number of random configurations of at least 1")
    if random and not ranges:
        raise SweepError("random configurations need at least one range to draw from")
    if not paths and seeds == 1:
        raise SweepError("nothing to sweep: give a grid, a range or more than one seed")


def check_trials(plan: SweepPlan, registry) -> None:
    """Validate each trial's spec; the first problem is raised naming the trial's values."""
    seen: set[str] = set()
    for trial in plan.trials():
        if trial.config_key in seen:
            continue  # other seeds of a checked configuration
        seen.add(trial.config_key)
        described = ", ".join(f"{p}={json.dumps(v)}" for p, v in trial.values.items())
        try:
            parse_spec(plan.trial_spec(trial), registry, source=plan.spec_source)
        except SweepError as exc:
            raise SweepError(f"trial {described}: {exc}") from None
        except SpecError as exc:
            raise SweepError(f"trial {described}: {plan.spec_source}: {exc.problems[0]}") from None


def set_path(spec: dict, path: str, value) -> None:
    """Put ``value`` at ``path`` in a spec's JSON; missing objects on the way are created."""
    parts = split_path(path)
    node = spec
    for depth, part in enumerate(parts[:-1]):
        node = _child(node, part, parts[depth + 1], parts[: depth + 1])
    last = parts[-1]
    if isinstance(last, int):
        _check_index(node, last, parts)
        node[last] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise SweepError(f"{path}: {_where(parts[:-1])} is not an object")


def _child(node, part, next_part, so_far):
    if isinstance(part, int):
        _check_index(node, part, so_far)
        child = node[part]
    elif isinstance(node, dict):
        child = node.get(part)
        if child is None:
            child = node[part] = [] if isinstance(next_part, int) else {}
    else:
        raise SweepError(f"{_where(so_far)}: {_where(so_far[:-1])} is not an object")
    if isinstance(child, str) and not isinstance(next_part, int):
        # A component's shorthand "sgd" stands for {"name": "sgd"}; open it up.
        child = node[part] = {"name": child}
    return child


def _check_index(node, index: int, parts) -> None:
    if not isinstance(node, list):
        raise SweepError(f"{_where(parts)}: {_where(parts[:-1])} is not a list")
    if not 0 <= index < len(node):
        raise SweepError(f"{_where(parts)}: no such item; {_where(parts[:-1])} has {len(node)}")


def _where(parts) -> str:
    from neurokit.spec.paths import format_path

    return format_path(tuple(parts)) or "the spec"


def _label(path: str) -> str:
    """``layers[1].size`` → ``layers1.size``: a path as it can stand in a directory name."""
    return re.sub(r"[^A-Za-z0-9_.]", "", path.replace("optimizer.params.", ""))


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return re.sub(r"[^A-Za-z0-9_.+-]", "_", text)[:24]
