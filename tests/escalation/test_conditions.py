"""Each condition leaf as a function of the timeline, and the combinators over them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from cxcore import Interaction, events
from cxcore.escalation import EvaluationContext
from cxcore.sla import BusinessCalendar
from tests.escalation.support import T0, at, opened, policy, rule

Minutes = list[tuple[float, float | None]]


def judged(
    when: dict[str, Any],
    ix: Interaction,
    *,
    moment: datetime | None = None,
    calendar: dict[str, Any] | None = None,
) -> tuple[Minutes, list[float]]:
    """The condition's spans and cause starts, in minutes after ``T0``."""
    extra = {"calendar": calendar} if calendar else {}
    esc = policy(rule(when), **extra)
    ctx = EvaluationContext(
        interaction=ix,
        at=moment or ix.last_event_at,
        sla=None,
        calendar=esc.calendar,
        policy=esc.name,
    )
    result = esc.rules[0].when.stretches(ctx)

    def minutes(value: datetime) -> float:
        return (value - T0) / timedelta(minutes=1)

    spans = [(minutes(s), None if e is None else minutes(e)) for s, e in result.spans]
    return spans, [minutes(m) for m in result.starts]


def spans(when: dict[str, Any], ix: Interaction, **kw: Any) -> Minutes:
    return judged(when, ix, **kw)[0]


def test_status_leaf_follows_status_changes_and_customer_messages() -> None:
    ix = opened().record_all(
        [
            events.StatusChanged(at=at(10), status="open"),
            events.StatusChanged(at=at(20), status="pending"),
            events.CustomerMessage(at=at(30), text="Any news?"),
        ]
    )
    assert spans({"status": {"in": ["open"]}}, ix) == [(10, 20), (30, None)]
    assert spans({"status": {"in": ["new", "pending"]}}, ix) == [(0, 10), (20, 30)]


def test_channel_and_tier_are_the_opening_channel_and_the_customers_tier() -> None:
    ix = opened(tier="vip").record(events.CustomerMessage(at=at(5), text="hi", channel="chat"))
    assert spans({"channel": {"in": ["email"]}}, ix) == [(0, None)]
    assert spans({"channel": {"in": ["chat"]}}, ix) == []
    assert spans({"tier": {"in": ["vip", "gold"]}}, ix) == [(0, None)]


def test_team_leaf_follows_assignments_and_transfers() -> None:
    ix = opened().record_all(
        [
            events.Assigned(at=at(5), agent="a-1", team="billing"),
            events.Transferred(at=at(15), team="tech"),
            events.Assigned(at=at(25), agent="a-2"),  # no team named: the team stays
        ]
    )
    assert spans({"team": {"in": ["billing"]}}, ix) == [(5, 15)]
    assert spans({"team": {"in": ["tech"]}}, ix) == [(15, None)]


def test_priority_by_value_and_by_rank() -> None:
    ix = opened().record_all(
        [
            events.PriorityChanged(at=at(10), priority="high"),
            events.PriorityChanged(at=at(20), priority="urgent"),
            events.PriorityChanged(at=at(30), priority="low"),
        ]
    )
    assert spans({"priority": {"at_least": "high"}}, ix) == [(10, 30)]
    assert spans({"priority": {"in": ["urgent"]}}, ix) == [(20, 30)]
    assert spans({"priority": {"at_least": "low"}}, ix) == [(0, None)]


def test_tags_leaf_holds_while_the_tag_is_set() -> None:
    ix = opened().record_all(
        [
            events.Tagged(at=at(5), tag="refund"),
            events.Tagged(at=at(8), tag="refund"),
            events.Untagged(at=at(15), tag="refund"),
        ]
    )
    assert spans({"tags": {"contains": "refund"}}, ix) == [(5, 15)]


