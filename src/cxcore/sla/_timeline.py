"""The SLA report after each moment's events, in one pass: :meth:`SlaPolicy.timeline`.

:func:`timeline` walks the events once with the same fold ``evaluate`` uses and,
after each distinct moment, turns the cycles into clocks without walking them
again: a cycle's closed running periods are folded once per target (their
business time, where they breached, where they became at risk), a stopped
cycle's clock is built once, and a cycle that can no longer change (a later one
has started) joins its metric's history once. A snapshot therefore costs a few
calendar calls per metric, however many events came before it, and the
cycles and periods it shares with earlier reports are not copied into it
(:class:`~cxcore.sla._clock.Extended`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cxcore._errors import ValidationError
from cxcore._interaction import Interaction
from cxcore._time import require_aware

from ._clock import Clock, ClockState, Extended, SlaReport, Span, add_or_none
from ._clock_cycles import _Cycle, _judge, _next_change, _threshold, _utc, _Walk
from ._metric import Metric

if TYPE_CHECKING:
    from ._calendar import BusinessCalendar
    from ._policy import SlaPolicy, Target

__all__ = ["timeline"]


class _Closed:
    """A cycle's running periods before its last one, folded for one target.

    Those periods are closed and never change again (only the last period of a
    cycle is paused, and new periods are appended after it), so each is folded once.
    """

    __slots__ = ("breached_at", "count", "done", "risk_at", "risk_found", "spans")

    def __init__(self) -> None:
        self.count = 0
        self.done = timedelta(0)
        self.breached_at: datetime | None = None
        self.risk_found = False
        self.risk_at: datetime | None = None
        self.spans: list[Span] = []

    def extend(
        self,
        periods: list[tuple[datetime, datetime | None]],
        upto: int,
        calendar: BusinessCalendar,
        within: timedelta,
        threshold: timedelta,
    ) -> None:
        """Fold ``periods[count:upto]``, all closed and none of them the cycle's last."""
        while self.count < upto:
            start, end = periods[self.count]
            if end is None:  # only a cycle's last period can be open; none is ever passed
                break
            counted = calendar.elapsed(start, end)
            if self.breached_at is None:
                left = within - self.done
                if counted >= left:
                    due = add_or_none(calendar, start, left)
                    if due is not None and due < end:
                        self.breached_at = due
            if not self.risk_found and self.done + counted >= threshold:
                self.risk_found = True
                self.risk_at = add_or_none(calendar, start, threshold - self.done)
            self.spans.append((start, end, counted))
            self.done += counted
            self.count += 1


class _Builder:
    """Clocks for one policy over one walk, reusing what earlier snapshots computed."""

    def __init__(self, policy: SlaPolicy, now: datetime) -> None:
        self.policy = policy
        self.zone = policy.zone
        self.warning: Fraction = policy.warning
        self.now = now
        self._closed: dict[tuple[_Cycle, int], _Closed] = {}
        self._stopped: dict[_Cycle, tuple[datetime, Clock | None]] = {}

    def clock(self, metric: Metric, cycle: _Cycle, facts: dict[str, Any]) -> Clock | None:
        """The clock ``_clock_cycles.evaluate`` reports for ``cycle`` at ``now``."""
        stop = cycle.stop
        if stop is not None:
            kept = self._stopped.get(cycle)
            if kept is not None and kept[0] == stop:
                return kept[1]
        target = self.policy._target_for(metric, facts)
        built = None if target is None else self._build(metric, cycle, target)
        if stop is not None:
            self._stopped[cycle] = (stop, built)
        return built

    def _build(self, metric: Metric, cycle: _Cycle, target: Target) -> Clock:
        calendar = self.policy.calendar_for(target)
        within = target.within
        threshold = _threshold(self.warning, within)
        periods = cycle.periods
        key = (cycle, id(target))
        closed = self._closed.get(key)
        if closed is None:
            closed = self._closed[key] = _Closed()
        closed.extend(periods, len(periods) - 1, calendar, within, threshold)
        last_span: tuple[Span, ...] = ()
        done = closed.done
        breached_at = closed.breached_at
        risk_at = closed.risk_at
        due: datetime | None = None
        if periods:
            start, end = periods[-1]
            until = self.now if end is None else end
            counted = calendar.elapsed(start, until)
            if breached_at is None:
                due = add_or_none(calendar, start, within - done)
                if due is not None and due < until:
                    breached_at = due
            if not closed.risk_found and (end is None or done + counted >= threshold):
                risk_at = add_or_none(calendar, start, threshold - done)
            last_span = ((start, end, counted),)
            done += counted
        running = bool(last_span) and last_span[0][1] is None
        state, due = _judge(cycle, running=running, due=due, breached_at=breached_at)
        zone = self.zone
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
            at_risk_at=None if risk_at is None else risk_at.astimezone(zone),
            breached_at=None if breached_at is None else breached_at.astimezone(zone),
            spans=Extended(closed.spans, closed.count, last_span),
            calendar=calendar,
        )


