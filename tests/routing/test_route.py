"""Follow-the-sun routing: handovers across time zones and DST, holidays, matching, breaches."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cxcore import Customer, Interaction, ValidationError, events
from cxcore.routing import (
    LocaleMatch,
    RouteChoice,
    RouteReason,
    Team,
    Teams,
    route,
)
from cxcore.sla import BusinessCalendar, Metric, SlaPolicy

SEOUL = ZoneInfo("Asia/Seoul")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _calendar(zone: str, start: str, end: str, holidays: list[str] | None = None) -> dict[str, Any]:
    return {
        "timezone": zone,
        "hours": {day: [[start, end]] for day in WEEKDAYS},
        "holidays": holidays or [],
    }


# In winter the three desks hand over exactly: Seoul 00-08 UTC, Berlin 08-16, New York 16-24.
FOLLOW_THE_SUN = Teams.from_dict(
    {
        "teams": [
            {
                "id": "seoul",
                "calendar": _calendar(
                    "Asia/Seoul", "09:00", "17:00", ["2026-02-16", "2026-02-17", "2026-02-18"]
                ),
                "locales": ["en"],
                "channels": ["email", "chat"],
            },
            {
                "id": "berlin",
                "calendar": _calendar("Europe/Berlin", "09:00", "17:00"),
                "locales": ["en-GB"],
                "channels": ["email", "chat"],
            },
            {
                "id": "new-york",
                "calendar": _calendar("America/New_York", "11:00", "19:00"),
                "locales": ["en-US"],
                "channels": ["email", "chat"],
            },
        ]
    }
)


def _ix(at: datetime, *, locale: str | None = "en", channel: str = "email") -> Interaction:
    ix = Interaction.open(
        id="T-1", channel=channel, at=at, customer=Customer(id="c-1", locale=locale)
    )
    return ix.record(events.CustomerMessage(at=at, text="Where is my parcel?"))


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _order(choices: tuple[RouteChoice, ...]) -> list[str]:
    return [c.team.id for c in choices]


# Handover moments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "first"),
    [
        # Winter (Tue 13 Jan 2026): exact handovers, half-open intervals.
        (_utc(2026, 1, 13, 7, 59, 59, 999999), "seoul"),
        (_utc(2026, 1, 13, 8, 0), "berlin"),  # Seoul 17:00 closed, Berlin 09:00 open
        (_utc(2026, 1, 13, 16, 0), "new-york"),  # Berlin 17:00 closed, New York 11:00 open
        (_utc(2026, 1, 14, 0, 0), "seoul"),  # New York 19:00 closed, Seoul 09:00 open
        # Europe back to winter time, the US not yet (Mon 26 Oct 2026).
        (_utc(2026, 10, 26, 15, 0), "new-york"),  # both open; New York closes later
        # Both back to winter time (Mon 2 Nov 2026): New York opens at 16:00 UTC again.
        (_utc(2026, 11, 2, 15, 0), "berlin"),
        (_utc(2026, 11, 2, 16, 0), "new-york"),
        # Summer time on both sides (Mon 30 Mar 2026): Berlin 07-15 UTC, New York 15-23.
        (_utc(2026, 3, 30, 15, 0), "new-york"),
    ],
)
def test_the_open_team_is_chosen_exactly_at_handover_moments(moment: datetime, first: str) -> None:
    choices = route(_ix(moment), FOLLOW_THE_SUN, at=moment)
    assert choices[0].team.id == first
    assert choices[0].open_now
    assert RouteReason.OPEN in choices[0].reasons
    assert sum(c.open_now for c in choices) >= 1


def test_a_team_closing_at_the_handover_moment_is_closed_then() -> None:
    moment = _utc(2026, 1, 13, 8, 0)  # Seoul 17:00, Berlin 09:00
    by_id = {c.team.id: c for c in route(_ix(moment), FOLLOW_THE_SUN, at=moment)}
    assert not by_id["seoul"].open_now
    assert by_id["seoul"].opens_at == datetime(2026, 1, 14, 9, 0, tzinfo=SEOUL)
    assert by_id["berlin"].open_now
    assert by_id["berlin"].opens_at == moment
    assert by_id["berlin"].closes_at == datetime(2026, 1, 13, 17, 0, tzinfo=BERLIN)


def test_between_the_us_and_eu_changes_the_desks_overlap_and_leave_a_gap() -> None:
    # Tue 10 Mar 2026: New York is on EDT (15-23 UTC), Berlin still on CET (08-16 UTC).
    overlap = _utc(2026, 3, 10, 15, 30)
    choices = route(_ix(overlap, locale="en-IE"), FOLLOW_THE_SUN, at=overlap)
    assert _order(choices)[:2] == ["new-york", "berlin"]  # same locale fit: later closing first
    assert choices[0].closes_at == datetime(2026, 3, 10, 19, 0, tzinfo=NEW_YORK)
    gap = _utc(2026, 3, 10, 23, 30)  # New York closed at 23:00 UTC, Seoul opens at 00:00
    choices = route(_ix(gap), FOLLOW_THE_SUN, at=gap)
    assert not any(c.open_now for c in choices)
    assert _order(choices) == ["seoul", "berlin", "new-york"]
    assert [c.opens_at for c in choices] == [
        _utc(2026, 3, 11, 0, 0),
        _utc(2026, 3, 11, 8, 0),
        _utc(2026, 3, 11, 15, 0),
    ]


def test_on_the_eu_change_day_berlin_opens_an_hour_earlier_in_utc() -> None:
    before = _utc(2026, 3, 27, 7, 30)  # Fri, CET: Berlin opens 08:00 UTC
    after = _utc(2026, 3, 30, 7, 30)  # Mon, CEST: Berlin opened 07:00 UTC
    ix = _ix(before, locale="en-GB")
    assert route(ix, FOLLOW_THE_SUN, at=before)[0].team.id != "berlin"
    first = route(ix, FOLLOW_THE_SUN, at=after)[0]
    assert first.team.id == "berlin"  # Seoul is open too, but en-GB fits Berlin exactly
    assert first.matches.locale is LocaleMatch.EXACT


def test_when_all_are_closed_the_earliest_opening_team_comes_first() -> None:
    # Sat 14 Mar 2026 12:00 UTC: everyone is off until Monday; Seoul's Monday starts first.
    moment = _utc(2026, 3, 14, 12, 0)
    choices = route(_ix(moment), FOLLOW_THE_SUN, at=moment)
    assert _order(choices) == ["seoul", "berlin", "new-york"]
    assert all(RouteReason.CLOSED in c.reasons for c in choices)
    assert choices[0].opens_at == datetime(2026, 3, 16, 9, 0, tzinfo=SEOUL)


def test_a_korean_holiday_given_as_a_date_closes_seoul() -> None:
    # Seollal, Tue 17 Feb 2026 09:30 in Seoul: Seoul is closed until Thursday.
    moment = datetime(2026, 2, 17, 9, 30, tzinfo=SEOUL)
    choices = route(_ix(moment), FOLLOW_THE_SUN, at=moment)
    assert _order(choices) == ["berlin", "new-york", "seoul"]
    assert choices[-1].opens_at == datetime(2026, 2, 19, 9, 0, tzinfo=SEOUL)
    assert choices[0].opens_at == datetime(2026, 2, 17, 9, 0, tzinfo=BERLIN)


# Would-breach ----------------------------------------------------------------------------

FIRST_HOUR = SlaPolicy.from_dict(
    {"name": "one-hour", "targets": [{"metric": "first_response", "within": "1h"}]}
)


def test_waiting_for_a_closed_team_flags_a_first_response_breach() -> None:
    opened = _utc(2026, 3, 10, 23, 30)  # in the gap; due at 00:30 UTC
    choices = route(_ix(opened), FOLLOW_THE_SUN, at=opened, sla=FIRST_HOUR)
    by_id = {c.team.id: c for c in choices}
    assert by_id["seoul"].would_breach is None  # opens 00:00 UTC, before the due moment
    risk = by_id["berlin"].would_breach
    assert risk is not None
    assert risk.metric is Metric.FIRST_RESPONSE
    assert risk.due_at == _utc(2026, 3, 11, 0, 30)
    assert risk.starts_at == _utc(2026, 3, 11, 8, 0)
    assert RouteReason.WOULD_BREACH in by_id["berlin"].reasons
    assert not risk.overdue


def test_an_already_missed_target_is_flagged_overdue_on_every_team() -> None:
    opened = _utc(2026, 3, 10, 20, 0)  # due 21:00 UTC; New York is open until 23:00
    late = _utc(2026, 3, 10, 22, 0)
    choices = route(_ix(opened), FOLLOW_THE_SUN, at=late, sla=FIRST_HOUR)
    assert choices[0].team.id == "new-york"
    assert choices[0].open_now
    assert all(c.would_breach is not None and c.would_breach.overdue for c in choices)
    assert choices[0].would_breach is not None
    assert choices[0].would_breach.starts_at == late
    assert "already due" in choices[0].describe("en")
    assert "이미 지남" in choices[0].describe("ko")


def test_opening_exactly_at_the_due_moment_does_not_breach() -> None:
    opened = _utc(2026, 3, 10, 23, 0)  # due 00:00 UTC, when Seoul opens
    by_id = {c.team.id: c for c in route(_ix(opened), FOLLOW_THE_SUN, at=opened, sla=FIRST_HOUR)}
    assert by_id["seoul"].would_breach is None
    later = SlaPolicy.from_dict(
        {"name": "59m", "targets": [{"metric": "first_response", "within": "59m"}]}
    )
    by_id = {c.team.id: c for c in route(_ix(opened), FOLLOW_THE_SUN, at=opened, sla=later)}
    assert by_id["seoul"].would_breach is not None


def test_the_next_response_clock_is_used_after_the_first_reply() -> None:
    t0 = _utc(2026, 3, 10, 22, 0)
    ix = _ix(t0).record_all(
        [
            events.AgentReply(at=t0 + timedelta(minutes=10), agent="a-1", text="On it."),
            events.CustomerMessage(at=_utc(2026, 3, 10, 23, 30), text="Any news?"),
        ]
    )
    policy = SlaPolicy.from_dict(
        {
            "name": "p",
            "targets": [
                {"metric": "first_response", "within": "1h"},
                {"metric": "next_response", "within": "2h"},
            ],
        }
    )
    moment = _utc(2026, 3, 10, 23, 45)
    by_id = {c.team.id: c for c in route(ix, FOLLOW_THE_SUN, at=moment, sla=policy)}
    risk = by_id["berlin"].would_breach
    assert risk is not None
    assert risk.metric is Metric.NEXT_RESPONSE
    assert risk.due_at == _utc(2026, 3, 11, 1, 30)
    assert by_id["seoul"].would_breach is None


def test_no_running_response_clock_means_no_breach_flag() -> None:
    t0 = _utc(2026, 3, 10, 22, 0)
    ix = _ix(t0).record(events.AgentReply(at=t0, agent="a-1", text="Done."))
    choices = route(ix, FOLLOW_THE_SUN, at=_utc(2026, 3, 10, 23, 30), sla=FIRST_HOUR)
    assert all(c.would_breach is None for c in choices)


def test_a_host_can_prefer_an_open_team_in_another_language_over_a_breach() -> None:
    teams = [
        Team(
            id="seoul-ko",
            calendar=BusinessCalendar.from_dict(_calendar("Asia/Seoul", "09:00", "18:00")),
            locales=["ko"],
        ),
        Team(
            id="new-york",
            calendar=BusinessCalendar.from_dict(_calendar("America/New_York", "09:00", "18:00")),
            locales=["en-US"],
        ),
    ]
    moment = datetime(2026, 3, 10, 10, 0, tzinfo=NEW_YORK)  # 23:00 in Seoul
    choices = route(_ix(moment, locale="ko-KR"), teams, at=moment, sla=FIRST_HOUR)
    assert _order(choices) == ["seoul-ko", "new-york"]  # the full match ranks first
    assert choices[0].would_breach is not None
    fallback = next(c for c in choices if c.would_breach is None)
    assert fallback.team.id == "new-york"
    assert fallback.open_now
    assert fallback.matches.locale is LocaleMatch.NONE


# Matching --------------------------------------------------------------------------------

ALWAYS = BusinessCalendar.always_open()


def _team(team_id: str, **kwargs: Any) -> Team:
    return Team(id=team_id, calendar=ALWAYS, **kwargs)


def test_locale_matches_by_language_preferring_the_region() -> None:
    teams = [
        _team("us", locales=["en-US"]),
        _team("gb", locales=["en-GB"]),
        _team("en", locales=["en"]),
        _team("any", locales=["*"]),
        _team("de", locales=["de"]),
        _team("fr-ca", locales=["fr-CA", "en-US", "en"]),  # its best locale counts
    ]
    at = _utc(2026, 5, 4, 12, 0)
    choices = route(_ix(at, locale="en-GB"), teams, at=at)
    assert _order(choices) == ["gb", "en", "fr-ca", "us", "any", "de"]
    assert [c.matches.locale for c in choices] == [
        LocaleMatch.EXACT,
        LocaleMatch.LANGUAGE,
        LocaleMatch.LANGUAGE,
        LocaleMatch.OTHER_REGION,
        LocaleMatch.ANY,
        LocaleMatch.NONE,
    ]
    assert RouteReason.LOCALE_OTHER_REGION in choices[3].reasons
    assert RouteReason.LOCALE_MISMATCH in choices[-1].reasons
    assert choices[-1].matches.count == 2


def test_a_language_team_serves_every_region_of_it() -> None:
    at = _utc(2026, 5, 4, 12, 0)
    teams = [_team("ko", locales=["ko"]), _team("ko-kr", locales=["ko-KR"])]
    assert [c.matches.locale for c in route(_ix(at, locale="ko-KR"), teams, at=at)] == [
        LocaleMatch.EXACT,
        LocaleMatch.LANGUAGE,
    ]
    assert [c.matches.locale for c in route(_ix(at, locale="ko"), teams, at=at)] == [
        LocaleMatch.EXACT,
        LocaleMatch.LANGUAGE,
    ]


def test_a_customer_without_a_locale_is_matched_by_every_team() -> None:
    at = _utc(2026, 5, 4, 12, 0)
    choices = route(_ix(at, locale=None), [_team("b", locales=["ko"]), _team("a")], at=at)
    assert _order(choices) == ["a", "b"]  # "*" fits before "unknown"
    assert choices[1].matches.locale is LocaleMatch.UNKNOWN
    assert all(c.matches.full for c in choices)


def test_the_channel_is_the_latest_customer_message_channel() -> None:
    at = _utc(2026, 5, 4, 12, 0)
    teams = [_team("mail", channels=["email"]), _team("voice", channels=["phone"])]
    ix = _ix(at, channel="email")
    assert route(ix, teams, at=at)[0].team.id == "mail"
    moved = ix.record(events.CustomerMessage(at=at, text="Call me", channel="phone"))
    choices = route(moved, teams, at=at)
    assert choices[0].team.id == "voice"
    assert RouteReason.CHANNEL_MISMATCH in choices[1].reasons


def test_skill_tags_count_only_when_some_team_lists_them() -> None:
    at = _utc(2026, 5, 4, 12, 0)
    teams = [
        _team("generalist"),
        _team("billing", tags=["billing"]),
        _team("billing-refund", tags=["billing", "refund"]),
    ]
    ix = _ix(at).record_all(
        [
            events.Tagged(at=at, tag="refund"),
            events.Tagged(at=at, tag="billing"),
            events.Tagged(at=at, tag="vip"),  # no team lists it: not a skill
        ]
    )
    choices = route(ix, teams, at=at)
    assert _order(choices) == ["billing-refund", "billing", "generalist"]
    assert choices[0].matches.full
    assert choices[0].matches.tags == frozenset({"billing", "refund"})
    assert choices[1].matches.missing_tags == frozenset({"refund"})
    assert choices[2].matches.count == 2


def test_more_matched_criteria_outrank_being_open() -> None:
    at = _utc(2026, 5, 4, 12, 0)  # Monday; "night" opens 22:00 UTC
    night = Team(
        id="night",
        calendar=BusinessCalendar.from_dict(_calendar("UTC", "22:00", "23:00")),
        locales=["ko"],
    )
    open_other = _team("open-other", locales=["de"])
    choices = route(_ix(at, locale="ko"), [open_other, night], at=at)
    assert _order(choices) == ["night", "open-other"]


def test_a_team_at_capacity_ranks_after_closed_teams_that_match() -> None:
    at = _utc(2026, 3, 14, 12, 0)  # Saturday: the follow-the-sun desks are closed
    full = _team("busy", locales=["en"], channels=["email"], capacity=2)
    teams = [*FOLLOW_THE_SUN, full]
    choices = route(_ix(at), teams, at=at, load={"busy": 2})
    assert _order(choices) == ["seoul", "berlin", "new-york", "busy"]
    assert choices[-1].at_capacity
    assert choices[-1].open_now
    assert not choices[-1].available
    assert RouteReason.AT_CAPACITY in choices[-1].reasons
    roomy = route(_ix(at), teams, at=at, load={"busy": 1})
    assert roomy[0].team.id == "busy"


def test_ties_are_broken_by_team_id() -> None:
    at = _utc(2026, 5, 4, 12, 0)
    teams = [_team("c"), _team("a"), _team("b")]
    assert _order(route(_ix(at), teams, at=at)) == ["a", "b", "c"]
    assert _order(route(_ix(at), list(reversed(teams)), at=at)) == ["a", "b", "c"]


def test_route_sees_only_events_up_to_at() -> None:
    t0 = _utc(2026, 5, 4, 12, 0)
    teams = [_team("mail", channels=["email"]), _team("voice", channels=["phone"])]
    ix = _ix(t0).record(
        events.CustomerMessage(at=t0 + timedelta(hours=1), text="Call me", channel="phone")
    )
    assert route(ix, teams, at=t0)[0].team.id == "mail"
    assert route(ix, teams, at=t0 + timedelta(hours=1))[0].team.id == "voice"


# Values and errors -----------------------------------------------------------------------


def test_choices_pickle_and_describe_themselves_in_english_and_korean() -> None:
    moment = _utc(2026, 3, 10, 23, 30)
    choices = route(_ix(moment), FOLLOW_THE_SUN, at=moment, sla=FIRST_HOUR)
    assert pickle.loads(pickle.dumps(choices)) == choices
    english = choices[1].describe("en")
    korean = choices[1].describe("ko-KR")
    assert english.startswith("berlin: closed, opens Wed 2026-03-11 09:00 Europe/Berlin")
    assert "first response" in english
    assert korean.startswith("berlin: ")
    assert "Europe/Berlin" in korean
    assert "첫 응답" in korean  # the metric, translated
    assert korean != english


def test_bad_arguments_are_validation_errors() -> None:
    at = _utc(2026, 5, 4, 12, 0)
    ix = _ix(at)
    with pytest.raises(ValidationError, match="at must be timezone-aware"):
        route(ix, FOLLOW_THE_SUN, at=datetime(2026, 5, 4, 12, 0))
    with pytest.raises(ValidationError, match="teams"):
        route(ix, ["seoul"], at=at)  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="load"):
        route(ix, FOLLOW_THE_SUN, at=at, load={"seoul": -1})
    with pytest.raises(ValidationError, match="sla"):
        route(ix, FOLLOW_THE_SUN, at=at, sla={"name": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="ix"):
        route("T-1", FOLLOW_THE_SUN, at=at)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="before the interaction opened"):
        route(ix, FOLLOW_THE_SUN, at=at - timedelta(hours=1))


def test_korean_public_holidays_from_the_holidays_extra_close_seoul() -> None:
    pytest.importorskip("holidays")
    calendar = _calendar("Asia/Seoul", "09:00", "18:00")
    calendar["holidays"] = [{"country": "KR"}]
    teams = Teams.from_dict({"teams": [{"id": "seoul", "calendar": calendar, "locales": ["ko"]}]})
    chuseok_eve = datetime(2026, 9, 24, 10, 0, tzinfo=SEOUL)  # Thursday
    (choice,) = route(_ix(chuseok_eve, locale="ko-KR"), teams, at=chuseok_eve)
    assert not choice.open_now
    assert choice.opens_at == datetime(2026, 9, 28, 9, 0, tzinfo=SEOUL)  # after the weekend
    hangul_day = datetime(2026, 10, 9, 10, 0, tzinfo=SEOUL)  # Friday
    (choice,) = route(_ix(hangul_day, locale="ko-KR"), teams, at=hangul_day)
    assert choice.opens_at == datetime(2026, 10, 12, 9, 0, tzinfo=SEOUL)
