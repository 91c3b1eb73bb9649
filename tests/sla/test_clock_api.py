"""Clock and SlaReport as values: status lines, when_elapsed, pickling, argument errors."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore import Customer, Interaction, ValidationError, events
from cxcore.sla import ClockState, Metric, SlaPolicy

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2026, 3, 2, 9, tzinfo=SEOUL)  # a Monday
H = timedelta(hours=1)
M = timedelta(minutes=1)
POLICY = SlaPolicy.from_dict(
    {
        "name": "api",
        "calendar": {
            "timezone": "Asia/Seoul",
            "hours": {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        },
        "targets": [
            {"metric": "first_response", "within": "1h"},
            {"metric": "periodic_update", "within": "2h"},
            {"metric": "resolution", "within": "8h"},
        ],
    }
)
IX = Interaction.open(id="T-1", channel="email", at=T0, customer=Customer(id="c-1"))


def test_status_lines_in_korean_and_english() -> None:
    report = POLICY.evaluate(IX, at=T0 + 50 * M)
    first = report[Metric.FIRST_RESPONSE]
    assert first.describe("en").startswith(
        "First response: at risk, 10 minutes left (due Mar 2, 2026, 10:00:00"
    )
    assert first.describe("ko-KR").startswith("첫 응답: 위험, 10분 남음 (기한 2026. 3. 2.")
    resolution = report[Metric.RESOLUTION]
    assert resolution.describe("ko").startswith("해결: 진행 중, 7시간 10분 남음")
    assert resolution.describe("en").startswith("Resolution: running, 7 hours, 10 minutes left")


def test_status_lines_for_every_state() -> None:
    ix = IX.record_all(
        [
            events.AgentReply(at=T0 + 90 * M, agent="a-1", text="..."),
            events.StatusChanged(at=T0 + 2 * H, status="pending"),
        ]
    )
    report = POLICY.evaluate(ix, at=T0 + 3 * H)
    assert report[Metric.FIRST_RESPONSE].state is ClockState.BREACHED
    assert (
        report[Metric.FIRST_RESPONSE]
        .describe("en")
        .startswith("First response: breached at Mar 2, 2026")
    )
    assert "1 hour, 30 minutes of 1 hour used" in report[Metric.FIRST_RESPONSE].describe("en")
    assert report[Metric.FIRST_RESPONSE].describe("ko").startswith("첫 응답: 2026. 3. 2.")
    assert report[Metric.RESOLUTION].describe("en") == "Resolution: paused, 6 hours left"
    assert report[Metric.RESOLUTION].describe("ko") == "해결: 일시 중지, 6시간 남음"
    met = POLICY.evaluate(
        IX.record(events.AgentReply(at=T0 + 20 * M, agent="a", text=".")), at=T0 + H
    )
    assert (
        met[Metric.FIRST_RESPONSE].describe("en")
        == "First response: met (20 minutes of 1 hour used)"
    )
    assert met[Metric.FIRST_RESPONSE].describe("ko") == "첫 응답: 충족 (1시간 중 20분 사용)"


def test_other_locales_fall_back_to_english() -> None:
    clock = POLICY.evaluate(IX, at=T0 + 10 * M)[Metric.RESOLUTION]
    assert clock.describe("fr") == clock.describe("en")
    assert clock.describe("de-DE") == clock.describe("en")


@pytest.mark.parametrize("locale", ["", "xx-nowhere", None, 5])
def test_describe_rejects_a_bad_locale(locale: object) -> None:
    clock = POLICY.evaluate(IX, at=T0)[Metric.RESOLUTION]
    with pytest.raises(ValidationError):
        clock.describe(locale)  # type: ignore[arg-type]


def test_when_elapsed_past_and_future() -> None:
    report = POLICY.evaluate(IX, at=T0 + 30 * M)
    clock = report[Metric.RESOLUTION]
    assert clock.when_elapsed(10 * M) == T0 + 10 * M  # already reached
    assert clock.when_elapsed(9 * H) == datetime(2026, 3, 2, 18, tzinfo=SEOUL)  # closing moment
    assert clock.when_elapsed(10 * H) == datetime(2026, 3, 3, 10, 0, tzinfo=SEOUL)
    assert clock.when_elapsed(clock.target.within) == clock.due_at
    # remaining_below 30 minutes holds from when_elapsed(target - 30 min).
    assert clock.when_elapsed(clock.target.within - 30 * M) == T0 + 7 * H + 30 * M


def test_when_elapsed_of_a_paused_clock_is_none_until_reached() -> None:
    ix = IX.record(events.StatusChanged(at=T0 + H, status="pending"))
    clock = POLICY.evaluate(ix, at=T0 + 2 * H)[Metric.RESOLUTION]
    assert clock.state is ClockState.PAUSED
    assert clock.when_elapsed(30 * M) == T0 + 30 * M
    assert clock.when_elapsed(2 * H) is None


@pytest.mark.parametrize("amount", [-M, 60, None])
def test_when_elapsed_rejects_bad_amounts(amount: object) -> None:
    clock = POLICY.evaluate(IX, at=T0)[Metric.RESOLUTION]
    with pytest.raises(ValidationError):
        clock.when_elapsed(amount)  # type: ignore[arg-type]


def test_reports_and_clocks_pickle_and_compare_equal() -> None:
    report = POLICY.evaluate(IX, at=T0 + 50 * M)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert hash(again) == hash(report)
    assert again[Metric.RESOLUTION].when_elapsed(H) == report[Metric.RESOLUTION].when_elapsed(H)
    assert POLICY.evaluate(IX, at=T0 + 50 * M) == report


def test_evaluate_rejects_naive_and_early_moments() -> None:
    with pytest.raises(ValidationError, match="at"):
        POLICY.evaluate(IX, at=datetime(2026, 3, 2, 10))
    with pytest.raises(ValidationError, match="before the interaction opened"):
        POLICY.evaluate(IX, at=T0 - timedelta(microseconds=1))
    with pytest.raises(ValidationError, match="ix"):
        POLICY.evaluate("T-1", at=T0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        POLICY.evaluate(IX, at="2026-03-02T10:00:00+09:00")  # type: ignore[arg-type]


def test_history_rejects_an_unknown_metric() -> None:
    report = POLICY.evaluate(IX, at=T0)
    with pytest.raises(ValidationError, match="metric"):
        report.history("first_reply")
    assert report.history("next_response") == ()
    assert report.history(Metric.FIRST_RESPONSE) == (report[Metric.FIRST_RESPONSE],)


def test_evaluate_accepts_any_aware_tzinfo() -> None:
    from dateutil import tz

    at = datetime(2026, 3, 2, 0, 30, tzinfo=tz.UTC)
    report = POLICY.evaluate(IX, at=at)
    assert report[Metric.FIRST_RESPONSE].elapsed == 30 * M
    assert report.at.tzinfo == SEOUL
