"""The logger writes one JSON line per event, uses the kit's ``neurokit_train`` fixture."""

import json

import neurokit_jsonl_logger

XOR = {
    "schema_version": 1,
    "name": "xor",
    "layers": [{"size": 2}, {"size": 3, "neuron": "sigmoid"}, {"size": 1, "neuron": "sigmoid"}],
    "cost": "quadratic",
    "optimizer": {"name": "sgd", "params": {"eta": 4.0}},
    "training": {"epochs": 5, "batch_size": 4, "seed": 1},
    "data": {
        "name": "inline",
        "params": {"train": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}},
    },
}


def test_every_event_is_one_json_line(neurokit_train):
    run = neurokit_train(XOR, neurokit_jsonl_logger)
    lines = (run.out_dir / "events.jsonl").read_text("utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["event"] for e in events] == ["train_start"] + ["epoch_end"] * 5 + ["train_end"]
    assert events[0]["sizes"] == [2, 3, 1]
    assert [e["epoch"] for e in events[1:6]] == [1, 2, 3, 4, 5]
    assert events[5]["train_cost"] == run.history[-1]["train_cost"]
    assert events[-1] == {**events[-1], "epochs_done": 5, "stopped_early": False}
