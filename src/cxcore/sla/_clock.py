"""SLA clocks as reported values: one :class:`Clock` per cycle, gathered in an :class:`SlaReport`.

These are results, not state: :meth:`SlaPolicy.evaluate` builds them from an
interaction's events and the moment ``at``; nothing here reads the clock or
changes after it is built. How cycles are derived from events lives in
``_clock_cycles``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs
from babel.dates import format_datetime
from babel.lists import format_list
from babel.units import format_unit

from cxcore._errors import ValidationError
from cxcore._i18n import MESSAGE_LOCALES, parse_locale, translate
from cxcore._model import coerce_enum
from cxcore._time import require_duration

from ._metric import Metric

if TYPE_CHECKING:
    import babel

    from ._calendar import BusinessCalendar
    from ._policy import Target

__all__ = ["Clock", "ClockState", "SlaReport", "Span"]

_DOMAIN = "cxcore-sla"

#: One running period of a cycle in UTC: start, end (None while it still runs) and the
#: business time it counted up to its end (or up to the evaluation moment).
Span = tuple[datetime, datetime | None, timedelta]


class ClockState(enum.StrEnum):
    """Where a clock's current cycle stands at the evaluated moment."""

    __module__ = "cxcore.sla"

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"


_METRIC_LABELS = {
    Metric.FIRST_RESPONSE: "First response",
    Metric.NEXT_RESPONSE: "Next response",
    Metric.PERIODIC_UPDATE: "Periodic update",
    Metric.RESOLUTION: "Resolution",
}


_T = TypeVar("_T")


class Extended(Sequence[_T]):
    """The first ``count`` items of a list that only grows, then ``tail``: a tuple's value.

    :meth:`SlaPolicy.timeline` builds a report per moment; the cycles and running
    periods that can no longer change are shared through one list instead of
    copied into every report, so each report costs the same however long the
    history is. It compares, hashes and pickles as the tuple it stands for.
    """

    __slots__ = ("_count", "_items", "_tail")

    def __init__(self, items: list[_T], count: int, tail: tuple[_T, ...]) -> None:
        self._items = items
        self._count = count
        self._tail = tail

    def __len__(self) -> int:
        return self._count + len(self._tail)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[_T, ...]: ...
    def __getitem__(self, index: int | slice) -> _T | tuple[_T, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        position = range(len(self))[index]  # IndexError outside, negative from the end
        if position < self._count:
            return self._items[position]
        return self._tail[position - self._count]

    def __iter__(self) -> Iterator[_T]:
        for position in range(self._count):
            yield self._items[position]
        yield from self._tail

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extended | tuple):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        return repr(tuple(self))


def add_or_none(calendar: BusinessCalendar, start: datetime, amount: timedelta) -> datetime | None:
    """``calendar.add`` in UTC, or None when the calendar never gives that much time."""
    try:
        return calendar.add(start, amount).astimezone(UTC)
    except ValidationError:
        return None


def moment_reaching(
    spans: Sequence[Span], calendar: BusinessCalendar, amount: timedelta
) -> datetime | None:
    """The earliest UTC moment the spans' business time reaches ``amount``.

    A span still running (end None) continues into the future; otherwise None when the
    spans never reach ``amount`` (or the calendar never opens long enough).
    """
    done = timedelta(0)
    for start, end, counted in spans:
        if end is None or done + counted >= amount:
            return add_or_none(calendar, start, amount - done)
        done += counted
    return None


