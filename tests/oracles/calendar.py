"""A brute-force business calendar: the wall-clock rule applied literally, on a short window.

The open set over a UTC window is rebuilt from first principles: the status of
an instant can only change where its wall time crosses an interval boundary
(``boundary - offset`` for every offset the zone uses in the window) or where
the offset itself changes (found by stepping a minute at a time). Between two
such points the status is the status of the midpoint, decided by reading the
local wall clock with ``datetime.astimezone`` and checking each day's intervals.
No bisection, no week template, no closed forms: nothing shared with the engine.

Also home of the hypothesis strategy that draws random calendars.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import rrule
from hypothesis import strategies as st

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZONES = (
    "UTC",
    "Asia/Seoul",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Havana",
)
_US = timedelta(microseconds=1)


def _secs(text: str) -> int:
    parts = [int(p) for p in text.split(":")]
    return parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0)


class OracleCalendar:
    """The calendar document read naively; answers only inside ``[lo, hi)``."""

    def __init__(self, doc: dict[str, Any], lo: datetime, hi: datetime) -> None:
        self.zone = ZoneInfo(doc["timezone"])
        self.hours = {
            i: [(_secs(a), _secs(b)) for a, b in doc.get("hours", {}).get(k, [])]
            for i, k in enumerate(WEEKDAYS)
        }
        self.holidays: set[date] = set()
        for h in doc.get("holidays", []):
            if isinstance(h, str):
                self.holidays.add(date.fromisoformat(h))
            else:
                start = datetime.fromisoformat(h["dtstart"])
                rule = rrule.rrulestr(h["rrule"], dtstart=start)
                for when in rule.between(
                    datetime(lo.year - 1, 1, 1), datetime(hi.year + 1, 12, 31), inc=True
                ):
                    self.holidays.add(when.date())
        self.overrides = {
            date.fromisoformat(k): [(_secs(a), _secs(b)) for a, b in v]
            for k, v in doc.get("overrides", {}).items()
        }
        self.lo = lo.astimezone(UTC)
        self.hi = hi.astimezone(UTC)
        self.pieces = self._pieces()

    def day_intervals(self, d: date) -> list[tuple[int, int]]:
        if d in self.overrides:
            return self.overrides[d]
        if d in self.holidays:
            return []
        return self.hours[d.weekday()]

    def wall_open(self, at: datetime) -> bool:
        """The rule itself: the local wall time lies in an interval of a non-holiday day."""
        wall = at.astimezone(self.zone).replace(tzinfo=None, fold=0)
        for d in (wall.date() - timedelta(days=1), wall.date()):
            midnight = datetime.combine(d, time())
            for s, e in self.day_intervals(d):
                start = midnight + timedelta(seconds=s)
                end = midnight + timedelta(seconds=e if e > s else e + 86400)
                if start <= wall < end:
                    return True
        return False

    def _pieces(self) -> list[tuple[datetime, datetime]]:
        offsets = set()
        points = {self.lo, self.hi}
        t = self.lo
        prev = t.astimezone(self.zone).utcoffset()
        while t < self.hi:
            nt = min(t + timedelta(minutes=15), self.hi)
            off = nt.astimezone(self.zone).utcoffset()
            offsets.add(off)
            if off != prev:
                # Every zone used here changes offset on a whole minute: find it minute by minute.
                m = t.replace(second=0, microsecond=0)
                while m.astimezone(self.zone).utcoffset() == prev:
                    m += timedelta(minutes=1)
                points.add(m)
            prev, t = off, nt
        offsets.add(self.lo.astimezone(self.zone).utcoffset())
        first = self.lo.astimezone(self.zone).date() - timedelta(days=2)
        last = self.hi.astimezone(self.zone).date() + timedelta(days=2)
        d = first
        while d <= last:
            midnight = datetime.combine(d, time())
            for s, e in self.day_intervals(d):
                for sec in (s, e if e > s else e + 86400):
                    wall = midnight + timedelta(seconds=sec)
                    for off in offsets:
                        assert off is not None
                        u = (wall - off).replace(tzinfo=UTC)
                        if self.lo < u < self.hi:
                            points.add(u)
            d += timedelta(days=1)
        ordered = sorted(points)
        pieces: list[tuple[datetime, datetime]] = []
        for a, b in pairwise(ordered):
            if self.wall_open(a + (b - a) / 2):
                if pieces and pieces[-1][1] == a:
                    pieces[-1] = (pieces[-1][0], b)
                else:
                    pieces.append((a, b))
        return pieces

    def _inside(self, *moments: datetime) -> None:
        for m in moments:
            assert self.lo <= m <= self.hi, f"{m} is outside the oracle window"

    def is_open(self, at: datetime) -> bool:
        self._inside(at)
        return any(a <= at < b for a, b in self.pieces)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        self._inside(start, end)
        if end < start:
            return -self.elapsed(end, start)
        total = timedelta(0)
        for a, b in self.pieces:
            lo, hi = max(a, start), min(b, end)
            if hi > lo:
                total += hi - lo
        return total

    def add(self, start: datetime, d: timedelta) -> datetime | None:
        """Earliest m with elapsed(start, m) == d, or None if not inside the window."""
        self._inside(start)
        if d == timedelta(0):
            return start
        left = d
        for a, b in self.pieces:
            if b <= start:
                continue
            lo = max(a, start)
            if left <= b - lo:
                return lo + left
            left -= b - lo
        return None

    def subtract(self, end: datetime, d: timedelta) -> datetime | None:
        """Latest s with elapsed(s, end) == d, or None if not inside the window."""
        self._inside(end)
        if d == timedelta(0):
            return end
        left = d
        for a, b in reversed(self.pieces):
            if a >= end:
                continue
            hi = min(b, end)
            if left <= hi - a:
                return hi - left
            left -= hi - a
        return None

    def next_open(self, at: datetime) -> datetime | None:
        self._inside(at)
        for a, b in self.pieces:
            if b > at:
                return max(a, at)
        return None

    def next_close(self, at: datetime) -> datetime | None:
        """End of the stretch at ``at`` or after it; None when it ends outside the window."""
        self._inside(at)
        for _, b in self.pieces:
            if b > at:
                return b if b < self.hi else None
        return None


# ----------------------------------------------------------------- strategies
_ROUND = st.sampled_from([3600, 1800, 900, 60, 1])


@st.composite
def _points(draw: st.DrawFn, n: int) -> list[int]:
    step = draw(_ROUND)
    values = draw(st.lists(st.integers(0, 86400 // step), min_size=n, max_size=n, unique=True))
    return sorted(v * step for v in values)


def _fmt(sec: int) -> str:
    h, rest = divmod(sec, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}" if s else f"{h:02d}:{m:02d}"


@st.composite
def day_hours(draw: st.DrawFn) -> list[tuple[int, int]]:
    """0–2 disjoint intervals of one day, possibly ending at 24:00."""
    count = draw(st.integers(0, 2))
    pts = draw(_points(2 * count))
    return [(pts[2 * i], pts[2 * i + 1]) for i in range(count)]


@st.composite
def calendar_docs(draw: st.DrawFn) -> dict[str, Any]:
    """Random calendar documents: DST zones, overnight shifts, holidays, overrides."""
    zone = draw(st.sampled_from(ZONES))
    days = [draw(day_hours()) for _ in WEEKDAYS]
    # Overnight shifts: turn a day's last interval into one that runs past midnight.
    for i in range(7):
        if days[i] and draw(st.integers(0, 3)) == 0:
            s, _ = days[i][-1]
            nxt = days[(i + 1) % 7]
            limit = nxt[0][0] if nxt else 86400
            if s > 0 and limit > 0:
                end = draw(st.integers(0, min(s, limit) - 1))
                days[i][-1] = (s, end)
    hours = {
        k: [[_fmt(s), _fmt(e)] for s, e in day]
        for k, day in zip(WEEKDAYS, days, strict=True)
        if day
    }
    doc: dict[str, Any] = {"timezone": zone, "hours": hours}
    return doc


_DST_DAYS = (
    "2025-03-09", "2025-11-02", "2025-03-30", "2025-10-26", "2025-04-06", "2025-10-05",
    "2025-09-28", "2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2025-03-09",
    "2025-06-15", "2025-12-24", "2026-01-01",
)  # fmt: skip


@st.composite
def moments_near(draw: st.DrawFn) -> datetime:
    """An instant within a few days of a DST change (or of an ordinary day), to the µs."""
    day = date.fromisoformat(draw(st.sampled_from(_DST_DAYS)))
    base = datetime.combine(day, time(), tzinfo=UTC)
    delta = draw(
        st.one_of(
            st.integers(-3 * 86400, 3 * 86400).map(lambda s: timedelta(seconds=s)),
            st.integers(-3 * 86400 * 10**6, 3 * 86400 * 10**6).map(
                lambda us: timedelta(microseconds=us)
            ),
            st.integers(-72, 72).map(lambda h: timedelta(minutes=30 * h)),
        )
    )
    return base + delta


@st.composite
def decorated_docs(draw: st.DrawFn, near: datetime) -> dict[str, Any]:
    """``calendar_docs`` plus holidays and overrides around ``near``."""
    doc = draw(calendar_docs())
    days = [near.date() + timedelta(days=k) for k in range(-4, 6)]
    holidays: list[Any] = [
        d.isoformat() for d in draw(st.lists(st.sampled_from(days), max_size=3, unique=True))
    ]
    if draw(st.booleans()):
        holidays.append(
            {"rrule": "FREQ=WEEKLY;BYDAY=" + draw(st.sampled_from(["MO", "TU", "SA", "SU"])),
             "dtstart": (near.date() - timedelta(days=20)).isoformat()}
        )  # fmt: skip
    if holidays:
        doc["holidays"] = holidays
    chosen = draw(st.lists(st.sampled_from(days), max_size=2, unique=True))
    if chosen:
        doc["overrides"] = {
            d.isoformat(): [[_fmt(s), _fmt(e)] for s, e in draw(day_hours())] for d in chosen
        }
    return doc
