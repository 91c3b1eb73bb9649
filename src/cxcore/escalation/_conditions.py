"""Condition trees: the built-in leaves, the ``all``/``any``/``not`` nodes, and their explanation.

Every leaf is a function of the timeline (see :class:`Stretches`). The built-ins
register in :data:`conditions` exactly as a plugin would.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from cxcore import _events as ev
from cxcore._errors import ConfigError
from cxcore._model import Priority, Status
from cxcore._time import duration_from_config, format_duration

from ._context import EvaluationContext, Snapshot
from ._registries import Condition, conditions
from ._stretches import Span, Stretches

if TYPE_CHECKING:
    from cxcore.sla import Clock

__all__ = [
    "AllOf",
    "AnyOf",
    "ConditionExplanation",
    "Leaf",
    "Node",
    "Not",
    "explain_node",
    "node_stretches",
]

_ONE_MICROSECOND = timedelta(microseconds=1)
_DONE = (Status.SOLVED, Status.CLOSED)


# --------------------------------------------------------------------------- tree nodes


def _copy(value: Any) -> Any:
    return copy.deepcopy(value)


@attrs.frozen(kw_only=True)
class Leaf:
    """One leaf of a condition tree: its registered name, its config and the built condition."""

    __module__ = "cxcore.escalation"

    name: str
    config: Any = attrs.field(converter=_copy, hash=False)
    condition: Condition = attrs.field(eq=False, hash=False, repr=False)

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        """Where the leaf holds."""
        return node_stretches(self, ctx)


@attrs.frozen(kw_only=True)
class AllOf:
    """Holds where every child holds (intersection)."""

    __module__ = "cxcore.escalation"

    children: tuple[Node, ...]

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        """Where every child holds."""
        return node_stretches(self, ctx)


@attrs.frozen(kw_only=True)
class AnyOf:
    """Holds where any child holds (union)."""

    __module__ = "cxcore.escalation"

    children: tuple[Node, ...]

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        """Where any child holds."""
        return node_stretches(self, ctx)


@attrs.frozen(kw_only=True)
class Not:
    """Holds where the child does not (complement from the opening on)."""

    __module__ = "cxcore.escalation"

    child: Node

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        """Where the child does not hold."""
        return node_stretches(self, ctx)


Node = Leaf | AllOf | AnyOf | Not


def node_stretches(node: Node, ctx: EvaluationContext) -> Stretches:
    """The stretches of ``node``, computed once per context."""
    return ctx.cached(node, lambda: _compute(node, ctx))  # type: ignore[no-any-return]


def _compute(node: Node, ctx: EvaluationContext) -> Stretches:
    if isinstance(node, Leaf):
        result = node.condition.stretches(ctx)
        if not isinstance(result, Stretches):
            raise TypeError(
                f"condition {node.name!r} returned {type(result).__name__}, not Stretches"
            )
        return result
    if isinstance(node, Not):
        return node_stretches(node.child, ctx).complement(ctx.interaction.opened_at)
    if isinstance(node, AnyOf):
        out = node_stretches(node.children[0], ctx)
        for child in node.children[1:]:
            out = out | node_stretches(child, ctx)
        return out
    # An intersection that is already empty stays empty: the costly leaves (the SLA walk,
    # the language signals) come last and are skipped then, e.g. for a breach rule on a
    # ticket whose priority never qualified.
    ordered = sorted(node.children, key=_costly)
    out = node_stretches(ordered[0], ctx)
    for child in ordered[1:]:
        if not out.spans:
            return Stretches()
        out = out & node_stretches(child, ctx)
    return out


_COSTLY = frozenset({"sla", "signal"})


def _costly(node: Node) -> bool:
    """Whether ``node`` reads the SLA policy or the language signals."""
    if isinstance(node, Leaf):
        return node.name in _COSTLY
    if isinstance(node, Not):
        return _costly(node.child)
    return any(_costly(child) for child in node.children)


@attrs.frozen(kw_only=True)
class ConditionExplanation:
    """A condition tree node as judged at one moment: whether it held and what it saw.

    ``kind`` is ``"all"``, ``"any"``, ``"not"`` or the leaf's name; ``config`` the
    leaf's config (None for the nodes); ``value`` the leaf's actual value.
    """

    __module__ = "cxcore.escalation"

    kind: str
    holds: bool
    config: Any = attrs.field(default=None, hash=False)
    value: Any = attrs.field(default=None, hash=False)
    children: tuple[ConditionExplanation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict: ``{"kind", "holds", "config", "value", "children"}``."""
        out: dict[str, Any] = {"kind": self.kind, "holds": self.holds}
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        else:
            out["config"] = _copy(self.config)
            out["value"] = _copy(self.value)
        return out


