"""The pieces under the studio: the plane data set, the per-batch hook, the command, nk.studio."""

from __future__ import annotations

import json
import urllib.request

import numpy as np
import pytest

from neurokit import hookimpl
from neurokit.builtins.plane_data import SHAPES, PlaneParams, load_plane, plane_points
from neurokit.pipeline.registry import PluginInfo
from neurokit.pipeline.training import prepare, train
from neurokit.spec import parse_spec

SPEC = {
    "schema_version": 1,
    "name": "plane-xor",
    "layers": [{"size": 2}, {"size": 3, "neuron": "sigmoid"}, {"size": 1, "neuron": "sigmoid"}],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 3.0}},
    "training": {"epochs": 3, "batch_size": 7, "seed": 1},
    "data": {"name": "plane", "params": {"shape": "xor", "n": 40, "seed": 3}},
}


@pytest.mark.parametrize("shape", SHAPES)
def test_plane_points_are_reproducible_two_class_and_split(shape):
    params = PlaneParams(shape=shape, n=100, seed=4, validation=0.2)
    x1, y1 = plane_points(params)
    x2, y2 = plane_points(params)
    assert np.array_equal(x1, x2) and np.array_equal(y1, y2)
    assert x1.shape == (100, 2) and set(np.unique(y1)) == {0.0, 1.0}
    data = load_plane(params, dtype="float64")
    assert len(data.train) == 80 and len(data.splits["validation"]) == 20
    assert np.array_equal(data.train.x, x1[:80])


def test_plane_gates_follow_their_truth_table():
    x, y = plane_points(PlaneParams(shape="nand", n=400, noise=0.0, seed=1))
    nand = 1 - (x[:, 0] * x[:, 1])  # noise 0: every point sits on a corner
    assert np.array_equal(y[:, 0], nand)


def test_plane_circles_put_class_one_inside():
    x, y = plane_points(PlaneParams(shape="circles", n=300, noise=0.0, seed=2))
    radius = np.hypot(x[:, 0], x[:, 1])
    assert (radius[y[:, 0] == 1] <= 0.5).all() and (radius[y[:, 0] == 0] >= 0.7).all()


class BatchWatcher:
    def __init__(self):
        self.seen = []

    @hookimpl
    def neurokit_batch_start(self, run, epoch, batch, x, y):
        self.seen.append((epoch, batch, x.copy(), y.copy()))


def test_batch_start_sees_every_mini_batch_and_changes_nothing(registry):
    spec = parse_spec(SPEC, registry)
    plain = train(prepare(spec, registry))
    watcher = BatchWatcher()
    registry.register(watcher, PluginInfo("watcher", "test"))
    watched = train(prepare(spec, registry))
    # 30 training points (a quarter held out) in mini-batches of 7: 5 per epoch
    assert [(e, b) for e, b, _, _ in watcher.seen] == [
        (e, b) for e in (1, 2, 3) for b in range(1, 6)
    ]
    assert [len(x) for _, _, x, _ in watcher.seen[:5]] == [7, 7, 7, 7, 2]
    epoch_rows = np.concatenate([x for e, _, x, _ in watcher.seen if e == 1])
    assert sorted(map(tuple, epoch_rows)) == sorted(map(tuple, watched.dataset.train.x))
    for a, b in zip(plain.model.parameters, watched.model.parameters, strict=True):
        assert np.array_equal(a, b)


def test_setting_run_stop_ends_training_like_ctrl_c(registry, tmp_path):
    spec = parse_spec(dict(SPEC, training={"epochs": 50, "batch_size": 1, "seed": 1}), registry)
    run = prepare(spec, registry, out_dir=tmp_path / "run")

    class StopAtEpochTwo:
        @hookimpl
        def neurokit_epoch_end(self, run, epoch, metrics):
            if epoch == 2:
                run.stop.set()

    registry.register(StopAtEpochTwo(), PluginInfo("stopper", "test"))
    result = train(run)
    assert result.stopped_early
    assert result.stop_reason == "interrupted after epoch 2 by a stop request"
    assert len(result.history) == 2
    rows = (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
    assert [json.loads(r)["epoch"] for r in rows] == [1, 2]


def test_studio_command_refuses_bad_limits_with_exit_2(capsys):
    from neurokit.cli import main

    assert main(["studio", "--max-trainings", "0", "--no-browser"]) == 2
    assert "--max-trainings must be at least 1" in capsys.readouterr().err


def test_studio_command_refuses_a_port_in_use(capsys):
    import socket

    from neurokit.cli import main

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        assert main(["studio", "--port", str(port), "--no-browser"]) == 2
        assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
    finally:
        taken.close()


def test_off_loopback_needs_a_token():
    from neurokit.studio.server import needs_token, page_url

    assert not needs_token("127.0.0.1") and not needs_token("localhost")
    assert not needs_token("::1")
    assert needs_token("0.0.0.0") and needs_token("192.0.2.7")
    assert page_url("0.0.0.0", 8765, "abc") == "http://127.0.0.1:8765/?token=abc"


def test_nk_studio_serves_the_page_outside_a_notebook(tmp_path, monkeypatch):
    pytest.importorskip("uvicorn")
    import sys

    import neurokit as nk
    from neurokit.studio import notebook

    monkeypatch.setitem(sys.modules, "IPython", None)  # as in a plain Python session
    url = nk.studio(tmp_path / "runs")
    try:
        with urllib.request.urlopen(url, timeout=10) as page:
            assert "neurokit studio" in page.read().decode()
        assert nk.studio(tmp_path / "runs") == url  # the same server, once per process
    finally:
        for server in notebook._running.values():
            server.stop()
        notebook._running.clear()
