"""The studio's HTTP API through Starlette's test client: every endpoint, bad input, path
traversal, the token, the limits, and that trainings are the real, saved, bit-identical ones."""

from __future__ import annotations

import base64
import io
import json
import os
import time
from pathlib import Path

import numpy as np
import pytest
from starlette.testclient import TestClient

from neurokit import api
from neurokit.pipeline import runs
from neurokit.spec import parse_spec
from neurokit.studio.app import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

XOR_STEP_SPEC = {
    "schema_version": 1,
    "name": "studio-xor",
    "layers": [{"size": 2}, {"size": 2, "neuron": "sigmoid"}, {"size": 1, "neuron": "sigmoid"}],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 3.0}},
    "training": {"epochs": 30, "batch_size": 1, "seed": 5},
    "data": {"name": "plane", "params": {"shape": "xor", "n": 40, "seed": 2}},
}


def wait_for(condition, limit: float = 60.0):
    """Poll until ``condition()`` is true (the limit only guards against a hang)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("the condition never came true")


@pytest.fixture
def client(tmp_path):
    app = create_app(tmp_path / "runs", examples_dir=EXAMPLES, interval=0.0)
    with TestClient(app) as test_client:
        yield test_client


def finished(client, training_id: str) -> dict:
    state = {}

    def done():
        state.update(client.get(f"/api/trainings/{training_id}").json())
        return state["status"] in ("done", "stopped", "failed")

    wait_for(done)
    return state


def start(client, spec, **extra):
    response = client.post("/api/trainings", json={"spec": spec, **extra})
    assert response.status_code == 201, response.text
    return response.json()


# --- the page and what it offers ------------------------------------------------------------


def test_page_and_assets_are_served_from_the_package(client):
    page = client.get("/")
    assert page.status_code == 200 and "neurokit studio" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing from a CDN
    assert client.get("/static/studio.js").status_code == 200
    katex = client.get("/static/katex/katex.min.js")
    assert katex.status_code == 200 and "katex" in katex.text
    assert client.get("/static/katex/fonts/KaTeX_Main-Regular.woff2").status_code == 200
    assert "KaTeX" in client.get("/static/LICENSES.md").text


def test_components_list_the_registry_including_a_file_plugin(tmp_path):
    app = create_app(tmp_path, plugins=[str(EXAMPLES / "plugins" / "softplus.py")])
    with TestClient(app) as client:
        found = client.get("/api/components").json()
    neurons = {n["name"]: n for n in found["neuron"]}
    assert {"sigmoid", "linear", "softplus"} <= neurons.keys()
    assert neurons["perceptron"]["differentiable"] is False
    assert neurons["sigmoid"]["differentiable"] is True
    assert "plane" in [d["name"] for d in found["dataset"]]
    sgd = next(o for o in found["optimizer"] if o["name"] == "sgd")
    assert "eta" in sgd["params"]["properties"]


def test_examples_are_listed_and_read(client):
    listed = {e["name"]: e for e in client.get("/api/examples").json()}
    assert listed["xor.json"]["sizes"] == [2, 3, 1]
    assert client.get("/api/examples/xor.json").json() == json.loads(
        (EXAMPLES / "xor.json").read_text()
    )
    assert client.get("/api/examples/nothing.json").status_code == 404


# --- checking specs ---------------------------------------------------------------------------


def test_a_good_spec_checks(client, xor_spec_dict):
    answer = client.post("/api/check", json={"spec": xor_spec_dict})
    assert answer.status_code == 200
    assert answer.json() == {"ok": True, "name": "xor", "sizes": [2, 3, 1]}


def test_a_bad_spec_comes_back_as_its_field_problems(client, xor_spec_dict):
    xor_spec_dict["layers"][1]["neuron"] = "sigmoidd"
    xor_spec_dict["training"]["epochs"] = -3
    answer = client.post("/api/check", json={"spec": xor_spec_dict})
    assert answer.status_code == 422
    paths = {p["path"]: p["message"] for p in answer.json()["problems"]}
    assert "did you mean 'sigmoid'" in paths["layers[1].neuron"]
    assert "training.epochs" in paths


@pytest.mark.parametrize(
    ("body", "content_type", "says"),
    [
        (b"{not json", "application/json", "not JSON"),
        (b"[1, 2]", "application/json", "JSON object"),
        (b'{"spec": 3}', "application/json", "under 'spec'"),
        (b'{"spec": {}}', "text/plain", "Content-Type: application/json"),
        (b'{"spec": "' + b"x" * 1_100_000 + b'"}', "application/json", "larger than"),
    ],
)
def test_bad_requests_get_one_line_and_no_server_error(client, body, content_type, says):
    answer = client.post("/api/check", content=body, headers={"content-type": content_type})
    assert answer.status_code == 400
    assert says in answer.json()["error"]
    assert "\n" not in answer.json()["error"]


# --- trainings ------------------------------------------------------------------------------


def test_training_from_the_page_is_bit_identical_to_train_spec(client, tmp_path, registry):
    state = finished(client, start(client, XOR_STEP_SPEC)["id"])
    assert state["status"] == "done" and len(state["history"]) == 30
    run_dir = tmp_path / "runs" / state["run"]
    assert {p.name for p in run_dir.iterdir()} >= {"spec.json", "model.npz", "metrics.jsonl"}

    reference = tmp_path / "reference"
    spec = parse_spec(XOR_STEP_SPEC, registry)
    api.train_spec(spec, registry, out_dir=reference, progress="none")
    ours = runs.read_model_arrays(run_dir / "model.npz")
    theirs = runs.read_model_arrays(reference / "model.npz")
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert np.array_equal(ours[name], theirs[name]), name
    ours_rows = runs.read_metrics(run_dir / "metrics.jsonl")
    theirs_rows = runs.read_metrics(reference / "metrics.jsonl")
    assert [r["train_cost"] for r in ours_rows] == [r["train_cost"] for r in theirs_rows]


def test_the_live_state_draws_the_net_the_plane_and_the_points(client):
    state = finished(client, start(client, XOR_STEP_SPEC)["id"])
    picture = state["picture"]
    assert picture["network"]["sizes"] == [2, 2, 1]
    assert np.array(picture["network"]["weights"][0]).shape == (2, 2)
    plane = picture["plane"]
    assert np.array(plane["output"]).shape == (plane["n"], plane["n"])
    assert len(plane["hidden"]) == 1 and len(plane["hidden"][0]) == 2
    assert len(state["points"]["x"]) == 30  # 40 points, a quarter held out
    assert set(state["points"]["label"]) == {0, 1}


def test_step_shows_the_numbers_neurokit_explain_prints(client, registry):
    from neurokit.lessons.explain import explain
    from neurokit.pipeline import builder

    training = start(client, XOR_STEP_SPEC, paused=True)
    tid = training["id"]
    wait_for(lambda: client.get(f"/api/trainings/{tid}").json()["status"] == "paused")
    client.post(f"/api/trainings/{tid}/step", json={})
    step = wait_for(lambda: client.get(f"/api/trainings/{tid}").json()["step"])
    assert step["m"] == 1 and step["position"] == {"epoch": 1, "batch": 1}

    spec = parse_spec(XOR_STEP_SPEC, registry)
    network = builder.build_network(spec, registry)  # the seed's initial weights
    trace = explain(network, builder.build_cost(spec, registry), step["x"][0], step["y"][0], 3.0)
    for l in (2, 3):
        assert np.allclose(step["delta"][str(l)][0], trace.value(f"δ^{l}"), atol=1e-8)
        assert np.allclose(step["grad_w"][str(l)], trace.value(f"∂C/∂w^{l}"), atol=1e-8)
        assert np.allclose(step["grad_b"][str(l)], trace.value(f"∂C/∂b^{l}"), atol=1e-8)
        # the update applied: w → w − (η/m) Σ ∂C/∂w, as explain's new weights
        after = np.array(step["weights_after"][l - 2])
        assert np.allclose(after, trace.value(f"w^{l} (new)"), atol=1e-8)
        assert np.allclose(step["delta_w"][str(l)], -3.0 * trace.value(f"∂C/∂w^{l}"), atol=1e-8)
    client.post(f"/api/trainings/{tid}/stop", json={})
    assert finished(client, tid)["status"] == "stopped"


def test_stop_saves_the_run_as_ctrl_c_does(client, tmp_path):
    spec = dict(XOR_STEP_SPEC, training={"epochs": 100000, "batch_size": 1, "seed": 5})
    tid = start(client, spec)["id"]
    wait_for(lambda: len(client.get(f"/api/trainings/{tid}").json()["history"]) >= 2)
    assert client.post(f"/api/trainings/{tid}/stop", json={}).status_code == 200
    state = finished(client, tid)
    assert state["status"] == "stopped"
    run_dir = tmp_path / "runs" / state["run"]
    rows = runs.read_metrics(run_dir / "metrics.jsonl")
    assert 2 <= len(rows) < 100000
    _, model = runs.load_run(run_dir, api.registry())  # a complete, loadable run
    assert model.sizes == [2, 2, 1]


def test_pause_holds_training_still_and_resume_finishes_it(client):
    tid = start(client, XOR_STEP_SPEC, paused=True)["id"]
    wait_for(lambda: client.get(f"/api/trainings/{tid}").json()["status"] == "paused")
    held = client.get(f"/api/trainings/{tid}").json()
    assert held["history"] == [] and held["position"] == {"epoch": 1, "batch": 1}
    client.post(f"/api/trainings/{tid}/resume", json={})
    assert finished(client, tid)["status"] == "done"


def test_more_trainings_than_allowed_are_refused(tmp_path):
    app = create_app(tmp_path, max_trainings=1)
    spec = dict(XOR_STEP_SPEC, training={"epochs": 100000, "batch_size": 1, "seed": 5})
    with TestClient(app) as client:
        first = start(client, spec, paused=True)
        refused = client.post("/api/trainings", json={"spec": spec})
        assert refused.status_code == 429
        assert "1 trainings are already running" in refused.json()["error"]
        client.post(f"/api/trainings/{first['id']}/stop", json={})
        finished(client, first["id"])
        assert client.post("/api/trainings", json={"spec": XOR_STEP_SPEC}).status_code == 201


def test_shutting_the_server_down_stops_and_saves_trainings(tmp_path):
    app = create_app(tmp_path)
    spec = dict(XOR_STEP_SPEC, training={"epochs": 100000, "batch_size": 1, "seed": 5})
    with TestClient(app) as client:
        tid = start(client, spec)["id"]
        wait_for(lambda: client.get(f"/api/trainings/{tid}").json()["history"])
    training = app.state.studio.trainings.get(tid)
    assert not training.alive and training.status == "stopped"
    assert runs.read_metrics(training.out_dir / "metrics.jsonl")


def test_unknown_trainings_and_actions(client):
    assert client.get("/api/trainings/99").status_code == 404
    tid = start(client, XOR_STEP_SPEC)["id"]
    assert client.post(f"/api/trainings/{tid}/explode", json={}).status_code == 404
    assert [t["id"] for t in client.get("/api/trainings").json()] == [tid]


def test_a_spec_without_training_is_refused(client, xor_spec_dict):
    del xor_spec_dict["training"]
    answer = client.post("/api/trainings", json={"spec": xor_spec_dict})
    assert answer.status_code == 400 and "training" in answer.json()["error"]


def test_the_event_stream_sends_states_until_the_training_ends(client):
    tid = start(client, XOR_STEP_SPEC)["id"]
    states = []
    with client.stream("GET", f"/api/trainings/{tid}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("data: "):
                states.append(json.loads(line[6:]))
    assert states[-1]["status"] == "done"
    rows = [row for state in states for row in state["history"]]
    assert [row["epoch"] for row in rows] == list(range(1, 31))  # each row sent once


# --- runs -----------------------------------------------------------------------------------


@pytest.fixture
def trained(client, tmp_path):
    state = finished(client, start(client, XOR_STEP_SPEC)["id"])
    return state["run"]


def test_runs_are_listed_with_details(client, trained):
    listed = client.get("/api/runs").json()
    assert [r["name"] for r in listed] == [trained]
    details = client.get(f"/api/runs/{trained}").json()
    assert details["spec"]["name"] == "studio-xor"
    assert len(details["history"]) == 30
    evaluation = details["evaluation"]
    assert evaluation["split"] == "validation" and evaluation["n"] == 10
    assert np.array(evaluation["confusion"]).sum() == 10
    assert len(details["mistakes"]) == 10 - evaluation["correct"]


def test_run_files_are_served(client, trained, tmp_path):
    answer = client.get(f"/api/runs/{trained}/files/spec.json")
    assert answer.status_code == 200
    assert answer.content == (tmp_path / "runs" / trained / "spec.json").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e/%2e%2e/etc/passwd",
        "%2Fetc%2Fpasswd",
        "sub/../../outside.txt",
        "..\\..\\outside.txt",
        "spec.json%00.txt",
    ],
)
def test_path_traversal_in_run_files_is_refused(client, trained, tmp_path, path):
    (tmp_path / "outside.txt").write_text("secret")
    answer = client.get(f"/api/runs/{trained}/files/{path}")
    assert answer.status_code in (403, 404)
    assert "secret" not in answer.text and "root:" not in answer.text


@pytest.mark.parametrize("name", ["..", "%2e%2e", "..%2F..", "%2Fetc"])
def test_path_traversal_in_run_names_is_refused(client, trained, name):
    answer = client.get(f"/api/runs/{name}")
    assert answer.status_code in (400, 403, 404)
    assert "schema_version" not in answer.text


def test_a_symlink_out_of_the_runs_directory_is_refused(client, trained, tmp_path):
    (tmp_path / "outside.txt").write_text("secret")
    os.symlink(tmp_path / "outside.txt", tmp_path / "runs" / trained / "link.txt")
    answer = client.get(f"/api/runs/{trained}/files/link.txt")
    assert answer.status_code == 403 and "secret" not in answer.text
    outside_run = tmp_path / "elsewhere"
    outside_run.mkdir()
    (outside_run / "spec.json").write_text("{}")
    os.symlink(outside_run, tmp_path / "runs" / "linked-run")
    assert client.get("/api/runs/linked-run").status_code == 403


def test_static_files_refuse_traversal(client):
    for path in ("/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e/app.py"):
        answer = client.get(path)
        assert answer.status_code == 404 and "create_app" not in answer.text


def test_a_run_can_be_trained_again_from_its_spec(client, trained, tmp_path):
    again = client.post(f"/api/runs/{trained}/restart", json={})
    assert again.status_code == 201
    state = finished(client, again.json()["id"])
    assert state["run"] != trained
    first = runs.read_model_arrays(tmp_path / "runs" / trained / "model.npz")
    second = runs.read_model_arrays(tmp_path / "runs" / state["run"] / "model.npz")
    assert all(np.array_equal(first[k], second[k]) for k in first)


# --- drawn digits ---------------------------------------------------------------------------


def png_data_url(pixels: np.ndarray) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def digits_run(client, tmp_path):
    spec = json.loads((EXAMPLES / "mnist.json").read_text())
    spec["training"]["epochs"] = 1
    return finished(client, start(client, spec)["id"])["run"]


def test_a_drawn_digit_is_predicted_as_predict_image_does(client, digits_run, tmp_path):
    from neurokit.data.sample import load_mnist_sample
    from neurokit.pipeline.prediction import predict_image

    images = load_mnist_sample()["test"][0]
    pixels = 255 - np.asarray(images[0], dtype=np.uint8).reshape(28, 28)  # ink on paper
    big = np.kron(pixels, np.ones((10, 10))).astype(np.uint8)  # the 280×280 canvas
    url = png_data_url(big)
    answer = client.post("/api/predict", json={"run": digits_run, "image": url})
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    path = tmp_path / "drawn.png"
    path.write_bytes(base64.b64decode(url.split(",", 1)[1]))
    _, network = runs.load_run(tmp_path / "runs" / digits_run, api.registry())
    expected = predict_image(network, path)
    assert np.allclose(shown["activations"], expected.activations)
    assert shown["predicted"] == expected.predicted
    assert any("inverted" in note for note in shown["notes"])


@pytest.mark.parametrize(
    ("image", "says"),
    [
        ("data:image/jpeg;base64,AAAA", "PNG data URL"),
        ("data:image/png;base64,!!!", "not valid base64"),
        ("data:image/png;base64," + "A" * 800_000, "larger than"),
        ("data:image/png;base64," + base64.b64encode(b"not a png").decode(), "not an image"),
    ],
)
def test_bad_drawings_are_refused_in_one_line(client, digits_run, image, says):
    answer = client.post("/api/predict", json={"run": digits_run, "image": image})
    assert answer.status_code == 400 and says in answer.json()["error"]


def test_predict_needs_a_network(client):
    answer = client.post("/api/predict", json={"image": "data:image/png;base64,AAAA"})
    assert answer.status_code == 400 and "which network" in answer.json()["error"]
    assert client.post("/api/predict", json={"run": "nope", "image": ""}).status_code == 404


# --- explain --------------------------------------------------------------------------------


def test_explain_gives_the_trace_of_neurokit_explain(client, registry):
    from neurokit.lessons.explain import explain
    from neurokit.pipeline import builder

    spec_dict = json.loads((EXAMPLES / "lecture-2-2-2.json").read_text())
    body = {"spec": spec_dict, "input": [0.05, 0.1], "target": [0.01, 0.99], "eta": 0.5}
    answer = client.post("/api/explain", json=body)
    assert answer.status_code == 200, answer.text
    steps = {s["symbol"]: s for s in answer.json()["steps"]}
    spec = parse_spec(spec_dict, registry)
    network = builder.build_network(spec, registry)
    trace = explain(network, builder.build_cost(spec, registry), [0.05, 0.1], [0.01, 0.99], 0.5)
    assert list(steps) == trace.symbols
    for symbol in ("δ^3", "δ^2", "∂C/∂w^2", "w^3 (new)"):
        assert np.array_equal(np.array(steps[symbol]["value"]), trace.value(symbol))
    assert steps["δ^3"]["symbol_tex"] == r"\delta ^{3}"
    assert steps["δ^3"]["label"] == "BP1"


def test_explain_refuses_wide_nets_and_half_examples(client):
    spec = json.loads((EXAMPLES / "mnist.json").read_text())
    answer = client.post("/api/explain", json={"spec": spec})
    assert answer.status_code == 400 and "at most 12" in answer.json()["error"]
    small = json.loads((EXAMPLES / "lecture-2-2-2.json").read_text())
    half = client.post("/api/explain", json={"spec": small, "input": [0.1, 0.2]})
    assert half.status_code == 400 and "both an input and a target" in half.json()["error"]


# --- who may ask ----------------------------------------------------------------------------


def test_with_a_token_every_request_needs_it(tmp_path):
    app = create_app(tmp_path, token="s3cret")
    with TestClient(app) as client:
        assert client.get("/").status_code == 403
        assert client.get("/api/runs?token=wrong").status_code == 403
        assert client.get("/static/studio.js").status_code == 403
        opened = client.get("/?token=s3cret")
        assert opened.status_code == 200 and "HttpOnly" in opened.headers["set-cookie"]
        # the page's assets and fonts load with the cookie it was given
        assert client.get("/static/studio.js").status_code == 200
    with TestClient(app) as fresh:
        cookie = {"cookie": "neurokit_studio_token=s3cret"}
        assert fresh.get("/api/runs", headers=cookie).json() == []


def test_on_loopback_a_foreign_host_is_refused(client):
    assert client.get("/api/runs", headers={"host": "evil.example:8765"}).status_code == 403
    assert client.get("/api/runs", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/api/runs", headers={"host": "localhost"}).status_code == 200
