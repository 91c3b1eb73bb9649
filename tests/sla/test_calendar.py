"""BusinessCalendar: worked examples, document format, errors and the holiday extension point."""

from __future__ import annotations

import json
import pickle
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz as dateutil_tz

from cxcore import ConfigError, ValidationError
from cxcore.sla import BusinessCalendar, HolidaySource, holiday_sources

DATA = Path(__file__).resolve().parents[1] / "data" / "sla"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEV_CASES = json.loads((DATA / "calendar_dev.json").read_text(encoding="utf-8"))
PEER_CASES = json.loads((DATA / "calendar_peers.json").read_text(encoding="utf-8"))

WEEKDAYS_9_17 = {k: [["09:00", "17:00"]] for k in ("mon", "tue", "wed", "thu", "fri")}
LONDON = ZoneInfo("Europe/London")
SEOUL = ZoneInfo("Asia/Seoul")


def run_case(case: dict[str, Any]) -> object:
    cal = BusinessCalendar.from_dict(case["calendar"])
    op = case["op"]
    if op == "add":
        start = datetime.fromisoformat(case["start"])
        return cal.add(start, timedelta(seconds=case["delta_seconds"]))
    if op == "subtract":
        end = datetime.fromisoformat(case["end"])
        return cal.subtract(end, timedelta(seconds=case["delta_seconds"]))
    if op == "elapsed":
        start, end = datetime.fromisoformat(case["start"]), datetime.fromisoformat(case["end"])
        return cal.elapsed(start, end).total_seconds()
    at = datetime.fromisoformat(case["at"])
    if op == "is_open":
        return cal.is_open(at)
    if op == "next_open":
        return cal.next_open(at)
    if op == "next_close":
        return cal.next_close(at)
    raise AssertionError(f"unknown op {op}")


def check_expectation(case: dict[str, Any], got: object) -> None:
    expect = case["expect"]
    if isinstance(expect, str):
        assert isinstance(got, datetime), case["id"]
        want = datetime.fromisoformat(expect)
        assert got - want == timedelta(0), (case["id"], got, want)
        assert got.utcoffset() == want.utcoffset(), (case["id"], got, want)
    elif expect is None or isinstance(expect, bool):
        assert got is expect, (case["id"], got)
    else:
        assert got == pytest.approx(expect, abs=1e-6), (case["id"], got)


@pytest.mark.parametrize("case", DEV_CASES, ids=[c["id"] for c in DEV_CASES])
def test_worked_example(case: dict[str, Any]) -> None:
    check_expectation(case, run_case(case))


@pytest.mark.parametrize("case", PEER_CASES, ids=[c["id"] for c in PEER_CASES])
def test_peer_library_case(case: dict[str, Any]) -> None:
    """pandas' and businesstimedelta's own cases, in cxcore's conventions (see each note)."""
    assert case["source"]
    check_expectation(case, run_case(case))


def test_worked_examples_match_the_shared_copy() -> None:
    shared = SHARED / "sla" / "calendar_dev.json"
    if not shared.exists():
        pytest.skip("../shared/data is not beside this checkout")
    assert json.loads(shared.read_text(encoding="utf-8")) == DEV_CASES


# ---------------------------------------------------------------- behaviours
def weekday_cal(**extra: Any) -> BusinessCalendar:
    return BusinessCalendar.from_dict(
        {"timezone": "Europe/London", "hours": WEEKDAYS_9_17, **extra}
    )


def test_deadline_that_uses_up_a_day_lands_at_closing_time() -> None:
    cal = weekday_cal()
    start = datetime(2026, 3, 2, 16, tzinfo=LONDON)
    assert cal.add(start, timedelta(hours=1)) == datetime(2026, 3, 2, 17, tzinfo=LONDON)


