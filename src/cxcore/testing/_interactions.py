"""Customers, interactions and event continuations that the interaction model always accepts.

The event histories respect every rule :meth:`cxcore.Interaction.record`
checks: non-decreasing time, nothing but surveys, tags and notes after a close,
never back to ``new``, an acknowledgement only for a recorded escalation key,
each escalation key once. They do not try to be realistic conversations;
they try to reach every state the status machine allows, often.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import attrs
from hypothesis import strategies as st

from cxcore import _events as ev
from cxcore._errors import ValidationError
from cxcore._i18n import parse_locale
from cxcore._interaction import Interaction
from cxcore._model import Channel, Customer, Priority, Status

from ._datetimes import DST_ZONES, aware_datetimes, zones_from
from ._replies import customer_messages, service_replies

__all__ = ["customers", "events_for", "interactions"]

_TIERS = ("standard", "vip", "gold", "enterprise")
_LOCALES = (None, "ko-KR", "ko", "en", "en-US", "en-GB")
_NAMES = ("김민지", "이서준", "박지우", "Alex Kim", "Jordan Lee", "Sam O'Neil")
_AGENTS = ("a-1", "a-2", "a-3", "민수", "jane")
_TEAMS = ("billing", "tech", "tier2", "returns", "vip-desk")
_TAGS = ("refund", "delivery", "bug", "vip", "환불", "배송")
_SURVEYS = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7), "effort-2": (-3, 3)}
_SETTABLE = tuple(s for s in Status if s is not Status.NEW)

_ids = st.text(
    alphabet=st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_/%.:"), min_size=1, max_size=12
).filter(lambda s: s.strip() != "")


def _choices(value: object, name: str, *, allow_none: bool = False) -> tuple[Any, ...]:
    """``value`` as a non-empty tuple of non-empty strs (and None, when allowed)."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(
            f"{name} must be an iterable of strs, e.g. ('email', 'chat') (got {value!r})"
        )
    out = tuple(value)
    if not out or not all(
        (isinstance(c, str) and c.strip()) or (allow_none and c is None) for c in out
    ):
        raise ValidationError(f"{name} must be non-empty strs, at least one (got {out!r})")
    return out


def customers(
    *, tiers: Iterable[str] = _TIERS, locales: Iterable[str | None] = _LOCALES
) -> st.SearchStrategy[Customer]:
    """Valid :class:`~cxcore.Customer` values: ids, tiers from ``tiers``, locales or None."""
    tier_choices = _choices(tiers, "tiers")
    locale_choices = _choices(locales, "locales", allow_none=True)
    for locale in locale_choices:
        if locale is not None:
            parse_locale(locale, "locales[...]")  # a bad one fails here, not when drawn
    return st.builds(
        Customer,
        id=_ids.map(lambda s: f"c-{s}"),
        tier=st.sampled_from(tier_choices),
        locale=st.sampled_from(locale_choices),
        name=st.none() | st.sampled_from(_NAMES),
    )


_any_customer = customers()

# Gaps between events, in microseconds: often none (events may share an instant),
# else from a microsecond to days, so clocks cross business-hour and DST boundaries.
_GAPS = st.one_of(
    st.just(0),
    st.integers(1, 999_999),
    st.integers(1, 3600).map(lambda s: s * 1_000_000),
    st.integers(1, 72).map(lambda h: h * 3_600_000_000),
    st.integers(0, 10 * 86_400_000_000),
)


@attrs.define
class _Cursor:
    """What the generator must know about the history so far to keep it valid."""

    instant: datetime  # UTC
    closed: bool
    escalated: list[str]
    counter: int
    interaction_id: str


def _continue(
    draw: st.DrawFn, cursor: _Cursor, zones: tuple[tzinfo, ...], count: int, locale: str
) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(count):
        cursor.instant += timedelta(microseconds=draw(_GAPS))
        at = cursor.instant.astimezone(draw(st.sampled_from(zones)))
        kinds = ["note", "tag", "untag", "survey"]
        if not cursor.closed:
            kinds += ["message", "reply", "status", "assign", "transfer", "owner", "priority"]
            kinds += ["escalate"] + (["acknowledge"] if cursor.escalated else [])
        kind = draw(st.sampled_from(kinds))
        agent = st.sampled_from(_AGENTS)
        channel = st.none() | st.sampled_from(Channel.KNOWN)
        event: ev.Event
        if kind == "note":
            event = ev.InternalNote(at=at, agent=draw(agent), text=draw(service_replies(locale)))
        elif kind == "tag":
            event = ev.Tagged(at=at, tag=draw(st.sampled_from(_TAGS)))
        elif kind == "untag":
            event = ev.Untagged(at=at, tag=draw(st.sampled_from(_TAGS)))
        elif kind == "survey":
            survey = draw(st.sampled_from(sorted(_SURVEYS)))
            low, high = _SURVEYS[survey]
            event = ev.SurveyAnswered(
                at=at,
                survey=survey,
                score=draw(st.integers(low, high)),
                reason=draw(st.none() | st.sampled_from(("slow", "rude", "unresolved", "price"))),
                comment=draw(st.none() | customer_messages(locale)),
            )
        elif kind == "message":
            event = ev.CustomerMessage(
                at=at, text=draw(customer_messages(locale)), channel=draw(channel)
            )
        elif kind == "reply":
            event = ev.AgentReply(
                at=at, agent=draw(agent), text=draw(service_replies(locale)), channel=draw(channel)
            )
        elif kind == "status":
            status = draw(st.sampled_from(_SETTABLE))
            cursor.closed = status is Status.CLOSED
            event = ev.StatusChanged(at=at, status=status)
        elif kind == "assign":
            event = ev.Assigned(
                at=at, agent=draw(agent), team=draw(st.none() | st.sampled_from(_TEAMS))
            )
        elif kind == "transfer":
            event = ev.Transferred(
                at=at,
                team=draw(st.sampled_from(_TEAMS)),
                agent=draw(st.none() | agent),
                reason=draw(
                    st.none() | st.sampled_from(("needs billing access", "기술 지원 필요"))
                ),
            )
        elif kind == "owner":
            event = ev.OwnerChanged(at=at, owner=draw(agent))
        elif kind == "priority":
            event = ev.PriorityChanged(at=at, priority=draw(st.sampled_from(Priority)))
        elif kind == "escalate":
            cursor.counter += 1
            step = draw(st.integers(0, 3))
            key = f"policy/rule/{cursor.interaction_id}/{cursor.counter}/{step}"
            cursor.escalated.append(key)
            event = ev.Escalated(
                at=at, key=key, policy="policy", rule_id="rule", step=step, level=step + 1
            )
        else:  # acknowledge
            key = draw(st.sampled_from(cursor.escalated))
            event = ev.EscalationAcknowledged(at=at, agent=draw(agent), key=key)
        out.append(event)
    return out


