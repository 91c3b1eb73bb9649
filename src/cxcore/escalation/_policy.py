"""Escalation policies: rules, steps, and the pure evaluation that turns a timeline into decisions.

A rule's condition holds over stretches of time; each stretch (and each new
occurrence of an event inside it) is a *cause*; step ``k`` of a cause is due at
its start plus the ``after``s of steps ``0..k``. A decision is a step that is
due, not yet recorded and not cut by an acknowledgement. Its key names the
policy, the rule, the interaction, the cause's start and the step, so however
often and from however many workers a host sweeps, recording the decisions
gives each escalation exactly once.

Nothing here reads the clock, performs an action or stores anything.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from os import PathLike
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs

from cxcore import _events as ev
from cxcore._errors import PluginError, ValidationError
from cxcore._interaction import Interaction
from cxcore._model import Status
from cxcore._time import require_aware

from ._conditions import (
    AllOf,
    AnyOf,
    ConditionExplanation,
    Leaf,
    Node,
    Not,
    explain_node,
    node_stretches,
)
from ._context import EvaluationContext
from ._registries import Action
from ._stretches import Span

if TYPE_CHECKING:
    from cxcore.sla import BusinessCalendar, SlaPolicy

__all__ = [
    "Decision",
    "EscalationPolicy",
    "Evaluation",
    "Forecast",
    "Rule",
    "RuleExplanation",
    "RuleStatus",
    "Step",
    "decision_key",
]


def _non_negative_int(name: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(f"{name} must be an int >= 0 (got {value!r})")

    return check


def _tuple(value: object) -> tuple[Any, ...]:
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise ValidationError(f"expected a sequence (got {type(value).__name__})")
    return tuple(value)  # type: ignore[call-overload, unused-ignore]


def _check_after(_inst: object, _attr: object, value: Any) -> None:
    if not isinstance(value, timedelta) or value < timedelta(0):
        raise ValidationError(
            f"Step.after must be a timedelta >= 0 (got {value!r}); pass e.g. timedelta(minutes=30)"
        )


def _check_actions(_inst: object, _attr: object, value: tuple[Any, ...]) -> None:
    if not value:
        raise ValidationError("Step.actions needs at least one action, e.g. Notify(target='lead')")
    for action in value:
        if not isinstance(action, Action):
            raise ValidationError(
                f"Step.actions holds {type(action).__name__}, not an action with kind, "
                "to_config() and resolve(ctx, at=...)"
            )


@attrs.frozen(kw_only=True)
class Step:
    """One rung of a rule's climb: ``after`` the previous rung (or the cause's start), a level."""

    __module__ = "cxcore.escalation"

    after: timedelta = attrs.field(validator=_check_after)
    level: int = attrs.field(validator=_non_negative_int("Step.level"))
    actions: tuple[Action, ...] = attrs.field(converter=_tuple, validator=_check_actions)


def _check_node(_inst: object, _attr: object, value: Any) -> None:
    if not isinstance(value, Leaf | AllOf | AnyOf | Not):
        raise ValidationError(
            f"Rule.when must be a condition tree node (got {type(value).__name__}); "
            "build rules with EscalationPolicy.from_dict"
        )


def _check_steps(inst: Rule, _attr: object, value: tuple[Any, ...]) -> None:
    if not value:
        raise ValidationError(f"rule {inst.id!r} needs at least one step")
    level = 0
    for step in value:
        if not isinstance(step, Step):
            raise ValidationError(f"Rule.steps holds {type(step).__name__}, not a Step")
        if step.level < level:
            raise ValidationError(
                f"rule {inst.id!r}: levels never go down (a step at level {step.level} "
                f"follows one at {level})"
            )
        level = step.level


def _check_id(_inst: object, _attr: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"Rule.id must be a non-empty str (got {value!r})")


@attrs.frozen(kw_only=True)
class Rule:
    """A condition tree and the steps it climbs while it holds."""

    __module__ = "cxcore.escalation"

    id: str = attrs.field(validator=_check_id)
    when: Node = attrs.field(validator=_check_node)
    steps: tuple[Step, ...] = attrs.field(converter=_tuple, validator=_check_steps)
    description: str | None = None

    def leaves(self) -> Iterator[Leaf]:
        """Every leaf of the condition tree, depth first."""
        stack: list[Node] = [self.when]
        while stack:
            node = stack.pop()
            if isinstance(node, Leaf):
                yield node
            elif isinstance(node, Not):
                stack.append(node.child)
            else:
                stack.extend(reversed(node.children))


def _part(text: str) -> str:
    return quote(text, safe="") if "/" in text or "%" in text else text


def decision_key(policy: str, rule_id: str, interaction_id: str, cause: datetime, step: int) -> str:
    """``"{policy}/{rule}/{interaction}/{cause start, UTC, µs}/{step}"``; parts with ``/``
    or ``%`` are percent-encoded.

    >>> from datetime import datetime, UTC
    >>> from cxcore.escalation import decision_key
    >>> decision_key("default", "late/1", "T-1", datetime(2026, 3, 2, 9, tzinfo=UTC), 0)
    'default/late%2F1/T-1/2026-03-02T09:00:00.000000+00:00/0'
    """
    for name, part in (
        ("policy", policy),
        ("rule_id", rule_id),
        ("interaction_id", interaction_id),
    ):
        if not isinstance(part, str) or not part:
            raise ValidationError(f"{name} must be a non-empty str (got {part!r})")
    # a naive cause would be read in the process's own zone: a key no other machine makes
    require_aware(cause, "cause")
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise ValidationError(f"step must be an int >= 0 (got {step!r})")
    start = _in_range(cause, "cause").isoformat(timespec="microseconds")
    return f"{_part(policy)}/{_part(rule_id)}/{_part(interaction_id)}/{start}/{step}"


def _in_range(moment: datetime, name: str) -> datetime:
    """``moment`` in UTC, or a ValidationError when that lies outside the years 1–9999."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationError(
            f"{name} ({moment.isoformat()}) lies outside the years 1–9999 in UTC; "
            "escalations are computed for moments inside them"
        ) from None


