"""Laws of route(), checked against the brute-force oracle in tests/oracles/routing.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, strategies as st

from cxcore import Customer, Interaction, events
from cxcore.routing import RouteChoice, Teams, route
from tests.oracles.routing import DAYS, Expected, OracleTeam, evaluate

ZONES = ("Asia/Seoul", "Europe/Berlin", "America/New_York")
LOCALES = ("ko", "ko-KR", "en", "en-US", "en-GB", "de")
CUSTOMER_LOCALES = (None, "ko", "ko-KR", "en", "en-US", "en-GB", "de-AT", "fr")
CHANNELS = ("email", "chat", "phone")
SKILLS = ("billing", "refund", "tech")
# The 2026 DST changes (US 8 Mar and 1 Nov, EU 29 Mar and 25 Oct) and ordinary days.
BASE_DAYS = (
    date(2026, 3, 7),
    date(2026, 3, 8),
    date(2026, 3, 9),
    date(2026, 3, 28),
    date(2026, 3, 29),
    date(2026, 3, 30),
    date(2026, 10, 24),
    date(2026, 10, 25),
    date(2026, 10, 26),
    date(2026, 10, 31),
    date(2026, 11, 1),
    date(2026, 11, 2),
    date(2026, 1, 14),
    date(2026, 7, 15),
)


@st.composite
def intervals(draw: st.DrawFn) -> list[tuple[int, int]]:
    if draw(st.integers(0, 3)) == 0:
        return []
    start = draw(st.integers(0, 23))
    end = draw(st.integers(1, 24).filter(lambda e: e != start))
    return [(start, end)]


@st.composite
def oracle_teams(draw: st.DrawFn, base: date) -> list[OracleTeam]:
    count = draw(st.integers(1, 4))
    teams = []
    for index in range(count):
        hours = {day: spans for day in DAYS if (spans := draw(intervals()))}
        for i, day in enumerate(DAYS):
            following = hours.get(DAYS[(i + 1) % 7], [(24, 24)])[0][0]
            if day not in hours:
                continue
            start, end = hours[day][0]
            if end < start and end > following:
                # An overnight shift must end before the next day's hours begin.
                hours[day] = [(start, 24)]
        holidays = draw(
            st.frozensets(st.integers(-3, 3).map(lambda d: base + timedelta(days=d)), max_size=3)
        )
        any_locale = draw(st.booleans())
        locales = (
            ("*",)
            if any_locale
            else tuple(
                draw(st.lists(st.sampled_from(LOCALES), min_size=1, max_size=3, unique=True))
            )
        )
        any_channel = draw(st.integers(0, 3)) == 0
        channels = (
            ("*",)
            if any_channel
            else tuple(
                draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=3, unique=True))
            )
        )
        teams.append(
            OracleTeam(
                id=f"t{draw(st.integers(0, 9))}{index}",
                zone=draw(st.sampled_from(ZONES)),
                hours=hours,
                holidays=holidays,
                locales=locales,
                channels=channels,
                tags=draw(st.frozensets(st.sampled_from(SKILLS))),
                capacity=draw(st.none() | st.integers(0, 3)),
            )
        )
    return teams


@dataclass(frozen=True)
class Case:
    teams: list[OracleTeam]
    at: datetime
    customer_locale: str | None
    channel: str
    tags: frozenset[str]
    load: dict[str, int]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    base = draw(st.sampled_from(BASE_DAYS))
    at = datetime(base.year, base.month, base.day, tzinfo=UTC) + timedelta(
        hours=draw(st.integers(0, 23)), minutes=draw(st.sampled_from((0, 0, 30, 59)))
    )
    teams = list({t.id: t for t in draw(oracle_teams(base))}.values())
    return Case(
        teams=teams,
        at=at,
        customer_locale=draw(st.sampled_from(CUSTOMER_LOCALES)),
        channel=draw(st.sampled_from(CHANNELS)),
        tags=draw(st.frozensets(st.sampled_from((*SKILLS, "vip")))),
        load={t.id: draw(st.integers(0, 3)) for t in teams if draw(st.booleans())},
    )


def _run(case: Case) -> tuple[tuple[RouteChoice, ...], list[Expected]]:
    ix = Interaction.open(
        id="T-1",
        channel=case.channel,
        at=case.at,
        customer=Customer(id="c", locale=case.customer_locale),
    ).record_all([events.Tagged(at=case.at, tag=tag) for tag in sorted(case.tags)])
    document = {"teams": [t.to_dict() for t in case.teams]}
    choices = route(ix, Teams.from_dict(document), at=case.at, load=case.load)
    expected = evaluate(
        case.teams,
        customer_locale=case.customer_locale,
        channel=case.channel,
        tags=case.tags,
        at=case.at,
        load=case.load,
    )
    return choices, expected


def _instant(moment: datetime | None) -> datetime | None:
    # In UTC: an aware datetime inside a repeated hour never equals one in another zone
    # (PEP 495), even when both name the same instant.
    return None if moment is None else moment.astimezone(UTC)


@given(cases())
def test_ranking_equals_the_brute_force_ranking(case: Case) -> None:
    choices, expected = _run(case)
    assert [c.team.id for c in choices] == [e.id for e in expected]
    for choice, exp in zip(choices, expected, strict=True):
        assert choice.open_now == exp.open_now
        assert choice.at_capacity == exp.at_capacity
        assert _instant(choice.opens_at) == exp.opens_at
        assert _instant(choice.closes_at) == exp.closes_at
        assert choice.matches.count == exp.criteria


@given(cases())
def test_an_open_full_match_with_room_comes_first_whenever_one_exists(case: Case) -> None:
    choices, expected = _run(case)
    full = [e for e in expected if e.criteria == 3]
    if any(e.open_now and not e.at_capacity for e in full):
        assert choices[0].available
        assert choices[0].matches.full


@given(cases())
def test_otherwise_the_full_match_opening_earliest_comes_first(case: Case) -> None:
    choices, expected = _run(case)
    full = [e for e in expected if e.criteria == 3]
    waiting = [e.opens_at for e in full if not e.open_now and e.opens_at is not None]
    if waiting and not any(e.open_now and not e.at_capacity for e in full):
        assert choices[0].matches.full
        assert not choices[0].open_now
        assert _instant(choices[0].opens_at) == min(waiting)
