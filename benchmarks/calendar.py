"""Business-time arithmetic: cxcore beside pandas ``CustomBusinessHour`` and ``businesstimedelta``.

Run ``python -m benchmarks.calendar``. All three libraries get the same calendar
(Monday to Friday 09:00-17:00 with public holidays) and the same moments for
``add``, ``subtract`` and ``elapsed``, measured side by side in one run (the
cases take turns, and the median of many samples counts, so a shared
machine's load falls on all of them alike); a peer that is not installed, or
has no such operation, is skipped. After the
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

import os  # noqa: E402
import statistics  # noqa: E402
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
START = datetime(2026, 3, 2, 10, 0)  # a Monday: add and elapsed start here
END = datetime(2030, 12, 2, 10, 0)  # a Monday: subtract counts back from here
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
ZONES = ("UTC", "Asia/Seoul", "Europe/Berlin", "Europe/London")
#: Samples per case; each sample times enough calls to take about SAMPLE seconds.
ROUNDS = 31
SAMPLE = 0.002

Make = Callable[[int], Callable[[], object]]


def cxcore_calendar(zone: str) -> BusinessCalendar:
    return BusinessCalendar.from_dict(
        {
            "timezone": zone,
            "hours": {k: [["09:00", "17:00"]] for k in WEEKDAYS},
            "holidays": [d.isoformat() for d in HOLIDAYS],
        }
    )


def cxcore_ops(zone: str) -> dict[str, Make]:
    cal = cxcore_calendar(zone)
    start = START.replace(tzinfo=ZoneInfo(zone))
    end = END.replace(tzinfo=ZoneInfo(zone))

    def add(hours: int) -> Callable[[], object]:
        d = timedelta(hours=hours)
        return lambda: cal.add(start, d)

    def subtract(hours: int) -> Callable[[], object]:
        d = timedelta(hours=hours)
        return lambda: cal.subtract(end, d)

    def elapsed(hours: int) -> Callable[[], object]:
        stop = cal.add(start, timedelta(hours=hours))
        return lambda: cal.elapsed(start, stop)

    return {"add": add, "subtract": subtract, "elapsed": elapsed}


def pandas_ops() -> dict[str, Make]:
    try:
        import pandas as pd
        from pandas.tseries.offsets import CustomBusinessHour
    except ImportError:
        return {}
    start, end = pd.Timestamp(START), pd.Timestamp(END)
    hols = [pd.Timestamp(d) for d in HOLIDAYS]

    def offset(hours: int) -> Any:
        return CustomBusinessHour(hours, start="09:00", end="17:00", holidays=hols)

    def add(hours: int) -> Callable[[], object]:
        step = offset(hours)
        return lambda: start + step

    def subtract(hours: int) -> Callable[[], object]:
        step = offset(hours)
        return lambda: end - step

    # pandas has no business-time difference between two timestamps.
    return {"add": add, "subtract": subtract}


def btd_rules(start_t: time, end_t: time, days: list[int], holidays: bool = True) -> Any:
    import businesstimedelta as btd

    rules = [btd.WorkDayRule(start_time=start_t, end_time=end_t, working_days=days)]
    if holidays:
        rules.append(btd.HolidayRule(HOLIDAYS))
    return btd.Rules(rules)


def btd_ops() -> dict[str, Make]:
    try:
        import businesstimedelta as btd
    except ImportError:
        return {}
    rules = btd_rules(time(9), time(17), [0, 1, 2, 3, 4])

    def add(hours: int) -> Callable[[], object]:
        delta = btd.BusinessTimeDelta(rules, hours=hours)
        return lambda: START + delta

    def subtract(hours: int) -> Callable[[], object]:
        delta = btd.BusinessTimeDelta(rules, hours=hours)
        return lambda: END - delta

    def elapsed(hours: int) -> Callable[[], object]:
        stop = START + btd.BusinessTimeDelta(rules, hours=hours)
        return lambda: rules.difference(START, stop)

    return {"add": add, "subtract": subtract, "elapsed": elapsed}


def side_by_side(cases: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median seconds per call of each case, sampled in turn so they share the machine's load.

    Each sample times a loop of calls lasting about ``SAMPLE`` seconds; the cases take
    turns (rotating who goes first) for ``ROUNDS`` rounds, and the median sample counts.
    Cases slower than 20 ms a call get 3 samples of one call each.
    """
    number: dict[str, int] = {}
    rounds: dict[str, int] = {}
    for name, fn in cases.items():
        fn()
        took = timeit.timeit(fn, number=1)
        number[name] = max(1, int(SAMPLE / max(took, 1e-9)))
        rounds[name] = ROUNDS if took < 0.02 else 3
    samples: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(ROUNDS):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            if len(samples[name]) < rounds[name]:
                n = number[name]
                samples[name].append(timeit.timeit(cases[name], number=n) / n)
    return {name: statistics.median(values) for name, values in samples.items()}


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.2f} ms"


def timings(op: str) -> None:
    ours = {f"cxcore {zone}": cxcore_ops(zone)[op] for zone in ZONES}
    peers = {
        name: ops[op]
        for name, ops in (("pandas CBH", pandas_ops()), ("businesstimedelta", btd_ops()))
        if op in ops
    }
    print(f"\n{op} on Mon-Fri 09:00-17:00 with holidays; median per call, side by side\n")
    header = ["hours", *ours, *peers, *[f"{p} / slowest cxcore" for p in peers]]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    by_hours: dict[int, dict[str, float]] = {}
    for h in HOURS:
        cases = {name: make(h) for name, make in {**ours, **peers}.items()}
        got = by_hours[h] = side_by_side(cases)
        slowest = max(got[name] for name in ours)
        ratios = [f"{got[p] / slowest:.0f}x" for p in peers]
        print(" | ".join([str(h), *(fmt(got[name]) for name in cases), *ratios]))
    growth = ", ".join(f"{name} {by_hours[8000][name] / by_hours[1][name]:.2f}x" for name in ours)
    print(f"\n{op}(8000 h) / {op}(1 h): {growth}")


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
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for op in ("add", "subtract", "elapsed"):
        timings(op)
    agreement()
