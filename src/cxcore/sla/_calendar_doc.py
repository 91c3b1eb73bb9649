"""Reading and writing a business calendar's document form (dicts, TOML, JSON).

Everything here is about the *shape* of the data: times of day, dates, weekday
keys, interval lists and their overlap rules, with errors that name the path
inside the document. The arithmetic lives in ``_calendar_engine``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from itertools import pairwise
from typing import Any

from cxcore._errors import ConfigError
from cxcore._loader import check_keys

from ._holidays import HolidaySource, _parse_date, holiday_sources

__all__ = [
    "DAY_SECONDS",
    "WEEKDAYS",
    "Interval",
    "check_night",
    "check_override_neighbours",
    "format_intervals",
    "format_time",
    "parse_any",
    "parse_day",
    "parse_holidays",
    "parse_hours",
]

DAY_SECONDS = 86400
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: ``(start, end)`` in seconds after the day's midnight; ``end < start`` is an overnight shift
#: ending on the next day; ``end == 86400`` is 24:00.
Interval = tuple[int, int]

_TIME = re.compile(r"(\d\d):(\d\d)(?::(\d\d))?", re.ASCII)


def _parse_time(value: object, path: str) -> int:
    if isinstance(value, time):
        if value.tzinfo is not None or value.microsecond:
            raise ConfigError(f"{value!r}: use a naive time of day with whole seconds", path=path)
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, str):
        m = _TIME.fullmatch(value)
        if m is not None:
            h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
            total = h * 3600 + mi * 60 + s
            if mi < 60 and s < 60 and total <= DAY_SECONDS:
                return total
    shown = f'"{value}"' if isinstance(value, str) else repr(value)
    raise ConfigError(f"{shown} is not a time of day; use HH:MM from 00:00 to 24:00", path=path)


def format_time(seconds: int) -> str:
    """``"HH:MM"``, or ``"HH:MM:SS"`` when the seconds are not zero."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}" if s else f"{h:02d}:{m:02d}"


def _wall_span(iv: Interval) -> tuple[int, int]:
    start, end = iv
    return (start, end + DAY_SECONDS) if end < start else (start, end)


def parse_day(value: object, path: str) -> tuple[Interval, ...]:
    """A day's list of ``["HH:MM", "HH:MM"]`` pairs, sorted, checked for overlaps."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise ConfigError(
            f'expected a list of [start, end] pairs, e.g. [["09:00", "17:00"]] (got {value!r})'[
                :200
            ],
            path=path,
        )
    out: list[tuple[Interval, str]] = []
    for i, pair in enumerate(value):
        where = f"{path}[{i}]"
        if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise ConfigError(
                f'expected a [start, end] pair such as ["09:00", "17:00"] (got {pair!r})'[:200],
                path=where,
            )
        start = _parse_time(pair[0], f"{where}[0]")
        end = _parse_time(pair[1], f"{where}[1]")
        if start == DAY_SECONDS:
            raise ConfigError(
                '"24:00" can only end an interval; start the next day at "00:00"',
                path=f"{where}[0]",
            )
        if end == start:
            raise ConfigError(
                f"the interval {format_time(start)}–{format_time(end)} is empty; "
                "write 00:00–24:00 for a whole day",
                path=where,
            )
        out.append(((start, end), where))
    out.sort(key=lambda item: item[0][0])
    for (a, _), (b, where_b) in pairwise(out):
        if _wall_span(a)[1] > b[0]:
            raise ConfigError(
                f"{format_time(b[0])}–{format_time(b[1])} overlaps "
                f"{format_time(a[0])}–{format_time(a[1])}; intervals of a day must not overlap",
                path=where_b,
            )
    return tuple(iv for iv, _ in out)


def check_night(
    prev: tuple[Interval, ...], nxt: tuple[Interval, ...], path: str, what: str
) -> None:
    """An overnight shift of ``prev`` must end before ``nxt`` (the next day) opens."""
    if not prev or not nxt:
        return
    last = prev[-1]
    tail = _wall_span(last)[1] - DAY_SECONDS
    if tail > nxt[0][0]:
        raise ConfigError(
            f"the overnight shift {format_time(last[0])}–{format_time(last[1])} runs into "
            f"{what}, which opens at {format_time(nxt[0][0])}; end the shift by then",
            path=path,
        )


def parse_hours(value: object, path: str) -> tuple[tuple[Interval, ...], ...]:
    """The weekly template: one sorted tuple of intervals per weekday, Monday first."""
    data = check_keys(value, path, optional=WEEKDAYS)
    days = tuple(parse_day(data.get(k, []), f"{path}.{k}") for k in WEEKDAYS)
    for i, key in enumerate(WEEKDAYS):
        nxt = WEEKDAYS[(i + 1) % 7]
        check_night(days[i], days[(i + 1) % 7], f"{path}.{key}[{len(days[i]) - 1}]", nxt)
    return days


def parse_holidays(value: object, path: str) -> tuple[date | HolidaySource, ...]:
    """Dates and source entries (``rrule``, ``country``, plugins), in document order."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise ConfigError(
            f"expected a list of dates and holiday sources (got {value!r})"[:200], path=path
        )
    out: list[date | HolidaySource] = []
    for i, entry in enumerate(value):
        where = f"{path}[{i}]"
        if isinstance(entry, HolidaySource) and not isinstance(entry, Mapping):
            out.append(entry)
        elif isinstance(entry, Mapping):
            kinds = [k for k in entry if isinstance(k, str) and k in holiday_sources]
            if len(kinds) != 1:
                raise ConfigError(
                    "a holiday source is a table with exactly one of the keys "
                    f"{', '.join(holiday_sources.names())} (got keys {sorted(map(str, entry))})",
                    path=where,
                )
            out.append(holiday_sources.get(kinds[0])(entry, where))
        else:
            out.append(_parse_date(entry, where))
    return tuple(out)


def check_override_neighbours(
    parsed: Mapping[date, tuple[Interval, ...]],
    hours: tuple[tuple[Interval, ...], ...],
    paths: Mapping[date, str],
) -> None:
    """An override must not overlap the overnight shift of the day before, nor run into the next."""

    def day_of(d: date) -> tuple[Interval, ...]:
        return parsed[d] if d in parsed else hours[d.weekday()]

    for when, day in parsed.items():
        where = paths[when]
        before = when - timedelta(days=1)
        after = when + timedelta(days=1)
        check_night(day_of(before), day, where, f"the override of {when.isoformat()}")
        check_night(day, day_of(after), where, f"{after.isoformat()}")


def format_intervals(day: tuple[Interval, ...]) -> list[list[str]]:
    """A day's intervals as ``[["09:00", "17:00"], ...]``."""
    return [[format_time(s), format_time(e)] for s, e in day]


def parse_any(data: Mapping[str, Any], path: str = "") -> dict[str, Any]:
    """Check the top-level keys of a calendar document."""
    return check_keys(
        data, path, required=("timezone",), optional=("hours", "holidays", "overrides")
    )
