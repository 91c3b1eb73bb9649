"""Evaluation: causes, climbing, acknowledgement, late firing, keys, errors."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cxcore import PluginError, Priority, TransitionError, ValidationError, events
from cxcore.escalation import (
    FollowUp,
    HandoverNote,
    Notify,
    OfferHuman,
    Reassign,
    SetPriority,
    Stretches,
    conditions,
    decision_key,
)
from cxcore.sla import SlaPolicy
from tests.escalation.support import T0, at, opened, policy, rule, sweep

US = timedelta(microseconds=1)
SLA = SlaPolicy.from_dict(
    {
        "name": "standard",
        "targets": [
            {"metric": "first_response", "within": "1h", "when": {"priority": ["high", "urgent"]}},
            {"metric": "first_response", "within": "8h"},
        ],
    }
)
FIRST_REPLY_LATE = {
    "id": "first-reply-late",
    "when": {
        "all": [
            {"sla": {"metric": "first_response", "state": "breached"}},
            {"priority": {"in": ["high", "urgent"]}},
        ]
    },
    "steps": [
        {"after": "0m", "level": 1, "actions": [{"notify": "team-lead"}]},
        {
            "after": "30m",
            "level": 2,
            "actions": [
                {"set_priority": "urgent"},
                {"reassign": {"team": "tier2"}},
                {"notify": "duty-manager"},
            ],
        },
    ],
}
BREACH = at(60) + US  # a 1 h target from the opening; breached 1 µs after it is due


def late_reply_case() -> tuple[Any, Any]:
    esc = policy(FIRST_REPLY_LATE)
    ix = opened(priority="high").record(events.CustomerMessage(at=at(1), text="Refund please"))
    return esc, ix


def test_a_breach_fires_level_one_then_climbs_to_level_two_unacknowledged() -> None:
    esc, ix = late_reply_case()
    assert esc.evaluate(ix, at=at(60), sla=SLA).decisions == ()
    first = esc.evaluate(ix, at=at(70), sla=SLA)
    assert [(d.step, d.level, d.due_at) for d in first.decisions] == [(0, 1, BREACH)]
    assert first.decisions[0].actions == (Notify(target="team-lead"),)
    assert first.next_change_at == BREACH + timedelta(minutes=30)
    ix = ix.record(first.decisions[0].to_event(at=at(70)))

    second = esc.evaluate(ix, at=at(95), sla=SLA)
    assert [(d.step, d.level) for d in second.decisions] == [(1, 2)]
    assert second.decisions[0].actions == (
        SetPriority(priority=Priority.URGENT),
        Reassign(team="tier2"),
        Notify(target="duty-manager"),
    )
    ix = ix.record(second.decisions[0].to_event(at=at(95)))
    done = esc.evaluate(ix, at=at(500), sla=SLA)
    assert done.decisions == ()
    assert done.next_change_at is None


def test_an_acknowledgement_stops_the_climb_for_that_cause() -> None:
    esc, ix = late_reply_case()
    (decision,) = esc.evaluate(ix, at=at(70), sla=SLA).decisions
    ix = ix.record(decision.to_event(at=at(70)))
    ix = ix.record(events.EscalationAcknowledged(at=at(75), agent="a-3", key=decision.key))
    later = esc.evaluate(ix, at=at(300), sla=SLA)
    assert later.decisions == ()
    assert later.next_change_at is None


def test_a_step_that_came_due_before_the_acknowledgement_still_fires() -> None:
    esc, ix = late_reply_case()
    (decision,) = esc.evaluate(ix, at=at(70), sla=SLA).decisions
    ix = ix.record(decision.to_event(at=at(70)))
    # Step 1 came due at BREACH + 30 min; the acknowledgement only comes after it.
    ix = ix.record(events.EscalationAcknowledged(at=at(100), agent="a-3", key=decision.key))
    assert [d.step for d in esc.evaluate(ix, at=at(100), sla=SLA).decisions] == [1]


def test_acknowledging_a_key_never_recorded_is_a_transition_error() -> None:
    with pytest.raises(TransitionError, match="never recorded"):
        opened().record(events.EscalationAcknowledged(at=at(1), agent="a-1", key="p/r/T-1/x/0"))


PENDING_RULE = rule({"status": {"in": ["pending"]}}, "0m", "30m")


def pending_twice() -> Any:
    return opened().record_all(
        [
            events.StatusChanged(at=at(10), status="pending"),
            events.StatusChanged(at=at(20), status="open"),
            events.StatusChanged(at=at(50), status="pending"),
        ]
    )


def test_a_condition_that_stops_and_starts_again_is_a_new_cause_with_new_keys() -> None:
    esc = policy(PENDING_RULE)
    result = esc.evaluate(pending_twice(), at=at(100))
    assert [(d.cause_started_at, d.step, d.due_at) for d in result.decisions] == [
        (at(10), 0, at(10)),
        (at(50), 0, at(50)),
        (at(50), 1, at(80)),
    ]
    assert result.decisions[0].cause_ended_at == at(20)
    assert result.decisions[1].cause_ended_at is None
    assert len({d.key for d in result.decisions}) == 3


def test_an_acknowledgement_does_not_reach_the_next_cause() -> None:
    esc = policy(PENDING_RULE)
    ix = opened().record(events.StatusChanged(at=at(10), status="pending"))
    ix, (key,) = sweep(esc, ix, at(10))
    ix = ix.record(events.EscalationAcknowledged(at=at(12), agent="a-1", key=key))
    ix = ix.record_all(
        [
            events.StatusChanged(at=at(20), status="open"),
            events.StatusChanged(at=at(50), status="pending"),
        ]
    )
    assert [(d.cause_started_at, d.step) for d in esc.evaluate(ix, at=at(90)).decisions] == [
        (at(50), 0),
        (at(50), 1),
    ]


def test_a_step_due_exactly_when_the_cause_ends_does_not_fire() -> None:
    esc = policy(rule({"status": {"in": ["new"]}}, "5m"))
    ix = opened().record(events.StatusChanged(at=at(5), status="open"))
    assert esc.evaluate(ix, at=at(60)).decisions == ()
    ix = opened().record(events.StatusChanged(at=at(5) + US, status="open"))
    (decision,) = esc.evaluate(ix, at=at(60)).decisions
    assert decision.cause_ended_at == at(5) + US


def test_late_firing_carries_when_the_cause_ended() -> None:
    esc = policy(rule({"unanswered_messages": {"at_least": 1}}, "10m", rule_id="waiting"))
    ix = opened().record_all(
        [
            events.CustomerMessage(at=at(0), text="Hello?"),
            events.AgentReply(at=at(25), agent="a-1", text="Hi!"),
        ]
    )
    (decision,) = esc.evaluate(ix, at=at(60)).decisions  # a sweep long after the reply
    assert decision.due_at == at(10)
    assert decision.cause_started_at == at(0)
    assert decision.cause_ended_at == at(25)


def test_two_transfers_give_two_follow_ups_by_the_owner() -> None:
    esc = policy(
        {
            "id": "owner-follows-up",
            "when": {"event": "transferred"},
            "steps": [{"after": "1d", "level": 0, "actions": [{"follow_up": {"by": "owner"}}]}],
        }
    )
    ix = opened().record_all(
        [
            events.AgentReply(at=at(5), agent="a-1", text="Let me check."),
            events.Transferred(at=at(10), team="billing"),
            events.Transferred(at=at(30), team="tech", agent="a-7"),
        ]
    )
    day = timedelta(days=1)
    result = esc.evaluate(ix, at=at(30) + day)
    assert [d.due_at for d in result.decisions] == [at(10) + day, at(30) + day]
    assert {d.actions for d in result.decisions} == {(FollowUp(by="owner", agent="a-1"),)}
    solved = ix.record(events.StatusChanged(at=at(40), status="solved"))
    assert esc.evaluate(solved, at=at(30) + day).decisions == ()


def test_a_customer_asking_for_a_human_is_offered_one() -> None:
    esc = policy(
        {
            "id": "asks-for-human",
            "when": {"signal": "asks_for_human"},
            "steps": [{"after": "0m", "level": 1, "actions": [{"offer_human": True}]}],
        }
    )
    ix = opened(locale="ko-KR").record(
        events.CustomerMessage(at=at(3), text="상담원 연결해 주세요. 이번이 세 번째 문의예요")
    )
    (decision,) = esc.evaluate(ix, at=at(3)).decisions
    assert decision.actions == (OfferHuman(),)
    assert decision.reason["condition"] == {
        "kind": "signal",
        "holds": True,
        "config": "asks_for_human",
        "value": ["asks_for_human", "frustration"],
    }


def test_decisions_come_in_due_order_across_rules() -> None:
    esc = policy(
        rule({"since": {"opened": "30m"}}, "0m", rule_id="b"),
        rule({"since": {"opened": "10m"}}, "0m", "30m", rule_id="a"),
    )
    result = esc.evaluate(opened(), at=at(60))
    assert [(d.rule_id, d.step, d.due_at) for d in result.decisions] == [
        ("a", 0, at(10)),
        ("b", 0, at(30)),
        ("a", 1, at(40)),
    ]


def test_evaluate_sees_only_the_events_at_or_before_at() -> None:
    esc = policy(PENDING_RULE)
    ix = pending_twice()
    assert [d.cause_started_at for d in esc.evaluate(ix, at=at(30)).decisions] == [at(10)]
    assert esc.evaluate(ix, at=at(30)).next_change_at is None


def test_after_is_business_time_with_the_policys_calendar() -> None:
    calendar = {"timezone": "Asia/Seoul", "hours": {"mon": [["09:00", "18:00"]]}}
    esc = policy(rule({"since": {"opened": "0m"}}, "0m", "1h"), calendar=calendar)
    start = datetime(2026, 3, 2, 17, 30, tzinfo=esc.calendar.timezone)  # type: ignore[union-attr]
    ix = opened().follow_up(id="T-2", at=start)
    result = esc.evaluate(ix, at=start + timedelta(days=7))
    assert [d.due_at for d in result.decisions] == [
        start,
        datetime(2026, 3, 9, 9, 30, tzinfo=esc.calendar.timezone),  # type: ignore[union-attr]
    ]


def test_keys_name_policy_rule_interaction_cause_and_step_percent_encoded() -> None:
    esc = policy(rule({"since": {"opened": "0m"}}, rule_id="late/50%"), name="ops")
    ix = opened(ix_id="T/1")
    (decision,) = esc.evaluate(ix, at=at(1)).decisions
    assert decision.key == "ops/late%2F50%25/T%2F1/2026-03-02T09:00:00.000000+00:00/0"
    assert decision.key == decision_key("ops", "late/50%", "T/1", T0, 0)
    event = decision.to_event(at=at(1))
    assert (event.key, event.policy, event.rule_id, event.step, event.level) == (
        decision.key,
        "ops",
        "late/50%",
        0,
        0,
    )


def test_cause_starts_in_other_zones_give_the_same_utc_key() -> None:
    from zoneinfo import ZoneInfo

    seoul = T0.astimezone(ZoneInfo("Asia/Seoul"))
    assert decision_key("p", "r", "i", seoul, 2) == decision_key("p", "r", "i", T0, 2)
    assert decision_key("p", "r", "i", T0 + US, 0).endswith("09:00:00.000001+00:00/0")


def test_handover_note_summarises_the_case_in_the_customers_language() -> None:
    esc = policy(
        rule(
            {"transfers": {"at_least": 1}},
            rule_id="handover",
            action={"handover_note": {}},
        )
    )
    history = [
        events.CustomerMessage(at=at(1), text="Refund please", channel="chat"),
        events.AgentReply(at=at(5), agent="a-1", text="Checking your order."),
        events.Transferred(at=at(9), team="billing"),
    ]
    ko = opened(locale="ko-KR", tier="vip").record_all(history)
    (decision,) = esc.evaluate(ko, at=at(9)).decisions
    (note,) = decision.actions
    assert isinstance(note, HandoverNote)
    assert note.text is not None
    for part in ("인계 요약", "vip", "email, chat", "공개 답변 1회, 이관 1회", "billing"):
        assert part in note.text
    assert "Refund please" in note.text
    assert "Checking your order." in note.text

    en = opened(locale=None).record_all(history)
    (decision,) = esc.evaluate(en, at=at(9)).decisions
    text = decision.actions[0].text  # type: ignore[attr-defined]
    assert "Tried so far: 1 public replies and 1 transfers." in text
    assert "SLA: not evaluated" in text

    forced = policy(
        rule({"transfers": {"at_least": 1}}, action={"handover_note": {"locale": "en"}})
    )
    (decision,) = forced.evaluate(ko, at=at(9), sla=SLA).decisions
    text = decision.actions[0].text  # type: ignore[attr-defined]
    assert text.startswith("Handover summary for interaction T-1.")
    assert "SLA: first response: met." in text
    waiting = opened(locale="ko-KR").record(events.Transferred(at=at(9), team="billing"))
    (decision,) = forced.evaluate(waiting, at=at(9), sla=SLA).decisions
    text = decision.actions[0].text  # type: ignore[attr-defined]
    assert "first response: running (due 2026-03-02 17:00 UTC)" in text
    assert "The customer has not written yet." in text


@pytest.fixture
def raising_condition() -> Iterator[None]:
    class Boom:
        def stretches(self, ctx: Any) -> Stretches:
            raise RuntimeError("database is down")

    conditions.register("boom", lambda value, path: Boom())
    yield
    conditions.unregister("boom")


@pytest.mark.usefixtures("raising_condition")
def test_a_condition_plugin_that_raises_is_reported_and_other_rules_still_run() -> None:
    esc = policy(
        rule({"boom": True}, rule_id="broken"),
        rule({"since": {"opened": "0m"}}, rule_id="fine"),
    )
    result = esc.evaluate(opened(), at=at(1))
    assert [d.rule_id for d in result.decisions] == ["fine"]
    (error,) = result.errors
    assert isinstance(error, PluginError)
    assert "'broken'" in str(error)
    assert "database is down" in str(error)
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(PluginError, match="broken"):
        esc.explain(opened(), at=at(1))


def test_a_plugin_condition_works_like_a_built_in() -> None:
    class AfterHours:
        """Holds from 18:00 UTC on the opening day."""

        def stretches(self, ctx: Any) -> Stretches:
            opened_at = ctx.interaction.opened_at.astimezone(UTC)
            return Stretches(spans=[(opened_at.replace(hour=18), None)])

    conditions.register("after_hours", lambda value, path: AfterHours())
    try:
        esc = policy(rule({"all": [{"after_hours": {}}, {"status": {"in": ["new"]}}]}))
        (decision,) = esc.evaluate(opened(), at=at(600)).decisions
        assert decision.due_at == T0.replace(hour=18)
        assert esc.to_dict()["rules"][0]["when"]["all"][0] == {"after_hours": {}}
    finally:
        conditions.unregister("after_hours")


def test_an_action_plugin_that_raises_is_reported() -> None:
    from cxcore.escalation import actions

    class Broken:
        kind = "page"

        def to_config(self) -> object:
            return "x"

        def resolve(self, ctx: Any, *, at: datetime) -> Any:
            raise KeyError("no pager")

    actions.register("page", lambda value, path: Broken())
    try:
        esc = policy(
            rule({"since": {"opened": "0m"}}, rule_id="pager", action={"page": "x"}),
            rule({"since": {"opened": "0m"}}, rule_id="fine"),
        )
        result = esc.evaluate(opened(), at=at(1))
        assert [d.rule_id for d in result.decisions] == ["fine"]
        assert "'pager'" in str(result.errors[0])
    finally:
        actions.unregister("page")


def test_bad_arguments_are_validation_errors() -> None:
    esc = policy(PENDING_RULE)
    with pytest.raises(ValidationError, match="timezone-aware"):
        esc.evaluate(opened(), at=datetime(2026, 3, 2, 10))
    with pytest.raises(ValidationError, match="Interaction"):
        esc.evaluate("T-1", at=at(1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="before the interaction opened"):
        esc.evaluate(opened(), at=at(-5))


def test_values_pickle_and_compare_equal() -> None:
    esc, ix = late_reply_case()
    result = esc.evaluate(ix, at=at(200), sla=SLA)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(esc)) == esc
    assert repr(result.decisions[0]).startswith("Decision(")


def test_next_change_at_sees_causes_the_events_have_already_scheduled() -> None:
    esc = policy(
        rule({"since": {"opened": "60m"}}, "0m", "15m", rule_id="old"),
        rule({"not": {"since": {"opened": "30m"}}}, "45m", rule_id="never"),  # ends first
    )
    ix = opened()
    first = esc.evaluate(ix, at=at(10))
    assert (first.decisions, first.next_change_at) == ((), at(60))
    ix, keys = sweep(esc, ix, at(60))
    assert len(keys) == 1
    assert esc.evaluate(ix, at=at(61)).next_change_at == at(75)
    ix, keys = sweep(esc, ix, at(80))
    assert len(keys) == 1
    assert esc.evaluate(ix, at=at(80)).next_change_at is None
