"""``cxcore demo``: a short, deterministic walk-through of one Korean refund inquiry.

Fixed datetimes, no files, no extras: the same text on every machine. Each part
of the library adds a section, told through its public API.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from . import events
from ._i18n import translate
from ._interaction import Interaction
from ._model import Customer, Priority

__all__ = ["demo_interaction", "run_demo"]

SEOUL = ZoneInfo("Asia/Seoul")
#: Tuesday 3 March 2026, 10:00 in Seoul.
OPENED = datetime(2026, 3, 3, 10, 0, tzinfo=SEOUL)


def _t(minutes: int) -> datetime:
    return OPENED + timedelta(minutes=minutes)


def demo_interaction() -> Interaction:
    """The demo's interaction: a VIP customer's refund inquiry by e-mail, then chat."""
    ix = Interaction.open(
        id="T-1001",
        channel="email",
        at=OPENED,
        customer=Customer(id="c-9", tier="vip", locale="ko-KR"),
        priority=Priority.HIGH,
        subject="환불 문의",
    )
    return ix.record_all(
        [
            events.CustomerMessage(
                at=_t(0), text="지난주에 주문한 무선 이어폰이 아직 안 왔어요. 환불받고 싶어요."
            ),
            events.Assigned(at=_t(20), agent="a-1", team="billing"),
            events.InternalNote(at=_t(30), agent="a-1", text="택배사 조회 요청함"),
            events.AgentReply(
                at=_t(100),
                agent="a-1",
                text="기다리시게 해서 죄송합니다. 배송 상황을 바로 확인해 드리겠습니다.",
            ),
            events.CustomerMessage(
                at=_t(130),
                text="벌써 세 번째 문의예요. 상담원 연결해 주세요.",
                channel="chat",
            ),
            events.Transferred(at=_t(150), team="logistics", agent="a-7", reason="배송 추적"),
        ]
    )


def _when(at: datetime, locale: str) -> str:
    return format_datetime(at, "yyyy-MM-dd HH:mm", locale=locale)


def _tr(locale: str, message: str, **params: object) -> str:
    return translate("cxcore", locale, message, **params)


def _who(event: events.Event, locale: str) -> str:
    if isinstance(event, events.CustomerMessage):
        return _tr(locale, "customer")
    agent = getattr(event, "agent", None)
    return str(agent) if agent else "-"


def _event_line(event: events.Event, locale: str) -> str:
    kind = type(event).__name__
    detail = getattr(event, "text", None)
    if isinstance(event, events.Assigned | events.Transferred):
        detail = _tr(locale, "team {team}", team=event.team)
    shown = f'  "{detail}"' if detail else ""
    return f"  {_when(event.at, locale)}  {kind:<16} {_who(event, locale):<9}{shown}"


def _interaction_section(ix: Interaction, locale: str) -> list[str]:
    none = _tr(locale, "(none)")
    lines = [
        _tr(locale, "1. The interaction, told as events"),
        _tr(
            locale,
            "{id} by {channel}, customer {customer} ({tier}, {cust_locale}), "
            "opened {opened} Asia/Seoul",
            id=ix.id,
            channel=ix.channel,
            customer=ix.customer.id,
            tier=ix.customer.tier,
            cust_locale=ix.customer.locale,
            opened=_when(ix.opened_at, locale),
        ),
    ]
    lines += [_event_line(e, locale) for e in ix.events]
    lines += [
        "",
        _tr(locale, "Derived from the events (never stored beside them):"),
        "  " + _tr(locale, "status: {value}", value=ix.status.value),
        "  " + _tr(locale, "priority: {value}", value=ix.priority.value),
        "  "
        + _tr(
            locale,
            "owner: {owner}  assignee: {assignee}  team: {team}",
            owner=ix.owner or none,
            assignee=ix.assignee or none,
            team=ix.team or none,
        ),
        "  " + _tr(locale, "channels used: {value}", value=", ".join(ix.channels)),
        "  "
        + _tr(
            locale,
            "customer messages: {messages}  replies: {replies}  unanswered: {unanswered}  "
            "transfers: {transfers}",
            messages=ix.message_count,
            replies=ix.reply_count,
            unanswered=ix.unanswered_messages,
            transfers=ix.transfer_count,
        ),
    ]
    return lines


def run_demo(*, locale: str) -> str:
    """The demo's full text in ``locale`` (``"en"`` or ``"ko"``)."""
    ix = demo_interaction()
    lines = [_tr(locale, "cxcore demo: a refund inquiry, step by step"), ""]
    lines += _interaction_section(ix, locale)
    return "\n".join(lines) + "\n"
