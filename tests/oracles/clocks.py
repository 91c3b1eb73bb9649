"""Brute-force SLA clocks: a minute-by-minute simulation of short timelines.

Everything is in whole minutes from the interaction's opening. Each metric's
cycles are re-derived by replaying the events, and whether a cycle runs during
minute ``[m, m + 1)`` is recomputed from the status after the events at ``m``
(no pause/resume bookkeeping). Business time is counted one minute at a time
with an ``is_open(minute)`` predicate, and due moments are found by stepping
forward minute by minute. Slow and simple on purpose: it checks
``SlaPolicy.evaluate`` on timelines whose targets and thresholds are whole
minutes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

METRICS = ("first_response", "next_response", "periodic_update", "resolution")
ENDING = ("solved", "closed")


@dataclass(frozen=True)
class OTarget:
    metric: str
    within: int  # minutes
    business_hours: bool = True
    priorities: frozenset[str] | None = None
    tags: frozenset[str] | None = None

    def accepts(self, priority: str, tags: frozenset[str]) -> bool:
        return (self.priorities is None or priority in self.priorities) and (
            self.tags is None or bool(self.tags & tags)
        )


@dataclass
class OCycle:
    start: int
    stop: int | None = None
    stopped_running: bool = False
    running_now: bool = False
    facts: tuple[str, frozenset[str]] | None = None
    running_minutes: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class OClock:
    state: str
    elapsed: int
    due: int | None
    breached_at: int | None
    at_risk: bool
    at_risk_at: int | None


@dataclass
class _World:
    pause_on: frozenset[str]
    fresh: bool
    priority: str
    status: str = "new"
    replied: bool = False
    tags: frozenset[str] = frozenset()
    cycles: dict[str, list[OCycle]] = field(default_factory=lambda: {m: [] for m in METRICS})

    def current(self, metric: str) -> OCycle | None:
        cycles = self.cycles[metric]
        return cycles[-1] if cycles and cycles[-1].stop is None else None

    def runs(self, metric: str) -> bool:
        """Whether the metric's current cycle counts time, from the status alone."""
        if self.current(metric) is None:
            return False
        if metric == "periodic_update":
            return self.status != "pending"
        if metric == "resolution":
            return self.status not in self.pause_on
        return True

    def stop(self, metric: str, at: int) -> None:
        cycle = self.current(metric)
        if cycle is not None:
            cycle.stopped_running = self.runs(metric)
            cycle.stop = at
            cycle.facts = (self.priority, self.tags)

    def set_status(self, status: str, at: int) -> None:
        if status == self.status:
            return
        if status in ENDING:
            for metric in METRICS:
                self.stop(metric, at)
        elif self.status == "solved":
            resolution = self.cycles["resolution"]
            if self.fresh:
                resolution.append(OCycle(start=at))
            else:
                resolution[-1].stop = None
                resolution[-1].facts = None
        self.status = status


def _replay(
    events: list[tuple[int, str, str]],
    at: int,
    *,
    priority: str,
    pause_on: frozenset[str],
    fresh: bool,
) -> tuple[_World, dict[str, list[OCycle]]]:
    world = _World(pause_on=pause_on, fresh=fresh, priority=priority)
    world.cycles["first_response"].append(OCycle(start=0))
    world.cycles["resolution"].append(OCycle(start=0))
    by_minute: dict[int, list[tuple[str, str]]] = {}
    for minute, kind, arg in events:
        by_minute.setdefault(minute, []).append((kind, arg))
    for minute in range(at + 1):
        for kind, arg in by_minute.get(minute, []):
            if kind == "message":
                reopens = world.status == "solved"
                if world.status in ("pending", "on_hold", "solved"):
                    world.set_status("open", minute)
                if world.current("next_response") is None and (world.replied or reopens):
                    world.cycles["next_response"].append(OCycle(start=minute))
            elif kind == "reply":
                world.replied = True
                for metric in ("first_response", "next_response", "periodic_update"):
                    world.stop(metric, minute)
                if world.status not in ENDING:
                    world.cycles["periodic_update"].append(OCycle(start=minute))
            elif kind == "status":
                world.set_status(arg, minute)
            elif kind == "priority":
                world.priority = arg
            elif kind == "tag":
                world.tags = world.tags | {arg}
            elif kind == "untag":
                world.tags = world.tags - {arg}
        if minute < at:
            for metric in METRICS:
                if world.runs(metric):
                    cycle = world.current(metric)
                    assert cycle is not None
                    cycle.running_minutes.add(minute)
    for metric in METRICS:
        cycle = world.current(metric)
        if cycle is not None:
            cycle.running_now = world.runs(metric)
    return world, world.cycles


