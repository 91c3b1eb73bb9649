"""Business-time ``add``: cxcore beside pandas ``CustomBusinessHour`` and ``businesstimedelta``.

Run ``python benchmarks/calendar.py``. All three libraries get the same calendar
(Monday to Friday 09:00-17:00 with public holidays) and the same start, measured
side by side in one run; a peer that is not installed is skipped. After the
timings, the same script checks each peer's answers against cxcore's on the
cases where conventions differ (a deadline at closing time, a start at closing
time, DST changes) and prints where they disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named calendar.py: keep its folder off the path so the stdlib module wins.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import timeit  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date, datetime, time, timedelta  # noqa: E402
from typing import Any  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from cxcore.sla import BusinessCalendar  # noqa: E402

HOURS = (1, 8, 100, 2000, 8000)
HOLIDAYS = [
    date(y, m, d)
    for y in range(2026, 2032)
    for m, d in ((1, 1), (5, 1), (8, 15), (10, 3), (12, 25), (12, 26))
    if date(y, m, d).weekday() < 5
]
START = datetime(2026, 3, 2, 10, 0)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def cxcore_add(zone: str = "UTC") -> Callable[[int], Callable[[], object]]:
    cal = BusinessCalendar.from_dict(
        {
            "timezone": zone,
            "hours": {k: [["09:00", "17:00"]] for k in WEEKDAYS},
            "holidays": [d.isoformat() for d in HOLIDAYS],
        }
    )
    start = START.replace(tzinfo=ZoneInfo(zone))

    def make(hours: int) -> Callable[[], object]:
        d = timedelta(hours=hours)
        return lambda: cal.add(start, d)

    return make


def pandas_add() -> Callable[[int], Callable[[], object]] | None:
    try:
        import pandas as pd
        from pandas.tseries.offsets import CustomBusinessHour
    except ImportError:
        return None
    start = pd.Timestamp(START)
    hols = [pd.Timestamp(d) for d in HOLIDAYS]

    def make(hours: int) -> Callable[[], object]:
        offset = CustomBusinessHour(hours, start="09:00", end="17:00", holidays=hols)
        return lambda: start + offset

    return make


def btd_rules(start_t: time, end_t: time, days: list[int], holidays: bool = True) -> Any:
    import businesstimedelta as btd

    rules = [btd.WorkDayRule(start_time=start_t, end_time=end_t, working_days=days)]
    if holidays:
        rules.append(btd.HolidayRule(HOLIDAYS))
    return btd.Rules(rules)


def btd_add() -> Callable[[int], Callable[[], object]] | None:
    try:
        import businesstimedelta as btd
    except ImportError:
        return None
    rules = btd_rules(time(9), time(17), [0, 1, 2, 3, 4])

    def make(hours: int) -> Callable[[], object]:
        delta = btd.BusinessTimeDelta(rules, hours=hours)
        return lambda: START + delta

    return make


def measure(fn: Callable[[], object], budget: float = 0.2) -> float:
    """Best-of-7 seconds per call, with a loop count that fits ``budget`` seconds per run."""
    fn()
    number = 1
    while True:
        took = timeit.timeit(fn, number=number)
        if took > budget / 10 or number >= 100_000:
            break
        number *= 4
    runs = timeit.repeat(fn, number=number, repeat=7)
    return min(runs) / number


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.2f} ms"


def timings() -> None:
    peers = {"pandas CBH": pandas_add(), "businesstimedelta": btd_add()}
    ours = cxcore_add()
    ours_london = cxcore_add("Europe/London")
    print("add(start, d) on Mon-Fri 09:00-17:00 with holidays; best of 7, per call\n")
    header = ["hours", "cxcore (UTC)", "cxcore (London)", *peers, *[f"vs {p}" for p in peers]]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    ours_by_hours = {}
    for h in HOURS:
        ours_t = ours_by_hours[h] = measure(ours(h))
        london_t = measure(ours_london(h))
        peer_t = {name: measure(make(h)) if make else None for name, make in peers.items()}
        ratios = [f"{t / ours_t:.0f}x" if t else "—" for t in peer_t.values()]
        cells = [str(h), fmt(ours_t), fmt(london_t), *map(fmt, peer_t.values()), *ratios]
        print(" | ".join(cells))
    ratio = ours_by_hours[8000] / ours_by_hours[1]
    print(f"\ncxcore (UTC) add(8000 h) / add(1 h): {ratio:.2f}x")


def agreement() -> None:
    """Where the peers' answers differ from the wall-clock rule."""
    cal = BusinessCalendar.from_dict(
        {"timezone": "UTC", "hours": {k: [["09:00", "17:00"]] for k in WEEKDAYS}}
    )
    utc = ZoneInfo("UTC")
    cases = [
        ("deadline uses up the day", datetime(2026, 3, 2, 9), 8),
        ("one hour before close", datetime(2026, 3, 2, 16), 1),
        ("start exactly at close", datetime(2026, 3, 2, 17), 1),
        ("Friday afternoon to Monday close", datetime(2026, 3, 6, 13), 12),
    ]
    print("\nanswers (naive wall times), cxcore first\n")
    print("case | cxcore | pandas CBH | businesstimedelta")
    print("--- | --- | --- | ---")
    for label, start, hours in cases:
        ours = cal.add(start.replace(tzinfo=utc), timedelta(hours=hours)).replace(tzinfo=None)
        row = [label, ours.isoformat(" ")]
        row.append(_pandas_answer(start, hours, "09:00", "17:00", days=[0, 1, 2, 3, 4]))
        row.append(_btd_answer(start, hours, time(9), time(17), days=[0, 1, 2, 3, 4]))
        print(" | ".join(row))
    # DST: 00:00-06:00 every day in London; 29 March 2026 springs forward at 01:00.
    london = ZoneInfo("Europe/London")
    night = BusinessCalendar.from_dict(
        {"timezone": "Europe/London", "hours": {k: [["00:00", "06:00"]] for k in
                                                (*WEEKDAYS, "sat", "sun")}}
    )  # fmt: skip
    start = datetime(2026, 3, 29, 0, 0)
    ours = night.add(start.replace(tzinfo=london), timedelta(hours=5))
    row = ["London 00:00-06:00, spring-forward night, +5 h", ours.isoformat(" ")]
    row.append(_pandas_answer(start, 5, "00:00", "06:00", days=list(range(7)), tz="Europe/London"))
    row.append(_btd_answer(start, 5, time(0), time(6), days=list(range(7)), tz=london))
    print(" | ".join(row))


def _pandas_answer(
    start: datetime, hours: int, s: str, e: str, *, days: list[int], tz: str | None = None
) -> str:
    try:
        import pandas as pd
        from pandas.tseries.offsets import CustomBusinessHour
    except ImportError:
        return "—"
    mask = " ".join(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[d] for d in days)
    ts = pd.Timestamp(start, tz=tz) if tz else pd.Timestamp(start)
    try:
        return str(ts + CustomBusinessHour(hours, start=s, end=e, weekmask=mask))
    except Exception as exc:  # report whatever the peer raises
        return f"error: {type(exc).__name__}"


def _btd_answer(
    start: datetime, hours: int, s: time, e: time, *, days: list[int], tz: ZoneInfo | None = None
) -> str:
    try:
        import businesstimedelta as btd
    except ImportError:
        return "—"
    rules = btd_rules(s, e, days, holidays=False)
    moment = start.replace(tzinfo=tz) if tz else start
    try:
        return str(moment + btd.BusinessTimeDelta(rules, hours=hours))
    except Exception as exc:  # report whatever the peer raises
        return f"error: {type(exc).__name__}"


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}")
    timings()
    agreement()
