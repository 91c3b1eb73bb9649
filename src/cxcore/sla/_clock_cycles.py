"""From an interaction's events to SLA cycles, and from cycles to clocks: one pass, no stepping.

Cycles are derived by a single walk over the events at or before ``at``; each
cycle keeps its running periods in UTC. Turning a cycle into a :class:`Clock`
costs a few calendar calls per running period (``elapsed`` once each, ``add``
where a threshold falls), never a walk through time. Everything is compared in
UTC, because datetimes sharing a ``ZoneInfo`` compare by wall time and a
repeated hour would otherwise order wrongly.
"""

from __future__ import annotations

import functools
import math
from datetime import UTC, datetime, timedelta, tzinfo
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cxcore import _events as ev
from cxcore._errors import ValidationError
from cxcore._interaction import Interaction
from cxcore._model import Priority, Status
from cxcore._time import require_aware

from ._clock import Clock, ClockState, SlaReport, Span, add_or_none, moment_reaching
from ._metric import Metric

if TYPE_CHECKING:
    from ._calendar import BusinessCalendar
    from ._policy import SlaPolicy, Target

__all__ = ["evaluate"]

_MICROSECOND = timedelta(microseconds=1)
_ENDING = frozenset({Status.SOLVED, Status.CLOSED})


class _Cycle:
    """One cycle: its start, running periods ``[start, end]`` (end None while running),
    its stop and the facts that chose its target when it stopped."""

    __slots__ = ("facts", "periods", "start", "stop", "stopped_running")

    def __init__(self, start: datetime, running: bool) -> None:
        self.start = start
        self.periods: list[tuple[datetime, datetime | None]] = [(start, None)] if running else []
        self.stop: datetime | None = None
        self.stopped_running = False
        self.facts: dict[str, Any] | None = None

    @property
    def running(self) -> bool:
        return bool(self.periods) and self.periods[-1][1] is None

    def pause(self, at: datetime) -> None:
        if self.running:
            self.periods[-1] = (self.periods[-1][0], at)

    def resume(self, at: datetime) -> None:
        if not self.running:
            self.periods.append((at, None))

    def end(self, at: datetime, facts: dict[str, Any]) -> None:
        self.stopped_running = self.running
        self.pause(at)
        self.stop = at
        self.facts = facts


class _Track:
    """The cycles of one metric, oldest first; the last one is current unless stopped."""

    __slots__ = ("cycles",)

    def __init__(self) -> None:
        self.cycles: list[_Cycle] = []

    @property
    def current(self) -> _Cycle | None:
        if self.cycles and self.cycles[-1].stop is None:
            return self.cycles[-1]
        return None

    def start(self, at: datetime, running: bool) -> None:
        self.cycles.append(_Cycle(at, running))

    def stop(self, at: datetime, facts: dict[str, Any]) -> None:
        cycle = self.current
        if cycle is not None:
            cycle.end(at, facts)

    def set_running(self, at: datetime, running: bool) -> None:
        cycle = self.current
        if cycle is not None:
            if running:
                cycle.resume(at)
            else:
                cycle.pause(at)

    def resume_last(self, at: datetime, running: bool) -> None:
        """Continue the last (stopped) cycle from ``at``: the ``cumulative`` reopen."""
        cycle = self.cycles[-1]
        cycle.stop = None
        cycle.facts = None
        if running:
            cycle.periods.append((at, None))


