from neurokit.cli import run

run()
