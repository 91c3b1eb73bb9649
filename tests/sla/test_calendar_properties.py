"""Laws of business-time arithmetic, checked on random calendars against a brute-force oracle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import assume, given, settings, strategies as st

from cxcore import ConfigError
from cxcore.sla import BusinessCalendar
from tests.oracles.calendar import OracleCalendar, decorated_docs, moments_near

US = timedelta(microseconds=1)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[BusinessCalendar, OracleCalendar, datetime, dict[str, Any]]:
    near = draw(moments_near())
    doc = draw(decorated_docs(near))
    try:
        cal = BusinessCalendar.from_dict(doc)
    except ConfigError:
        assume(False)
        raise
    oracle = OracleCalendar(doc, near - timedelta(days=4), near + timedelta(days=9))
    return cal, oracle, near, doc


def offsets(seconds: int) -> st.SearchStrategy[timedelta]:
    return st.one_of(
        st.integers(0, seconds).map(lambda s: timedelta(seconds=s)),
        st.integers(0, seconds * 10**6).map(lambda us: timedelta(microseconds=us)),
        st.integers(0, seconds // 1800).map(lambda k: timedelta(minutes=30 * k)),
    )


def same_instant(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a - b == timedelta(0)


def in_zone(cal: BusinessCalendar, result: datetime) -> bool:
    return result.utcoffset() == result.astimezone(cal.timezone).utcoffset()


@settings(max_examples=40)
@given(scenarios(), st.lists(offsets(3 * 86400), min_size=1, max_size=6))
def test_is_open_and_elapsed_follow_the_wall_clock_rule(sc: Any, shifts: list[timedelta]) -> None:
    cal, oracle, near, _ = sc
    moments = [near - timedelta(days=1) + s for s in shifts]
    # The oracle's breakpoints are the moments where being open can change: probe them exactly.
    moments += [p for piece in oracle.pieces[:4] for p in piece]
    moments = [m for m in moments if oracle.lo <= m < oracle.hi]
    for m in moments:
        assert cal.is_open(m) == oracle.is_open(m), m
        if m - US >= oracle.lo:
            assert cal.is_open(m - US) == oracle.is_open(m - US), m - US
    for a, b in pairwise(moments):
        assert cal.elapsed(a, b) == oracle.elapsed(a, b), (a, b)


@settings(max_examples=40)
@given(scenarios(), offsets(2 * 86400), offsets(5 * 86400))
def test_add_is_the_earliest_moment_with_that_much_business_time(
    sc: Any, lead: timedelta, span: timedelta
) -> None:
    cal, oracle, near, _ = sc
    start = near - timedelta(days=1) + lead
    d = oracle.elapsed(start, min(start + span, oracle.hi))
    expected = oracle.add(start, d)
    got = cal.add(start, d)
    assert same_instant(got, expected), (start, d, got, expected)
    assert in_zone(cal, got)
    assert cal.elapsed(start, got) == d  # elapsed inverts add
    if d > timedelta(0):
        assert cal.is_open(got.astimezone(UTC) - US)  # the last microsecond counted was open


@settings(max_examples=40)
@given(scenarios(), offsets(2 * 86400), offsets(5 * 86400))
def test_subtract_is_the_latest_moment_with_that_much_business_time(
    sc: Any, lag: timedelta, span: timedelta
) -> None:
    cal, oracle, near, _ = sc
    end = near + timedelta(days=6) - lag
    d = oracle.elapsed(max(end - span, oracle.lo), end)
    expected = oracle.subtract(end, d)
    got = cal.subtract(end, d)
    assert same_instant(got, expected), (end, d, got, expected)
    assert in_zone(cal, got)
    assert cal.elapsed(got, end) == d
    if d > timedelta(0):
        assert cal.is_open(got)  # the first microsecond counted is open


@settings(max_examples=30)
@given(scenarios(), offsets(86400), offsets(2 * 86400), offsets(2 * 86400))
def test_add_composes_and_is_monotonic(
    sc: Any, lead: timedelta, first: timedelta, second: timedelta
) -> None:
    cal, oracle, near, _ = sc
    start = near - timedelta(days=1) + lead
    a = oracle.elapsed(start, start + first)
    b = oracle.elapsed(start + first, start + first + second)
    # add(add(s, a), b) == add(s, a + b) always: add(s, a) has exactly a of business time after s.
    assert same_instant(cal.add(cal.add(start, a), b), cal.add(start, a + b))
    assert cal.add(start, a) <= cal.add(start, a + b)


@settings(max_examples=30)
@given(scenarios(), offsets(4 * 86400), offsets(4 * 86400), offsets(4 * 86400))
def test_elapsed_is_additive_and_antisymmetric(
    sc: Any, x: timedelta, y: timedelta, z: timedelta
) -> None:
    cal, _, near, _ = sc
    base = near - timedelta(days=2)
    a, b, c = base + x, base + y, base + z
    assert cal.elapsed(a, c) == cal.elapsed(a, b) + cal.elapsed(b, c)
    assert cal.elapsed(a, b) == -cal.elapsed(b, a)
    assert cal.elapsed(a, a) == timedelta(0)


@settings(max_examples=40)
@given(scenarios(), offsets(3 * 86400))
def test_next_open_and_next_close_agree_with_the_oracle(sc: Any, lead: timedelta) -> None:
    cal, oracle, near, _ = sc
    at = near - timedelta(days=1) + lead
    expected_open = oracle.next_open(at)
    got_open = cal.next_open(at)
    if expected_open is None:
        assert got_open is None or got_open >= oracle.hi
    else:
        assert same_instant(got_open, expected_open)
        assert got_open is not None
        assert in_zone(cal, got_open)
    expected_close = oracle.next_close(at)
    got_close = cal.next_close(at)
    if expected_close is None:
        assert got_close is None or got_close >= oracle.hi
    else:
        assert same_instant(got_close, expected_close)
        assert got_close is not None
        assert not cal.is_open(got_close)
        assert cal.is_open(got_close.astimezone(UTC) - US)


@settings(max_examples=30)
@given(scenarios(), offsets(86400), offsets(4 * 86400))
def test_intervals_are_the_open_pieces_clipped(sc: Any, lead: timedelta, span: timedelta) -> None:
    cal, oracle, near, _ = sc
    start = near - timedelta(days=1) + lead
    end = start + span
    got = [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in cal.intervals(start, end)]
    expected = [
        (max(a, start), min(b, end)) for a, b in oracle.pieces if min(b, end) > max(a, start)
    ]
    assert got == expected
    total = sum((b - a for a, b in got), timedelta(0))
    assert total == cal.elapsed(start, end)


@settings(max_examples=30)
@given(scenarios())
def test_documents_round_trip(sc: Any) -> None:
    import pickle

    cal, _, _, doc = sc
    again = BusinessCalendar.from_dict(cal.to_dict())
    assert again == cal
    assert hash(again) == hash(cal)
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert BusinessCalendar.from_dict(doc) == cal


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["09:00", "24:00", "22:00", "2026-12-25", "UTC", "FREQ=DAILY", "KR"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["mon", "sun", "rrule", "dtstart", "country", "2026-12-24"])
            | st.text(max_size=3),
            inner,
            max_size=3,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200)
@given(
    st.fixed_dictionaries(
        {"timezone": st.sampled_from(["UTC", "Europe/London"]) | _JSON},
        optional={"hours": _JSON, "holidays": _JSON, "overrides": _JSON},
    )
)
def test_any_document_loads_or_is_a_config_error(doc: dict[str, Any]) -> None:
    try:
        cal = BusinessCalendar.from_dict(doc)
    except ConfigError:
        return  # refused, as a ConfigError: nothing else may escape
    assert BusinessCalendar.from_dict(cal.to_dict()) == cal


_EDGES = [
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(4, 1, 1, tzinfo=UTC),
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
    datetime(9996, 12, 31, tzinfo=UTC),
    datetime.max.replace(tzinfo=UTC),
]


@settings(max_examples=50)
@given(
    st.sampled_from(_EDGES),
    st.sampled_from([timedelta(0), US, timedelta(days=30), timedelta.max]),
)
def test_extreme_moments_and_durations_are_validation_errors_or_answers(
    at: datetime, d: timedelta
) -> None:
    from cxcore import ValidationError

    cal = BusinessCalendar.from_dict(
        {"timezone": "Europe/London", "hours": {"mon": [["09:00", "17:00"]]}}
    )
    week_away = at - timedelta(days=7) if at.year > 5000 else at + timedelta(days=7)
    for call in (
        lambda: cal.add(at, d),
        lambda: cal.subtract(at, d),
        lambda: cal.next_open(at),
        lambda: cal.next_close(at),
        lambda: cal.elapsed(at, week_away),
        lambda: cal.intervals(min(at, week_away), max(at, week_away)),
    ):
        try:
            result = call()
        except ValidationError:
            continue  # refused, as a ValidationError: nothing else may escape
        assert result is None or isinstance(result, datetime | timedelta | tuple)