class _Walk:
    """The single pass over the events: statuses, facts and each metric's cycles."""

    def __init__(self, policy: SlaPolicy, ix: Interaction) -> None:
        self.pause_on = policy.pause_resolution_on
        self.fresh = policy.reopen == "fresh"
        self.channel = ix.channel
        self.tier = ix.customer.tier
        self.priority: Priority = ix.initial_priority
        self.team: str | None = None
        self.tags: frozenset[str] = frozenset()
        self.status = Status.NEW
        self.replied = False
        self.tracks = {metric: _Track() for metric in Metric}
        opened = ix.opened_at.astimezone(UTC)
        self.tracks[Metric.FIRST_RESPONSE].start(opened, running=True)
        self.tracks[Metric.RESOLUTION].start(opened, running=Status.NEW not in self.pause_on)

    def facts(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "tier": self.tier,
            "priority": self.priority,
            "team": self.team,
            "tags": self.tags,
        }

    def set_status(self, status: Status, at: datetime) -> None:
        previous = self.status
        if status is previous:
            return
        self.status = status
        t = self.tracks
        if status in _ENDING:
            facts = self.facts()
            for metric in Metric:
                t[metric].stop(at, facts)
            return
        if previous is Status.SOLVED:  # a reopen, into open, pending or on hold
            running = status not in self.pause_on
            resolution = t[Metric.RESOLUTION]
            if self.fresh:
                resolution.start(at, running)
            else:
                resolution.resume_last(at, running)
            return
        t[Metric.RESOLUTION].set_running(at, status not in self.pause_on)
        t[Metric.PERIODIC_UPDATE].set_running(at, status is not Status.PENDING)

    def customer_message(self, at: datetime) -> None:
        reopens = self.status is Status.SOLVED
        if self.status in (Status.PENDING, Status.ON_HOLD, Status.SOLVED):
            self.set_status(Status.OPEN, at)
        next_response = self.tracks[Metric.NEXT_RESPONSE]
        if next_response.current is None and (self.replied or reopens):
            next_response.start(at, running=True)

    def agent_reply(self, at: datetime) -> None:
        self.replied = True
        facts = self.facts()
        for metric in (Metric.FIRST_RESPONSE, Metric.NEXT_RESPONSE, Metric.PERIODIC_UPDATE):
            self.tracks[metric].stop(at, facts)
        if self.status not in _ENDING:
            running = self.status is not Status.PENDING
            self.tracks[Metric.PERIODIC_UPDATE].start(at, running)

    def apply(self, event: ev.Event) -> None:
        at = event.at.astimezone(UTC)
        if isinstance(event, ev.CustomerMessage):
            self.customer_message(at)
        elif isinstance(event, ev.AgentReply):
            self.agent_reply(at)
        elif isinstance(event, ev.StatusChanged):
            self.set_status(event.status, at)
        elif isinstance(event, ev.PriorityChanged):
            self.priority = event.priority
        elif isinstance(event, ev.Assigned):
            if event.team is not None:
                self.team = event.team
        elif isinstance(event, ev.Transferred):
            self.team = event.team
        elif isinstance(event, ev.Tagged):
            self.tags = self.tags | {event.tag}
        elif isinstance(event, ev.Untagged):
            self.tags = self.tags - {event.tag}


def _judge(
    cycle: _Cycle, *, running: bool, due: datetime | None, breached_at: datetime | None
) -> tuple[ClockState, datetime | None]:
    """The cycle's state and the due moment it reports, from how its last period stands."""
    if breached_at is not None:
        return ClockState.BREACHED, breached_at
    if cycle.stop is not None:
        # Stopped while paused: no deadline was standing.
        return ClockState.MET, due if cycle.stopped_running else None
    if running:
        return ClockState.RUNNING, due
    return ClockState.PAUSED, None


@functools.lru_cache(maxsize=256)
def _threshold(warning: Fraction, within: timedelta) -> timedelta:
    """``warning × within``, rounded up to the microsecond (the first at-risk elapsed)."""
    micros = within // _MICROSECOND
    return timedelta(microseconds=math.ceil(warning * micros))


