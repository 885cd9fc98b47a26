import json
import os
import signal

import numpy as np
import pytest

from neurokit import api
from neurokit.core.errors import PluginFault, TrainingError
from neurokit.core.hookspecs import hookimpl
from neurokit.pipeline import runs
from neurokit.pipeline.progress import PlainReporter, Reporter
from neurokit.pipeline.registry import PluginInfo
from neurokit.pipeline.training import prepare, train
from neurokit.spec import parse_spec


def small_xor(xor_spec_dict, registry, **training):
    spec = dict(xor_spec_dict)
    spec["training"] = {**spec["training"], **training}
    return parse_spec(spec, registry)


def test_same_spec_and_seed_give_bit_identical_weights(xor_spec_dict, registry):
    spec = small_xor(xor_spec_dict, registry, epochs=50, batch_size=2)
    first = train(prepare(spec, registry)).network
    second = train(prepare(spec, registry)).network
    other = train(
        prepare(small_xor(xor_spec_dict, registry, epochs=50, batch_size=2, seed=9), registry)
    ).network
    assert all(
        np.array_equal(a, b) for a, b in zip(first.parameters, second.parameters, strict=True)
    )
    assert not np.array_equal(first.weights[0], other.weights[0])


def test_xor_example_learns_xor(xor_spec_dict, registry):
    run = train(prepare(parse_spec(xor_spec_dict, registry), registry))
    out = run.network.feedforward(np.array([[0, 0], [0, 1], [1, 0], [1, 1]])).ravel()
    assert (out > 0.5).tolist() == [False, True, True, False]
    assert run.history[-1]["train_accuracy"] == 1.0


def test_run_directory_holds_spec_model_and_metrics(tmp_path, xor_spec_dict, registry):
    spec = small_xor(xor_spec_dict, registry, epochs=7)
    run = api.train_spec(spec, registry, out_dir=tmp_path / "run", progress="none")
    files = sorted(p.name for p in (tmp_path / "run").iterdir())
    assert files == ["metrics.jsonl", "model.npz", "plugins.json", "run.json", "spec.json"]
    lines = (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
    assert [json.loads(line)["epoch"] for line in lines] == list(range(1, 8))
    with np.load(tmp_path / "run" / "model.npz", allow_pickle=False) as saved:
        assert np.array_equal(saved["w2"], run.network.weights[0])
        assert np.array_equal(saved["b3"], run.network.biases[1])
    spec_again, network = runs.load_run(tmp_path / "run", registry)
    assert spec_again == spec
    x = np.array([[0, 1], [1, 1]])
    assert np.array_equal(network.feedforward(x), run.network.feedforward(x))


def test_existing_run_is_refused_without_overwrite(tmp_path, xor_spec_dict, registry):
    spec = small_xor(xor_spec_dict, registry, epochs=2)
    api.train_spec(spec, registry, out_dir=tmp_path, progress="none")
    before = (tmp_path / "model.npz").read_bytes()
    with pytest.raises(Exception, match="already holds a run"):
        api.train_spec(spec, registry, out_dir=tmp_path, progress="none")
    assert (tmp_path / "model.npz").read_bytes() == before
    api.train_spec(
        small_xor(xor_spec_dict, registry, epochs=2, seed=5),
        registry,
        out_dir=tmp_path,
        overwrite=True,
        progress="none",
    )
    assert (tmp_path / "model.npz").read_bytes() != before


def test_plain_progress_prints_one_line_per_epoch(xor_spec_dict, registry, capsys):
    spec = small_xor(xor_spec_dict, registry, epochs=3)
    train(prepare(spec, registry), PlainReporter())
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("epoch 1/3  train cost ")
    assert "train accuracy" in lines[0] and "samples/s" in lines[0]


def test_validation_metrics_when_the_data_has_held_out_examples(registry):
    spec = parse_spec(
        {
            "schema_version": 1,
            "name": "or",
            "layers": [{"size": 2}, {"size": 1, "neuron": "sigmoid"}],
            "cost": "quadratic",
            "optimizer": {"name": "sgd", "params": {"eta": 5.0}},
            "training": {"epochs": 200, "batch_size": 4},
            "data": {
                "name": "inline",
                "params": {
                    "train": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [1]]},
                    "validation": {"x": [[1, 1], [0, 0]], "y": [[1], [0]]},
                },
            },
        },
        registry,
    )
    run = train(prepare(spec, registry))
    last = run.history[-1]
    assert last["validation_accuracy"] == 1.0 and last["validation_n"] == 2
    # validation cost is the quadratic cost of the two held-out rows, recomputed here
    a = run.network.feedforward(np.array([[1.0, 1.0], [0.0, 0.0]]))
    expected = 0.5 * ((a[0, 0] - 1) ** 2 + a[1, 0] ** 2) / 2
    assert last["validation_cost"] == pytest.approx(expected)


