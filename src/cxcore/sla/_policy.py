"""SLA policies: targets per metric, chosen by what an interaction is, judged on a calendar.

A policy is configuration only. :meth:`SlaPolicy.evaluate` is a pure function of
the policy, the interaction's events and ``at``; it never reads the clock and keeps
nothing between calls, so any worker can evaluate any interaction at any moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction
from os import PathLike
from typing import TYPE_CHECKING, Any, Literal

import attrs

from cxcore._errors import ConfigError, ValidationError
from cxcore._model import Priority, Status, coerce_enum, non_empty_str
from cxcore._time import require_duration

from ._calendar import BusinessCalendar
from ._metric import Metric

if TYPE_CHECKING:
    from cxcore._interaction import Interaction

    from ._clock import SlaReport

__all__ = ["REOPEN_MODES", "SlaPolicy", "Target", "When"]

#: What a reopened interaction does to its RESOLUTION clock.
REOPEN_MODES = ("cumulative", "fresh")
ReopenMode = Literal["cumulative", "fresh"]

#: Statuses that stop RESOLUTION rather than pause it.
_STOPPING = frozenset({Status.SOLVED, Status.CLOSED})


def _accepted(name: str, value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(
            f"when.{name} must be a list of accepted values, e.g. ['x'] "
            f"(got {type(value).__name__} {value!r})"
        )
    items = list(value)
    if not items:
        raise ValidationError(
            f"when.{name} lists no values, so it could never match; list at least one "
            f"or leave {name!r} out"
        )
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(f"when.{name}[{index}] must be a non-empty str (got {item!r})")
    return frozenset(items)


def _channels(value: object) -> frozenset[str] | None:
    return _accepted("channel", value)


def _tiers(value: object) -> frozenset[str] | None:
    return _accepted("tier", value)


def _teams(value: object) -> frozenset[str] | None:
    return _accepted("team", value)


def _tag_values(value: object) -> frozenset[str] | None:
    return _accepted("tags", value)


def _priority_values(value: object) -> frozenset[Priority] | None:
    names = _accepted(
        "priority",
        [p.value if isinstance(p, Priority) else p for p in value]
        if isinstance(value, list | tuple | set | frozenset)
        else value,
    )
    if names is None:
        return None
    return frozenset(coerce_enum(Priority, n, "when.priority") for n in names)


@attrs.frozen(kw_only=True)
class When:
    """Which interactions a target applies to.

    Each key lists accepted values (any one matches) and every key given must match;
    a key left as None accepts anything, so ``When()`` matches every interaction.
    ``channel`` is the opening channel, ``tier`` the customer's, ``team`` the latest
    assigned or transferred team, and ``tags`` matches when any listed tag is set.
    """

    __module__ = "cxcore.sla"

    channel: frozenset[str] | None = attrs.field(default=None, converter=_channels)
    tier: frozenset[str] | None = attrs.field(default=None, converter=_tiers)
    priority: frozenset[Priority] | None = attrs.field(default=None, converter=_priority_values)
    team: frozenset[str] | None = attrs.field(default=None, converter=_teams)
    tags: frozenset[str] | None = attrs.field(default=None, converter=_tag_values)

    def accepts(
        self,
        *,
        channel: str,
        tier: str,
        priority: Priority,
        team: str | None,
        tags: frozenset[str],
    ) -> bool:
        """True when these facts satisfy every key given."""
        return (
            (self.channel is None or channel in self.channel)
            and (self.tier is None or tier in self.tier)
            and (self.priority is None or priority in self.priority)
            and (self.team is None or (team is not None and team in self.team))
            and (self.tags is None or not self.tags.isdisjoint(tags))
        )

    def matches(self, ix: Interaction) -> bool:
        """True when ``ix``, as it is after its latest event, satisfies every key given."""
        return self.accepts(
            channel=ix.channel,
            tier=ix.customer.tier,
            priority=ix.priority,
            team=ix.team,
            tags=ix.tags,
        )


def _to_when(value: object) -> When:
    if value is None:
        return When()
    if isinstance(value, When):
        return value
    if isinstance(value, Mapping):
        from ._policy_codec import when_from_dict

        try:
            return when_from_dict(value, "when")
        except ConfigError as exc:  # the document's error, reported as a bad argument here
            raise ValidationError(str(exc)) from None
    raise ValidationError(
        f"when must be a cxcore.sla.When or a dict such as {{'priority': ['high']}} "
        f"(got {type(value).__name__})"
    )


def _to_metric(value: object) -> Metric:
    return coerce_enum(Metric, value, "metric")


def _positive_duration(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    require_duration(value, attr.name, allow_zero=False)


def _is_bool(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError(f"{attr.name} must be True or False (got {value!r})")


@attrs.frozen(kw_only=True)
class Target:
    """How long a metric's cycle may take, for the interactions ``when`` selects.

    ``business_hours=False`` runs the target around the clock even when the policy
    has a business calendar.
    """

    __module__ = "cxcore.sla"

    metric: Metric = attrs.field(converter=_to_metric)
    within: timedelta = attrs.field(validator=_positive_duration)
    business_hours: bool = attrs.field(default=True, validator=_is_bool)
    when: When = attrs.field(factory=When, converter=_to_when)


def to_warning(value: object) -> Fraction:
    """The warning fraction, read exactly (0.75 is 3/4), strictly between 0 and 1."""
    result: Fraction | None = None
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, bool):
        result = None
    elif isinstance(value, int | Decimal):
        result = Fraction(value)
    elif isinstance(value, float | str):
        try:
            # str() of a float is its shortest decimal, so 0.75 reads as exactly 3/4.
            result = Fraction(str(value).strip())
        except (ValueError, ZeroDivisionError):
            result = None
    if result is None:
        raise ValidationError(
            f"warning must be a number between 0 and 1 such as 0.75 (got {value!r})"
        )
    if not 0 < result < 1:
        raise ValidationError(
            f"warning must be strictly between 0 and 1, the fraction of a target used "
            f"before a clock is at risk (got {value!r})"
        )
    return result


def to_pause_statuses(value: object) -> frozenset[Status]:
    """The statuses that pause RESOLUTION; solved and closed stop it instead."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(
            f'pause_resolution_on must be a list of statuses such as ["pending"] '
            f"(got {type(value).__name__} {value!r})"
        )
    result: set[Status] = set()
    for index, item in enumerate(value):
        status = coerce_enum(Status, item, f"pause_resolution_on[{index}]")
        if status in _STOPPING:
            raise ValidationError(
                f"pause_resolution_on[{index}]: {status.value!r} stops RESOLUTION rather than "
                "pausing it; list only 'new', 'open', 'pending' or 'on_hold'"
            )
        result.add(status)
    return frozenset(result)


