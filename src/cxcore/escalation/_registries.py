"""The escalation extension points: condition leaves and actions, by name.

Built-in leaves and actions register here through the same ``register`` a
plugin uses; :func:`cxcore.plugins.load` fills them from the entry-point groups.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from cxcore._registry import Registry

if TYPE_CHECKING:
    from ._context import EvaluationContext
    from ._stretches import Stretches

__all__ = ["Action", "ActionFactory", "Condition", "ConditionFactory", "actions", "conditions"]


@runtime_checkable
class Condition(Protocol):
    """A condition leaf: where it holds over the interaction's timeline.

    Optional extras the built-ins provide and ``explain`` uses when present:
    ``value_at(ctx, moment)`` (the JSON-safe value it judged) and ``to_config()``
    (the canonical config ``EscalationPolicy.to_dict`` writes back).
    """

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        """The stretches ``[from, to)`` where the condition holds, from the opening on."""
        ...


Condition.__module__ = "cxcore.escalation"

#: Builds a condition from its config value and its path in the document
#: (``rules[0].when.all[1].priority``); raises ``ConfigError`` for a bad value.
ConditionFactory = Callable[[Any, str], Condition]


@runtime_checkable
class Action(Protocol):
    """An intent the host carries out when a step fires (the library performs nothing)."""

    @property
    def kind(self) -> str:
        """The config name of the action (``"notify"``)."""
        ...

    def to_config(self) -> object:
        """The config value this action was built from, in canonical form."""
        ...

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> Action:
        """The action as a decision due at ``at`` carries it (a note gets its text here)."""
        ...


Action.__module__ = "cxcore.escalation"

#: Builds an action from its config value and its path in the document.
ActionFactory = Callable[[Any, str], Action]

#: Condition leaves by name (entry-point group ``cxcore.conditions``).
conditions: Registry[ConditionFactory] = Registry("cxcore.conditions")

#: Actions by name (entry-point group ``cxcore.actions``).
actions: Registry[ActionFactory] = Registry("cxcore.actions")
