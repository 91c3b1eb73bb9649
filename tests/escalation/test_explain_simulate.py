"""``explain`` says where every rule stands; ``simulate`` agrees with evaluating step by step."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings

from cxcore import Interaction, ValidationError, events
from cxcore.escalation import EscalationPolicy, RuleStatus
from cxcore.sla import SlaPolicy
from tests.escalation.support import at, histories, opened, policies_config, policy, rule, sweep

PENDING = rule({"status": {"in": ["pending"]}}, "0m", "30m", rule_id="pending")
SLA = SlaPolicy.from_dict(
    {
        "name": "standard",
        "warning": 0.5,
        "targets": [
            {"metric": "first_response", "within": "1h"},
            {"metric": "next_response", "within": "30m"},
        ],
    }
)


def status(esc: EscalationPolicy, ix: Interaction, moment: datetime) -> tuple[RuleStatus, Any]:
    (explanation,) = esc.explain(ix, at=moment)
    return explanation.status, explanation.next_due_at


def test_explain_walks_through_every_status() -> None:
    esc = policy(PENDING)
    ix = opened()
    assert status(esc, ix, at(5)) == (RuleStatus.NOT_MATCHING, None)
    ix = ix.record(events.StatusChanged(at=at(10), status="pending"))
    assert status(esc, ix, at(10)) == (RuleStatus.DUE, at(40))
    ix, _ = sweep(esc, ix, at(10))
    assert status(esc, ix, at(15)) == (RuleStatus.WAITING, at(40))
    ix, _ = sweep(esc, ix, at(40))
    assert status(esc, ix, at(45)) == (RuleStatus.FIRED, None)
    ix = ix.record(events.StatusChanged(at=at(50), status="open"))
    assert status(esc, ix, at(55)) == (RuleStatus.NOT_MATCHING, None)


def test_explain_reports_an_acknowledged_climb() -> None:
    esc = policy(PENDING)
    ix = opened().record(events.StatusChanged(at=at(10), status="pending"))
    ix, (key,) = sweep(esc, ix, at(10))
    ix = ix.record(events.EscalationAcknowledged(at=at(12), agent="a-1", key=key))
    (explanation,) = esc.explain(ix, at=at(60))
    assert explanation.status is RuleStatus.ACKNOWLEDGED
    assert explanation.next_due_at is None
    assert explanation.cause_started_at == at(10)


def test_explain_shows_each_leaf_with_its_value() -> None:
    esc = policy(
        rule(
            {
                "all": [
                    {"priority": {"at_least": "high"}},
                    {"not": {"tags": {"contains": "vip"}}},
                    {"unanswered_messages": {"at_least": 2}},
                ]
            },
            rule_id="loud",
        )
    )
    ix = opened(priority="urgent").record_all(
        [
            events.CustomerMessage(at=at(1), text="hello?"),
            events.Tagged(at=at(2), tag="vip"),
        ]
    )
    (explanation,) = esc.explain(ix, at=at(3))
    assert explanation.status is RuleStatus.NOT_MATCHING
    assert explanation.holds is False
    assert explanation.to_dict()["conditions"] == {
        "kind": "all",
        "holds": False,
        "children": [
            {"kind": "priority", "holds": True, "config": {"at_least": "high"}, "value": "urgent"},
            {
                "kind": "not",
                "holds": False,
                "children": [
                    {"kind": "tags", "holds": True, "config": {"contains": "vip"}, "value": ["vip"]}
                ],
            },
            {
                "kind": "unanswered_messages",
                "holds": False,
                "config": {"at_least": 2},
                "value": 1,
            },
        ],
    }


def test_explain_sla_leaf_shows_the_clock() -> None:
    esc = policy(rule({"sla": {"metric": "first_response", "state": "at_risk"}}))
    (explanation,) = esc.explain(opened(), at=at(45), sla=SLA)
    assert explanation.status is RuleStatus.DUE
    assert explanation.conditions.value == {
        "state": "running",
        "at_risk": True,
        "due_at": at(60).isoformat(),
        "breached_at": None,
    }


def stepwise(
    esc: EscalationPolicy, ix: Interaction, until: datetime, **kw: Any
) -> set[tuple[str, datetime, datetime]]:
    """Sweep exactly when ``next_change_at`` says, recording as a host would."""
    out: set[tuple[str, datetime, datetime]] = set()
    moment: datetime | None = ix.last_event_at
    while moment is not None and moment <= until:
        result = esc.evaluate(ix, at=moment, **kw)
        for decision in result.decisions:
            out.add((decision.key, decision.due_at, moment))
            ix = ix.record(decision.to_event(at=moment))
        moment = result.next_change_at
    return out


def forecast(
    esc: EscalationPolicy, ix: Interaction, until: datetime, **kw: Any
) -> set[tuple[str, datetime, datetime]]:
    found = esc.simulate(ix, until=until, **kw)
    assert [f.at for f in found] == sorted(f.at for f in found)
    return {(f.decision.key, f.decision.due_at, f.at) for f in found}


@settings(max_examples=40)
@given(doc=policies_config(), history=histories())
def test_simulate_agrees_with_stepwise_evaluate(
    doc: dict[str, Any], history: list[events.Event]
) -> None:
    esc = EscalationPolicy.from_dict(doc)
    ix = opened().record_all(history)
    until = at(400)
    assert forecast(esc, ix, until) == stepwise(esc, ix, until)


def test_simulate_with_sla_clocks_agrees_with_stepwise_evaluate() -> None:
    esc = policy(
        rule({"sla": {"metric": "first_response", "state": "at_risk"}}, "0m", rule_id="risk"),
        rule(
            {"sla": {"metric": "first_response", "state": "breached"}},
            "0m",
            "15m",
            "1h",
            rule_id="late",
        ),
        rule({"sla": {"metric": "next_response", "remaining_below": "10m"}}, rule_id="next"),
    )
    ix = opened().record(events.CustomerMessage(at=at(2), text="hello"))
    until = at(300)
    expected = stepwise(esc, ix, until, sla=SLA)
    assert forecast(esc, ix, until, sla=SLA) == expected
    assert sorted((due, key.split("/")[1]) for key, due, _ in expected) == [
        (at(30), "risk"),
        (at(60) + timedelta(microseconds=1), "late"),
        (at(75) + timedelta(microseconds=1), "late"),
        (at(135) + timedelta(microseconds=1), "late"),
    ]
    answered = ix.record_all(
        [
            events.AgentReply(at=at(50), agent="a-1", text="On it."),
            events.CustomerMessage(at=at(55), text="Thanks, and the invoice?"),
        ]
    )
    expected = stepwise(esc, answered, until, sla=SLA)
    assert forecast(esc, answered, until, sla=SLA) == expected
    assert sorted((due, key.split("/")[1]) for key, due, _ in expected) == [
        (at(30), "risk"),
        (at(75) + timedelta(microseconds=1), "next"),
    ]


def test_simulate_assumes_nobody_acts_and_fires_overdue_steps_at_the_start() -> None:
    esc = policy(PENDING)
    ix = opened().record_all(
        [
            events.StatusChanged(at=at(10), status="pending"),
            events.InternalNote(at=at(20), agent="a-1", text="waiting on the courier"),
        ]
    )
    found = esc.simulate(ix, until=at(100))
    assert [(f.at, f.decision.step, f.decision.due_at) for f in found] == [
        (at(20), 0, at(10)),
        (at(40), 1, at(40)),
    ]
    assert esc.simulate(ix, until=at(20))[-1].decision.step == 0


def test_simulate_refuses_to_look_backwards() -> None:
    ix = opened().record(events.StatusChanged(at=at(10), status="pending"))
    with pytest.raises(ValidationError, match="until"):
        policy(PENDING).simulate(ix, until=at(5))


def test_explanations_and_forecasts_pickle_and_compare_equal() -> None:
    import pickle

    esc = policy(PENDING)
    ix = opened().record(events.StatusChanged(at=at(10), status="pending"))
    for value in (*esc.explain(ix, at=at(20)), *esc.simulate(ix, until=at(100))):
        assert pickle.loads(pickle.dumps(value)) == value
