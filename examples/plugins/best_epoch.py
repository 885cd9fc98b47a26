"""A single-file observer plugin: at the end of training, name the best epoch.

It registers no components; it only listens to the event hooks, so it cannot change how a
network trains. "Best" is the lowest validation cost when the data set has a validation
split, else the lowest training cost.
"""

import sys

from neurokit import hookimpl


@hookimpl
def neurokit_train_end(run, history, stopped_early):
    if not history:
        return
    key = "validation_cost" if "validation_cost" in history[0] else "train_cost"
    best = min(history, key=lambda row: row[key])
    note = " (training stopped early)" if stopped_early else ""
    print(f"best epoch: {best['epoch']} with {key} {best[key]:.4f}{note}", file=sys.stderr)
