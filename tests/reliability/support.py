"""Shared pieces of the reliability suite: valid documents, a snapshot that survives any depth."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from cxcore import Customer, Interaction, events as ev

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NAIVE = datetime(2026, 3, 2, 9, 0)

CALENDAR: dict[str, Any] = {
    "timezone": "Asia/Seoul",
    "hours": {
        "mon": [["09:00", "12:00"], ["13:00", "18:00"]],
        "fri": [["09:00", "18:00"], ["22:00", "06:00"]],
    },
    "holidays": [
        "2026-05-01",
        {"rrule": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "dtstart": "2026-01-01"},
    ],
    "overrides": {"2026-12-24": [["09:00", "13:00"]]},
}

SLA_POLICY: dict[str, Any] = {
    "name": "standard",
    "calendar": CALENDAR,
    "warning": 0.75,
    "pause_resolution_on": ["pending"],
    "reopen": "cumulative",
    "targets": [
        {"metric": "first_response", "within": "1h", "when": {"priority": ["urgent", "high"]}},
        {"metric": "first_response", "within": "8h"},
        {"metric": "next_response", "within": "4h"},
        {"metric": "periodic_update", "within": "8h"},
        {"metric": "resolution", "within": "5d", "business_hours": False},
    ],
}

STEP: dict[str, Any] = {"after": "0m", "level": 1, "actions": [{"notify": "lead"}]}

ESCALATION_POLICY: dict[str, Any] = {
    "name": "desk",
    "rules": [
        {
            "id": "late",
            "when": {
                "all": [
                    {"sla": {"metric": "first_response", "state": "breached"}},
                    {"priority": {"at_least": "high"}},
                ]
            },
            "steps": [
                {"after": "0m", "level": 1, "actions": [{"notify": "lead"}, {"handover_note": {}}]},
                {"after": "30m", "level": 2, "actions": [{"set_priority": "urgent"}]},
            ],
        },
        {
            "id": "human",
            "when": {"signal": "asks_for_human"},
            "steps": [{"after": "0m", "level": 1, "actions": [{"offer_human": True}]}],
        },
        {
            "id": "transfer",
            "when": {"event": "transferred"},
            "steps": [{"after": "1d", "level": 0, "actions": [{"follow_up": {"by": "owner"}}]}],
        },
    ],
}

RULE: dict[str, Any] = {
    "id": "acme-wismo",
    "category": "jargon",
    "patterns": ["wismo"],
    "message": "WISMO is internal shorthand.",
    "suggestions": ["Say what the customer asked."],
    "examples": {"flagged": ["Your parcel is in the WISMO queue."]},
}

RULE_PACK: dict[str, Any] = {
    "pack": {"name": "acme", "locale": "en"},
    "markers": {"when": {"patterns": ["today", "tomorrow"]}},
    "rules": [RULE],
    "signals": [
        {
            "id": "acme-chargeback",
            "kind": "churn_risk",
            "patterns": ["chargeback"],
            "examples": {"flagged": ["I'll file a chargeback."]},
        }
    ],
}

TEAM: dict[str, Any] = {
    "id": "seoul",
    "calendar": {"timezone": "Asia/Seoul", "hours": {"mon": [["09:00", "17:00"]]}},
    "locales": ["ko", "en"],
    "channels": ["email", "chat"],
    "tags": ["billing"],
    "capacity": 40,
}

TEAMS: dict[str, Any] = {"teams": [TEAM]}

BREAK_POLICY: dict[str, Any] = {
    "difficult_contacts": 3,
    "within": "1h",
    "break": "15m",
    "cooldown": "2h",
    "difficult": {
        "frustration": True,
        "escalated": True,
        "survey": {"name": "csat", "at_most": 2},
        "handling_over": "30m",
    },
}


def interaction_doc() -> dict[str, Any]:
    """A small interaction in its document form."""
    ix = sample_interaction()
    return ix.to_dict()


def sample_interaction() -> Interaction:
    """An email inquiry with a message, a reply, a transfer and a survey."""
    ix = Interaction.open(
        id="T-1",
        channel="email",
        at=T0,
        customer=Customer(id="c-9", tier="vip", locale="ko-KR"),
        priority="high",
        subject="환불 문의",
    )
    return ix.record_all(
        [
            ev.CustomerMessage(at=T0, text="환불은 언제 되나요? 상담원 연결해 주세요"),
            ev.AgentReply(at=T0.replace(hour=10), agent="a-1", text="확인해 드리겠습니다."),
            ev.Transferred(at=T0.replace(hour=11), team="billing", reason="refund"),
            ev.SurveyAnswered(at=T0.replace(hour=12), survey="csat", score=4),
        ]
    )


def deep_list(depth: int, leaf: object = "x") -> object:
    """``[[[...leaf...]]]``, ``depth`` lists deep, built without recursion."""
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def deep_dict(depth: int, key: str = "not", leaf: object = None) -> object:
    """``{key: {key: ... leaf}}``, ``depth`` tables deep."""
    value: object = {"status": {"in": ["open"]}} if leaf is None else leaf
    for _ in range(depth):
        value = {key: value}
    return value


def snapshot(value: object) -> tuple[object, ...]:
    """A flat, comparable picture of a nested value, taken without recursion (any depth).

    Each node is recorded with its parent's number and its key there, so the
    picture grows linearly with the value however deep it is.
    """
    out: list[object] = []
    stack: list[tuple[int, object, object]] = [(-1, None, value)]
    seen: dict[int, int] = {}
    while stack:
        parent, key, item = stack.pop()
        number = len(out)
        if isinstance(item, dict | list | tuple | set | frozenset):
            if id(item) in seen:  # a cycle, or a shared child: point at its first picture
                out.append((parent, key, "seen", seen[id(item)]))
                continue
            seen[id(item)] = number
            out.append((parent, key, type(item).__name__, len(item)))
            if isinstance(item, dict):
                stack.extend((number, repr(k), v) for k, v in item.items())
            elif isinstance(item, set | frozenset):
                out.append((number, "members", "set", tuple(sorted(map(repr, item)))))
            else:
                stack.extend((number, i, v) for i, v in enumerate(item))
        else:
            out.append((parent, key, type(item).__name__, repr(item)))
    return tuple(out)


def doc(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of ``base`` with top-level keys replaced (``DROP`` removes one)."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if value is _DROP:
            out.pop(key, None)
        else:
            out[key] = value
    return out


_DROP = object()
DROP: Any = _DROP