@attrs.frozen(kw_only=True)
class Decision:
    """A step that is due: what to do, at which level, and why.

    ``key`` is stable across processes and versions; record ``to_event(at=...)``
    and the same key never comes back. ``cause_ended_at`` is set when the cause
    ended before the evaluation (the step came due while it held); a host may
    drop such late decisions. ``reason`` is a JSON-safe dict: the condition tree
    at ``due_at`` with each leaf's value.
    """

    __module__ = "cxcore.escalation"

    policy: str
    interaction_id: str
    rule_id: str
    step: int
    level: int
    actions: tuple[Action, ...]
    key: str
    due_at: datetime
    cause_started_at: datetime
    cause_ended_at: datetime | None
    reason: dict[str, Any] = attrs.field(hash=False)

    def to_event(self, *, at: datetime) -> ev.Escalated:
        """The :class:`~cxcore.events.Escalated` event that records this decision at ``at``."""
        require_aware(at, "at")
        return ev.Escalated(
            at=at,
            key=self.key,
            policy=self.policy,
            rule_id=self.rule_id,
            step=self.step,
            level=self.level,
        )


def _errors_eq(a: tuple[PluginError, ...], b: tuple[PluginError, ...]) -> bool:
    return [(type(e), str(e)) for e in a] == [(type(e), str(e)) for e in b]


@attrs.frozen(kw_only=True)
class Evaluation:
    """What :meth:`EscalationPolicy.evaluate` found at ``at``.

    ``decisions`` in due order; ``next_change_at`` the next moment a step becomes
    due if no event happens (None when nothing is coming); ``errors`` one
    :class:`~cxcore.PluginError` per rule whose plugin raised (other rules still ran).
    """

    __module__ = "cxcore.escalation"

    at: datetime
    decisions: tuple[Decision, ...]
    next_change_at: datetime | None
    errors: tuple[PluginError, ...] = attrs.field(
        default=(), eq=attrs.cmp_using(eq=_errors_eq), hash=False
    )


@attrs.frozen(kw_only=True)
class Forecast:
    """A decision :meth:`EscalationPolicy.simulate` expects at ``at`` if nobody acts."""

    __module__ = "cxcore.escalation"

    at: datetime
    decision: Decision