def explain_node(node: Node, ctx: EvaluationContext, moment: datetime) -> ConditionExplanation:
    """``node`` judged at ``moment``: each leaf's ``holds`` and actual value."""
    holds = node_stretches(node, ctx).holds_at(moment)
    if isinstance(node, Leaf):
        value_at = getattr(node.condition, "value_at", None)
        value = value_at(ctx, moment) if callable(value_at) else None
        return ConditionExplanation(kind=node.name, holds=holds, config=node.config, value=value)
    if isinstance(node, Not):
        return ConditionExplanation(
            kind="not", holds=holds, children=(explain_node(node.child, ctx, moment),)
        )
    kind = "all" if isinstance(node, AllOf) else "any"
    children = tuple(explain_node(child, ctx, moment) for child in node.children)
    return ConditionExplanation(kind=kind, holds=holds, children=children)


# --------------------------------------------------------------------------- config helpers


def _mapping(value: Any, path: str, keys: tuple[str, ...], example: str) -> dict[str, Any]:
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in keys:
        raise ConfigError(
            f"expected one of the keys {', '.join(keys)} (got {value!r})"[:300] + f"; {example}",
            path=path,
        )
    return value


def _strings(value: Any, path: str, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not value:
        raise ConfigError(f"expected a non-empty list of names (got {value!r})"[:300], path=path)
    out: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"expected a non-empty str (got {item!r})", path=f"{path}[{index}]")
        if allowed is not None and item not in allowed:
            raise ConfigError(
                f"unknown value {item!r}; known: {', '.join(allowed)}", path=f"{path}[{index}]"
            )
        if item not in out:
            out.append(item)
    return tuple(out)


def _count(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"expected an int >= 0 (got {value!r})", path=path)
    return value


