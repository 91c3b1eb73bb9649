"""Laws of the event-sourced interaction model, checked on generated histories."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, strategies as st

from cxcore import Customer, Interaction, ValidationError, events
from cxcore.testing import events_for, interactions
from tests.oracles.interaction import FIELDS, actual, derived


def _replay(ix: Interaction) -> Interaction:
    fresh = attrs.evolve(ix, events=())
    for event in ix.events:
        fresh = fresh.record(event)
    return fresh


@given(interactions())
def test_derived_state_matches_a_recomputation_from_the_events(ix: Interaction) -> None:
    assert actual(ix) == derived(ix)


def _as_instants(state: dict[str, Any]) -> dict[str, Any]:
    # The serialised form keeps each moment's instant and UTC offset, not its tzinfo object.
    return {k: v.astimezone(UTC) if isinstance(v, datetime) else v for k, v in state.items()}


@given(interactions())
def test_folding_event_by_event_equals_replaying_the_serialised_form(ix: Interaction) -> None:
    folded = _replay(ix)
    restored = Interaction.from_dict(ix.to_dict())
    assert folded == ix
    assert restored.to_dict() == folded.to_dict()
    assert _as_instants(actual(restored)) == _as_instants(actual(folded))


@given(interactions(max_events=8))
def test_every_prefix_folds_to_the_state_the_oracle_gives(ix: Interaction) -> None:
    step = Interaction.open(
        id=ix.id,
        channel=ix.channel,
        at=ix.opened_at,
        customer=ix.customer,
        priority=ix.initial_priority,
        subject=ix.subject,
    )
    for event in ix.events:
        step = step.record(event)
        assert actual(step) == derived(step)


@given(st.data(), interactions(max_events=10))
def test_recording_never_changes_the_earlier_value(data: st.DataObject, ix: Interaction) -> None:
    before_events = ix.events
    before_state = actual(ix)
    before_dict = ix.to_dict()
    more = data.draw(events_for(ix, min_size=1, max_size=5))
    grown = ix.record_all(more)
    assert ix.events is before_events
    assert actual(ix) == before_state
    assert ix.to_dict() == before_dict
    assert grown.events[: len(before_events)] == before_events
    assert list(grown.events[len(before_events) :]) == more


@given(st.data(), interactions(min_events=1, max_events=10))
def test_an_event_before_the_latest_moment_is_a_validation_error(
    data: st.DataObject, ix: Interaction
) -> None:
    back = data.draw(st.integers(1, 10**11).map(lambda us: timedelta(microseconds=us)))
    zone = data.draw(st.sampled_from([UTC, ZoneInfo("Europe/London"), ZoneInfo("Asia/Seoul")]))
    # Subtract on the UTC timeline: datetime arithmetic in a zone is wall-clock arithmetic.
    at = (ix.last_event_at.astimezone(UTC) - back).astimezone(zone)
    state = actual(ix)
    with pytest.raises(ValidationError, match="time order"):
        ix.record(events.Tagged(at=at, tag="late"))
    assert actual(ix) == state


@given(interactions())
def test_up_to_is_the_prefix_of_events_at_or_before_the_moment(ix: Interaction) -> None:
    for event in ix.events:
        cut = ix.up_to(event.at)
        expected = [e for e in ix.events if e.at <= event.at]
        assert list(cut.events) == expected
        assert actual(cut) == derived(cut)


@given(interactions())
def test_interactions_pickle_with_their_state(ix: Interaction) -> None:
    again = pickle.loads(pickle.dumps(ix))
    assert again == ix
    assert actual(again) == actual(ix)


def test_the_oracle_covers_every_derived_field() -> None:
    # A new derived property on Interaction must be added to the oracle too.
    properties = {
        name
        for name, value in vars(Interaction).items()
        if isinstance(value, property) and not name.startswith("_")
    }
    assert properties == set(FIELDS)


_LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # 01:45 BST (00:45 UTC), then 01:30 GMT (01:30 UTC): later, though its wall time is earlier.
        (
            datetime(2026, 10, 25, 1, 45, tzinfo=_LONDON),
            datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=_LONDON),
        ),
        (
            datetime(2026, 10, 25, 1, 59, 59, 999999, tzinfo=_LONDON),
            datetime(2026, 10, 25, 1, 0, fold=1, tzinfo=_LONDON),
        ),
    ],
)
def test_events_in_a_repeated_hour_are_ordered_by_the_instant(
    first: datetime, second: datetime
) -> None:
    assert second.astimezone(UTC) > first.astimezone(UTC)
    ix = Interaction.open(id="T-1", channel="email", at=first, customer=Customer(id="c-1"))
    grown = ix.record(events.CustomerMessage(at=second, text="여보세요?"))
    assert grown.last_event_at == second


def test_an_event_earlier_as_an_instant_but_later_on_the_wall_clock_is_refused() -> None:
    first = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=_LONDON)  # 01:30 UTC
    second = datetime(2026, 10, 25, 1, 45, tzinfo=_LONDON)  # 00:45 UTC: earlier
    ix = Interaction.open(id="T-1", channel="email", at=first, customer=Customer(id="c-1"))
    with pytest.raises(ValidationError, match="time order"):
        ix.record(events.CustomerMessage(at=second, text="hello"))


def test_a_round_trip_keeps_a_moment_in_a_repeated_hour_equal() -> None:
    at = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=_LONDON)
    ix = Interaction.open(id="T-1", channel="email", at=at, customer=Customer(id="c-1"))
    assert Interaction.from_dict(ix.to_dict()) == ix
