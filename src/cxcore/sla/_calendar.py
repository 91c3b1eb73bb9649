"""``BusinessCalendar``: when a team is open, and exact business time between moments.

The value object and its public methods live here; the document form is read
and written by ``_calendar_doc`` and the arithmetic is ``_calendar_engine``'s.
A calendar never reads the clock or the process time zone: every question
carries its own aware datetime, and every answer is in the calendar's zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from os import PathLike
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from cxcore._errors import ConfigError, ValidationError
from cxcore._loader import load_document
from cxcore._time import require_aware, require_duration, resolve_zone

from ._calendar_doc import (
    WEEKDAYS,
    Interval,
    check_override_neighbours,
    format_intervals,
    parse_any,
    parse_day,
    parse_holidays,
    parse_hours,
)
from ._calendar_engine import FIRST_YEAR, LAST_YEAR, US, Engine, to_us
from ._holidays import HolidaySource, _parse_date

__all__ = ["BusinessCalendar"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_LOWEST = to_us(datetime(FIRST_YEAR + 1, 1, 1, tzinfo=ZoneInfo("UTC")))
_HIGHEST = to_us(datetime(LAST_YEAR - 1, 12, 31, tzinfo=ZoneInfo("UTC")))

Day = tuple[Interval, ...]


def _as_validation(exc: ConfigError, field: str) -> ValidationError:
    where = exc.path or field
    return ValidationError(f"{where}: {exc.reason}")


def _plain_day(day: object) -> object:
    """A day given as ``((start_s, end_s), ...)`` integers, as the document's strings."""
    if isinstance(day, Sequence) and not isinstance(day, str | bytes):
        out: list[object] = []
        for pair in day:
            if (
                isinstance(pair, Sequence)
                and not isinstance(pair, str | bytes)
                and len(pair) == 2
                and all(type(v) is int for v in pair)
            ):
                out.append([_int_time(v) for v in pair])
            else:
                out.append(pair)
        return out
    return day


def _int_time(seconds: int) -> object:
    if 0 <= seconds <= 86_400:
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{h:02d}:{m:02d}:{s:02d}"
    return seconds


def _convert_zone(value: object) -> tzinfo:
    return resolve_zone(value, "timezone")


def _convert_hours(value: object) -> tuple[Day, ...]:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes) and len(value) == 7:
        value = {k: _plain_day(day) for k, day in zip(WEEKDAYS, value, strict=True)}
    try:
        return parse_hours(value, "hours")
    except ConfigError as exc:
        raise _as_validation(exc, "hours") from None


def _convert_holidays(value: object) -> tuple[date | HolidaySource, ...]:
    try:
        return parse_holidays(value, "holidays")
    except ConfigError as exc:
        raise _as_validation(exc, "holidays") from None


def _convert_overrides(value: object) -> tuple[tuple[date, Day], ...]:
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        items = list(value)
    else:
        raise ValidationError(
            f"overrides must map dates to lists of intervals (got {value!r})"[:200]
        )
    parsed: dict[date, Day] = {}
    for i, item in enumerate(items):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise ValidationError(f"overrides[{i}] must be a (date, intervals) pair")
        key, day = item
        label = key.isoformat() if isinstance(key, date) else str(key)
        try:
            when = _parse_date(key, f"overrides.{label}")
            if when in parsed:
                raise ConfigError(f"{when.isoformat()} is listed twice", path=f"overrides.{label}")
            parsed[when] = parse_day(_plain_day(day), f"overrides.{label}")
        except ConfigError as exc:
            raise _as_validation(exc, "overrides") from None
    return tuple(sorted(parsed.items()))


def _zone_name(zone: tzinfo) -> str | None:
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    if zone.utcoffset(None) == timedelta(0) and zone.tzname(None) == "UTC":
        return "UTC"
    return None


def _rebuild(
    zone: tzinfo,
    hours: tuple[Day, ...],
    holidays: tuple[date | HolidaySource, ...],
    overrides: tuple[tuple[date, Day], ...],
) -> BusinessCalendar:
    return BusinessCalendar(timezone=zone, hours=hours, holidays=holidays, overrides=overrides)


