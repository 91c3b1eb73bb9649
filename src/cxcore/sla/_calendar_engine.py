"""Exact business-time arithmetic on integer microseconds.

Two time lines are involved. *Wall* time is the local clock reading, as
microseconds since 1970-01-01T00:00 on that clock; the calendar's intervals
live there, and in wall time they are disjoint and sorted by the day they
belong to. *UTC* time is the real time line (microseconds since the epoch).
``wall(u) = u + offset(u)``, with ``offset`` piecewise constant between the
zone's transitions.

``H(w)`` counts the calendar's open wall time up to ``w`` (no DST in it): a
weekly template in closed form, corrected by the exceptional days (holidays
that remove hours, overrides) found by bisection in per-year sorted lists.
Real business time ``G(u)`` is ``H`` read through the offset, piece by piece
between transitions: across a spring-forward gap the skipped wall time is
never lived, across a fall-back fold the repeated wall time is lived twice,
which is exactly "open iff the wall clock shows a time inside an interval".
``G`` is continuous and non-decreasing, so ``add`` / ``subtract`` are its
earliest / latest inverses.

The zone's transitions are not exposed by ``zoneinfo``; they are found by
sampling the UTC offset once a day and bisecting to the second where it
changes, cached per zone and year. This assumes a zone never changes its
offset twice within 24 hours and back (true of every zone in tzdata since
1970), and that transitions fall on whole seconds.

For speed, ``add`` / ``subtract`` / ``elapsed`` first read per-UTC-year *span
tables*: the year's open stretches on the UTC line (each wall interval of each
day translated by the offset of every offset period it meets, so gaps and
folds come out exactly as above) with the business time before each, built
once per calendar and year and bisected. A question that would cross more
than a few years of tables goes to the general closed form instead.

Nothing here knows about documents, errors or datetimes beyond the two
conversions at the edge.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Final

from ._holidays import HolidaySource

__all__ = ["DAY", "US", "Engine", "to_us"]

US: Final = 1_000_000
DAY: Final = 86_400 * US
_ONE_US: Final = timedelta(microseconds=1)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORD: Final = date(1970, 1, 1).toordinal()
_SAMPLE: Final = 86_400  # seconds between offset samples when looking for transitions
#: Years the engine works in; a margin on both sides keeps every neighbour day a valid date.
FIRST_YEAR: Final = 3
LAST_YEAR: Final = 9997
#: A calendar closed for this many years in a row is taken to never open again (holiday
#: sources are open-ended, so "never" cannot be proved otherwise).
HORIZON_YEARS: Final = 100
#: Days walked one by one before ``hinv`` switches to the closed form.
_WALK_DAYS: Final = 4
#: Span tables crossed by one question before it goes to the general closed form.
_SPAN_YEARS: Final = 6

DayIntervals = tuple[tuple[int, int], ...]  # (start, end) µs after the day's wall midnight


def to_us(moment: datetime, off: timedelta | None = None) -> int:
    """An aware datetime (whose UTC offset is ``off``, when known) as UTC µs since the epoch."""
    if off is None:
        off = moment.utcoffset()
    if type(moment) is not datetime or off is None:
        return (moment - _EPOCH) // _ONE_US
    # Field arithmetic: several times faster than aware subtraction through the tzinfo.
    seconds = (moment.toordinal() - _EPOCH_ORD) * 86_400 + (
        moment.hour * 3600 + moment.minute * 60 + moment.second
    )
    return (
        seconds * US
        + moment.microsecond
        - (off.days * 86_400 + off.seconds) * US
        - (off.microseconds)
    )


def _year_start_us(year: int) -> int:
    return (date(year, 1, 1).toordinal() - _EPOCH_ORD) * DAY


_LOWER: Final = _year_start_us(FIRST_YEAR)
_UPPER: Final = _year_start_us(LAST_YEAR + 1) - 1


def _utc_year(u: int) -> int:
    return date.fromordinal(u // DAY + _EPOCH_ORD).year


def _offset_at(zone: tzinfo, seconds: int) -> int:
    moment = (_EPOCH + timedelta(seconds=seconds)).astimezone(zone)
    off = moment.utcoffset()
    if off is None:  # a tzinfo answering None for an aware moment is broken
        raise TypeError(f"{zone!r} gives no UTC offset for {moment!r}")
    return off // _ONE_US


# Transitions are a property of the zone alone; share them between calendars.
_ZONE_CACHE: dict[tuple[tzinfo, int], tuple[int, tuple[int, ...], tuple[int, ...]]] = {}


def _find_transitions(zone: tzinfo, year: int) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """(offset at 1 January 00:00 UTC, transition instants in (that, next 1 January], offsets)."""
    lo = _year_start_us(year) // US
    hi = _year_start_us(year + 1) // US
    first = _offset_at(zone, lo)
    if isinstance(zone, timezone):
        return first, (), ()
    instants: list[int] = []
    offsets: list[int] = []
    t, prev_off = lo, first
    while t < hi:
        nt = min(t + _SAMPLE, hi)
        off = _offset_at(zone, nt)
        a, a_off = t, prev_off
        while off != a_off:
            # Bisect to the first second in (a, nt] whose offset differs from a's.
            lo_s, hi_s = a, nt
            while hi_s - lo_s > 1:
                mid = (lo_s + hi_s) // 2
                if _offset_at(zone, mid) == a_off:
                    lo_s = mid
                else:
                    hi_s = mid
            a, a_off = hi_s, _offset_at(zone, hi_s)
            instants.append(a * US)
            offsets.append(a_off)
        t, prev_off = nt, off
    return first, tuple(instants), tuple(offsets)


class _ZoneYear:
    """A UTC year's offsets: ``offsets[i]`` holds from ``instants[i - 1]`` (or ``lo``) on."""

    __slots__ = ("hi", "instants", "lo", "offsets")

    def __init__(self, lo: int, hi: int, offsets: tuple[int, ...], instants: tuple[int, ...]):
        self.lo = lo
        self.hi = hi
        self.offsets = offsets
        self.instants = instants


