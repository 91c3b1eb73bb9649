"""``cxcore demo``: a short, deterministic walk-through of one Korean refund inquiry.

Fixed datetimes, no files, no extras: the same text on every machine. Each part
of the library adds a section, told through its public API.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
from babel.dates import format_datetime

from . import events
from ._i18n import translate
from ._interaction import Interaction
from ._model import Customer, Priority, Status
from .escalation import EscalationPolicy
from .language import Finding, check, signals
from .routing import Teams, route
from .sla import SlaPolicy

__all__ = [
    "demo_escalation_policy",
    "demo_interaction",
    "demo_sla_policy",
    "demo_teams",
    "run_demo",
]

SEOUL = ZoneInfo("Asia/Seoul")
#: Tuesday 3 March 2026, 10:00 in Seoul.
OPENED = datetime(2026, 3, 3, 10, 0, tzinfo=SEOUL)


def _t(minutes: int) -> datetime:
    return OPENED + timedelta(minutes=minutes)


#: The customer's messages and the agent's replies, by minutes after opening.
_DRAFT_REPLY = "안타깝게도 배송 중인 상품은 환불이 불가능합니다. 도착하면 다시 문의하세요."
_SENT_REPLY = (
    "기다리시게 해서 죄송합니다. 배송 상황을 바로 확인해 드리겠습니다. "
    "오늘 중 도착하지 않으면 바로 환불해 드릴 수 있습니다."
)
_SECOND_MESSAGE = "벌써 세 번째 문의예요. 상담원 연결해 주세요."


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
            events.StatusChanged(at=_t(20), status=Status.OPEN),
            events.InternalNote(at=_t(30), agent="a-1", text="택배사 조회 요청함"),
            events.AgentReply(at=_t(100), agent="a-1", text=_SENT_REPLY),
            events.CustomerMessage(at=_t(130), text=_SECOND_MESSAGE, channel="chat"),
            events.Transferred(at=_t(150), team="logistics", agent="a-7", reason="배송 추적"),
        ]
    )


def demo_sla_policy() -> SlaPolicy:
    """The demo's SLA policy: Seoul business hours, stricter for high priority."""
    weekdays = ("mon", "tue", "wed", "thu", "fri")
    return SlaPolicy.from_dict(
        {
            "name": "seoul-standard",
            "calendar": {
                "timezone": "Asia/Seoul",
                "hours": {day: [["09:00", "18:00"]] for day in weekdays},
                "holidays": ["2026-03-01", "2026-03-02"],
            },
            "targets": [
                {"metric": "first_response", "within": "1h", "when": {"priority": ["high"]}},
                {"metric": "first_response", "within": "4h"},
                {"metric": "next_response", "within": "2h"},
                {"metric": "periodic_update", "within": "9h"},
                {"metric": "resolution", "within": "5d", "business_hours": False},
            ],
        }
    )


def demo_escalation_policy() -> EscalationPolicy:
    """The demo's escalation policy: the late first reply climbs; a request for a person."""
    return EscalationPolicy.from_dict(
        {
            "name": "default",
            "rules": [
                {
                    "id": "first-reply-late",
                    "when": {
                        "all": [
                            {"sla": {"metric": "first_response", "state": "breached"}},
                            {"priority": {"in": ["high", "urgent"]}},
                        ]
                    },
                    "steps": [
                        {"after": "0m", "level": 1, "actions": [{"notify": "team-lead"}]},
                        {
                            "after": "30m",
                            "level": 2,
                            "actions": [{"set_priority": "urgent"}, {"notify": "duty-manager"}],
                        },
                    ],
                },
                {
                    "id": "asks-for-human",
                    "when": {"signal": "asks_for_human"},
                    "steps": [{"after": "0m", "level": 1, "actions": [{"offer_human": True}]}],
                },
                {
                    "id": "owner-follows-up",
                    "when": {"event": "transferred"},
                    "steps": [
                        {"after": "1d", "level": 0, "actions": [{"follow_up": {"by": "owner"}}]}
                    ],
                },
            ],
        }
    )


