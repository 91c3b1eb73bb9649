"""Laws of SlaPolicy.evaluate, and agreement with a minute-by-minute brute-force oracle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from cxcore import Customer, Interaction, TransitionError, events
from cxcore.sla import Metric, SlaPolicy, SlaReport
from tests.oracles.clocks import OTarget, simulate

SEOUL = ZoneInfo("Asia/Seoul")
#: Monday 08:00 in Seoul: the calendar opens an hour later, and timelines run into the night.
BASE = datetime(2026, 3, 2, 8, 0, tzinfo=SEOUL)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
CALENDAR = {"timezone": "Asia/Seoul", "hours": {d: [["09:00", "17:00"]] for d in WEEKDAYS}}
MICRO = timedelta(microseconds=1)


def business_minute(m: int) -> bool:
    """Whether the calendar above is open during minute ``m`` after BASE."""
    local = 8 * 60 + m
    day, minute = divmod(local, 1440)
    return day % 7 < 5 and 9 * 60 <= minute < 17 * 60


@dataclass(frozen=True)
class Scenario:
    policy: dict[str, Any]
    targets: list[OTarget]
    steps: list[tuple[int, str, str]]


KINDS = st.sampled_from(
    [
        ("message", ""),
        ("message", ""),
        ("message", ""),
        ("reply", ""),
        ("reply", ""),
        ("reply", ""),
        ("note", ""),
        ("status", "open"),
        ("status", "pending"),
        ("status", "pending"),
        ("status", "on_hold"),
        ("status", "solved"),
        ("status", "solved"),
        ("priority", "high"),
        ("priority", "low"),
        ("tag", "vip"),
        ("untag", "vip"),
        ("assign", "billing"),
    ]
)
#: Closing ends every clock for good, so it comes rarely and only at the end.
CLOSE = st.sampled_from([[], [], [], [("status", "closed")]])
WITHIN = st.sampled_from([4, 8, 20, 60, 120, 240, 480])


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    warning = draw(st.sampled_from([Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)]))
    calendar = draw(st.booleans())
    targets: list[OTarget] = []
    for metric in (m.value for m in Metric):
        if draw(st.booleans()):
            targets.append(
                OTarget(
                    metric=metric,
                    within=draw(WITHIN),
                    business_hours=draw(st.booleans()),
                    priorities=frozenset({"high", "urgent"}),
                )
            )
        if draw(st.booleans()):
            targets.append(OTarget(metric=metric, within=draw(WITHIN), tags=frozenset({"vip"})))
        if draw(st.integers(0, 3)):
            targets.append(
                OTarget(metric=metric, within=draw(WITHIN), business_hours=draw(st.booleans()))
            )
    policy: dict[str, Any] = {
        "name": "prop",
        "warning": str(warning),
        "pause_resolution_on": draw(
            st.sampled_from([["pending"], ["pending", "on_hold"], [], ["on_hold"]])
        ),
        "reopen": draw(st.sampled_from(["cumulative", "fresh"])),
        "targets": [_target_dict(t) for t in targets],
    }
    if calendar:
        policy["calendar"] = CALENDAR
    else:
        targets = [
            OTarget(t.metric, t.within, False, t.priorities, t.tags) for t in targets
        ]  # no calendar: every target runs around the clock
    gaps = draw(st.lists(st.tuples(st.integers(0, 90), KINDS), min_size=2, max_size=14))
    gaps += [(draw(st.integers(0, 90)), close) for close in draw(CLOSE)]
    steps: list[tuple[int, str, str]] = [(0, "message", "")]
    minute = 0
    for gap, (kind, arg) in gaps:
        minute += gap
        steps.append((minute, kind, arg))
    return Scenario(policy=policy, targets=targets, steps=steps)


def _target_dict(t: OTarget) -> dict[str, Any]:
    out: dict[str, Any] = {"metric": t.metric, "within": f"{t.within}m"}
    if not t.business_hours:
        out["business_hours"] = False
    when: dict[str, list[str]] = {}
    if t.priorities is not None:
        when["priority"] = sorted(t.priorities)
    if t.tags is not None:
        when["tags"] = sorted(t.tags)
    if when:
        out["when"] = when
    return out


def _event(minute: int, kind: str, arg: str) -> events.Event:
    at = BASE + timedelta(minutes=minute)
    if kind == "message":
        return events.CustomerMessage(at=at, text="문의드립니다")
    if kind == "reply":
        return events.AgentReply(at=at, agent="a-1", text="확인하겠습니다")
    if kind == "note":
        return events.InternalNote(at=at, agent="a-1", text="메모")
    if kind == "status":
        return events.StatusChanged(at=at, status=arg)
    if kind == "priority":
        return events.PriorityChanged(at=at, priority=arg)
    if kind == "tag":
        return events.Tagged(at=at, tag=arg)
    if kind == "untag":
        return events.Untagged(at=at, tag=arg)
    return events.Assigned(at=at, agent="a-2", team=arg)


def build(steps: list[tuple[int, str, str]]) -> tuple[Interaction, list[tuple[int, str, str]]]:
    """The interaction and the steps it accepted (a step its status forbids is skipped)."""
    ix = Interaction.open(id="P-1", channel="email", at=BASE, customer=Customer(id="c-1"))
    kept = []
    for step in steps:
        try:
            ix = ix.record(_event(*step))
        except TransitionError:
            continue
        kept.append(step)
    return ix, kept


def _minutes(value: datetime | None) -> object:
    return None if value is None else (value - BASE) / timedelta(minutes=1)


@settings(max_examples=400)
@given(scenario=scenarios(), extra=st.integers(0, 900), data=st.data())
def test_evaluate_agrees_with_the_brute_force_oracle(
    scenario: Scenario, extra: int, data: st.DataObject
) -> None:
    ix, kept = build(scenario.steps)
    near = data.draw(st.sampled_from([step[0] for step in kept]), label="near")
    at = near + data.draw(st.sampled_from([0, 1, 2, 5, 30, 90, extra]), label="after")
    policy = SlaPolicy.from_dict(scenario.policy)
    report = policy.evaluate(ix, at=BASE + timedelta(minutes=at))
    oracle = simulate(
        events=kept,
        at=at,
        priority="normal",
        targets=scenario.targets,
        warning=policy.warning,
        pause_on=frozenset(scenario.policy["pause_resolution_on"]),
        fresh=scenario.policy["reopen"] == "fresh",
        is_open=business_minute,
    )
    assert {m.value for m in report} == set(oracle.clocks)
    for name, want in oracle.clocks.items():
        clock = report[Metric(name)]
        got = (
            clock.state.value,
            clock.elapsed / timedelta(minutes=1),
            _minutes(clock.due_at),
            _minutes(clock.breached_at),
            clock.at_risk,
            _minutes(clock.at_risk_at),
        )
        assert got == (
            want.state,
            want.elapsed,
            want.due,
            want.breached_at,
            want.at_risk,
            want.at_risk_at,
        ), name
    if oracle.next_change is None:
        assert report.next_change_at is None
    else:
        minute, plus = oracle.next_change
        expected = BASE + timedelta(minutes=minute) + (MICRO if plus else timedelta(0))
        assert report.next_change_at is not None
        assert report.next_change_at - expected == timedelta(0)


@settings(max_examples=60)
@given(scenario=scenarios(), probe=st.integers(0, 1500))
def test_evaluate_depends_only_on_events_up_to_at(scenario: Scenario, probe: int) -> None:
    full, kept = build(scenario.steps)
    prefix, _ = build([step for step in kept if step[0] <= probe])
    policy = SlaPolicy.from_dict(scenario.policy)
    at = BASE + timedelta(minutes=probe)
    assert policy.evaluate(full, at=at) == policy.evaluate(prefix, at=at)


def _every_clock(report: SlaReport) -> list[Any]:
    return [c for metric in Metric for c in report.history(metric)]


@settings(max_examples=60)
@given(scenario=scenarios(), offset=st.integers(0, 1500))
def test_elapsed_plus_remaining_is_the_target(scenario: Scenario, offset: int) -> None:
    ix, _ = build(scenario.steps)
    report = SlaPolicy.from_dict(scenario.policy).evaluate(
        ix, at=ix.last_event_at + timedelta(minutes=offset)
    )
    for clock in _every_clock(report):
        assert clock.elapsed + clock.remaining == clock.target.within
    for metric, clock in report.items():
        assert report.history(metric)[-1] == clock


def _marks(report: SlaReport) -> dict[Metric, tuple[str, bool]]:
    return {m: (c.state.value, c.at_risk) for m, c in report.items()}


@settings(max_examples=60)
@given(scenario=scenarios(), offset=st.integers(0, 1500))
def test_state_changes_exactly_at_next_change_at(scenario: Scenario, offset: int) -> None:
    ix, _ = build(scenario.steps)
    policy = SlaPolicy.from_dict(scenario.policy)
    at = ix.last_event_at + timedelta(minutes=offset)
    report = policy.evaluate(ix, at=at)
    change = report.next_change_at
    if change is None:  # nothing is running toward a change: a month later looks the same
        assert _marks(policy.evaluate(ix, at=at + timedelta(days=30))) == _marks(report)
        return
    assert change > at
    before = policy.evaluate(ix, at=change - MICRO)
    after = policy.evaluate(ix, at=change)
    assert _marks(before) == _marks(report)
    assert _marks(after) != _marks(before)


@settings(max_examples=60)
@given(scenario=scenarios(), first=st.integers(0, 600), second=st.integers(0, 600))
def test_with_no_new_events_outcomes_stay_and_elapsed_only_grows(
    scenario: Scenario, first: int, second: int
) -> None:
    ix, _ = build(scenario.steps)
    policy = SlaPolicy.from_dict(scenario.policy)
    early_at = ix.last_event_at + timedelta(minutes=min(first, second))
    late_at = ix.last_event_at + timedelta(minutes=max(first, second))
    early, late = policy.evaluate(ix, at=early_at), policy.evaluate(ix, at=late_at)
    assert list(early) == list(late)
    for metric in Metric:
        before, after = early.history(metric), late.history(metric)
        assert len(before) == len(after)
        for old, new in zip(before, after, strict=True):
            if old.stopped_at is not None:
                assert new == old  # a stopped cycle's outcome is final
            else:
                assert new.elapsed >= old.elapsed
                assert new.started_at == old.started_at
                assert new.target == old.target
            if old.state.value == "breached":
                assert new.state == old.state
                assert new.breached_at == old.breached_at
