"""The ``sla`` leaf holds at ``t`` exactly when ``SlaPolicy.evaluate(ix, at=t)`` reports it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from cxcore import Interaction, ValidationError, events
from cxcore.escalation import EvaluationContext
from cxcore.sla import Metric, SlaPolicy
from tests.escalation.support import T0, at, histories, opened, policy, rule

US = timedelta(microseconds=1)
SLA = SlaPolicy.from_dict(
    {
        "name": "standard",
        "warning": 0.5,
        "targets": [
            {"metric": "first_response", "within": "1h", "when": {"priority": ["high", "urgent"]}},
            {"metric": "first_response", "within": "2h"},
            {"metric": "next_response", "within": "30m"},
            {"metric": "periodic_update", "within": "45m"},
            {"metric": "resolution", "within": "3h"},
        ],
    }
)
STATES = ("running", "paused", "met", "breached", "at_risk")


def expected(leaf: dict[str, Any], ix: Interaction, moment: datetime) -> bool:
    """What the leaf should say at ``moment``, straight from the SLA report there."""
    clock = SLA.evaluate(ix, at=moment).get(Metric(leaf["metric"]))
    if clock is None:
        return False
    if "remaining_below" in leaf:
        below = timedelta(minutes=int(leaf["remaining_below"][:-1]))
        return clock.stopped_at is None and clock.remaining < below
    if leaf["state"] == "at_risk":
        return clock.at_risk
    return clock.state.value == leaf["state"]


def probes(ix: Interaction, until: datetime) -> list[datetime]:
    """Every minute, and a microsecond either side of each moment a report names."""
    out = [T0 + timedelta(minutes=m) for m in range(int((until - T0) / timedelta(minutes=1)) + 1)]
    for moment in list(out)[::5]:
        for clock in SLA.evaluate(ix, at=moment).values():
            for named in (clock.due_at, clock.at_risk_at, clock.breached_at):
                if named is not None and named - US >= T0 and named + US <= until:
                    out.extend((named - US, named, named + US))
    return sorted(set(out))


def leaf_holds(leaf: dict[str, Any], ix: Interaction, moment: datetime) -> bool:
    esc = policy(rule({"sla": leaf}))
    ctx = EvaluationContext(interaction=ix, at=moment, sla=SLA, calendar=None, policy="p")
    return esc.rules[0].when.stretches(ctx).holds_at(moment)


LEAVES = st.one_of(
    st.builds(
        lambda m, s: {"metric": m, "state": s},
        st.sampled_from([m.value for m in Metric]),
        st.sampled_from(STATES),
    ),
    st.builds(
        lambda m, d: {"metric": m, "remaining_below": d},
        st.sampled_from([m.value for m in Metric]),
        st.sampled_from(["10m", "30m", "90m"]),
    ),
)


@settings(max_examples=25)
@given(leaf=LEAVES, history=histories(span=150))
def test_sla_leaf_agrees_with_the_report_at_every_moment(
    leaf: dict[str, Any], history: list[events.Event]
) -> None:
    ix = opened().record_all(history)
    until = at(240)
    esc = policy(rule({"sla": leaf}))
    ctx = EvaluationContext(interaction=ix, at=until, sla=SLA, calendar=None, policy="p")
    stretches = esc.rules[0].when.stretches(ctx)
    for moment in probes(ix, until):
        assert stretches.holds_at(moment) == expected(leaf, ix, moment), moment


def test_a_breach_later_rejudged_by_a_priority_change_still_happened() -> None:
    ix = opened(priority="high").record_all(
        [
            events.CustomerMessage(at=at(1), text="Where is my refund?"),
            events.PriorityChanged(at=at(70), priority="normal"),  # 2 h target again
            events.AgentReply(at=at(90), agent="a-1", text="Done."),
        ]
    )
    breached = {"metric": "first_response", "state": "breached"}
    moment = at(60) + US
    assert leaf_holds(breached, ix, moment)
    assert not leaf_holds(breached, ix, at(60))  # exactly at due_at: not yet breached
    assert not leaf_holds(breached, ix, at(80))  # re-judged: running again
    # A sweep an hour later still fires for the breach it never saw.
    esc = policy(rule({"sla": breached}, "0m"))
    decisions = esc.evaluate(ix, at=at(120), sla=SLA).decisions
    assert [(d.due_at, d.cause_ended_at) for d in decisions] == [(moment, at(70))]


def test_remaining_below_starts_the_first_microsecond_less_is_left() -> None:
    ix = opened().record(events.CustomerMessage(at=at(0), text="hi"))
    leaf = {"metric": "first_response", "remaining_below": "30m"}  # 2 h target
    assert not leaf_holds(leaf, ix, at(90))
    assert leaf_holds(leaf, ix, at(90) + US)
    assert leaf_holds(leaf, ix, at(500))  # breached and running: less than 30 min left


def test_sla_is_required_when_a_rule_reads_it() -> None:
    esc = policy(rule({"sla": {"metric": "resolution", "state": "breached"}}))
    assert esc.uses_sla
    for call in (esc.evaluate, esc.explain):
        with pytest.raises(ValidationError, match="sla is required"):
            call(opened(), at=at(5))
    with pytest.raises(ValidationError, match="sla is required"):
        esc.simulate(opened(), until=at(5))


@settings(max_examples=20)
@given(history=histories(span=150))
def test_explained_sla_values_match_the_report(history: list[events.Event]) -> None:
    ix = opened().record_all(history)
    esc = policy(rule({"sla": {"metric": "first_response", "state": "breached"}}))
    for moment in probes(ix, at(200))[::7]:
        (explanation,) = esc.explain(ix, at=moment, sla=SLA)
        clock = SLA.evaluate(ix, at=moment).get(Metric.FIRST_RESPONSE)
        value = explanation.conditions.value
        if clock is None:
            assert value is None
            continue
        assert value["state"] == clock.state.value
        assert value["at_risk"] == clock.at_risk
        assert value["breached_at"] == (clock.breached_at and clock.breached_at.isoformat())


def test_the_sla_is_not_walked_when_the_rest_of_an_all_never_holds() -> None:
    class Unneeded:
        def evaluate(self, ix: Interaction, *, at: datetime) -> Any:
            raise AssertionError("the SLA policy was evaluated")

    esc = policy(
        rule(
            {
                "all": [
                    {"sla": {"metric": "first_response", "state": "breached"}},
                    {"priority": {"in": ["urgent"]}},
                ]
            }
        )
    )
    result = esc.evaluate(opened(), at=at(600), sla=Unneeded())  # type: ignore[arg-type]
    assert (result.decisions, result.errors) == ((), ())
    urgent = opened(priority="urgent")
    assert "the SLA policy was evaluated" in str(
        esc.evaluate(urgent, at=at(600), sla=Unneeded()).errors[0]  # type: ignore[arg-type]
    )
    assert [d.due_at for d in esc.evaluate(urgent, at=at(600), sla=SLA).decisions] == [at(60) + US]