class _History:
    """One metric's clocks for the cycles that can no longer change, oldest first."""

    __slots__ = ("clocks", "settled")

    def __init__(self) -> None:
        self.settled = 0  # how many of the track's cycles have been looked at
        self.clocks: list[Clock] = []  # only grows, so reports can share it


def _snapshot(walk: _Walk, builder: _Builder, histories: dict[Metric, _History]) -> SlaReport:
    """The report ``evaluate`` gives at ``builder.now`` after the events walked so far."""
    current_facts = walk.facts()
    clocks: list[Clock] = []
    history: list[tuple[Metric, Extended[Clock]]] = []
    for metric, track in walk.tracks.items():
        cycles = track.cycles
        past = histories[metric]
        # Only a track's last cycle can still run or be reopened: the walk stops a
        # cycle before it starts the next, so every earlier one is final.
        while past.settled < len(cycles) - 1:
            cycle = cycles[past.settled]
            final = builder.clock(metric, cycle, cycle.facts or current_facts)
            if final is not None:
                past.clocks.append(final)
            past.settled += 1
        last: Clock | None = None
        if cycles:
            cycle = cycles[-1]
            last = builder.clock(
                metric, cycle, current_facts if cycle.facts is None else cycle.facts
            )
        if last is not None:
            clocks.append(last)
            history.append((metric, Extended(past.clocks, len(past.clocks), (last,))))
        elif past.clocks:
            history.append((metric, Extended(past.clocks, len(past.clocks), ())))
    now = builder.now
    changes = [c for c in (_next_change(clock, now) for clock in clocks) if c is not None]
    return SlaReport(
        at=now.astimezone(builder.zone),
        next_change_at=min(changes, key=lambda d: d.astimezone(UTC)) if changes else None,
        clocks=tuple(clocks),
        history=tuple(history),
    )


def timeline(
    policy: SlaPolicy, ix: object, until: object
) -> tuple[tuple[datetime, SlaReport], ...]:
    """The pairs of :meth:`SlaPolicy.timeline`."""
    if not isinstance(ix, Interaction):
        raise ValidationError(
            f"ix must be a cxcore.Interaction (got {type(ix).__name__}); "
            "build one with Interaction.open(...)"
        )
    moment = require_aware(until, "until")
    end = _utc(moment, "until")
    _utc(ix.last_event_at, "the latest event of ix")
    opened = _utc(ix.opened_at, "ix.opened_at")
    if end < opened:
        raise ValidationError(
            f"until ({moment.isoformat()}) is before the interaction opened "
            f"({ix.opened_at.isoformat()}); pass a moment at or after opened_at"
        )
    walk = _Walk(policy, ix)
    builder = _Builder(policy, opened)
    histories = {metric: _History() for metric in Metric}
    zone = policy.zone
    result: list[tuple[datetime, SlaReport]] = []
    for event in ix.events:
        at = event.at.astimezone(UTC)
        if at > end:
            break
        if at > builder.now:
            result.append((builder.now.astimezone(zone), _snapshot(walk, builder, histories)))
            builder.now = at
        walk.apply(event)
    result.append((builder.now.astimezone(zone), _snapshot(walk, builder, histories)))
    return tuple(result)