def demo_teams() -> Teams:
    """Three desks a follow-the-sun service hands over between."""

    def desk(zone: str, start: str, end: str) -> dict[str, object]:
        return {
            "timezone": zone,
            "hours": {d: [[start, end]] for d in ("mon", "tue", "wed", "thu", "fri")},
        }

    return Teams.from_dict(
        {
            "teams": [
                {
                    "id": "seoul",
                    "locales": ["ko", "en"],
                    "channels": ["email", "chat", "phone"],
                    "calendar": desk("Asia/Seoul", "09:00", "18:00"),
                },
                {
                    "id": "berlin",
                    "locales": ["de", "en-GB"],
                    "channels": ["email", "chat"],
                    "calendar": desk("Europe/Berlin", "09:00", "17:00"),
                },
                {
                    "id": "new-york",
                    "locales": ["en-US"],
                    "channels": ["email", "chat", "phone"],
                    "calendar": desk("America/New_York", "11:00", "19:00"),
                },
            ]
        }
    )


def _when(at: datetime, locale: str) -> str:
    """``at`` on the Seoul wall clock, the way the customer and the desk see it."""
    return format_datetime(at.astimezone(SEOUL), "yyyy-MM-dd HH:mm", locale=locale)


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
    elif isinstance(event, events.StatusChanged):
        detail = _tr(locale, "status {status}", status=event.status.value)
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


def _sla_section(ix: Interaction, sla: SlaPolicy, locale: str) -> list[str]:
    lines = [_tr(locale, "2. Are we on time? SLA clocks on Seoul business hours")]
    for at in (_t(50), _t(160)):
        report = sla.evaluate(ix, at=at)
        lines.append("  " + _tr(locale, "at {when}:", when=_when(at, locale)))
        lines += ["    " + clock.describe(locale) for clock in report.values()]
        if report.next_change_at is not None:
            lines.append(
                "    "
                + _tr(
                    locale,
                    "next look needed at {when} (no polling)",
                    when=_when(report.next_change_at, locale),
                )
            )
    return lines


def _action_text(action: object) -> str:
    kind = getattr(action, "kind", type(action).__name__)
    config = action.to_config() if hasattr(action, "to_config") else None
    return f"{kind}={json.dumps(config, ensure_ascii=False, sort_keys=True)}"


def _escalation_section(
    base: Interaction, sla: SlaPolicy, esc: EscalationPolicy, locale: str
) -> tuple[Interaction, list[str]]:
    """Replay hourly-ish sweeps over ``base``'s events, recording each decision once."""
    lines = [_tr(locale, "3. Does this need a higher level of help? Escalation sweeps")]
    # Each sweep: when it runs, and who acknowledges what it recorded (if anyone).
    sweeps = [(_t(65), None), (_t(95), "a-3"), (_t(135), None), (_t(160), None)]
    pending = list(base.events)
    ix = attrs.evolve(base, events=())
    for at, acknowledger in sweeps:
        while pending and pending[0].at <= at:
            ix = ix.record(pending.pop(0))
        result = esc.evaluate(ix, at=at, sla=sla)
        lines.append("  " + _tr(locale, "sweep at {when}:", when=_when(at, locale)))
        if not result.decisions:
            lines.append("    " + _tr(locale, "nothing to do"))
        for decision in result.decisions:
            actions = ", ".join(_action_text(a) for a in decision.actions)
            lines.append(
                "    "
                + _tr(
                    locale,
                    "level {level} {rule}: {actions}",
                    level=decision.level,
                    rule=decision.rule_id,
                    actions=actions,
                )
            )
            lines.append("      " + _tr(locale, "key {key}", key=decision.key))
            ix = ix.record(decision.to_event(at=at))
            if acknowledger is not None:
                ix = ix.record(
                    events.EscalationAcknowledged(at=at, agent=acknowledger, key=decision.key)
                )
                lines.append("      " + _tr(locale, "acknowledged by {agent}", agent=acknowledger))
        again = esc.evaluate(ix, at=at, sla=sla)
        lines.append(
            "    "
            + _tr(
                locale,
                "the same sweep again finds {count} new decisions (exactly once)",
                count=len(again.decisions),
            )
        )
    for at_event in pending:
        ix = ix.record(at_event)
    explain_at = _t(160)
    lines.append(
        "  " + _tr(locale, "why, rule by rule, at {when}:", when=_when(explain_at, locale))
    )
    for explanation in esc.explain(ix, at=explain_at, sla=sla):
        due = (
            _tr(locale, " (next step due {when})", when=_when(explanation.next_due_at, locale))
            if explanation.next_due_at is not None
            else ""
        )
        lines.append(f"    {explanation.rule_id}: {explanation.status.value}{due}")
    lines += [
        "  "
        + _tr(
            locale,
            "if nobody acts: {when} {rule} level {level}",
            when=_when(forecast.at, locale),
            rule=forecast.decision.rule_id,
            level=forecast.decision.level,
        )
        for forecast in esc.simulate(ix, until=_t(60 * 30), sla=sla)
    ]
    return ix, lines