@attrs.frozen(kw_only=True)
class BusinessCalendar:
    """Opening hours in one time zone, with holidays and per-date overrides.

    A moment is open when its local wall time lies in an interval of a
    non-holiday day; business time is the real time during which the calendar
    is open, exact to the microsecond across DST changes. Build one with
    :meth:`from_dict`, :meth:`load` or :meth:`always_open`:

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> cal = BusinessCalendar.from_dict({
    ...     "timezone": "Europe/Berlin",
    ...     "hours": {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
    ... })
    >>> cal.add(datetime(2026, 3, 2, 16, tzinfo=ZoneInfo("Europe/Berlin")), timedelta(hours=1))
    datetime.datetime(2026, 3, 2, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Berlin'))

    The fields hold the parsed form (intervals as seconds after midnight,
    Monday first); :meth:`to_dict` gives the document form back.
    """

    __module__ = "cxcore.sla"

    timezone: tzinfo = attrs.field(converter=_convert_zone)
    hours: tuple[Day, ...] = attrs.field(converter=_convert_hours)
    holidays: tuple[date | HolidaySource, ...] = attrs.field(
        default=(), converter=_convert_holidays
    )
    overrides: tuple[tuple[date, Day], ...] = attrs.field(default=(), converter=_convert_overrides)
    _engine: Engine = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        parsed = dict(self.overrides)
        paths = {d: f"overrides.{d.isoformat()}" for d in parsed}
        try:
            check_override_neighbours(parsed, self.hours, paths)
        except ConfigError as exc:
            raise _as_validation(exc, "overrides") from None
        engine = Engine(self.timezone, self.hours, self.holidays, self.overrides)
        object.__setattr__(self, "_engine", engine)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.timezone, self.hours, self.holidays, self.overrides))

    # ---------------------------------------------------------- constructors
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BusinessCalendar:
        """Build a calendar from its document form; a bad document is a :class:`ConfigError`.

        Keys: ``timezone`` (IANA name, required), ``hours`` (``mon`` … ``sun`` →
        list of ``["HH:MM", "HH:MM"]``), ``holidays`` (dates, ``{"rrule": …,
        "dtstart": …}``, ``{"country": …}``), ``overrides`` (date → intervals).
        """
        doc = parse_any(data)
        try:
            zone = resolve_zone(doc["timezone"], "timezone")
        except ValidationError:
            raise ConfigError(
                f"unknown time zone {doc['timezone']!r}; use an IANA name such as "
                "'Asia/Seoul' or 'Europe/Berlin'",
                path="timezone",
            ) from None
        hours = parse_hours(doc.get("hours", {}), "hours")
        holidays = parse_holidays(doc.get("holidays", []), "holidays")
        raw_overrides = doc.get("overrides", {})
        if not isinstance(raw_overrides, Mapping):
            raise ConfigError(
                f"expected a table mapping dates to intervals (got {raw_overrides!r})"[:200],
                path="overrides",
            )
        overrides: dict[date, Day] = {}
        paths: dict[date, str] = {}
        for key, day in raw_overrides.items():
            where = f"overrides.{key}"
            when = _parse_date(key, where)
            if when in overrides:
                raise ConfigError(f"{when.isoformat()} is listed twice", path=where)
            overrides[when] = parse_day(day, where)
            paths[when] = where
        check_override_neighbours(overrides, hours, paths)
        return cls(
            timezone=zone,
            hours=hours,
            holidays=holidays,
            overrides=tuple(sorted(overrides.items())),
        )

    @classmethod
    def load(cls, path: str | PathLike[str]) -> BusinessCalendar:
        """Read a calendar from a TOML or JSON file (same keys as :meth:`from_dict`)."""
        data, source = load_document(path)
        try:
            return cls.from_dict(data)
        except ConfigError as exc:
            raise ConfigError(exc.reason, path=exc.path, source=source) from None

    @classmethod
    def always_open(cls, timezone: str | tzinfo = "UTC") -> BusinessCalendar:
        """Open around the clock, every day; results carry ``timezone``."""
        return cls(timezone=timezone, hours=tuple(((0, 86_400),) for _ in WEEKDAYS))

    def to_dict(self) -> dict[str, Any]:
        """The document form; ``from_dict(cal.to_dict()) == cal``."""
        name = _zone_name(self.timezone)
        if name is None:
            raise ValidationError(
                f"this calendar's zone {self.timezone!r} has no IANA name to write; "
                "build the calendar with a zone name such as 'Europe/Berlin'"
            )
        out: dict[str, Any] = {
            "timezone": name,
            "hours": {
                k: format_intervals(day) for k, day in zip(WEEKDAYS, self.hours, strict=True) if day
            },
        }
        if self.holidays:
            out["holidays"] = [
                h.isoformat() if isinstance(h, date) else h.to_dict() for h in self.holidays
            ]
        if self.overrides:
            out["overrides"] = {d.isoformat(): format_intervals(day) for d, day in self.overrides}
        return out

    # ------------------------------------------------------------- queries
    def _instant(self, value: object, name: str) -> int:
        if type(value) is datetime:
            try:
                # Aware minus aware with another tzinfo honours the offset and the fold.
                u = (value - _EPOCH) // _ONE_US
            except TypeError:  # naive, or a tzinfo giving no offset
                require_aware(value, name)  # raises, saying what to pass
                raise
        else:
            off = value.utcoffset() if isinstance(value, datetime) else None
            if off is None:
                require_aware(value, name)  # raises, saying what to pass
            u = to_us(value, off)  # type: ignore[arg-type]
        if not _LOWEST <= u <= _HIGHEST:
            moment: datetime = value  # type: ignore[assignment]
            raise ValidationError(
                f"{name} ({moment.isoformat()}) lies outside the years "
                f"{FIRST_YEAR + 1}–{LAST_YEAR - 1} that business time is computed for"
            )
        return u

    def _out(self, u: int) -> datetime:
        seconds, micros = divmod(u, US)
        # fromutc through the zone: the right offset, and the fold in a repeated hour.
        moment = datetime.fromtimestamp(seconds, self.timezone)
        if micros:
            moment = datetime(
                moment.year,
                moment.month,
                moment.day,
                moment.hour,
                moment.minute,
                moment.second,
                micros,
                moment.tzinfo,
                fold=moment.fold,
            )
        return moment

    @staticmethod
    def _micros(d: object) -> int:
        if type(d) is not timedelta:
            require_duration(d, "d")  # raises unless d is a non-negative timedelta
        x: int = d // _ONE_US  # type: ignore[operator]
        if x < 0:
            require_duration(d, "d")  # raises, saying what to pass
        return x

    def is_open(self, at: datetime) -> bool:
        """Whether the calendar is open at ``at`` (opening instants are open, closing ones not)."""
        return self._engine.is_open(self._instant(at, "at"))

    def next_open(self, at: datetime) -> datetime | None:
        """``at`` itself when open, else the first open moment after it; None if it never opens."""
        u = self._instant(at, "at")
        found = self._engine.next_open(u)
        return None if found is None else self._out(found)

    def next_close(self, at: datetime) -> datetime | None:
        """End of the open stretch ``at`` is in, else of the next one; None if none ends.

        Adjacent intervals (a day ending at 24:00 and the next starting at 00:00,
        an overnight shift meeting the next interval) are one stretch.
        """
        found = self._engine.next_close(self._instant(at, "at"))
        return None if found is None else self._out(found)

    def add(self, start: datetime, d: timedelta) -> datetime:
        """The earliest moment ``m`` with ``elapsed(start, m) == d``.

        A deadline that uses up a day's hours is that day's closing moment;
        ``d == 0`` returns ``start`` (in the calendar's zone).
        """
        # The common case, checked and converted inline (this is the hot path of SLA
        # deadlines); anything else takes the validating steps below.
        if type(start) is datetime and type(d) is timedelta:
            try:
                u = (start - _EPOCH) // _ONE_US
            except TypeError:  # naive: reported below
                u = _LOWEST - 1
            x = d // _ONE_US
            if _LOWEST <= u <= _HIGHEST and x > 0:
                found = self._engine.add(u, x)
                if found is not None and found <= _HIGHEST:
                    seconds, micros = divmod(found, US)
                    if micros:
                        return self._out(found)
                    return datetime.fromtimestamp(seconds, self.timezone)
        u = self._instant(start, "start")
        x = self._micros(d)
        if x == 0:
            return self._out(u)
        found = self._engine.add(u, x)
        if found is None or found > _HIGHEST:
            raise ValidationError(
                f"the calendar is not open for {d} after start ({start.isoformat()}) before "
                f"the year {LAST_YEAR}; check its hours, holidays and overrides"
            )
        return self._out(found)

    def subtract(self, end: datetime, d: timedelta) -> datetime:
        """The latest moment ``s`` with ``elapsed(s, end) == d``.

        The result is an opening moment, never the previous closing one.
        """
        if type(end) is datetime and type(d) is timedelta:  # the hot path, as in add
            try:
                u = (end - _EPOCH) // _ONE_US
            except TypeError:  # naive: reported below
                u = _LOWEST - 1
            x = d // _ONE_US
            if _LOWEST <= u <= _HIGHEST and x > 0:
                found = self._engine.subtract(u, x)
                if found is not None and found >= _LOWEST:
                    seconds, micros = divmod(found, US)
                    if micros:
                        return self._out(found)
                    return datetime.fromtimestamp(seconds, self.timezone)
        u = self._instant(end, "end")
        x = self._micros(d)
        if x == 0:
            return self._out(u)
        found = self._engine.subtract(u, x)
        if found is None or found < _LOWEST:
            raise ValidationError(
                f"the calendar is not open for {d} before end ({end.isoformat()}) after "
                f"the year {FIRST_YEAR}; check its hours, holidays and overrides"
            )
        return self._out(found)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time from ``start`` to ``end``; negative when ``end`` is before ``start``."""
        u1 = self._instant(start, "start")
        u2 = self._instant(end, "end")
        return timedelta(0, 0, self._engine.elapsed(u1, u2))

    def intervals(self, start: datetime, end: datetime) -> tuple[tuple[datetime, datetime], ...]:
        """The open stretches within ``[start, end)``, clipped to it, as (open, close) pairs."""
        u1 = self._instant(start, "start")
        u2 = self._instant(end, "end")
        out: list[tuple[datetime, datetime]] = []
        engine = self._engine
        cur: int | None = u1
        while cur is not None and cur < u2:
            opened = engine.next_open(cur)
            if opened is None or opened >= u2:
                break
            closed = engine.next_close(opened)
            stop = u2 if closed is None else min(closed, u2)
            out.append((self._out(opened), self._out(stop)))
            cur = closed
        return tuple(out)