class _GYear:
    """Business time from a UTC year's start to each of its offset changes."""

    __slots__ = ("gvals", "hi", "lo", "offsets", "starts", "total")

    def __init__(
        self,
        *,
        lo: int,
        hi: int,
        starts: tuple[int, ...],
        offsets: tuple[int, ...],
        gvals: tuple[int, ...],
        total: int,
    ) -> None:
        self.lo = lo
        self.hi = hi
        self.starts = starts
        self.offsets = offsets
        self.gvals = gvals
        self.total = total


class _Span:
    """A UTC year's open stretches ``[starts[i], ends[i])`` and the business time before each.

    ``before[i]`` / ``after[i]`` count business µs from ``lo`` to the start / end of
    stretch ``i``; ``total`` is the year's business time.
    """

    __slots__ = ("after", "before", "ends", "hi", "lo", "next", "prev", "starts", "total", "year")

    def __init__(self, year: int, lo: int, hi: int, pieces: list[tuple[int, int]]) -> None:
        self.year = year
        self.lo = lo
        self.hi = hi
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(pieces):
            if ends and ends[-1] == a:  # adjacent stretches are one
                ends[-1] = b
            else:
                starts.append(a)
                ends.append(b)
        before: list[int] = []
        after: list[int] = []
        total = 0
        for a, b in zip(starts, ends, strict=True):
            before.append(total)
            total += b - a
            after.append(total)
        self.starts = starts
        self.ends = ends
        self.before = before
        self.after = after
        self.total = total
        # The neighbouring years' tables, once looked up.
        self.next: _Span | None = None
        self.prev: _Span | None = None

    def g(self, u: int) -> int:
        """Business µs from ``lo`` to ``u`` (``lo <= u <= hi``)."""
        i = bisect_right(self.starts, u) - 1
        if i < 0:
            return 0
        end = self.ends[i]
        return self.before[i] + (u if u < end else end) - self.starts[i]  # noqa: FURB136 (hot path)


