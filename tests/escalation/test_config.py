"""Policies from plain data and files: round trips, and every error names its path."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from cxcore import ConfigError, PluginError
from cxcore.escalation import EscalationPolicy, conditions
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def base() -> dict[str, Any]:
    return {
        "name": "default",
        "rules": [
            {
                "id": "late",
                "when": {
                    "all": [
                        {"sla": {"metric": "first_response", "state": "breached"}},
                        {"priority": {"in": ["high", "urgent"]}},
                    ]
                },
                "steps": [
                    {"after": "0m", "level": 1, "actions": [{"notify": "team-lead"}]},
                    {"after": "PT30M", "level": 2, "actions": [{"set_priority": "urgent"}]},
                ],
            },
            {
                "id": "human",
                "when": {"signal": "asks_for_human"},
                "steps": [{"after": 0, "level": 1, "actions": [{"offer_human": True}]}],
            },
        ],
    }


def test_to_dict_round_trips_and_writes_canonical_durations() -> None:
    doc = base()
    kept = copy.deepcopy(doc)
    esc = EscalationPolicy.from_dict(doc)
    assert doc == kept  # the caller's document is not touched
    out = esc.to_dict()
    assert EscalationPolicy.from_dict(out) == esc
    assert [s["after"] for s in out["rules"][0]["steps"]] == ["0s", "30m"]
    assert json.loads(json.dumps(out)) == out
    out["rules"].clear()
    assert len(esc.rules) == 2  # the output is a copy
    assert pickle.loads(pickle.dumps(esc)) == esc


def test_a_calendar_round_trips() -> None:
    doc = base()
    doc["calendar"] = {"timezone": "Asia/Seoul", "hours": {"mon": [["09:00", "18:00"]]}}
    esc = EscalationPolicy.from_dict(doc)
    assert esc.calendar is not None
    assert EscalationPolicy.from_dict(esc.to_dict()) == esc


def test_the_toml_and_json_examples_load_equal() -> None:
    toml = EscalationPolicy.load(EXAMPLES / "escalation_policy.toml")
    assert toml == EscalationPolicy.load(EXAMPLES / "escalation_policy.json")
    assert EscalationPolicy.from_dict(toml.to_dict()) == toml
    assert len(toml.rules) >= 3


def test_a_file_error_names_the_file_and_the_path(tmp_path: Path) -> None:
    doc = base()
    doc["rules"][1]["steps"][0]["after"] = "soon"
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        EscalationPolicy.load(path)
    assert info.value.source == str(path)
    assert info.value.path == "rules[1].steps[0].after"


def _set(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``doc`` with the item at ``a.b[0].c`` set (``...`` deletes it)."""
    parts = path.replace("[", ".").replace("]", "").split(".")
    node: Any = doc
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return doc