def test_subtract_lands_on_an_opening_moment_never_the_previous_close() -> None:
    cal = weekday_cal()
    deadline = datetime(2026, 3, 3, 10, tzinfo=LONDON)
    assert cal.subtract(deadline, timedelta(hours=2)) == datetime(2026, 3, 2, 16, tzinfo=LONDON)
    assert cal.subtract(deadline, timedelta(hours=1)) == datetime(2026, 3, 3, 9, tzinfo=LONDON)


def test_add_of_zero_returns_start_in_the_calendars_zone() -> None:
    cal = weekday_cal()
    start = datetime(2026, 3, 7, 12, tzinfo=UTC)
    got = cal.add(start, timedelta(0))
    assert got == start
    assert got.tzinfo is LONDON


def test_elapsed_is_negative_backwards_and_exact_to_the_microsecond() -> None:
    cal = weekday_cal()
    a = datetime(2026, 3, 2, 9, 0, 0, 1, tzinfo=LONDON)
    b = datetime(2026, 3, 2, 9, 0, 1, tzinfo=LONDON)
    assert cal.elapsed(a, b) == timedelta(microseconds=999_999)
    assert cal.elapsed(b, a) == -timedelta(microseconds=999_999)


def test_spring_forward_night_shift_is_seven_hours_and_fall_back_nine() -> None:
    cal = BusinessCalendar.from_dict(
        {"timezone": "Europe/London", "hours": {"sat": [["22:00", "06:00"]]}}
    )
    spring = datetime(2026, 3, 28, 12, tzinfo=LONDON)
    autumn = datetime(2026, 10, 24, 12, tzinfo=LONDON)
    day = timedelta(days=1)
    assert cal.elapsed(spring, spring + day) == timedelta(hours=7)
    assert cal.elapsed(autumn, autumn + day) == timedelta(hours=9)


def test_skipped_wall_times_are_never_open() -> None:
    cal = BusinessCalendar.from_dict(
        {"timezone": "America/New_York", "hours": {"sun": [["02:00", "03:00"]]}}
    )
    night = datetime(2026, 3, 8, tzinfo=ZoneInfo("America/New_York"))
    assert cal.elapsed(night, night + timedelta(hours=12)) == timedelta(0)
    assert cal.next_open(night) == datetime(2026, 3, 15, 2, tzinfo=ZoneInfo("America/New_York"))


def test_adjacent_intervals_are_one_stretch_for_next_close() -> None:
    cal = BusinessCalendar.from_dict(
        {"timezone": "UTC", "hours": {"mon": [["18:00", "24:00"]], "tue": [["00:00", "06:00"]]}}
    )
    at = datetime(2026, 3, 2, 19, tzinfo=UTC)
    assert cal.next_close(at) == datetime(2026, 3, 3, 6, tzinfo=UTC)
    night = BusinessCalendar.from_dict(
        {"timezone": "UTC", "hours": {"mon": [["22:00", "02:00"]], "tue": [["02:00", "05:00"]]}}
    )
    assert night.next_close(datetime(2026, 3, 2, 23, tzinfo=UTC)) == datetime(
        2026, 3, 3, 5, tzinfo=UTC
    )


def test_always_open_never_closes_and_adds_real_time() -> None:
    cal = BusinessCalendar.always_open("Asia/Seoul")
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert cal.next_close(at) is None
    assert cal.add(at, timedelta(days=400)) == at + timedelta(days=400)
    assert cal.add(at, timedelta(days=400)).tzinfo is SEOUL


def test_a_calendar_with_no_hours_never_opens() -> None:
    cal = BusinessCalendar.from_dict({"timezone": "UTC", "hours": {}})
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert cal.next_open(at) is None
    assert cal.next_close(at) is None
    assert cal.intervals(at, at + timedelta(days=30)) == ()
    with pytest.raises(ValidationError, match="not open"):
        cal.add(at, timedelta(hours=1))


def test_an_override_beats_a_holiday_and_an_empty_one_closes_the_day() -> None:
    cal = weekday_cal(
        holidays=["2026-12-24"], overrides={"2026-12-24": [["09:00", "13:00"]], "2026-12-23": []}
    )
    assert cal.is_open(datetime(2026, 12, 24, 12, tzinfo=LONDON))
    assert not cal.is_open(datetime(2026, 12, 24, 14, tzinfo=LONDON))
    assert not cal.is_open(datetime(2026, 12, 23, 12, tzinfo=LONDON))