class Recorder:
    def __init__(self):
        self.events = []

    @hookimpl
    def neurokit_train_start(self, run):
        self.events.append(("start", run.spec.name))

    @hookimpl
    def neurokit_epoch_end(self, run, epoch, metrics):
        self.events.append(("epoch", epoch, metrics["epoch"]))

    @hookimpl
    def neurokit_train_end(self, run, history, stopped_early):
        self.events.append(("end", len(history), stopped_early))


def test_event_hooks_see_training(xor_spec_dict, registry):
    recorder = Recorder()
    registry.register(recorder, PluginInfo("recorder", "module"))
    train(prepare(small_xor(xor_spec_dict, registry, epochs=2), registry))
    assert recorder.events == [
        ("start", "xor"),
        ("epoch", 1, 1),
        ("epoch", 2, 2),
        ("end", 2, False),
    ]


def test_a_raising_observer_stops_training_with_a_plugin_fault(xor_spec_dict, registry):
    class Broken:
        @hookimpl
        def neurokit_epoch_end(self, run, epoch, metrics):
            if epoch == 2:
                raise RuntimeError("disk full")

    registry.register(Broken(), PluginInfo("broken-logger", "module"))
    run = prepare(small_xor(xor_spec_dict, registry, epochs=3), registry)
    with pytest.raises(PluginFault) as caught:
        train(run)
    assert str(caught.value) == (
        "plugin 'broken-logger' failed in neurokit_epoch_end() after epoch 2: "
        "RuntimeError: disk full"
    )
    assert len(run.history) == 2  # the epoch the hook saw is finished and kept


def test_batch_observers_see_every_mini_batch_with_the_arguments_they_ask_for(
    xor_spec_dict, registry
):
    seen_all, seen_some = [], []

    class Everything:
        @hookimpl
        def neurokit_batch_start(self, run, epoch, batch, x, y):
            seen_all.append((epoch, batch, x.shape, y.shape))

    class JustThePosition:
        @hookimpl
        def neurokit_batch_start(self, batch, epoch):  # a subset, in its own order
            seen_some.append((epoch, batch))

    registry.register(Everything(), PluginInfo("everything", "module"))
    registry.register(JustThePosition(), PluginInfo("position", "module"))
    train(prepare(small_xor(xor_spec_dict, registry, epochs=2, batch_size=2), registry))
    # XOR's 4 examples in mini-batches of 2: batches 1 and 2 of each epoch
    assert seen_all == [(e, b, (2, 2), (2, 1)) for e in (1, 2) for b in (1, 2)]
    assert seen_some == [(e, b) for e in (1, 2) for b in (1, 2)]


def test_a_raising_batch_observer_is_a_plugin_fault_naming_it(xor_spec_dict, registry):
    class Broken:
        @hookimpl
        def neurokit_batch_start(self, run, epoch, batch, x, y):
            if (epoch, batch) == (2, 1):
                raise ValueError("no picture")

    registry.register(Broken(), PluginInfo("broken-view", "module"))
    run = prepare(small_xor(xor_spec_dict, registry, epochs=3, batch_size=2), registry)
    with pytest.raises(PluginFault) as caught:
        train(run)
    assert str(caught.value).startswith(
        "plugin 'broken-view' failed in neurokit_batch_start()"
    ) and str(caught.value).endswith("ValueError: no picture")
    assert len(run.history) == 1  # epoch 1 finished and kept


def test_ctrl_c_stops_after_the_current_batch_and_keeps_the_model(
    tmp_path, xor_spec_dict, registry
):
    class InterruptOnce(Reporter):
        updates_per_epoch = 1

        def batch(self, epoch, batches_done, samples_per_second):
            if epoch == 3:
                os.kill(os.getpid(), signal.SIGINT)

    spec = small_xor(xor_spec_dict, registry, epochs=10, batch_size=1)
    run = prepare(spec, registry, out_dir=tmp_path)
    train(run, InterruptOnce())
    assert run.stopped_early and "interrupted in epoch 3" in run.stop_reason
    assert len(run.history) == 2
    saved = {}
    with np.load(tmp_path / "model.npz", allow_pickle=False) as archive:
        saved = {k: archive[k] for k in archive.files}
    assert np.array_equal(saved["w2"], run.network.weights[0])


