"""benchmarks/bench_threads.py's arithmetic: which SPLIT_WORTH values keep ``choose_threads``
within 10% of the better fixed thread count, from given timings (nothing is timed here)."""

from __future__ import annotations

import math

from benchmark_files import load_benchmark

bench = load_benchmark("bench_threads.py", "bench_threads")


def cell(product: int, one: float, two: float):
    timed = bench.Cell("net", 10, "float64", product)
    timed.seconds = {1: [one, one * 1.5, one * 0.9], 2: [two, two * 1.5, two * 0.9]}  # medians
    return timed


def test_the_range_is_between_the_last_product_that_loses_and_the_first_that_wins():
    cells = [
        cell(10**5, 1.0, 1.5),
        cell(10**6, 1.0, 1.05),
        cell(10**7, 1.0, 0.6),
        cell(10**8, 1.0, 0.5),
    ]
    # 10^6 is a tie within 10%: splitting from 10^6 or from 10^7 both do; 10^5 must not split
    assert bench.valid_ranges(cells) == [(1e5, 1e7)]
    assert bench.worst_ratio(cells, 1e6) == 1.05
    assert bench.worst_ratio(cells, math.inf) == 2.0  # never splitting: 10^8 takes 1.0 for 0.5
    value, why = bench.suggestion(cells, current=4e7)
    assert value == 1e6 and "middle" in why  # √(10^5 · 10^7), one significant digit
    assert bench.suggestion(cells, current=5e6) == (5e6, bench.suggestion(cells, 5e6)[1])
    assert "keep it" in bench.suggestion(cells, current=5e6)[1]


def test_when_no_value_fits_every_cell_it_names_the_least_bad_one():
    # the second thread halves the time at 10^5 but costs 1.5× at 10^6: no threshold fits both
    cells = [cell(10**5, 1.0, 0.5), cell(10**6, 1.0, 1.5)]
    assert bench.valid_ranges(cells) == []
    # splitting from 10^5 costs 1.5× at 10^6; from 10^6 or never, 2× at 10^5
    assert [bench.worst_ratio(cells, t) for t in (1e5, 1e6, math.inf)] == [1.5, 2.0, 2.0]
    value, why = bench.suggestion(cells, current=4e7)
    assert value == 1e5 and "worst is 1.50" in why


def test_never_splitting_is_suggested_when_one_thread_always_wins():
    cells = [cell(10**6, 1.0, 3.0), cell(10**8, 1.0, 1.2)]
    assert bench.valid_ranges(cells) == [(1e8, math.inf)]
    assert bench.suggestion(cells, current=4e7)[0] == math.inf


def test_the_whole_rule_is_judged_per_library():
    def timed(net, m, one, two):
        found = bench.Cell(net, m, "float32", 0)
        found.seconds = {1: [one], 2: [two]}
        return found

    cells = [
        timed("784-1000-1000-10", 1, 0.467, 0.187),  # a 1000 × 1000 w^l at m = 1: 2 threads pay
        timed("784-15-10", 100, 0.613, 0.928),  # a small product: 1 thread
        timed("784-300-100-10", 10, 0.449, 0.589),
    ]
    # MKL's rule splits for the large w^l even at m = 1, and nothing else: every cell at its best
    assert "worst cell 1.00×" in bench.rule_verdict(cells, "mkl")
    # OpenBLAS's rule (products only) keeps one thread there: 0.467 ÷ 0.187 = 2.50×
    verdict = bench.rule_verdict(cells, "openblas")
    assert "worst cell 2.50×" in verdict and "784-1000-1000-10 m=1 float32 2.50×" in verdict
