"""The built-in components, each module an ordinary plugin registered through the same hooks
a third-party plugin uses. Every module in this package is loaded as a plugin.

Their parameter models say ``defer_build=True``: Pydantic then builds a model's validator the
first time it validates, not when the module is imported, so a command pays only for the
components it uses (building all of them took most of the built-ins' import time).
"""
