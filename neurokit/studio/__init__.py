"""neurokit studio: a local web page where the lecture's networks learn live.

``create_app`` (``neurokit.studio.app``) is the Starlette application; ``neurokit studio``
serves it with uvicorn. Needs the ``studio`` extra: ``pip install 'neurokit[studio]'``.

In a notebook, ``nk.studio()`` shows the page inline: this package is callable, so the name
``neurokit.studio`` stays the subpackage and the notebook function at once.
"""

from __future__ import annotations

import sys
import types


class _CallableStudio(types.ModuleType):
    def __call__(self, runs="runs", **options):
        """The studio page inline in a notebook (an IFrame on a server started in the
        background); outside IPython, the page's URL."""
        from neurokit.studio.notebook import studio

        return studio(runs, **options)


sys.modules[__name__].__class__ = _CallableStudio
