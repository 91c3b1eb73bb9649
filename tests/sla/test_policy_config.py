"""SlaPolicy and Target: the document format, Python construction, and every bad input."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cxcore import (
    ConfigError,
    Customer,
    CxcoreError,
    Interaction,
    Priority,
    Status,
    ValidationError,
)
from cxcore.sla import BusinessCalendar, Metric, SlaPolicy, Target, When

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEOUL = ZoneInfo("Asia/Seoul")

DESIGN_POLICY: dict[str, Any] = {
    "name": "standard",
    "calendar": {
        "timezone": "Europe/Berlin",
        "hours": {
            "mon": [["09:00", "17:00"]],
            "tue": [["09:00", "12:00"], ["13:00", "17:00"]],
            "fri": [["22:00", "06:00"]],
        },
        "holidays": ["2026-12-25", "2026-12-26"],
    },
    "warning": 0.75,
    "pause_resolution_on": ["pending"],
    "reopen": "cumulative",
    "targets": [
        {"metric": "first_response", "within": "1h", "when": {"priority": ["urgent", "high"]}},
        {
            "metric": "first_response",
            "within": "4h",
            "when": {"channel": ["email"], "tier": ["vip"]},
        },
        {"metric": "first_response", "within": "8h"},
        {"metric": "periodic_update", "within": "8h"},
        {"metric": "resolution", "within": "5d", "business_hours": False},
    ],
}


def minimal(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": "p", "targets": [{"metric": "first_response", "within": "1h"}]}
    doc.update(changes)
    return doc


# --- The format -----------------------------------------------------------------------------------


def test_the_design_example_loads_with_every_key() -> None:
    policy = SlaPolicy.from_dict(DESIGN_POLICY)
    assert policy.name == "standard"
    assert isinstance(policy.calendar, BusinessCalendar)
    assert policy.warning == Fraction(3, 4)
    assert policy.pause_resolution_on == frozenset({Status.PENDING})
    assert policy.reopen == "cumulative"
    first = policy.targets[0]
    assert first.metric is Metric.FIRST_RESPONSE
    assert first.within == timedelta(hours=1)
    assert first.business_hours is True
    assert first.when == When(priority=["urgent", "high"])
    assert policy.targets[1].when == When(channel=["email"], tier=["vip"])
    assert policy.targets[4].within == timedelta(days=5)
    assert policy.targets[4].business_hours is False


def test_defaults_when_keys_are_left_out() -> None:
    policy = SlaPolicy.from_dict(minimal())
    assert policy.calendar is None
    assert policy.warning == Fraction(3, 4)
    assert policy.pause_resolution_on == frozenset({Status.PENDING})
    assert policy.reopen == "cumulative"
    assert policy.targets[0].when == When()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", timedelta(minutes=90)),
        ("1h30m", timedelta(minutes=90)),
        ("2d", timedelta(hours=48)),
        ("PT1H30M", timedelta(minutes=90)),
        (5400, timedelta(minutes=90)),
        (5400.5, timedelta(seconds=5400.5)),
    ],
)
def test_within_accepts_every_documented_form(text: object, expected: timedelta) -> None:
    doc = minimal(targets=[{"metric": "resolution", "within": text}])
    assert SlaPolicy.from_dict(doc).targets[0].within == expected


@pytest.mark.parametrize(
    ("value", "exact"),
    [
        (0.75, Fraction(3, 4)),
        (0.1, Fraction(1, 10)),
        ("0.8", Fraction(4, 5)),
        ("2/3", Fraction(2, 3)),
    ],
)
def test_warning_is_exact(value: object, exact: Fraction) -> None:
    assert SlaPolicy.from_dict(minimal(warning=value)).warning == exact


def test_round_trip_through_dict_json_and_pickle() -> None:
    policy = SlaPolicy.from_dict(DESIGN_POLICY)
    assert SlaPolicy.from_dict(policy.to_dict()) == policy
    assert SlaPolicy.from_dict(json.loads(json.dumps(policy.to_dict()))) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy
    thirds = SlaPolicy.from_dict(minimal(warning="2/3"))
    assert SlaPolicy.from_dict(thirds.to_dict()) == thirds


def test_from_dict_does_not_touch_the_callers_document() -> None:
    doc = copy.deepcopy(DESIGN_POLICY)
    SlaPolicy.from_dict(doc).to_dict()
    assert doc == DESIGN_POLICY


def test_the_toml_and_json_examples_are_the_same_policy() -> None:
    toml = SlaPolicy.load(EXAMPLES / "sla_policy.toml")
    assert SlaPolicy.load(EXAMPLES / "sla_policy.json") == toml
    assert toml.calendar is not None
    assert toml.calendar.timezone == ZoneInfo("Asia/Seoul")
    assert toml.pause_resolution_on == frozenset({Status.PENDING, Status.ON_HOLD})


def test_python_construction_equals_the_document() -> None:
    built = SlaPolicy(
        name="p",
        warning=Fraction(3, 4),
        targets=[
            Target(metric=Metric.FIRST_RESPONSE, within=timedelta(hours=1), when={"tier": ["vip"]}),
            Target(metric="resolution", within=timedelta(days=2), business_hours=False),
        ],
    )
    loaded = SlaPolicy.from_dict(
        {
            "name": "p",
            "targets": [
                {"metric": "first_response", "within": "1h", "when": {"tier": ["vip"]}},
                {"metric": "resolution", "within": "2d", "business_hours": False},
            ],
        }
    )
    assert built == loaded


def test_when_matches_an_interaction_as_it_is_now() -> None:
    ix = Interaction.open(
        id="T", channel="chat", at=datetime(2026, 3, 2, tzinfo=SEOUL), customer=Customer(id="c")
    )
    assert When().matches(ix)
    assert When(channel=["chat"], priority=[Priority.NORMAL]).matches(ix)
    assert not When(tags=["vip"]).matches(ix)
    assert not When(team=["billing"]).matches(ix)


# --- Bad documents ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        (minimal(targetz=[]), "targetz"),
        ({"targets": []}, ""),
        ({"name": "p"}, ""),
        (minimal(name=""), "name"),
        (minimal(name=3), "name"),
        (minimal(targets={"metric": "resolution"}), "targets"),
        (minimal(targets=["first_response"]), "targets[0]"),
        (
            minimal(
                targets=[{"metric": "resolution", "within": "1h"}, {"metric": "x", "within": "1h"}]
            ),
            "targets[1].metric",
        ),
        (minimal(targets=[{"metric": "resolution", "whithin": "1h"}]), "targets[0].whithin"),
        (minimal(targets=[{"metric": "resolution"}]), "targets[0]"),
        (minimal(targets=[{"metric": "resolution", "within": "0m"}]), "targets[0].within"),
        (minimal(targets=[{"metric": "resolution", "within": 0}]), "targets[0].within"),
        (minimal(targets=[{"metric": "resolution", "within": -60}]), "targets[0].within"),
        (minimal(targets=[{"metric": "resolution", "within": "-1h"}]), "targets[0].within"),
        (minimal(targets=[{"metric": "resolution", "within": "soon"}]), "targets[0].within"),
        (minimal(targets=[{"metric": "resolution", "within": True}]), "targets[0].within"),
        (
            minimal(targets=[{"metric": "resolution", "within": "1h", "business_hours": "no"}]),
            "targets[0].business_hours",
        ),
        (
            minimal(targets=[{"metric": "resolution", "within": "1h", "when": []}]),
            "targets[0].when",
        ),
        (
            minimal(targets=[{"metric": "resolution", "within": "1h", "when": {"prio": ["high"]}}]),
            "targets[0].when.prio",
        ),
        (
            minimal(
                targets=[
                    {"metric": "resolution", "within": "1h", "when": {"priority": ["critical"]}}
                ]
            ),
            "targets[0].when.priority[0]",
        ),
        (
            minimal(targets=[{"metric": "resolution", "within": "1h", "when": {"channel": []}}]),
            "targets[0].when.channel",
        ),
        (
            minimal(
                targets=[{"metric": "resolution", "within": "1h", "when": {"channel": "email"}}]
            ),
            "targets[0].when.channel",
        ),
        (
            minimal(
                targets=[{"metric": "resolution", "within": "1h", "when": {"tags": ["a", ""]}}]
            ),
            "targets[0].when.tags[1]",
        ),
        (minimal(warning=0), "warning"),
        (minimal(warning=1), "warning"),
        (minimal(warning=1.5), "warning"),
        (minimal(warning=-0.25), "warning"),
        (minimal(warning="most"), "warning"),
        (minimal(warning=True), "warning"),
        (minimal(pause_resolution_on="pending"), "pause_resolution_on"),
        (minimal(pause_resolution_on=["pending", "solved"]), "pause_resolution_on[1]"),
        (minimal(pause_resolution_on=["closed"]), "pause_resolution_on[0]"),
        (minimal(pause_resolution_on=["waiting"]), "pause_resolution_on[0]"),
        (minimal(pause_resolution_on=[None]), "pause_resolution_on[0]"),
        (minimal(reopen="again"), "reopen"),
        (minimal(reopen=True), "reopen"),
        (minimal(calendar=5), "calendar"),
        (minimal(calendar={"timezone": "Mars/Olympus", "hours": {}}), "calendar.timezone"),
        (minimal(calendar={"timezone": "UTC", "hours": {"mon": [["09:00", "25:00"]]}}), None),
    ],
)
def test_bad_documents_name_the_path(doc: dict[str, Any], path: str | None) -> None:
    with pytest.raises(ConfigError) as caught:
        SlaPolicy.from_dict(doc)
    if path is None:  # a calendar error deep inside: under "calendar."
        assert caught.value.path.startswith("calendar.hours.mon")
    else:
        assert caught.value.path == path


def test_document_must_be_a_table() -> None:
    with pytest.raises(ConfigError):
        SlaPolicy.from_dict(["name", "p"])


def test_load_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "policy.json"
    bad.write_text(json.dumps(minimal(reopen="twice")), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        SlaPolicy.load(bad)
    assert caught.value.source == str(bad)
    assert caught.value.path == "reopen"
    with pytest.raises(ConfigError):
        SlaPolicy.load(tmp_path / "policy.yaml")
    with pytest.raises(ConfigError):
        SlaPolicy.load(tmp_path / "missing.toml")


# --- Bad arguments --------------------------------------------------------------------------------

HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"metric": "first_reply", "within": HOUR},
        {"metric": 3, "within": HOUR},
        {"metric": "resolution", "within": timedelta(0)},
        {"metric": "resolution", "within": -HOUR},
        {"metric": "resolution", "within": 3600},
        {"metric": "resolution", "within": HOUR, "business_hours": "yes"},
        {"metric": "resolution", "within": HOUR, "when": "vip"},
        {"metric": "resolution", "within": HOUR, "when": {"prio": ["high"]}},
        {"metric": "resolution", "within": HOUR, "when": When},
    ],
)
def test_bad_target_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Target(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"channel": "email"},
        {"channel": []},
        {"tier": [""]},
        {"priority": ["critical"]},
        {"priority": 3},
        {"tags": [1]},
    ],
)
def test_bad_when_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        When(**kwargs)


TARGET = Target(metric="resolution", within=HOUR)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": "", "targets": [TARGET]},
        {"name": "p", "targets": "resolution"},
        {"name": "p", "targets": [1]},
        {"name": "p", "targets": 5},
        {"name": "p", "targets": [TARGET], "calendar": "Asia/Seoul"},
        {"name": "p", "targets": [TARGET], "warning": 2},
        {"name": "p", "targets": [TARGET], "warning": None},
        {"name": "p", "targets": [TARGET], "pause_resolution_on": ["closed"]},
        {"name": "p", "targets": [TARGET], "pause_resolution_on": "pending"},
        {"name": "p", "targets": [TARGET], "reopen": "again"},
    ],
)
def test_bad_policy_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SlaPolicy(**kwargs)


def test_every_error_is_a_cxcore_error() -> None:
    assert issubclass(ConfigError, CxcoreError)
    assert issubclass(ValidationError, CxcoreError)
