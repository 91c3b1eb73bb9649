"""The status machine, exhaustively: every status × every kind of event."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore import Customer, Interaction, Status, TransitionError, ValidationError, events

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Seoul"))
ESC = events.Escalated(at=T0, key="p/r/T-1/x/0", policy="p", rule_id="r", step=0, level=1)


def _in_status(status: Status) -> Interaction:
    ix = Interaction.open(id="T-1", channel="chat", at=T0, customer=Customer(id="c-1"))
    ix = ix.record(ESC)
    if status is not Status.NEW:
        ix = ix.record(events.StatusChanged(at=T0, status=status))
    assert ix.status is status
    return ix


def _event(kind: str, at: datetime) -> events.Event:
    return {
        "CustomerMessage": lambda: events.CustomerMessage(at=at, text="hello"),
        "AgentReply": lambda: events.AgentReply(at=at, agent="a-1", text="hi"),
        "InternalNote": lambda: events.InternalNote(at=at, agent="a-1", text="note"),
        "Assigned": lambda: events.Assigned(at=at, agent="a-2", team="billing"),
        "Transferred": lambda: events.Transferred(at=at, team="tech", reason="hardware"),
        "OwnerChanged": lambda: events.OwnerChanged(at=at, owner="a-3"),
        "PriorityChanged": lambda: events.PriorityChanged(at=at, priority="high"),
        "Tagged": lambda: events.Tagged(at=at, tag="refund"),
        "Untagged": lambda: events.Untagged(at=at, tag="refund"),
        "SurveyAnswered": lambda: events.SurveyAnswered(at=at, survey="csat", score=4),
        "Escalated": lambda: events.Escalated(
            at=at, key="p/r/T-1/y/0", policy="p", rule_id="r", step=0, level=1
        ),
        "EscalationAcknowledged": lambda: events.EscalationAcknowledged(
            at=at, agent="a-1", key=ESC.key
        ),
    }[kind]()


STATUSES = list(Status)
NON_STATUS_EVENTS = [
    "CustomerMessage",
    "AgentReply",
    "InternalNote",
    "Assigned",
    "Transferred",
    "OwnerChanged",
    "PriorityChanged",
    "Tagged",
    "Untagged",
    "SurveyAnswered",
    "Escalated",
    "EscalationAcknowledged",
]
ALLOWED_WHEN_CLOSED = {"InternalNote", "Tagged", "Untagged", "SurveyAnswered"}
# What a customer message does to each status (None: refused).
CUSTOMER_MESSAGE = {
    Status.NEW: Status.NEW,
    Status.OPEN: Status.OPEN,
    Status.PENDING: Status.OPEN,
    Status.ON_HOLD: Status.OPEN,
    Status.SOLVED: Status.OPEN,
    Status.CLOSED: None,
}
REOPENING = {
    (Status.SOLVED, Status.OPEN),
    (Status.SOLVED, Status.PENDING),
    (Status.SOLVED, Status.ON_HOLD),
}


@pytest.mark.parametrize("start", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_status_changes_follow_the_table(start: Status, target: Status) -> None:
    ix = _in_status(start)
    change = events.StatusChanged(at=T0 + timedelta(minutes=1), status=target)
    if target is Status.NEW or start is Status.CLOSED:
        with pytest.raises(TransitionError):
            ix.record(change)
        return
    after = ix.record(change)
    assert after.status is target
    assert after.reopen_count == ix.reopen_count + ((start, target) in REOPENING)
    assert len(after.events) == len(ix.events) + 1  # setting the same status is still recorded


@pytest.mark.parametrize("start", STATUSES)
@pytest.mark.parametrize("kind", NON_STATUS_EVENTS)
def test_other_events_follow_the_table(start: Status, kind: str) -> None:
    ix = _in_status(start)
    event = _event(kind, T0 + timedelta(minutes=1))
    if start is Status.CLOSED and kind not in ALLOWED_WHEN_CLOSED:
        with pytest.raises(TransitionError, match="follow_up"):
            ix.record(event)
        return
    after = ix.record(event)
    expected = CUSTOMER_MESSAGE[start] if kind == "CustomerMessage" else start
    assert after.status is expected
    reopened = kind == "CustomerMessage" and start is Status.SOLVED
    assert after.reopen_count == ix.reopen_count + reopened
    assert after.events[-1] is event


def test_closed_interaction_points_to_a_linked_follow_up() -> None:
    ix = _in_status(Status.CLOSED)
    later = T0 + timedelta(days=2)
    follow = ix.follow_up(id="T-2", at=later)
    assert follow.linked_from == "T-1"
    assert follow.customer == ix.customer
    assert follow.status is Status.NEW
    assert follow.record(events.CustomerMessage(at=later, text="again")).message_count == 1


def test_acknowledging_an_unrecorded_key_is_refused() -> None:
    ix = Interaction.open(id="T-1", channel="chat", at=T0, customer=Customer(id="c-1"))
    with pytest.raises(TransitionError, match="never recorded"):
        ix.record(events.EscalationAcknowledged(at=T0, agent="a-1", key="nope"))


def test_events_must_not_go_back_in_time() -> None:
    ix = _in_status(Status.OPEN).record(
        events.CustomerMessage(at=T0 + timedelta(hours=1), text="x")
    )
    with pytest.raises(ValidationError, match="time order"):
        ix.record(events.AgentReply(at=T0 + timedelta(minutes=59), agent="a", text="y"))
    # Equal instants are fine and apply in recording order.
    same = ix.record(events.AgentReply(at=T0 + timedelta(hours=1), agent="a", text="y"))
    assert same.unanswered_messages == 0


def test_events_before_opening_are_refused() -> None:
    ix = Interaction.open(id="T-1", channel="chat", at=T0, customer=Customer(id="c-1"))
    with pytest.raises(ValidationError, match="time order"):
        ix.record(events.CustomerMessage(at=T0 - timedelta(seconds=1), text="x"))