class RuleStatus(enum.StrEnum):
    """Where a rule stands at one moment (see :meth:`EscalationPolicy.explain`)."""

    __module__ = "cxcore.escalation"

    #: A step is due now and not yet recorded.
    DUE = "due"
    #: The condition holds and the next step is still to come.
    WAITING = "waiting"
    #: The condition holds and every step that will come has been recorded.
    FIRED = "fired"
    #: The condition holds but an acknowledgement stopped the climb.
    ACKNOWLEDGED = "acknowledged"
    #: The condition does not hold.
    NOT_MATCHING = "not_matching"


@attrs.frozen(kw_only=True)
class RuleExplanation:
    """Why a rule did or did not fire at one moment.

    ``conditions`` is the condition tree with each node's ``holds`` and each
    leaf's actual value; ``cause_started_at`` the start of the cause holding now.
    """

    __module__ = "cxcore.escalation"

    rule_id: str
    status: RuleStatus
    holds: bool
    cause_started_at: datetime | None
    next_due_at: datetime | None
    conditions: ConditionExplanation

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict."""
        return {
            "rule_id": self.rule_id,
            "status": self.status.value,
            "holds": self.holds,
            "cause_started_at": _iso(self.cause_started_at),
            "next_due_at": _iso(self.next_due_at),
            "conditions": self.conditions.to_dict(),
        }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@attrs.frozen
class _Plan:
    """One step of one cause, as the evaluation sees it."""

    cause: Span
    step: int
    key: str
    due: datetime | None  # None when the step was recorded (its due moment is not needed)
    recorded: bool
    cut: bool
    acknowledged: bool  # some step of this cause was acknowledged

    @property
    def live(self) -> bool:
        """Due while the cause holds, not recorded, not cut."""
        end = self.cause[1]
        return (
            not self.recorded
            and not self.cut
            and self.due is not None
            and (end is None or self.due < end)
        )


def _acks(ix: Interaction) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    for event in ix.events:
        if isinstance(event, ev.EscalationAcknowledged) and event.key not in out:
            out[event.key] = event.at
    return out


def _check_ix(ix: object) -> Interaction:
    if not isinstance(ix, Interaction):
        raise ValidationError(
            f"ix must be a cxcore.Interaction (got {type(ix).__name__}); "
            "build one with Interaction.open(...)"
        )
    return ix


def _check_rules(value: object) -> tuple[Rule, ...]:
    rules = _tuple(value)
    seen: set[str] = set()
    for rule in rules:
        if not isinstance(rule, Rule):
            raise ValidationError(f"rules holds {type(rule).__name__}, not a Rule")
        if rule.id in seen:
            raise ValidationError(f"rule id {rule.id!r} is used twice; give each rule its own id")
        seen.add(rule.id)
    return rules


@attrs.frozen(kw_only=True)
class EscalationPolicy:
    """An ordered list of rules that hand a problem up at the right moment, exactly once.

    Build one with :meth:`from_dict` or :meth:`load`; ``to_dict`` writes it back.
    ``calendar`` (a :class:`~cxcore.sla.BusinessCalendar`) makes every ``after``
    and ``since`` duration business time.
    """

    __module__ = "cxcore.escalation"

    name: str = attrs.field()
    rules: tuple[Rule, ...] = attrs.field(converter=_check_rules)
    calendar: BusinessCalendar | None = attrs.field(default=None)

    @calendar.validator
    def _check_calendar(self, _attr: object, value: object) -> None:
        from cxcore.sla import BusinessCalendar

        if value is not None and not isinstance(value, BusinessCalendar):
            raise ValidationError(
                f"calendar must be a cxcore.sla.BusinessCalendar or None (got "
                f"{type(value).__name__}); build one with BusinessCalendar.from_dict(...)"
            )

    @name.validator
    def _check_name(self, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"name must be a non-empty str (got {value!r})")

    # Construction at the edges.

    @classmethod
    def from_dict(cls, data: object) -> EscalationPolicy:
        """Build from plain data; a bad document is a ConfigError naming its 0-based path."""
        from ._config import policy_from_dict

        return policy_from_dict(data)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> EscalationPolicy:
        """Read a TOML or JSON file (the same document :meth:`from_dict` takes)."""
        from ._config import load_policy

        return load_policy(path)

    def to_dict(self) -> dict[str, Any]:
        """Plain data that :meth:`from_dict` reads back equal."""
        from ._config import policy_to_dict

        return policy_to_dict(self)

    @property
    def uses_sla(self) -> bool:
        """Whether a rule has an ``sla`` leaf (then ``sla=`` is required)."""
        return any(leaf.name == "sla" for rule in self.rules for leaf in rule.leaves())

    # The pure evaluation.

    def _context(
        self, ix: Interaction, at: datetime, sla: SlaPolicy | None, name: str
    ) -> EvaluationContext:
        require_aware(at, name)
        for moment, what in ((at, name), (ix.opened_at, "ix.opened_at")):
            _in_range(moment, what)
        _in_range(ix.last_event_at, "the latest event of ix")
        # anything with SlaPolicy's evaluate will do (a host's wrapper, a test's spy)
        if sla is not None and not callable(getattr(sla, "evaluate", None)):
            raise ValidationError(
                f"sla must be a cxcore.sla.SlaPolicy or None (got {type(sla).__name__}); "
                "pass e.g. sla=SlaPolicy.load('sla_policy.toml')"
            )
        if sla is None and self.uses_sla:
            raise ValidationError(
                f"sla is required: policy {self.name!r} has an 'sla' condition; pass the "
                "SlaPolicy, e.g. esc.evaluate(ix, at=now, sla=sla_policy)"
            )
        view = ix.up_to(at)
        return EvaluationContext(
            interaction=view, at=at, sla=sla, calendar=self.calendar, policy=self.name
        )

    def _plans(self, rule: Rule, ctx: EvaluationContext, acks: dict[str, datetime]) -> list[_Plan]:
        ix = ctx.interaction
        recorded = ix.escalation_keys
        plans: list[_Plan] = []
        for cause in node_stretches(rule.when, ctx).causes():
            keys = [
                decision_key(self.name, rule.id, ix.id, cause[0], k) for k in range(len(rule.steps))
            ]
            cut_at = min((acks[k] for k in keys if k in acks), default=None)
            offset = timedelta(0)
            for index, (step, key) in enumerate(zip(rule.steps, keys, strict=True)):
                offset += step.after
                done = key in recorded
                due = None if done else ctx.add(cause[0], offset)
                cut = cut_at is not None and due is not None and due > cut_at
                plans.append(_Plan(cause, index, key, due, done, cut, cut_at is not None))
        return plans

    def _decision(
        self, rule: Rule, plan: _Plan, due: datetime, ctx: EvaluationContext, now: datetime
    ) -> Decision:
        step = rule.steps[plan.step]
        end = plan.cause[1]
        reason = {
            "rule_id": rule.id,
            "step": plan.step,
            "cause_started_at": plan.cause[0].isoformat(),
            "due_at": due.isoformat(),
            "condition": explain_node(rule.when, ctx, due).to_dict(),
        }
        return Decision(
            policy=self.name,
            interaction_id=ctx.interaction.id,
            rule_id=rule.id,
            step=plan.step,
            level=step.level,
            actions=tuple(a.resolve(ctx, at=due) for a in step.actions),
            key=plan.key,
            due_at=due,
            cause_started_at=plan.cause[0],
            cause_ended_at=end if end is not None and end <= now else None,
            reason=reason,
        )

    def evaluate(
        self, ix: Interaction, *, at: datetime, sla: SlaPolicy | None = None
    ) -> Evaluation:
        """Every step due at or before ``at``, not yet recorded and not cut, in due order.

        Sees only the events at or before ``at``. ``sla`` is the SLA policy the
        ``sla`` leaves read (required when there is one). A closed interaction
        escalates nothing: its history cannot take an ``Escalated`` event, so a
        step not recorded by the close is dropped rather than offered forever.
        """
        ctx = self._context(_check_ix(ix), at, sla, "at")
        if ctx.interaction.status is Status.CLOSED:
            return Evaluation(at=at, decisions=(), next_change_at=None)
        acks = _acks(ctx.interaction)
        found: list[tuple[datetime, int, int, Decision]] = []
        upcoming: list[datetime] = []
        errors: list[PluginError] = []
        for order, rule in enumerate(self.rules):
            try:
                plans = self._plans(rule, ctx, acks)
                mine: list[tuple[datetime, int, int, Decision]] = []
                for plan in plans:
                    due = plan.due
                    if not plan.live or due is None:
                        continue
                    if due <= at:
                        mine.append(
                            (due, order, plan.step, self._decision(rule, plan, due, ctx, at))
                        )
                    else:
                        upcoming.append(due)
            except Exception as exc:  # a plugin's failure is reported, the other rules still run
                errors.append(_plugin_error(rule, exc))
                continue
            found.extend(mine)
        found.sort(key=lambda item: (item[0], item[1], item[2]))
        return Evaluation(
            at=at,
            decisions=tuple(item[3] for item in found),
            next_change_at=min(upcoming, default=None),
            errors=tuple(errors),
        )

    def explain(
        self, ix: Interaction, *, at: datetime, sla: SlaPolicy | None = None
    ) -> tuple[RuleExplanation, ...]:
        """One :class:`RuleExplanation` per rule: its status at ``at`` and why.

        A plugin that raises is a :class:`~cxcore.PluginError` naming the rule.
        """
        ctx = self._context(_check_ix(ix), at, sla, "at")
        acks = _acks(ctx.interaction)
        out: list[RuleExplanation] = []
        for rule in self.rules:
            try:
                plans = self._plans(rule, ctx, acks)
                conditions = explain_node(rule.when, ctx, at)
            except Exception as exc:
                raise _plugin_error(rule, exc) from exc
            out.append(_explanation(rule, plans, conditions, at))
        return tuple(out)

    def simulate(
        self, ix: Interaction, *, until: datetime, sla: SlaPolicy | None = None
    ) -> tuple[Forecast, ...]:
        """Every decision that would come up to and including ``until`` if nobody acted.

        Starts at the interaction's last event: no new event, no recording, no
        acknowledgement. A step already due comes at that start. A closed
        interaction forecasts nothing. A plugin that
        raises is a :class:`~cxcore.PluginError` naming the rule.
        """
        ix = _check_ix(ix)
        start = ix.last_event_at
        require_aware(until, "until")
        if until < start:
            raise ValidationError(
                f"until ({until.isoformat()}) is before the last event ({start.isoformat()}); "
                "simulate looks forward from the last event"
            )
        ctx = self._context(ix, start, sla, "until")
        if ix.status is Status.CLOSED:
            return ()
        acks = _acks(ctx.interaction)
        found: list[tuple[datetime, datetime, int, int, Forecast]] = []
        for order, rule in enumerate(self.rules):
            try:
                for plan in self._plans(rule, ctx, acks):
                    due = plan.due
                    if plan.live and due is not None and due <= until:
                        when = max(due, start)
                        decision = self._decision(rule, plan, due, ctx, when)
                        found.append(
                            (when, due, order, plan.step, Forecast(at=when, decision=decision))
                        )
            except Exception as exc:
                raise _plugin_error(rule, exc) from exc
        found.sort(key=lambda item: item[:4])
        return tuple(item[4] for item in found)


def _plugin_error(rule: Rule, exc: Exception) -> PluginError:
    if isinstance(exc, PluginError):
        return exc
    leaves = ", ".join(sorted({leaf.name for leaf in rule.leaves()}))
    return PluginError(
        f"rule {rule.id!r} could not be evaluated: {type(exc).__name__}: {exc} "
        f"(its conditions: {leaves}; its actions: "
        f"{', '.join(sorted({a.kind for s in rule.steps for a in s.actions}))})"
    )


def _explanation(
    rule: Rule, plans: list[_Plan], conditions: ConditionExplanation, at: datetime
) -> RuleExplanation:
    holds = conditions.holds
    current: Span | None = None
    for plan in plans:
        start, end = plan.cause
        if start <= at and (end is None or at < end) and (current is None or start > current[0]):
            current = plan.cause
    live = [p for p in plans if p.live and p.due is not None]
    due_now = any(p.due is not None and p.due <= at for p in live)
    upcoming = [p.due for p in live if p.due is not None and p.due > at]
    next_due = min(upcoming, default=None)
    mine = [p for p in plans if p.cause == current]
    if due_now:
        status = RuleStatus.DUE
    elif current is None:
        status = RuleStatus.NOT_MATCHING
    elif any(p.acknowledged for p in mine):
        status = RuleStatus.ACKNOWLEDGED
    elif any(p.live for p in mine) or not any(p.recorded for p in mine):
        status = RuleStatus.WAITING
    else:
        status = RuleStatus.FIRED
    return RuleExplanation(
        rule_id=rule.id,
        status=status,
        holds=holds,
        cause_started_at=None if current is None else current[0],
        next_due_at=next_due,
        conditions=conditions,
    )
