"""Escalation policies: hand a problem up at the right moment, exactly once, and say why.

A policy is an ordered list of rules; each rule has a condition tree over the
interaction's timeline and steps that climb while it holds. Evaluation is pure:
it returns decisions (with stable keys) that the host carries out and records.
"""

from . import _actions as _actions
from . import _conditions as _conditions
from ._actions import FollowUp as FollowUp
from ._actions import HandoverNote as HandoverNote
from ._actions import Notify as Notify
from ._actions import OfferHuman as OfferHuman
from ._actions import Reassign as Reassign
from ._actions import SetPriority as SetPriority
from ._actions import Tag as Tag
from ._conditions import AllOf as AllOf
from ._conditions import AnyOf as AnyOf
from ._conditions import ConditionExplanation as ConditionExplanation
from ._conditions import Leaf as Leaf
from ._conditions import Not as Not
from ._context import EvaluationContext as EvaluationContext
from ._policy import Decision as Decision
from ._policy import EscalationPolicy as EscalationPolicy
from ._policy import Evaluation as Evaluation
from ._policy import Forecast as Forecast
from ._policy import Rule as Rule
from ._policy import RuleExplanation as RuleExplanation
from ._policy import RuleStatus as RuleStatus
from ._policy import Step as Step
from ._policy import decision_key as decision_key
from ._registries import Action as Action
from ._registries import ActionFactory as ActionFactory
from ._registries import Condition as Condition
from ._registries import ConditionFactory as ConditionFactory
from ._registries import actions as actions
from ._registries import conditions as conditions
from ._stretches import Stretches as Stretches

__all__ = [
    "Action",
    "ActionFactory",
    "AllOf",
    "AnyOf",
    "Condition",
    "ConditionExplanation",
    "ConditionFactory",
    "Decision",
    "EscalationPolicy",
    "Evaluation",
    "EvaluationContext",
    "FollowUp",
    "Forecast",
    "HandoverNote",
    "Leaf",
    "Not",
    "Notify",
    "OfferHuman",
    "Reassign",
    "Rule",
    "RuleExplanation",
    "RuleStatus",
    "SetPriority",
    "Step",
    "Stretches",
    "Tag",
    "actions",
    "conditions",
    "decision_key",
]
