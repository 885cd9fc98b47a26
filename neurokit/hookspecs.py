"""The plugin author's import: the public names of ``neurokit.core.hookspecs``, kept stable.

Inside the package, code imports ``neurokit.core.hookspecs``; plugins import this module.
"""

from neurokit.core.hookspecs import (
    PROJECT_NAME,
    hookimpl,
    hookspec,
)

__all__ = [
    "PROJECT_NAME",
    "hookimpl",
    "hookspec",
]
