"""The plugin author's import for models: ``Model`` and ``LearningStep`` from
``neurokit.core.model``, kept stable.

Inside the package, code imports ``neurokit.core.model``; plugins import this module.
"""

from neurokit.core.model import LEARNING_RULES, LearningStep, Model

__all__ = ["LEARNING_RULES", "LearningStep", "Model"]