def _forward(elapsed: int, goal: int, start: int, is_open: Callable[[int], bool]) -> int:
    """The first minute boundary from ``start`` at which ``elapsed`` reaches ``goal``."""
    m = start
    while elapsed < goal:
        if is_open(m):
            elapsed += 1
        m += 1
    return m


def _clock(
    cycle: OCycle, target: OTarget, warning: Fraction, at: int, is_open: Callable[[int], bool]
) -> OClock:
    within = target.within
    threshold = math.ceil(warning * within)
    end = at if cycle.stop is None else cycle.stop
    elapsed = 0
    reached_within: int | None = None
    reached_threshold: int | None = None
    stretch_start: int | None = None
    breached_at: int | None = None
    for m in range(cycle.start, end):
        if m not in cycle.running_minutes:
            stretch_start = None
            continue
        if stretch_start is None:
            stretch_start = m
        if breached_at is None and elapsed >= within:
            assert reached_within is not None
            breached_at = max(reached_within, stretch_start)
        if is_open(m):
            elapsed += 1
            if elapsed == within:
                reached_within = m + 1
            if elapsed == threshold:
                reached_threshold = m + 1
    running = cycle.stop is None and cycle.running_now
    ended_running = running or (cycle.stop is not None and cycle.stopped_running)
    if stretch_start is None:
        stretch_start = end  # the final stretch (if any) began at the end itself
    due: int | None = None
    if breached_at is not None:
        state = "breached"
        due = breached_at
    else:
        state = "running" if running else ("met" if cycle.stop is not None else "paused")
        if ended_running:
            if elapsed >= within:
                assert reached_within is not None
                due = max(reached_within, stretch_start)
            else:
                due = _forward(elapsed, within, end, is_open)
    at_risk_at = reached_threshold
    if at_risk_at is None and running:
        at_risk_at = _forward(elapsed, threshold, at, is_open)
    return OClock(
        state=state,
        elapsed=elapsed,
        due=due,
        breached_at=breached_at,
        at_risk=state == "running" and elapsed >= threshold,
        at_risk_at=at_risk_at,
    )


@dataclass(frozen=True)
class OReport:
    clocks: dict[str, OClock]
    #: (minute, plus one microsecond?) of the next change, or None.
    next_change: tuple[int, bool] | None


def simulate(
    *,
    events: list[tuple[int, str, str]],
    at: int,
    priority: str,
    targets: list[OTarget],
    warning: Fraction,
    pause_on: frozenset[str],
    fresh: bool,
    is_open: Callable[[int], bool],
) -> OReport:
    """Each metric's current clock at minute ``at``; events are (minute, kind, argument)."""
    world, cycles = _replay(events, at, priority=priority, pause_on=pause_on, fresh=fresh)
    clocks: dict[str, OClock] = {}
    for metric in METRICS:
        if not cycles[metric]:
            continue
        cycle = cycles[metric][-1]
        facts = (world.priority, world.tags) if cycle.facts is None else cycle.facts
        target = next((t for t in targets if t.metric == metric and t.accepts(*facts)), None)
        if target is None:
            continue
        open_for = is_open if target.business_hours else (lambda _m: True)
        clocks[metric] = _clock(cycle, target, warning, at, open_for)
    changes: list[tuple[int, bool]] = []
    for clock in clocks.values():
        if clock.state != "running":
            continue
        if not clock.at_risk:
            assert clock.at_risk_at is not None
            changes.append((clock.at_risk_at, False))
        else:
            assert clock.due is not None
            changes.append((clock.due, True))
    return OReport(clocks=clocks, next_change=min(changes) if changes else None)
