"""Every public value survives its document form, JSON and pickle equal to itself.

Interactions come from :mod:`cxcore.testing` (DST-heavy zones, folds included);
configurations are drawn by small strategies here, built from the documented
formats. Interaction documents carry ``"schema": 1``; a newer schema is refused
with an error that says to upgrade, never misread.
"""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cxcore import (
    ConfigError,
    Customer,
    Interaction,
    PluginError,
    TransitionError,
    ValidationError,
    events as ev,
)
from cxcore.escalation import EscalationPolicy
from cxcore.language import check, rule_packs, signals
from cxcore.reporting import Report, ReportConfig
from cxcore.routing import BreakPolicy, Team, Teams, route, suggest_break, workload
from cxcore.sla import BusinessCalendar, SlaPolicy
from cxcore.testing import customers, events_for, interactions

from .support import (
    BREAK_POLICY,
    CALENDAR,
    ESCALATION_POLICY,
    SLA_POLICY,
    T0,
    TEAMS,
    sample_interaction,
)


def _pickled(value: object) -> Any:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _via_json(document: object) -> Any:
    return json.loads(json.dumps(document, ensure_ascii=False))


# ------------------------------------------------------------------ interactions


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(ix=interactions(max_events=12))
def test_an_interaction_survives_its_document_json_and_pickle(ix: Interaction) -> None:
    document = ix.to_dict()
    assert document["schema"] == 1
    again = Interaction.from_dict(_via_json(document))
    assert again == ix
    assert again.to_dict() == document
    # derived state is rebuilt, not copied: it agrees field by field
    for name in ("status", "priority", "owner", "assignee", "team", "tags", "reopen_count"):
        assert getattr(again, name) == getattr(ix, name)
    assert _pickled(ix) == ix
    assert _pickled(ix).status is ix.status


@given(customer=customers())
def test_a_customer_pickles_equal(customer: Customer) -> None:
    assert _pickled(customer) == customer


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_event_pickles_equal(data: st.DataObject) -> None:
    ix = data.draw(interactions(max_events=2))
    for event in data.draw(events_for(ix, max_size=6)):
        assert _pickled(event) == event
        assert hash(_pickled(event)) == hash(event)


def test_a_moment_in_a_repeated_hour_survives_the_document_form() -> None:
    london = ZoneInfo("Europe/London")
    first = datetime(2026, 10, 25, 1, 45, tzinfo=london)  # 00:45 UTC (BST)
    second = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=london)  # 01:30 UTC (GMT): later
    ix = Interaction.open(id="T-1", channel="email", at=first, customer=Customer(id="c"))
    ix = ix.record(ev.CustomerMessage(at=second, text="hello"))
    assert Interaction.from_dict(_via_json(ix.to_dict())) == ix


def test_two_moments_an_hour_apart_on_the_same_wall_clock_are_different_events() -> None:
    london = ZoneInfo("Europe/London")
    bst = ev.CustomerMessage(at=datetime(2026, 10, 25, 1, 30, tzinfo=london), text="x")
    gmt = ev.CustomerMessage(at=datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=london), text="x")
    assert bst != gmt
    assert bst == ev.CustomerMessage(at=datetime(2026, 10, 25, 0, 30, tzinfo=UTC), text="x")


def test_a_document_from_a_newer_schema_is_refused_not_misread() -> None:
    document = sample_interaction().to_dict()
    document["schema"] = 2
    with pytest.raises(ConfigError, match="newer") as info:
        Interaction.from_dict(document)
    assert info.value.path == "schema"
    assert "upgrade cxcore" in str(info.value)


def test_a_document_without_a_schema_is_read_as_schema_1() -> None:
    document = sample_interaction().to_dict()
    del document["schema"]
    assert Interaction.from_dict(document) == sample_interaction()


# ------------------------------------------------------------------ configurations

_times = st.sampled_from(["00:00", "06:00", "08:30", "09:00", "12:00", "13:00", "17:30", "22:00"])
_ends = st.sampled_from(["06:00", "10:00", "12:00", "17:00", "18:00", "24:00"])


