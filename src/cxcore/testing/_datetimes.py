"""Aware datetimes that land on daylight-saving changes often, with the fold a real clock shows.

Uniformly random instants almost never fall in the hour a clock skips or
repeats, which is where calendar and ordering bugs live; about half of the
values drawn here are within a few hours of one of the zone's offset changes.
Every value is a real instant: its wall time exists, and a wall time that occurs
twice carries ``fold=1`` the second time (what ``astimezone`` gives). Wall times
that a clock skips are never produced, because no clock ever reads them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo

from hypothesis import strategies as st

from cxcore._errors import ValidationError
from cxcore._time import require_aware, resolve_zone

__all__ = ["DST_ZONES", "aware_datetimes", "transitions", "zones_from"]

#: Zones whose offset changes in awkward ways: an hour each way in both hemispheres,
#: half an hour (Lord Howe), 45-minute offsets (Chatham), and none at all (Seoul).
DST_ZONES: tuple[str, ...] = (
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Seoul",
    "Europe/Berlin",
)

_MIN = datetime(2000, 1, 1, tzinfo=UTC)
_MAX = datetime(2040, 1, 1, tzinfo=UTC)
_NEAR = timedelta(hours=3)  # how close to an offset change the biased half lands
_STEP = timedelta(days=1)  # offsets never change twice within a day in the zones we know


def zones_from(zones: object, name: str = "zones") -> tuple[tzinfo, ...]:
    """``zones`` (IANA names or tzinfo objects) as tzinfos; a bad entry is a ValidationError."""
    if isinstance(zones, str | tzinfo):
        zones = (zones,)
    if not isinstance(zones, Iterable):
        raise ValidationError(
            f"{name} must be an iterable of IANA zone names or tzinfo objects "
            f"(got {type(zones).__name__}); e.g. {name}=['Asia/Seoul']"
        )
    out = tuple(resolve_zone(zone, f"{name}[{i}]") for i, zone in enumerate(zones))
    if not out:
        raise ValidationError(f"{name} must name at least one time zone")
    return out


def _offset(zone: tzinfo, instant: datetime) -> timedelta | None:
    return instant.astimezone(zone).utcoffset()


def transitions(zone: tzinfo, lo: datetime, hi: datetime) -> tuple[datetime, ...]:
    """The instants in ``[lo, hi]`` (UTC) at which ``zone``'s UTC offset changes."""
    try:
        return _cached_transitions(zone, lo, hi)
    except TypeError:  # an unhashable tzinfo (dateutil's tzfile): compute it each time
        return _transitions(zone, lo, hi)


def _transitions(zone: tzinfo, lo: datetime, hi: datetime) -> tuple[datetime, ...]:
    found: list[datetime] = []
    t = lo
    before = _offset(zone, t)
    while t < hi:
        nxt = min(t + _STEP, hi)
        after = _offset(zone, nxt)
        if after != before:
            # Bisect to the second: the first instant with the new offset.
            a, b = t, nxt
            while b - a > timedelta(seconds=1):
                mid = a + (b - a) / 2
                mid = mid.replace(microsecond=0)
                if _offset(zone, mid) == before:
                    a = mid
                else:
                    b = mid
            found.append(b)
        t, before = nxt, after
    return tuple(found)


_cached_transitions = functools.cache(_transitions)


def _bounds(min_value: object, max_value: object) -> tuple[datetime, datetime]:
    lo = _MIN if min_value is None else require_aware(min_value, "min_value").astimezone(UTC)
    hi = _MAX if max_value is None else require_aware(max_value, "max_value").astimezone(UTC)
    if lo > hi:
        raise ValidationError(
            f"min_value ({lo.isoformat()}) is after max_value ({hi.isoformat()}); swap them"
        )
    return lo, hi


def _micros(delta: timedelta) -> int:
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def aware_datetimes(
    zones: str | tzinfo | Iterable[str | tzinfo] = DST_ZONES,
    *,
    min_value: datetime | None = None,
    max_value: datetime | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware datetimes in one of ``zones`` (names or tzinfos), between the bounds as instants.

    About half the values fall within three hours of an offset change of their
    zone, in the repeated hour (both folds) or around a skipped one. The bounds
    are instants (any zone); they default to 2000-01-01 and 2040-01-01 UTC.

    >>> from hypothesis import find
    >>> from cxcore.testing import aware_datetimes
    >>> found = find(aware_datetimes(["Europe/London"]), lambda d: d.fold == 1)
    >>> found.fold, found.utcoffset()
    (1, datetime.timedelta(0))
    """
    tzs = zones_from(zones)
    lo, hi = _bounds(min_value, max_value)
    span = _micros(hi - lo)
    found: dict[int, tuple[datetime, ...]] = {}  # by index in tzs, worked out on first use

    @st.composite
    def aware_datetime(draw: st.DrawFn) -> datetime:
        index = draw(st.integers(0, len(tzs) - 1))
        zone = tzs[index]
        if index not in found:
            found[index] = transitions(zone, lo, hi)
        changes = found[index]
        near = _micros(_NEAR)
        near_a_change = bool(changes) and draw(st.booleans())
        if near_a_change:
            change = draw(st.sampled_from(changes))
            offset = draw(st.integers(-near, near))
            instant = min(max(change + timedelta(microseconds=offset), lo), hi)
        else:
            instant = lo + timedelta(microseconds=draw(st.integers(0, span)))
        return instant.astimezone(zone)

    return aware_datetime()
