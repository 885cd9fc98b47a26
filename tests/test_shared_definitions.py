"""The definitions several modules share: finite differences, parameter counts, dtypes and
the overrides of a spec's settings."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

from neurokit import api
from neurokit.commands import train as train_command
from neurokit.core import numeric
from neurokit.core.dtypes import DEFAULT_DTYPE, DTYPES
from neurokit.core.network import Network
from neurokit.core.neurons import Sigmoid
from neurokit.core.shapes import parameter_bytes, parameter_count
from neurokit.spec.models import Training
from neurokit.spec.overrides import merge, partial_spec


def test_central_and_forward_differences_of_a_cubic():
    # f(θ) = θ³: f'(2) = 12; the central difference is off by exactly h², the forward one
    # by 3θh + h² (Taylor), so both errors are known in advance.
    h = 1e-3
    central = numeric.difference(lambda t: t**3, 2.0, h)
    forward = numeric.difference(lambda t: t**3, 2.0, h, f_at_theta=8.0)
    assert central == pytest.approx(12 + h**2, rel=1e-9)
    assert forward == pytest.approx(12 + 6 * h + h**2, rel=1e-9)


def test_the_difference_works_element_by_element_on_arrays():
    z = np.array([-1.0, 0.0, 3.0])
    assert numeric.difference(np.sin, z, np.full(3, 1e-5)) == pytest.approx(np.cos(z))


def test_partial_nudges_one_entry_and_restores_it_even_when_f_raises():
    w = np.array([[1.0, 2.0], [3.0, 4.0]])
    # f = Σ w², so ∂f/∂w_10 = 2 w_10 = 6
    assert numeric.partial(lambda: float((w**2).sum()), w, (1, 0), 1e-4) == pytest.approx(6.0)
    assert w.tolist() == [[1.0, 2.0], [3.0, 4.0]]

    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numeric.partial(broken, w, (0, 1), 0.5)
    assert w[0, 1] == 2.0


def test_parameter_count_by_hand_and_as_the_network_holds_them():
    # 784-30-10: 784·30 + 30 + 30·10 + 10 = 23,860 (the lecture's net)
    assert parameter_count([784, 30, 10]) == 23_860
    net = Network([3, 4, 2], [Sigmoid(), Sigmoid()])
    assert net.parameter_count() == sum(p.size for p in net.parameters) == 26
    assert parameter_bytes([3, 4, 2], "float32") == 26 * 4
    assert parameter_bytes([3, 4, 2]) == 26 * 8


def test_one_set_of_dtype_names_for_the_spec_the_network_and_the_command():
    assert DTYPES == ("float64", "float32") and DEFAULT_DTYPE == "float64"
    assert Training(epochs=1, batch_size=1).dtype == DEFAULT_DTYPE
    parser = argparse.ArgumentParser()
    train_command.add_arguments(parser)
    dtype_option = next(a for a in parser._actions if a.dest == "dtype")
    assert tuple(dtype_option.choices) == DTYPES
    with pytest.raises(Exception, match="float16"):
        Network([1, 1], [Sigmoid()], dtype="float16")


def test_overrides_become_a_partial_spec_and_merge_over_the_file():
    partial = partial_spec({"epochs": 3, "seed": None, "eta": 0.5, "dtype": "float32"})
    assert partial == {
        "training": {"epochs": 3, "dtype": "float32"},
        "optimizer": {"params": {"eta": 0.5}},
    }
    base = {"training": {"epochs": 30, "batch_size": 10}, "optimizer": {"name": "sgd"}}
    assert merge(base, partial) == {
        "training": {"epochs": 3, "batch_size": 10, "dtype": "float32"},
        "optimizer": {"name": "sgd", "params": {"eta": 0.5}},
    }
    assert base["training"] == {"epochs": 30, "batch_size": 10}  # unchanged


def test_the_train_command_and_the_api_take_the_same_overrides(tmp_path):
    parser = argparse.ArgumentParser()
    train_command.add_arguments(parser)
    args = parser.parse_args(["x.json", "--epochs", "2", "--batch-size", "4", "--eta", "0.1"])
    assert train_command.overrides_from(args) == partial_spec(
        {"epochs": 2, "batch_size": 4, "eta": 0.1}
    )
    with pytest.raises(TypeError, match="unknown overrides: learning_rate"):
        api.train(tmp_path / "never-read.json", learning_rate=0.1)
