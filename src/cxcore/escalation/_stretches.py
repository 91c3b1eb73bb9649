"""Where a condition holds: half-open stretches of time, and the algebra that combines them.

A condition is judged over the whole timeline at once, never at one moment: it
returns the stretches ``[from, to)`` where it holds. That is what gives every
cause a stable start, whichever moment a sweep happens to run at.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import attrs

from cxcore._errors import ValidationError
from cxcore._time import require_aware

__all__ = ["Stretches"]

# Stands for "no end known": the stretch still holds at the last moment the events describe.
_FOREVER = datetime.max.replace(tzinfo=UTC)

Span = tuple[datetime, datetime | None]


def _utc(value: object, name: str) -> datetime:
    return require_aware(value, name).astimezone(UTC)


def _normalise(spans: Iterable[Any]) -> tuple[Span, ...]:
    """Sorted, merged, UTC spans; empty and touching ones are merged or dropped."""
    items: list[tuple[datetime, datetime]] = []
    for index, span in enumerate(spans):
        if not isinstance(span, tuple | list) or len(span) != 2:
            raise ValidationError(
                f"spans[{index}] must be a (start, end) pair with end None for an open end "
                f"(got {span!r})"
            )
        start = _utc(span[0], f"spans[{index}] start")
        end = _FOREVER if span[1] is None else _utc(span[1], f"spans[{index}] end")
        if end > start:
            items.append((start, end))
    items.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in items:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple((s, None if e == _FOREVER else e) for s, e in merged)


def _starts(values: Iterable[Any]) -> tuple[datetime, ...]:
    return tuple(sorted({_utc(v, "starts") for v in values}))


def _start(span: Span) -> datetime:
    return span[0]


def _end(span: Span) -> datetime:
    return _FOREVER if span[1] is None else span[1]


@attrs.frozen(kw_only=True)
class Stretches:
    """Half-open stretches ``[start, end)`` where a condition holds, plus cause starts.

    ``spans`` are sorted, disjoint and in UTC; an ``end`` of ``None`` means the
    stretch still holds at the end of what the events tell (nothing known ends it).
    ``starts`` marks moments inside a stretch where a new cause begins (a second
    transfer while the first still counts): ``event`` and ``became`` leaves set them.

    >>> from datetime import datetime, UTC
    >>> from cxcore.escalation import Stretches
    >>> t = lambda h: datetime(2026, 3, 2, h, tzinfo=UTC)
    >>> a = Stretches(spans=[(t(9), t(12))])
    >>> b = Stretches(spans=[(t(11), None)])
    >>> [(s.hour, e and e.hour) for s, e in (a & b).spans]
    [(11, 12)]
    >>> [(s.hour, e and e.hour) for s, e in a.complement(t(8)).spans]
    [(8, 9), (12, None)]
    """

    __module__ = "cxcore.escalation"

    spans: tuple[Span, ...] = attrs.field(default=(), converter=_normalise)
    starts: tuple[datetime, ...] = attrs.field(default=(), converter=_starts)

    def __attrs_post_init__(self) -> None:
        # Keep only the cause starts that fall inside a stretch.
        kept = tuple(m for m in self.starts if self._inside(m))
        if kept != self.starts:
            object.__setattr__(self, "starts", kept)

    def _inside(self, moment: datetime) -> bool:
        index = bisect.bisect_right(self.spans, moment, key=_start) - 1
        return index >= 0 and moment < _end(self.spans[index])

    def holds_at(self, moment: datetime) -> bool:
        """Whether ``moment`` lies in one of the stretches."""
        return self._inside(_utc(moment, "moment"))

    def span_at(self, moment: datetime) -> Span | None:
        """The stretch ``moment`` lies in, or None."""
        moment = _utc(moment, "moment")
        index = bisect.bisect_right(self.spans, moment, key=_start) - 1
        if index >= 0 and moment < _end(self.spans[index]):
            return self.spans[index]
        return None

    def __and__(self, other: Stretches) -> Stretches:
        out: list[Span] = []
        a, b = self.spans, other.spans
        i = j = 0
        while i < len(a) and j < len(b):
            start = max(a[i][0], b[j][0])
            end = min(_end(a[i]), _end(b[j]))
            if start < end:
                out.append((start, None if end == _FOREVER else end))
            if _end(a[i]) <= _end(b[j]):
                i += 1
            else:
                j += 1
        return Stretches(spans=out, starts=(*self.starts, *other.starts))

    def __or__(self, other: Stretches) -> Stretches:
        return Stretches(spans=(*self.spans, *other.spans), starts=(*self.starts, *other.starts))

    def complement(self, origin: datetime) -> Stretches:
        """Where these stretches do not hold, from ``origin`` on (cause starts are dropped)."""
        cursor = _utc(origin, "origin")
        out: list[Span] = []
        for start, end in self.spans:
            if start > cursor:
                out.append((cursor, start))
            cursor = max(cursor, _end((start, end)))
        if cursor != _FOREVER:
            out.append((cursor, None))
        return Stretches(spans=out)

    def causes(self) -> tuple[Span, ...]:
        """Each cause as ``(start, end)``: one per stretch and one per cause start inside it.

        A cause that begins at a cause start lasts to the end of its stretch, so a
        second transfer adds a follow-up without cutting the first one short.
        """
        out: list[Span] = []
        marks = self.starts
        k = 0
        for start, end in self.spans:
            out.append((start, end))
            while k < len(marks) and marks[k] < _end((start, end)):
                if marks[k] > start:
                    out.append((marks[k], end))
                k += 1
        return tuple(out)
