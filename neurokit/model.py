"""The plugin author's import for models: ``Model`` and ``LearningStep`` from
``neurokit.core.model``, and the bases of the recurrent nets — ``SequenceModel`` and
``RecurrentCell`` (BPTT for any cell: supply its forward and backward step) from
``neurokit.core.recurrent`` — kept stable.

Inside the package, code imports ``neurokit.core.model``; plugins import this module.
"""

from neurokit.core.model import LEARNING_RULES, LearningStep, Model
from neurokit.core.recurrent import RecurrentCell, SequenceModel

__all__ = ["LEARNING_RULES", "LearningStep", "Model", "RecurrentCell", "SequenceModel"]