class _Year:
    """The exceptional days of one local calendar year, with prefix sums for bisection."""

    __slots__ = (
        "a_after",
        "a_before",
        "exc",
        "first",
        "nxt",
        "pref",
        "special",
        "total",
        "total_delta",
    )

    def __init__(self, first: int, nxt: int) -> None:
        self.first = first
        self.nxt = nxt
        self.special: dict[int, DayIntervals] = {}
        self.exc: list[int] = []
        self.pref: list[int] = [0]
        self.a_before: list[int] = []
        self.a_after: list[int] = []
        self.total_delta = 0
        self.total = 0


def _measure(day: DayIntervals) -> int:
    return sum(e - s for s, e in day)


class Engine:
    """Business-time arithmetic for one calendar; caches grow per year as questions reach them.

    The caches are derived data only: every answer is the same whatever was asked before.
    """

    def __init__(
        self,
        zone: tzinfo,
        hours: Sequence[Sequence[tuple[int, int]]],
        holidays: Iterable[date | HolidaySource],
        overrides: Sequence[tuple[date, Sequence[tuple[int, int]]]],
    ) -> None:
        self.zone = zone
        self.template: tuple[DayIntervals, ...] = tuple(
            tuple((s * US, (e + 86_400 if e < s else e) * US) for s, e in day) for day in hours
        )
        self.tm = tuple(_measure(day) for day in self.template)
        wp = [0]
        for m in self.tm:
            wp.append(wp[-1] + m)
        self.wp = tuple(wp)
        self.week = wp[-1]
        self.full = self.week == 7 * DAY
        self.dates = frozenset(h for h in holidays if isinstance(h, date))
        self.sources = tuple(h for h in holidays if not isinstance(h, date))
        self.overrides: dict[int, DayIntervals] = {
            d.toordinal(): tuple((s * US, (e + 86_400 if e < s else e) * US) for s, e in day)
            for d, day in overrides
        }
        opening = [n for n, day in self.overrides.items() if day]
        self.last_override = max(opening, default=0)
        self.first_override = min(opening, default=0)
        self._years: dict[int, _Year] = {}
        self._zone_years: dict[int, _ZoneYear] = {}
        self._gyears: dict[int, _GYear] = {}
        # The last year looked up, for the common case of many questions about one period.
        self._last_zone = _ZoneYear(0, 0, (0,), ())
        self._last_year = _Year(0, 0)
        self._spans: dict[int, _Span] = {}
        self._last_span = _Span(0, 0, 0, [])

    # ----------------------------------------------------------------- days
    def _year(self, y: int) -> _Year:
        info = self._years.get(y)
        if info is None:
            info = self._build_year(y)
            self._years[y] = info
        return info

    def _build_year(self, y: int) -> _Year:
        nxt = date(y + 1, 1, 1).toordinal() if y < date.max.year else date.max.toordinal() + 1
        info = _Year(date(y, 1, 1).toordinal(), nxt)
        off_days: set[int] = {d.toordinal() for d in self.dates if d.year == y}
        for source in self.sources:
            off_days.update(d.toordinal() for d in source.dates(y, y) if d.year == y)
        special = info.special
        for n in off_days:
            special[n] = ()
        for n, day in self.overrides.items():
            if info.first <= n < info.nxt:
                special[n] = day
        tm = self.tm
        deltas: list[tuple[int, int]] = []
        for n in sorted(special):
            delta = _measure(special[n]) - tm[(n - 1) % 7]
            if delta:
                deltas.append((n, delta))
        r_first = self._r(info.first)
        for n, delta in deltas:
            before = self._r(n) - r_first + info.pref[-1]
            info.exc.append(n)
            info.a_before.append(before)
            info.a_after.append(before + tm[(n - 1) % 7] + delta)
            info.pref.append(info.pref[-1] + delta)
        info.total_delta = info.pref[-1]
        info.total = self._r(info.nxt) - r_first + info.total_delta
        return info

    def _year_of_day(self, n: int) -> _Year:
        last = self._last_year
        if last.first <= n < last.nxt:
            return last
        found = self._year(date.fromordinal(n).year)
        self._last_year = found
        return found

    def day(self, n: int) -> DayIntervals:
        """Day ``n``'s intervals (µs after its wall midnight), exceptions applied."""
        found = self._year_of_day(n).special.get(n)
        return self.template[(n - 1) % 7] if found is None else found

    def _r(self, k: int) -> int:
        """Template open time of the days before ordinal ``k`` (from ordinal 1, a Monday)."""
        q, i = divmod(k - 1, 7)
        return q * self.week + self.wp[i]

    def _cum(self, info: _Year, k: int) -> int:
        """Open time of the days of ``info``'s year before ``k``."""
        return self._r(k) - self._r(info.first) + info.pref[bisect_left(info.exc, k)]

    def pdiff(self, k1: int, k2: int) -> int:
        """Open wall time of the days ``k1 <= n < k2`` (negative when ``k2 < k1``)."""
        if k2 < k1:
            return -self.pdiff(k2, k1)
        total = self._r(k2) - self._r(k1)
        y = date.fromordinal(k1).year
        k = k1
        while True:
            info = self._year(y)
            if k2 < info.nxt:
                return (
                    total
                    + info.pref[bisect_left(info.exc, k2)]
                    - info.pref[bisect_left(info.exc, k)]
                )
            total += info.total_delta - info.pref[bisect_left(info.exc, k)]
            k = info.nxt
            y += 1

    def _locate(self, info: _Year, x: int) -> tuple[int, int]:
        """The day holding the ``x``-th µs of open time of ``info``'s year, and ``x`` left there."""
        j = bisect_left(info.a_after, x)
        if j < len(info.exc) and info.a_before[j] < x:
            return info.exc[j], x - info.a_before[j]
        if j:
            start, base = info.exc[j - 1] + 1, info.a_after[j - 1]
        else:
            start, base = info.first, 0
        target = self._r(start) + (x - base)
        q = (target - 1) // self.week
        rem = target - q * self.week
        i = bisect_left(self.wp, rem)
        return 7 * q + i, rem - self.wp[i - 1]

    def _never_forward(self, k: int) -> bool:
        return self.week == 0 and k > self.last_override

    def _never_backward(self, k: int) -> bool:
        return self.week == 0 and (not self.overrides or k < self.first_override)

    def find_day(self, k0: int, x: int) -> tuple[int, int] | None:
        """Smallest day ``k >= k0`` whose end reaches ``x`` µs of open time from ``k0``."""
        y = date.fromordinal(k0).year
        stop = min(LAST_YEAR, y + HORIZON_YEARS)
        while True:
            if y > stop or self._never_forward(k0):
                return None
            info = self._year(y)
            target = x + self._cum(info, k0)
            if target <= info.total:
                return self._locate(info, target)
            if info.total > target - x:  # the year had open time: the closed run restarts
                stop = min(LAST_YEAR, y + HORIZON_YEARS)
            x = target - info.total
            k0 = info.nxt
            y += 1

    def find_day_back(self, k0: int, x: int) -> tuple[int, int] | None:
        """Largest day ``k <= k0`` from whose start ``x`` µs of open time run to ``k0``'s end."""
        y = date.fromordinal(k0).year
        stop = max(FIRST_YEAR, y - HORIZON_YEARS)
        while True:
            if y < stop or self._never_backward(k0):
                return None
            info = self._year(y)
            top = self._cum(info, k0 + 1)
            if x <= top:
                k, r = self._locate(info, top - x + 1)
                return k, _measure(self.day(k)) + 1 - r
            if top:
                stop = max(FIRST_YEAR, y - HORIZON_YEARS)
            x -= top
            k0 = info.first - 1
            y -= 1

    # ------------------------------------------------------------ wall time
    def _clip(self, n: int, w: int) -> int:
        base = (n - _EPOCH_ORD) * DAY
        total = 0
        for s, e in self.day(n):
            hi = min(e, w - base)
            if hi > s:
                total += hi - s
        return total

    def hdiff(self, w1: int, w2: int) -> int:
        """Open wall time in ``[w1, w2)`` (negative when ``w2 < w1``)."""
        n1 = w1 // DAY + _EPOCH_ORD
        n2 = w2 // DAY + _EPOCH_ORD
        return (
            self.pdiff(n1 - 1, n2 - 1)
            + self._clip(n2 - 1, w2)
            + self._clip(n2, w2)
            - self._clip(n1 - 1, w1)
            - self._clip(n1, w1)
        )

    def hinv(self, w0: int, x: int) -> int | None:
        """Earliest wall ``w`` with ``x`` µs (> 0) of open wall time in ``[w0, w)``."""
        n0 = w0 // DAY + _EPOCH_ORD
        for n in (n0 - 1, n0):
            base = (n - _EPOCH_ORD) * DAY
            for s, e in self.day(n):
                b = base + e
                if b <= w0:
                    continue
                a = max(base + s, w0)
                if x <= b - a:
                    return a + x
                x -= b - a
        # Walk the next few days directly (cheaper than bisection for short durations) ...
        walk = _WALK_DAYS if x <= self.week else 0
        for n in range(n0 + 1, n0 + 1 + walk):
            base = (n - _EPOCH_ORD) * DAY
            for s, e in self.day(n):
                if x <= e - s:
                    return base + s + x
                x -= e - s
        # ... then jump in closed form.
        found = self.find_day(n0 + 1 + walk, x)
        if found is None:
            return None
        k, r = found
        base = (k - _EPOCH_ORD) * DAY
        for s, e in self.day(k):
            if r <= e - s:
                return base + s + r
            r -= e - s
        raise AssertionError("find_day returned a day without enough open time")

    def _hinv_some(self, w0: int, x: int) -> int:
        w = self.hinv(w0, x)
        if w is None:  # the caller measured at least x of open time ahead
            raise AssertionError("open time measured ahead was not found")
        return w

    def _hinv_back_some(self, w0: int, x: int) -> int:
        w = self.hinv_back(w0, x)
        if w is None:  # the caller measured at least x of open time behind
            raise AssertionError("open time measured behind was not found")
        return w

    def hinv_back(self, w0: int, x: int) -> int | None:
        """Latest wall ``w`` with ``x`` µs (> 0) of open wall time in ``[w, w0)``."""
        n0 = w0 // DAY + _EPOCH_ORD
        for n in (n0, n0 - 1):
            base = (n - _EPOCH_ORD) * DAY
            for s, e in reversed(self.day(n)):
                a = base + s
                if a >= w0:
                    continue
                b = min(base + e, w0)
                if x <= b - a:
                    return b - x
                x -= b - a
        walk = _WALK_DAYS if x <= self.week else 0
        for n in range(n0 - 2, n0 - 2 - walk, -1):
            base = (n - _EPOCH_ORD) * DAY
            for s, e in reversed(self.day(n)):
                if x <= e - s:
                    return base + e - x
                x -= e - s
        found = self.find_day_back(n0 - 2 - walk, x)
        if found is None:
            return None
        k, r = found
        base = (k - _EPOCH_ORD) * DAY
        for s, e in reversed(self.day(k)):
            if r <= e - s:
                return base + e - r
            r -= e - s
        raise AssertionError("find_day_back returned a day without enough open time")

    def wall_open(self, w: int) -> bool:
        """Whether the wall time ``w`` lies in an interval of a (non-holiday) day."""
        n = w // DAY + _EPOCH_ORD
        for k in (n - 1, n):
            rel = w - (k - _EPOCH_ORD) * DAY
            for s, e in self.day(k):
                if s <= rel < e:
                    return True
        return False

    def _next_exception(self, n: int) -> int | None:
        y = date.fromordinal(n).year
        stop = min(LAST_YEAR, y + HORIZON_YEARS)
        while y <= stop:
            info = self._year(y)
            j = bisect_left(info.exc, n)
            if j < len(info.exc):
                return info.exc[j]
            y += 1
            n = info.nxt
        return None

    def run_end(self, w: int) -> int | None:
        """End of the stretch of open wall time ``w`` is in (None if it never ends)."""
        cur = w
        while True:
            n = cur // DAY + _EPOCH_ORD
            ext = None
            for k in (n - 1, n):
                base = (k - _EPOCH_ORD) * DAY
                for s, e in self.day(k):
                    if base + s <= cur < base + e and (ext is None or base + e > ext):
                        ext = base + e
            if ext is None:
                return cur
            cur = ext
            if self.full:
                # Whole regular days are open end to end: jump to the day before the next exception.
                n = cur // DAY + _EPOCH_ORD
                nxt = self._next_exception(n - 1)
                if nxt is None:
                    return None
                cur = max(cur, (nxt - _EPOCH_ORD) * DAY - 1)

    # -------------------------------------------------------------- offsets
    def _zone_year(self, y: int) -> _ZoneYear:
        found = self._zone_years.get(y)
        if found is None:
            try:
                raw = _ZONE_CACHE.get((self.zone, y))
                if raw is None:
                    raw = _find_transitions(self.zone, y)
                    _ZONE_CACHE[(self.zone, y)] = raw
            except TypeError:  # an unhashable tzinfo (dateutil's): cache per calendar only
                raw = _find_transitions(self.zone, y)
            first, instants, offsets = raw
            found = _ZoneYear(_year_start_us(y), _year_start_us(y + 1), (first, *offsets), instants)
            self._zone_years[y] = found
        return found

    def _zone_at(self, u: int) -> _ZoneYear:
        last = self._last_zone
        if last.lo <= u < last.hi:
            return last
        found = self._zone_year(_utc_year(u))
        self._last_zone = found
        return found

    def offset(self, u: int) -> int:
        """UTC offset in µs at the instant ``u``."""
        zy = self._zone_at(u)
        return zy.offsets[bisect_right(zy.instants, u)]

    def next_transition(self, u: int, limit: int) -> int | None:
        """The first offset change in ``(u, limit]``."""
        limit = min(limit, _UPPER)
        zy = self._zone_at(u)
        while True:
            i = bisect_right(zy.instants, u)
            if i < len(zy.instants):
                t = zy.instants[i]
                return t if t <= limit else None
            if zy.hi > limit:
                return None
            zy = self._zone_year(_utc_year(zy.hi))

    def prev_transition(self, u: int, limit: int) -> int | None:
        """The last offset change in ``[limit, u)``."""
        limit = max(limit, _LOWER)
        zy = self._zone_at(u - 1)
        while True:
            i = bisect_left(zy.instants, u)
            if i:
                t = zy.instants[i - 1]
                return t if t >= limit else None
            if zy.lo <= limit:
                return None
            zy = self._zone_year(_utc_year(zy.lo - 1))

    # ------------------------------------------------------------ real time
    def is_open(self, u: int) -> bool:
        return self.wall_open(u + self.offset(u))

    def _gyear_of(self, y: int) -> _GYear:
        """Business time from 1 January ``y`` (UTC) to each offset change of the year."""
        found = self._gyears.get(y)
        if found is None:
            zy = self._zone_year(y)
            starts = (zy.lo, *zy.instants)
            ends = (*zy.instants, zy.hi)
            gvals = [0]
            for start, end, o in zip(starts, ends, zy.offsets, strict=True):
                gvals.append(gvals[-1] + self.hdiff(start + o, end + o))
            found = _GYear(
                lo=zy.lo,
                hi=zy.hi,
                starts=starts,
                offsets=zy.offsets,
                gvals=tuple(gvals[:-1]),
                total=gvals[-1],
            )
            self._gyears[y] = found
        return found

    def _g_in_year(self, u: int) -> tuple[int, int]:
        """(UTC year of ``u``, business time from that year's start to ``u``)."""
        y = _utc_year(u)
        gy = self._gyear_of(y)
        i = bisect_right(gy.starts, u) - 1
        o = gy.offsets[i]
        return y, gy.gvals[i] + self.hdiff(gy.starts[i] + o, u + o)

    # ---------------------------------------------------------- span tables
    def _span(self, y: int) -> _Span | None:
        """Year ``y``'s span table (None outside the years the engine works in)."""
        found = self._spans.get(y)
        if found is None:
            if not FIRST_YEAR <= y <= LAST_YEAR:
                return None
            found = self._build_span(y)
            self._spans[y] = found
        return found

    def _span_at(self, u: int) -> _Span | None:
        """The span table of the UTC year holding ``u``."""
        last = self._last_span
        if last.lo <= u < last.hi:
            return last
        found = self._span(_utc_year(u))
        if found is not None:
            self._last_span = found
        return found

    def _build_span(self, y: int) -> _Span:
        zy = self._zone_year(y)
        bounds = (zy.lo, *zy.instants, zy.hi)
        pieces: list[tuple[int, int]] = []
        for k, o in enumerate(zy.offsets):
            # The offset o holds on [p0, p1): there u is open iff u + o lies in an interval.
            p0, p1 = bounds[k], bounds[k + 1]
            if p1 <= p0:
                continue
            w0, w1 = p0 + o, p1 + o
            for n in range(w0 // DAY + _EPOCH_ORD - 1, (w1 - 1) // DAY + _EPOCH_ORD + 1):
                base = (n - _EPOCH_ORD) * DAY
                for s, e in self.day(n):
                    a = base + s
                    b = base + e
                    a = max(a, w0)
                    b = min(b, w1)
                    if a < b:
                        pieces.append((a - o, b - o))
        return _Span(y, zy.lo, zy.hi, pieces)

    def _following(self, sp: _Span) -> _Span | None:
        nxt = sp.next
        if nxt is None:
            nxt = self._span(sp.year + 1)
            if nxt is not None:
                sp.next = nxt
                nxt.prev = sp
        return nxt

    def _preceding(self, sp: _Span) -> _Span | None:
        prev = sp.prev
        if prev is None:
            prev = self._span(sp.year - 1)
            if prev is not None:
                sp.prev = prev
                prev.next = sp
        return prev

    def elapsed(self, u1: int, u2: int) -> int:
        """Business µs from ``u1`` to ``u2`` (negative when ``u2 < u1``)."""
        if u2 < u1:
            return -self.elapsed(u2, u1)
        sp: _Span | None = self._last_span
        if not sp.lo <= u1 < sp.hi:  # type: ignore[union-attr]
            sp = self._span_at(u1)
        if sp is not None:
            total = -sp.g(u1)
            for _ in range(_SPAN_YEARS):
                if u2 <= sp.hi:
                    return total + sp.g(u2)
                total += sp.total
                sp = sp.next or self._following(sp)
                if sp is None:
                    break
        return self.general_elapsed(u1, u2)

    def add(self, u: int, x: int) -> int | None:
        """Earliest instant with ``x`` µs (> 0) of business time after ``u``."""
        sp: _Span | None = self._last_span
        if not sp.lo <= u < sp.hi:  # type: ignore[union-attr]
            sp = self._span_at(u)
        if sp is not None:
            # sp.g(u), inlined: this is the hot path of SLA deadlines.
            starts = sp.starts
            i = bisect_right(starts, u) - 1
            if i < 0:
                target = x
            elif u < sp.ends[i]:
                if u + x <= sp.ends[i]:  # open all along: the answer is in u's own stretch
                    return u + x
                target = x + sp.before[i] + u - starts[i]
            else:
                target = x + sp.after[i]
            if target <= sp.total:  # the common case, before setting up the loop
                j = bisect_left(sp.after, target)
                return starts[j] + target - sp.before[j]
            for _ in range(_SPAN_YEARS):
                if target <= sp.total:
                    j = bisect_left(sp.after, target)
                    return sp.starts[j] + target - sp.before[j]
                target -= sp.total
                sp = sp.next or self._following(sp)
                if sp is None:
                    break
        return self.general_add(u, x)

    def subtract(self, u: int, x: int) -> int | None:
        """Latest instant with ``x`` µs (> 0) of business time before ``u``."""
        sp: _Span | None = self._last_span
        if not sp.lo < u <= sp.hi:  # type: ignore[union-attr]
            sp = self._span_at(u - 1)
        if sp is not None:
            i = bisect_right(sp.starts, u) - 1
            if i >= 0 and u <= sp.ends[i] and u - x >= sp.starts[i]:
                return u - x  # open all along: the answer is in u's own stretch
            target = sp.g(u) - x
            for _ in range(_SPAN_YEARS):
                if target >= 0:
                    break
                sp = sp.prev or self._preceding(sp)
                if sp is None:
                    return self.general_subtract(u, x)
                target += sp.total
            else:
                return self.general_subtract(u, x)
            # Here 0 <= target < sp.total (a step back adds a whole year to a negative
            # target), so the answer lies in this table: the latest moment with that much
            # business time before it is inside a stretch or at a stretch's opening.
            j = bisect_right(sp.before, target) - 1
            return sp.starts[j] + target - sp.before[j]
        return self.general_subtract(u, x)

    def general_elapsed(self, u1: int, u2: int) -> int:
        """``elapsed`` in closed form, without span tables."""
        if u2 < u1:
            return -self.general_elapsed(u2, u1)
        if self.next_transition(u1, u2) is None:
            o = self.offset(u1)
            return self.hdiff(u1 + o, u2 + o)
        y1, g1 = self._g_in_year(u1)
        y2, g2 = self._g_in_year(u2)
        total = g2 - g1
        for y in range(y1, y2):
            total += self._gyear_of(y).total
        return total

    def general_add(self, u: int, x: int) -> int | None:
        """``add`` in closed form, without span tables."""
        if u + x > _UPPER:  # business time never outruns real time
            return None
        # Business time never outruns real time: an offset change before u + x is crossed.
        if self.next_transition(u, u + x - 1) is None:
            o = self.offset(u)
            w = self.hinv(u + o, x)
            if w is None:
                return None
            v = w - o
            if self.next_transition(u, v - 1) is None:
                return v
        # Offset changes lie between: locate the answer by the business time at each change.
        y, g = self._g_in_year(u)
        target = g + x
        stop = min(LAST_YEAR, y + HORIZON_YEARS)
        while True:
            gy = self._gyear_of(y)
            if target <= gy.total:
                j = bisect_left(gy.gvals, target) - 1
                o = gy.offsets[j]
                return self._hinv_some(gy.starts[j] + o, target - gy.gvals[j]) - o
            if gy.total:
                stop = min(LAST_YEAR, y + HORIZON_YEARS)
            target -= gy.total
            y += 1
            if y > stop or self._never_forward(gy.hi // DAY + _EPOCH_ORD):
                return None

    def general_subtract(self, u: int, x: int) -> int | None:
        """``subtract`` in closed form, without span tables."""
        if u - x < _LOWER:
            return None
        if self.prev_transition(u, u - x + 1) is None:
            o = self.offset(u - 1)
            w = self.hinv_back(u + o, x)
            if w is None:
                return None
            v = w - o
            if self.prev_transition(u, v + 1) is None:
                return v
        uy, g = self._g_in_year(u)
        y, target = uy, g - x
        stop = max(FIRST_YEAR, y - HORIZON_YEARS)
        while target < 0:
            y -= 1
            if y < stop or self._never_backward(self._gyear_of(y).hi // DAY + _EPOCH_ORD - 1):
                return None
            if self._gyear_of(y).total:
                stop = max(FIRST_YEAR, y - HORIZON_YEARS)
            target += self._gyear_of(y).total
        gy = self._gyear_of(y)
        while target == gy.total and y < uy:  # the latest such moment lies in a later year
            y, target = y + 1, 0
            gy = self._gyear_of(y)
        j = bisect_right(gy.gvals, target) - 1
        o = gy.offsets[j]
        if j + 1 < len(gy.starts):
            end, g_end = gy.starts[j + 1], gy.gvals[j + 1]
        else:
            end, g_end = gy.hi, gy.total
        return self._hinv_back_some(end + o, g_end - target) - o

    def next_open(self, u: int) -> int | None:
        """``u`` if open, else the first open instant after it."""
        if self.is_open(u):
            return u
        v = self.add(u, 1)
        return None if v is None else v - 1

    def next_close(self, u: int) -> int | None:
        """End of the open stretch ``u`` is in, else of the next one."""
        start = self.next_open(u)
        if start is None:
            return None
        while True:
            o = self.offset(start)
            we = self.run_end(start + o)
            if we is None:
                return None
            c = we - o
            t = self.next_transition(start, c)
            if t is None or (t == c and not self.is_open(c)):
                return c
            if not self.is_open(t):
                return t
            start = t
