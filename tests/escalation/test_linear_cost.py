"""Escalation with SLA leaves costs operations linear in the events and in the rules.

Counted, not timed: the SLA's per-event fold (``_Walk.apply`` in
``cxcore.sla._clock_cycles``) and business-calendar arithmetic
(``BusinessCalendar.add``/``elapsed``/``subtract``), over interactions and
policies that double in size.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cxcore import Customer, Interaction, Priority, Status, events
from cxcore.escalation import EscalationPolicy
from cxcore.sla import BusinessCalendar, SlaPolicy, _clock_cycles

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
#: Doubling one size may at most double the work, with a little slack for rounding.
GROWTH = 2.2

SLA = SlaPolicy.from_dict(
    {
        "name": "business",
        "calendar": {
            "timezone": "Asia/Seoul",
            "hours": {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": ["2026-03-03"],
        },
        "pause_resolution_on": ["pending", "on_hold"],
        "targets": [
            {"metric": "first_response", "within": "1h", "when": {"priority": ["urgent"]}},
            {"metric": "first_response", "within": "4h"},
            {"metric": "next_response", "within": "2h"},
            {"metric": "periodic_update", "within": "8h"},
            {"metric": "resolution", "within": "30m", "when": {"priority": ["urgent"]}},
            {"metric": "resolution", "within": "3d"},
        ],
    }
)

SLA_LEAVES: list[dict[str, Any]] = [
    {"sla": {"metric": "first_response", "state": "breached"}},
    {"sla": {"metric": "next_response", "state": "at_risk"}},
    {"sla": {"metric": "resolution", "remaining_below": "2h"}},
    {"sla": {"metric": "periodic_update", "state": "breached"}},
    {"sla": {"metric": "resolution", "state": "paused"}},
]


def rules(count: int) -> list[dict[str, Any]]:
    """``count`` rules, each reading the SLA (some beside a field leaf)."""
    made = []
    for i in range(count):
        leaf = SLA_LEAVES[i % len(SLA_LEAVES)]
        when = leaf if i % 2 == 0 else {"all": [leaf, {"status": {"in": ["open", "pending"]}}]}
        made.append(
            {
                "id": f"r{i}",
                "when": when,
                "steps": [
                    {"after": "0m", "level": 0, "actions": [{"notify": "lead"}]},
                    {"after": "1h", "level": 1, "actions": [{"notify": "manager"}]},
                ],
            }
        )
    return made


def busy(size: int) -> Interaction:
    """``size`` events that start, stop, pause and re-target every clock, and reopen."""
    ix = Interaction.open(
        id=f"T-{size}",
        channel="email",
        at=T0,
        customer=Customer(id="c-1", tier="vip"),
        priority=Priority.NORMAL,
    )
    pattern = [
        lambda at: events.CustomerMessage(at=at, text="Any news?"),
        lambda at: events.AgentReply(at=at, agent="a-1", text="Looking into it."),
        lambda at: events.StatusChanged(at=at, status=Status.PENDING),
        lambda at: events.CustomerMessage(at=at, text="Still waiting."),
        lambda at: events.PriorityChanged(at=at, priority=Priority.URGENT),
        lambda at: events.StatusChanged(at=at, status=Status.ON_HOLD),
        lambda at: events.StatusChanged(at=at, status=Status.OPEN),
        lambda at: events.PriorityChanged(at=at, priority=Priority.NORMAL),
        lambda at: events.StatusChanged(at=at, status=Status.SOLVED),
        lambda at: events.Transferred(at=at, team="tech"),
    ]
    at = T0
    for i in range(size):
        at += timedelta(minutes=23 + (i % 7) * 11)
        ix = ix.record(pattern[i % len(pattern)](at))
    return ix


class Counts:
    def __init__(self) -> None:
        self.folds = 0
        self.calendar = 0


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    found = Counts()
    apply = _clock_cycles._Walk.apply

    def counted_apply(self: Any, event: events.Event) -> None:
        found.folds += 1
        apply(self, event)

    monkeypatch.setattr(_clock_cycles._Walk, "apply", counted_apply)
    for name in ("add", "elapsed", "subtract"):
        inner = getattr(BusinessCalendar, name)

        def counted(*args: Any, _inner: Any = inner, **kwargs: Any) -> Any:
            found.calendar += 1
            return _inner(*args, **kwargs)

        monkeypatch.setattr(BusinessCalendar, name, counted)
    return found


def measure(counts: Counts, esc: EscalationPolicy, ix: Interaction) -> tuple[int, int, int]:
    counts.folds = counts.calendar = 0
    result = esc.evaluate(ix, at=ix.last_event_at + timedelta(hours=1), sla=SLA)
    assert result.errors == ()
    return counts.folds, counts.calendar, len(result.decisions)


def assert_linear(values: list[int], what: str) -> None:
    for small, large in itertools.pairwise(values):
        assert large <= GROWTH * small, f"{what} grew from {small} to {large}: {values}"


def test_cost_is_linear_in_the_events(counts: Counts) -> None:
    esc = EscalationPolicy.from_dict({"name": "sla", "rules": rules(5)})
    sizes = (50, 100, 200, 400)
    measured = [measure(counts, esc, busy(size)) for size in sizes]
    folds = [m[0] for m in measured]
    calendar = [m[1] for m in measured]
    # The SLA walk folds each event once, however many moments it reports on.
    assert folds == list(sizes)
    assert_linear(calendar, "calendar calls")
    assert all(m[2] > 0 for m in measured)  # the rules do fire: the work is not skipped


def test_cost_is_linear_in_the_rules(counts: Counts) -> None:
    ix = busy(100)
    measured = []
    for count in (5, 10, 20):
        esc = EscalationPolicy.from_dict({"name": "sla", "rules": rules(count)})
        measured.append(measure(counts, esc, ix))
    # One SLA walk is shared by every rule's SLA leaves.
    assert [m[0] for m in measured] == [100, 100, 100]
    assert_linear([m[1] for m in measured], "calendar calls")
    assert all(m[2] > 0 for m in measured)


def test_counting_sees_what_a_quadratic_walk_would_cost(counts: Counts) -> None:
    # The yardstick the tests above rule out: evaluating the policy at every event moment.
    ix = busy(100)
    counts.folds = 0
    for event in ix.events:
        SLA.evaluate(ix, at=event.at)
    assert counts.folds > 100 * 100 // 3


def test_a_stand_in_with_only_evaluate_gives_the_same_decisions() -> None:
    class Wrapper:
        def __init__(self) -> None:
            self.calls = 0

        def evaluate(self, ix: Interaction, *, at: datetime) -> Any:
            self.calls += 1
            return SLA.evaluate(ix, at=at)

    esc = EscalationPolicy.from_dict({"name": "sla", "rules": rules(5)})
    ix = busy(60)
    at = ix.last_event_at + timedelta(hours=1)
    wrapper = Wrapper()
    wrapped = esc.evaluate(ix, at=at, sla=wrapper)  # type: ignore[arg-type]
    assert wrapper.calls > 0
    assert wrapped == esc.evaluate(ix, at=at, sla=SLA)