def test_rrule_holidays_apply_every_year() -> None:
    cal = weekday_cal(
        holidays=[{"rrule": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "dtstart": "2020-01-01"}]
    )
    for year in (2026, 2030, 2100):
        christmas = datetime(year, 12, 25, 12, tzinfo=LONDON)
        assert not cal.is_open(christmas) or christmas.weekday() >= 5


def test_long_spans_skip_whole_years_exactly() -> None:
    cal = weekday_cal(holidays=["2027-01-01"])
    start = datetime(2026, 3, 2, 9, tzinfo=LONDON)
    due = cal.add(start, timedelta(hours=8000))
    assert cal.elapsed(start, due) == timedelta(hours=8000)
    assert cal.subtract(due, timedelta(hours=8000)) == start


def test_intervals_are_clipped_to_the_window() -> None:
    cal = weekday_cal()
    got = cal.intervals(
        datetime(2026, 3, 2, 12, tzinfo=LONDON), datetime(2026, 3, 3, 10, tzinfo=LONDON)
    )
    assert got == (
        (datetime(2026, 3, 2, 12, tzinfo=LONDON), datetime(2026, 3, 2, 17, tzinfo=LONDON)),
        (datetime(2026, 3, 3, 9, tzinfo=LONDON), datetime(2026, 3, 3, 10, tzinfo=LONDON)),
    )


def test_dateutil_zones_are_accepted() -> None:
    zone = dateutil_tz.gettz("Europe/London")
    assert zone is not None
    cal = BusinessCalendar(timezone=zone, hours=weekday_cal().hours)
    start = datetime(2026, 3, 27, 16, tzinfo=LONDON)
    assert cal.add(start, timedelta(hours=2)) == weekday_cal().add(start, timedelta(hours=2))
    with pytest.raises(ValidationError, match="IANA name"):
        cal.to_dict()