def test_assignee_unset_holds_while_nobody_is_assigned() -> None:
    ix = opened().record_all(
        [
            events.Assigned(at=at(5), agent="a-1"),
            events.Transferred(at=at(15), team="tech"),
            events.Transferred(at=at(25), team="tier2", agent="a-7"),
        ]
    )
    assert spans({"assignee": {"unset": True}}, ix) == [(0, 5), (15, 25)]
    assert spans({"assignee": {"unset": False}}, ix) == [(5, 15), (25, None)]


def test_counts_reach_their_threshold() -> None:
    ix = opened().record_all(
        [
            events.CustomerMessage(at=at(5), text="1"),
            events.CustomerMessage(at=at(10), text="2"),
            events.AgentReply(at=at(15), agent="a-1", text="on it"),
            events.CustomerMessage(at=at(20), text="3"),
            events.CustomerMessage(at=at(25), text="4"),
            events.StatusChanged(at=at(30), status="solved"),
            events.CustomerMessage(at=at(40), text="it broke again"),
            events.Transferred(at=at(50), team="tech"),
            events.Transferred(at=at(60), team="tier2"),
        ]
    )
    assert spans({"unanswered_messages": {"at_least": 2}}, ix) == [(10, 15), (25, None)]
    assert spans({"reopens": {"at_least": 1}}, ix) == [(40, None)]
    assert spans({"transfers": {"at_least": 2}}, ix) == [(60, None)]
    assert spans({"transfers": {"at_least": 0}}, ix) == [(0, None)]


def test_became_starts_a_cause_at_each_change_into_the_value() -> None:
    ix = opened().record_all(
        [
            events.PriorityChanged(at=at(10), priority="urgent"),
            events.PriorityChanged(at=at(20), priority="high"),
            events.PriorityChanged(at=at(30), priority="urgent"),
            events.PriorityChanged(at=at(35), priority="urgent"),  # not a change
        ]
    )
    assert judged({"became": {"priority": "urgent"}}, ix) == ([(10, 20), (30, None)], [10, 30])
    # Inside a wider stretch, each change into the value still starts a cause.
    wider = {"any": [{"became": {"priority": "urgent"}}, {"status": {"in": ["new"]}}]}
    assert judged(wider, ix) == ([(0, None)], [10, 30])


def test_since_counts_from_the_anchor_and_restarts_at_each_new_one() -> None:
    ix = opened().record_all(
        [
            events.CustomerMessage(at=at(10), text="1"),
            events.CustomerMessage(at=at(20), text="2"),
            events.AgentReply(at=at(45), agent="a-1", text="x"),
            events.CustomerMessage(at=at(70), text="3"),
        ]
    )
    assert spans({"since": {"opened": "60m"}}, ix) == [(60, None)]
    assert spans({"since": {"last_customer_message": "30m"}}, ix) == [(50, 70), (100, None)]
    assert spans({"since": {"last_agent_reply": "1h"}}, ix) == [(105, None)]
    assert spans({"since": {"last_agent_reply": "1h"}}, opened()) == []


def test_since_is_business_time_with_the_policys_calendar() -> None:
    calendar = {
        "timezone": "UTC",
        "hours": {"mon": [["09:00", "10:00"]], "tue": [["09:00", "17:00"]]},
    }
    ix = opened().record(events.CustomerMessage(at=at(30), text="hello"))
    # 30 business minutes left on Monday, the other 60 on Tuesday from 09:00.
    tuesday_1000 = (24 * 60) + 60
    assert spans({"since": {"last_customer_message": "90m"}}, ix, calendar=calendar) == [
        (tuesday_1000, None)
    ]
    assert BusinessCalendar.from_dict(calendar).is_open(at(tuesday_1000 - 1))


def test_event_leaf_holds_from_each_occurrence_until_solved_one_cause_each() -> None:
    ix = opened().record_all(
        [
            events.Transferred(at=at(10), team="billing"),
            events.Transferred(at=at(20), team="tech"),
            events.StatusChanged(at=at(30), status="solved"),
            events.Transferred(at=at(35), team="tier2"),  # while solved: starts nothing
            events.CustomerMessage(at=at(40), text="still broken"),
            events.Transferred(at=at(50), team="tier2"),
        ]
    )
    assert judged({"event": "transferred"}, ix) == ([(10, 30), (50, None)], [10, 20, 50])
    assert judged({"event": "reopened"}, ix) == ([(40, None)], [40])