def _clock(
    metric: Metric,
    cycle: _Cycle,
    *,
    target: Target,
    calendar: BusinessCalendar,
    warning: Fraction,
    at: datetime,
    zone: tzinfo,
) -> Clock:
    within = target.within
    spans: list[Span] = []
    done = timedelta(0)
    breached_at: datetime | None = None
    due: datetime | None = None
    last = len(cycle.periods) - 1
    for index, (start, end) in enumerate(cycle.periods):
        until = at if end is None else end
        counted = calendar.elapsed(start, until)
        if breached_at is None:
            left = within - done
            if counted >= left or index == last:
                # The due moment as it stands in this period; before the period's end,
                # the cycle breached there (judged on the real clock, open or not).
                due = add_or_none(calendar, start, left)
                if due is not None and due < until:
                    breached_at = due
        spans.append((start, end, counted))
        done += counted
    frozen_spans = tuple(spans)
    running = bool(spans) and spans[-1][1] is None
    state, due = _judge(cycle, running=running, due=due, breached_at=breached_at)
    threshold = _threshold(warning, within)
    at_risk_at = moment_reaching(frozen_spans, calendar, threshold)
    return Clock(
        metric=metric,
        state=state,
        target=target,
        started_at=cycle.start.astimezone(zone),
        stopped_at=None if cycle.stop is None else cycle.stop.astimezone(zone),
        due_at=None if due is None else due.astimezone(zone),
        elapsed=done,
        remaining=within - done,
        at_risk=state is ClockState.RUNNING and done >= threshold,
        at_risk_at=None if at_risk_at is None else at_risk_at.astimezone(zone),
        breached_at=None if breached_at is None else breached_at.astimezone(zone),
        spans=frozen_spans,
        calendar=calendar,
    )


def _next_change(clock: Clock, at: datetime) -> datetime | None:
    if clock.state is not ClockState.RUNNING:
        return None
    if not clock.at_risk and clock.at_risk_at is not None and clock.at_risk_at > at:
        return clock.at_risk_at
    if clock.due_at is None:  # a calendar that never opens long enough
        return None
    return (clock.due_at.astimezone(UTC) + _MICROSECOND).astimezone(clock.due_at.tzinfo)


def _utc(value: datetime, name: str) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValidationError(
            f"{name} ({value.isoformat()}) lies outside the years 1–9999 in UTC; "
            "SLA clocks are computed for moments inside them"
        ) from None


def evaluate(policy: SlaPolicy, ix: object, at: object) -> SlaReport:
    """The report of :meth:`SlaPolicy.evaluate`."""
    if not isinstance(ix, Interaction):
        raise ValidationError(
            f"ix must be a cxcore.Interaction (got {type(ix).__name__}); "
            "build one with Interaction.open(...)"
        )
    moment = require_aware(at, "at")
    now = _utc(moment, "at")
    # every event lies between these two, so none of their conversions can overflow
    _utc(ix.last_event_at, "the latest event of ix")
    if now < _utc(ix.opened_at, "ix.opened_at"):
        raise ValidationError(
            f"at ({moment.isoformat()}) is before the interaction opened "
            f"({ix.opened_at.isoformat()}); pass a moment at or after opened_at"
        )
    walk = _Walk(policy, ix)
    for event in ix.events:
        if event.at.astimezone(UTC) > now:
            break
        walk.apply(event)
    current_facts = walk.facts()
    zone = policy.zone
    clocks: list[Clock] = []
    history: list[tuple[Metric, tuple[Clock, ...]]] = []
    for metric, track in walk.tracks.items():
        cycles: list[Clock] = []
        last: Clock | None = None
        for cycle in track.cycles:
            facts = current_facts if cycle.facts is None else cycle.facts
            target = policy._target_for(metric, facts)
            last = None
            if target is not None:
                calendar = policy.calendar_for(target)
                last = _clock(
                    metric,
                    cycle,
                    target=target,
                    calendar=calendar,
                    warning=policy.warning,
                    at=now,
                    zone=zone,
                )
                cycles.append(last)
        if last is not None:
            clocks.append(last)
        if cycles:
            history.append((metric, tuple(cycles)))
    changes = [c for c in (_next_change(clock, now) for clock in clocks) if c is not None]
    return SlaReport(
        at=moment.astimezone(zone),
        next_change_at=min(changes, key=lambda d: d.astimezone(UTC)) if changes else None,
        clocks=tuple(clocks),
        history=tuple(history),
    )
