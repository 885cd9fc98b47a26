"""σ and σ' against an arbitrary-precision reference (Python's decimal, 60 digits) over the
whole float range, in both dtypes: the error is counted in ulps of the exact value."""

import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest

from neurokit.core.neurons import Sigmoid

MAX_ULPS = 4


def exact_sigma_and_prime(z: float) -> tuple[Decimal, Decimal]:
    """σ(z) = 1/(1 + e^{−z}) and σ'(z) = e^{−z}/(1 + e^{−z})², to 60 significant digits."""
    with localcontext() as ctx:
        ctx.prec = 60
        ctx.Emin, ctx.Emax = -999999, 999999
        e = (-abs(Decimal(float(z)))).exp()  # e^{−|z|}; σ' is even, σ(−z) = 1 − σ(z)
        sigma_of_abs = 1 / (1 + e)
        sigma = sigma_of_abs if z >= 0 else e / (1 + e)
        return sigma, e / (1 + e) ** 2


def ulps(computed: np.ndarray, exact: list[Decimal], dtype) -> np.ndarray:
    """|computed − exact| in units of the spacing of floats at the exact value."""
    nearest = np.array([float(v) for v in exact], dtype=dtype)
    error = [abs(Decimal(float(c)) - v) for c, v in zip(computed, exact, strict=True)]
    spacing = np.spacing(nearest).astype(np.float64)
    return np.array([float(err) for err in error]) / spacing


def grid(dtype) -> np.ndarray:
    """Every scale from tiny to the largest finite float, both signs, plus the places where
    the old formula failed (σ(−37) was 35% off, σ(−40) was 0)."""
    info = np.finfo(dtype)
    # geomspace up to max/2 (its last power would overflow), then max itself
    magnitudes = np.append(np.geomspace(float(info.tiny), float(info.max) / 2, 400), info.max)
    near = np.linspace(-120, 120, 961)
    special = [0.0, -37.0, -40.0, -745.0, -746.0, 709.0, 710.0, -103.0, -88.0, 88.0]
    z = np.concatenate([magnitudes, -magnitudes, near, special])
    return z.astype(dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sigma_is_within_a_few_ulps_everywhere(dtype):
    z = grid(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or underflow warnings either
        a = Sigmoid().sigma(z)
    assert a.dtype == dtype
    exact = [exact_sigma_and_prime(float(v))[0] for v in z]
    assert ulps(a, exact, dtype).max() <= MAX_ULPS


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sigma_prime_is_within_a_few_ulps_everywhere(dtype):
    z = grid(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        prime = Sigmoid().sigma_prime(z, Sigmoid().sigma(z))
    assert prime.dtype == dtype
    exact = [exact_sigma_and_prime(float(v))[1] for v in z]
    assert ulps(prime, exact, dtype).max() <= MAX_ULPS


def test_the_values_the_issue_reported():
    # σ(−40) = e^{−40}/(1 + e^{−40}) ≈ 4.248354255291589e-18, not 0; σ'(−40) the same to 17 digits
    assert Sigmoid().sigma(-40.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)
    assert Sigmoid().sigma_prime(-40.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)
    # σ'(+40) too: σ(40)(1 − σ(40)) would give 0 because σ(40) rounds to 1
    assert Sigmoid().sigma_prime(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)
    # the ends of the range and beyond
    assert Sigmoid().sigma(np.array([-np.inf, np.inf])).tolist() == [0.0, 1.0]
    assert Sigmoid().sigma_prime(np.array([-np.inf, np.inf])).tolist() == [0.0, 0.0]
    assert np.isnan(Sigmoid().sigma(np.nan))
