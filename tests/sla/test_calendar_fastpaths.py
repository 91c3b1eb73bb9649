"""The span-table fast paths of business-time arithmetic agree with the closed form.

``add``, ``subtract`` and ``elapsed`` first read per-UTC-year tables of open
stretches and fall back to the closed form (``general_*``) when a question
crosses too many years. Both are exact, so they must give the same answer on
every input: random calendars (DST zones, overnight shifts, holidays,
overrides), moments near DST changes and year ends, spans from microseconds
to years. The public methods are checked against the brute-force oracle in
``test_calendar_properties``; here the two engine paths are checked against
each other, further out than the oracle can reach.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz
from hypothesis import assume, given, settings, strategies as st

from cxcore import ConfigError, ValidationError
from cxcore.sla import BusinessCalendar
from tests.oracles.calendar import decorated_docs, moments_near

US = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
HOUR = 3600 * 10**6
YEAR = 366 * 24 * HOUR

# UTC and local year ends, where one span table hands over to the next.
_YEAR_ENDS = ("2025-12-31", "2026-01-01", "2026-12-31", "2027-01-01", "2031-12-31")


def us(moment: datetime) -> int:
    return (moment - _EPOCH) // US


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    """Near a DST change, or within a day and a half of a year end, to the µs."""
    if draw(st.booleans()):
        return draw(moments_near())
    day = date.fromisoformat(draw(st.sampled_from(_YEAR_ENDS)))
    base = datetime.combine(day, time(), tzinfo=UTC)
    return base + timedelta(microseconds=draw(st.integers(-36 * HOUR, 36 * HOUR)))


@st.composite
def calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, datetime]:
    near = draw(moments())
    doc = draw(decorated_docs(near))
    if draw(st.booleans()):  # a yearly holiday on 1 January: a closed day across a table edge
        doc.setdefault("holidays", []).append(
            {"rrule": "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "dtstart": "2020-01-01"}
        )
    try:
        cal = BusinessCalendar.from_dict(doc)
    except ConfigError:
        assume(False)
        raise
    return cal, near


def durations() -> st.SearchStrategy[int]:
    """Microseconds of business time, from one to several years' worth of real time."""
    return st.one_of(
        st.integers(1, 48 * HOUR),
        st.integers(1, 3 * YEAR),
        st.integers(1, 400).map(lambda h: h * HOUR),
        st.integers(1, 12_000).map(lambda h: h * HOUR),
    )


@settings(max_examples=60)
@given(calendars(), durations())
def test_add_fast_path_matches_the_closed_form(sc: Any, x: int) -> None:
    cal, near = sc
    engine = cal._engine
    u = us(near)
    assert engine.add(u, x) == engine.general_add(u, x)


@settings(max_examples=60)
@given(calendars(), durations())
def test_subtract_fast_path_matches_the_closed_form(sc: Any, x: int) -> None:
    cal, near = sc
    engine = cal._engine
    u = us(near)
    assert engine.subtract(u, x) == engine.general_subtract(u, x)


@settings(max_examples=60)
@given(calendars(), st.integers(-4 * YEAR, 4 * YEAR))
def test_elapsed_fast_path_matches_the_closed_form(sc: Any, span: int) -> None:
    cal, near = sc
    engine = cal._engine
    u = us(near)
    assert engine.elapsed(u, u + span) == engine.general_elapsed(u, u + span)


@settings(max_examples=80)
@given(
    calendars(),
    st.one_of(st.just(0), st.integers(0, 3 * YEAR)),
    st.one_of(st.integers(HOUR, 2 * 24 * HOUR), st.integers(HOUR, 3 * YEAR)),
)
def test_exact_spans_round_trip_through_add_and_subtract(sc: Any, back: int, ahead: int) -> None:
    """Durations measured between two moments land on closing and opening moments exactly.

    With one end near a year's end, the other years away, the answer is often a
    closing moment in one table or an opening moment in the next.
    """
    cal, near = sc
    engine = cal._engine
    a, b = us(near) - back, us(near) + ahead
    x = engine.elapsed(a, b)
    if x == 0:  # a calendar closed all along: nothing to land on
        assert engine.general_elapsed(a, b) == 0
        return
    assert engine.add(a, x) == engine.general_add(a, x)
    assert engine.subtract(b, x) == engine.general_subtract(b, x)
    assert engine.elapsed(a, engine.add(a, x)) == x
    assert engine.elapsed(engine.subtract(b, x), b) == x


