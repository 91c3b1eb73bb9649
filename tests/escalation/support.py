"""Shared builders for the escalation tests: interactions on a minute grid, random policies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from cxcore import Customer, Interaction, events
from cxcore.escalation import EscalationPolicy

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def at(minutes: float) -> datetime:
    """``T0`` plus ``minutes``."""
    return T0 + timedelta(minutes=minutes)


def opened(
    *,
    priority: str = "normal",
    tier: str = "standard",
    locale: str | None = "en",
    ix_id: str = "T-1",
) -> Interaction:
    """A fresh email interaction opened at ``T0``."""
    return Interaction.open(
        id=ix_id,
        channel="email",
        at=T0,
        customer=Customer(id="c-9", tier=tier, locale=locale),
        priority=priority,
        subject="Refund for order 1234",
    )


def policy(*rules: dict[str, Any], name: str = "default", **extra: Any) -> EscalationPolicy:
    """A policy from rule dicts."""
    return EscalationPolicy.from_dict({"name": name, "rules": list(rules), **extra})


def rule(
    when: dict[str, Any], *afters: str, rule_id: str = "r", action: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A rule with one step per ``after`` (levels 0, 1, 2 …) notifying ``lead``."""
    return {
        "id": rule_id,
        "when": when,
        "steps": [
            {"after": a, "level": i, "actions": [action or {"notify": "lead"}]}
            for i, a in enumerate(afters or ("0m",))
        ],
    }


def sweep(
    esc: EscalationPolicy, ix: Interaction, moment: datetime, **kw: Any
) -> tuple[Interaction, list[str]]:
    """Evaluate at ``moment`` and record every decision there; the new interaction and keys."""
    result = esc.evaluate(ix, at=moment, **kw)
    keys = []
    for decision in result.decisions:
        assert decision.key not in ix.escalation_keys
        ix = ix.record(decision.to_event(at=moment))
        keys.append(decision.key)
    return ix, keys


# --------------------------------------------------------------------------- random material

_LEAVES = st.sampled_from(
    [
        {"status": {"in": ["open"]}},
        {"status": {"in": ["new", "open"]}},
        {"status": {"in": ["pending"]}},
        {"priority": {"at_least": "high"}},
        {"priority": {"in": ["urgent"]}},
        {"tags": {"contains": "vip"}},
        {"assignee": {"unset": True}},
        {"transfers": {"at_least": 1}},
        {"unanswered_messages": {"at_least": 2}},
        {"since": {"last_customer_message": "30m"}},
        {"since": {"opened": "60m"}},
        {"event": "transferred"},
    ]
)


def _trees(leaves: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(leaves, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(leaves, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, leaves),
    )


conditions_config = st.recursive(_LEAVES, _trees, max_leaves=4)

_AFTERS = st.sampled_from(["0m", "5m", "20m", "45m"])


@st.composite
def policies_config(draw: st.DrawFn) -> dict[str, Any]:
    """A policy document of one to three rules over the minute-exact leaves."""
    rules = []
    for index in range(draw(st.integers(1, 3))):
        afters = draw(st.lists(_AFTERS, min_size=1, max_size=3))
        rules.append(
            {
                "id": f"rule/{index}" if index == 2 else f"rule-{index}",
                "when": draw(conditions_config),
                "steps": [
                    {"after": a, "level": i, "actions": [{"notify": f"level-{i}"}]}
                    for i, a in enumerate(afters)
                ],
            }
        )
    return {"name": "random", "rules": rules}


def _event(kind: str, moment: datetime, choice: int) -> events.Event:
    if kind == "message":
        return events.CustomerMessage(at=moment, text="Any news?")
    if kind == "reply":
        return events.AgentReply(at=moment, agent=f"a-{choice}", text="Looking into it.")
    if kind == "status":
        return events.StatusChanged(at=moment, status=("open", "pending", "solved")[choice])
    if kind == "transfer":
        return events.Transferred(at=moment, team=("billing", "tech", "tier2")[choice])
    if kind == "priority":
        return events.PriorityChanged(at=moment, priority=("normal", "high", "urgent")[choice])
    if kind == "assign":
        return events.Assigned(at=moment, agent=f"a-{choice}", team="support")
    if kind == "tag":
        return events.Tagged(at=moment, tag="vip")
    return events.Untagged(at=moment, tag="vip")


_KINDS = ["message", "reply", "status", "transfer", "priority", "assign", "tag", "untag"]


@st.composite
def histories(draw: st.DrawFn, *, span: int = 180) -> list[events.Event]:
    """Time-ordered events within ``span`` minutes of ``T0``, mostly on a 5-minute grid.

    The grid makes a step's due moment often coincide with an event, where the
    boundaries matter.
    """
    count = draw(st.integers(0, 12))
    moment = st.one_of(st.integers(0, span // 5).map(lambda m: m * 5), st.integers(0, span))
    minutes = sorted(draw(st.lists(moment, min_size=count, max_size=count)))
    return [_event(draw(st.sampled_from(_KINDS)), at(m), draw(st.integers(0, 2))) for m in minutes]