def _reopen(_inst: object, _attr: object, value: object) -> None:
    if value not in REOPEN_MODES:
        raise ValidationError(
            f"reopen must be 'cumulative' (resume the same RESOLUTION cycle) or 'fresh' "
            f"(start a new one) (got {value!r})"
        )


def _to_targets(value: object) -> tuple[Target, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise ValidationError(
            f"targets must be an iterable of cxcore.sla.Target (got {type(value).__name__})"
        )
    result = tuple(value)
    for index, item in enumerate(result):
        if not isinstance(item, Target):
            raise ValidationError(
                f"targets[{index}] must be a cxcore.sla.Target (got {type(item).__name__}); "
                "build one with Target(metric=..., within=timedelta(...))"
            )
    return result


def _calendar(_inst: object, _attr: object, value: Any) -> None:
    if value is not None and not isinstance(value, BusinessCalendar):
        raise ValidationError(
            f"calendar must be a cxcore.sla.BusinessCalendar or None for always open "
            f"(got {type(value).__name__})"
        )


@attrs.frozen(kw_only=True)
class SlaPolicy:
    """Targets per metric, a business calendar, and how pauses and reopens count.

    For each metric the first target whose ``when`` matches applies. ``calendar`` None
    means always open (in UTC). ``warning`` is the fraction of a target after which a
    running clock is at risk, kept exact. ``reopen`` is ``"cumulative"`` (a reopened
    interaction resumes its RESOLUTION cycle) or ``"fresh"`` (it starts a new one).
    """

    __module__ = "cxcore.sla"

    name: str = attrs.field(validator=non_empty_str("name"))
    targets: tuple[Target, ...] = attrs.field(converter=_to_targets)
    calendar: BusinessCalendar | None = attrs.field(default=None, validator=_calendar)
    warning: Fraction = attrs.field(default=Fraction(3, 4), converter=to_warning)
    pause_resolution_on: frozenset[Status] = attrs.field(
        default=frozenset({Status.PENDING}), converter=to_pause_statuses
    )
    reopen: ReopenMode = attrs.field(default="cumulative", validator=_reopen)
    _around_the_clock: BusinessCalendar = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        zone = "UTC" if self.calendar is None else self.calendar.timezone
        object.__setattr__(self, "_around_the_clock", BusinessCalendar.always_open(zone))

    @property
    def zone(self) -> tzinfo:
        """The time zone of every moment the policy reports: its calendar's, else UTC."""
        return self._around_the_clock.timezone

    def calendar_for(self, target: Target) -> BusinessCalendar:
        """The calendar ``target`` counts on: the policy's, or always open in its zone."""
        if target.business_hours and self.calendar is not None:
            return self.calendar
        return self._around_the_clock

    def _target_for(self, metric: Metric, facts: Mapping[str, Any]) -> Target | None:
        """The first target of ``metric`` whose ``when`` accepts ``facts``, or None."""
        for target in self.targets:
            if target.metric is metric and target.when.accepts(**facts):
                return target
        return None

    def evaluate(self, ix: Interaction, *, at: datetime) -> SlaReport:
        """Every metric's clock for ``ix`` at ``at``, from the events at or before ``at``.

        ``at`` must be aware and not before the interaction opened. One pass over the
        events plus a few calendar calls per cycle; time is never stepped through.
        """
        from ._clock_cycles import evaluate

        return evaluate(self, ix, at)

    def timeline(
        self, ix: Interaction, *, until: datetime
    ) -> tuple[tuple[datetime, SlaReport], ...]:
        """The report as it stands after each moment's events, in one pass.

        One ``(moment, report)`` pair for the opening and for every later distinct
        moment of an event at or before ``until``, oldest first; events at the same
        instant are applied together, and ``report`` equals
        ``evaluate(ix, at=moment)``. Moments carry the policy's :attr:`zone`.
        Between two moments no clock starts, stops, pauses or changes target, so a
        running clock only moves on to its ``at_risk_at`` and its due moment.

        The events are walked once and each report reuses what the earlier ones
        computed, so the whole timeline costs time linear in the events, where
        calling :meth:`evaluate` at each moment would cost quadratic time.
        """
        from ._timeline import timeline

        return timeline(self, ix, until)

    @classmethod
    def from_dict(cls, data: object) -> SlaPolicy:
        """Build from the documented dict format; a bad document is a ConfigError with its path."""
        from ._policy_codec import policy_from_dict

        return policy_from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The dict format :meth:`from_dict` reads back equal."""
        from ._policy_codec import policy_to_dict

        return policy_to_dict(self)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> SlaPolicy:
        """Read a policy from a ``.toml`` or ``.json`` file in the :meth:`from_dict` format."""
        from ._policy_codec import load_policy

        return load_policy(path)
