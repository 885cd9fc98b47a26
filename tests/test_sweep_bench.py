"""benchmarks/bench_sweep.py's figures and the Markdown table it writes for docs/sweeps.md,
from hand-made timings (nothing is timed here)."""

from __future__ import annotations

from pathlib import Path

from benchmark_files import load_benchmark

ROOT = Path(__file__).resolve().parent.parent


def load_bench():
    return load_benchmark("bench_sweep.py", "bench_sweep")


def rows():
    return [
        {"how": "serial", "wall": 10.0, "busy": 9.5, "workers": 1},
        {"how": "local, 2 workers", "wall": 6.0, "busy": 9.6, "workers": 2},
        {"how": "dask LocalCluster, 2 workers", "wall": 5.5, "busy": 9.8, "workers": 2},
    ]


CONDITIONS = {
    "trials": 16,
    "epochs": 3,
    "workers": 2,
    "cores": 2,
    "load_before": [0.5, 0.4, 0.3],
    "load_after": None,
    "quick": False,
}


def test_the_benchmark_runs_the_issues_sweep():
    bench = load_bench()
    # 4 η × 2 hidden sizes × 2 seeds = 16 trials of the MNIST sample spec
    assert bench.SPEC == "examples/mnist.json"
    assert bench.GRID == ["optimizer.params.eta=0.5,1,3,6", "layers[1].size=15,30"]
    assert bench.SEEDS == 2 and bench.TARGET_RATIO == 0.6


def test_ratios_and_overheads_by_hand():
    bench = load_bench()
    table = rows()
    bench.figures(table, trials=16)
    assert [row["ratio"] for row in table] == [1.0, 0.6, 0.55]
    # (wall × workers − Σ trial seconds) / trials
    expected = [(10 - 9.5) / 16, (12 - 9.6) / 16, (11 - 9.8) / 16]
    assert [row["overhead_per_trial"] for row in table] == expected


def test_the_markdown_table_is_the_one_docs_sweeps_quotes():
    bench = load_bench()
    table = rows()
    bench.figures(table, trials=16)
    text = bench.markdown(table, CONDITIONS)
    lines = text.splitlines()
    header = "| executor | wall (s) | × serial | overhead per trial (s) |"
    assert header in (ROOT / "docs" / "sweeps.md").read_text()  # pastes under the same header
    start = lines.index(header)
    assert lines[start + 1] == "| --- | ---: | ---: | ---: |"
    assert lines[start + 2 : start + 5] == [
        "| serial | 10.0 | 1.00 | 0.031 |",
        "| local, 2 workers | 6.0 | 0.60 | 0.150 |",
        "| dask LocalCluster, 2 workers | 5.5 | 0.55 | 0.075 |",
    ]
    assert "16 trials of `examples/mnist.json`" in lines[0]
    assert "load average 0.50 / 0.40 / 0.30 before, unknown after" in lines[0]
    assert "Target ≤ 0.6 × serial with 2 workers: met (best 0.55)" in text
    assert "overhead per trial, its cluster already running: 0.075 s" in text


def test_a_slow_parallel_run_is_reported_as_missing_the_target_and_quick_runs_say_so():
    bench = load_bench()
    table = rows()
    table[1]["wall"] = table[2]["wall"] = 7.0
    bench.figures(table, trials=16)
    text = bench.markdown(table, CONDITIONS | {"quick": True})
    assert "not met (best 0.70)" in text
    assert "a quick run, not the issue's benchmark" in text