# ------------------------------------------------------------------- values
def test_calendars_are_frozen_values_that_pickle_and_round_trip() -> None:
    cal = weekday_cal(
        holidays=[
            "2026-12-25",
            {"rrule": "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "dtstart": "2026-01-01"},
        ],
        overrides={"2026-12-24": [["09:00", "13:00"]]},
    )
    assert BusinessCalendar.from_dict(cal.to_dict()) == cal
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert type(cal).__module__ == "cxcore.sla"
    assert repr(cal).startswith("BusinessCalendar(")
    with pytest.raises(AttributeError):
        cal.timezone = UTC  # type: ignore[misc]


def test_to_dict_writes_seconds_only_when_needed() -> None:
    cal = BusinessCalendar.from_dict(
        {"timezone": "UTC", "hours": {"mon": [["09:00:30", "24:00"]], "fri": [["22:00", "06:00"]]}}
    )
    assert cal.to_dict() == {
        "timezone": "UTC",
        "hours": {"mon": [["09:00:30", "24:00"]], "fri": [["22:00", "06:00"]]},
    }


def test_the_toml_and_json_examples_load_to_the_same_calendar() -> None:
    pytest.importorskip("holidays")  # the examples list Korean public holidays
    from_toml = BusinessCalendar.load(EXAMPLES / "calendar.toml")
    from_json = BusinessCalendar.load(EXAMPLES / "calendar.json")
    assert from_toml == from_json
    assert from_toml.timezone == SEOUL


# ------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("doc", "path", "words"),
    [
        ({"hours": {}}, "", "timezone"),
        ({"timezone": "Mars/Olympus", "hours": {}}, "timezone", "unknown time zone"),
        ({"timezone": "UTC", "hour": {}}, "hour", "unknown key"),
        ({"timezone": "UTC", "hours": {"monday": []}}, "hours.monday", "unknown key"),
        ({"timezone": "UTC", "hours": {"mon": [["09:00", "17:00"], ["18:00", "25:00"]]}},
         "hours.mon[1][1]", '"25:00" is not a time of day; use HH:MM from 00:00 to 24:00'),
        ({"timezone": "UTC", "hours": {"mon": [["9am", "17:00"]]}}, "hours.mon[0][0]", "HH:MM"),
        ({"timezone": "UTC", "hours": {"mon": [["09:00", "09:00"]]}},
         "hours.mon[0]", "00:00–24:00"),
        ({"timezone": "UTC", "hours": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}},
         "hours.mon[1]", "overlaps"),
        ({"timezone": "UTC", "hours": {"mon": [["22:00", "06:00"]], "tue": [["05:00", "09:00"]]}},
         "hours.mon[0]", "runs into tue"),
        ({"timezone": "UTC", "hours": {"mon": [["24:00", "24:00"]]}}, "hours.mon[0][0]", "24:00"),
        ({"timezone": "UTC", "hours": {"mon": "09:00-17:00"}}, "hours.mon", "list"),
        ({"timezone": "UTC", "holidays": ["2026-02-30"]}, "holidays[0]", "not a date"),
        ({"timezone": "UTC", "holidays": [{"rrule": "FREQ=SOMETIMES", "dtstart": "2026-01-01"}]},
         "holidays[0].rrule", "recurrence rule"),
        ({"timezone": "UTC", "holidays": [{"rrule": "FREQ=HOURLY", "dtstart": "2026-01-01"}]},
         "holidays[0].rrule", "DAILY"),
        ({"timezone": "UTC", "holidays": [{"rrule": "FREQ=DAILY"}]}, "holidays[0]", "dtstart"),
        ({"timezone": "UTC", "holidays": [{"moon": "full"}]}, "holidays[0]", "country, rrule"),
        ({"timezone": "UTC", "overrides": {"2026-13-01": []}},
         "overrides.2026-13-01", "not a date"),
        ({"timezone": "UTC", "hours": {"wed": [["22:00", "06:00"]]},
          "overrides": {"2026-12-24": [["05:00", "09:00"]]}}, "overrides.2026-12-24", "overnight"),
    ],
)  # fmt: skip
def test_bad_documents_are_config_errors_naming_the_path(
    doc: dict[str, Any], path: str, words: str
) -> None:
    with pytest.raises(ConfigError) as info:
        BusinessCalendar.from_dict(doc)
    assert info.value.path == path
    assert words in str(info.value)