CASES = [
    # (where to change, new value, expected error path, words the message must hold)
    ("name", "", "name", "non-empty"),
    ("rulez", [], "rulez", "known keys"),
    ("rules", {}, "rules", "list"),
    ("rules.0.id", ..., "rules[0]", "'id'"),
    ("rules.0.id", " ", "rules[0].id", "non-empty"),
    ("rules.1.id", "late", "rules[1].id", "already used"),
    ("rules.0.whn", {}, "rules[0].whn", "known keys"),
    ("rules.0.when", "high", "rules[0].when", "exactly one key"),
    ("rules.0.when", {"status": {"in": ["open"]}, "tier": {"in": ["vip"]}}, "rules[0].when", "one"),
    ("rules.0.when.all.1", {"prioritee": {}}, "rules[0].when.all[1].prioritee", "known: all"),
    ("rules.0.when.all", [], "rules[0].when.all", "non-empty list"),
    ("rules.0.when", {"not": {"statu": {}}}, "rules[0].when.not.statu", "unknown condition"),
    ("rules.0.when.all.1.priority.in.0", "hihg", "rules[0].when.all[1].priority.in[0]", "urgent"),
    (
        "rules.0.when.all.1.priority",
        {"at_least": "x"},
        "rules[0].when.all[1].priority.at_least",
        "",
    ),
    ("rules.0.when.all.1.priority", {"in": "high"}, "rules[0].when.all[1].priority.in", "list"),
    ("rules.1.when.signal", "angry", "rules[1].when.signal", "asks_for_human"),
    ("rules.1.when", {"event": "moved"}, "rules[1].when.event", "transferred"),
    ("rules.1.when", {"tags": {"has": "x"}}, "rules[1].when.tags", "contains"),
    ("rules.1.when", {"assignee": {"unset": 1}}, "rules[1].when.assignee.unset", "true or false"),
    ("rules.1.when", {"reopens": {"at_least": -1}}, "rules[1].when.reopens.at_least", ">= 0"),
    ("rules.1.when", {"became": {"tier": "vip"}}, "rules[1].when.became", "priority"),
    ("rules.1.when", {"became": {"status": "gone"}}, "rules[1].when.became.status", "solved"),
    ("rules.0.when.all.0.sla.metric", "speed", "rules[0].when.all[0].sla.metric", "resolution"),
    ("rules.0.when.all.0.sla.state", "late", "rules[0].when.all[0].sla.state", "at_risk"),
    ("rules.0.when.all.0.sla.remaining_below", "1h", "rules[0].when.all[0].sla", "exactly one"),
    ("rules.0.when.all.0.sla.within", "1h", "rules[0].when.all[0].sla.within", "known keys"),
    ("rules.1.when", {"since": {"opened": "soon"}}, "rules[1].when.since.opened", "duration"),
    ("rules.1.when", {"since": {"created": "1h"}}, "rules[1].when.since", "last_agent_reply"),
    ("rules.1.when", {"survey": {"at_most": 2}}, "rules[1].when.survey", "'name'"),
    (
        "rules.1.when",
        {"survey": {"name": "csat", "at_most": 2, "at_least": 1}},
        "rules[1].when.survey",
        "exactly one",
    ),
    ("rules.1.when", {"status": {"in": ["gone"]}}, "rules[1].when.status.in[0]", "pending"),
    ("rules.1.steps", [], "rules[1].steps", "at least one step"),
    ("rules.1.steps.0.after", ..., "rules[1].steps[0]", "'after'"),
    ("rules.1.steps.0.after", "soon", "rules[1].steps[0].after", "duration"),
    ("rules.1.steps.0.after", "-5m", "rules[1].steps[0].after", "duration"),
    ("rules.1.steps.0.level", -1, "rules[1].steps[0].level", ">= 0"),
    ("rules.0.steps.1.level", 0, "rules[0].steps[1].level", "never go down"),
    ("rules.1.steps.0.actions", [], "rules[1].steps[0].actions", "at least one action"),
    ("rules.1.steps.0.actions.0", {"page": "x"}, "rules[1].steps[0].actions[0].page", "notify"),
    ("rules.1.steps.0.actions.0", "notify", "rules[1].steps[0].actions[0]", "one key"),
    (
        "rules.1.steps.0.actions.0",
        {"set_priority": "asap"},
        "rules[1].steps[0].actions[0].set_priority",
        "urgent",
    ),
    (
        "rules.1.steps.0.actions.0",
        {"reassign": {"team": "a", "agent": "b"}},
        "rules[1].steps[0].actions[0].reassign",
        "exactly one",
    ),
    (
        "rules.1.steps.0.actions.0",
        {"reassign": {"route": False}},
        "rules[1].steps[0].actions[0].reassign.route",
        "true",
    ),
    (
        "rules.1.steps.0.actions.0",
        {"offer_human": "yes"},
        "rules[1].steps[0].actions[0].offer_human",
        "true",
    ),
    (
        "rules.1.steps.0.actions.0",
        {"handover_note": {"locale": "klingon-xx"}},
        "rules[1].steps[0].actions[0].handover_note.locale",
        "locale",
    ),
    (
        "rules.1.steps.0.actions.0",
        {"follow_up": {"by": "assignee"}},
        "rules[1].steps[0].actions[0].follow_up.by",
        "owner",
    ),
    ("rules.1.steps.0.actions.0", {"notify": ""}, "rules[1].steps[0].actions[0].notify", "str"),
    ("rules.1.steps.0.actions.0", {"tag": 5}, "rules[1].steps[0].actions[0].tag", "str"),
    ("calendar", {"timezone": "Mars/Base"}, "calendar", "time zone"),
    (
        "calendar",
        {"timezone": "UTC", "hours": {"mon": [["09:00", "25:00"]]}},
        "calendar.hours.mon[0]",
        "",
    ),
]