def _mark(text: str, findings: tuple[Finding, ...]) -> str:
    marks = [" "] * len(text)
    for f in findings:
        for i in range(f.start, f.end):
            marks[i] = "^"
    # East Asian wide characters take two columns; mark both.
    return "".join(
        m * (2 if unicodedata.east_asian_width(c) in "WF" else 1)
        for m, c in zip(marks, text, strict=True)
    ).rstrip()


def _phrasing_section(locale: str) -> list[str]:
    lines = [_tr(locale, "4. Is the reply worded the way good service sounds?")]
    draft = check(_DRAFT_REPLY, locale="ko", message_locale=locale)
    lines.append("  " + _tr(locale, "draft reply:"))
    lines.append("    " + _DRAFT_REPLY)
    lines.append("    " + _mark(_DRAFT_REPLY, draft))
    for f in draft:
        lines.append(f"    [{f.category.value}] {f.text}: {f.message}")
        if f.suggestions:
            lines.append("      -> " + f.suggestions[0])
    sent = check(_SENT_REPLY, locale="ko", message_locale=locale)
    lines.append("  " + _tr(locale, "the reply that was sent:"))
    lines.append("    " + _SENT_REPLY)
    lines.append(
        "    " + _tr(locale, "{count} findings", count=len(sent))
        if sent
        else "    " + _tr(locale, "no findings: it says what can be done")
    )
    lines.append("  " + _tr(locale, "what the customer's second message signals:"))
    lines += [f"    {sig.kind.value}: {sig.text}" for sig in signals(_SECOND_MESSAGE, locale="ko")]
    return lines


def _routing_section(ix: Interaction, sla: SlaPolicy, locale: str) -> list[str]:
    lines = [_tr(locale, "5. Who answers next? Follow-the-sun routing")]
    teams = demo_teams()
    for at in (_t(130), OPENED + timedelta(hours=9, minutes=30)):
        lines.append("  " + _tr(locale, "at {when}:", when=_when(at, locale)))
        lines += ["    " + c.describe(locale) for c in route(ix.up_to(at), teams, at=at, sla=sla)]
    return lines


def run_demo(*, locale: str) -> str:
    """The demo's full text in ``locale`` (``"en"`` or ``"ko"``)."""
    base = demo_interaction()
    sla = demo_sla_policy()
    esc = demo_escalation_policy()
    lines = [_tr(locale, "cxcore demo: a refund inquiry, step by step"), ""]
    lines += _interaction_section(base, locale)
    lines.append("")
    lines += _sla_section(base, sla, locale)
    lines.append("")
    ix, section = _escalation_section(base, sla, esc, locale)
    lines += section
    lines.append("")
    lines += _phrasing_section(locale)
    lines.append("")
    lines += _routing_section(ix, sla, locale)
    return "\n".join(lines) + "\n"
