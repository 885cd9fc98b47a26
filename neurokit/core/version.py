"""neurokit's version, here in the core so that any layer can read it without importing the
top-level package (whose ``neurokit.sweep`` reaches up to the API)."""

__version__ = "0.1.0"