@st.composite
def calendar_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Calendars with day intervals (no overnight shifts, so no neighbour rules apply)."""
    hours: dict[str, list[list[str]]] = {}
    for day in draw(st.sets(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))):
        start = draw(_times)
        end = draw(_ends.filter(lambda e, s=start: e > s))
        hours[day] = [[start, end]]
    out: dict[str, Any] = {
        "timezone": draw(
            st.sampled_from(["UTC", "Asia/Seoul", "Europe/London", "Pacific/Chatham"])
        ),
        "hours": hours,
    }
    holidays = draw(
        st.lists(st.dates(min_value=datetime(2025, 1, 1).date()), max_size=3, unique=True)
    )
    if holidays:
        out["holidays"] = [d.isoformat() for d in holidays]
    if draw(st.booleans()):
        out.setdefault("holidays", []).append(
            {"rrule": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "dtstart": "2026-01-01"}
        )
    return out


@given(document=calendar_documents())
def test_a_calendar_survives_its_document_json_and_pickle(document: dict[str, Any]) -> None:
    cal = BusinessCalendar.from_dict(document)
    again = BusinessCalendar.from_dict(_via_json(cal.to_dict()))
    assert again == cal
    assert _pickled(cal) == cal
    moment = datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert _pickled(cal).is_open(moment) == cal.is_open(moment)


_durations = st.sampled_from(["30m", "1h", "1h30m", "4h", "8h", "2d", "PT45M", 5400])


@st.composite
def sla_documents(draw: st.DrawFn) -> dict[str, Any]:
    metrics = ["first_response", "next_response", "periodic_update", "resolution"]
    targets = []
    for metric in draw(st.lists(st.sampled_from(metrics), min_size=1, max_size=6)):
        target: dict[str, Any] = {"metric": metric, "within": draw(_durations)}
        if draw(st.booleans()):
            target["business_hours"] = draw(st.booleans())
        if draw(st.booleans()):
            target["when"] = {
                "priority": draw(
                    st.lists(st.sampled_from(["high", "urgent"]), min_size=1, unique=True)
                )
            }
        targets.append(target)
    out: dict[str, Any] = {
        "name": draw(st.sampled_from(["standard", "vip/desk", "기본"])),
        "targets": targets,
    }
    if draw(st.booleans()):
        out["calendar"] = draw(calendar_documents())
    out["warning"] = draw(st.sampled_from([0.5, 0.75, 0.9, "0.8"]))
    out["reopen"] = draw(st.sampled_from(["cumulative", "fresh"]))
    out["pause_resolution_on"] = draw(
        st.lists(st.sampled_from(["pending", "on_hold"]), unique=True)
    )
    return out


@given(document=sla_documents())
def test_an_sla_policy_survives_its_document_json_and_pickle(document: dict[str, Any]) -> None:
    policy = SlaPolicy.from_dict(document)
    again = SlaPolicy.from_dict(_via_json(policy.to_dict()))
    assert again == policy
    assert _pickled(policy) == policy


_leaves = st.sampled_from(
    [
        {"priority": {"at_least": "high"}},
        {"status": {"in": ["open", "pending"]}},
        {"tier": {"in": ["vip"]}},
        {"tags": {"contains": "refund"}},
        {"assignee": {"unset": True}},
        {"reopens": {"at_least": 2}},
        {"unanswered_messages": {"at_least": 3}},
        {"became": {"priority": "urgent"}},
        {"sla": {"metric": "first_response", "state": "breached"}},
        {"sla": {"metric": "resolution", "remaining_below": "30m"}},
        {"since": {"opened": "4h"}},
        {"event": "transferred"},
        {"signal": "asks_for_human"},
        {"survey": {"name": "csat", "at_most": 2}},
    ]
)
_conditions = st.recursive(
    _leaves,
    lambda inner: (
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3))
        | st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3))
        | st.builds(lambda x: {"not": x}, inner)
    ),
    max_leaves=6,
)
_actions = st.sampled_from(
    [
        {"notify": "lead"},
        {"set_priority": "urgent"},
        {"reassign": {"team": "tier2"}},
        {"offer_human": True},
        {"handover_note": {"locale": "ko"}},
        {"follow_up": {"by": "owner"}},
        {"tag": "escalated"},
    ]
)


@st.composite
def escalation_documents(draw: st.DrawFn) -> dict[str, Any]:
    rules = []
    for index in range(draw(st.integers(1, 3))):
        levels = sorted(draw(st.lists(st.integers(0, 3), min_size=1, max_size=3)))
        steps = [
            {
                "after": draw(st.sampled_from(["0m", "30m", "1h", "1d"])),
                "level": level,
                "actions": draw(st.lists(_actions, min_size=1, max_size=2)),
            }
            for level in levels
        ]
        rules.append({"id": f"rule-{index}", "when": draw(_conditions), "steps": steps})
    out: dict[str, Any] = {"name": "desk", "rules": rules}
    if draw(st.booleans()):
        out["calendar"] = draw(calendar_documents())
    return out


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(document=escalation_documents())
def test_an_escalation_policy_survives_its_document_json_and_pickle(
    document: dict[str, Any],
) -> None:
    policy = EscalationPolicy.from_dict(document)
    again = EscalationPolicy.from_dict(_via_json(policy.to_dict()))
    assert again == policy
    assert _pickled(policy) == policy


def test_teams_and_break_policies_survive_their_documents_json_and_pickle() -> None:
    teams = Teams.from_dict(TEAMS)
    assert Teams.from_dict(_via_json(teams.to_dict())) == teams
    assert _pickled(teams) == teams
    for team in teams.teams:
        assert Team.from_dict(_via_json(team.to_dict())) == team
    policy = BreakPolicy.from_dict(BREAK_POLICY)
    assert BreakPolicy.from_dict(_via_json(policy.to_dict())) == policy
    assert _pickled(policy) == policy
    assert BreakPolicy.from_dict({}) == BreakPolicy()


def test_the_example_configurations_survive_their_documents() -> None:
    from tests.conftest import ROOT

    examples = ROOT / "examples"
    for loader, name in [
        (BusinessCalendar.load, "calendar"),
        (SlaPolicy.load, "sla_policy"),
        (EscalationPolicy.load, "escalation_policy"),
        (Teams.load, "teams"),
    ]:
        value = loader(examples / f"{name}.toml")
        assert loader(examples / f"{name}.json") == value
        assert type(value).from_dict(_via_json(value.to_dict())) == value  # type: ignore[attr-defined]
        assert _pickled(value) == value


# ------------------------------------------------------------------ results


def test_results_of_every_layer_pickle_equal() -> None:
    ix = sample_interaction()
    sla = SlaPolicy.from_dict(SLA_POLICY)
    esc = EscalationPolicy.from_dict(ESCALATION_POLICY)
    teams = Teams.from_dict(TEAMS)
    at = T0 + timedelta(days=2)
    report = sla.evaluate(ix, at=at)
    evaluation = esc.evaluate(ix, at=at, sla=sla)
    values: list[object] = [
        report,
        *report.values(),
        evaluation,
        *evaluation.decisions,
        *esc.explain(ix, at=at, sla=sla),
        *esc.simulate(ix, until=at + timedelta(days=3), sla=sla),
        *route(ix, teams, at=at, sla=sla),
        suggest_break("a-1", [ix], at=at, policy=BreakPolicy()),
        workload(["a-1"], [ix], at=at, timezone="Asia/Seoul"),
        *check("안타깝게도 환불은 불가능합니다. 고객님 잘못입니다.", locale="ko"),
        *signals("상담원 연결해 주세요. 이번이 세 번째 문의예요", locale="ko"),
        rule_packs.get("ko")(),
        ReportConfig(at=at, timezone="Asia/Seoul", sla=sla),
        Report.build([ix], config=ReportConfig(at=at, timezone="Asia/Seoul", sla=sla)),
    ]
    assert evaluation.decisions, "the sample should escalate"
    for value in values:
        assert _pickled(value) == value, type(value).__name__
    decision = evaluation.decisions[0]
    assert _pickled(decision).key == decision.key
    assert ix.record(_pickled(decision).to_event(at=at)).escalation_keys == {decision.key}


def test_a_report_document_is_plain_json() -> None:
    sla = SlaPolicy.from_dict(SLA_POLICY)
    config = ReportConfig(at=T0 + timedelta(days=2), timezone="Asia/Seoul", sla=sla)
    report = Report.build([sample_interaction()], config=config)
    document = report.to_dict()
    assert _via_json(document) == document
    assert _pickled(report).to_dict() == document


@pytest.mark.parametrize(
    "error",
    [
        ConfigError("bad", path="targets[2].within", source="policy.toml"),
        ValidationError("at must be timezone-aware"),
        TransitionError("closed"),
        PluginError("boom"),
    ],
)
def test_errors_pickle_with_their_details(error: Exception) -> None:
    again = _pickled(error)
    assert type(again) is type(error)
    assert str(again) == str(error)
    if isinstance(error, ConfigError):
        assert (again.path, again.source, again.reason) == (error.path, error.source, error.reason)


def test_calendar_documents_are_read_without_mutating_them() -> None:
    import copy

    document = copy.deepcopy(CALENDAR)
    BusinessCalendar.from_dict(document)
    assert document == CALENDAR