@pytest.mark.parametrize(("where", "value", "path", "words"), CASES)
def test_each_config_error_names_its_path(where: str, value: Any, path: str, words: str) -> None:
    doc = _set(base(), where, value)
    with pytest.raises(ConfigError) as info:
        EscalationPolicy.from_dict(doc)
    assert info.value.path.startswith(path), (info.value.path, str(info.value))
    assert words in str(info.value)


def test_a_document_that_is_not_an_object_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="table/object"):
        EscalationPolicy.from_dict(["rules"])


def test_an_empty_rule_list_is_a_policy_that_never_fires() -> None:
    assert EscalationPolicy.from_dict({"name": "quiet", "rules": []}).rules == ()


def test_a_condition_plugin_that_fails_on_its_config_is_a_plugin_error() -> None:
    def broken(value: Any, path: str) -> Any:
        raise TypeError("bad plugin")

    conditions.register("fragile", broken)
    try:
        doc = _set(base(), "rules.1.when", {"fragile": {}})
        with pytest.raises(PluginError, match=r"rules\[1\].when.fragile"):
            EscalationPolicy.from_dict(doc)
    finally:
        conditions.unregister("fragile")


def test_unknown_names_list_the_registry_and_plugins_extend_it() -> None:
    doc = _set(base(), "rules.1.when", {"weather": "rain"})
    with pytest.raises(ConfigError) as info:
        EscalationPolicy.from_dict(doc)
    for name in conditions.names():
        assert name in str(info.value)
    assert "since" in conditions
    assert set(conditions.names()) >= {
        "status",
        "channel",
        "tier",
        "team",
        "priority",
        "tags",
        "assignee",
        "reopens",
        "transfers",
        "unanswered_messages",
        "became",
        "sla",
        "since",
        "event",
        "signal",
        "survey",
    }


def test_python_construction_is_validated() -> None:
    from datetime import timedelta

    import attrs

    from cxcore import ValidationError
    from cxcore.escalation import Notify, Rule, Step

    esc = EscalationPolicy.from_dict(base())
    when = esc.rules[0].when
    step = Step(after=timedelta(0), level=1, actions=[Notify(target="lead")])
    with pytest.raises(ValidationError, match="levels never go down"):
        Rule(id="r", when=when, steps=[step, attrs.evolve(step, level=0)])
    with pytest.raises(ValidationError, match="at least one action"):
        Step(after=timedelta(0), level=0, actions=[])
    with pytest.raises(ValidationError, match="timedelta"):
        Step(after="5m", level=0, actions=[Notify(target="lead")])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="at least one step"):
        Rule(id="r", when=when, steps=[])
    with pytest.raises(ValidationError, match="condition tree"):
        Rule(id="r", when={"status": {}}, steps=[step])  # type: ignore[arg-type]
    rule = Rule(id="r", when=when, steps=[step])
    with pytest.raises(ValidationError, match="used twice"):
        EscalationPolicy(name="p", rules=[rule, rule])
    with pytest.raises(ValidationError, match="BusinessCalendar"):
        EscalationPolicy(name="p", rules=[rule], calendar="UTC")  # type: ignore[arg-type]
    assert EscalationPolicy(name="p", rules=[rule]).rules == (rule,)
