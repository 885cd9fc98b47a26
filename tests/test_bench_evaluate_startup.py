"""benchmarks/bench_evaluate_startup.py run for real, one round, on a run trained here: the
figures it writes and the issue's limit it judges by (2 × import numpy + the scoring)."""

from __future__ import annotations

import json

from benchmark_files import load_benchmark


def _load_bench():
    return load_benchmark("bench_evaluate_startup.py", "bench_evaluate_startup")


def test_one_round_writes_every_command_and_the_limit(trained_mnist_run, tmp_path, capsys):
    bench = _load_bench()
    out = tmp_path / "startup.json"
    run = trained_mnist_run(1)

    assert bench.main(["--run", str(run), "--rounds", "1", "--floor", "--json", str(out)]) == 0

    written = json.loads(out.read_text())
    figures = written["figures"]
    assert set(figures) == {"import numpy", "evaluate --json", "numpy + Pydantic"}
    numpy_ms = figures["import numpy"]["median_wall_ms"]
    assert written["scoring_ms"] > 0
    assert abs(written["limit_ms"] - (2 * numpy_ms + written["scoring_ms"])) <= 0.1  # rounding
    for row in figures.values():
        assert row["wall_ratio"] == round(row["median_wall_ms"] / numpy_ms, 2)
    verdict = (
        "meets" if figures["evaluate --json"]["median_wall_ms"] <= written["limit_ms"] else "misses"
    )
    assert f"evaluate --json {verdict} it" in capsys.readouterr().out


def test_the_floor_child_runs_a_pydantic_model():
    bench = _load_bench()
    code = bench.PYDANTIC_FLOOR[-1]
    namespace: dict = {}
    exec(code, namespace)  # the child's program: it must validate, not merely import
    assert namespace["Layer"].model_validate({"sizes": [1, 2]}).neuron == "sigmoid"