def test_nan_stops_at_the_first_bad_batch_and_keeps_the_last_finite_model(tmp_path, registry):
    spec = parse_spec(
        {
            "schema_version": 1,
            "name": "diverge",
            "layers": [{"size": 1}, {"size": 1, "neuron": "linear"}],
            "cost": "quadratic",
            "optimizer": {"name": "sgd", "params": {"eta": 1e150}},
            "training": {"epochs": 3, "batch_size": 1},
            "data": {
                "name": "inline",
                "params": {
                    "train": {"x": [[1e3], [2e3], [3e3], [4e3]], "y": [[1.0], [2.0], [3.0], [4.0]]}
                },
            },
        },
        registry,
    )
    run = prepare(spec, registry, out_dir=tmp_path)
    with pytest.raises(TrainingError, match=r"epoch 1, mini-batch \d: .*lower η"):
        train(run)
    assert all(np.isfinite(p).all() for p in run.network.parameters)
    with np.load(tmp_path / "model.npz", allow_pickle=False) as saved:
        assert np.isfinite(saved["w2"]).all()
        assert np.array_equal(saved["w2"], run.network.weights[0])


def test_overwrite_leaves_the_old_run_alone_until_the_new_one_has_an_epoch(
    tmp_path, xor_spec_dict, registry
):
    spec = small_xor(xor_spec_dict, registry, epochs=2)
    api.train_spec(spec, registry, out_dir=tmp_path, progress="none")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    class FailInFirstEpoch(Reporter):
        updates_per_epoch = 1

        def batch(self, epoch, batches_done, samples_per_second):
            raise RuntimeError("crash before anything new was saved")

    with pytest.raises(RuntimeError):
        api.train_spec(
            spec, registry, out_dir=tmp_path, overwrite=True, reporter=FailInFirstEpoch()
        )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_training_metrics_of_a_large_set_use_its_first_10000_examples(registry):
    from neurokit.pipeline.training import TRAIN_METRICS_ROWS

    rng = np.random.default_rng(0)
    n = TRAIN_METRICS_ROWS + 2_000
    x = rng.uniform(0, 1, size=(n, 2))
    y = (x.sum(axis=1, keepdims=True) > 1).astype(float)
    spec = parse_spec(
        {
            "schema_version": 1,
            "name": "big",
            "layers": [{"size": 2}, {"size": 1, "neuron": "sigmoid"}],
            "cost": "quadratic",
            "optimizer": {"name": "sgd", "params": {"eta": 1.0}},
            "training": {"epochs": 1, "batch_size": 100},
            "data": {"name": "inline", "params": {"train": {"x": x.tolist(), "y": y.tolist()}}},
        },
        registry,
    )
    run = train(prepare(spec, registry))
    row = run.history[0]
    a = run.network.feedforward(x[:TRAIN_METRICS_ROWS])
    assert row["train_n"] == TRAIN_METRICS_ROWS
    assert row["train_cost"] == pytest.approx(
        0.5 * ((a - y[:TRAIN_METRICS_ROWS]) ** 2).sum() / TRAIN_METRICS_ROWS, rel=1e-12
    )
    assert row["train_accuracy"] == ((a > 0.5) == (y[:TRAIN_METRICS_ROWS] > 0.5)).mean()


def test_metrics_rows_scores_the_first_rows_of_each_split_and_says_how_many(tmp_path):
    """training.metrics_rows (--metrics-rows) caps the examples scored after every epoch: the
    numbers are those of the first rows, computed here independently, and *_n records them."""
    from neurokit.cli import main

    rng = np.random.default_rng(3)
    x = rng.uniform(0, 1, size=(60, 2))
    y = (x.sum(axis=1, keepdims=True) > 1).astype(float)
    held_x = rng.uniform(0, 1, size=(40, 2))
    held_y = (held_x.sum(axis=1, keepdims=True) > 1).astype(float)
    inline = {
        "train": {"x": x.tolist(), "y": y.tolist()},
        "validation": {"x": held_x.tolist(), "y": held_y.tolist()},
    }
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "name": "capped",
                "layers": [{"size": 2}, {"size": 1, "neuron": "sigmoid"}],
                "cost": "quadratic",
                "optimizer": {"name": "sgd", "params": {"eta": 1.0}},
                "training": {"epochs": 1, "batch_size": 10},
                "data": {"name": "inline", "params": inline},
            }
        )
    )
    out = tmp_path / "run"
    args = ["train", str(spec_file), "--out", str(out), "--progress", "none"]
    assert main([*args, "--metrics-rows", "25"]) == 0
    row = runs.read_metrics(out / "metrics.jsonl")[0]
    assert (row["train_n"], row["validation_n"]) == (25, 25)
    stored = runs.read_model_arrays(out / "model.npz")
    w, b = stored["w2"], stored["b2"]
    a = 1 / (1 + np.exp(-(held_x[:25] @ w.T + b)))
    assert row["validation_cost"] == pytest.approx(0.5 * ((a - held_y[:25]) ** 2).sum() / 25)
    assert row["validation_accuracy"] == ((a > 0.5) == (held_y[:25] > 0.5)).mean()
    assert main([*args, "--overwrite"]) == 0  # without the cap: every row
    row = runs.read_metrics(out / "metrics.jsonl")[0]
    assert (row["train_n"], row["validation_n"]) == (60, 40)
