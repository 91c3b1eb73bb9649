"""Escalation policies: hand a problem up at the right moment, exactly once, and say why.

A policy is an ordered list of rules; each rule has a condition tree over the
interaction's timeline and steps that climb while it holds. Evaluation is pure:
it returns decisions (with stable keys) that the host carries out and records.
"""

from . import _actions as _actions, _conditions as _conditions
from ._actions import (
    FollowUp as FollowUp,
    HandoverNote as HandoverNote,
    Notify as Notify,
    OfferHuman as OfferHuman,
    Reassign as Reassign,
    SetPriority as SetPriority,
    Tag as Tag,
)
from ._conditions import (
    AllOf as AllOf,
    AnyOf as AnyOf,
    ConditionExplanation as ConditionExplanation,
    Leaf as Leaf,
    Not as Not,
)
from ._context import EvaluationContext as EvaluationContext
from ._policy import (
    Decision as Decision,
    EscalationPolicy as EscalationPolicy,
    Evaluation as Evaluation,
    Forecast as Forecast,
    Rule as Rule,
    RuleExplanation as RuleExplanation,
    RuleStatus as RuleStatus,
    Step as Step,
    decision_key as decision_key,
)
from ._registries import (
    Action as Action,
    ActionFactory as ActionFactory,
    Condition as Condition,
    ConditionFactory as ConditionFactory,
    actions as actions,
    conditions as conditions,
)
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
