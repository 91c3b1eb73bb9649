"""Follow-the-sun routing to teams, agent workload, and breaks after difficult contacts.

:func:`route` ranks teams for an interaction by their hours, locales, channels,
skills and capacity, and says whether waiting for a closed team would breach the
response target. :func:`suggest_break` and :func:`workload` look after agents:
several difficult customers in a short time deserve a short break. Everything
here is advice computed from events; the host assigns and schedules.
"""

from ._breaks import (
    BreakPolicy as BreakPolicy,
)
from ._breaks import (
    BreakSuggestion as BreakSuggestion,
)
from ._breaks import (
    DifficultContact as DifficultContact,
)
from ._breaks import (
    Difficulty as Difficulty,
)
from ._breaks import (
    Workload as Workload,
)
from ._breaks import (
    suggest_break as suggest_break,
)
from ._breaks import (
    workload as workload,
)
from ._route import (
    BreachRisk as BreachRisk,
)
from ._route import (
    LocaleMatch as LocaleMatch,
)
from ._route import (
    Matches as Matches,
)
from ._route import (
    RouteChoice as RouteChoice,
)
from ._route import (
    RouteReason as RouteReason,
)
from ._route import (
    route as route,
)
from ._teams import (
    Team as Team,
)
from ._teams import (
    Teams as Teams,
)

__all__ = [
    "BreachRisk",
    "BreakPolicy",
    "BreakSuggestion",
    "DifficultContact",
    "Difficulty",
    "LocaleMatch",
    "Matches",
    "RouteChoice",
    "RouteReason",
    "Team",
    "Teams",
    "Workload",
    "route",
    "suggest_break",
    "workload",
]
