"""The cell's equations against a hand-written step, and its BPTT gradient against central
differences on a tiny net scored at every step."""

import numpy as np
from neurokit_mgu.plugin import MGUParams, build

from neurokit.components import ModelContext


class Sigmoid:
    name = "sigmoid"

    def sigma(self, z):
        return 1 / (1 + np.exp(-z))

    def sigma_prime(self, z, a=None):
        s = self.sigma(z)
        return s * (1 - s)


class Quadratic:
    def value(self, a, y):
        return float(0.5 * np.sum((a - y) ** 2) / a.shape[0])

    def output_error(self, a, y, z, neuron):
        return (a - y) * neuron.sigma_prime(z, a)


def tiny(seed=0):
    context = ModelContext(
        sizes=[2, 3, 1],
        neurons=[Sigmoid(), Sigmoid()],
        layers=[],
        dtype="float64",
        rng=np.random.default_rng(seed),
    )
    return build(MGUParams(), context)


def test_one_step_by_hand():
    model = tiny()
    x, h = np.array([[0.5, -1.0]]), np.array([[0.1, -0.2, 0.3]])
    sig = Sigmoid().sigma
    f = sig(x @ model.w2[:3].T + h @ model.u2[:3].T + model.b2[:3])
    n = np.tanh(x @ model.w2[3:].T + (f * h) @ model.u2[3:].T + model.b2[3:])
    (h_next,), _ = model.cell_forward(x, (h,))
    np.testing.assert_allclose(h_next, (1 - f) * h + f * n, rtol=1e-14)


def test_gradients_match_finite_differences():
    model = tiny(1)
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(3, 4, 2)), rng.uniform(size=(3, 4, 1))
    cost = Quadratic()
    grads = dict(zip(model.named_parameters(), model.gradients(x, y, cost), strict=True))
    for name, param in model.named_parameters().items():
        for i in np.ndindex(param.shape):
            saved = param[i]
            param[i] = saved + 1e-6
            plus = cost.value(model.predict(x).reshape(-1, 1), y.reshape(-1, 1))
            param[i] = saved - 1e-6
            minus = cost.value(model.predict(x).reshape(-1, 1), y.reshape(-1, 1))
            param[i] = saved
            assert abs((plus - minus) / 2e-6 - grads[name][i]) < 1e-8, (name, i)
