"""The built-in components, each module an ordinary plugin registered through the same hooks
a third-party plugin uses. Every module in this package is loaded as a plugin."""
