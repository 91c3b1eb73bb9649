"""Brute-force oracle for escalation: judge the condition minute by minute, no stretches.

For interactions whose events fall on whole minutes and policies whose
durations are whole minutes (and no SLA leaf or calendar), every boundary
is a whole minute, so looking at each minute is exact. At each minute the
condition is read straight from the interaction as it was then
(``ix.up_to(minute)``), never from the library's stretch algebra; a cause
starts where the condition turns true or where an event leaf's event
happens while the branch holding it holds; step ``k`` fires if the condition holds at every
minute from the cause's start to its due moment.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from cxcore import Interaction, Priority, Status, events

MINUTE = timedelta(minutes=1)
_DONE = {Status.SOLVED, Status.CLOSED}


def _minutes(value: str) -> timedelta:
    assert value.endswith("m"), value
    return timedelta(minutes=int(value[:-1]))


def _transfers(ix: Interaction) -> list[datetime]:
    return [e.at for e in ix.events if isinstance(e, events.Transferred)]


class Views(dict[datetime, Interaction]):
    """``ix.up_to(minute)``, worked out once per minute."""

    def __init__(self, ix: Interaction) -> None:
        super().__init__()
        self.ix = ix

    def __missing__(self, at: datetime) -> Interaction:
        self[at] = self.ix.up_to(at)
        return self[at]


def _event_holds(ix: Interaction, at: datetime, views: Views) -> bool:
    """Some transfer at or before ``at`` with no solved/closed minute since."""
    for moment in _transfers(ix):
        if moment > at:
            continue
        probe = moment
        ok = True
        while probe <= at:
            if views[probe].status in _DONE:
                ok = False
                break
            probe += MINUTE
        if ok:
            return True
    return False


def holds(node: dict[str, Any], ix: Interaction, at: datetime, views: Views) -> bool:
    """Whether the condition ``node`` (config form) holds at ``at``."""
    ((key, body),) = node.items()
    if key == "all":
        return all(holds(child, ix, at, views) for child in body)
    if key == "any":
        return any(holds(child, ix, at, views) for child in body)
    if key == "not":
        return not holds(body, ix, at, views)
    view = views[at]
    if key == "status":
        return view.status.value in body["in"]
    if key == "priority":
        if "at_least" in body:
            return view.priority >= Priority(body["at_least"])
        return view.priority.value in body["in"]
    if key == "tags":
        return body["contains"] in view.tags
    if key == "assignee":
        return (view.assignee is None) is body["unset"]
    if key == "transfers":
        return view.transfer_count >= body["at_least"]
    if key == "unanswered_messages":
        return view.unanswered_messages >= body["at_least"]
    if key == "since":
        ((anchor, amount),) = body.items()
        if anchor == "opened":
            return at >= ix.opened_at + _minutes(amount)
        last = view.last_customer_message_at
        return last is not None and at >= last + _minutes(amount)
    if key == "event":
        return _event_holds(ix, at, views)
    raise AssertionError(f"the oracle does not know {key!r}")


def _marks(node: dict[str, Any], ix: Interaction, at: datetime, views: Views) -> bool:
    """Whether an event leaf (not under a ``not``) marks a new cause at ``at``.

    Its event must happen at ``at`` while every ``all`` above it holds: a transfer
    inside a branch that does not hold is no reason for this rule.
    """
    ((key, body),) = node.items()
    if key == "all":
        return holds(node, ix, at, views) and any(_marks(child, ix, at, views) for child in body)
    if key == "any":
        return any(_marks(child, ix, at, views) for child in body)
    if key == "event":
        return at in _transfers(ix) and holds(node, ix, at, views)
    return False


def _part(text: str) -> str:
    return quote(text, safe="") if "/" in text or "%" in text else text


def expected_keys(
    policy: dict[str, Any], ix: Interaction, *, until: datetime
) -> set[tuple[str, datetime]]:
    """``{(key, due)}`` of every step due by ``until`` with nobody acknowledging."""
    out: set[tuple[str, datetime]] = set()
    views = Views(ix)
    minutes: list[datetime] = []
    probe = ix.opened_at
    while probe <= until:
        minutes.append(probe)
        probe += MINUTE
    for rule in policy["rules"]:
        truth = [holds(rule["when"], ix, m, views) for m in minutes]
        starts = [
            i
            for i, ok in enumerate(truth)
            if ok and (i == 0 or not truth[i - 1] or _marks(rule["when"], ix, minutes[i], views))
        ]
        for i in starts:
            offset = timedelta(0)
            for k, step in enumerate(rule["steps"]):
                offset += _minutes(step["after"])
                due = minutes[i] + offset
                if due > until:
                    break
                j = i + int(offset / MINUTE)
                if not all(truth[i : j + 1]):
                    break
                start = minutes[i].astimezone(UTC).isoformat(timespec="microseconds")
                key = f"{_part(policy['name'])}/{_part(rule['id'])}/{_part(ix.id)}/{start}/{k}"
                out.add((key, due))
    return out
