"""Every public strategy of cxcore.testing yields valid values, and reaches the awkward ones."""

from __future__ import annotations

import itertools
import pickle
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil import tz as dateutil_tz
from hypothesis import Phase, find, given, settings, strategies as st

from cxcore import Customer, Interaction, Status, ValidationError, events, testing
from cxcore.language import check, signals
from cxcore.testing import (
    DST_ZONES,
    aware_datetimes,
    customer_messages,
    customers,
    events_for,
    interactions,
    service_replies,
)

# ----------------------------------------------------------------------------- datetimes


@given(aware_datetimes())
def test_aware_datetimes_are_real_instants_in_one_of_the_dst_zones(moment: datetime) -> None:
    assert moment.tzinfo is not None
    assert moment.utcoffset() is not None
    assert str(moment.tzinfo) in DST_ZONES
    # Canonical: the wall time and fold are what the zone shows at that instant.
    again = moment.astimezone(UTC).astimezone(moment.tzinfo)
    assert (again.replace(tzinfo=None), again.fold) == (moment.replace(tzinfo=None), moment.fold)


_LOW = datetime(2026, 3, 1, tzinfo=ZoneInfo("Asia/Seoul"))
_HIGH = datetime(2026, 11, 30, tzinfo=UTC)


@given(aware_datetimes(["America/New_York", UTC], min_value=_LOW, max_value=_HIGH))
def test_aware_datetimes_respect_zones_and_bounds(moment: datetime) -> None:
    assert _LOW <= moment <= _HIGH
    assert moment.tzinfo in (ZoneInfo("America/New_York"), UTC)


def test_aware_datetimes_reach_the_second_pass_of_a_repeated_hour() -> None:
    found = find(aware_datetimes(["Europe/Berlin"]), lambda d: d.fold == 1)
    assert found.utcoffset() == timedelta(hours=1)
    earlier = found.replace(fold=0)
    assert earlier.utcoffset() == timedelta(hours=2)


def test_aware_datetimes_reach_both_sides_of_a_skipped_hour() -> None:
    zone = ZoneInfo("Pacific/Chatham")

    def just_after_a_jump(d: datetime) -> bool:
        hour_before = (d.astimezone(UTC) - timedelta(hours=1)).astimezone(zone)
        return d.utcoffset() != hour_before.utcoffset() and d.utcoffset() == timedelta(
            hours=13, minutes=45
        )

    found = find(aware_datetimes([zone]), just_after_a_jump)
    assert found.utcoffset() == timedelta(hours=13, minutes=45)


