"""The fast path's three BLAS products, on MKL where it is installed and on SciPy's OpenBLAS,
each against numpy's own product; and the thread limit reaching the library they use."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import textwrap

import numpy as np
import pytest

pytest.importorskip("numba", reason="the fast path needs numba (pip install 'neurokit[fast]')")

from neurokit.pipeline.backends import fast_blas  # noqa: E402
from neurokit.pipeline.threads import HeldThreads  # noqa: E402

SHAPES = [(1, 784, 30), (10, 784, 30), (7, 5, 3), (100, 300, 100)]  # m, n_in, n_out


def mkl_installed() -> bool:
    try:
        importlib.metadata.distribution("mkl")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def arrays(m, n_in, n_out, dtype):
    rng = np.random.default_rng(m * n_in + n_out)
    a = rng.standard_normal((m, n_in)).astype(dtype)
    w = rng.standard_normal((n_out, n_in)).astype(dtype)
    delta = rng.standard_normal((m, n_out)).astype(dtype)
    return a, w, delta


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_each_product_equals_numpys(shape, dtype):
    a, w, delta = arrays(*shape, dtype)
    tolerance = 1e-4 if dtype == "float32" else 1e-12
    z = np.empty((shape[0], shape[2]), dtype=dtype)
    fast_blas.feedforward_product(a, w, z)  # z = a w^T
    np.testing.assert_allclose(z, a @ w.T, rtol=tolerance, atol=tolerance)
    back = np.empty_like(a)
    fast_blas.backward_product(delta, w, back)  # δ w, BP2's product
    np.testing.assert_allclose(back, delta @ w, rtol=tolerance, atol=tolerance)
    updated = w.copy()
    fast_blas.subtract_product(updated, delta, a)  # w − δ^T a, BP4 and the update
    np.testing.assert_allclose(updated, w - delta.T @ a, rtol=tolerance, atol=tolerance)
    assert z.dtype == back.dtype == updated.dtype == np.dtype(dtype)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_the_layer_exponential_equals_numpys_to_an_ulp_or_two(dtype):
    rng = np.random.default_rng(7)
    x = -np.abs(rng.standard_normal((37, 29)) * 30).astype(dtype)  # −|z| of a layer: σ's e
    x[0, :4] = [0.0, -1e3, -np.inf, np.nan]  # e^0 = 1; underflow to 0; NaN stays NaN
    expected = np.exp(x)
    got = x.copy()
    fast_blas.exponential_in_place(got)
    # both are approximations of e^x: 1 ulp apart in float64, 2 in float32
    np.testing.assert_array_max_ulp(got[1:], expected[1:], maxulp=1 if dtype == "float64" else 2)
    assert got[0, 0] == 1.0 and got[0, 1] == 0.0 and got[0, 2] == 0.0 and np.isnan(got[0, 3])


def test_mkl_is_used_where_it_is_installed():
    if os.environ.get(fast_blas.BLAS_VARIABLE, "").strip().lower() == "scipy":
        assert fast_blas.LIBRARY == "scipy"  # picked by hand
    elif mkl_installed():
        assert fast_blas.LIBRARY == "mkl"
    elif sys.platform == "linux" and platform.machine() == "x86_64" and os.environ.get("CI"):
        pytest.fail("the fast extra installs mkl on Linux x86-64, and CI installs the extra")
    else:
        assert fast_blas.LIBRARY == "scipy"


def test_held_threads_hold_the_fast_paths_blas():
    from threadpoolctl import threadpool_info

    def counts():
        return {
            i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"
        }

    with HeldThreads(1):
        held = counts()
    assert held and set(held.values()) == {1}
    if fast_blas.LIBRARY == "mkl":
        assert any("mkl" in path for path in held)


CHECK = textwrap.dedent(
    """
    import json
    import numpy as np
    from neurokit.core.datasets import Dataset, Split
    from neurokit.pipeline import training
    from neurokit.pipeline.backends import fast_blas
    from neurokit.pipeline.progress import Reporter
    from neurokit.pipeline.registry import load_registry
    from neurokit.spec import parse_spec

    rng = np.random.default_rng(3)
    x, y = rng.random((23, 784)), np.eye(10)[rng.integers(0, 10, 23)]
    registry = load_registry(autoload=False)
    found = []
    for backend in ("fast", "numpy"):
        spec = {"schema_version": 1, "name": "f", "layers": [{"size": 784},
                {"size": 30, "neuron": "sigmoid"}, {"size": 10, "neuron": "sigmoid"}],
                "cost": "quadratic", "optimizer": {"name": "sgd", "params": {"eta": 3.0}},
                "training": {"epochs": 2, "batch_size": 10, "seed": 1, "backend": backend},
                "data": {"name": "mnist-sample"}}
        run = training.prepare(parse_spec(spec, registry), registry,
                               dataset=Dataset("d", {"train": Split(x, y)}))
        training.train(run, Reporter())
        found.append(run.model.parameters)
    gap = max(float(np.abs(f - n).max()) for f, n in zip(*found))
    print(json.dumps({"library": fast_blas.LIBRARY, "gap": gap}))
    """
)


@pytest.mark.parametrize("wanted", ["scipy", "mkl"])
def test_neurokit_blas_picks_the_library_and_both_train_alike(wanted):
    if wanted == "mkl" and not mkl_installed():
        pytest.skip("mkl is not installed (pip install 'neurokit[fast]' on Linux x86-64)")
    env = dict(os.environ, NEUROKIT_BLAS=wanted)
    done = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["library"] == wanted
    assert result["gap"] <= 1e-12  # the numpy path's numbers, float64, two epochs
