"""The hooks a neurokit plugin can implement.

Component hooks return lists of descriptors (see ``neurokit.components``); event hooks let a
plugin watch training without touching the core. Implement them with ``@neurokit.hookimpl``.
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "neurokit"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def neurokit_register_neurons():
    """Return a list of ``NeuronType`` descriptors: activation functions σ with σ'.

    Each descriptor's factory is called with the validated params model and must return a
    ``neurokit.components.Neuron``.
    """


@hookspec
def neurokit_register_costs():
    """Return a list of ``CostType`` descriptors: cost functions C(a^L, y) with ∇_a C.

    Each descriptor's factory is called with the validated params model and must return a
    ``neurokit.components.Cost``.
    """


@hookspec
def neurokit_register_optimizers():
    """Return a list of ``OptimizerType`` descriptors: rules that update w and b.

    Each descriptor's factory is called with the validated params model and must return a
    ``neurokit.components.Optimizer``.
    """


@hookspec
def neurokit_register_datasets():
    """Return a list of ``DatasetType`` descriptors: named data sets a spec can train on.

    Each descriptor's factory is called as ``factory(params, dtype=..., data_dir=...)`` and
    must return a ``neurokit.datasets.Dataset``.
    """


@hookspec
def neurokit_register_models():
    """Return a list of ``ModelType`` descriptors: families of networks a spec can name in
    ``"model": {"name": ..., "params": {...}}``.

    Each descriptor's factory is called as ``factory(params, context)`` with the validated
    params model and a ``neurokit.components.ModelContext`` (the spec's layer sizes, built
    neurons, hand-set layers, dtype and the run's seeded generator), and must return a
    ``neurokit.model.Model``. The descriptor's ``sections`` say which other spec sections the
    model reads; the validator refuses the rest.
    """


@hookspec
def neurokit_register_commands():
    """Return a list of ``CommandType`` descriptors: subcommands added to ``neurokit``.

    Each gives a name, a one-line help, ``add_arguments(parser)`` and ``run(args)`` returning
    the exit status. A name that a built-in command already has is refused.
    """


@hookspec
def neurokit_register_executors():
    """Return a list of ``ExecutorType`` descriptors: ways to run a sweep's trials.

    Each descriptor's factory is called with the validated params model (for the built-ins:
    ``workers``, and for ``dask`` also ``scheduler``) and must return a
    ``neurokit.components.Executor``, whose ``submit(fn, task)`` returns a
    ``concurrent.futures.Future``.
    """


@hookspec
def neurokit_train_start(run):
    """Called once before the first epoch.

    ``run`` is the ``neurokit.pipeline.training.Run`` being trained: its ``spec``, ``model``,
    ``cost``, ``optimizer``, ``dataset`` and ``out_dir`` (None when nothing is written) are
    available.
    """


@hookspec
def neurokit_batch_start(run, epoch, batch, x, y):
    """Called before each mini-batch's learning step, with the rows ``x`` and ``y`` it learns.

    Only called when some plugin implements it, so plain training pays nothing. It runs on
    the training thread for every mini-batch: an observer that draws should throttle itself
    (the studio's live view looks at the clock and returns at once between updates). An
    observer may block here to pause training before this step.
    """


@hookspec
def neurokit_epoch_end(run, epoch, metrics):
    """Called after every epoch with its number (1-based) and its metrics dictionary.

    ``metrics`` holds at least ``epoch``, ``train_cost`` and ``seconds``, plus
    ``validation_cost``/``validation_accuracy`` when the data set has held-out data.
    """


@hookspec
def neurokit_train_end(run, history, stopped_early):
    """Called once after training, with every epoch's metrics.

    ``stopped_early`` is True when training was interrupted (Ctrl-C) or stopped on a fault.
    """
