"""Fuzzing the public surface: whatever comes in, only a CxcoreError goes out.

Documents: arbitrary JSON-like values, and valid documents with one subtree
replaced, a key dropped or an unknown key added, into every ``from_dict``.
Text: arbitrary Unicode (combining marks, emoji, RTL, NUL, lone surrogates,
Hangul jamo) into ``check`` and ``signals``. Events: arbitrary sequences,
valid or not, into ``record``, then through SLA, escalation, routing and
reporting. And the phrasing matcher's cost: the shipped rule packs are safe by
construction (literal keys in one automaton, a bounded number of outputs per
character, context checks over bounded windows), shown on 100,000-character
adversarial texts by counting work, never by timing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from cxcore import ConfigError, CxcoreError, Interaction, ValidationError, events as ev
from cxcore._time import duration_from_config
from cxcore.escalation import EscalationPolicy
from cxcore.language import RulePack, check, signals
from cxcore.language._engine import (
    _BEFORE_WINDOW,
    _MAX_EXTEND,
    _MAX_GAP,
    Compiled,
    Stats,
)
from cxcore.language._pack import rule_packs
from cxcore.reporting import Report, ReportConfig
from cxcore.routing import BreakPolicy, Team, Teams, route, suggest_break
from cxcore.sla import BusinessCalendar, SlaPolicy
from cxcore.testing import aware_datetimes, interactions

from .support import (
    BREAK_POLICY,
    CALENDAR,
    ESCALATION_POLICY,
    RULE_PACK,
    SLA_POLICY,
    TEAM,
    TEAMS,
    interaction_doc,
    snapshot,
)

READERS: dict[str, tuple[Callable[[Any], object], dict[str, Any]]] = {
    "interaction": (Interaction.from_dict, interaction_doc()),
    "calendar": (BusinessCalendar.from_dict, CALENDAR),
    "sla_policy": (SlaPolicy.from_dict, SLA_POLICY),
    "escalation_policy": (EscalationPolicy.from_dict, ESCALATION_POLICY),
    "rule_pack": (RulePack.from_dict, RULE_PACK),
    "teams": (Teams.from_dict, TEAMS),
    "team": (Team.from_dict, TEAM),
    "break_policy": (BreakPolicy.from_dict, BREAK_POLICY),
}

# ------------------------------------------------------------------ documents

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "",
            "0",
            "1h",
            "-1h",
            "PT",
            "P1D",
            "24:00",
            "25:00",
            "09:00",
            "2026-02-30",
            "2026-12-25",
            "UTC",
            "Asia/Seoul",
            "Mars/Olympus",
            "ko-KR",
            "xx",
            "pending",
            "closed",
            "breached",
            "first_response",
            "urgent",
            "transferred",
            "asks_for_human",
            "\x00",
            "\ud800",
            "{A}",
            "{a|",
            "9" * 40,
        ]
    )
)
json_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _replace(value: Any, path: tuple[object, ...], new: object) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _drop(value: Any, path: tuple[object, ...]) -> Any:
    head, rest = path[0], path[1:]
    if rest:
        if isinstance(value, dict):
            return {k: (_drop(v, rest) if k == head else v) for k, v in value.items()}
        return [(_drop(v, rest) if i == head else v) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k != head}
    return [v for i, v in enumerate(value) if i != head]


@st.composite
def mutated(draw: st.DrawFn, valid: dict[str, Any]) -> Any:
    """``valid`` with one subtree replaced, one entry dropped, or one unknown key added."""
    paths = _paths(valid)
    path = draw(st.sampled_from(paths))
    how = draw(st.sampled_from(["replace", "drop", "add"]))
    if how == "replace":
        return _replace(valid, path, draw(json_values))
    if how == "drop" and path:
        return _drop(valid, path)
    parents = [p for p in paths if isinstance(_at(valid, p), dict)]
    target = draw(st.sampled_from(parents))
    table = dict(_at(valid, target))
    table[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
    return _replace(valid, target, table)


def _at(value: Any, path: tuple[object, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _only_cxcore_errors(call: Callable[[Any], object], data: object) -> object | None:
    before = snapshot(data)
    error: CxcoreError | None = None
    result: object | None = None
    try:
        result = call(data)
    except CxcoreError as exc:
        error = exc
    assert snapshot(data) == before, "the reader changed the caller's document"
    if error is not None:
        assert str(error)
        assert not isinstance(error, ConfigError) or isinstance(error, ValueError)
    return result


@pytest.mark.parametrize("name", list(READERS))
@given(data=st.data())
def test_any_json_document_is_read_or_refused_with_a_config_error(
    name: str, data: st.DataObject
) -> None:
    reader, _valid = READERS[name]
    _only_cxcore_errors(reader, data.draw(json_values))


@pytest.mark.parametrize("name", list(READERS))
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_valid_document_with_one_change_is_read_or_refused_with_a_config_error(
    name: str, data: st.DataObject
) -> None:
    reader, valid = READERS[name]
    document = data.draw(mutated(valid))
    result = _only_cxcore_errors(reader, document)
    if result is not None and hasattr(result, "to_dict"):
        # whatever was accepted writes a document that reads back equal
        assert reader(result.to_dict()) == result


@given(
    text=st.text(max_size=30) | st.from_regex(r"[0-9. ]{0,30}[wdhmsPTWDHMS]{0,4}", fullmatch=True)
)
def test_any_duration_text_is_a_duration_or_a_config_error(text: str) -> None:
    error: ConfigError | None = None
    try:
        value = duration_from_config(text, "within")
    except ConfigError as exc:
        error = exc
    if error is None:
        assert value > timedelta(0)
    else:
        assert error.path == "within"


# ------------------------------------------------------------------ text

_hostile = st.sampled_from(
    [
        "\u0301",  # combining acute
        "\u200b",  # zero-width space
        "\u200f",  # right-to-left mark
        "\u202e",  # right-to-left override
        "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
        "\u0645\u0631\u062d\u0628\u0627",  # Arabic
        "\x00",
        "\ud800",
        "\udfff",
        "\U0001f621",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family emoji sequence
        "\u1100\u1161\u11a8",  # conjoining jamo
        "\uff21",  # full-width A
        "\ufeff",
        ">",
        "\n> ",
        "할 수 없습니다",
        "할수없어요",
        "고객님 잘못",
        "can't",
        "CAN'T",
        "unfortunately",
        "상담원 연결",
        "<!-- cxcore-disable -->",
        "\r\n",
        "ㅋㅋㅋ",
    ]
)
texts = st.lists(
    st.text(alphabet=st.characters(exclude_categories=()), max_size=20) | _hostile, max_size=12
).map("".join)


@pytest.mark.parametrize("locale", ["ko", "en", "ko-KR", "en-US"])
@given(text=texts)
def test_check_takes_any_text_and_points_at_exact_spans(locale: str, text: str) -> None:
    for finding in check(text, locale=locale):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize("locale", ["ko", "en"])
@given(text=texts)
def test_signals_take_any_text(locale: str, text: str) -> None:
    for signal in signals(text, locale=locale):
        assert 0 <= signal.start < signal.end <= len(text)
        assert text[signal.start : signal.end] == signal.text


# ------------------------------------------------------------------ events

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_moments = st.integers(min_value=-3600, max_value=14 * 86400).map(
    lambda s: T0 + timedelta(seconds=s)
)
_strings = st.sampled_from(
    ["a-1", "a-2", "", " ", "billing", "tech", "refund", "k-1", "k-2"]
) | st.text(max_size=6)
_anything = _strings | st.integers(-2, 12) | st.none() | st.booleans()
_events = st.one_of(
    st.builds(ev.CustomerMessage, at=_moments, text=texts),
    st.builds(ev.AgentReply, at=_moments, agent=_strings, text=texts),
    st.builds(ev.InternalNote, at=_moments, agent=_strings, text=_strings),
    st.builds(
        ev.StatusChanged,
        at=_moments,
        status=st.sampled_from(["new", "open", "pending", "on_hold", "solved", "closed", "paused"]),
    ),
    st.builds(ev.Assigned, at=_moments, agent=_strings, team=st.none() | _strings),
    st.builds(ev.Transferred, at=_moments, team=_strings, agent=st.none() | _strings),
    st.builds(ev.OwnerChanged, at=_moments, owner=_strings),
    st.builds(ev.PriorityChanged, at=_moments, priority=_anything),
    st.builds(ev.Tagged, at=_moments, tag=_strings),
    st.builds(ev.Untagged, at=_moments, tag=_strings),
    st.builds(
        ev.SurveyAnswered,
        at=_moments,
        survey=st.sampled_from(["csat", "nps", "ces", "own"]),
        score=_anything,
    ),
    st.builds(
        ev.Escalated,
        at=_moments,
        key=_strings,
        policy=_strings,
        rule_id=_strings,
        step=_anything,
        level=_anything,
    ),
    st.builds(ev.EscalationAcknowledged, at=_moments, agent=_strings, key=_strings),
)


@st.composite
def maybe_events(draw: st.DrawFn) -> object:
    """An event, or the CxcoreError its constructor raised (bad fields are part of the fuzz)."""
    try:
        return draw(_events)
    except CxcoreError as exc:
        return exc


SLA = SlaPolicy.from_dict(SLA_POLICY)
ESC = EscalationPolicy.from_dict(ESCALATION_POLICY)
TEAMS_V = Teams.from_dict(TEAMS)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(ix=interactions(max_events=4), items=st.lists(maybe_events(), max_size=12))
def test_any_event_sequence_is_recorded_or_refused_and_every_layer_copes(
    ix: Interaction, items: list[object]
) -> None:
    assume(
        all(not isinstance(item, BaseException) or isinstance(item, CxcoreError) for item in items)
    )
    for item in items:
        if isinstance(item, CxcoreError):
            continue
        before = ix
        try:
            ix = ix.record(item)  # type: ignore[arg-type]
        except CxcoreError:
            assert ix is before
            assert ix == before
    at = ix.last_event_at + timedelta(hours=3)
    report = SLA.evaluate(ix, at=at)
    assert all(clock.metric in report for clock in report.values())
    ESC.evaluate(ix, at=at, sla=SLA)
    ESC.explain(ix, at=at, sla=SLA)
    route(ix, TEAMS_V, at=at, sla=SLA)
    suggest_break("a-1", [ix], at=at, policy=BreakPolicy())
    Report.build([ix], config=ReportConfig(at=at, timezone="Asia/Seoul", sla=SLA))
    assert Interaction.from_dict(ix.to_dict()) == ix


@settings(max_examples=25)
@given(
    start=aware_datetimes(
        min_value=datetime(1, 1, 2, tzinfo=UTC), max_value=datetime(9999, 12, 30, tzinfo=UTC)
    ),
    amount=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
)
def test_calendar_arithmetic_answers_or_refuses_anywhere_in_time(
    start: datetime, amount: timedelta
) -> None:
    cal = BusinessCalendar.from_dict(CALENDAR)
    try:
        end = cal.add(start, amount)
    except ValidationError:
        return
    assert cal.elapsed(start, end) == amount


# ------------------------------------------------------------------ linear cost


def _suffix_outputs(compiled: Compiled) -> int:
    """The most automaton outputs one text position can produce.

    Aho-Corasick reports, at each position, every key that ends there: the keys
    that are suffixes of the longest one matched. That count is a property of
    the key set alone, so the outputs are at most this bound per character.
    """
    worst = 0
    for automaton in (compiled._automaton, compiled._wide):
        if not len(automaton):
            continue
        outputs = {key: len(value) for key, value in automaton.items()}
        for key in outputs:
            worst = max(worst, sum(outputs.get(key[i:], 0) for i in range(len(key))))
    return worst


PACKS = [(name, rule_packs.get(name)()) for name in rule_packs.names()]


@pytest.mark.parametrize(("name", "pack"), PACKS, ids=[n for n, _ in PACKS])
def test_shipped_packs_are_linear_by_construction(name: str, pack: RulePack) -> None:
    for signal_rules in (False, True):
        compiled = Compiled(pack, signals=signal_rules)
        # every key is a literal string in one automaton (there is no regex anywhere)
        assert all(isinstance(p, str) for r in compiled.rules for p in r.patterns)
        # a bounded number of outputs per character, independent of the text
        assert _suffix_outputs(compiled) <= 64
        # patterns are short: a context check never looks further than this
        assert compiled.max_len <= 64
    # the context windows are fixed constants, not functions of the text
    assert max(_MAX_EXTEND, _MAX_GAP, _BEFORE_WINDOW) <= 64


def _adversarial(pack: RulePack) -> list[str]:
    phrases = [p for r in (*pack.rules, *pack.signal_rules) for p in r.patterns][:200]
    glued = "".join(phrases)
    spaced = " ".join(phrases)
    pieces = {
        "glued-patterns": glued,
        "spaced-patterns": spaced,
        "one-sentence": spaced.replace(".", " ").replace("?", " ").replace("!", " "),
        "prefixes": "".join(p[: max(1, len(p) - 1)] for p in phrases),
        "quoted": "\n> ".join(phrases),
        "combining": "\u0301".join(glued),
        "surrogates": "\ud800".join(phrases),
    }
    out = []
    for unit in pieces.values():
        text = (unit * (100_000 // max(1, len(unit)) + 1))[:100_000]
        out.append(text)
    return out


@pytest.mark.parametrize(("name", "pack"), PACKS, ids=[n for n, _ in PACKS])
def test_adversarial_100000_character_texts_cost_a_bounded_amount_per_character(
    name: str, pack: RulePack
) -> None:
    from cxcore.language import PhrasingChecker

    compiled = Compiled(pack)
    per_char = _suffix_outputs(compiled)
    checker = PhrasingChecker(rules=pack)
    for text in _adversarial(pack):
        stats = Stats()
        findings = checker.check(text, locale=pack.locale, _stats=stats)
        assert all(text[f.start : f.end] == f.text for f in findings)
        # one automaton step per spelled unit: at most four per character (UTF-32 fallback)
        assert stats.key_chars <= 4 * len(text)
        assert stats.matches <= per_char * stats.key_chars
        # each candidate gets a fixed number of checks over bounded windows
        assert stats.checks <= stats.matches + len(text)
        assert stats.window_chars <= 8 * (
            compiled.max_len + 2 * _MAX_EXTEND + _MAX_GAP + _BEFORE_WINDOW
        ) * (stats.checks + 1) + 4 * len(text)


def test_rule_packs_copy_documents_they_are_given() -> None:
    document = copy.deepcopy(RULE_PACK)
    before = snapshot(document)
    RulePack.from_dict(document)
    assert snapshot(document) == before