def test_event_leaf_for_assignments_and_priority_changes() -> None:
    ix = opened().record_all(
        [
            events.Assigned(at=at(5), agent="a-1"),
            events.PriorityChanged(at=at(10), priority="normal"),  # unchanged: no occurrence
            events.PriorityChanged(at=at(15), priority="high"),
            events.StatusChanged(at=at(20), status="closed"),
        ]
    )
    assert judged({"event": "assigned"}, ix) == ([(5, 20)], [5])
    assert judged({"event": "priority_changed"}, ix) == ([(15, 20)], [15])


def test_survey_leaf_holds_from_such_an_answer_on() -> None:
    ix = opened().record_all(
        [
            events.StatusChanged(at=at(5), status="closed"),
            events.SurveyAnswered(at=at(10), survey="csat", score=4),
            events.SurveyAnswered(at=at(20), survey="csat", score=2),
            events.SurveyAnswered(at=at(30), survey="nps", score=9),
        ]
    )
    assert spans({"survey": {"name": "csat", "at_most": 2}}, ix) == [(20, None)]
    assert spans({"survey": {"name": "csat", "at_least": 4}}, ix) == [(10, None)]
    assert spans({"survey": {"name": "nps", "at_most": 6}}, ix) == []


def test_signal_leaf_holds_from_the_customers_request_until_the_next_reply() -> None:
    ix = opened(locale="ko-KR").record_all(
        [
            events.CustomerMessage(at=at(5), text="배송이 언제 오나요?"),
            events.CustomerMessage(at=at(10), text="상담원 연결해 주세요"),
            events.CustomerMessage(at=at(12), text="상담원 연결해 주세요"),
            events.AgentReply(at=at(20), agent="a-1", text="연결해 드릴게요"),
        ]
    )
    assert spans({"signal": "asks_for_human"}, ix) == [(10, 20)]


def test_text_in_a_locale_without_rules_or_no_locale_carries_no_signals() -> None:
    for locale in ("fr", None):
        ix = opened(locale=locale).record(events.CustomerMessage(at=at(5), text="상담원 연결"))
        assert spans({"signal": "asks_for_human"}, ix) == []


def test_all_any_not_intersect_unite_and_complement() -> None:
    ix = opened().record_all(
        [
            events.StatusChanged(at=at(10), status="open"),
            events.PriorityChanged(at=at(20), priority="high"),
            events.StatusChanged(at=at(30), status="pending"),
            events.PriorityChanged(at=at(40), priority="normal"),
        ]
    )
    is_open = {"status": {"in": ["open"]}}
    high = {"priority": {"at_least": "high"}}
    assert spans({"all": [is_open, high]}, ix) == [(20, 30)]
    assert spans({"any": [is_open, high]}, ix) == [(10, 40)]
    assert spans({"not": is_open}, ix) == [(0, 10), (30, None)]
    assert spans({"not": {"not": is_open}}, ix) == [(10, 30)]
    assert spans({"all": [high, {"not": is_open}]}, ix) == [(30, 40)]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"event": "transferred"}, [10, 20]),
        ({"all": [{"event": "transferred"}, {"status": {"in": ["new"]}}]}, [10, 20]),
        ({"not": {"not": {"event": "transferred"}}}, []),
    ],
)
def test_cause_starts_pass_through_all_and_any_but_not_through_not(
    when: dict[str, Any], expected: list[float]
) -> None:
    ix = opened().record_all(
        [
            events.Transferred(at=at(10), team="billing"),
            events.Transferred(at=at(20), team="tech"),
        ]
    )
    assert judged(when, ix)[1] == expected
