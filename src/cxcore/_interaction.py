"""Interactions as append-only event histories, with state folded event by event.

An :class:`Interaction` is its header plus a tuple of events. Everything else
(status, owner, assignee, reply times …) is derived by folding each event onto
the previous state, so recording costs O(1) in the number of earlier events
(apart from the tuple copy) and every derived read is O(1).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from . import _events as ev
from ._errors import TransitionError, ValidationError
from ._model import Customer, Priority, Status, non_empty_str, optional_str, to_priority
from ._time import instant, require_aware

__all__ = ["Interaction"]

_REOPEN_TARGETS = frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD})


class _State:
    """Derived state after some prefix of the events. Internal; read through Interaction."""

    __slots__ = (
        "acknowledged",
        "assignee",
        "channels",
        "closed_at",
        "escalation_keys",
        "first_reply_at",
        "last_at",
        "last_customer_message_at",
        "last_reply_at",
        "message_count",
        "owner",
        "priority",
        "reopen_count",
        "reply_count",
        "solved_at",
        "status",
        "tags",
        "team",
        "transfer_count",
        "unanswered",
    )

    status: Status
    priority: Priority
    owner: str | None
    assignee: str | None
    team: str | None
    tags: frozenset[str]
    first_reply_at: datetime | None
    last_reply_at: datetime | None
    last_customer_message_at: datetime | None
    reply_count: int
    message_count: int
    reopen_count: int
    transfer_count: int
    channels: tuple[str, ...]
    escalation_keys: frozenset[str]
    acknowledged: frozenset[str]
    unanswered: int
    solved_at: datetime | None
    closed_at: datetime | None
    last_at: datetime

    @classmethod
    def initial(cls, *, priority: Priority, channel: str, at: datetime) -> _State:
        s = cls.__new__(cls)
        s.status = Status.NEW
        s.priority = priority
        s.owner = s.assignee = s.team = None
        s.tags = frozenset()
        s.first_reply_at = s.last_reply_at = s.last_customer_message_at = None
        s.reply_count = s.message_count = s.reopen_count = s.transfer_count = s.unanswered = 0
        s.channels = (channel,)
        s.escalation_keys = s.acknowledged = frozenset()
        s.solved_at = s.closed_at = None
        s.last_at = at
        return s

    def copy(self) -> _State:
        # Spelled out rather than looped over __slots__: record() runs this on every event.
        s = _State.__new__(_State)
        s.acknowledged = self.acknowledged
        s.assignee = self.assignee
        s.channels = self.channels
        s.closed_at = self.closed_at
        s.escalation_keys = self.escalation_keys
        s.first_reply_at = self.first_reply_at
        s.last_at = self.last_at
        s.last_customer_message_at = self.last_customer_message_at
        s.last_reply_at = self.last_reply_at
        s.message_count = self.message_count
        s.owner = self.owner
        s.priority = self.priority
        s.reopen_count = self.reopen_count
        s.reply_count = self.reply_count
        s.solved_at = self.solved_at
        s.status = self.status
        s.tags = self.tags
        s.team = self.team
        s.transfer_count = self.transfer_count
        s.unanswered = self.unanswered
        return s

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in _State.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


def _set_status(s: _State, status: Status, at: datetime) -> None:
    if status is s.status:
        return
    if s.status is Status.SOLVED and status in _REOPEN_TARGETS:
        s.reopen_count += 1
    s.status = status
    if status is Status.SOLVED:
        s.solved_at = at
    elif status is Status.CLOSED:
        s.closed_at = at


def _use_channel(s: _State, channel: str | None) -> None:
    if channel is not None and channel not in s.channels:
        s.channels = (*s.channels, channel)


def _fold(prev: _State, event: ev.Event) -> _State:
    """The state after ``event``; raises TransitionError for what the status forbids."""
    s = prev.copy()
    s.last_at = event.at
    if isinstance(event, ev.CustomerMessage):
        s.message_count += 1
        s.unanswered += 1
        s.last_customer_message_at = event.at
        _use_channel(s, event.channel)
        if prev.status in (Status.PENDING, Status.ON_HOLD, Status.SOLVED):
            _set_status(s, Status.OPEN, event.at)
    elif isinstance(event, ev.AgentReply):
        s.reply_count += 1
        s.unanswered = 0
        if s.first_reply_at is None:
            s.first_reply_at = event.at
        s.last_reply_at = event.at
        if s.owner is None:
            s.owner = event.agent
        _use_channel(s, event.channel)
    elif isinstance(event, ev.StatusChanged):
        if event.status is Status.NEW:
            raise TransitionError(
                "an interaction cannot go back to 'new'; set 'open', 'pending', 'on_hold', "
                "'solved' or 'closed'"
            )
        _set_status(s, event.status, event.at)
    elif isinstance(event, ev.Assigned):
        s.assignee = event.agent
        if event.team is not None:
            s.team = event.team
        if s.owner is None:
            s.owner = event.agent
    elif isinstance(event, ev.Transferred):
        s.team = event.team
        s.assignee = event.agent
        s.transfer_count += 1
    elif isinstance(event, ev.OwnerChanged):
        s.owner = event.owner
    elif isinstance(event, ev.PriorityChanged):
        s.priority = event.priority
    elif isinstance(event, ev.Tagged):
        s.tags = s.tags | {event.tag}
    elif isinstance(event, ev.Untagged):
        s.tags = s.tags - {event.tag}
    elif isinstance(event, ev.Escalated):
        s.escalation_keys = s.escalation_keys | {event.key}
    elif isinstance(event, ev.EscalationAcknowledged):
        if event.key not in s.escalation_keys:
            raise TransitionError(
                f"cannot acknowledge escalation {event.key!r}: it was never recorded on this "
                "interaction; record the Escalated event (decision.to_event(at=...)) first"
            )
        s.acknowledged = s.acknowledged | {event.key}
    # InternalNote and SurveyAnswered change no derived field beyond last_at.
    return s


def _events_tuple(value: object) -> tuple[ev.Event, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(
            f"events must be an iterable of cxcore.events.Event (got {type(value).__name__})"
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class Interaction:
    """One customer interaction: its header and the events recorded so far.

    Build one with :meth:`open` (or :meth:`from_dict`) and grow it with
    :meth:`record`, which returns a new interaction and leaves this one untouched.
    """

    __module__ = "cxcore"

    id: str = attrs.field(validator=non_empty_str("id"))
    channel: str = attrs.field(validator=non_empty_str("channel"))
    opened_at: datetime = attrs.field(eq=instant)
    customer: Customer = attrs.field()
    initial_priority: Priority = attrs.field(default=Priority.NORMAL, converter=to_priority)
    subject: str | None = attrs.field(default=None)
    linked_from: str | None = attrs.field(default=None, validator=optional_str("linked_from"))
    events: tuple[ev.Event, ...] = attrs.field(default=(), converter=_events_tuple)
    _state: _State = attrs.field(init=False, eq=False, repr=False, hash=False)

    @opened_at.validator
    def _check_opened_at(self, _attr: object, value: object) -> None:
        require_aware(value, "at")

    @customer.validator
    def _check_customer(self, _attr: object, value: object) -> None:
        if not isinstance(value, Customer):
            raise ValidationError(
                f"customer must be a cxcore.Customer (got {type(value).__name__}); "
                "pass e.g. Customer(id='c-9', tier='vip', locale='ko-KR')"
            )

    @subject.validator
    def _check_subject(self, _attr: object, value: object) -> None:
        if value is not None and not isinstance(value, str):
            raise ValidationError(f"subject must be a str or None (got {type(value).__name__})")

    def __attrs_post_init__(self) -> None:
        state = _State.initial(
            priority=self.initial_priority, channel=self.channel, at=self.opened_at
        )
        for index, event in enumerate(self.events):
            name = f"events[{index}]"
            if isinstance(event, ev.Escalated) and event.key in state.escalation_keys:
                raise ValidationError(
                    f"{name} repeats escalation key {event.key!r}; each key is recorded once"
                )
            try:
                state = _step(state, event, name)
            except TransitionError as exc:
                raise TransitionError(f"{name}: {exc}") from None
        object.__setattr__(self, "_state", state)

    @classmethod
    def open(
        cls,
        *,
        id: str,
        channel: str,
        at: datetime,
        customer: Customer,
        priority: Priority | str = Priority.NORMAL,
        subject: str | None = None,
    ) -> Interaction:
        """A new interaction, status ``new``, opened at ``at`` on ``channel``."""
        return cls(
            id=id,
            channel=channel,
            opened_at=at,
            customer=customer,
            initial_priority=priority,
            subject=subject,
        )

    def record(self, event: ev.Event) -> Interaction:
        """A new interaction with ``event`` appended; this one is unchanged.

        Recording an :class:`~cxcore.events.Escalated` whose key is already here
        returns this interaction unchanged, so duplicate sweeps are harmless.
        """
        state = self._state
        if isinstance(event, ev.Escalated) and event.key in state.escalation_keys:
            return self
        new_state = _step(state, event, "event")
        new = object.__new__(Interaction)
        setattr_ = object.__setattr__
        setattr_(new, "id", self.id)
        setattr_(new, "channel", self.channel)
        setattr_(new, "opened_at", self.opened_at)
        setattr_(new, "customer", self.customer)
        setattr_(new, "initial_priority", self.initial_priority)
        setattr_(new, "subject", self.subject)
        setattr_(new, "linked_from", self.linked_from)
        setattr_(new, "events", (*self.events, event))
        setattr_(new, "_state", new_state)
        return new

    def record_all(self, events: Iterable[ev.Event]) -> Interaction:
        """Record each event in order (the same checks as :meth:`record`)."""
        ix = self
        for event in _events_tuple(events):
            ix = ix.record(event)
        return ix

    def follow_up(
        self,
        *,
        id: str,
        at: datetime,
        channel: str | None = None,
        subject: str | None = None,
        priority: Priority | str | None = None,
    ) -> Interaction:
        """A new interaction for the same customer, linked to this one (``linked_from``)."""
        return Interaction(
            id=id,
            channel=channel if channel is not None else self.channel,
            opened_at=at,
            customer=self.customer,
            initial_priority=priority if priority is not None else self.priority,
            subject=subject if subject is not None else self.subject,
            linked_from=self.id,
        )

    # Derived state: each read is O(1).

    @property
    def status(self) -> Status:
        """The current status."""
        return self._state.status

    @property
    def priority(self) -> Priority:
        """The current priority."""
        return self._state.priority

    @property
    def owner(self) -> str | None:
        """Who answers for the customer: the first agent assigned or replying, unless changed."""
        return self._state.owner

    @property
    def assignee(self) -> str | None:
        """Who works on it now (None when unassigned, or after a transfer that names no agent)."""
        return self._state.assignee

    @property
    def team(self) -> str | None:
        """The team of the latest assignment or transfer that named one."""
        return self._state.team

    @property
    def tags(self) -> frozenset[str]:
        """The tags currently set."""
        return self._state.tags

    @property
    def first_reply_at(self) -> datetime | None:
        """When the first public agent reply was sent."""
        return self._state.first_reply_at

    @property
    def last_reply_at(self) -> datetime | None:
        """When the latest public agent reply was sent."""
        return self._state.last_reply_at

    @property
    def last_customer_message_at(self) -> datetime | None:
        """When the customer last wrote."""
        return self._state.last_customer_message_at

    @property
    def reply_count(self) -> int:
        """How many public agent replies there are."""
        return self._state.reply_count

    @property
    def message_count(self) -> int:
        """How many customer messages there are."""
        return self._state.message_count

    @property
    def unanswered_messages(self) -> int:
        """Customer messages since the latest public agent reply."""
        return self._state.unanswered

    @property
    def reopen_count(self) -> int:
        """How many times a solved interaction was reopened."""
        return self._state.reopen_count

    @property
    def transfer_count(self) -> int:
        """How many transfers there were."""
        return self._state.transfer_count

    @property
    def channels(self) -> tuple[str, ...]:
        """Every channel used, in order of first use (the opening channel first)."""
        return self._state.channels

    @property
    def escalation_keys(self) -> frozenset[str]:
        """Keys of every recorded escalation step."""
        return self._state.escalation_keys

    @property
    def acknowledged_keys(self) -> frozenset[str]:
        """Keys of escalation steps someone acknowledged."""
        return self._state.acknowledged

    @property
    def solved_at(self) -> datetime | None:
        """When it was last solved (kept after a reopen; compare with :attr:`status`)."""
        return self._state.solved_at

    @property
    def closed_at(self) -> datetime | None:
        """When it was closed."""
        return self._state.closed_at

    @property
    def last_event_at(self) -> datetime:
        """The moment of the latest event (``opened_at`` before any)."""
        return self._state.last_at

    def up_to(self, at: datetime) -> Interaction:
        """This interaction as it was at ``at``: only the events at or before it."""
        require_aware(at, "at")
        if instant(at) < instant(self.opened_at):
            raise ValidationError(
                f"at ({at.isoformat()}) is before the interaction opened "
                f"({self.opened_at.isoformat()}); pass a moment at or after opened_at"
            )
        if instant(self._state.last_at) <= instant(at):
            return self
        # Events are time-ordered, so the prefix ends at the first event after ``at``.
        lo, hi = 0, len(self.events)
        while lo < hi:
            mid = (lo + hi) // 2
            if instant(self.events[mid].at) <= instant(at):
                lo = mid + 1
            else:
                hi = mid
        return attrs.evolve(self, events=self.events[:lo])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (schema 1) that :meth:`from_dict` reads back equal."""
        from ._codec import interaction_to_dict

        return interaction_to_dict(self)

    @classmethod
    def from_dict(cls, data: object) -> Interaction:
        """Rebuild from :meth:`to_dict` output; a bad document is a ConfigError with its path."""
        from ._codec import interaction_from_dict

        return interaction_from_dict(data)


def _step(state: _State, event: object, name: str) -> _State:
    """Check ``event`` against the state and fold it; the single gate for every event."""
    if not isinstance(event, ev.Event):
        raise ValidationError(
            f"{name} must be a cxcore.events.Event, e.g. events.CustomerMessage(at=..., text=...) "
            f"(got {type(event).__name__})"
        )
    # As instants: datetimes sharing a zone compare by wall time and ignore ``fold``.
    if instant(event.at) < instant(state.last_at):
        raise ValidationError(
            f"{name} at {event.at.isoformat()} is earlier than the latest recorded moment "
            f"{state.last_at.isoformat()}; events are recorded in time order (equal times are fine)"
        )
    if state.status is Status.CLOSED and not event.allowed_when_closed:
        raise TransitionError(
            f"cannot record {type(event).__name__} on a closed interaction (only SurveyAnswered, "
            "Tagged, Untagged and InternalNote may follow a close); open a linked interaction "
            "with ix.follow_up(id=..., at=...)"
        )
    return _fold(state, event)
