"""SlaPolicy.timeline: the report after each moment's events equals evaluate at that moment."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from cxcore import Customer, Interaction, Priority, Status, ValidationError, events
from cxcore.sla import SlaPolicy
from cxcore.testing import interactions, sla_policies
from tests.sla.test_clocks_dev import CASES, build

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def event_moments(ix: Interaction, until: datetime) -> list[datetime]:
    """The opening and every distinct event instant at or before ``until``, in UTC order."""
    # In UTC: aware datetimes in a repeated hour never equal one in another zone (PEP 495).
    end = until.astimezone(UTC)
    found = {ix.opened_at.astimezone(UTC)}
    found |= {e.at.astimezone(UTC) for e in ix.events if e.at.astimezone(UTC) <= end}
    return sorted(found)


def assert_matches_evaluate(policy: SlaPolicy, ix: Interaction, until: datetime) -> None:
    pairs = policy.timeline(ix, until=until)
    assert [m.astimezone(UTC) for m, _ in pairs] == event_moments(ix, until)
    for moment, report in pairs:
        assert moment.tzinfo == policy.zone
        expected = policy.evaluate(ix, at=moment)
        assert report == expected, moment
        assert report.at.astimezone(UTC) == expected.at.astimezone(UTC)
        assert report.at.utcoffset() == expected.at.utcoffset()
        for metric in report:
            assert report.history(metric) == expected.history(metric)


@settings(max_examples=150)
@given(policy=sla_policies(), ix=interactions(max_events=40), data=st.data())
def test_timeline_equals_evaluate_at_every_moment(
    policy: SlaPolicy, ix: Interaction, data: st.DataObject
) -> None:
    last = ix.last_event_at
    until = data.draw(
        st.sampled_from([last, last + timedelta(days=3)])
        | st.sampled_from([e.at for e in ix.events] or [ix.opened_at])
    )
    assert_matches_evaluate(policy, ix, until)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_worked_timelines_match_evaluate(case: dict[str, Any]) -> None:
    policy = SlaPolicy.from_dict(case["policy"])
    ix = build(case)
    assert_matches_evaluate(policy, ix, datetime.fromisoformat(case["at"]))


def _toggling(count: int) -> Interaction:
    """Many pauses, priority changes and cumulative reopens on one RESOLUTION cycle."""
    ix = Interaction.open(
        id="T-long", channel="email", at=T0, customer=Customer(id="c-1"), priority=Priority.NORMAL
    )
    at = T0
    for i in range(count):
        at += timedelta(minutes=37)
        step = i % 6
        if step == 0:
            ix = ix.record(events.CustomerMessage(at=at, text="hello"))
        elif step == 1:
            ix = ix.record(events.AgentReply(at=at, agent="a-1", text="on it"))
        elif step == 2:
            ix = ix.record(events.StatusChanged(at=at, status=Status.PENDING))
        elif step == 3:
            high = Priority.HIGH if i % 12 == 3 else Priority.LOW
            ix = ix.record(events.PriorityChanged(at=at, priority=high))
        elif step == 4:
            ix = ix.record(events.StatusChanged(at=at, status=Status.SOLVED))
        else:
            ix = ix.record(events.StatusChanged(at=at, status=Status.OPEN))
    return ix


POLICY = SlaPolicy.from_dict(
    {
        "name": "long",
        "calendar": {
            "timezone": "Europe/London",
            "hours": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        },
        "reopen": "cumulative",
        "targets": [
            {"metric": "resolution", "within": "3h", "when": {"priority": ["high"]}},
            {"metric": "resolution", "within": "2d"},
            {"metric": "first_response", "within": "1h"},
            {"metric": "next_response", "within": "30m"},
            {"metric": "periodic_update", "within": "2h", "business_hours": False},
        ],
    }
)


def test_long_history_with_pauses_target_changes_and_reopens() -> None:
    ix = _toggling(120)
    assert_matches_evaluate(POLICY, ix, ix.last_event_at)
    fresh = SlaPolicy.from_dict({**POLICY.to_dict(), "reopen": "fresh"})
    assert_matches_evaluate(fresh, ix, ix.last_event_at)


def test_events_at_one_instant_make_one_moment() -> None:
    ix = Interaction.open(id="T-2", channel="chat", at=T0, customer=Customer(id="c-2"))
    at = T0 + timedelta(hours=1)
    ix = ix.record(events.CustomerMessage(at=at, text="hi"))
    ix = ix.record(events.AgentReply(at=at, agent="a-1", text="hello"))
    ix = ix.record(events.StatusChanged(at=T0 + timedelta(hours=2), status=Status.SOLVED))
    pairs = POLICY.timeline(ix, until=ix.last_event_at)
    assert [m for m, _ in pairs] == [T0, at, T0 + timedelta(hours=2)]
    # the reply at that instant is already applied: first response stopped there
    first = pairs[1][1]["first_response"]
    assert first.stopped_at == at


def test_until_cuts_later_events_and_reports_pickle() -> None:
    ix = _toggling(12)
    until = ix.events[5].at
    pairs = POLICY.timeline(ix, until=until)
    assert pairs[-1][0] == until
    assert pickle.loads(pickle.dumps(pairs)) == pairs


def test_bad_arguments_are_validation_errors() -> None:
    ix = _toggling(3)
    with pytest.raises(ValidationError, match="until"):
        POLICY.timeline(ix, until=datetime(2026, 3, 2, 9, 0))
    with pytest.raises(ValidationError, match="before the interaction opened"):
        POLICY.timeline(ix, until=T0 - timedelta(seconds=1))
    with pytest.raises(ValidationError, match=r"ix must be a cxcore\.Interaction"):
        POLICY.timeline("T-1", until=T0)  # type: ignore[arg-type]


def test_cycle_paused_exactly_at_its_due_moment_then_resumed() -> None:
    # Paused at its due moment (not yet breached), it breaches once it runs again.
    policy = SlaPolicy.from_dict(
        {"name": "edge", "targets": [{"metric": "resolution", "within": "1h"}]}
    )
    ix = Interaction.open(id="T-3", channel="chat", at=T0, customer=Customer(id="c-3"))
    ix = ix.record(events.StatusChanged(at=T0 + timedelta(hours=1), status=Status.PENDING))
    ix = ix.record(events.StatusChanged(at=T0 + timedelta(hours=2), status=Status.OPEN))
    ix = ix.record(events.StatusChanged(at=T0 + timedelta(hours=3), status=Status.PENDING))
    ix = ix.record(events.StatusChanged(at=T0 + timedelta(hours=4), status=Status.OPEN))
    assert_matches_evaluate(policy, ix, ix.last_event_at)
    assert policy.timeline(ix, until=ix.last_event_at)[-1][1]["resolution"].state == "breached"


@given(
    items=st.lists(st.integers(), max_size=8),
    cut=st.integers(0, 8),
    tail=st.lists(st.integers(), max_size=2),
    grown=st.lists(st.integers(), max_size=3),
)
def test_a_shared_prefix_behaves_as_its_tuple(
    items: list[int], cut: int, tail: list[int], grown: list[int]
) -> None:
    from cxcore.sla._clock import Extended

    count = min(cut, len(items))
    shared = Extended(items, count, tuple(tail))
    items.extend(grown)  # the list grows for later reports; this one keeps its value
    value = tuple(items[:count]) + tuple(tail)
    assert tuple(shared) == value
    assert len(shared) == len(value)
    assert shared == value
    assert value == shared
    assert not shared.__ne__(value)
    assert hash(shared) == hash(value)
    assert [shared[i] for i in range(-len(value), len(value))] == [
        value[i] for i in range(-len(value), len(value))
    ]
    assert shared[1:] == value[1:]
    with pytest.raises(IndexError):
        shared[len(value)]
    assert pickle.loads(pickle.dumps(shared)) == value
    assert shared != (*value, 0)


def test_reports_share_the_cycles_that_no_longer_change() -> None:
    ix = _toggling(120)
    pairs = POLICY.timeline(ix, until=ix.last_event_at)
    last = pairs[-1][1]
    history = last.history("periodic_update")
    assert isinstance(history, tuple)
    assert len(history) > 10
    assert pickle.loads(pickle.dumps(last)) == last
    assert hash(last) == hash(POLICY.evaluate(ix, at=pairs[-1][0]))
