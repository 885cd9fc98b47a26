"""Write docs/notebooks/*.ipynb from the cells below, without outputs.

The notebooks are executed by tests/test_notebooks.py (and so by .ci/run); edit them here or
in Jupyter, then clear their outputs before committing (this script writes them cleared).

    python tools/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "docs" / "notebooks"

SETUP = """\
from pathlib import Path

import numpy as np

import neurokit as nk

EXAMPLES = Path("../../examples")  # notebooks run from docs/notebooks/"""

GATES_SETUP = """\
import numpy as np

from neurokit import api
from neurokit.lessons import gates"""

TEMP_SETUP = """\
import tempfile
from pathlib import Path

import numpy as np

import neurokit as nk

EXAMPLES = Path("../../examples")  # notebooks run from docs/notebooks/"""

PLUGIN_SETUP = """\
import tempfile
from pathlib import Path

import neurokit as nk"""

LECTURE = [
    new_markdown_cell("""\
# The lecture, in a notebook

The lecture *Neural Networks* (L3) from the sigmoid neuron to one SGD step, on its 2-2-2
example net. Every number below is computed by neurokit; the tutorial
([../tutorial.md](../tutorial.md)) says which function does what."""),
    new_code_cell(SETUP),
    new_markdown_cell("""\
## The sigmoid neuron

σ(z) = 1/(1 + e^(−z)). neurokit computes it to a few ulps for every z, so even
σ(−40) ≈ 4.2e-18 keeps its digits."""),
    new_code_cell("""\
from neurokit.core.neurons import Sigmoid

z = np.array([-40.0, -2.0, 0.0, 2.0, 40.0])
print("σ(z)  =", Sigmoid().sigma(z))
print("σ'(z) =", Sigmoid().sigma_prime(z))"""),
    new_markdown_cell("""\
## Feedforward, BP1–BP4 and one SGD step on the 2-2-2 net

`nk.explain` returns a trace; Jupyter shows it as a table. w^l_jk is
`network.weights[l - 2][j - 1, k - 1]`."""),
    new_code_cell("""\
trace = nk.explain(EXAMPLES / "lecture-2-2-2.json")
trace"""),
    new_code_cell("""\
# one quantity at a time, by its symbol
delta3 = trace.value("δ^3")
assert np.allclose(delta3, [0.138498562, -0.0380982365])
delta3"""),
    new_markdown_cell("""\
## Training it: one epoch of one example is one SGD step

The 2-2-2 spec trains on its single example with η = 0.5, so after one epoch
w^3_11 = 0.40 − 0.5 × 0.0821670406."""),
    new_code_cell("""\
run = nk.train(EXAMPLES / "lecture-2-2-2.json", progress="none")
w3_11 = run.network.weights[3 - 2][1 - 1, 1 - 1]
assert abs(w3_11 - (0.40 - 0.5 * 0.0821670406)) < 1e-9
w3_11"""),
]

GATES = [
    new_markdown_cell("""\
# Perceptrons, logic gates and XOR

A perceptron outputs 1 if w·x + b > 0, with b = −threshold (one slide writes
"b = threshold": read it as −threshold). See [../gates.md](../gates.md)."""),
    new_code_cell(GATES_SETUP),
    new_code_cell("""\
for gate in ("and", "or", "nand"):
    table = api.check_gate(gate)
    assert table.all_correct
    print(repr(table))"""),
    new_markdown_cell("""\
## Rosenblatt's perceptron learning rule

The lecture only says that some learning algorithm is needed; this is the classic one.
It converges on AND but never on XOR, which no single line separates."""),
    new_code_cell("""\
for gate in ("and", "xor"):
    print(gate, gates.learn_gate(gate))"""),
    new_markdown_cell("""\
## XOR with a hidden layer of sigmoid neurons, trained by backprop"""),
    new_code_cell("""\
network = api.train_xor_sigmoid()
outputs = network.feedforward(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]))
assert (outputs.round().ravel() == [0, 1, 1, 0]).all()
outputs.round(3)"""),
]

MNIST = [
    new_markdown_cell("""\
# MNIST end to end

The lecture's net is 784-15-10 (`examples/mnist-784-15-10.json`, P = 11,935); the
textbook's is 784-30-10 (`examples/mnist.json`). Both train on the 5,000-digit sample that
ships inside neurokit. The progress below is live while it runs."""),
    new_code_cell(TEMP_SETUP + '\n\nout = Path(tempfile.mkdtemp()) / "mnist"'),
    new_code_cell("""\
run = nk.train(EXAMPLES / "mnist-784-15-10.json", epochs=3, out_dir=out)
run"""),
    new_code_cell("""\
run.history  # one dict per epoch; run.history.frame() gives a pandas DataFrame"""),
    new_code_cell("""\
result = run.evaluate("test")
print(result)
result.confusion"""),
    new_code_cell("""\
digit = run.dataset().split("test").x[0]
prediction = run.predict(digit)
prediction, prediction.activations.round(3)"""),
    new_code_cell("""\
run.train_more(epochs=2)
assert len(run.history) == 5
run.plot_curves()"""),
    new_code_cell("""\
run.plot_hidden_weights()"""),
    new_code_cell("""\
run.plot_misclassified()"""),
    new_markdown_cell("""\
## Coming back to a saved run

`nk.load_run` reads the run directory `train` wrote."""),
    new_code_cell("""\
again = nk.load_run(out)
assert np.array_equal(again.network.weights[0], run.network.weights[0])
again.evaluate("test")"""),
]

PLUGIN = [
    new_markdown_cell("""\
# Writing a plugin

A neuron is a class with `sigma` and `sigma_prime`, registered by a hook. This one is tanh;
[../plugins.md](../plugins.md) has the whole story."""),
    new_code_cell(PLUGIN_SETUP),
    new_code_cell('''\
source = """
import numpy as np

from neurokit import hookimpl
from neurokit.components import Neuron, NeuronType


class Tanh(Neuron):
    name = "tanh"

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self, z, a=None):
        a = np.tanh(z) if a is None else a
        return 1.0 - a * a  # σ'(z) = 1 − tanh²(z)


@hookimpl
def neurokit_register_neurons():
    return [NeuronType("tanh", lambda params: Tanh(), summary="σ(z) = tanh(z)")]
"""
plugin = Path(tempfile.mkdtemp()) / "my_tanh.py"
plugin.write_text(source)'''),
    new_markdown_cell("""\
## Check it with the conformance kit

`check_plugin` runs every check (σ' against finite differences, dtypes, extreme inputs, …)
and returns the failures: an empty list means the plugin passes."""),
    new_code_cell("""\
from neurokit.testing import check_plugin

failures = check_plugin(str(plugin))
assert failures == [], failures
failures"""),
    new_markdown_cell("""\
## Use it in a spec"""),
    new_code_cell("""\
spec = {
    "schema_version": 1,
    "name": "tanh-xor",
    "layers": [{"size": 2}, {"size": 3, "neuron": "tanh"}, {"size": 1, "neuron": "sigmoid"}],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 2.0}},
    "training": {"epochs": 300, "batch_size": 4, "seed": 1},
    "data": {
        "name": "inline",
        "params": {"train": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}},
    },
}
run = nk.train(spec, plugins=[str(plugin)], progress="none")
run.history[-1]"""),
]

NOTEBOOKS = {
    "lecture-walkthrough.ipynb": LECTURE,
    "gates.ipynb": GATES,
    "mnist-end-to-end.ipynb": MNIST,
    "writing-a-plugin.ipynb": PLUGIN,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        notebook = new_notebook(cells=cells)
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.validate(notebook)
        nbformat.write(notebook, OUT / name)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
