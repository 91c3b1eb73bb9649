"""Valid business calendars and SLA policies, built through their documented dict forms.

Calendars come in random zones with split days, overnight shifts (which end
before the next day opens, as the format requires), 24:00 ends, times with
seconds, dated and recurring holidays and per-date overrides (half days and
closed days). Building through ``from_dict`` means every value drawn is also
a valid document: ``to_dict`` of it is a worked example of the format.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from hypothesis import strategies as st

from cxcore._errors import ValidationError
from cxcore._time import resolve_zone
from cxcore.sla import BusinessCalendar, Metric, SlaPolicy

from ._datetimes import DST_ZONES

__all__ = ["calendar_documents", "calendars", "sla_policies", "zone_names"]

_DAY = 86_400
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NIGHT_END = 6 * 3600  # overnight shifts end by 06:00; overrides open no earlier
_FIRST = date(2000, 1, 1)
_LAST = date(2039, 12, 31)
_RRULES = (
    "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25",
    "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
    "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
    "FREQ=WEEKLY;BYDAY=WE;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=15",
)


def _clock(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}" if s else f"{h:02d}:{m:02d}"


# Boundaries mostly on a quarter-hour grid (as real rosters are), sometimes to the second.
_points = st.one_of(
    st.integers(0, 96).map(lambda q: q * 900),
    st.integers(0, _DAY),
)


def _intervals(lo: int, hi: int, max_size: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    """Sorted, disjoint ``(start, end)`` pairs inside ``[lo, hi]``."""

    def pair_up(points: list[int]) -> list[tuple[int, int]]:
        ordered = sorted(points)
        return [(ordered[i], ordered[i + 1]) for i in range(0, len(ordered) - 1, 2)]

    inside = _points.filter(lambda p: lo <= p <= hi) | st.integers(lo, hi)
    return st.lists(inside, unique=True, max_size=2 * max_size).map(pair_up)


@st.composite
def _week(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    days = [draw(_intervals(0, _DAY, 3)) for _ in _WEEKDAYS]
    if not any(days):
        days[draw(st.integers(0, 6))] = [(9 * 3600, 17 * 3600)]
    # Overnight shifts: start after the day's last interval, end by 06:00 and before
    # the next day's first interval (the format's rule), never at the start itself.
    night_starts: list[int | None] = []
    for day in days:
        earliest = max(day[-1][1] if day else 0, _NIGHT_END + 1)
        wanted = earliest <= _DAY - 60 and draw(st.integers(0, 3)) == 0
        night_starts.append(draw(st.integers(earliest, _DAY - 60)) if wanted else None)
    out: dict[str, list[list[str]]] = {}
    for i, (key, day) in enumerate(zip(_WEEKDAYS, days, strict=True)):
        pairs = [[_clock(s), _clock(e)] for s, e in day]
        start = night_starts[i]
        if start is not None:
            nxt = (i + 1) % 7
            opens = [s for s, _ in days[nxt]] + [s for s in (night_starts[nxt],) if s is not None]
            limit = min([_NIGHT_END, *opens])
            if limit >= 60:
                pairs.append([_clock(start), _clock(draw(st.integers(60, limit)))])
        if pairs:
            out[key] = pairs
    return out


_dates = st.dates(min_value=_FIRST, max_value=_LAST)


@st.composite
def _holidays(draw: st.DrawFn) -> list[Any]:
    entries: list[Any] = [d.isoformat() for d in draw(st.lists(_dates, unique=True, max_size=4))]
    rules = draw(st.lists(st.sampled_from(_RRULES), unique=True, max_size=2))
    entries.extend({"rrule": rule, "dtstart": draw(_dates).isoformat()} for rule in rules)
    return entries


@st.composite
def _overrides(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    # No overnight shifts and nothing before 06:00: an override never collides with the
    # overnight shift of the day before, whatever the weekly hours are.
    days = draw(st.lists(_dates, unique=True, max_size=3))
    return {
        d.isoformat(): [[_clock(s), _clock(e)] for s, e in draw(_intervals(_NIGHT_END, _DAY, 2))]
        for d in days
    }


def zone_names(zones: object) -> tuple[str, ...]:
    if isinstance(zones, str):
        zones = (zones,)
    if not isinstance(zones, Iterable):
        raise ValidationError(f"zones must be IANA zone names (got {type(zones).__name__})")
    names = tuple(zones)
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise ValidationError(
                f"zones[{i}] must be an IANA zone name such as 'Asia/Seoul' (a calendar "
                f"document names its zone; got {name!r})"
            )
        resolve_zone(name, f"zones[{i}]")
    if not names:
        raise ValidationError("zones must name at least one time zone")
    return names


def calendar_documents(zones: str | Iterable[str] = DST_ZONES) -> st.SearchStrategy[dict[str, Any]]:
    """Valid calendar documents (the dicts :meth:`BusinessCalendar.from_dict` reads)."""
    names = zone_names(zones)
    return st.fixed_dictionaries(
        {"timezone": st.sampled_from(names), "hours": _week()},
        optional={"holidays": _holidays(), "overrides": _overrides()},
    )


def calendars(zones: str | Iterable[str] = DST_ZONES) -> st.SearchStrategy[BusinessCalendar]:
    """Valid :class:`~cxcore.sla.BusinessCalendar` values in one of ``zones``.

    Each opens at least one weekday; split days, overnight shifts, 24:00 ends,
    holidays (dates and rrules) and overrides are all common.
    """
    return calendar_documents(zones).map(BusinessCalendar.from_dict)


_WITHIN = st.one_of(
    st.sampled_from(("15m", "30m", "1h", "1h30m", "4h", "8h", "1d", "2d", "PT45M", "PT2H")),
    st.integers(60, 5 * 86_400),
)
_WHEN = st.fixed_dictionaries(
    {},
    optional={
        "priority": st.lists(
            st.sampled_from(("low", "normal", "high", "urgent")),
            min_size=1,
            max_size=2,
            unique=True,
        ),
        "channel": st.lists(
            st.sampled_from(("email", "chat", "phone")), min_size=1, max_size=2, unique=True
        ),
        "tier": st.lists(st.sampled_from(("vip", "standard")), min_size=1, max_size=2, unique=True),
    },
)


def _targets(metric: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    target = st.fixed_dictionaries(
        {"metric": st.just(metric), "within": _WITHIN},
        optional={"when": _WHEN, "business_hours": st.booleans()},
    )
    return st.lists(target, max_size=2)


@st.composite
def _policy_document(draw: st.DrawFn, zones: tuple[str, ...]) -> dict[str, Any]:
    targets: list[dict[str, Any]] = []
    for metric in Metric:
        targets += draw(_targets(metric.value))
    if not targets:
        targets.append({"metric": "first_response", "within": draw(_WITHIN)})
    doc: dict[str, Any] = {
        "name": draw(st.sampled_from(("standard", "vip", "표준"))),
        "warning": draw(st.sampled_from((0.5, 0.75, 0.8, 0.9, "2/3"))),
        "pause_resolution_on": draw(
            st.lists(st.sampled_from(("pending", "on_hold")), unique=True, max_size=2)
        ),
        "reopen": draw(st.sampled_from(("cumulative", "fresh"))),
        "targets": targets,
    }
    if draw(st.booleans()):
        doc["calendar"] = draw(calendar_documents(zones))
    return doc


def sla_policies(zones: str | Iterable[str] = DST_ZONES) -> st.SearchStrategy[SlaPolicy]:
    """Valid :class:`~cxcore.sla.SlaPolicy` values: every metric, ``when`` choices, calendars.

    Half of them name a calendar from :func:`calendars` (in one of ``zones``);
    the others are always open.
    """
    names = zone_names(zones)
    return _policy_document(names).map(SlaPolicy.from_dict)
