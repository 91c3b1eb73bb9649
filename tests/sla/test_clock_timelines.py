"""Hand-worked SLA timelines on business calendars in Seoul and Berlin.

Every expected moment below was worked out by hand from DESIGN.md's "SLA metrics"
and "Clock details"; the comments show the arithmetic.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cxcore import Customer, Interaction, events
from cxcore.sla import Clock, ClockState, Metric, SlaPolicy, SlaReport, Target

SEOUL = ZoneInfo("Asia/Seoul")
BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
MICRO = timedelta(microseconds=1)
FR, NR, PU, RES = (
    Metric.FIRST_RESPONSE,
    Metric.NEXT_RESPONSE,
    Metric.PERIODIC_UPDATE,
    Metric.RESOLUTION,
)


def office(zone: str, start: str, end: str) -> dict[str, Any]:
    return {"timezone": zone, "hours": {d: [[start, end]] for d in WEEKDAYS}}


def policy(calendar: dict[str, Any] | None, *targets: dict[str, Any], **extra: Any) -> SlaPolicy:
    doc: dict[str, Any] = {"name": "hand", "warning": 0.75, "targets": list(targets), **extra}
    if calendar is not None:
        doc["calendar"] = calendar
    return SlaPolicy.from_dict(doc)


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    """March 2026 in Seoul (2 March is a Monday)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=SEOUL)


