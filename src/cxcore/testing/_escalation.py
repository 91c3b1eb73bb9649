"""Valid escalation policies over the built-in condition leaves and actions.

Policies are drawn as documents (``EscalationPolicy.from_dict``): condition
trees of ``all``/``any``/``not`` over every built-in leaf kind, steps whose
levels never go down, every built-in action. SLA leaves appear only when asked
for, since a policy that uses them needs ``sla=`` at evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hypothesis import strategies as st

from cxcore._errors import ValidationError
from cxcore.escalation import EscalationPolicy

from ._datetimes import DST_ZONES
from ._sla import calendar_documents, zone_names

__all__ = ["escalation_policies", "escalation_policy_documents"]

_STATUSES = ("new", "open", "pending", "on_hold", "solved", "closed")
_PRIORITIES = ("low", "normal", "high", "urgent")
_AGES = ("15m", "1h", "4h", "1d", "PT30M")


def _some(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True)


def _leaf(key: str, body: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(lambda value: {key: value}, body)


_FIELD_LEAVES = st.one_of(
    _leaf("status", st.builds(lambda v: {"in": v}, _some(_STATUSES))),
    _leaf("channel", st.builds(lambda v: {"in": v}, _some(("email", "chat", "phone")))),
    _leaf("tier", st.builds(lambda v: {"in": v}, _some(("vip", "standard")))),
    _leaf("team", st.builds(lambda v: {"in": v}, _some(("billing", "tech", "tier2")))),
    _leaf("priority", st.builds(lambda v: {"in": v}, _some(_PRIORITIES))),
    _leaf("priority", st.builds(lambda v: {"at_least": v}, st.sampled_from(_PRIORITIES))),
    _leaf("tags", st.builds(lambda v: {"contains": v}, st.sampled_from(("refund", "vip", "bug")))),
    _leaf("assignee", st.just({"unset": True})),
    _leaf("reopens", st.builds(lambda n: {"at_least": n}, st.integers(1, 3))),
    _leaf("transfers", st.builds(lambda n: {"at_least": n}, st.integers(1, 2))),
    _leaf("unanswered_messages", st.builds(lambda n: {"at_least": n}, st.integers(1, 3))),
    _leaf("became", st.builds(lambda v: {"priority": v}, st.sampled_from(_PRIORITIES))),
    _leaf(
        "since",
        st.builds(
            lambda k, v: {k: v},
            st.sampled_from(("opened", "last_customer_message", "last_agent_reply")),
            st.sampled_from(_AGES),
        ),
    ),
    _leaf("event", st.sampled_from(("transferred", "reopened", "priority_changed", "assigned"))),
    _leaf("signal", st.sampled_from(("asks_for_human", "frustration", "churn_risk", "urgency"))),
    _leaf(
        "survey",
        st.builds(lambda n: {"name": "csat", "at_most": n}, st.integers(1, 3)),
    ),
)

_SLA_LEAVES = st.one_of(
    _leaf(
        "sla",
        st.builds(
            lambda m, s: {"metric": m, "state": s},
            st.sampled_from(("first_response", "next_response", "periodic_update", "resolution")),
            st.sampled_from(("running", "paused", "met", "breached", "at_risk")),
        ),
    ),
    _leaf(
        "sla",
        st.builds(
            lambda m, d: {"metric": m, "remaining_below": d},
            st.sampled_from(("first_response", "resolution")),
            st.sampled_from(("30m", "1h", "2h")),
        ),
    ),
)

_ACTIONS = st.one_of(
    _leaf("notify", st.sampled_from(("team-lead", "on-call", "팀장"))),
    _leaf("set_priority", st.sampled_from(("high", "urgent"))),
    _leaf("reassign", st.sampled_from(({"team": "tier2"}, {"agent": "a-9"}))),
    _leaf("offer_human", st.just(True)),
    _leaf("handover_note", st.sampled_from(({}, {"locale": "ko"}, {"locale": "en"}))),
    _leaf("follow_up", st.just({"by": "owner"})),
    _leaf("tag", st.just("escalated")),
)


def _tree(leaves: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda x: {"not": x}, inner),
        ),
        max_leaves=4,
    )


@st.composite
def _steps(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 3))
    level = draw(st.integers(0, 1))
    steps = []
    for _ in range(count):
        level += draw(st.integers(0, 1))  # levels never go down
        steps.append(
            {
                "after": draw(st.sampled_from(("0m", "10m", "30m", "1h", "PT2H", 600))),
                "level": level,
                "actions": draw(st.lists(_ACTIONS, min_size=1, max_size=2)),
            }
        )
    return steps


@st.composite
def _document(draw: st.DrawFn, sla: bool, zones: tuple[str, ...]) -> dict[str, Any]:
    leaves = st.one_of(_FIELD_LEAVES, _SLA_LEAVES) if sla else _FIELD_LEAVES
    count = draw(st.integers(1, 3))
    rules = [
        {"id": f"rule-{i}", "when": draw(_tree(leaves)), "steps": draw(_steps())}
        for i in range(count)
    ]
    doc: dict[str, Any] = {
        "name": draw(st.sampled_from(("escalation", "vip-care"))),
        "rules": rules,
    }
    if draw(st.integers(0, 3)) == 0:
        doc["calendar"] = draw(calendar_documents(zones))
    return doc


def escalation_policy_documents(
    *, sla: bool = False, zones: str | Iterable[str] = DST_ZONES
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid escalation policy documents (see :func:`escalation_policies`)."""
    if not isinstance(sla, bool):
        raise ValidationError(f"sla must be True or False (got {sla!r})")
    return _document(sla, zone_names(zones))


def escalation_policies(
    *, sla: bool = False, zones: str | Iterable[str] = DST_ZONES
) -> st.SearchStrategy[EscalationPolicy]:
    """Valid :class:`~cxcore.escalation.EscalationPolicy` values over the built-in leaves.

    With ``sla=True`` the conditions may read SLA clocks too (then evaluate
    with ``sla=``, e.g. a policy from :func:`sla_policies`). A quarter of the
    policies measure their delays on a calendar from :func:`calendars`.
    """
    return escalation_policy_documents(sla=sla, zones=zones).map(EscalationPolicy.from_dict)