def test_aware_datetimes_take_any_tzinfo() -> None:
    zone = dateutil_tz.gettz("Europe/London")
    assert zone is not None
    found = find(aware_datetimes([zone]), lambda d: d.utcoffset() == timedelta(hours=1))
    assert found.tzinfo is zone


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"zones": ["Mars/Olympus"]}, "zones[0]"),
        ({"zones": []}, "zones"),
        ({"zones": 3}, "zones"),
        ({"min_value": datetime(2026, 1, 1)}, "min_value"),
        ({"min_value": _HIGH, "max_value": _LOW}, "min_value"),
    ],
)
def test_aware_datetimes_reject_bad_arguments(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(ValidationError, match=argument.replace("[", r"\[")):
        aware_datetimes(**kwargs)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- customers


@given(customers())
def test_customers_are_valid_and_round_trip(customer: Customer) -> None:
    assert isinstance(customer, Customer)
    assert pickle.loads(pickle.dumps(customer)) == customer
    assert Customer(**{k: getattr(customer, k) for k in ("id", "tier", "locale", "name")}) == (
        customer
    )


@given(customers(tiers=["vip"], locales=["ko-KR"]))
def test_customers_take_the_tiers_and_locales_given(customer: Customer) -> None:
    assert (customer.tier, customer.locale) == ("vip", "ko-KR")


@given(interactions(customers=customers(tiers=["vip"], locales=["en"]), max_events=3))
def test_interactions_take_the_customers_given(ix: Interaction) -> None:
    assert (ix.customer.tier, ix.customer.locale) == ("vip", "en")


# -------------------------------------------------------------------------- interactions


def _rebuilt(ix: Interaction) -> Interaction:
    return attrs.evolve(ix, events=()).record_all(ix.events)


@given(interactions())
def test_interactions_are_recordable_event_by_event(ix: Interaction) -> None:
    assert _rebuilt(ix) == ix
    times = [ix.opened_at, *(e.at for e in ix.events)]
    assert all(a.astimezone(UTC) <= b.astimezone(UTC) for a, b in itertools.pairwise(times))


@given(interactions())
def test_interactions_round_trip_through_dicts_and_pickle(ix: Interaction) -> None:
    assert Interaction.from_dict(ix.to_dict()) == ix
    assert Interaction.from_dict(ix.to_dict()).to_dict() == ix.to_dict()
    again = pickle.loads(pickle.dumps(ix))
    assert again == ix
    assert again.status is ix.status


@given(interactions(min_events=3, max_events=5, zones="Asia/Seoul", channels=["kakao"]))
def test_interactions_take_length_zone_and_channels(ix: Interaction) -> None:
    assert 3 <= len(ix.events) <= 5
    assert ix.channel == "kakao"
    assert {str(e.at.tzinfo) for e in ix.events} | {str(ix.opened_at.tzinfo)} == {"Asia/Seoul"}


@given(interactions())
def test_a_closed_interaction_is_followed_only_by_surveys_tags_and_notes(ix: Interaction) -> None:
    statuses = [e.status for e in ix.events if isinstance(e, events.StatusChanged)]
    if Status.CLOSED in statuses:
        closing = next(
            i
            for i, e in enumerate(ix.events)
            if isinstance(e, events.StatusChanged) and e.status is Status.CLOSED
        )
        assert all(e.allowed_when_closed for e in ix.events[closing + 1 :])
    assert Status.NEW not in statuses


@pytest.mark.parametrize(
    "wanted",
    [
        pytest.param(lambda ix: ix.status is Status.CLOSED, id="closed"),
        pytest.param(lambda ix: ix.reopen_count >= 1, id="reopened"),
        pytest.param(lambda ix: ix.status is Status.PENDING, id="pending"),
        pytest.param(lambda ix: bool(ix.acknowledged_keys), id="acknowledged"),
        pytest.param(lambda ix: ix.transfer_count >= 1 and ix.owner != ix.assignee, id="handover"),
        pytest.param(
            lambda ix: any(a.at == b.at for a, b in zip(ix.events, ix.events[1:], strict=False)),
            id="same-instant",
        ),
        pytest.param(
            lambda ix: any(e.at.fold == 1 for e in ix.events),
            id="repeated-hour",
        ),
    ],
)
def test_interactions_reach_the_interesting_states(wanted: object) -> None:
    # Generation only: shrinking a long history to the smallest example is slow and proves nothing.
    fast = settings(max_examples=1000, database=None, phases=[Phase.generate])
    found = find(interactions(), wanted, settings=fast)  # type: ignore[arg-type]
    assert isinstance(found, Interaction)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"min_events": -1}, "min_events"),
        ({"max_events": 1.5}, "max_events"),
        ({"min_events": 5, "max_events": 2}, "min_events"),
        ({"channels": []}, "channels"),
        ({"channels": [""]}, "channels"),
        ({"zones": ["Nowhere/Special"]}, "zones"),
        ({"customers": Customer(id="c-1")}, "customers"),
    ],
)
def test_interactions_reject_bad_arguments(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(ValidationError, match=argument):
        interactions(**kwargs)  # type: ignore[arg-type]


@given(st.data(), interactions())
def test_events_for_continues_any_interaction(data: st.DataObject, ix: Interaction) -> None:
    more = data.draw(events_for(ix, max_size=8))
    grown = ix.record_all(more)
    assert grown.events == (*ix.events, *more)


@given(st.data(), interactions(max_events=4))
def test_events_for_writes_in_the_zones_given(data: st.DataObject, ix: Interaction) -> None:
    more = data.draw(events_for(ix, min_size=1, max_size=3, zones=[UTC]))
    assert {e.at.tzinfo for e in more} == {UTC}
    ix.record_all(more)


def test_events_for_rejects_what_is_not_an_interaction() -> None:
    with pytest.raises(ValidationError, match="ix"):
        events_for("T-1")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ replies

_HANGUL = range(0xAC00, 0xD7A4)


@given(service_replies("ko"))
def test_korean_replies_are_korean_text(reply: str) -> None:
    assert reply.strip()
    assert any(ord(ch) in _HANGUL for ch in reply)


@given(service_replies("en"))
def test_english_replies_are_english_text(reply: str) -> None:
    assert reply.strip()
    assert not any(ord(ch) in _HANGUL for ch in reply)


@pytest.mark.parametrize(
    ("locale", "phrase"),
    [("ko", "할수없어요"), ("ko", "죄송합니다"), ("en", "not my department"), ("en", "I can do")],
)
def test_replies_mix_clean_and_flagged_phrasing(locale: str, phrase: str) -> None:
    assert phrase in find(service_replies(locale), lambda r: phrase in r)


def test_replies_sometimes_quote_the_customer() -> None:
    assert find(service_replies("en"), lambda r: r.startswith("> ")).count("\n") == 1


@given(customer_messages("ko") | customer_messages("en"))
def test_customer_messages_are_non_empty(text: str) -> None:
    assert text.strip()


@pytest.mark.parametrize("locale", ["fr", "", None, "ko-KR"])
def test_replies_in_other_languages_are_refused(locale: object) -> None:
    with pytest.raises(ValidationError, match="locale"):
        service_replies(locale)  # type: ignore[arg-type]


# -------------------------------------------------------------------------- from_type


@given(st.from_type(Interaction))
def test_from_type_builds_valid_interactions(ix: Interaction) -> None:
    assert _rebuilt(ix) == ix


@given(st.from_type(Customer))
def test_from_type_builds_valid_customers(customer: Customer) -> None:
    assert isinstance(customer, Customer)


def test_the_public_names_resolve_and_are_documented() -> None:
    for name in testing.__all__:
        value = getattr(testing, name)
        if callable(value):
            assert value.__doc__, name
    assert isinstance(DST_ZONES, tuple)
    assert all(isinstance(ZoneInfo(z), tzinfo) for z in DST_ZONES)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_replies_include_ones_the_checker_flags_and_ones_it_passes(locale: str) -> None:
    flagged = find(service_replies(locale), lambda r: bool(check(r, locale=locale)))
    clean = find(service_replies(locale), lambda r: not check(r, locale=locale))
    assert check(flagged, locale=locale)
    assert not check(clean, locale=locale)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_customer_messages_carry_signals_sometimes(locale: str) -> None:
    found = find(customer_messages(locale), lambda m: bool(signals(m, locale=locale)))
    assert signals(found, locale=locale)
