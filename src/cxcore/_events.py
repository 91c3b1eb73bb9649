"""The events an interaction is made of. Each is an immutable fact with the moment it happened.

Events carry no behaviour: how each one changes the derived state is the fold
in ``_interaction``. Every event has ``at``, an aware datetime.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import attrs

from ._errors import ValidationError
from ._model import Priority, Status, non_empty_str, optional_str, to_priority, to_status
from ._time import instant, require_aware

__all__ = [
    "EVENT_TYPES",
    "SURVEY_SCALES",
    "AgentReply",
    "Assigned",
    "CustomerMessage",
    "Escalated",
    "EscalationAcknowledged",
    "Event",
    "InternalNote",
    "OwnerChanged",
    "PriorityChanged",
    "StatusChanged",
    "SurveyAnswered",
    "Tagged",
    "Transferred",
    "Untagged",
]

#: Score ranges of the well-known surveys (inclusive). Other survey names take any int.
SURVEY_SCALES: dict[str, tuple[int, int]] = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}


def _aware(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    require_aware(value, f"{type(inst).__name__}.{attr.name}")


def _text(name: str) -> Any:
    def check(inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str):
            raise ValidationError(
                f"{type(inst).__name__}.{name} must be a str (got {type(value).__name__})"
            )

    return check


@attrs.frozen(kw_only=True)
class Event:
    """Base of every event: something that happened at ``at``."""

    __module__ = "cxcore.events"

    #: Recordable on a closed interaction (surveys are sent on close).
    allowed_when_closed: ClassVar[bool] = False

    at: datetime = attrs.field(validator=_aware, eq=instant)


@attrs.frozen(kw_only=True)
class CustomerMessage(Event):
    """The customer wrote or said something. Reopens a solved interaction."""

    __module__ = "cxcore.events"

    text: str = attrs.field(validator=_text("text"))
    channel: str | None = attrs.field(default=None, validator=optional_str("channel"))


@attrs.frozen(kw_only=True)
class AgentReply(Event):
    """A public reply the customer sees; it is what stops response clocks."""

    __module__ = "cxcore.events"

    agent: str = attrs.field(validator=non_empty_str("AgentReply.agent"))
    text: str = attrs.field(validator=_text("text"))
    channel: str | None = attrs.field(default=None, validator=optional_str("channel"))


@attrs.frozen(kw_only=True)
class InternalNote(Event):
    """A note only agents see; it never stops a clock."""

    __module__ = "cxcore.events"
    allowed_when_closed: ClassVar[bool] = True

    agent: str = attrs.field(validator=non_empty_str("InternalNote.agent"))
    text: str = attrs.field(validator=_text("text"))


@attrs.frozen(kw_only=True)
class StatusChanged(Event):
    """The status was set (never back to ``new``; nothing moves from ``closed``)."""

    __module__ = "cxcore.events"

    status: Status = attrs.field(converter=to_status)


@attrs.frozen(kw_only=True)
class Assigned(Event):
    """Someone (and optionally a team) now works on the interaction."""

    __module__ = "cxcore.events"

    agent: str = attrs.field(validator=non_empty_str("Assigned.agent"))
    team: str | None = attrs.field(default=None, validator=optional_str("Assigned.team"))


@attrs.frozen(kw_only=True)
class Transferred(Event):
    """Handed to another team (and agent); the owner stays, so they can follow up."""

    __module__ = "cxcore.events"

    team: str = attrs.field(validator=non_empty_str("Transferred.team"))
    agent: str | None = attrs.field(default=None, validator=optional_str("Transferred.agent"))
    reason: str | None = attrs.field(default=None, validator=optional_str("Transferred.reason"))


@attrs.frozen(kw_only=True)
class OwnerChanged(Event):
    """A different agent now answers for the customer."""

    __module__ = "cxcore.events"

    owner: str = attrs.field(validator=non_empty_str("OwnerChanged.owner"))


@attrs.frozen(kw_only=True)
class PriorityChanged(Event):
    """The priority was set."""

    __module__ = "cxcore.events"

    priority: Priority = attrs.field(converter=to_priority)


@attrs.frozen(kw_only=True)
class Tagged(Event):
    """A tag was added (adding a tag that is set changes nothing)."""

    __module__ = "cxcore.events"
    allowed_when_closed: ClassVar[bool] = True

    tag: str = attrs.field(validator=non_empty_str("Tagged.tag"))


@attrs.frozen(kw_only=True)
class Untagged(Event):
    """A tag was removed (removing a tag that is not set changes nothing)."""

    __module__ = "cxcore.events"
    allowed_when_closed: ClassVar[bool] = True

    tag: str = attrs.field(validator=non_empty_str("Untagged.tag"))


def _score(inst: SurveyAnswered, _attr: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"SurveyAnswered.score must be an int (got {type(value).__name__} {value!r})"
        )
    low, high = SURVEY_SCALES.get(inst.survey, (None, None))
    if low is not None and high is not None and not low <= value <= high:
        raise ValidationError(
            f"SurveyAnswered.score for {inst.survey!r} must be from {low} to {high} (got {value})"
        )


@attrs.frozen(kw_only=True)
class SurveyAnswered(Event):
    """A survey answer: csat 1–5, nps 0–10, ces 1–7, or a host's own survey.

    ``reason`` is a cause code reports group by (Pareto); ``comment`` is free text.
    """

    __module__ = "cxcore.events"
    allowed_when_closed: ClassVar[bool] = True

    survey: str = attrs.field(validator=non_empty_str("SurveyAnswered.survey"))
    score: int = attrs.field(validator=_score)
    reason: str | None = attrs.field(default=None, validator=optional_str("SurveyAnswered.reason"))
    comment: str | None = attrs.field(
        default=None, validator=optional_str("SurveyAnswered.comment")
    )


def _level(_inst: object, _attr: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"level and step must be ints >= 0 (got {value!r})")


@attrs.frozen(kw_only=True)
class Escalated(Event):
    """An escalation step fired. ``key`` identifies it: the same key is never recorded twice."""

    __module__ = "cxcore.events"

    key: str = attrs.field(validator=non_empty_str("Escalated.key"))
    policy: str = attrs.field(validator=non_empty_str("Escalated.policy"))
    rule_id: str = attrs.field(validator=non_empty_str("Escalated.rule_id"))
    step: int = attrs.field(validator=_level)
    level: int = attrs.field(validator=_level)


@attrs.frozen(kw_only=True)
class EscalationAcknowledged(Event):
    """Someone took charge of an escalation: its climb stops."""

    __module__ = "cxcore.events"

    agent: str = attrs.field(validator=non_empty_str("EscalationAcknowledged.agent"))
    key: str = attrs.field(validator=non_empty_str("EscalationAcknowledged.key"))


#: Every event class by its name (the ``type`` of the serialised form).
EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        CustomerMessage,
        AgentReply,
        InternalNote,
        StatusChanged,
        Assigned,
        Transferred,
        OwnerChanged,
        PriorityChanged,
        Tagged,
        Untagged,
        SurveyAnswered,
        Escalated,
        EscalationAcknowledged,
    )
}
