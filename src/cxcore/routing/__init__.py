"""Follow-the-sun routing to teams, agent workload, and breaks after difficult contacts.

:func:`route` ranks teams for an interaction by their hours, locales, channels,
skills and capacity, and says whether waiting for a closed team would breach the
response target. :func:`suggest_break` and :func:`workload` look after agents:
several difficult customers in a short time deserve a short break. Everything
here is advice computed from events; the host assigns and schedules.
"""

from ._breaks import (
    BreakPolicy as BreakPolicy,
    BreakSuggestion as BreakSuggestion,
    DifficultContact as DifficultContact,
    Difficulty as Difficulty,
    Workload as Workload,
    suggest_break as suggest_break,
    workload as workload,
)
from ._route import (
    BreachRisk as BreachRisk,
    LocaleMatch as LocaleMatch,
    Matches as Matches,
    RouteChoice as RouteChoice,
    RouteReason as RouteReason,
    route as route,
)
from ._teams import (
    Team as Team,
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
