"""The studio end to end in headless Chromium (Debian's ``chromium``) driven by Playwright.

A student's path through the page: train XOR in the Playground until the boundary separates
the points, single-step and compare the δ and ∂C/∂w shown with ``neurokit explain``'s, train
an MNIST spec and draw a digit, open runs and overlay two of them, explain the lecture's
2-2-2 net. The screenshots illustrate docs/studio.md (``NEUROKIT_SCREENSHOTS=docs/studio``
writes them there; otherwise into the test's temporary directory).

Under CI=true these tests must run: a missing Chromium or Playwright fails them.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from neurokit.core import atomic

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
IN_CI = os.environ.get("CI", "").lower() == "true"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser():
    missing = []
    if CHROMIUM is None:
        missing.append("Debian's chromium package (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright (pip install 'neurokit[test]')")
    if missing:
        reason = "the browser tests need " + " and ".join(missing)
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    _require_browser()
    from neurokit.studio.app import create_app
    from neurokit.studio.server import Server

    runs_dir = tmp_path_factory.mktemp("runs")
    app = create_app(runs_dir, examples_dir=EXAMPLES, interval=0.1)
    server = Server(app, "127.0.0.1", 0).start()
    yield server, runs_dir
    server.stop()


@pytest.fixture(scope="module")
def browser(studio):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, studio):
    server, _ = studio
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url)
    page.wait_for_selector("body[data-ready=yes]", timeout=15_000)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def screenshot(page, name: str, tmp_path: Path, full_page: bool = False) -> Path:
    folder = Path(os.environ.get("NEUROKIT_SCREENSHOTS") or tmp_path)
    path = folder / f"{name}.png"
    atomic.write_bytes(path, page.screenshot(full_page=full_page))
    return path


def set_hidden_layers(page, sizes: list[int]) -> None:
    page.evaluate("() => { document.getElementById('pg-layers').innerHTML = ''; }")
    for size in sizes:
        page.click("#pg-add-layer")
        page.locator("#pg-layers .layer-row input").last.fill(str(size))


def train_xor_in_the_playground(page, epochs: int = 300) -> None:
    """Start the playground on the XOR points and wait until the run is done (and saved)."""
    page.click("button[data-tab=playground]")
    page.select_option("#pg-shape", "xor")
    page.fill("#pg-epochs", str(epochs))
    page.click("#pg-start")
    page.wait_for_selector("#pg-status [data-status=done]", timeout=90_000)


def test_playground_learns_xor_until_the_boundary_separates_the_points(page, tmp_path):
    train_xor_in_the_playground(page)
    separation = page.locator("#pg-separation").inner_text()
    separated = int(page.locator("#pg-separated").inner_text())
    total = int(separation.split(" of ")[1].split()[0])
    assert separated == total == 150
    assert page.locator("#pg-train-acc").inner_text() == "100%"
    # every weight is drawn as an edge: 2·4 + 4·3 + 3·1 for the default 2-4-3-1 net
    assert page.locator("#pg-net line").count() == 23
    assert page.locator("#pg-net image").count() == 4 + 3 + 1  # hidden heat maps + output
    screenshot(page, "playground", tmp_path)


def test_step_shows_explains_delta_and_gradient(page, tmp_path, registry):
    from neurokit.lessons.explain import explain
    from neurokit.pipeline import builder
    from neurokit.spec import parse_spec

    page.select_option("#pg-shape", "xor")
    set_hidden_layers(page, [2])
    page.fill("#pg-m", "1")
    page.click("#pg-step")  # before Start: starts paused and takes one step
    page.wait_for_selector("#pg-net text.delta", timeout=30_000)
    spec = parse_spec(page.evaluate("() => PG.spec()"), registry)
    info = page.locator("#step-info")
    x, y = json.loads(info.get_attribute("data-x")), json.loads(info.get_attribute("data-y"))
    network = builder.build_network(spec, registry)  # the seed's initial weights, as trained
    trace = explain(network, builder.build_cost(spec, registry), x, y, 3.0)
    for l, n in ((2, 2), (3, 1)):
        for j in range(1, n + 1):
            shown = page.locator(f'#pg-net [data-delta="{l},{j}"]')
            assert float(shown.get_attribute("data-value")) == pytest.approx(
                trace.value(f"δ^{l}")[j - 1], abs=1e-8
            )
            assert shown.text_content().startswith("δ=")
    gradients = trace.value("∂C/∂w^2")
    for j in (1, 2):
        for k in (1, 2):
            shown = page.locator(f'#pg-net [data-grad="2,{j},{k}"]')
            assert float(shown.get_attribute("data-value")) == pytest.approx(
                gradients[j - 1, k - 1], abs=1e-8
            )
    assert page.locator("#pg-step-view .katex").count() >= 7  # the equations typeset
    assert page.locator("#step-m").inner_text() == "1"
    screenshot(page, "step", tmp_path, full_page=True)
    page.click("#pg-reset")


def test_digits_trains_and_reads_a_drawn_digit(page, studio, tmp_path):
    from neurokit.pipeline import runs
    from neurokit.pipeline.prediction import predict_image
    from neurokit.pipeline.registry import load_registry

    _, runs_dir = studio
    page.click("button[data-tab=digits]")
    page.select_option("#dg-example", "mnist.json")
    page.wait_for_function("() => document.getElementById('dg-spec').value.includes('mnist')")
    spec = json.loads(page.input_value("#dg-spec"))
    spec["training"]["epochs"] = 2
    page.fill("#dg-spec", json.dumps(spec, indent=2))
    page.click("#dg-train")
    page.wait_for_selector("#dg-status [data-status=done]", timeout=120_000)
    assert page.locator("#dg-weights canvas").count() == spec["layers"][1]["size"]
    assert page.locator("#dg-confusion td").count() == 100
    # draw a "1": one stroke down the middle of the canvas
    box = page.locator("#dg-draw").bounding_box()
    page.mouse.move(box["x"] + 140, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + 140, box["y"] + 40 + step * 10)
    page.mouse.up()
    page.wait_for_selector("#dg-predicted", timeout=30_000)
    shown = page.locator("#dg-predicted").inner_text()
    assert page.locator("#dg-bars .bar").count() == 10
    # the same picture through predict --image's code path gives the same answer
    url = page.evaluate("() => document.getElementById('dg-draw').toDataURL('image/png')")
    picture = tmp_path / "drawn.png"
    picture.write_bytes(base64.b64decode(url.split(",", 1)[1]))
    run_name = page.locator("#dg-status code").inner_text()
    _, network = runs.load_run(runs_dir / run_name, load_registry(autoload=False))
    expected = predict_image(network, picture)
    assert shown == expected.predicted_name
    screenshot(page, "digits", tmp_path, full_page=True)


def test_runs_open_and_overlay(page, studio, tmp_path):
    _, runs_dir = studio

    def saved_runs():
        return sorted(p.name for p in runs_dir.iterdir())

    # The tests above leave runs behind; run alone (or on another worker), it makes its own.
    for _ in range(2):
        if len(saved_runs()) >= 2 and any(n.startswith("playground-xor") for n in saved_runs()):
            break
        train_xor_in_the_playground(page)
        page.click("#pg-reset")
    names = saved_runs()
    page.click("button[data-tab=runs]")
    page.wait_for_selector("#rn-list [data-open]")
    playground = next(n for n in names if n.startswith("playground-xor"))
    page.click(f'#rn-list [data-open="{playground}"]')
    page.wait_for_selector("#rn-accuracy")
    accuracy = page.locator("#rn-accuracy").inner_text()
    assert accuracy.endswith("%") and float(accuracy[:-1]) > 90
    assert '"plane"' in page.locator("#rn-spec").inner_text()
    for name in names[:2]:
        page.check(f'#rn-list input[data-run="{name}"]')
    page.click("#rn-compare")
    page.wait_for_function(
        "() => document.getElementById('rn-curves').dataset.overlaid", timeout=30_000
    )
    overlaid = page.locator("#rn-curves").get_attribute("data-overlaid").split(",")
    assert sorted(overlaid) == names[:2]
    pixels = page.evaluate(
        "() => { const c = document.getElementById('rn-curves');"
        " return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data"
        ".filter((v, i) => i % 4 === 3 && v > 0)).length; }"
    )
    assert pixels > 500  # the curves were drawn
    screenshot(page, "runs", tmp_path, full_page=True)


def test_explain_typesets_the_lecture_example_with_explains_numbers(page, tmp_path, registry):
    from neurokit.lessons.explain import explain
    from neurokit.pipeline import builder
    from neurokit.spec import parse_spec

    page.click("button[data-tab=explain]")
    page.select_option("#ex-example", "lecture-2-2-2.json")
    page.wait_for_function("() => document.getElementById('ex-spec').value.includes('2-2-2')")
    page.fill("#ex-input", "0.05,0.10")
    page.fill("#ex-target", "0.01,0.99")
    page.click("#ex-go")
    page.wait_for_selector('#ex-trace [data-symbol="δ^3"]')
    spec = parse_spec(json.loads((EXAMPLES / "lecture-2-2-2.json").read_text()), registry)
    eta = spec.optimizer.params["eta"]
    trace = explain(
        builder.build_network(spec, registry),
        builder.build_cost(spec, registry),
        [0.05, 0.10],
        [0.01, 0.99],
        eta,
    )
    for symbol in ("δ^3", "δ^2", "∂C/∂w^3"):
        shown = page.locator(f'#ex-trace [data-symbol="{symbol}"] .value[data-value]')
        assert np.allclose(json.loads(shown.get_attribute("data-value")), trace.value(symbol))
    assert page.locator("#ex-trace .katex").count() > 40
    screenshot(page, "explain", tmp_path, full_page=True)