def _locale_language(customer: Customer) -> str:
    return "ko" if customer.locale is not None and customer.locale.startswith("ko") else "en"


def _check_sizes(min_events: int, max_events: int) -> None:
    for name, value in (("min_events", min_events), ("max_events", max_events)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(f"{name} must be an int >= 0 (got {value!r})")
    if min_events > max_events:
        raise ValidationError(
            f"min_events ({min_events}) is larger than max_events ({max_events}); swap them"
        )


def interactions(
    *,
    min_events: int = 0,
    max_events: int = 20,
    zones: str | tzinfo | Iterable[str | tzinfo] = DST_ZONES,
    channels: Iterable[str] = Channel.KNOWN,
    customers: st.SearchStrategy[Customer] | None = None,
    min_value: datetime | None = None,
    max_value: datetime | None = None,
) -> st.SearchStrategy[Interaction]:
    """Interactions with valid event histories of ``min_events`` to ``max_events`` events.

    The opening moment is an :func:`aware_datetimes` value in one of ``zones``
    (between ``min_value`` and ``max_value``); each event is at or after the one
    before (often at the same instant), written in one of ``zones``. Histories
    reach every status, reopen, close (after which only surveys, tags and notes
    follow), escalate and acknowledge, so :meth:`~cxcore.Interaction.record`
    accepts every event in them.
    """
    _check_sizes(min_events, max_events)
    tzs = zones_from(zones)
    channel_choices = _choices(channels, "channels")
    if customers is not None and not isinstance(customers, st.SearchStrategy):
        raise ValidationError(
            "customers must be a hypothesis strategy of Customer values, e.g. "
            f"customers(tiers=['vip']) (got {type(customers).__name__})"
        )
    who = customers if customers is not None else _any_customer
    opened = aware_datetimes(tzs, min_value=min_value, max_value=max_value)

    @st.composite
    def interaction(draw: st.DrawFn) -> Interaction:
        ix = Interaction.open(
            id=draw(_ids),
            channel=draw(st.sampled_from(channel_choices)),
            at=draw(opened),
            customer=draw(who),
            priority=draw(st.sampled_from(Priority)),
            subject=draw(
                st.none() | st.sampled_from(("환불 문의", "Where is my order?", "로그인 오류"))
            ),
        )
        cursor = _Cursor(
            instant=ix.opened_at.astimezone(UTC),
            closed=False,
            escalated=[],
            counter=0,
            interaction_id=ix.id,
        )
        count = draw(st.integers(min_events, max_events))
        return ix.record_all(_continue(draw, cursor, tzs, count, _locale_language(ix.customer)))

    return interaction()


def events_for(
    ix: Interaction,
    *,
    min_size: int = 0,
    max_size: int = 10,
    zones: str | tzinfo | Iterable[str | tzinfo] | None = None,
) -> st.SearchStrategy[list[ev.Event]]:
    """Lists of events that ``ix.record_all`` accepts: a valid continuation of ``ix``.

    The events start at ``ix.last_event_at`` and are written in ``zones``
    (default: the zone ``ix`` was opened in).
    """
    if not isinstance(ix, Interaction):
        raise ValidationError(f"ix must be a cxcore.Interaction (got {type(ix).__name__})")
    _check_sizes(min_size, max_size)
    tzs = zones_from(zones) if zones is not None else (_zone_of(ix.opened_at),)

    @st.composite
    def continuation(draw: st.DrawFn) -> list[ev.Event]:
        recorded = [e.key for e in ix.events if isinstance(e, ev.Escalated)]
        cursor = _Cursor(
            instant=ix.last_event_at.astimezone(UTC),
            closed=ix.status is Status.CLOSED,
            escalated=recorded,
            counter=len(recorded),
            interaction_id=f"{ix.id}+",
        )
        count = draw(st.integers(min_size, max_size))
        return _continue(draw, cursor, tzs, count, _locale_language(ix.customer))

    return continuation()


def _zone_of(moment: datetime) -> tzinfo:
    # An interaction's moments are aware, so the UTC fallback only satisfies the type.
    return moment.tzinfo if moment.tzinfo is not None else UTC