def test_load_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "cal.toml"
    bad.write_text('timezone = "UTC"\n[hours]\nmon = [["09:00", "25:00"]]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        BusinessCalendar.load(bad)
    assert info.value.source == str(bad)
    assert info.value.path == "hours.mon[0][1]"


@pytest.mark.parametrize("method", ["is_open", "next_open", "next_close"])
def test_naive_datetimes_are_validation_errors_naming_the_argument(method: str) -> None:
    with pytest.raises(ValidationError, match=r"^at must be timezone-aware"):
        getattr(weekday_cal(), method)(datetime(2026, 3, 2, 9))


def test_add_rejects_negative_durations_and_naive_starts() -> None:
    cal = weekday_cal()
    start = datetime(2026, 3, 2, 9, tzinfo=LONDON)
    with pytest.raises(ValidationError, match=r"^d must be zero or positive"):
        cal.add(start, timedelta(hours=-1))
    with pytest.raises(ValidationError, match=r"^d must be a datetime.timedelta"):
        cal.add(start, 3600)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^start must be timezone-aware"):
        cal.add(datetime(2026, 3, 2, 9), timedelta(hours=1))
    with pytest.raises(ValidationError, match=r"^end must be timezone-aware"):
        cal.elapsed(start, datetime(2026, 3, 2, 9))
    with pytest.raises(ValidationError, match="outside the years"):
        cal.is_open(datetime(1, 1, 2, tzinfo=UTC))


def test_constructor_arguments_are_validated() -> None:
    with pytest.raises(ValidationError, match=r"hours\.mon\[0\]\[1\]"):
        BusinessCalendar(timezone="UTC", hours={"mon": [["09:00", "25:00"]]})
    with pytest.raises(ValidationError, match="timezone"):
        BusinessCalendar(timezone="Nowhere/Else", hours={})


# ----------------------------------------------------------- holiday sources
def test_holiday_sources_are_a_registry_with_the_built_ins() -> None:
    assert holiday_sources.group == "cxcore.holidays"
    assert {"country", "rrule"} <= set(holiday_sources.names())


def test_a_plugin_holiday_source_plugs_in_through_the_registry() -> None:
    import attrs

    @attrs.frozen
    class FirstMonday:
        def dates(self, first_year: int, last_year: int) -> list[date]:
            out = []
            for year in range(first_year, last_year + 1):
                for month in range(1, 13):
                    d = date(year, month, 1)
                    out.append(d + timedelta(days=(7 - d.weekday()) % 7))
            return out

        def to_dict(self) -> dict[str, Any]:
            return {"first_monday": True}

    holiday_sources.register("first_monday", lambda entry, path: FirstMonday())
    try:
        cal = weekday_cal(holidays=[{"first_monday": True}])
        assert isinstance(cal.holidays[0], HolidaySource)
        assert not cal.is_open(datetime(2026, 3, 2, 10, tzinfo=LONDON))
        assert cal.is_open(datetime(2026, 3, 9, 10, tzinfo=LONDON))
    finally:
        holiday_sources.unregister("first_monday")


def test_country_holidays_include_substitute_days() -> None:
    pytest.importorskip("holidays")
    cal = BusinessCalendar.from_dict(
        {"timezone": "Asia/Seoul",
         "hours": {k: [["09:00", "18:00"]] for k in ("mon", "tue", "wed", "thu", "fri")},
         "holidays": [{"country": "KR"}]}
    )  # fmt: skip
    # 2025-10-03 National Foundation Day (Fri); Chuseok 2025-10-05..07 with a substitute on 10-08.
    for day in (3, 6, 7, 8):
        assert not cal.is_open(datetime(2025, 10, day, 10, tzinfo=SEOUL)), day
    assert cal.is_open(datetime(2025, 10, 10, 10, tzinfo=SEOUL))
    assert BusinessCalendar.from_dict(cal.to_dict()) == cal


def test_unknown_countries_are_config_errors() -> None:
    pytest.importorskip("holidays")
    with pytest.raises(ConfigError) as info:
        BusinessCalendar.from_dict({"timezone": "UTC", "holidays": [{"country": "ZZ"}]})
    assert info.value.path == "holidays[0].country"


def test_country_holidays_without_the_extra_say_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "holidays", None)
    with pytest.raises(ConfigError, match=r"install cxcore\[holidays\]"):
        BusinessCalendar.from_dict({"timezone": "UTC", "holidays": [{"country": "KR"}]})


def test_results_in_a_repeated_hour_carry_the_second_fold() -> None:
    cal = BusinessCalendar.always_open("Europe/London")
    first_pass = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST
    got = cal.add(first_pass, timedelta(hours=1))  # 01:30 GMT, the wall time again
    assert got - datetime(2026, 10, 25, 1, 30, tzinfo=UTC) == timedelta(0)
    assert (got.hour, got.minute, got.fold) == (1, 30, 1)
    assert got.utcoffset() == timedelta(0)


def test_pytz_zones_convert_through_the_zone() -> None:
    pytz = pytest.importorskip("pytz")
    cal = BusinessCalendar(timezone=pytz.timezone("Europe/London"), hours=weekday_cal().hours)
    start = datetime(2026, 3, 27, 16, tzinfo=LONDON)
    got = cal.add(start, timedelta(hours=2))
    assert got - datetime(2026, 3, 30, 10, tzinfo=LONDON) == timedelta(0)
    assert got.utcoffset() == timedelta(hours=1)