def berlin(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def opened(at: datetime, **kwargs: Any) -> Interaction:
    tier = kwargs.pop("tier", "standard")
    return Interaction.open(
        id="T-1",
        channel=kwargs.pop("channel", "email"),
        at=at,
        customer=Customer(id="c-1", tier=tier, locale="ko-KR"),
        priority=kwargs.pop("priority", "normal"),
    )


def msg(at: datetime) -> events.CustomerMessage:
    return events.CustomerMessage(at=at, text="문의드립니다")


def reply(at: datetime) -> events.AgentReply:
    return events.AgentReply(at=at, agent="a-1", text="안내드립니다")


def status(at: datetime, value: str) -> events.StatusChanged:
    return events.StatusChanged(at=at, status=value)


def same(actual: datetime | None, expected: datetime | None) -> bool:
    """Same instant and same UTC offset (results carry the calendar's zone)."""
    if actual is None or expected is None:
        return actual is expected
    return actual - expected == timedelta(0) and actual.utcoffset() == expected.utcoffset()


def check(clock: Clock, state: ClockState, elapsed: timedelta, due: datetime | None) -> None:
    assert clock.state is state
    assert clock.elapsed == elapsed
    assert clock.remaining == clock.target.within - elapsed
    assert same(clock.due_at, due), (clock.due_at, due)


H = timedelta(hours=1)
M = timedelta(minutes=1)
SEOUL_OFFICE = office("Asia/Seoul", "09:00", "18:00")
BERLIN_OFFICE = office("Europe/Berlin", "09:00", "17:00")


# --- Seoul: pause and resume ---------------------------------------------------------------

PAUSE = policy(
    SEOUL_OFFICE,
    {"metric": "first_response", "within": "2h"},
    {"metric": "next_response", "within": "1h"},
    {"metric": "periodic_update", "within": "4h"},
    {"metric": "resolution", "within": "8h"},
)
# Opened Mon 16:00, replied 17:00, pending 17:30, the customer answers Tue 10:00.
PAUSE_IX = opened(seoul(2, 16)).record_all(
    [msg(seoul(2, 16)), reply(seoul(2, 17)), status(seoul(2, 17, 30), "pending"), msg(seoul(3, 10))]
)


def test_pending_pauses_resolution_and_periodic_update_overnight() -> None:
    report = PAUSE.evaluate(PAUSE_IX, at=seoul(2, 20))
    check(report[FR], ClockState.MET, H, seoul(2, 18))  # due Mon 16:00 + 2 h = 18:00
    check(report[RES], ClockState.PAUSED, 90 * M, None)  # 16:00-17:30
    check(report[PU], ClockState.PAUSED, 30 * M, None)  # 17:00-17:30
    assert NR not in report
    assert report.next_change_at is None  # nothing runs


def test_customer_answer_resumes_the_paused_clocks() -> None:
    report = PAUSE.evaluate(PAUSE_IX, at=seoul(3, 12))
    # RESOLUTION: 1 h 30 on Monday + 2 h on Tuesday = 3 h 30; 4 h 30 left from 12:00 -> 16:30.
    check(report[RES], ClockState.RUNNING, 210 * M, seoul(3, 16, 30))
    assert same(report[RES].at_risk_at, seoul(3, 14, 30))  # 6 h used: 12:00 + 2 h 30
    # PERIODIC_UPDATE: 30 min + 2 h = 2 h 30 of 4 h; at risk at 3 h (12:30), due 13:30.
    check(report[PU], ClockState.RUNNING, 150 * M, seoul(3, 13, 30))
    assert same(report[PU].at_risk_at, seoul(3, 12, 30))
    # NEXT_RESPONSE started at the Tuesday 10:00 message: breached at 11:00.
    check(report[NR], ClockState.BREACHED, 2 * H, seoul(3, 11))
    assert same(report[NR].breached_at, seoul(3, 11))
    assert report.breaches == (report[NR],)
    # The breached clock no longer changes; the earliest change is PERIODIC_UPDATE at risk.
    assert same(report.next_change_at, seoul(3, 12, 30))


# --- Seoul: reopen, both modes ---------------------------------------------------------------

REOPEN_TARGETS = (
    {"metric": "next_response", "within": "30m"},
    {"metric": "resolution", "within": "4h"},
)
SOLVED_IX = opened(seoul(3, 9)).record_all(
    [msg(seoul(3, 9)), reply(seoul(3, 9, 30)), status(seoul(3, 10), "solved")]
)


def test_cumulative_reopen_resumes_the_same_cycle() -> None:
    rules = policy(SEOUL_OFFICE, *REOPEN_TARGETS, reopen="cumulative")
    while_solved = rules.evaluate(SOLVED_IX, at=seoul(3, 12))
    # While solved: the cycle as it was at the solve, due as it stood (10:00 + 3 h left).
    check(while_solved[RES], ClockState.MET, H, seoul(3, 13))
    assert same(while_solved[RES].stopped_at, seoul(3, 10))
    ix = SOLVED_IX.record(msg(seoul(3, 15)))
    report = rules.evaluate(ix, at=seoul(3, 17))
    # 1 h before the solve + 2 h after the reopen; 1 h left -> the 18:00 closing moment.
    check(report[RES], ClockState.RUNNING, 3 * H, seoul(3, 18))
    assert report[RES].stopped_at is None
    assert report[RES].at_risk  # exactly 3 h of 4 h
    assert same(report[RES].at_risk_at, seoul(3, 17))
    assert len(report.history(RES)) == 1
    # The reopening message starts NEXT_RESPONSE (due 15:30, breached).
    check(report[NR], ClockState.BREACHED, 2 * H, seoul(3, 15, 30))
    assert same(report.next_change_at, seoul(3, 18) + MICRO)


def test_fresh_reopen_starts_a_new_cycle() -> None:
    rules = policy(SEOUL_OFFICE, *REOPEN_TARGETS, reopen="fresh")
    ix = SOLVED_IX.record(msg(seoul(3, 15)))
    report = rules.evaluate(ix, at=seoul(3, 17))
    # 2 h of 4 h since 15:00; 2 h left: 1 h to 18:00, then Wed 09:00-10:00.
    check(report[RES], ClockState.RUNNING, 2 * H, seoul(4, 10))
    assert same(report[RES].started_at, seoul(3, 15))
    first, second = report.history(RES)
    check(first, ClockState.MET, H, seoul(3, 13))
    assert second == report[RES]
    # At risk at 3 h: the Tuesday 18:00 closing moment.
    assert same(report.next_change_at, seoul(3, 18))


def test_status_change_from_solved_to_open_starts_no_next_response() -> None:
    rules = policy(SEOUL_OFFICE, *REOPEN_TARGETS)
    report = rules.evaluate(SOLVED_IX.record(status(seoul(3, 15), "open")), at=seoul(3, 16))
    assert NR not in report
    check(report[RES], ClockState.RUNNING, 2 * H, seoul(3, 18))  # 2 h left from 16:00


@pytest.mark.parametrize("mode", ["cumulative", "fresh"])
def test_solved_to_pending_reopens_into_a_pause(mode: str) -> None:
    rules = policy(SEOUL_OFFICE, *REOPEN_TARGETS, reopen=mode)
    report = rules.evaluate(SOLVED_IX.record(status(seoul(3, 15), "pending")), at=seoul(3, 16))
    clock = report[RES]
    assert clock.state is ClockState.PAUSED
    assert clock.stopped_at is None
    assert clock.due_at is None
    assert clock.elapsed == (H if mode == "cumulative" else timedelta(0))
    assert len(report.history(RES)) == (1 if mode == "cumulative" else 2)


# --- Berlin: target re-selection ---------------------------------------------------------------

PRIORITY = policy(
    BERLIN_OFFICE,
    {"metric": "first_response", "within": "1h", "when": {"priority": ["high", "urgent"]}},
    {"metric": "first_response", "within": "4h"},
)
URGENT_IX = opened(berlin(2, 9), priority="high").record(msg(berlin(2, 9)))


def test_lowering_the_priority_turns_an_overdue_cycle_back_into_running() -> None:
    before = PRIORITY.evaluate(URGENT_IX, at=berlin(2, 10, 40))
    check(before[FR], ClockState.BREACHED, 100 * M, berlin(2, 10))
    ix = URGENT_IX.record(events.PriorityChanged(at=berlin(2, 10, 45), priority="normal"))
    after = PRIORITY.evaluate(ix, at=berlin(2, 11))
    # The 4 h target from the same 09:00 start: due 13:00, at risk at 12:00.
    check(after[FR], ClockState.RUNNING, 2 * H, berlin(2, 13))
    assert after[FR].target.within == 4 * H
    assert after[FR].breached_at is None
    assert same(after.next_change_at, berlin(2, 12))
    # The past is replayed as it was: at 10:40 the priority was still high.
    assert PRIORITY.evaluate(ix, at=berlin(2, 10, 40)) == before


def test_a_stopped_cycle_keeps_the_target_it_had_when_it_stopped() -> None:
    ix = opened(berlin(2, 9)).record_all(
        [
            msg(berlin(2, 9)),
            reply(berlin(2, 11, 30)),
            events.PriorityChanged(at=berlin(2, 12), priority="urgent"),
        ]
    )
    report = PRIORITY.evaluate(ix, at=berlin(2, 12, 30))
    check(report[FR], ClockState.MET, 150 * M, berlin(2, 13))
    assert report[FR].target.within == 4 * H


# --- Berlin: breach, then a late reply ---------------------------------------------------------

LATE = policy(BERLIN_OFFICE, {"metric": "first_response", "within": "1h"})
LATE_IX = opened(berlin(2, 16, 30)).record(msg(berlin(2, 16, 30)))


def test_deadline_carries_over_the_night() -> None:
    report = LATE.evaluate(LATE_IX, at=berlin(2, 20))
    # 30 min on Monday; the other 30 min on Tuesday morning.
    check(report[FR], ClockState.RUNNING, 30 * M, berlin(3, 9, 30))
    assert same(report.next_change_at, berlin(3, 9, 15))  # 45 min used


def test_due_moment_itself_is_not_breached_the_next_microsecond_is() -> None:
    at_due = LATE.evaluate(LATE_IX, at=berlin(3, 9, 30))
    assert at_due[FR].state is ClockState.RUNNING
    assert at_due[FR].at_risk
    assert at_due[FR].remaining == timedelta(0)
    assert same(at_due.next_change_at, berlin(3, 9, 30) + MICRO)
    just_after = LATE.evaluate(LATE_IX, at=berlin(3, 9, 30) + MICRO)
    assert just_after[FR].state is ClockState.BREACHED
    assert just_after.next_change_at is None  # every running clock is breached


def test_a_late_reply_stops_the_cycle_breached() -> None:
    report = LATE.evaluate(LATE_IX.record(reply(berlin(3, 10))), at=berlin(3, 12))
    check(report[FR], ClockState.BREACHED, 90 * M, berlin(3, 9, 30))
    assert same(report[FR].breached_at, berlin(3, 9, 30))
    assert same(report[FR].stopped_at, berlin(3, 10))
    assert report[FR].at_risk is False
    assert report.next_change_at is None


def test_a_reply_one_microsecond_after_due_is_late() -> None:
    late = LATE_IX.record(reply(berlin(3, 9, 30) + MICRO))
    assert LATE.evaluate(late, at=berlin(3, 12))[FR].state is ClockState.BREACHED
    on_time = LATE_IX.record(reply(berlin(3, 9, 30)))
    assert LATE.evaluate(on_time, at=berlin(3, 12))[FR].state is ClockState.MET


# --- Seoul: breach on the real clock while the calendar is closed --------------------------------


def test_breach_while_closed_keeps_remaining_at_zero_until_the_calendar_opens() -> None:
    rules = policy(SEOUL_OFFICE, {"metric": "first_response", "within": "2h"})
    ix = opened(seoul(2, 16)).record(msg(seoul(2, 16)))
    evening = rules.evaluate(ix, at=seoul(2, 20))
    # Due at the 18:00 closing moment; breached from 18:00:00.000001 although closed.
    check(evening[FR], ClockState.BREACHED, 2 * H, seoul(2, 18))
    assert evening[FR].remaining == timedelta(0)
    assert rules.evaluate(ix, at=seoul(2, 18))[FR].state is ClockState.RUNNING
    assert rules.evaluate(ix, at=seoul(2, 18) + MICRO)[FR].state is ClockState.BREACHED
    morning = rules.evaluate(ix, at=seoul(3, 9, 30))
    assert morning[FR].remaining == -30 * M


def test_breached_stays_breached_through_a_pause() -> None:
    rules = policy(SEOUL_OFFICE, {"metric": "periodic_update", "within": "1h"})
    ix = opened(seoul(2, 9)).record_all(
        [msg(seoul(2, 9)), reply(seoul(2, 9, 10)), status(seoul(2, 10, 30), "pending")]
    )
    clock = rules.evaluate(ix, at=seoul(2, 11))[PU]
    check(clock, ClockState.BREACHED, 80 * M, seoul(2, 10, 10))
    assert same(clock.breached_at, clock.due_at)
    assert clock.at_risk is False


def test_a_cycle_stopped_while_paused_has_no_due_moment() -> None:
    rules = policy(SEOUL_OFFICE, {"metric": "resolution", "within": "8h"})
    ix = opened(seoul(2, 9)).record_all(
        [msg(seoul(2, 9)), status(seoul(2, 10), "pending"), status(seoul(2, 11), "solved")]
    )
    clock = rules.evaluate(ix, at=seoul(2, 12))[RES]
    check(clock, ClockState.MET, H, None)
    assert same(clock.stopped_at, seoul(2, 11))


# --- Seoul: periodic updates ------------------------------------------------------------------


def test_each_reply_starts_a_periodic_update_cycle() -> None:
    rules = policy(SEOUL_OFFICE, {"metric": "periodic_update", "within": "2h"})
    ix = opened(seoul(2, 9)).record_all(
        [msg(seoul(2, 9)), reply(seoul(2, 9, 30)), reply(seoul(2, 12)), reply(seoul(2, 13))]
    )
    report = rules.evaluate(ix, at=seoul(2, 14))
    first, second, third = report.history(PU)
    check(first, ClockState.BREACHED, 150 * M, seoul(2, 11, 30))  # 09:30 + 2 h, replied 12:00
    check(second, ClockState.MET, H, seoul(2, 14))
    check(third, ClockState.RUNNING, H, seoul(2, 15))
    assert report[PU] == third
    assert same(report.next_change_at, seoul(2, 14, 30))  # 1 h 30 of 2 h


def test_a_reply_sent_while_pending_starts_a_paused_cycle() -> None:
    rules = policy(SEOUL_OFFICE, {"metric": "periodic_update", "within": "2h"})
    ix = opened(seoul(2, 9)).record_all(
        [msg(seoul(2, 9)), status(seoul(2, 9, 30), "pending"), reply(seoul(2, 10))]
    )
    paused = rules.evaluate(ix, at=seoul(2, 11))[PU]
    check(paused, ClockState.PAUSED, timedelta(0), None)
    assert same(paused.started_at, seoul(2, 10))
    resumed = rules.evaluate(ix.record(msg(seoul(2, 11, 30))), at=seoul(2, 12))[PU]
    check(resumed, ClockState.RUNNING, 30 * M, seoul(2, 13, 30))


# --- Closing, same-instant events, overnight shifts over DST --------------------------------------


def test_closing_straight_from_open_stops_first_response_and_resolution() -> None:
    rules = policy(
        BERLIN_OFFICE,
        {"metric": "first_response", "within": "1h"},
        {"metric": "resolution", "within": "8h"},
    )
    ix = opened(berlin(2, 9)).record_all([msg(berlin(2, 9)), status(berlin(2, 9, 20), "closed")])
    report = rules.evaluate(ix, at=berlin(2, 12))
    check(report[FR], ClockState.MET, 20 * M, berlin(2, 10))
    check(report[RES], ClockState.MET, 20 * M, berlin(2, 17))
    assert report.next_change_at is None


def test_events_at_the_same_instant_apply_in_recording_order() -> None:
    rules = policy(BERLIN_OFFICE, {"metric": "periodic_update", "within": "1h"})
    ix = opened(berlin(2, 9)).record_all(
        [msg(berlin(2, 9)), reply(berlin(2, 9, 30)), status(berlin(2, 9, 30), "solved")]
    )
    clock = rules.evaluate(ix, at=berlin(2, 10))[PU]
    check(clock, ClockState.MET, timedelta(0), berlin(2, 10, 30))
    assert same(clock.started_at, clock.stopped_at)


def test_overnight_shift_over_spring_forward_counts_seven_hours() -> None:
    # Only the Saturday 22:00-06:00 shift is open; on 28-29 March 2026 Berlin skips 02:00-03:00.
    rules = policy(
        {"timezone": "Europe/Berlin", "hours": {"sat": [["22:00", "06:00"]]}},
        {"metric": "resolution", "within": "8h"},
    )
    ix = opened(berlin(28, 22)).record(msg(berlin(28, 22)))
    report = rules.evaluate(ix, at=berlin(29, 7))
    # 7 real hours that night, the last hour on the next Saturday night (now summer time).
    check(report[RES], ClockState.RUNNING, 7 * H, berlin(4, 23, month=4))
    assert report[RES].due_at is not None
    assert report[RES].due_at.utcoffset() == 2 * H
    # 6 h after 22:00 CET (21:00 UTC) is 03:00 UTC, 05:00 summer time.
    assert same(report[RES].at_risk_at, berlin(29, 5))
    assert same(report.next_change_at, berlin(4, 23, month=4) + MICRO)


# --- Target choice ----------------------------------------------------------------------------


def test_when_matches_team_channel_tier_and_tags() -> None:
    rules = policy(
        None,
        {"metric": "first_response", "within": "30m", "when": {"team": ["vip-desk"]}},
        {"metric": "first_response", "within": "10m", "when": {"channel": ["chat"]}},
        {"metric": "first_response", "within": "20m", "when": {"tier": ["gold"]}},
        {"metric": "first_response", "within": "40m", "when": {"tags": ["refund", "vip"]}},
        {"metric": "first_response", "within": "1h"},
    )
    t0 = datetime(2026, 3, 2, 9, tzinfo=SEOUL)
    base = opened(t0).record(events.CustomerMessage(at=t0, text="hi", channel="chat"))

    def within(ix: Interaction) -> timedelta:
        return rules.evaluate(ix, at=t0 + 5 * M)[FR].target.within

    assert within(base) == H  # the opening channel is email, not the message's chat
    assert within(opened(t0, channel="chat")) == 10 * M
    assert within(opened(t0, tier="gold")) == 20 * M
    assert within(base.record(events.Tagged(at=t0, tag="vip"))) == 40 * M
    assigned = base.record(events.Assigned(at=t0, agent="a-2", team="vip-desk"))
    assert within(assigned) == 30 * M
    moved = assigned.record(events.Transferred(at=t0 + M, team="tech"))
    assert within(moved) == H  # the latest team decides


def test_a_metric_whose_current_cycle_matches_no_target_is_absent() -> None:
    rules = policy(
        SEOUL_OFFICE, {"metric": "periodic_update", "within": "1h", "when": {"tags": ["vip"]}}
    )
    ix = opened(seoul(2, 9)).record_all(
        [
            msg(seoul(2, 9)),
            events.Tagged(at=seoul(2, 9), tag="vip"),
            reply(seoul(2, 9, 10)),
            reply(seoul(2, 9, 20)),
            events.Untagged(at=seoul(2, 9, 25), tag="vip"),
        ]
    )
    report = rules.evaluate(ix, at=seoul(2, 9, 30))
    assert PU not in report
    assert report.get(PU) is None
    (only,) = report.history(PU)  # the first cycle stopped while tagged: it keeps its target
    check(only, ClockState.MET, 10 * M, seoul(2, 10, 10))


def test_business_hours_false_runs_around_the_clock_in_the_calendar_zone() -> None:
    rules = policy(SEOUL_OFFICE, {"metric": "resolution", "within": "1d", "business_hours": False})
    ix = opened(seoul(6, 17)).record(msg(seoul(6, 17)))  # Friday evening
    clock = rules.evaluate(ix, at=seoul(7, 5))[RES]
    check(clock, ClockState.RUNNING, 12 * H, seoul(7, 17))
    assert clock.due_at is not None
    assert clock.due_at.tzinfo == SEOUL


def test_without_a_calendar_results_carry_utc() -> None:
    rules = policy(None, {"metric": "first_response", "within": "1h"})
    report = rules.evaluate(opened(seoul(2, 9)), at=seoul(2, 9, 30))
    assert report[FR].due_at == datetime(2026, 3, 2, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert report[FR].due_at is not None
    assert report[FR].due_at.utcoffset() == timedelta(0)
    assert report.at.utcoffset() == timedelta(0)


# --- Exact thresholds ---------------------------------------------------------------------------


def test_a_fractional_warning_moment_rounds_up_to_the_microsecond() -> None:
    rules = SlaPolicy(
        name="exact",
        warning=0.5,
        targets=[Target(metric="first_response", within=timedelta(microseconds=1_000_001))],
    )
    t0 = datetime(2026, 3, 2, 9, tzinfo=SEOUL)
    ix = opened(t0)
    # Half of 1.000001 s is 500000.5 µs: at risk from 500001 µs on.
    report = rules.evaluate(ix, at=t0)
    assert report[FR].at_risk_at == t0 + timedelta(microseconds=500_001)
    assert report.next_change_at == t0 + timedelta(microseconds=500_001)
    assert not rules.evaluate(ix, at=t0 + timedelta(microseconds=500_000))[FR].at_risk
    assert rules.evaluate(ix, at=t0 + timedelta(microseconds=500_001))[FR].at_risk


def test_warning_is_read_as_an_exact_decimal() -> None:
    # 0.7 as a float is slightly below 7/10; read exactly, 7/10 of 10 s is at risk at 7 s sharp.
    rules = SlaPolicy(
        name="exact",
        warning=0.7,
        targets=[Target(metric="first_response", within=timedelta(seconds=10))],
    )
    t0 = datetime(2026, 3, 2, 9, tzinfo=SEOUL)
    assert rules.evaluate(opened(t0), at=t0)[FR].at_risk_at == t0 + timedelta(seconds=7)


def test_report_is_a_mapping_in_metric_order() -> None:
    report: SlaReport = PAUSE.evaluate(PAUSE_IX, at=seoul(3, 12))
    assert list(report) == [FR, NR, PU, RES]
    assert len(report) == 4
    assert report["resolution"] is report[RES]
    assert report.get(RES) is report[RES]
    with pytest.raises(KeyError):
        _ = PAUSE.evaluate(opened(seoul(2, 9)), at=seoul(2, 9))[NR]


def test_a_calendar_that_never_opens_never_comes_due() -> None:
    rules = policy(
        {"timezone": "Asia/Seoul", "hours": {}}, {"metric": "first_response", "within": "1h"}
    )
    report = rules.evaluate(opened(seoul(2, 9)), at=seoul(9, 9))
    clock = report[FR]
    check(clock, ClockState.RUNNING, timedelta(0), None)
    assert clock.at_risk_at is None
    assert report.next_change_at is None
    assert clock.describe("en") == "First response: running, 1 hour left"