def _name(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected a non-empty str (got {value!r})", path=path)
    return value


def _spans_where(ctx: EvaluationContext, pred: Callable[[Snapshot], bool]) -> list[Span]:
    moments, states = ctx.timeline()
    spans: list[Span] = []
    start: datetime | None = None
    for moment, state in zip(moments, states, strict=True):
        if pred(state):
            if start is None:
                start = moment
        elif start is not None:
            spans.append((start, moment))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


# --------------------------------------------------------------------------- field leaves

_FIELD_READERS: dict[str, Callable[[EvaluationContext, Snapshot], str | None]] = {
    "status": lambda _ctx, s: s.status.value,
    "priority": lambda _ctx, s: s.priority.value,
    "team": lambda _ctx, s: s.team,
    "channel": lambda ctx, _s: ctx.interaction.channel,
    "tier": lambda ctx, _s: ctx.interaction.customer.tier,
}
_PRIORITIES = tuple(p.value for p in Priority)
_FIELD_VALUES: dict[str, tuple[str, ...] | None] = {
    "status": tuple(s.value for s in Status),
    "priority": tuple(p.value for p in Priority),
    "team": None,
    "channel": None,
    "tier": None,
}


@attrs.frozen(kw_only=True)
class FieldIn:
    """``{"status": {"in": [...]}}`` (also ``channel``, ``tier``, ``team``, ``priority``).

    ``channel`` is the opening channel and ``tier`` the customer's, as the SLA
    targets read them; ``team`` is the latest assignment's or transfer's team.
    """

    field: str
    values: tuple[str, ...]

    @classmethod
    def factory(cls, field: str) -> Callable[[Any, str], FieldIn]:
        """The config factory for ``field``."""

        def build(value: Any, path: str) -> FieldIn:
            body = _mapping(value, path, ("in",), f'write e.g. {{"in": ["{field}-value"]}}')
            return cls(field=field, values=_strings(body["in"], f"{path}.in", _FIELD_VALUES[field]))

        return build

    def read(self, ctx: EvaluationContext, state: Snapshot) -> str | None:
        return _FIELD_READERS[self.field](ctx, state)

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        return Stretches(spans=_spans_where(ctx, lambda s: self.read(ctx, s) in self.values))

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> str | None:
        return self.read(ctx, ctx.state_at(moment))

    def to_config(self) -> dict[str, Any]:
        return {"in": list(self.values)}


@attrs.frozen(kw_only=True)
class PriorityIs:
    """``{"priority": {"in": [...]}}`` or ``{"priority": {"at_least": "high"}}`` (by rank)."""

    values: tuple[str, ...] | None = None
    at_least: Priority | None = None

    @classmethod
    def from_config(cls, value: Any, path: str) -> PriorityIs:
        body = _mapping(value, path, ("in", "at_least"), 'write e.g. {"at_least": "high"}')
        if "in" in body:
            return cls(values=_strings(body["in"], f"{path}.in", _FIELD_VALUES["priority"]))
        level = body["at_least"]
        if level not in _PRIORITIES:
            raise ConfigError(
                f"unknown priority {level!r}; known: {', '.join(p.value for p in Priority)}",
                path=f"{path}.at_least",
            )
        return cls(at_least=Priority(level))

    def _holds(self, state: Snapshot) -> bool:
        if self.at_least is not None:
            return state.priority.rank >= self.at_least.rank
        return self.values is not None and state.priority.value in self.values

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        return Stretches(spans=_spans_where(ctx, self._holds))

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> str:
        return ctx.state_at(moment).priority.value

    def to_config(self) -> dict[str, Any]:
        if self.at_least is not None:
            return {"at_least": self.at_least.value}
        return {"in": list(self.values or ())}


@attrs.frozen(kw_only=True)
class TagsContain:
    """``{"tags": {"contains": "refund"}}``: while the tag is set."""

    tag: str

    @classmethod
    def from_config(cls, value: Any, path: str) -> TagsContain:
        body = _mapping(value, path, ("contains",), 'write e.g. {"contains": "refund"}')
        return cls(tag=_name(body["contains"], f"{path}.contains"))

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        return Stretches(spans=_spans_where(ctx, lambda s: self.tag in s.tags))

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> list[str]:
        return sorted(ctx.state_at(moment).tags)

    def to_config(self) -> dict[str, Any]:
        return {"contains": self.tag}


@attrs.frozen(kw_only=True)
class AssigneeUnset:
    """``{"assignee": {"unset": true}}``: while nobody is assigned (``false``: while someone is)."""

    unset: bool

    @classmethod
    def from_config(cls, value: Any, path: str) -> AssigneeUnset:
        body = _mapping(value, path, ("unset",), 'write {"unset": true}')
        if not isinstance(body["unset"], bool):
            raise ConfigError(
                f"expected true or false (got {body['unset']!r})", path=f"{path}.unset"
            )
        return cls(unset=body["unset"])

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        return Stretches(spans=_spans_where(ctx, lambda s: (s.assignee is None) is self.unset))

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> str | None:
        return ctx.state_at(moment).assignee

    def to_config(self) -> dict[str, Any]:
        return {"unset": self.unset}


_COUNTS: dict[str, Callable[[Snapshot], int]] = {
    "reopens": lambda s: s.reopen_count,
    "transfers": lambda s: s.transfer_count,
    "unanswered_messages": lambda s: s.unanswered,
}


@attrs.frozen(kw_only=True)
class CountAtLeast:
    """``{"reopens" | "transfers" | "unanswered_messages": {"at_least": n}}``.

    ``unanswered_messages`` counts customer messages since the last public reply.
    """

    field: str
    at_least: int

    @classmethod
    def factory(cls, field: str) -> Callable[[Any, str], CountAtLeast]:
        """The config factory for ``field``."""

        def build(value: Any, path: str) -> CountAtLeast:
            body = _mapping(value, path, ("at_least",), 'write e.g. {"at_least": 2}')
            return cls(field=field, at_least=_count(body["at_least"], f"{path}.at_least"))

        return build

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        read = _COUNTS[self.field]
        return Stretches(spans=_spans_where(ctx, lambda s: read(s) >= self.at_least))

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> int:
        return _COUNTS[self.field](ctx.state_at(moment))

    def to_config(self) -> dict[str, Any]:
        return {"at_least": self.at_least}


_BECAME_FIELDS = ("status", "priority", "team")


@attrs.frozen(kw_only=True)
class Became:
    """``{"became": {"priority": "urgent"}}``: the field leaf, with each change into it a cause."""

    field: str
    value: str

    @classmethod
    def from_config(cls, value: Any, path: str) -> Became:
        body = _mapping(value, path, _BECAME_FIELDS, 'write e.g. {"priority": "urgent"}')
        field, target = next(iter(body.items()))
        allowed = _FIELD_VALUES[field]
        if not isinstance(target, str) or not target.strip():
            raise ConfigError(f"expected a non-empty str (got {target!r})", path=f"{path}.{field}")
        if allowed is not None and target not in allowed:
            raise ConfigError(
                f"unknown {field} {target!r}; known: {', '.join(allowed)}", path=f"{path}.{field}"
            )
        return cls(field=field, value=target)

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        moments, states = ctx.timeline()
        read = _FIELD_READERS[self.field]
        values = [read(ctx, s) for s in states]
        marks = [
            moments[i]
            for i in range(1, len(values))
            if values[i] == self.value and values[i - 1] != self.value
        ]
        spans = _spans_where(ctx, lambda s: read(ctx, s) == self.value)
        return Stretches(spans=spans, starts=marks)

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> str | None:
        return _FIELD_READERS[self.field](ctx, ctx.state_at(moment))

    def to_config(self) -> dict[str, Any]:
        return {self.field: self.value}


# --------------------------------------------------------------------------- event leaves

_EVENT_KINDS = ("assigned", "priority_changed", "reopened", "transferred")


def _occurrences(ctx: EvaluationContext, kind: str) -> list[datetime]:
    """Moments (UTC) at which ``kind`` happened."""
    ix = ctx.interaction
    if kind == "reopened":
        moments, states = ctx.timeline()
        return [
            moments[i]
            for i in range(1, len(states))
            if states[i].reopen_count > states[i - 1].reopen_count
        ]
    out: list[datetime] = []
    priority = ix.initial_priority
    for event in ix.events:
        hit = False
        if kind == "transferred":
            hit = isinstance(event, ev.Transferred)
        elif kind == "assigned":
            hit = isinstance(event, ev.Assigned)
        elif isinstance(event, ev.PriorityChanged):
            hit = event.priority is not priority
            priority = event.priority
        if hit:
            at = event.at.astimezone(UTC)
            if not out or out[-1] != at:
                out.append(at)
    return out


@attrs.frozen(kw_only=True)
class EventHappened:
    """``{"event": "transferred"}``: from each occurrence until solved or closed, one cause each.

    An occurrence while the interaction is solved or closed starts nothing.
    """

    kind: str

    @classmethod
    def from_config(cls, value: Any, path: str) -> EventHappened:
        if value not in _EVENT_KINDS:
            raise ConfigError(
                f"unknown event {value!r}; known: {', '.join(_EVENT_KINDS)}", path=path
            )
        return cls(kind=value)

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        hits = set(_occurrences(ctx, self.kind))
        moments, states = ctx.timeline()
        spans: list[Span] = []
        marks: list[datetime] = []
        start: datetime | None = None
        for moment, state in zip(moments, states, strict=True):
            if state.status in _DONE:
                if start is not None:
                    spans.append((start, moment))
                    start = None
            elif moment in hits:
                marks.append(moment)
                if start is None:
                    start = moment
        if start is not None:
            spans.append((start, None))
        return Stretches(spans=spans, starts=marks)

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> dict[str, Any]:
        seen = [m for m in _occurrences(ctx, self.kind) if m <= moment]
        return {"count": len(seen), "last": _iso(seen[-1]) if seen else None}

    def to_config(self) -> str:
        return self.kind


def _known_signals() -> tuple[str, ...]:
    from cxcore import language

    kinds = language.SIGNAL_KINDS
    return tuple(str(k) for k in kinds)


@attrs.frozen(kw_only=True)
class SignalSeen:
    """``{"signal": "asks_for_human"}``: from a customer message with it until the next reply."""

    kind: str

    @classmethod
    def from_config(cls, value: Any, path: str) -> SignalSeen:
        known = _known_signals()
        if value not in known:
            raise ConfigError(f"unknown signal {value!r}; known: {', '.join(known)}", path=path)
        return cls(kind=value)

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        spans: list[Span] = []
        start: datetime | None = None
        for event in ctx.interaction.events:
            if isinstance(event, ev.CustomerMessage):
                if start is None and self.kind in ctx.signal_kinds(event):
                    start = event.at.astimezone(UTC)
            elif isinstance(event, ev.AgentReply) and start is not None:
                spans.append((start, event.at.astimezone(UTC)))
                start = None
        if start is not None:
            spans.append((start, None))
        return Stretches(spans=spans)

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> list[str]:
        last: ev.CustomerMessage | None = None
        for event in ctx.interaction.events:
            if event.at.astimezone(UTC) > moment:
                break
            if isinstance(event, ev.CustomerMessage):
                last = event
        return [] if last is None else sorted(ctx.signal_kinds(last))

    def to_config(self) -> str:
        return self.kind


@attrs.frozen(kw_only=True)
class SurveyScore:
    """``{"survey": {"name": "csat", "at_most": 2}}`` (or ``at_least``): from such an answer on."""

    name: str
    at_most: int | None = None
    at_least: int | None = None

    @classmethod
    def from_config(cls, value: Any, path: str) -> SurveyScore:
        if not isinstance(value, dict):
            raise ConfigError(
                f'expected an object such as {{"name": "csat", "at_most": 2}} (got {value!r})',
                path=path,
            )
        for key in value:
            if key not in ("name", "at_most", "at_least"):
                raise ConfigError(
                    f"unknown key {key!r}; known keys: at_least, at_most, name",
                    path=f"{path}.{key}",
                )
        if "name" not in value:
            raise ConfigError("the survey leaf needs the key 'name'", path=path)
        bounds = [k for k in ("at_most", "at_least") if k in value]
        if len(bounds) != 1:
            raise ConfigError("give exactly one of 'at_most' and 'at_least'", path=path)
        bound = value[bounds[0]]
        if isinstance(bound, bool) or not isinstance(bound, int):
            raise ConfigError(f"expected an int (got {bound!r})", path=f"{path}.{bounds[0]}")
        return cls(name=_name(value["name"], f"{path}.name"), **{bounds[0]: bound})

    def _matches(self, score: int) -> bool:
        if self.at_most is not None:
            return score <= self.at_most
        return self.at_least is not None and score >= self.at_least

    def _answers(self, ctx: EvaluationContext) -> list[ev.SurveyAnswered]:
        return [
            e
            for e in ctx.interaction.events
            if isinstance(e, ev.SurveyAnswered) and e.survey == self.name
        ]

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        for answer in self._answers(ctx):
            if self._matches(answer.score):
                return Stretches(spans=[(answer.at, None)])
        return Stretches()

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> int | None:
        scores = [a.score for a in self._answers(ctx) if a.at.astimezone(UTC) <= moment]
        return scores[-1] if scores else None

    def to_config(self) -> dict[str, Any]:
        bound = {"at_most": self.at_most} if self.at_most is not None else {}
        if self.at_least is not None:
            bound = {"at_least": self.at_least}
        return {"name": self.name, **bound}


# --------------------------------------------------------------------------- time leaves

_SINCE = ("opened", "last_customer_message", "last_agent_reply")


@attrs.frozen(kw_only=True)
class Since:
    """``{"since": {"last_customer_message": "2h"}}``: from that moment plus the duration.

    The duration is business time when the policy names a calendar. The age of the
    last customer message (or reply) restarts at each new one.
    """

    anchor: str
    amount: timedelta

    @classmethod
    def from_config(cls, value: Any, path: str) -> Since:
        body = _mapping(value, path, _SINCE, 'write e.g. {"last_customer_message": "2h"}')
        anchor, amount = next(iter(body.items()))
        return cls(
            anchor=anchor, amount=duration_from_config(amount, f"{path}.{anchor}", allow_zero=True)
        )

    def _anchors(self, ctx: EvaluationContext) -> list[datetime]:
        ix = ctx.interaction
        if self.anchor == "opened":
            return [ix.opened_at.astimezone(UTC)]
        kind = ev.CustomerMessage if self.anchor == "last_customer_message" else ev.AgentReply
        out: list[datetime] = []
        for event in ix.events:
            if isinstance(event, kind):
                at = event.at.astimezone(UTC)
                if not out or out[-1] != at:
                    out.append(at)
        return out

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        anchors = self._anchors(ctx)
        spans: list[Span] = []
        for index, anchor in enumerate(anchors):
            start = ctx.add(anchor, self.amount)
            end = anchors[index + 1] if index + 1 < len(anchors) else None
            if end is None or start < end:
                spans.append((start, end))
        return Stretches(spans=spans)

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> dict[str, Any]:
        seen = [a for a in self._anchors(ctx) if a <= moment]
        return {"since": _iso(seen[-1]) if seen else None}

    def to_config(self) -> dict[str, Any]:
        return {self.anchor: format_duration(self.amount)}


_SLA_STATES = ("running", "paused", "met", "breached", "at_risk")


def _metric_names() -> tuple[str, ...]:
    from cxcore.sla import Metric

    return tuple(m.value for m in Metric)


@attrs.frozen(kw_only=True)
class SlaState:
    """``{"sla": {"metric": m, "state": s}}`` or ``{"sla": {"metric": m, "remaining_below": d}}``.

    Holds at ``t`` exactly when ``SlaPolicy.evaluate(ix, at=t)`` reports that state
    for the metric's current cycle. ``remaining_below`` holds while a running or
    paused cycle has less than ``d`` left (breached cycles included).
    """

    metric: str
    state: str | None = None
    remaining_below: timedelta | None = None

    @classmethod
    def from_config(cls, value: Any, path: str) -> SlaState:
        if not isinstance(value, dict):
            raise ConfigError(
                'expected an object such as {"metric": "first_response", "state": "breached"} '
                f"(got {value!r})"[:300],
                path=path,
            )
        for key in value:
            if key not in ("metric", "state", "remaining_below"):
                raise ConfigError(
                    f"unknown key {key!r}; known keys: metric, remaining_below, state",
                    path=f"{path}.{key}",
                )
        metrics = _metric_names()
        if value.get("metric") not in metrics:
            raise ConfigError(
                f"unknown metric {value.get('metric')!r}; known: {', '.join(metrics)}",
                path=f"{path}.metric",
            )
        given = [k for k in ("state", "remaining_below") if k in value]
        if len(given) != 1:
            raise ConfigError("give exactly one of 'state' and 'remaining_below'", path=path)
        if "state" in value:
            if value["state"] not in _SLA_STATES:
                raise ConfigError(
                    f"unknown state {value['state']!r}; known: {', '.join(_SLA_STATES)}",
                    path=f"{path}.state",
                )
            return cls(metric=value["metric"], state=value["state"])
        below = duration_from_config(value["remaining_below"], f"{path}.remaining_below")
        return cls(metric=value["metric"], remaining_below=below)

    def _clock(self, report: Any) -> Clock | None:
        from cxcore.sla import Metric

        return report.get(Metric(self.metric))  # type: ignore[no-any-return]

    def _span(self, clock: Clock | None, start: datetime) -> Span | None:
        """Where in a segment starting at ``start`` the leaf holds, from the report there.

        Between two events a running clock only moves on: at risk from
        ``at_risk_at``, breached from ``due_at`` + 1 µs. Returns ``(from, until)``
        with ``until`` None for "to the segment's end", or None for nowhere.
        """
        if clock is None:
            return None
        state = clock.state.value
        running = state == "running"
        breach = (
            clock.due_at.astimezone(UTC) + _ONE_MICROSECOND
            if running and clock.due_at is not None
            else None
        )
        if self.remaining_below is not None:
            if clock.stopped_at is not None:
                return None
            if clock.remaining < self.remaining_below:
                return (start, None)
            if not running:
                return None
            # remaining < d  <=>  elapsed >= target - d + 1 µs (durations are whole microseconds)
            moment = clock.when_elapsed(
                clock.target.within - self.remaining_below + _ONE_MICROSECOND
            )
            return None if moment is None else (max(moment.astimezone(UTC), start), None)
        if self.state == "at_risk":
            if not running or clock.at_risk_at is None:
                return None
            begins = start if clock.at_risk else max(clock.at_risk_at.astimezone(UTC), start)
            return (begins, breach)
        if self.state == "running":
            return (start, breach) if running else None
        if self.state == "breached" and breach is not None:
            return (breach, None)
        return (start, None) if state == self.state else None

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        segments = ctx.sla_segments()
        spans: list[Span] = []
        for index, (start, report) in enumerate(segments):
            end = segments[index + 1][0] if index + 1 < len(segments) else None
            found = self._span(self._clock(report), start)
            if found is None:
                continue
            begins, until = found
            if until is None or (end is not None and end < until):
                until = end
            if until is None or begins < until:
                spans.append((begins, until))
        return Stretches(spans=spans)

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> dict[str, Any] | None:
        segments = ctx.sla_segments()
        index = bisect.bisect_right(segments, moment.astimezone(UTC), key=lambda s: s[0]) - 1
        clock = self._clock(segments[max(index, 0)][1])
        if clock is None:
            return None
        state, at_risk, breached_at = str(clock.state.value), clock.at_risk, clock.breached_at
        if state == "running" and clock.due_at is not None and moment > clock.due_at:
            state, at_risk, breached_at = "breached", False, clock.due_at
        elif state == "running" and clock.at_risk_at is not None and moment >= clock.at_risk_at:
            at_risk = True
        return {
            "state": state,
            "at_risk": bool(at_risk),
            "due_at": _iso(clock.due_at),
            "breached_at": _iso(breached_at),
        }

    def to_config(self) -> dict[str, Any]:
        if self.remaining_below is not None:
            return {"metric": self.metric, "remaining_below": format_duration(self.remaining_below)}
        return {"metric": self.metric, "state": self.state}


# --------------------------------------------------------------------------- registration

for _field in ("status", "channel", "tier", "team"):
    conditions.register(_field, FieldIn.factory(_field))
conditions.register("priority", PriorityIs.from_config)
conditions.register("tags", TagsContain.from_config)
conditions.register("assignee", AssigneeUnset.from_config)
for _field in _COUNTS:
    conditions.register(_field, CountAtLeast.factory(_field))
conditions.register("became", Became.from_config)
conditions.register("sla", SlaState.from_config)
conditions.register("since", Since.from_config)
conditions.register("event", EventHappened.from_config)
conditions.register("signal", SignalSeen.from_config)
conditions.register("survey", SurveyScore.from_config)
