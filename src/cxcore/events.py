"""The events an interaction is recorded from (``from cxcore import events``)."""

from ._events import (
    EVENT_TYPES as EVENT_TYPES,
)
from ._events import (
    SURVEY_SCALES as SURVEY_SCALES,
)
from ._events import (
    AgentReply as AgentReply,
)
from ._events import (
    Assigned as Assigned,
)
from ._events import (
    CustomerMessage as CustomerMessage,
)
from ._events import (
    Escalated as Escalated,
)
from ._events import (
    EscalationAcknowledged as EscalationAcknowledged,
)
from ._events import (
    Event as Event,
)
from ._events import (
    InternalNote as InternalNote,
)
from ._events import (
    OwnerChanged as OwnerChanged,
)
from ._events import (
    PriorityChanged as PriorityChanged,
)
from ._events import (
    StatusChanged as StatusChanged,
)
from ._events import (
    SurveyAnswered as SurveyAnswered,
)
from ._events import (
    Tagged as Tagged,
)
from ._events import (
    Transferred as Transferred,
)
from ._events import (
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
