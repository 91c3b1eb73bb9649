"""Every public entry point answers bad input with a CxcoreError that says where and what.

Each case calls one public function with one bad argument or document and
expects a specific :class:`~cxcore.CxcoreError` subclass whose message names
the argument or the document path. The argument is snapshotted before the
call and compared after it: the library never mutates what the caller passed.
No ``TypeError``, ``KeyError``, ``AttributeError`` or ``RecursionError`` may
escape, and nothing bad may be accepted silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest

import cxcore
import cxcore.plugins
from cxcore import (
    ConfigError,
    Customer,
    CxcoreError,
    Interaction,
    PluginError,
    TransitionError,
    ValidationError,
    events as ev,
    testing,
)
from cxcore.escalation import (
    EscalationPolicy,
    FollowUp,
    HandoverNote,
    Notify,
    Reassign,
    Tag,
    decision_key,
)
from cxcore.language import PhrasingChecker, RulePack, check, rule_packs, signals
from cxcore.reporting import FcrDefinition, Report, ReportConfig
from cxcore.routing import BreakPolicy, Team, Teams, route, suggest_break, workload
from cxcore.sla import BusinessCalendar, Metric, SlaPolicy

from .support import (
    BREAK_POLICY,
    CALENDAR,
    DROP,
    ESCALATION_POLICY,
    NAIVE,
    RULE,
    RULE_PACK,
    SLA_POLICY,
    STEP,
    T0,
    TEAM,
    TEAMS,
    deep_dict,
    deep_list,
    doc,
    interaction_doc,
    sample_interaction,
    snapshot,
)

DEEP = 10_000


@attrs.frozen
class Case:
    """``call(arg)`` must raise ``error`` whose text contains ``names``."""

    id: str
    call: Callable[[Any], object]
    arg: Any
    error: type[CxcoreError]
    names: str


CASES: list[Case] = []


def case(
    id: str, call: Callable[[Any], object], arg: Any, error: type[CxcoreError], names: str
) -> None:
    CASES.append(Case(id, call, arg, error, names))


IX = sample_interaction()
CAL = BusinessCalendar.from_dict(CALENDAR)
SLA = SlaPolicy.from_dict(SLA_POLICY)
ESC = EscalationPolicy.from_dict(ESCALATION_POLICY)
TEAMS_V = Teams.from_dict(TEAMS)
CONFIG = ReportConfig(at=T0 + timedelta(days=1), timezone="Asia/Seoul", sla=SLA)
REPORT = Report.build([IX], config=CONFIG)


def _with_rule(**changes: Any) -> dict[str, Any]:
    return doc(RULE_PACK, rules=[doc(RULE, **changes)])


def _with_when(when: object) -> dict[str, Any]:
    rule = {"id": "r", "when": when, "steps": [STEP]}
    return doc(ESCALATION_POLICY, rules=[rule])


def _with_step(**changes: Any) -> dict[str, Any]:
    rule = {"id": "r", "when": {"event": "transferred"}, "steps": [doc(STEP, **changes)]}
    return doc(ESCALATION_POLICY, rules=[rule])


def _with_target(**changes: Any) -> dict[str, Any]:
    return doc(SLA_POLICY, targets=[doc(SLA_POLICY["targets"][1], **changes)])


def _with_team(**changes: Any) -> dict[str, Any]:
    return {"teams": [doc(TEAM, **changes)]}


def _cyclic() -> dict[str, Any]:
    loop: dict[str, Any] = {"timezone": "UTC"}
    loop["hours"] = {"mon": [loop]}
    return loop


# ---------------------------------------------------------------- every document reader
READERS: dict[str, tuple[Callable[[Any], object], dict[str, Any], str]] = {
    # name: (from_dict, a valid document, a key that holds a list)
    "interaction": (Interaction.from_dict, interaction_doc(), "events"),
    "calendar": (BusinessCalendar.from_dict, CALENDAR, "holidays"),
    "sla_policy": (SlaPolicy.from_dict, SLA_POLICY, "targets"),
    "escalation_policy": (EscalationPolicy.from_dict, ESCALATION_POLICY, "rules"),
    "rule_pack": (RulePack.from_dict, RULE_PACK, "rules"),
    "teams": (Teams.from_dict, TEAMS, "teams"),
    "team": (Team.from_dict, TEAM, "tags"),
    "break_policy": (BreakPolicy.from_dict, BREAK_POLICY, "difficult"),
}

for name, (reader, valid, list_key) in READERS.items():
    for label, root in [
        ("list", [valid]),
        ("str", "{}"),
        ("int", 7),
        ("none", None),
        ("nan", float("nan")),
    ]:
        case(f"{name}-root-{label}", reader, root, ConfigError, "expected a table/object")
    case(f"{name}-unknown-key", reader, doc(valid, colour="blue"), ConfigError, "colour")
    case(f"{name}-non-str-key", reader, {**valid, 3: "x"}, ConfigError, "3")
    case(
        f"{name}-deep-list",
        reader,
        doc(valid, **{list_key: deep_list(DEEP)}),
        ConfigError,
        "100 levels",
    )
    case(
        f"{name}-deep-table",
        reader,
        doc(valid, **{list_key: deep_dict(DEEP, key="x")}),
        ConfigError,
        "100 levels",
    )
for name in ("calendar",):
    case(f"{name}-cycle", BusinessCalendar.from_dict, _cyclic(), ConfigError, "100 levels")

# ---------------------------------------------------------------- every file loader
LOADERS: dict[str, tuple[Callable[[Any], object], dict[str, Any]]] = {
    "calendar": (BusinessCalendar.load, CALENDAR),
    "sla_policy": (SlaPolicy.load, SLA_POLICY),
    "escalation_policy": (EscalationPolicy.load, ESCALATION_POLICY),
    "rule_pack": (RulePack.load, RULE_PACK),
    "teams": (Teams.load, TEAMS),
    "break_policy": (BreakPolicy.load, BREAK_POLICY),
}

FILES: dict[str, tuple[str, bytes, str]] = {
    # label: (suffix, content, expected text)
    "bad-toml": (".toml", b"name = \n", "invalid TOML"),
    "bad-json": (".json", b'{"name": ', "invalid JSON"),
    "json-array": (".json", b"[1, 2]", "top level"),
    "json-nan-root": (".json", b"NaN", "top level"),
    "latin1": (".json", '{"name": "caf\u00e9"}'.encode("latin-1"), "UTF-8"),
    "deep-json": (".json", b'{"a": ' + b"[" * DEEP + b"]" * DEEP + b"}", "too deeply"),
    "deep-toml-array": (".toml", b"a = " + b"[" * DEEP + b"]" * DEEP + b"\n", "too deeply"),
    "deep-toml-inline": (
        ".toml",
        b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000 + b"\n",
        "too deeply",
    ),
    "deep-toml-dotted": (".toml", b"[" + b".".join([b"a"] * 2000) + b"]\n", "100 levels"),
    "yaml-suffix": (".yaml", b"name: x\n", "unsupported file type"),
    "no-suffix": ("", b"{}", "unsupported file type"),
}

FILE_CASES: list[tuple[str, Callable[[Any], object], str, bytes, str]] = [
    (f"{name}-{label}", loader, suffix, content, text)
    for name, (loader, _valid) in LOADERS.items()
    for label, (suffix, content, text) in FILES.items()
]


@pytest.mark.parametrize(
    ("loader", "suffix", "content", "text"),
    [pytest.param(*c[1:], id=c[0]) for c in FILE_CASES],
)
def test_a_bad_file_is_a_config_error_naming_the_file(
    tmp_path: Path, loader: Callable[[Any], object], suffix: str, content: bytes, text: str
) -> None:
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        loader(path)
    assert text in str(info.value)
    assert info.value.source == str(path)


@pytest.mark.parametrize("loader", [pytest.param(v[0], id=k) for k, v in LOADERS.items()])
def test_a_missing_file_is_a_config_error(tmp_path: Path, loader: Callable[[Any], object]) -> None:
    with pytest.raises(ConfigError, match="cannot read the file"):
        loader(tmp_path / "absent.toml")


@pytest.mark.parametrize("loader", [pytest.param(v[0], id=k) for k, v in LOADERS.items()])
def test_a_path_that_is_no_path_is_a_validation_error(loader: Callable[[Any], object]) -> None:
    with pytest.raises(ValidationError, match="path must be"):
        loader(42)


@pytest.mark.parametrize(("name", "loader", "valid"), [(k, *v) for k, v in LOADERS.items()])
def test_a_bad_value_in_a_file_names_the_file_and_the_path(
    tmp_path: Path, name: str, loader: Callable[[Any], object], valid: dict[str, Any]
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc(valid, typo_key=1)), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        loader(path)
    assert info.value.source == str(path)
    assert info.value.path == "typo_key"


# ---------------------------------------------------------------- naive datetimes, everywhere
for label, call in {
    "event-at": lambda a: ev.CustomerMessage(at=a, text="x"),
    "open-at": lambda a: Interaction.open(id="x", channel="email", at=a, customer=Customer(id="c")),
    "up_to": IX.up_to,
    "follow_up": lambda a: IX.follow_up(id="T-2", at=a),
    "cal-is_open": CAL.is_open,
    "cal-next_open": CAL.next_open,
    "cal-next_close": CAL.next_close,
    "cal-add": lambda a: CAL.add(a, timedelta(hours=1)),
    "cal-subtract": lambda a: CAL.subtract(a, timedelta(hours=1)),
    "cal-elapsed-start": lambda a: CAL.elapsed(a, T0),
    "cal-elapsed-end": lambda a: CAL.elapsed(T0, a),
    "cal-intervals": lambda a: CAL.intervals(a, T0),
    "sla-evaluate": lambda a: SLA.evaluate(IX, at=a),
    "esc-evaluate": lambda a: ESC.evaluate(IX, at=a, sla=SLA),
    "esc-explain": lambda a: ESC.explain(IX, at=a, sla=SLA),
    "esc-simulate": lambda a: ESC.simulate(IX, until=a, sla=SLA),
    "route": lambda a: route(IX, TEAMS_V, at=a),
    "suggest_break": lambda a: suggest_break("a-1", [IX], at=a, policy=BreakPolicy()),
    "suggest_break-last": lambda a: suggest_break(
        "a-1", [IX], at=T0, policy=BreakPolicy(), last_suggested_at=a
    ),
    "workload": lambda a: workload(["a-1"], [IX], at=a, timezone="UTC"),
    "report-config": lambda a: ReportConfig(at=a, timezone="UTC"),
}.items():
    case(f"naive-{label}", call, NAIVE, ValidationError, "timezone-aware")
    case(f"date-not-datetime-{label}", call, date(2026, 3, 2), ValidationError, "datetime")

# ---------------------------------------------------------------- events and interactions
case("event-text-int", lambda a: ev.CustomerMessage(at=T0, text=a), 5, ValidationError, "text")
case("event-text-bytes", lambda a: ev.CustomerMessage(at=T0, text=a), b"x", ValidationError, "text")
case(
    "event-agent-empty",
    lambda a: ev.AgentReply(at=T0, agent=a, text="x"),
    " ",
    ValidationError,
    "agent",
)
case(
    "event-status-unknown",
    lambda a: ev.StatusChanged(at=T0, status=a),
    "paused",
    ValidationError,
    "status",
)
case(
    "event-status-unhashable",
    lambda a: ev.StatusChanged(at=T0, status=a),
    [],
    ValidationError,
    "status",
)
case(
    "event-status-new",
    lambda a: IX.record(ev.StatusChanged(at=T0 + timedelta(days=1), status=a)),
    "new",
    TransitionError,
    "new",
)
case(
    "event-priority-unknown",
    lambda a: ev.PriorityChanged(at=T0, priority=a),
    "mega",
    ValidationError,
    "priority",
)
case(
    "event-priority-unhashable",
    lambda a: ev.PriorityChanged(at=T0, priority=a),
    {},
    ValidationError,
    "priority",
)
case(
    "event-survey-score-str",
    lambda a: ev.SurveyAnswered(at=T0, survey="csat", score=a),
    "5",
    ValidationError,
    "score",
)
case(
    "event-survey-score-bool",
    lambda a: ev.SurveyAnswered(at=T0, survey="csat", score=a),
    True,
    ValidationError,
    "score",
)
case(
    "event-survey-score-range",
    lambda a: ev.SurveyAnswered(at=T0, survey="nps", score=a),
    11,
    ValidationError,
    "0 to 10",
)
case(
    "event-escalated-step",
    lambda a: ev.Escalated(at=T0, key="k", policy="p", rule_id="r", step=a, level=0),
    -1,
    ValidationError,
    "step",
)
case(
    "record-not-event",
    IX.record,
    {"type": "CustomerMessage"},
    ValidationError,
    "cxcore.events.Event",
)
case(
    "record-earlier",
    lambda a: IX.record(ev.CustomerMessage(at=a, text="x")),
    T0 - timedelta(seconds=1),
    ValidationError,
    "time order",
)
case(
    "record-after-close",
    lambda a: IX.record(ev.StatusChanged(at=a, status="closed")).record(
        ev.CustomerMessage(at=a, text="x")
    ),
    T0 + timedelta(days=1),
    TransitionError,
    "closed",
)
case(
    "record-ack-unknown",
    lambda a: IX.record(ev.EscalationAcknowledged(at=T0 + timedelta(days=1), agent="a", key=a)),
    "never/seen",
    TransitionError,
    "never recorded",
)
case("record_all-not-iterable", IX.record_all, 5, ValidationError, "events")
case("record_all-str", IX.record_all, "events", ValidationError, "events")
case(
    "open-id-int",
    lambda a: Interaction.open(id=a, channel="email", at=T0, customer=Customer(id="c")),
    5,
    ValidationError,
    "id",
)
case(
    "open-customer-dict",
    lambda a: Interaction.open(id="x", channel="email", at=T0, customer=a),
    {"id": "c"},
    ValidationError,
    "customer",
)
case(
    "open-priority-unknown",
    lambda a: Interaction.open(
        id="x", channel="email", at=T0, customer=Customer(id="c"), priority=a
    ),
    "mega",
    ValidationError,
    "priority",
)
case(
    "open-subject-int",
    lambda a: Interaction.open(
        id="x", channel="email", at=T0, customer=Customer(id="c"), subject=a
    ),
    5,
    ValidationError,
    "subject",
)
case(
    "up_to-before-open",
    IX.up_to,
    T0 - timedelta(days=1),
    ValidationError,
    "before the interaction opened",
)
case(
    "customer-locale-unknown",
    lambda a: Customer(id="c", locale=a),
    "xx-ZZ-??",
    ValidationError,
    "locale",
)
case("customer-locale-int", lambda a: Customer(id="c", locale=a), 5, ValidationError, "locale")
case(
    "customer-locale-surrogate",
    lambda a: Customer(id="c", locale=a),
    "\ud800",
    ValidationError,
    "locale",
)
case(
    "customer-locale-nul", lambda a: Customer(id="c", locale=a), "ko\x00", ValidationError, "locale"
)
case("customer-tier-int", lambda a: Customer(id="c", tier=a), 5, ValidationError, "tier")
case(
    "ix-doc-schema-newer",
    Interaction.from_dict,
    doc(interaction_doc(), schema=2),
    ConfigError,
    "upgrade cxcore",
)
case(
    "ix-doc-schema-str",
    Interaction.from_dict,
    doc(interaction_doc(), schema="1"),
    ConfigError,
    "schema",
)
case(
    "ix-doc-schema-float",
    Interaction.from_dict,
    doc(interaction_doc(), schema=1.5),
    ConfigError,
    "schema",
)
case(
    "ix-doc-opened-naive",
    Interaction.from_dict,
    doc(interaction_doc(), opened_at="2026-03-02T09:00:00"),
    ConfigError,
    "opened_at",
)
case(
    "ix-doc-opened-impossible",
    Interaction.from_dict,
    doc(interaction_doc(), opened_at="2026-02-30T09:00:00+09:00"),
    ConfigError,
    "opened_at",
)
case(
    "ix-doc-opened-int",
    Interaction.from_dict,
    doc(interaction_doc(), opened_at=1700000000),
    ConfigError,
    "opened_at",
)
case(
    "ix-doc-customer-list",
    Interaction.from_dict,
    doc(interaction_doc(), customer=["c"]),
    ConfigError,
    "customer",
)
case(
    "ix-doc-customer-locale",
    Interaction.from_dict,
    doc(interaction_doc(), customer={"id": "c", "locale": "!!"}),
    ConfigError,
    "locale",
)
case(
    "ix-doc-priority",
    Interaction.from_dict,
    doc(interaction_doc(), priority="mega"),
    ConfigError,
    "priority",
)
case(
    "ix-doc-events-dict",
    Interaction.from_dict,
    doc(interaction_doc(), events={"0": {}}),
    ConfigError,
    "events",
)
case(
    "ix-doc-event-type",
    Interaction.from_dict,
    doc(interaction_doc(), events=[{"type": "Exploded", "at": "2026-03-02T09:00:00+00:00"}]),
    ConfigError,
    "events[0].type",
)
case(
    "ix-doc-event-type-list",
    Interaction.from_dict,
    doc(interaction_doc(), events=[{"type": ["CustomerMessage"]}]),
    ConfigError,
    "events[0].type",
)
case(
    "ix-doc-event-not-object",
    Interaction.from_dict,
    doc(interaction_doc(), events=["CustomerMessage"]),
    ConfigError,
    "events[0]",
)
case(
    "ix-doc-event-text-none",
    Interaction.from_dict,
    doc(
        interaction_doc(),
        events=[{"type": "CustomerMessage", "at": "2026-03-02T09:00:00+00:00", "text": None}],
    ),
    ConfigError,
    "events[0]",
)
case(
    "ix-doc-event-at-missing",
    Interaction.from_dict,
    doc(interaction_doc(), events=[{"type": "CustomerMessage", "text": "x"}]),
    ConfigError,
    "events[0]",
)
case(
    "ix-doc-event-out-of-order",
    Interaction.from_dict,
    doc(
        interaction_doc(),
        events=[{"type": "CustomerMessage", "at": "2026-03-01T09:00:00+00:00", "text": "x"}],
    ),
    ConfigError,
    "events[0]",
)
case(
    "ix-doc-event-closed",
    Interaction.from_dict,
    doc(
        interaction_doc(),
        events=[
            {"type": "StatusChanged", "at": "2026-03-02T09:00:00+00:00", "status": "closed"},
            {"type": "CustomerMessage", "at": "2026-03-02T09:00:00+00:00", "text": "x"},
        ],
    ),
    ConfigError,
    "events[1]",
)
case(
    "ix-doc-event-score",
    Interaction.from_dict,
    doc(
        interaction_doc(),
        events=[
            {
                "type": "SurveyAnswered",
                "at": "2026-03-02T09:00:00+00:00",
                "survey": "csat",
                "score": 9,
            }
        ],
    ),
    ConfigError,
    "events[0]",
)
case(
    "ix-doc-event-unknown-field",
    Interaction.from_dict,
    doc(
        interaction_doc(),
        events=[{"type": "Tagged", "at": "2026-03-02T09:00:00+00:00", "tag": "x", "colour": "red"}],
    ),
    ConfigError,
    "events[0].colour",
)

# ---------------------------------------------------------------- calendars
case(
    "cal-tz-unknown",
    BusinessCalendar.from_dict,
    doc(CALENDAR, timezone="Mars/Olympus"),
    ConfigError,
    "timezone",
)
case(
    "cal-tz-list",
    BusinessCalendar.from_dict,
    doc(CALENDAR, timezone=["UTC"]),
    ConfigError,
    "timezone",
)
case(
    "cal-tz-path",
    BusinessCalendar.from_dict,
    doc(CALENDAR, timezone="../../etc/passwd"),
    ConfigError,
    "timezone",
)
case(
    "cal-tz-nul",
    BusinessCalendar.from_dict,
    doc(CALENDAR, timezone="UTC\x00"),
    ConfigError,
    "timezone",
)
case(
    "cal-tz-surrogate",
    BusinessCalendar.from_dict,
    doc(CALENDAR, timezone="\udc80"),
    ConfigError,
    "timezone",
)
case(
    "cal-tz-missing",
    BusinessCalendar.from_dict,
    doc(CALENDAR, timezone=DROP),
    ConfigError,
    "timezone",
)
case(
    "cal-hours-weekday",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"monday": []}),
    ConfigError,
    "hours.monday",
)
case(
    "cal-hours-25",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["09:00", "25:00"]]}),
    ConfigError,
    "hours.mon[0][1]",
)
case(
    "cal-hours-61min",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["09:61", "17:00"]]}),
    ConfigError,
    "hours.mon[0][0]",
)
case(
    "cal-hours-fullwidth",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["\uff10\uff19:00", "17:00"]]}),
    ConfigError,
    "hours.mon[0][0]",
)
case(
    "cal-hours-24-start",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["24:00", "06:00"]]}),
    ConfigError,
    "hours.mon[0][0]",
)
case(
    "cal-hours-empty",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["09:00", "09:00"]]}),
    ConfigError,
    "hours.mon[0]",
)
case(
    "cal-hours-overlap",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}),
    ConfigError,
    "hours.mon[1]",
)
case(
    "cal-hours-night-runs-in",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["22:00", "10:00"]], "tue": [["09:00", "17:00"]]}),
    ConfigError,
    "hours.mon[0]",
)
case(
    "cal-hours-triple",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [["09:00", "12:00", "13:00"]]}),
    ConfigError,
    "hours.mon[0]",
)
case(
    "cal-hours-str",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": "09:00-17:00"}),
    ConfigError,
    "hours.mon",
)
case(
    "cal-hours-int-time",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours={"mon": [[900, 1700]]}),
    ConfigError,
    "hours.mon[0][0]",
)
case(
    "cal-hours-list",
    BusinessCalendar.from_dict,
    doc(CALENDAR, hours=[["09:00", "17:00"]]),
    ConfigError,
    "hours",
)
case(
    "cal-holiday-feb-30",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=["2026-02-30"]),
    ConfigError,
    "holidays[0]",
)
case(
    "cal-holiday-int",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[20261225]),
    ConfigError,
    "holidays[0]",
)
case(
    "cal-holiday-str",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays="2026-12-25"),
    ConfigError,
    "holidays",
)
case(
    "cal-holiday-two-kinds",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "FREQ=YEARLY", "country": "KR"}]),
    ConfigError,
    "holidays[0]",
)
case(
    "cal-holiday-unknown-source",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"moon": "full"}]),
    ConfigError,
    "holidays[0]",
)
case(
    "cal-rrule-secondly",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "FREQ=SECONDLY", "dtstart": "2026-01-01"}]),
    ConfigError,
    "holidays[0].rrule",
)
case(
    "cal-rrule-garbage",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "EVERY=SUNDAY", "dtstart": "2026-01-01"}]),
    ConfigError,
    "holidays[0].rrule",
)
case(
    "cal-rrule-list",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": ["FREQ=YEARLY"], "dtstart": "2026-01-01"}]),
    ConfigError,
    "holidays[0].rrule",
)
case(
    "cal-rrule-dtstart",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "FREQ=YEARLY", "dtstart": "2026-13-01"}]),
    ConfigError,
    "holidays[0].dtstart",
)
case(
    "cal-rrule-no-dtstart",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "FREQ=YEARLY"}]),
    ConfigError,
    "holidays[0]",
)
case(
    "cal-country-int",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"country": 82}]),
    ConfigError,
    "holidays[0]",
)
case(
    "cal-override-date",
    BusinessCalendar.from_dict,
    doc(CALENDAR, overrides={"2026-02-30": []}),
    ConfigError,
    "overrides.2026-02-30",
)
case(
    "cal-override-list",
    BusinessCalendar.from_dict,
    doc(CALENDAR, overrides=[["2026-12-24", []]]),
    ConfigError,
    "overrides",
)
case(
    "cal-override-bad-interval",
    BusinessCalendar.from_dict,
    doc(CALENDAR, overrides={"2026-12-24": [["13:00"]]}),
    ConfigError,
    "overrides.2026-12-24[0]",
)
case(
    "cal-override-into-night",
    BusinessCalendar.from_dict,
    doc(CALENDAR, overrides={"2026-03-07": [["01:00", "05:00"]]}),
    ConfigError,
    "overrides.2026-03-07",
)
case(
    "cal-always-open-zone",
    BusinessCalendar.always_open,
    "Mars/Olympus",
    ValidationError,
    "timezone",
)
case("cal-always-open-int", BusinessCalendar.always_open, 9, ValidationError, "timezone")
case(
    "cal-add-negative", lambda a: CAL.add(T0, a), timedelta(hours=-1), ValidationError, "d must be"
)
case("cal-add-float", lambda a: CAL.add(T0, a), 3600.0, ValidationError, "timedelta")
case(
    "cal-subtract-negative",
    lambda a: CAL.subtract(T0, a),
    timedelta(hours=-1),
    ValidationError,
    "d must be",
)
case(
    "cal-add-beyond-years",
    lambda a: CAL.add(T0, a),
    timedelta(days=999_999_999),
    ValidationError,
    "not open for",
)
case(
    "cal-elapsed-min",
    lambda a: CAL.elapsed(a, T0),
    datetime.min.replace(tzinfo=T0.tzinfo),
    ValidationError,
    "start",
)
case(
    "cal-elapsed-max",
    lambda a: CAL.elapsed(T0, a),
    datetime.max.replace(tzinfo=T0.tzinfo),
    ValidationError,
    "end",
)
case(
    "cal-is_open-str",
    CAL.is_open,
    "2026-03-02T09:00:00+09:00",
    ValidationError,
    "at must be",
)

case(
    "cal-rrule-month-13",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "FREQ=DAILY;BYMONTH=13", "dtstart": "2026-01-01"}]),
    ConfigError,
    "holidays[0].rrule",
)
case(
    "cal-rrule-february-30",
    BusinessCalendar.from_dict,
    doc(
        CALENDAR,
        holidays=[{"rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "dtstart": "2026-01-01"}],
    ),
    ConfigError,
    "never occurs",
)
case(
    "cal-rrule-day-of-dtstart",
    BusinessCalendar.from_dict,
    doc(CALENDAR, holidays=[{"rrule": "FREQ=YEARLY;BYMONTH=2", "dtstart": "2026-01-31"}]),
    ConfigError,
    "never occurs",
)

# ---------------------------------------------------------------- SLA policies and reports
case("sla-name-missing", SlaPolicy.from_dict, doc(SLA_POLICY, name=DROP), ConfigError, "name")
case("sla-name-empty", SlaPolicy.from_dict, doc(SLA_POLICY, name=" "), ConfigError, "name")
case(
    "sla-targets-table",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, targets={"metric": "resolution"}),
    ConfigError,
    "targets",
)
case(
    "sla-metric-unknown",
    SlaPolicy.from_dict,
    _with_target(metric="firstresponse"),
    ConfigError,
    "targets[0].metric",
)
case(
    "sla-metric-list",
    SlaPolicy.from_dict,
    _with_target(metric=["resolution"]),
    ConfigError,
    "targets[0].metric",
)
case(
    "sla-within-missing", SlaPolicy.from_dict, _with_target(within=DROP), ConfigError, "targets[0]"
)
case(
    "sla-within-zero",
    SlaPolicy.from_dict,
    _with_target(within="0m"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-negative",
    SlaPolicy.from_dict,
    _with_target(within=-60),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-words",
    SlaPolicy.from_dict,
    _with_target(within="an hour"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-units-twice",
    SlaPolicy.from_dict,
    _with_target(within="1h1h"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-bool",
    SlaPolicy.from_dict,
    _with_target(within=True),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-nan",
    SlaPolicy.from_dict,
    _with_target(within=float("nan")),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-huge-days",
    SlaPolicy.from_dict,
    _with_target(within="99999999999999d"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-huge-digits",
    SlaPolicy.from_dict,
    _with_target(within="9" * 5000),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-huge-iso",
    SlaPolicy.from_dict,
    _with_target(within="PT" + "9" * 400 + "S"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-huge-int",
    SlaPolicy.from_dict,
    _with_target(within=10**30),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-superscript",
    SlaPolicy.from_dict,
    _with_target(within="\u00b2"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-arabic-digits",
    SlaPolicy.from_dict,
    _with_target(within="\u0661\u0662h"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-within-iso-bare-t",
    SlaPolicy.from_dict,
    _with_target(within="PT"),
    ConfigError,
    "targets[0].within",
)
case(
    "sla-business-hours-str",
    SlaPolicy.from_dict,
    _with_target(business_hours="no"),
    ConfigError,
    "targets[0].business_hours",
)
case(
    "sla-when-unknown",
    SlaPolicy.from_dict,
    _with_target(when={"colour": ["red"]}),
    ConfigError,
    "targets[0].when.colour",
)
case(
    "sla-when-empty-list",
    SlaPolicy.from_dict,
    _with_target(when={"tier": []}),
    ConfigError,
    "targets[0].when.tier",
)
case(
    "sla-when-unhashable",
    SlaPolicy.from_dict,
    _with_target(when={"tier": [["vip"]]}),
    ConfigError,
    "targets[0].when.tier",
)
case(
    "sla-when-priority",
    SlaPolicy.from_dict,
    _with_target(when={"priority": ["mega"]}),
    ConfigError,
    "targets[0].when.priority",
)
case(
    "sla-when-deep",
    SlaPolicy.from_dict,
    _with_target(when={"tier": deep_list(DEEP)}),
    ConfigError,
    "100 levels",
)
case("sla-warning-one", SlaPolicy.from_dict, doc(SLA_POLICY, warning=1), ConfigError, "warning")
case(
    "sla-warning-nan",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, warning=float("nan")),
    ConfigError,
    "warning",
)
case(
    "sla-warning-inf",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, warning=float("inf")),
    ConfigError,
    "warning",
)
case(
    "sla-warning-list", SlaPolicy.from_dict, doc(SLA_POLICY, warning=[0.5]), ConfigError, "warning"
)
case(
    "sla-pause-unknown",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, pause_resolution_on=["paused"]),
    ConfigError,
    "pause_resolution_on",
)
case(
    "sla-pause-solved",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, pause_resolution_on=["solved"]),
    ConfigError,
    "pause_resolution_on",
)
case(
    "sla-pause-unhashable",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, pause_resolution_on=[["pending"]]),
    ConfigError,
    "pause_resolution_on",
)
case(
    "sla-reopen-unknown",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, reopen="restart"),
    ConfigError,
    "reopen",
)
case(
    "sla-reopen-list", SlaPolicy.from_dict, doc(SLA_POLICY, reopen=["fresh"]), ConfigError, "reopen"
)
case(
    "sla-calendar-bad",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, calendar={"timezone": "Mars/Olympus"}),
    ConfigError,
    "calendar.timezone",
)
case(
    "sla-calendar-hours",
    SlaPolicy.from_dict,
    doc(SLA_POLICY, calendar=doc(CALENDAR, hours={"mon": [["9", "17"]]})),
    ConfigError,
    "calendar.hours.mon[0][0]",
)
case(
    "sla-evaluate-not-interaction",
    lambda a: SLA.evaluate(a, at=T0),
    interaction_doc(),
    ValidationError,
    "ix",
)
case(
    "sla-evaluate-before-open",
    lambda a: SLA.evaluate(IX, at=a),
    T0 - timedelta(days=1),
    ValidationError,
    "at",
)
case(
    "sla-report-metric-typo",
    lambda a: SLA.evaluate(IX, at=T0 + timedelta(hours=1))[a],
    "first_reponse",
    ValidationError,
    "metric",
)
case(
    "sla-report-metric-unhashable",
    lambda a: SLA.evaluate(IX, at=T0 + timedelta(hours=1))[a],
    ["resolution"],
    ValidationError,
    "metric",
)
case(
    "sla-report-get-typo",
    lambda a: SLA.evaluate(IX, at=T0 + timedelta(hours=1)).get(a),
    "resolutoin",
    ValidationError,
    "metric",
)
case(
    "sla-report-history-typo",
    lambda a: SLA.evaluate(IX, at=T0 + timedelta(hours=1)).history(a),
    "nope",
    ValidationError,
    "metric",
)
case(
    "sla-clock-describe-locale",
    SLA.evaluate(IX, at=T0 + timedelta(hours=1))[Metric.RESOLUTION].describe,
    "!!",
    ValidationError,
    "locale",
)

# ---------------------------------------------------------------- escalation policies
case(
    "esc-name-empty",
    EscalationPolicy.from_dict,
    doc(ESCALATION_POLICY, name=""),
    ConfigError,
    "name",
)
case(
    "esc-rules-table",
    EscalationPolicy.from_dict,
    doc(ESCALATION_POLICY, rules={"id": "r"}),
    ConfigError,
    "rules",
)
case(
    "esc-rule-id-list",
    EscalationPolicy.from_dict,
    doc(
        ESCALATION_POLICY, rules=[{"id": ["r"], "when": {"event": "transferred"}, "steps": [STEP]}]
    ),
    ConfigError,
    "rules[0].id",
)
case(
    "esc-rule-id-twice",
    EscalationPolicy.from_dict,
    doc(
        ESCALATION_POLICY,
        rules=[{"id": "r", "when": {"event": "transferred"}, "steps": [STEP]}] * 2,
    ),
    ConfigError,
    "rules[1].id",
)
case(
    "esc-rule-no-steps",
    EscalationPolicy.from_dict,
    doc(ESCALATION_POLICY, rules=[{"id": "r", "when": {"event": "transferred"}, "steps": []}]),
    ConfigError,
    "rules[0].steps",
)
case("esc-when-list", EscalationPolicy.from_dict, _with_when([]), ConfigError, "rules[0].when")
case(
    "esc-when-two-keys",
    EscalationPolicy.from_dict,
    _with_when({"event": "transferred", "signal": "urgency"}),
    ConfigError,
    "rules[0].when",
)
case(
    "esc-when-int-key", EscalationPolicy.from_dict, _with_when({5: 1}), ConfigError, "rules[0].when"
)
case(
    "esc-leaf-unknown",
    EscalationPolicy.from_dict,
    _with_when({"weather": "rain"}),
    ConfigError,
    "rules[0].when",
)
case(
    "esc-all-empty",
    EscalationPolicy.from_dict,
    _with_when({"all": []}),
    ConfigError,
    "rules[0].when.all",
)
case(
    "esc-not-deep",
    EscalationPolicy.from_dict,
    _with_when(deep_dict(DEEP)),
    ConfigError,
    "100 levels",
)
case(
    "esc-all-deep",
    EscalationPolicy.from_dict,
    _with_when(deep_dict(DEEP // 2, key="all", leaf=None)),
    ConfigError,
    "100 levels",
)
case(
    "esc-signal-unknown",
    EscalationPolicy.from_dict,
    _with_when({"signal": "sarcasm"}),
    ConfigError,
    "rules[0].when.signal",
)
case(
    "esc-signal-list",
    EscalationPolicy.from_dict,
    _with_when({"signal": ["urgency"]}),
    ConfigError,
    "rules[0].when.signal",
)
case(
    "esc-event-unknown",
    EscalationPolicy.from_dict,
    _with_when({"event": "exploded"}),
    ConfigError,
    "rules[0].when.event",
)
case(
    "esc-event-table",
    EscalationPolicy.from_dict,
    _with_when({"event": {"a": 1}}),
    ConfigError,
    "rules[0].when.event",
)
case(
    "esc-sla-metric",
    EscalationPolicy.from_dict,
    _with_when({"sla": {"metric": "speed", "state": "breached"}}),
    ConfigError,
    "rules[0].when.sla",
)
case(
    "esc-sla-state",
    EscalationPolicy.from_dict,
    _with_when({"sla": {"metric": "resolution", "state": "late"}}),
    ConfigError,
    "rules[0].when.sla",
)
case(
    "esc-sla-state-list",
    EscalationPolicy.from_dict,
    _with_when({"sla": {"metric": "resolution", "state": ["breached"]}}),
    ConfigError,
    "rules[0].when.sla",
)
case(
    "esc-sla-remaining",
    EscalationPolicy.from_dict,
    _with_when({"sla": {"metric": "resolution", "remaining_below": "soon"}}),
    ConfigError,
    "rules[0].when.sla",
)
case(
    "esc-priority-rank",
    EscalationPolicy.from_dict,
    _with_when({"priority": {"at_least": "mega"}}),
    ConfigError,
    "rules[0].when.priority",
)
case(
    "esc-priority-unhashable",
    EscalationPolicy.from_dict,
    _with_when({"priority": {"in": [["high"]]}}),
    ConfigError,
    "rules[0].when.priority",
)
case(
    "esc-status-unhashable",
    EscalationPolicy.from_dict,
    _with_when({"status": {"in": [{}]}}),
    ConfigError,
    "rules[0].when.status",
)
case(
    "esc-status-unknown",
    EscalationPolicy.from_dict,
    _with_when({"status": {"in": ["paused"]}}),
    ConfigError,
    "rules[0].when.status",
)
case(
    "esc-tier-unhashable",
    EscalationPolicy.from_dict,
    _with_when({"tier": {"in": [{}]}}),
    ConfigError,
    "rules[0].when.tier",
)
case(
    "esc-became-unhashable",
    EscalationPolicy.from_dict,
    _with_when({"became": {"priority": []}}),
    ConfigError,
    "rules[0].when.became",
)
case(
    "esc-counts-float",
    EscalationPolicy.from_dict,
    _with_when({"reopens": {"at_least": 1.5}}),
    ConfigError,
    "rules[0].when.reopens",
)
case(
    "esc-counts-str",
    EscalationPolicy.from_dict,
    _with_when({"transfers": {"at_least": "2"}}),
    ConfigError,
    "rules[0].when.transfers",
)
case(
    "esc-since-bad",
    EscalationPolicy.from_dict,
    _with_when({"since": {"opened": "forever"}}),
    ConfigError,
    "rules[0].when.since",
)
case(
    "esc-since-huge",
    EscalationPolicy.from_dict,
    _with_when({"since": {"opened": "9999999999999w"}}),
    ConfigError,
    "rules[0].when.since",
)
case(
    "esc-survey-str",
    EscalationPolicy.from_dict,
    _with_when({"survey": {"name": "csat", "at_most": "2"}}),
    ConfigError,
    "rules[0].when.survey",
)
case(
    "esc-after-words",
    EscalationPolicy.from_dict,
    _with_step(after="later"),
    ConfigError,
    "rules[0].steps[0].after",
)
case(
    "esc-after-huge",
    EscalationPolicy.from_dict,
    _with_step(after="P99999999999999D"),
    ConfigError,
    "rules[0].steps[0].after",
)
case(
    "esc-level-str",
    EscalationPolicy.from_dict,
    _with_step(level="1"),
    ConfigError,
    "rules[0].steps[0].level",
)
case(
    "esc-level-bool",
    EscalationPolicy.from_dict,
    _with_step(level=True),
    ConfigError,
    "rules[0].steps[0].level",
)
case(
    "esc-level-negative",
    EscalationPolicy.from_dict,
    _with_step(level=-1),
    ConfigError,
    "rules[0].steps[0].level",
)
case(
    "esc-actions-empty",
    EscalationPolicy.from_dict,
    _with_step(actions=[]),
    ConfigError,
    "rules[0].steps[0].actions",
)
case(
    "esc-action-unknown",
    EscalationPolicy.from_dict,
    _with_step(actions=[{"launch": "rocket"}]),
    ConfigError,
    "rules[0].steps[0].actions[0]",
)
case(
    "esc-action-priority",
    EscalationPolicy.from_dict,
    _with_step(actions=[{"set_priority": ["urgent"]}]),
    ConfigError,
    "rules[0].steps[0].actions[0]",
)
case(
    "esc-action-reassign-int",
    EscalationPolicy.from_dict,
    _with_step(actions=[{"reassign": 5}]),
    ConfigError,
    "rules[0].steps[0].actions[0]",
)
case(
    "esc-action-handover-locale",
    EscalationPolicy.from_dict,
    _with_step(actions=[{"handover_note": {"locale": "!!"}}]),
    ConfigError,
    "rules[0].steps[0].actions[0]",
)
case(
    "esc-levels-down",
    EscalationPolicy.from_dict,
    doc(
        ESCALATION_POLICY,
        rules=[
            {
                "id": "r",
                "when": {"event": "transferred"},
                "steps": [doc(STEP, level=2), doc(STEP, level=1)],
            }
        ],
    ),
    ConfigError,
    "rules[0].steps[1].level",
)
case(
    "esc-calendar-bad",
    EscalationPolicy.from_dict,
    doc(ESCALATION_POLICY, calendar={"timezone": "Nowhere/City"}),
    ConfigError,
    "calendar",
)
case("esc-evaluate-ix", lambda a: ESC.evaluate(a, at=T0, sla=SLA), "T-1", ValidationError, "ix")
case(
    "esc-simulate-until-before",
    lambda a: ESC.simulate(IX, until=a, sla=SLA),
    T0 - timedelta(days=1),
    ValidationError,
    "until",
)

case(
    "esc-evaluate-sla",
    lambda a: ESC.evaluate(IX, at=T0 + timedelta(hours=2), sla=a),
    "standard",
    ValidationError,
    "sla",
)
case(
    "esc-explain-sla",
    lambda a: ESC.explain(IX, at=T0 + timedelta(hours=2), sla=a),
    SLA_POLICY,
    ValidationError,
    "sla",
)
case(
    "decision-key-policy-int",
    lambda a: decision_key(a, "r", "T-1", T0, 0),
    5,
    ValidationError,
    "policy",
)
case(
    "decision-key-rule-empty",
    lambda a: decision_key("p", a, "T-1", T0, 0),
    "",
    ValidationError,
    "rule_id",
)
case(
    "decision-key-naive",
    lambda a: decision_key("p", "r", "T-1", a, 0),
    NAIVE,
    ValidationError,
    "cause",
)
case(
    "decision-key-step-negative",
    lambda a: decision_key("p", "r", "T-1", T0, a),
    -1,
    ValidationError,
    "step",
)
case(
    "decision-key-step-bool",
    lambda a: decision_key("p", "r", "T-1", T0, a),
    True,
    ValidationError,
    "step",
)

case("action-notify-int", lambda a: Notify(target=a), 5, ValidationError, "Notify.target")
case("action-tag-empty", lambda a: Tag(tag=a), "", ValidationError, "Tag.tag")
case(
    "action-reassign-two",
    lambda a: Reassign(team=a, agent="a-9"),
    "tier2",
    ValidationError,
    "exactly one",
)
case("action-reassign-route", lambda a: Reassign(route=a), "yes", ValidationError, "route")
case("action-follow-up-by", lambda a: FollowUp(by=a), "assignee", ValidationError, "FollowUp.by")
case("action-handover-locale", lambda a: HandoverNote(locale=a), "!!", ValidationError, "locale")

# ---------------------------------------------------------------- phrasing
case(
    "check-locale-without-rules",
    lambda a: check("I can't do that.", locale=a),
    "xx",
    ValidationError,
    "locale",
)
case("check-locale-int", lambda a: check("x", locale=a), 5, ValidationError, "locale")
case("check-locale-surrogate", lambda a: check("x", locale=a), "\ud800", ValidationError, "locale")
case("check-locale-empty", lambda a: check("x", locale=a), "", ValidationError, "locale")
case("check-text-int", lambda a: check(a, locale="en"), 5, ValidationError, "text")
case("check-text-bytes", lambda a: check(a, locale="en"), b"I can't", ValidationError, "text")
case("check-text-none", lambda a: check(a, locale="ko"), None, ValidationError, "text")
case(
    "check-category-unknown",
    lambda a: check("x", locale="en", categories=a),
    ["rudeness"],
    ValidationError,
    "categor",
)
case(
    "check-category-unhashable",
    lambda a: check("x", locale="en", categories=a),
    [["blame"]],
    ValidationError,
    "categor",
)
case(
    "check-severity-unknown",
    lambda a: check("x", locale="en", min_severity=a),
    "fatal",
    ValidationError,
    "severity",
)
case(
    "check-severity-list",
    lambda a: check("x", locale="en", min_severity=a),
    ["error"],
    ValidationError,
    "severity",
)
case(
    "check-message-locale",
    lambda a: check("x", locale="en", message_locale=a),
    "!!",
    ValidationError,
    "locale",
)
case(
    "check-message-locale-int",
    lambda a: check("x", locale="en", message_locale=a),
    7,
    ValidationError,
    "locale",
)
case(
    "signals-locale-without-rules",
    lambda a: signals("상담원 연결해 주세요", locale=a),
    "xx",
    ValidationError,
    "locale",
)
case("signals-text-none", lambda a: signals(a, locale="ko"), None, ValidationError, "text")
case("checker-rules-int", lambda a: PhrasingChecker(rules=a), 5, ValidationError, "rules")
case("checker-rules-list-int", lambda a: PhrasingChecker(rules=a), [5], ValidationError, "rules")
case(
    "checker-category",
    lambda a: PhrasingChecker(categories=a),
    ["nope"],
    ValidationError,
    "categor",
)
case("pack-missing-pack", RulePack.from_dict, doc(RULE_PACK, pack=DROP), ConfigError, "pack")
case(
    "pack-locale-bad",
    RulePack.from_dict,
    doc(RULE_PACK, pack={"name": "x", "locale": "!!"}),
    ConfigError,
    "pack.locale",
)
case(
    "pack-locale-int",
    RulePack.from_dict,
    doc(RULE_PACK, pack={"name": "x", "locale": 5}),
    ConfigError,
    "pack.locale",
)
case(
    "pack-spacing",
    RulePack.from_dict,
    doc(RULE_PACK, pack={"name": "x", "locale": "en", "spacing": "loose"}),
    ConfigError,
    "pack.spacing",
)
case(
    "pack-rule-category",
    RulePack.from_dict,
    _with_rule(category="rudeness"),
    ConfigError,
    "rules[0].category",
)
case("pack-rule-id-upper", RulePack.from_dict, _with_rule(id="Bad Id"), ConfigError, "rules[0].id")
case(
    "pack-rule-pattern-empty",
    RulePack.from_dict,
    _with_rule(patterns=[""]),
    ConfigError,
    "rules[0].patterns[0]",
)
case(
    "pack-rule-pattern-int",
    RulePack.from_dict,
    _with_rule(patterns=[5]),
    ConfigError,
    "rules[0].patterns[0]",
)
case(
    "pack-rule-pattern-unbalanced",
    RulePack.from_dict,
    _with_rule(patterns=["{a|b"]),
    ConfigError,
    "rules[0].patterns[0]",
)
case(
    "pack-rule-pattern-explodes",
    RulePack.from_dict,
    _with_rule(patterns=["{a|b|c|d|e|f|g|h|i|j}" * 20]),
    ConfigError,
    "rules[0].patterns[0]",
)
case(
    "pack-rule-expansion-unknown",
    RulePack.from_dict,
    _with_rule(patterns=["{NOPE}"]),
    ConfigError,
    "rules[0].patterns[0]",
)
case(
    "pack-rule-severity",
    RulePack.from_dict,
    _with_rule(severity="fatal"),
    ConfigError,
    "rules[0].severity",
)
case(
    "pack-rule-suggestions-empty",
    RulePack.from_dict,
    _with_rule(suggestions=[]),
    ConfigError,
    "rules[0].suggestions",
)
case(
    "pack-rule-context-int",
    RulePack.from_dict,
    _with_rule(context=5),
    ConfigError,
    "rules[0].context",
)
case(
    "pack-rule-context-key",
    RulePack.from_dict,
    _with_rule(context={"scope": "page"}),
    ConfigError,
    "rules[0].context.scope",
)
case(
    "pack-rule-cleared-by-unknown",
    RulePack.from_dict,
    _with_rule(context={"cleared_by": ["nope"]}),
    ConfigError,
    "rules[0].context.cleared_by",
)
case(
    "pack-rule-before-final",
    RulePack.from_dict,
    _with_rule(context={"before_final": ["z"]}),
    ConfigError,
    "rules[0].context.before_final",
)
case(
    "pack-rule-translations-int",
    RulePack.from_dict,
    _with_rule(translations={"ko": 5}),
    ConfigError,
    "rules[0].translations.ko",
)
case(
    "pack-rule-examples-missing",
    RulePack.from_dict,
    _with_rule(examples=DROP),
    ConfigError,
    "rules[0]",
)
case(
    "pack-markers-int",
    RulePack.from_dict,
    doc(RULE_PACK, markers={"when": 5}),
    ConfigError,
    "markers.when",
)
case(
    "pack-expansions-int",
    RulePack.from_dict,
    doc(RULE_PACK, expansions={"A": [5]}),
    ConfigError,
    "expansions.A",
)
case(
    "pack-signal-kind",
    RulePack.from_dict,
    doc(
        RULE_PACK,
        signals=[{"id": "s", "kind": "sarcasm", "patterns": ["x"], "examples": {"flagged": ["x"]}}],
    ),
    ConfigError,
    "signals[0].kind",
)

KO_PACK = rule_packs.get("ko")()
case("pack-only-unknown-id", KO_PACK.only, ["ko-no-such-rule"], ValidationError, "ko-no-such-rule")
case("pack-only-str", KO_PACK.only, "ko-cannot", ValidationError, "rule_ids")
case("pack-only-int", KO_PACK.only, 5, ValidationError, "rule_ids")
case("pack-only-int-id", KO_PACK.only, [5], ValidationError, "rule_ids")

# ---------------------------------------------------------------- routing
case("teams-empty", Teams.from_dict, {"teams": []}, ConfigError, "teams")
case("teams-duplicate", Teams.from_dict, {"teams": [TEAM, TEAM]}, ConfigError, "teams[1]")
case("team-calendar-missing", Teams.from_dict, _with_team(calendar=DROP), ConfigError, "teams[0]")
case(
    "team-calendar-str",
    Teams.from_dict,
    _with_team(calendar="Asia/Seoul"),
    ConfigError,
    "teams[0].calendar",
)
case(
    "team-calendar-hours",
    Teams.from_dict,
    _with_team(calendar={"timezone": "UTC", "hours": {"mon": [["9am", "5pm"]]}}),
    ConfigError,
    "teams[0].calendar.hours.mon[0][0]",
)
case(
    "team-locale-bad",
    Teams.from_dict,
    _with_team(locales=["!!"]),
    ConfigError,
    "teams[0].locales[0]",
)
case(
    "team-locale-unhashable",
    Teams.from_dict,
    _with_team(locales=[["ko"]]),
    ConfigError,
    "teams[0].locales[0]",
)
case(
    "team-channels-str",
    Teams.from_dict,
    _with_team(channels="email"),
    ConfigError,
    "teams[0].channels",
)
case("team-tags-table", Teams.from_dict, _with_team(tags=[{}]), ConfigError, "teams[0].tags[0]")
case(
    "team-capacity-negative",
    Teams.from_dict,
    _with_team(capacity=-1),
    ConfigError,
    "teams[0].capacity",
)
case(
    "team-capacity-float",
    Teams.from_dict,
    _with_team(capacity=1.5),
    ConfigError,
    "teams[0].capacity",
)
case(
    "team-capacity-bool",
    Teams.from_dict,
    _with_team(capacity=True),
    ConfigError,
    "teams[0].capacity",
)
case(
    "team-ctor-calendar", lambda a: Team(id="t", calendar=a), CALENDAR, ValidationError, "calendar"
)
case("teams-ctor-int", lambda a: Teams(teams=a), 5, ValidationError, "teams")
case(
    "break-contacts-str",
    BreakPolicy.from_dict,
    doc(BREAK_POLICY, difficult_contacts="3"),
    ConfigError,
    "difficult_contacts",
)
case(
    "break-contacts-zero",
    BreakPolicy.from_dict,
    doc(BREAK_POLICY, difficult_contacts=0),
    ConfigError,
    "difficult_contacts",
)
case(
    "break-within-bad",
    BreakPolicy.from_dict,
    doc(BREAK_POLICY, within="an hour"),
    ConfigError,
    "within",
)
case(
    "break-difficult-int",
    BreakPolicy.from_dict,
    doc(BREAK_POLICY, difficult=5),
    ConfigError,
    "difficult",
)
case(
    "break-survey-int",
    BreakPolicy.from_dict,
    doc(BREAK_POLICY, difficult={"survey": 5}),
    ConfigError,
    "difficult.survey",
)
case(
    "break-survey-name-list",
    BreakPolicy.from_dict,
    doc(BREAK_POLICY, difficult={"survey": {"name": [], "at_most": 1}}),
    ConfigError,
    "difficult.survey",
)
case(
    "break-all-off",
    BreakPolicy.from_dict,
    doc(
        BREAK_POLICY,
        difficult={
            "frustration": False,
            "escalated": False,
            "survey": False,
            "handling_over": False,
        },
    ),
    ConfigError,
    "difficult",
)
case("break-ctor-within", lambda a: BreakPolicy(within=a), 3600, ValidationError, "within")
case("route-teams-int", lambda a: route(IX, a, at=T0), 5, ValidationError, "teams")
case("route-teams-list-int", lambda a: route(IX, a, at=T0), [5], ValidationError, "teams")
case(
    "route-load-str",
    lambda a: route(IX, TEAMS_V, at=T0, load=a),
    {"seoul": "many"},
    ValidationError,
    "load",
)
case(
    "route-load-negative",
    lambda a: route(IX, TEAMS_V, at=T0, load=a),
    {"seoul": -1},
    ValidationError,
    "load",
)
case("route-load-list", lambda a: route(IX, TEAMS_V, at=T0, load=a), [1], ValidationError, "load")
case(
    "route-sla-str", lambda a: route(IX, TEAMS_V, at=T0, sla=a), "standard", ValidationError, "sla"
)
case("route-ix-dict", lambda a: route(a, TEAMS_V, at=T0), interaction_doc(), ValidationError, "ix")
case(
    "break-agent-int",
    lambda a: suggest_break(a, [IX], at=T0, policy=BreakPolicy()),
    5,
    ValidationError,
    "agent",
)
case(
    "break-interactions-int",
    lambda a: suggest_break("a-1", [a], at=T0, policy=BreakPolicy()),
    5,
    ValidationError,
    "interactions",
)
case(
    "break-policy-dict",
    lambda a: suggest_break("a-1", [IX], at=T0, policy=a),
    BREAK_POLICY,
    ValidationError,
    "policy",
)
case(
    "workload-zone",
    lambda a: workload(["a-1"], [IX], at=T0, timezone=a),
    "Mars/Olympus",
    ValidationError,
    "timezone",
)
case(
    "workload-agents-str",
    lambda a: workload(a, [IX], at=T0, timezone="UTC"),
    "a-1",
    ValidationError,
    "agents",
)
case(
    "workload-last-int",
    lambda a: workload(["a-1"], [IX], at=T0, timezone="UTC", last_suggested=a),
    {"a-1": 5},
    ValidationError,
    "last_suggested",
)

# ---------------------------------------------------------------- reporting
case(
    "report-config-zone",
    lambda a: ReportConfig(at=T0, timezone=a),
    "Mars/Olympus",
    ValidationError,
    "timezone",
)
case(
    "report-config-granularity",
    lambda a: ReportConfig(at=T0, timezone="UTC", granularity=a),
    "year",
    ValidationError,
    "granularity",
)
case(
    "report-config-granularity-list",
    lambda a: ReportConfig(at=T0, timezone="UTC", granularity=a),
    ["day"],
    ValidationError,
    "granularity",
)
case(
    "report-config-low-scores",
    lambda a: ReportConfig(at=T0, timezone="UTC", low_scores=a),
    5,
    ValidationError,
    "low_scores",
)
case(
    "report-config-low-scores-list",
    lambda a: ReportConfig(at=T0, timezone="UTC", low_scores=a),
    {"csat": []},
    ValidationError,
    "low_scores",
)
case(
    "report-config-pareto-nan",
    lambda a: ReportConfig(at=T0, timezone="UTC", pareto_threshold=a),
    float("nan"),
    ValidationError,
    "pareto_threshold",
)
case(
    "report-config-pareto-words",
    lambda a: ReportConfig(at=T0, timezone="UTC", pareto_threshold=a),
    "most",
    ValidationError,
    "pareto_threshold",
)
case(
    "report-config-ignore-tags",
    lambda a: ReportConfig(at=T0, timezone="UTC", ignore_tags=a),
    5,
    ValidationError,
    "ignore_tags",
)
case(
    "report-config-lookback",
    lambda a: ReportConfig(at=T0, timezone="UTC", lookback=a),
    timedelta(days=-1),
    ValidationError,
    "lookback",
)
case(
    "report-config-repeat",
    lambda a: ReportConfig(at=T0, timezone="UTC", repeat_contacts=a),
    "2",
    ValidationError,
    "repeat_contacts",
)
case(
    "report-config-sla",
    lambda a: ReportConfig(at=T0, timezone="UTC", sla=a),
    SLA_POLICY,
    ValidationError,
    "sla",
)
case(
    "report-config-fcr",
    lambda a: ReportConfig(at=T0, timezone="UTC", fcr=a),
    {"within": "7d"},
    ValidationError,
    "fcr",
)
case(
    "report-config-signals",
    lambda a: ReportConfig(at=T0, timezone="UTC", signals=a),
    "maybe",
    ValidationError,
    "signals",
)
case("report-fcr-within", lambda a: FcrDefinition(within=a), 7, ValidationError, "within")
case(
    "report-fcr-follow-ups",
    lambda a: FcrDefinition(follow_ups=a),
    "sometimes",
    ValidationError,
    "follow_ups",
)
case(
    "report-build-not-interactions",
    lambda a: Report.build(a, config=CONFIG),
    [interaction_doc()],
    ValidationError,
    "interaction",
)
case(
    "report-build-int", lambda a: Report.build(a, config=CONFIG), 5, ValidationError, "interactions"
)
case(
    "report-build-config",
    lambda a: Report.build([IX], config=a),
    {"at": T0},
    ValidationError,
    "config",
)
case("report-summary-locale", lambda a: REPORT.summary(locale=a), "!!", ValidationError, "locale")
case(
    "report-attainment-by",
    lambda a: REPORT.sla_attainment(by=a),
    ["weather"],
    ValidationError,
    "by",
)
case(
    "report-attainment-by-str",
    lambda a: REPORT.sla_attainment(by=a),
    "metric",
    ValidationError,
    "by",
)
case(
    "report-percentile-words",
    REPORT.first_response_time.percentile,
    "median",
    ValidationError,
    "p",
)
case(
    "report-percentile-200",
    REPORT.first_response_time.percentile,
    200,
    ValidationError,
    "p",
)

case(
    "report-config-low-scores-off-scale",
    lambda a: ReportConfig(at=T0, timezone="UTC", low_scores=a),
    {"csat": 9},
    ValidationError,
    "csat",
)
case(
    "report-config-low-scores-unhashable-pair",
    lambda a: ReportConfig(at=T0, timezone="UTC", low_scores=a),
    [[["csat"], 2]],
    ValidationError,
    "low_scores",
)
case(
    "report-config-ignore-tags-unhashable",
    lambda a: ReportConfig(at=T0, timezone="UTC", ignore_tags=a),
    [["refund"]],
    ValidationError,
    "ignore_tags",
)
case("report-survey-int", REPORT.survey, 5, ValidationError, "survey name")
case("report-survey-empty", REPORT.survey, "", ValidationError, "survey name")

# ---------------------------------------------------------------- cxcore.testing strategies
case(
    "testing-channels-str",
    lambda a: testing.interactions(channels=a),
    "email",
    ValidationError,
    "channels",
)
case(
    "testing-channels-int",
    lambda a: testing.interactions(channels=a),
    5,
    ValidationError,
    "channels",
)
case(
    "testing-channels-empty",
    lambda a: testing.interactions(channels=a),
    [""],
    ValidationError,
    "channels",
)
case(
    "testing-zones-unknown",
    lambda a: testing.interactions(zones=a),
    ["Mars/Olympus"],
    ValidationError,
    "zones",
)
case(
    "testing-max-events",
    lambda a: testing.interactions(max_events=a),
    -1,
    ValidationError,
    "max_events",
)
case("testing-tiers-str", lambda a: testing.customers(tiers=a), "vip", ValidationError, "tiers")
case(
    "testing-locales-bad",
    lambda a: testing.customers(locales=a),
    ["!!"],
    ValidationError,
    "locales",
)
case(
    "testing-aware-naive",
    lambda a: testing.aware_datetimes(min_value=a),
    NAIVE,
    ValidationError,
    "min_value",
)
case("testing-events-for-dict", testing.events_for, interaction_doc(), ValidationError, "ix")
case("testing-replies-locale", testing.service_replies, "xx", ValidationError, "locale")

# ---------------------------------------------------------------- plugins and registries
case("plugins-group-unknown", cxcore.plugins.load, "cxcore.nope", ValidationError, "groups")
case("plugins-group-int", cxcore.plugins.load, 5, ValidationError, "groups")
case("plugins-group-unhashable", cxcore.plugins.load, [["cxcore.rules"]], ValidationError, "groups")
case("plugins-strict", lambda a: cxcore.plugins.load(strict=a), "yes", ValidationError, "strict")
case(
    "plugins-entry-points",
    lambda a: cxcore.plugins.load(entry_points=a),
    [5],
    ValidationError,
    "entry_points[0]",
)
case(
    "plugins-entry-points-str",
    lambda a: cxcore.plugins.load(entry_points=a),
    "cxcore.rules",
    ValidationError,
    "entry_points",
)
case("registry-group-int", cxcore.Registry, 5, ValidationError, "group")
case(
    "registry-get-unknown", cxcore.escalation.conditions.get, "weather", ValidationError, "weather"
)
case(
    "registry-get-unhashable",
    cxcore.escalation.conditions.get,
    ["x"],
    ValidationError,
    "unknown name",
)
case(
    "registry-unregister-unknown",
    lambda a: cxcore.Registry("g.x").unregister(a),
    "x",
    ValidationError,
    "not registered",
)
case(
    "registry-unregister-unhashable",
    lambda a: cxcore.Registry("g.x").unregister(a),
    ["x"],
    ValidationError,
    "not registered",
)
case(
    "registry-register-int",
    lambda a: cxcore.Registry("g.x").register(a, object()),
    5,
    ValidationError,
    "name",
)
case(
    "registry-replace-str",
    lambda a: cxcore.Registry("g.x").register("a", object(), replace=a),
    "yes",
    ValidationError,
    "replace",
)
case(
    "registry-register-twice",
    lambda a: cxcore.escalation.conditions.register(a, object()),
    "priority",
    ValidationError,
    "already registered",
)


def _ids() -> Iterator[Any]:
    for c in CASES:
        yield pytest.param(c, id=c.id)


def test_the_battery_is_large() -> None:
    assert len(CASES) + len(FILE_CASES) >= 150
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("bad", _ids())
def test_bad_input_is_answered_clearly(bad: Case) -> None:
    before = snapshot(bad.arg)
    with pytest.raises(CxcoreError) as info:
        bad.call(bad.arg)
    error = info.value
    assert isinstance(error, bad.error), f"{type(error).__name__}: {error}"
    if isinstance(error, ValidationError | ConfigError):
        assert isinstance(error, ValueError)
    assert bad.names in str(error), str(error)
    assert snapshot(bad.arg) == before


def test_a_cyclic_document_is_rejected_without_recursion() -> None:
    data = _cyclic()
    with pytest.raises(ConfigError, match="100 levels"):
        SlaPolicy.from_dict({"name": "x", "targets": [data]})


def test_plugin_errors_come_as_plugin_errors() -> None:
    from importlib.metadata import EntryPoint

    broken = EntryPoint(name="boom", value="tests.nowhere.module:thing", group="cxcore.conditions")
    result = cxcore.plugins.load("cxcore.conditions", entry_points=[broken])
    assert not result.ok
    assert all(isinstance(e, PluginError) for e in result.failed)
    assert "boom" in str(result.failed[0])
    with pytest.raises(PluginError, match="boom"):
        cxcore.plugins.load("cxcore.conditions", entry_points=[broken], strict=True)


# ---------------------------------------------------------------- the ends of the time line
EAST = timezone(timedelta(hours=14))
WEST = timezone(timedelta(hours=-14))
EARLIEST = datetime(1, 1, 1, tzinfo=EAST)  # 31 December of the year 0 in UTC
LATEST = datetime(9999, 12, 31, 23, 59, tzinfo=WEST)  # the year 10000 in UTC


def _at_the_edge(at: datetime) -> Interaction:
    ix = Interaction.open(
        id="edge", channel="chat", at=at, customer=Customer(id="c"), priority="high"
    )
    return ix.record_all(
        [
            ev.CustomerMessage(at=at, text="상담원 연결해 주세요"),
            ev.AgentReply(at=at, agent="a-1", text="네"),
            ev.Transferred(at=at, team="billing"),
        ]
    )


@pytest.mark.parametrize("at", [EARLIEST, LATEST], ids=["earliest", "latest"])
def test_interactions_at_the_ends_of_the_time_line_record_and_round_trip(at: datetime) -> None:
    ix = _at_the_edge(at)
    assert Interaction.from_dict(ix.to_dict()) == ix
    assert ix.up_to(at) == ix


@pytest.mark.parametrize("at", [EARLIEST, LATEST], ids=["earliest", "latest"])
@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda ix, at: SLA.evaluate(ix, at=at), id="sla"),
        pytest.param(lambda ix, at: route(ix, TEAMS_V, at=at, sla=SLA), id="route"),
        pytest.param(lambda ix, at: ESC.evaluate(ix, at=at, sla=SLA), id="escalation"),
        pytest.param(lambda ix, at: ESC.simulate(ix, until=at, sla=SLA), id="simulate"),
        pytest.param(
            lambda ix, at: Report.build([ix], config=ReportConfig(at=at, timezone="UTC")),
            id="report",
        ),
        pytest.param(
            lambda ix, at: workload(["a-1"], [ix], at=at, timezone="Pacific/Kiritimati"),
            id="workload",
        ),
    ],
)
def test_the_ends_of_the_time_line_are_validation_errors_not_overflows(
    at: datetime, call: Callable[[Interaction, datetime], object]
) -> None:
    ix = _at_the_edge(at)
    with pytest.raises(ValidationError, match="outside the years"):
        call(ix, at)


def test_break_spans_longer_than_the_time_line_are_answered() -> None:
    at = T0 + timedelta(days=1)
    huge = BreakPolicy(within=timedelta(days=999_999), cooldown=timedelta(days=2_900_000))
    assert suggest_break("a-1", [IX], at=at, policy=huge) is None
    assert suggest_break("a-1", [IX], at=at, policy=huge, last_suggested_at=T0) is None
    assert workload(["a-1"], [IX], at=at, timezone="UTC", policy=huge)["a-1"].agent == "a-1"


# ---------------------------------------------------------------- the command line
_REPORT_ARGS = ["--timezone", "UTC", "--at", "2026-03-05T00:00:00+00:00", "--locale", "ko"]
CLI_CASES = {
    # name: (argv with {d} for the data directory, text expected on stderr)
    "lint-not-utf8": (["lint", "{d}/latin1.txt", "--locale", "ko"], "not UTF-8"),
    "lint-missing": (["lint", "{d}/absent.txt", "--locale", "ko"], "absent.txt"),
    "lint-locale-without-rules": (["lint", "{d}/reply.txt", "--locale", "xx"], "locale"),
    "lint-locale-unknown": (["lint", "{d}/reply.txt", "--locale", "!!"], "locale"),
    "report-bad-line": (["report", "{d}/bad.jsonl", *_REPORT_ARGS], "bad.jsonl:2"),
    "report-not-json": (["report", "{d}/broken.jsonl", *_REPORT_ARGS], "broken.jsonl:1"),
    "report-deep-line": (["report", "{d}/deep.jsonl", *_REPORT_ARGS], "deep.jsonl:1"),
    "report-missing": (["report", "{d}/absent.jsonl", *_REPORT_ARGS], "absent.jsonl"),
    "report-naive-at": (
        [
            "report",
            "{d}/good.jsonl",
            "--timezone",
            "UTC",
            "--at",
            "2026-03-05T00:00:00",
            "--locale",
            "ko",
        ],
        "offset",
    ),
    "report-zone": (
        [
            "report",
            "{d}/good.jsonl",
            "--timezone",
            "Mars/Olympus",
            "--at",
            "2026-03-05T00:00:00+00:00",
            "--locale",
            "ko",
        ],
        "timezone",
    ),
    "report-locale": (
        [
            "report",
            "{d}/good.jsonl",
            "--timezone",
            "UTC",
            "--at",
            "2026-03-05T00:00:00+00:00",
            "--locale",
            "!!",
        ],
        "locale",
    ),
    "report-sla-missing": (
        ["report", "{d}/good.jsonl", "--sla", "{d}/absent.toml", *_REPORT_ARGS],
        "absent.toml",
    ),
    "report-sla-bad": (
        ["report", "{d}/good.jsonl", "--sla", "{d}/bad_sla.json", *_REPORT_ARGS],
        "targets[0].within",
    ),
}


def _cli_data(directory: Path) -> None:
    good = json.dumps(interaction_doc(), ensure_ascii=False)
    (directory / "latin1.txt").write_bytes("caf\u00e9".encode("latin-1"))
    (directory / "reply.txt").write_text("안타깝게도 불가능합니다.", encoding="utf-8")
    (directory / "good.jsonl").write_text(good + "\n", encoding="utf-8")
    (directory / "bad.jsonl").write_text(good + "\n" + '{"id": 1}\n', encoding="utf-8")
    (directory / "broken.jsonl").write_text("[\n", encoding="utf-8")
    (directory / "deep.jsonl").write_text("[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    bad_sla = doc(SLA_POLICY, targets=[{"metric": "resolution", "within": "soon"}])
    (directory / "bad_sla.json").write_text(json.dumps(bad_sla), encoding="utf-8")


@pytest.mark.parametrize(("argv", "expected"), list(CLI_CASES.values()), ids=list(CLI_CASES))
def test_the_command_line_answers_bad_input_with_exit_status_2_and_a_message(
    tmp_path: Path, argv: list[str], expected: str
) -> None:
    import io

    from cxcore.cli import main

    _cli_data(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    status = main([a.format(d=tmp_path) for a in argv], stdout=out, stderr=err)
    assert status == 2
    assert expected in err.getvalue()
    assert "Traceback" not in err.getvalue()
