"""The events an interaction is recorded from (``from cxcore import events``)."""

from ._events import (
    EVENT_TYPES as EVENT_TYPES,
    SURVEY_SCALES as SURVEY_SCALES,
    AgentReply as AgentReply,
    Assigned as Assigned,
    CustomerMessage as CustomerMessage,
    Escalated as Escalated,
    EscalationAcknowledged as EscalationAcknowledged,
    Event as Event,
    InternalNote as InternalNote,
    OwnerChanged as OwnerChanged,
    PriorityChanged as PriorityChanged,
    StatusChanged as StatusChanged,
    SurveyAnswered as SurveyAnswered,
    Tagged as Tagged,
    Transferred as Transferred,
    Untagged as Untagged,
)

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
