"""The stretch algebra: intersection, union and complement agree with sets of moments."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, strategies as st

from cxcore import ValidationError
from cxcore.escalation import Stretches
from tests.escalation.support import at

HORIZON = 60  # minutes; open ends reach past it


@st.composite
def stretches(draw: st.DrawFn) -> Stretches:
    points = sorted(draw(st.lists(st.integers(0, HORIZON - 1), max_size=8, unique=True)))
    spans: list[tuple[datetime, datetime | None]] = []
    for start, end in zip(points[::2], points[1::2], strict=False):
        spans.append((at(start), at(end)))
    if len(points) % 2:
        spans.append((at(points[-1]), None))
    marks = draw(st.lists(st.integers(0, HORIZON - 1), max_size=3))
    return Stretches(spans=spans, starts=[at(m) for m in marks])


def moments(s: Stretches) -> set[int]:
    """The minutes in ``s`` (brute force, by asking each one)."""
    return {m for m in range(HORIZON) if s.holds_at(at(m))}


def brute(s: Stretches) -> set[int]:
    """The minutes in ``s`` straight from its spans."""
    out: set[int] = set()
    for start, end in s.spans:
        m = 0
        while m < HORIZON:
            if start <= at(m) and (end is None or at(m) < end):
                out.add(m)
            m += 1
    return out


@given(stretches(), stretches())
def test_intersection_is_set_intersection(a: Stretches, b: Stretches) -> None:
    assert moments(a & b) == brute(a) & brute(b)


@given(stretches(), stretches())
def test_union_is_set_union(a: Stretches, b: Stretches) -> None:
    assert moments(a | b) == brute(a) | brute(b)


@given(stretches())
def test_complement_is_set_complement_from_the_origin(a: Stretches) -> None:
    assert moments(a.complement(at(0))) == set(range(HORIZON)) - brute(a)
    assert a.complement(at(0)).complement(at(0)) == Stretches(spans=a.spans)


@given(stretches(), stretches())
def test_spans_stay_sorted_disjoint_and_not_touching(a: Stretches, b: Stretches) -> None:
    for s in (a, b, a & b, a | b, a.complement(at(0))):
        for (_, end), (start, _) in zip(s.spans, s.spans[1:], strict=False):
            assert end is not None
            assert end < start


@given(stretches(), stretches())
def test_cause_starts_survive_only_inside_the_result(a: Stretches, b: Stretches) -> None:
    for s in (a & b, a | b):
        assert all(s.holds_at(m) for m in s.starts)
    assert set((a | b).starts) == {*a.starts, *b.starts}
    assert a.complement(at(0)).starts == ()


def test_each_cause_start_inside_a_stretch_adds_a_cause_to_its_end() -> None:
    s = Stretches(spans=[(at(0), at(30)), (at(40), None)], starts=[at(10), at(40), at(50)])
    assert s.causes() == (
        (at(0), at(30)),
        (at(10), at(30)),
        (at(40), None),
        (at(50), None),
    )


def test_empty_and_touching_spans_are_normalised() -> None:
    s = Stretches(spans=[(at(5), at(5)), (at(0), at(2)), (at(2), at(4))])
    assert s.spans == ((at(0), at(4)),)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValidationError, match="timezone-aware"):
        Stretches(spans=[(datetime(2026, 3, 2, 9), None)])
    with pytest.raises(ValidationError, match="pair"):
        Stretches(spans=[(at(0),)])  # type: ignore[list-item]
