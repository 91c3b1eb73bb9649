"""The built-in actions: intents a decision carries for the host to carry out.

The library performs none of them. Each is a frozen value the host matches on
(``isinstance(action, Notify)``); ``handover_note`` writes its note text and
``follow_up`` names the owner when the decision is made, so the host has
nothing left to look up.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

import attrs

from cxcore import _events as ev
from cxcore._errors import ConfigError, ValidationError
from cxcore._i18n import parse_locale, translate
from cxcore._model import Priority, non_empty_str, optional_str, to_priority

from ._context import EvaluationContext
from ._registries import actions

__all__ = [
    "FollowUp",
    "HandoverNote",
    "Notify",
    "OfferHuman",
    "Reassign",
    "SetPriority",
    "Tag",
]

_DOMAIN = "cxcore-escalation"


def _name(value: Any, path: str, example: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected a non-empty str (got {value!r}); {example}", path=path)
    return value


def _object(value: Any, path: str, keys: tuple[str, ...], example: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"expected an object (got {value!r})"[:300] + f"; {example}", path=path)
    for key in value:
        if key not in keys:
            raise ConfigError(
                f"unknown key {key!r}; known keys: {', '.join(keys)}", path=f"{path}.{key}"
            )
    return value


@attrs.frozen(kw_only=True)
class Notify:
    """``{"notify": "team-lead"}``: tell someone (a person, a role, a channel: the host decides)."""

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "notify"

    target: str = attrs.field(validator=non_empty_str("Notify.target"))

    @classmethod
    def from_config(cls, value: Any, path: str) -> Notify:
        """Built from ``"<target>"``."""
        return cls(target=_name(value, path, 'write e.g. {"notify": "team-lead"}'))

    def to_config(self) -> str:
        """The config value."""
        return self.target

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> Notify:
        """Itself: nothing to fill in."""
        return self


@attrs.frozen(kw_only=True)
class SetPriority:
    """``{"set_priority": "urgent"}``: raise (or set) the priority."""

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "set_priority"

    priority: Priority = attrs.field(converter=to_priority)

    @classmethod
    def from_config(cls, value: Any, path: str) -> SetPriority:
        """Built from a priority name."""
        if value not in tuple(p.value for p in Priority):
            known = ", ".join(p.value for p in Priority)
            raise ConfigError(f"unknown priority {value!r}; known: {known}", path=path)
        return cls(priority=value)

    def to_config(self) -> str:
        """The config value."""
        return self.priority.value

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> SetPriority:
        """Itself: nothing to fill in."""
        return self


@attrs.frozen(kw_only=True)
class Reassign:
    """``{"reassign": {"team": "tier2"}}``, ``{"agent": "a-9"}`` or ``{"route": true}``.

    ``route`` asks the host to choose the team or agent itself (for instance with
    ``cxcore.routing``); exactly one of the three is set.
    """

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "reassign"

    team: str | None = attrs.field(default=None, validator=optional_str("Reassign.team"))
    agent: str | None = attrs.field(default=None, validator=optional_str("Reassign.agent"))
    route: bool = False

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.route, bool):
            raise ValidationError(f"Reassign.route must be True or False (got {self.route!r})")
        if (self.team is not None) + (self.agent is not None) + self.route != 1:
            raise ValidationError(
                "Reassign takes exactly one of team, agent or route=True, "
                "e.g. Reassign(team='tier2')"
            )

    @classmethod
    def from_config(cls, value: Any, path: str) -> Reassign:
        """Built from an object with exactly one of ``team``, ``agent``, ``route``."""
        example = 'write e.g. {"reassign": {"team": "tier2"}}'
        body = _object(value, path, ("agent", "route", "team"), example)
        if len(body) != 1:
            raise ConfigError(f"give exactly one of agent, route, team; {example}", path=path)
        key, item = next(iter(body.items()))
        if key == "route":
            if item is not True:
                raise ConfigError(f"route must be true (got {item!r})", path=f"{path}.route")
            return cls(route=True)
        name = _name(item, f"{path}.{key}", example)
        return cls(team=name) if key == "team" else cls(agent=name)

    def to_config(self) -> dict[str, Any]:
        """The config value."""
        if self.route:
            return {"route": True}
        return {"team": self.team} if self.team is not None else {"agent": self.agent}

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> Reassign:
        """Itself: nothing to fill in."""
        return self


@attrs.frozen(kw_only=True)
class OfferHuman:
    """``{"offer_human": true}``: offer the customer a person (the way out of automation)."""

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "offer_human"

    @classmethod
    def from_config(cls, value: Any, path: str) -> OfferHuman:
        """Built from ``true``."""
        if value is not True:
            raise ConfigError(
                f'expected true (got {value!r}); write {{"offer_human": true}}', path=path
            )
        return cls()

    def to_config(self) -> bool:
        """The config value."""
        return True

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> OfferHuman:
        """Itself: nothing to fill in."""
        return self


@attrs.frozen(kw_only=True)
class Tag:
    """``{"tag": "escalated"}``: add a tag."""

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "tag"

    tag: str = attrs.field(validator=non_empty_str("Tag.tag"))

    @classmethod
    def from_config(cls, value: Any, path: str) -> Tag:
        """Built from the tag name."""
        return cls(tag=_name(value, path, 'write e.g. {"tag": "escalated"}'))

    def to_config(self) -> str:
        """The config value."""
        return self.tag

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> Tag:
        """Itself: nothing to fill in."""
        return self


@attrs.frozen(kw_only=True)
class FollowUp:
    """``{"follow_up": {"by": "owner"}}``: the owner checks with the customer that it was solved.

    The owner stays when an interaction is transferred, so the agent who first
    answered can confirm the other team solved it. ``agent`` is the owner when
    the step came due (None if nobody owns it yet).
    """

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "follow_up"

    by: str = attrs.field(default="owner")
    agent: str | None = attrs.field(default=None, validator=optional_str("FollowUp.agent"))

    @by.validator
    def _check_by(self, _attr: object, value: object) -> None:
        if value != "owner":
            raise ValidationError(f"FollowUp.by must be 'owner' (got {value!r})")

    @classmethod
    def from_config(cls, value: Any, path: str) -> FollowUp:
        """Built from ``{"by": "owner"}``."""
        body = _object(value, path, ("by",), 'write {"follow_up": {"by": "owner"}}')
        if body.get("by", "owner") != "owner":
            raise ConfigError(f"unknown value {body['by']!r}; known: owner", path=f"{path}.by")
        return cls()

    def to_config(self) -> dict[str, Any]:
        """The config value."""
        return {"by": self.by}

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> FollowUp:
        """With ``agent`` set to the owner at ``at``."""
        return attrs.evolve(self, agent=ctx.state_at(at).owner)


@attrs.frozen(kw_only=True)
class HandoverNote:
    """``{"handover_note": {"locale": "ko"}}``: a note so the next person need not ask again.

    The note sums up the customer and tier, the channels used, what was tried
    (public replies and transfers), the last customer message and the SLA state,
    in ``locale`` (default the customer's, falling back to English). ``text`` is
    written when a decision carries the action.
    """

    __module__ = "cxcore.escalation"
    kind: ClassVar[str] = "handover_note"

    locale: str | None = attrs.field(default=None)
    text: str | None = None

    @locale.validator
    def _check_locale(self, _attr: object, value: object) -> None:
        if value is not None:
            parse_locale(value, "HandoverNote.locale")

    @classmethod
    def from_config(cls, value: Any, path: str) -> HandoverNote:
        """Built from ``{}`` or ``{"locale": "ko"}``."""
        body = _object(value, path, ("locale",), 'write e.g. {"handover_note": {"locale": "ko"}}')
        locale = body.get("locale")
        if locale is not None:
            try:
                parse_locale(locale, "locale")
            except ValueError as exc:
                raise ConfigError(str(exc), path=f"{path}.locale") from None
        return cls(locale=locale)

    def to_config(self) -> dict[str, Any]:
        """The config value."""
        return {} if self.locale is None else {"locale": self.locale}

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> HandoverNote:
        """With ``text`` written for the interaction as it stood at ``at``."""
        locale = self.locale or ctx.interaction.customer.locale or "en"
        return attrs.evolve(self, text=handover_text(ctx, at=at, locale=locale))


def _clip(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _when(ctx: EvaluationContext, moment: datetime) -> str:
    """``moment`` on the wall clock of the policy's calendar, else the SLA policy's, else UTC."""
    if ctx.calendar is not None:
        zone = ctx.calendar.timezone
    elif ctx.sla is not None:
        zone = ctx.sla.zone
    else:
        zone = UTC
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".strip()


_METRIC_LABELS = {
    "first_response": "first response",
    "next_response": "next response",
    "periodic_update": "periodic update",
    "resolution": "resolution",
}
_STATE_LABELS = {
    "running": "running",
    "paused": "paused",
    "met": "met",
    "breached": "breached",
    "at_risk": "at risk",
}


def handover_text(ctx: EvaluationContext, *, at: datetime, locale: str) -> str:
    """The handover note for the interaction as it stood at ``at``, in ``locale``."""

    def t(message: str, **params: object) -> str:
        return translate(_DOMAIN, locale, message, **params)

    ix = ctx.interaction
    state = ctx.state_at(at)
    customer = ix.customer
    lines = [
        t("Handover summary for interaction {interaction}.", interaction=ix.id),
        t(
            "Customer: {customer}, tier {tier}.",
            customer=customer.name or customer.id,
            tier=customer.tier,
        ),
    ]
    if ix.subject:
        lines.append(t("Subject: {subject}", subject=_clip(ix.subject)))
    lines.append(t("Channels used: {channels}.", channels=", ".join(state.channels)))
    lines.append(
        t(
            "Tried so far: {replies} public replies and {transfers} transfers.",
            replies=state.reply_count,
            transfers=state.transfer_count,
        )
    )
    teams = [e.team for e in ix.events if isinstance(e, ev.Transferred) and e.at <= at]
    if teams:
        lines.append(t("Transfers: {path}.", path=" → ".join(teams)))
    last_reply: ev.AgentReply | None = None
    last_message: ev.CustomerMessage | None = None
    for event in ix.events:
        if event.at > at:
            break
        if isinstance(event, ev.AgentReply):
            last_reply = event
        elif isinstance(event, ev.CustomerMessage):
            last_message = event
    if last_reply is not None:
        lines.append(
            t(
                "Last agent reply ({at}, {agent}): {text}",
                at=_when(ctx, last_reply.at),
                agent=last_reply.agent,
                text=_clip(last_reply.text),
            )
        )
    if last_message is not None:
        lines.append(
            t(
                "Last customer message ({at}): {text}",
                at=_when(ctx, last_message.at),
                text=_clip(last_message.text),
            )
        )
    else:
        lines.append(t("The customer has not written yet."))
    lines.append(_sla_line(ctx, at, t))
    lines.append(t("Please do not ask the customer to repeat any of this."))
    return "\n".join(lines)


def _sla_line(ctx: EvaluationContext, at: datetime, t: Any) -> str:
    if ctx.sla is None:
        return str(t("SLA: not evaluated (no SLA policy given)."))
    from cxcore.sla import Metric

    report = ctx.sla_report_at(at)
    parts: list[str] = []
    for metric in Metric:
        clock = report.get(metric)
        if clock is None:
            continue
        state = "at_risk" if clock.at_risk else str(clock.state.value)
        label = t(_METRIC_LABELS.get(metric.value, metric.value))
        state_label = t(_STATE_LABELS.get(state, state))
        if clock.due_at is not None and clock.stopped_at is None:
            parts.append(
                t(
                    "{metric}: {state} (due {due})",
                    metric=label,
                    state=state_label,
                    due=_when(ctx, clock.due_at),
                )
            )
        else:
            parts.append(t("{metric}: {state}", metric=label, state=state_label))
    if not parts:
        return str(t("SLA: no clock has started."))
    return str(t("SLA: {clocks}.", clocks="; ".join(parts)))


actions.register("notify", Notify.from_config)
actions.register("set_priority", SetPriority.from_config)
actions.register("reassign", Reassign.from_config)
actions.register("offer_human", OfferHuman.from_config)
actions.register("handover_note", HandoverNote.from_config)
actions.register("follow_up", FollowUp.from_config)
actions.register("tag", Tag.from_config)
