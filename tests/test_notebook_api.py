"""The notebook API: ``import neurokit as nk``, then nk.train / nk.load_run / nk.explain and
the run handle's evaluate, predict, train_more, history and figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import neurokit as nk
from neurokit.core.errors import NeurokitError
from neurokit.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
XOR = ROOT / "examples" / "xor.json"
MNIST = ROOT / "examples" / "mnist-784-15-10.json"


def test_import_neurokit_stays_light_until_the_api_is_used():
    code = (
        "import sys, neurokit as nk; light = 'neurokit.api' not in sys.modules "
        "and 'numpy' not in sys.modules; nk.train; print(light, 'neurokit.api' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_train_takes_a_path_a_dict_or_a_spec_and_gives_the_same_weights():
    as_dict = json.loads(XOR.read_text(encoding="utf-8"))
    runs = [
        nk.train(XOR, epochs=5, progress="none"),
        nk.train(str(XOR), epochs=5, progress="none"),
        nk.train(as_dict, epochs=5, progress="none"),
        nk.train(load_spec(XOR, nk.registry()), epochs=5, progress="none"),
    ]
    for run in runs[1:]:
        for a, b in zip(runs[0].network.parameters, run.network.parameters, strict=True):
            assert np.array_equal(a, b)
    assert [len(run.history) for run in runs] == [5, 5, 5, 5]


def test_train_refuses_what_is_not_a_spec_or_an_override_by_name():
    with pytest.raises(TypeError, match="file path, a dict or a neurokit Spec, not int"):
        nk.train(42)
    with pytest.raises(TypeError, match="unknown overrides: epoch"):
        nk.train(XOR, epoch=3)
    broken = json.loads(XOR.read_text(encoding="utf-8"))
    broken["layers"][1]["neuron"] = "sigmiod"
    with pytest.raises(NeurokitError, match="sigmoid"):
        nk.train(broken)


def test_eta_override_reaches_the_optimizer():
    run = nk.train(XOR, epochs=1, eta=0.125, progress="none")
    assert run.spec.optimizer.params["eta"] == 0.125


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb") / "mnist"
    run = nk.train(MNIST, epochs=2, out_dir=out, progress="none")
    return run, out


def test_load_run_reads_back_what_train_saved(saved):
    run, out = saved
    again = nk.load_run(out)
    spec, network = again  # the old (spec, network) unpacking still works
    assert spec.name == "mnist-784-15-10" and network is again.network
    for a, b in zip(run.network.parameters, again.network.parameters, strict=True):
        assert np.array_equal(a, b)
    assert [row["epoch"] for row in again.history] == [1, 2]
    assert again.history == run.history


def test_evaluate_counts_what_an_independent_argmax_counts(saved):
    run, _ = saved
    result = run.evaluate("test")
    test = run.dataset().split("test")
    right = int((run.network.feedforward(test.x).argmax(axis=1) == test.y.argmax(axis=1)).sum())
    assert (result.correct, result.n) == (right, len(test))
    assert int(result.confusion.sum()) == len(test)


def test_predict_one_row_a_batch_and_refuses_a_wrong_width(saved):
    run, _ = saved
    x = run.dataset().split("test").x[:3]
    batch = run.predict(x)
    assert [p.predicted for p in batch] == run.network.feedforward(x).argmax(axis=1).tolist()
    one = run.predict(x[0])
    assert one.predicted == batch[0].predicted and one.class_names[0] == "0"
    with pytest.raises(NeurokitError, match="rows of 784 inputs, got shape \\(5,\\)"):
        run.predict(np.zeros(5))


def test_train_more_continues_exactly_as_a_longer_run():
    longer = nk.train(XOR, epochs=7, progress="none")
    shorter = nk.train(XOR, epochs=4, progress="none").train_more(epochs=3, progress="none")
    assert [row["epoch"] for row in shorter.history] == list(range(1, 8))
    for a, b in zip(longer.network.parameters, shorter.network.parameters, strict=True):
        assert np.array_equal(a, b)


def test_train_more_of_a_loaded_run_needs_its_checkpoint(saved):
    _, out = saved
    with pytest.raises(NeurokitError, match="checkpoint.npz"):
        nk.load_run(out).train_more(epochs=1)


def test_history_as_a_dataframe_and_as_html(saved):
    run, _ = saved
    frame = run.history.frame()
    assert list(frame.index) == [1, 2]
    assert frame.loc[2, "train_cost"] == run.history[1]["train_cost"]
    assert run.history._repr_html_().count("<tr>") == 3  # a head row and two epochs


def test_figures_come_back_as_matplotlib_figures(saved):
    from matplotlib.figure import Figure

    run, _ = saved
    curves = run.plot_curves()
    assert isinstance(curves, Figure)
    drawn = curves.axes[0].lines[0]
    assert list(drawn.get_ydata()) == [row["train_cost"] for row in run.history]
    assert isinstance(run.plot_hidden_weights(), Figure)
    assert isinstance(run.plot_confusion(), Figure)
    assert isinstance(run.plot_misclassified(), Figure)


def test_explain_renders_a_table_with_the_lectures_numbers():
    trace = nk.explain(ROOT / "examples" / "lecture-2-2-2.json")
    page = trace._repr_html_()
    assert page.startswith("<table>") and "BP1" in page and "0.138498562" in page
    assert trace.value("δ^3") == pytest.approx([0.138498562, -0.0380982365])


def test_explain_a_run_directory_traces_the_trained_net(tmp_path):
    out = tmp_path / "xor"
    run = nk.train(XOR, epochs=50, out_dir=out, progress="none")
    trained = nk.explain(out, [1.0, 1.0], [0.0])
    assert trained.value("a^3") == pytest.approx(run.network.feedforward([1.0, 1.0]))
    untrained = nk.explain(XOR, [1.0, 1.0], [0.0])
    assert untrained.value("a^3") != pytest.approx(trained.value("a^3"))


def test_explain_command_traces_a_run_directory(tmp_path, capsys):
    from neurokit.cli import main

    out = tmp_path / "xor"
    run = nk.train(XOR, epochs=50, out_dir=out, progress="none")
    assert main(["explain", str(out), "--input", "1,1", "--target", "0", "--format", "plain"]) == 0
    printed = capsys.readouterr().out
    a3 = float(run.network.feedforward([1.0, 1.0])[0])
    assert f"a^3 = [{a3:.9g}]" in printed
