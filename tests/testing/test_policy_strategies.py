"""The calendar, SLA-policy and escalation-policy strategies yield valid, usable values."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import Phase, find, given, settings, strategies as st

from cxcore import Interaction, Status, ValidationError
from cxcore.escalation import EscalationPolicy
from cxcore.sla import BusinessCalendar, SlaPolicy
from cxcore.testing import (
    aware_datetimes,
    calendar_documents,
    calendars,
    escalation_policies,
    interactions,
    sla_policies,
)

_FAST = settings(max_examples=1000, database=None, phases=[Phase.generate])


@given(calendars())
def test_calendars_round_trip_through_dicts_and_pickle(cal: BusinessCalendar) -> None:
    assert BusinessCalendar.from_dict(cal.to_dict()) == cal
    assert pickle.loads(pickle.dumps(cal)) == cal


@settings(max_examples=25)
@given(calendars(), aware_datetimes(min_value=datetime(2001, 1, 1, tzinfo=UTC)))
def test_calendars_answer_questions_about_any_moment(cal: BusinessCalendar, at: datetime) -> None:
    opened = cal.next_open(at)
    if opened is not None:
        assert cal.is_open(opened)
        assert opened >= at
    end = cal.add(at, timedelta(hours=3))
    assert cal.elapsed(at, end) == timedelta(hours=3)


@pytest.mark.parametrize(
    "wanted",
    [
        pytest.param(
            lambda doc: any(
                pair[1] < pair[0] and pair[1] != "24:00"
                for day in doc["hours"].values()
                for pair in day
            ),
            id="overnight-shift",
        ),
        pytest.param(lambda doc: len(doc["hours"].get("tue", [])) >= 2, id="split-day"),
        pytest.param(
            lambda doc: any(p[1] == "24:00" for day in doc["hours"].values() for p in day),
            id="ends-at-24",
        ),
        pytest.param(
            lambda doc: any(len(t) == 8 for d in doc["hours"].values() for p in d for t in p),
            id="seconds",
        ),
        pytest.param(
            lambda doc: any(isinstance(h, dict) for h in doc.get("holidays", [])), id="rrule"
        ),
        pytest.param(lambda doc: [] in doc.get("overrides", {}).values(), id="closed-override"),
        pytest.param(lambda doc: any(doc.get("overrides", {}).values()), id="half-day-override"),
    ],
)
def test_calendar_documents_reach_every_feature_of_the_format(wanted: object) -> None:
    doc = find(calendar_documents(), wanted, settings=_FAST)  # type: ignore[arg-type]
    assert isinstance(BusinessCalendar.from_dict(doc), BusinessCalendar)


def test_calendars_take_the_zones_given() -> None:
    cal = find(calendars("America/New_York"), lambda c: True, settings=_FAST)
    assert cal.to_dict()["timezone"] == "America/New_York"


@pytest.mark.parametrize("zones", [["Nowhere/Special"], [], 3, [None]])
def test_calendars_reject_bad_zones(zones: object) -> None:
    with pytest.raises(ValidationError, match="zones"):
        calendars(zones)  # type: ignore[arg-type]


@given(sla_policies())
def test_sla_policies_round_trip_through_dicts_and_pickle(policy: SlaPolicy) -> None:
    assert SlaPolicy.from_dict(policy.to_dict()) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy


@settings(max_examples=15)
@given(sla_policies(), interactions(max_events=8))
def test_sla_policies_evaluate_any_valid_interaction(policy: SlaPolicy, ix: Interaction) -> None:
    report = policy.evaluate(ix, at=ix.last_event_at + timedelta(hours=1))
    for metric in report:
        clock = report[metric]
        assert clock.started_at >= ix.opened_at


@given(escalation_policies(sla=True))
def test_escalation_policies_round_trip_through_dicts_and_pickle(
    policy: EscalationPolicy,
) -> None:
    assert EscalationPolicy.from_dict(policy.to_dict()) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy


@settings(max_examples=15)
@given(escalation_policies(sla=True), sla_policies(), interactions(max_events=8))
def test_escalation_policies_evaluate_any_valid_interaction(
    policy: EscalationPolicy, sla: SlaPolicy, ix: Interaction
) -> None:
    at = ix.last_event_at + timedelta(hours=2)
    evaluation = policy.evaluate(ix, at=at, sla=sla)
    assert all(d.due_at <= at for d in evaluation.decisions)
    assert evaluation.errors == ()
    if ix.status is Status.CLOSED:
        # A step that came due before the close is still returned, but an Escalated
        # event cannot be recorded on a closed interaction; the host drops it.
        return
    grown = ix
    for decision in evaluation.decisions:
        grown = grown.record(decision.to_event(at=at))
    assert policy.evaluate(grown, at=at, sla=sla).decisions == ()


@given(escalation_policies())
def test_escalation_policies_without_sla_do_not_use_it(policy: EscalationPolicy) -> None:
    assert not policy.uses_sla


def test_escalation_policies_with_sla_do_use_it_sometimes() -> None:
    assert find(escalation_policies(sla=True), lambda p: p.uses_sla, settings=_FAST).uses_sla


def test_escalation_policies_reject_a_non_bool_sla() -> None:
    with pytest.raises(ValidationError, match="sla"):
        escalation_policies(sla="yes")  # type: ignore[arg-type]


@settings(max_examples=20)
@given(st.from_type(BusinessCalendar), st.from_type(SlaPolicy), st.from_type(EscalationPolicy))
def test_from_type_builds_calendars_and_policies(
    cal: BusinessCalendar, sla: SlaPolicy, policy: EscalationPolicy
) -> None:
    assert isinstance(cal, BusinessCalendar)
    assert isinstance(sla, SlaPolicy)
    assert isinstance(policy, EscalationPolicy)
