"""neurokit studio: a local web page where the lecture's networks learn live.

``create_app`` (``neurokit.studio.app``) is the Starlette application; ``neurokit studio``
serves it with uvicorn. Needs the ``studio`` extra: ``pip install 'neurokit[studio]'``.
"""