@attrs.frozen(kw_only=True)
class Clock:
    """One cycle of one metric, as it stands at the evaluated moment.

    Datetimes carry the time zone of the target's calendar (UTC when the policy has
    no calendar). ``elapsed`` is business time over the cycle's running periods, and
    ``remaining`` is ``target.within - elapsed`` (negative once breached and the
    calendar has been open since).
    """

    __module__ = "cxcore.sla"

    metric: Metric
    state: ClockState
    target: Target
    started_at: datetime
    stopped_at: datetime | None
    due_at: datetime | None
    elapsed: timedelta
    remaining: timedelta
    at_risk: bool
    at_risk_at: datetime | None
    breached_at: datetime | None
    _spans: Sequence[Span] = attrs.field(repr=False, alias="spans")
    _calendar: BusinessCalendar = attrs.field(repr=False, alias="calendar")

    def when_elapsed(self, amount: timedelta) -> datetime | None:
        """The moment this cycle's business elapsed reached, or will reach, ``amount``.

        A moment in the past when it already got there; a future one only while the
        cycle runs (assuming it keeps running); None when a paused or stopped cycle has
        not got there. ``when_elapsed(target.within - x)`` is when less than ``x``
        remains from then on.
        """
        require_duration(amount, "amount")
        moment = moment_reaching(self._spans, self._calendar, amount)
        return None if moment is None else moment.astimezone(self.started_at.tzinfo)

    def describe(self, locale: str | babel.Locale) -> str:
        """A one-line status for people, e.g. ``"First response: at risk, 10 minutes left …"``.

        Korean and English are complete; any other locale gets English.
        """
        loc = parse_locale(locale, "locale")
        if loc.language not in MESSAGE_LOCALES:
            loc = parse_locale("en")
        params: dict[str, str] = {
            "metric": translate(_DOMAIN, loc, _METRIC_LABELS[self.metric]),
            "elapsed": _span_text(self.elapsed, loc),
            "target": _span_text(self.target.within, loc),
            "remaining": _span_text(max(self.remaining, timedelta(0)), loc),
        }
        if self.state is ClockState.BREACHED and self.breached_at is not None:
            message = "{metric}: breached at {breached_at} ({elapsed} of {target} used)"
            params["breached_at"] = _moment_text(self.breached_at, loc)
        elif self.state is ClockState.MET:
            message = "{metric}: met ({elapsed} of {target} used)"
        elif self.state is ClockState.PAUSED:
            message = "{metric}: paused, {remaining} left"
        elif self.due_at is None:  # the calendar never opens long enough to reach the target
            message = "{metric}: running, {remaining} left"
        else:
            params["due_at"] = _moment_text(self.due_at, loc)
            if self.at_risk:
                message = "{metric}: at risk, {remaining} left (due {due_at})"
            else:
                message = "{metric}: running, {remaining} left (due {due_at})"
        return translate(_DOMAIN, loc, message, **params)


def _span_text(value: timedelta, loc: babel.Locale) -> str:
    """``value`` in days, hours and minutes (seconds only under a minute), localised."""
    total = int(value.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    units = [(days, "duration-day"), (hours, "duration-hour"), (minutes, "duration-minute")]
    parts = [format_unit(n, unit, length="long", locale=loc) for n, unit in units if n]
    if not parts:
        parts = [format_unit(seconds, "duration-second", length="long", locale=loc)]
    return format_list(parts, style="unit", locale=loc)


def _moment_text(value: datetime, loc: babel.Locale) -> str:
    return format_datetime(value, "medium", tzinfo=value.tzinfo, locale=loc)


def _metric_arg(value: object, name: str) -> Metric:
    return coerce_enum(Metric, value, name)


@attrs.frozen(kw_only=True)
class SlaReport(Mapping[Metric, Clock]):
    """Every metric's current clock at ``at``: a read-only mapping from :class:`Metric`.

    A metric is absent when it has no target or no cycle yet (``metric in report``,
    ``report.get(metric)``); a name that is no metric at all is a
    :class:`ValidationError`. :meth:`history` lists every cycle, and
    :attr:`next_change_at` says when to look again.
    """

    __module__ = "cxcore.sla"

    #: The evaluated moment.
    at: datetime
    #: The earliest moment after ``at`` when a running clock becomes at risk or breached;
    #: None when no clock is running (or every running one is already breached).
    next_change_at: datetime | None
    _clocks: tuple[Clock, ...] = attrs.field(alias="clocks")
    _history: tuple[tuple[Metric, Sequence[Clock]], ...] = attrs.field(alias="history", repr=False)

    def __getitem__(self, metric: Metric | str) -> Clock:
        # A misspelt metric is an error, not an absent one: KeyError would read as "no cycle".
        wanted = _metric_arg(metric, "metric")
        for clock in self._clocks:
            if clock.metric is wanted:
                return clock
        raise KeyError(wanted)

    def __iter__(self) -> Iterator[Metric]:
        return (clock.metric for clock in self._clocks)

    def __len__(self) -> int:
        return len(self._clocks)

    def __contains__(self, metric: object) -> bool:
        return any(clock.metric == metric for clock in self._clocks)

    @property
    def breaches(self) -> tuple[Clock, ...]:
        """The current clocks that are breached, in metric order."""
        return tuple(c for c in self._clocks if c.state is ClockState.BREACHED)

    def history(self, metric: Metric | str) -> tuple[Clock, ...]:
        """Every cycle of ``metric`` up to ``at`` that a target applies to, oldest first."""
        wanted = _metric_arg(metric, "metric")
        for name, clocks in self._history:
            if name is wanted:
                return tuple(clocks)
        return ()
