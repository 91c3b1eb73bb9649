"""Rebuild ``calendar_peers.json`` from pandas' own BusinessHour / CustomBusinessHour tests.

Run ``python tests/data/sla/calendar_peers_build.py`` with pandas (and pytest) installed.
The cases are pandas' expected answers, translated to cxcore's conventions by
the rules below; nothing here asks cxcore for an answer.

Translation (pandas → cxcore):
- a ``BusinessHour(n, start, end)`` is a Monday-Friday UTC calendar with those
  intervals (``end <= start`` is an overnight shift); ``CustomBusinessHour``
  adds its weekmask and holidays;
- ``base + offset`` with ``n > 0`` is ``add(base, n hours)``; pandas moves a
  deadline that uses up an interval to the next opening, cxcore keeps it at the
  closing moment, so a pandas answer that is an opening moment becomes the end of
  the open stretch before it;
- ``n < 0`` is ``subtract(base, |n| hours)``; a pandas answer at a closing
  moment becomes the next opening (cxcore's latest moment);
- ``n == 0`` is ``add(base, 0)``: pandas rolls forward to the next opening,
  cxcore returns ``base`` unchanged;
- ``is_on_offset`` is ``is_open``, except at a closing moment, which pandas counts
  as on the offset and cxcore's half-open intervals count as closed;
- ``_next_opening_time`` from a closed moment is ``next_open``; from an open
  moment cxcore's ``next_open`` is the moment itself.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("calendar_peers.json")
PANDAS_BH = "pandas/tests/tseries/offsets/test_business_hour.py"
PANDAS_CBH = "pandas/tests/tseries/offsets/test_custom_business_hour.py"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MASK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def spec(offset: Any) -> dict[str, Any] | None:
    if getattr(offset, "normalize", False):
        return None
    intervals = []
    for s, e in zip(offset.start, offset.end, strict=True):
        if s == e:
            return None
        intervals.append([s.strftime("%H:%M"), e.strftime("%H:%M")])
    intervals.sort()
    mask = (getattr(offset, "weekmask", None) or "Mon Tue Wed Thu Fri").split()
    hours = {DAYS[MASK.index(m)]: intervals for m in mask}
    doc: dict[str, Any] = {"timezone": "UTC", "hours": hours}
    hols = [str(h)[:10] for h in getattr(offset, "holidays", None) or ()]
    if hols:
        doc["holidays"] = sorted(hols)
    return doc


def wall_open(doc: dict[str, Any], at: datetime) -> bool:
    """The wall-clock rule for a UTC calendar (what the translation needs to find boundaries)."""
    hols = {date.fromisoformat(h) for h in doc.get("holidays", [])}
    for d in (at.date() - timedelta(days=1), at.date()):
        if d in hols:
            continue
        for s, e in doc["hours"].get(DAYS[d.weekday()], []):
            start = datetime.combine(d, time.fromisoformat(s))
            end = datetime.combine(d, time.fromisoformat(e))
            if end <= start:
                end += timedelta(days=1)
            if start <= at < end:
                return True
    return False


def is_opening(doc: dict[str, Any], at: datetime) -> bool:
    return wall_open(doc, at) and not wall_open(doc, at - timedelta(minutes=1))


def is_closing(doc: dict[str, Any], at: datetime) -> bool:
    return not wall_open(doc, at) and wall_open(doc, at - timedelta(minutes=1))


def previous_close(doc: dict[str, Any], at: datetime) -> datetime:
    t = at - timedelta(minutes=1)
    while not is_closing(doc, t):
        t -= timedelta(minutes=1)
    return t


def next_opening(doc: dict[str, Any], at: datetime) -> datetime:
    t = at
    while not is_opening(doc, t):
        t += timedelta(minutes=1)
    return t


def iso(dt: Any) -> str:
    return datetime.fromisoformat(str(dt)).isoformat() + "+00:00"


def apply_case(
    doc: dict[str, Any], n: int, base: Any, expected: Any, source: str
) -> dict[str, Any]:
    b = datetime.fromisoformat(str(base))
    r = datetime.fromisoformat(str(expected))
    note = "pandas answer unchanged"
    if n > 0:
        op, key = "add", "start"
        if is_opening(doc, r):
            r = previous_close(doc, r)
            note = (
                "pandas lands on the next opening; cxcore keeps the deadline at the closing moment"
            )
    elif n < 0:
        op, key = "subtract", "end"
        if is_closing(doc, r):
            r = next_opening(doc, r)
            note = (
                "pandas lands on the previous closing; cxcore takes the latest moment, the opening"
            )
    else:
        op, key = "add", "start"
        if r != b:
            note = "pandas n=0 rolls forward to the next opening; cxcore add(start, 0) is start"
        r = b
    return {
        "source": source,
        "note": note,
        "calendar": doc,
        "op": op,
        key: iso(b),
        "delta_seconds": abs(n) * 3600,
        "expect": iso(r),
    }


BTD = "businesstimedelta 1.0.1 README.md (its test suite is not published in the sdist)"
_LUNCH = {k: [["09:00", "12:00"], ["13:00", "18:00"]] for k in DAYS[:5]}
#: The README's worked examples, written out by hand in cxcore's terms.
BTD_CASES: list[dict[str, Any]] = [
    {"note": "40 business hours in a 9-18 week with a lunch break",
     "calendar": {"timezone": "UTC", "hours": _LUNCH}, "op": "elapsed",
     "start": "2016-01-18T09:00:00+00:00", "end": "2016-01-22T18:00:00+00:00", "expect": 144000},
    {"note": "adding the week lands at Friday's close, as in businesstimedelta",
     "calendar": {"timezone": "UTC", "hours": _LUNCH}, "op": "add",
     "start": "2016-01-18T09:00:00+00:00", "delta_seconds": 144000,
     "expect": "2016-01-22T18:00:00+00:00"},
    {"note": "subtracting the week lands at Monday's opening",
     "calendar": {"timezone": "UTC", "hours": _LUNCH}, "op": "subtract",
     "end": "2016-01-22T18:00:00+00:00", "delta_seconds": 144000,
     "expect": "2016-01-18T09:00:00+00:00"},
    {"note": "Christmas 2015 (a Friday) off: the README takes it from holidays.US(state='CA'); "
             "written here as a date",
     "calendar": {"timezone": "UTC", "hours": _LUNCH, "holidays": ["2015-12-25"]},
     "op": "elapsed", "start": "2015-12-21T09:00:00+00:00", "end": "2015-12-28T09:00:00+00:00",
     "expect": 115200},
    {"note": "a San Francisco working day overlaps Santiago's hours (UTC-3 in January) for 4 h",
     "calendar": {"timezone": "America/Santiago", "hours": _LUNCH}, "op": "elapsed",
     "start": "2016-01-18T09:00:00-08:00", "end": "2016-01-18T18:00:00-08:00", "expect": 14400},
    {"note": "day shift plus a 23:00-07:00 night shift belonging to its start day; the README "
             "prints 80 h, businesstimedelta 1.0.1 itself computes 72 h, as does cxcore",
     "calendar": {"timezone": "UTC", "hours": {k: [["09:00", "17:00"], ["23:00", "07:00"]]
                                               for k in DAYS[:5]}},
     "op": "elapsed", "start": "2016-01-18T09:00:00+00:00", "end": "2016-01-22T18:00:00+00:00",
     "expect": 259200},
]  # fmt: skip


def build() -> list[dict[str, Any]]:
    from pandas.tests.tseries.offsets import (
        test_business_hour as bh,
        test_custom_business_hour as cbh,
    )

    cases: list[dict[str, Any]] = []
    groups = [
        (f"{PANDAS_BH}::TestBusinessHour.apply_cases", bh.TestBusinessHour.apply_cases),
        (f"{PANDAS_BH}::TestBusinessHour.apply_large_n_cases",
         bh.TestBusinessHour.apply_large_n_cases),
        (f"{PANDAS_CBH}::TestCustomBusinessHour.apply_cases",
         cbh.TestCustomBusinessHour.apply_cases),
    ]  # fmt: skip
    for source, group in groups:
        for offset, table in group:
            doc = spec(offset)
            if doc is None:
                continue
            for base, expected in table.items():
                cases.append(apply_case(doc, offset.n, base, expected, source))
    source = f"{PANDAS_BH}::TestBusinessHour.on_offset_cases"
    for offset, table in bh.TestBusinessHour.on_offset_cases:
        doc = spec(offset)
        if doc is None:
            continue
        for at, expected in table.items():
            at_dt = datetime.fromisoformat(str(at))
            note = "pandas answer unchanged"
            want = bool(expected)
            if want and is_closing(doc, at_dt):
                want = False
                note = (
                    "pandas counts the closing moment as on the offset; "
                    "cxcore intervals are half-open"
                )
            cases.append(
                {"source": source, "note": note, "calendar": doc, "op": "is_open",
                 "at": iso(at_dt), "expect": want}
            )  # fmt: skip
    source = f"{PANDAS_BH}::TestOpeningTimes.opening_time_cases"
    for offsets, table in bh.TestOpeningTimes.opening_time_cases:
        if any(o.n < 0 for o in offsets):
            continue
        for offset in offsets:
            doc = spec(offset)
            if doc is None:
                continue
            for at, (nxt, _prev) in table.items():
                at_dt = datetime.fromisoformat(str(at))
                if wall_open(doc, at_dt):
                    want, note = at_dt, "open: cxcore next_open is the moment itself"
                else:
                    want, note = datetime.fromisoformat(str(nxt)), "pandas answer unchanged"
                cases.append(
                    {"source": source, "note": note, "calendar": doc, "op": "next_open",
                     "at": iso(at_dt), "expect": iso(want)}
                )  # fmt: skip
    for i, case in enumerate(cases):
        case["id"] = f"pandas-{i:04d}"
    for i, case in enumerate(BTD_CASES):
        cases.append({"id": f"businesstimedelta-{i:02d}", "source": BTD, **case})
    return cases


if __name__ == "__main__":
    built = build()
    ordered = [{"id": c.pop("id"), **c} for c in built]
    OUT.write_text(
        "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in ordered) + "\n]\n",
        encoding="utf-8",
    )
    print(f"wrote {len(ordered)} cases to {OUT}")