@settings(max_examples=30)
@given(calendars(), st.integers(7, 12), st.integers(0, 23))
def test_questions_beyond_the_table_budget_take_the_closed_form(
    sc: Any, years: int, hours: int
) -> None:
    cal, near = sc
    engine = cal._engine
    x = (years * 365 * 24 + hours) * HOUR
    assume(engine.general_add(us(near), 1) is not None)
    start = near
    try:
        end = cal.add(start, timedelta(microseconds=x))
    except ValidationError:  # business time that would not be reached by the supported years
        assert engine.general_add(us(near), x) is None
        return
    assert us(end) == engine.general_add(us(start), x)
    assert cal.elapsed(start, end) == timedelta(microseconds=x)
    back = cal.subtract(end, timedelta(microseconds=x))
    assert us(back) == engine.general_subtract(us(end), x)
    assert cal.elapsed(back, end) == timedelta(microseconds=x)


_ZONES = ("UTC", "Europe/London", "Australia/Lord_Howe", "America/Havana", "Asia/Seoul")


@settings(max_examples=80)
@given(st.sampled_from(_ZONES), st.booleans(), moments())
def test_results_carry_the_calendars_zone_with_the_right_fold(
    name: str, dateutil_zone: bool, moment: datetime
) -> None:
    """The result is built by the zone's own ``fromutc``: the offset and fold it would give."""
    zone = tz.gettz(name) if dateutil_zone else ZoneInfo(name)
    assert zone is not None
    cal = BusinessCalendar.always_open(timezone=zone)
    expected = moment.astimezone(zone)
    for got in (
        cal.add(moment, timedelta(0)),
        cal.add(moment - US, US),
        cal.subtract(moment + US, US),
        cal.next_open(moment),
    ):
        assert got - moment == timedelta(0)
        assert got.tzinfo is zone
        assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)
        assert got.utcoffset() == expected.utcoffset()
        assert got.fold == expected.fold


def test_a_calendar_that_stops_opening_falls_back_and_refuses() -> None:
    cal = BusinessCalendar.from_dict(
        {
            "timezone": "Europe/Berlin",
            "hours": {},
            "overrides": {"2026-12-24": [["09:00", "13:00"]]},
        }
    )
    start = datetime(2026, 12, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    assert cal.add(start, timedelta(hours=4)) == datetime(
        2026, 12, 24, 13, tzinfo=ZoneInfo("Europe/Berlin")
    )
    with pytest.raises(ValidationError, match="not open"):
        cal.add(start, timedelta(hours=5))


class _Moment(datetime):
    """A datetime subclass (as pandas' Timestamp is): not the inline path's exact type."""


@pytest.mark.parametrize("method", ["add", "subtract"])
def test_the_inline_path_hands_everything_unusual_to_the_validating_steps(method: str) -> None:
    zone = ZoneInfo("Europe/Berlin")
    cal = BusinessCalendar.from_dict(
        {"timezone": "Europe/Berlin", "hours": {"mon": [["09:00", "17:00"]]}}
    )
    op = getattr(cal, method)
    moment = datetime(2026, 3, 2, 12, tzinfo=zone)
    with pytest.raises(ValidationError, match="timezone-aware"):
        op(moment.replace(tzinfo=None), timedelta(hours=1))
    with pytest.raises(ValidationError, match="zero or positive"):
        op(moment, timedelta(hours=-1))
    with pytest.raises(ValidationError, match="timedelta"):
        op(moment, 3600)
    with pytest.raises(ValidationError, match="outside the years"):
        op(datetime(1, 1, 2, tzinfo=UTC), timedelta(hours=1))
    assert op(moment, timedelta(0)) == moment
    subclassed = _Moment(2026, 3, 2, 12, 30, 0, 5, tzinfo=zone)
    plain = datetime(2026, 3, 2, 12, 30, 0, 5, tzinfo=zone)
    assert op(subclassed, timedelta(minutes=30)) == op(plain, timedelta(minutes=30))
