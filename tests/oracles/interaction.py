"""Brute-force oracle: an interaction's derived state recomputed from its event list alone.

Each field is worked out on its own, by scanning the whole list (the last
event of a kind, a count, a filter), never by the event-by-event fold the
library uses; only the status needs a walk, because each status depends on
the one before.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cxcore import Interaction, Status, events

_REOPEN_INTO = {Status.OPEN, Status.PENDING, Status.ON_HOLD}


def _last(items: list[Any]) -> Any:
    return items[-1] if items else None


def statuses(ix: Interaction) -> list[Status]:
    """The status after each event (index i: after events[i])."""
    out: list[Status] = []
    current = Status.NEW
    for event in ix.events:
        if isinstance(event, events.StatusChanged):
            current = event.status
        elif isinstance(event, events.CustomerMessage) and current in {
            Status.PENDING,
            Status.ON_HOLD,
            Status.SOLVED,
        }:
            current = Status.OPEN
        out.append(current)
    return out


def derived(ix: Interaction) -> dict[str, Any]:
    """Every derived field of ``ix``, from scratch."""
    evs = list(ix.events)
    seq = statuses(ix)
    before = [Status.NEW, *seq[:-1]] if seq else []
    replies = [e for e in evs if isinstance(e, events.AgentReply)]
    messages = [e for e in evs if isinstance(e, events.CustomerMessage)]
    owner_changes = [e for e in evs if isinstance(e, events.OwnerChanged)]
    first_hands = [e for e in evs if isinstance(e, events.Assigned | events.AgentReply)]
    if owner_changes:
        owner = owner_changes[-1].owner
    elif first_hands:
        owner = first_hands[0].agent
    else:
        owner = None
    handoffs = [e for e in evs if isinstance(e, events.Assigned | events.Transferred)]
    teams = [
        e.team
        for e in evs
        if isinstance(e, events.Transferred)
        or (isinstance(e, events.Assigned) and e.team is not None)
    ]
    tag_events = [e for e in evs if isinstance(e, events.Tagged | events.Untagged)]
    tags = {
        tag
        for tag in {e.tag for e in tag_events}
        if isinstance(_last([e for e in tag_events if e.tag == tag]), events.Tagged)
    }
    priorities = [e.priority for e in evs if isinstance(e, events.PriorityChanged)]
    last_reply_index = max(
        (i for i, e in enumerate(evs) if isinstance(e, events.AgentReply)), default=-1
    )
    entered: dict[Status, list[datetime]] = {Status.SOLVED: [], Status.CLOSED: []}
    for event, prev, now in zip(evs, before, seq, strict=True):
        if now is not prev and now in entered:
            entered[now].append(event.at)
    used = [e.channel for e in evs if isinstance(e, events.CustomerMessage | events.AgentReply)]
    return {
        "status": seq[-1] if seq else Status.NEW,
        "priority": priorities[-1] if priorities else ix.initial_priority,
        "owner": owner,
        "assignee": _last(handoffs).agent if handoffs else None,
        "team": _last(teams),
        "tags": frozenset(tags),
        "first_reply_at": replies[0].at if replies else None,
        "last_reply_at": _last(replies).at if replies else None,
        "last_customer_message_at": _last(messages).at if messages else None,
        "reply_count": len(replies),
        "message_count": len(messages),
        "unanswered_messages": sum(
            1
            for i, e in enumerate(evs)
            if isinstance(e, events.CustomerMessage) and i > last_reply_index
        ),
        "reopen_count": sum(
            1
            for prev, now in zip(before, seq, strict=True)
            if prev is Status.SOLVED and now in _REOPEN_INTO
        ),
        "transfer_count": sum(isinstance(e, events.Transferred) for e in evs),
        "channels": tuple(dict.fromkeys([ix.channel, *(c for c in used if c is not None)])),
        "escalation_keys": frozenset(e.key for e in evs if isinstance(e, events.Escalated)),
        "acknowledged_keys": frozenset(
            e.key for e in evs if isinstance(e, events.EscalationAcknowledged)
        ),
        "solved_at": _last(entered[Status.SOLVED]),
        "closed_at": _last(entered[Status.CLOSED]),
        "last_event_at": evs[-1].at if evs else ix.opened_at,
    }


#: The derived fields the oracle recomputes.
FIELDS = (
    "status",
    "priority",
    "owner",
    "assignee",
    "team",
    "tags",
    "first_reply_at",
    "last_reply_at",
    "last_customer_message_at",
    "reply_count",
    "message_count",
    "unanswered_messages",
    "reopen_count",
    "transfer_count",
    "channels",
    "escalation_keys",
    "acknowledged_keys",
    "solved_at",
    "closed_at",
    "last_event_at",
)


def actual(ix: Interaction) -> dict[str, Any]:
    """The same fields as the library derives them."""
    return {name: getattr(ix, name) for name in FIELDS}
