"""The figures a report hands out: exact ints, Fractions and timedeltas; floats only in to_dict.

These are read-only views computed from a report's partial sums; they hold no
partial state themselves and are not merged.
"""

from __future__ import annotations

import enum
import math
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cxcore._errors import ValidationError

__all__ = [
    "AtRiskCustomer",
    "AtRiskReason",
    "Durations",
    "Nps",
    "ParetoItem",
    "ParetoResult",
    "Rate",
    "RiskKind",
    "ScoreDistribution",
    "TrendPoint",
]

_MICROSECOND = timedelta(microseconds=1)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


@attrs.frozen(kw_only=True)
class Rate:
    """``count`` out of ``total``; :attr:`value` is the exact share, None when ``total`` is 0."""

    __module__ = "cxcore.reporting"

    count: int
    total: int

    @property
    def value(self) -> Fraction | None:
        """``count / total`` as a Fraction (0 to 1), or None when nothing was counted."""
        return Fraction(self.count, self.total) if self.total else None

    def to_dict(self) -> dict[str, Any]:
        """``{"count", "total", "value"}`` with ``value`` a float or None."""
        return {"count": self.count, "total": self.total, "value": _float(self.value)}


@attrs.frozen(kw_only=True)
class Nps:
    """Net Promoter Score parts: promoters answered 9–10, passives 7–8, detractors 0–6."""

    __module__ = "cxcore.reporting"

    promoters: int
    passives: int
    detractors: int

    @property
    def total(self) -> int:
        """How many answers there were."""
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> Fraction | None:
        """% promoters − % detractors, from −100 to 100; None without answers."""
        if not self.total:
            return None
        return Fraction(100 * (self.promoters - self.detractors), self.total)

    def to_dict(self) -> dict[str, Any]:
        """Counts and the score as a float (None without answers)."""
        return {
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
            "total": self.total,
            "score": _float(self.score),
        }


@attrs.frozen(kw_only=True)
class ScoreDistribution:
    """How many answers gave each score of one survey (CES, CSAT …), with the exact mean."""

    __module__ = "cxcore.reporting"

    survey: str
    counts: tuple[tuple[int, int], ...]  # (score, count), ascending scores, no zero counts

    @property
    def total(self) -> int:
        """How many answers there were."""
        return sum(n for _, n in self.counts)

    @property
    def mean(self) -> Fraction | None:
        """The mean score, exact; None without answers."""
        total = self.total
        if not total:
            return None
        return Fraction(sum(score * n for score, n in self.counts), total)

    def to_dict(self) -> dict[str, Any]:
        """``{"survey", "total", "mean", "counts": {"score": count}}``."""
        return {
            "survey": self.survey,
            "total": self.total,
            "mean": _float(self.mean),
            "counts": {str(score): n for score, n in self.counts},
        }


def _rank_index(p: Fraction, n: int) -> int:
    # Nearest rank: the smallest k (1-based) with k >= p/100 * n.
    return max(1, math.ceil(p * n / 100))


def _as_percent(value: object, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction | Decimal | str | float):
        raise ValidationError(f"{name} must be a number from 0 (exclusive) to 100 (got {value!r})")
    try:
        p = Fraction(str(value)) if isinstance(value, float | str) else Fraction(value)
    except (ValueError, ZeroDivisionError, OverflowError):
        raise ValidationError(f"{name} must be a number from 0 to 100 (got {value!r})") from None
    if not 0 < p <= 100:
        raise ValidationError(f"{name} must be above 0 and at most 100 (got {value!r})")
    return p


@attrs.frozen(kw_only=True)
class Durations:
    """Every measured duration, kept exactly as (microseconds, count) pairs.

    Percentiles are exact nearest-rank percentiles: ``percentile(p)`` is the
    smallest measured value with at least ``p`` % of the values at or below it.
    """

    __module__ = "cxcore.reporting"

    counts: tuple[tuple[int, int], ...]  # (microseconds, count), ascending, no zero counts

    @property
    def count(self) -> int:
        """How many durations were measured."""
        return sum(n for _, n in self.counts)

    def percentile(self, p: int | Fraction | Decimal | str | float) -> timedelta | None:
        """The exact nearest-rank ``p``-th percentile (0 < p <= 100); None when empty."""
        rank = _as_percent(p, "p")
        n = self.count
        if not n:
            return None
        k = _rank_index(rank, n)
        seen = 0
        for micros, c in self.counts:
            seen += c
            if seen >= k:
                return timedelta(microseconds=micros)
        raise AssertionError("unreachable: the last value has rank n")  # pragma: no cover

    @property
    def median(self) -> timedelta | None:
        """The 50th percentile."""
        return self.percentile(50)

    @property
    def mean(self) -> timedelta | None:
        """The mean, rounded half-to-even to the microsecond; None when empty."""
        n = self.count
        if not n:
            return None
        exact = Fraction(sum(m * c for m, c in self.counts), n)
        return timedelta(microseconds=round(exact))

    @property
    def minimum(self) -> timedelta | None:
        """The shortest duration."""
        return timedelta(microseconds=self.counts[0][0]) if self.counts else None

    @property
    def maximum(self) -> timedelta | None:
        """The longest duration."""
        return timedelta(microseconds=self.counts[-1][0]) if self.counts else None

    def to_dict(self) -> dict[str, Any]:
        """Count, mean, min, p50/p90/p95, max, in seconds (floats) or None."""

        def sec(value: timedelta | None) -> float | None:
            return None if value is None else value / timedelta(seconds=1)

        return {
            "count": self.count,
            "mean_seconds": sec(self.mean),
            "min_seconds": sec(self.minimum),
            "p50_seconds": sec(self.percentile(50)),
            "p90_seconds": sec(self.percentile(90)),
            "p95_seconds": sec(self.percentile(95)),
            "max_seconds": sec(self.maximum),
        }


@attrs.frozen(kw_only=True)
class ParetoItem:
    """One dissatisfaction cause: a tag or a survey reason code of low-score interactions."""

    __module__ = "cxcore.reporting"

    kind: str  # "reason" or "tag"
    code: str
    count: int
    share: Fraction
    cumulative: Fraction
    vital: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain data, shares as floats."""
        return {
            "kind": self.kind,
            "code": self.code,
            "count": self.count,
            "share": float(self.share),
            "cumulative": float(self.cumulative),
            "vital": self.vital,
        }


@attrs.frozen(kw_only=True)
class ParetoResult:
    """Causes sorted by count (then kind and code), with the vital few marked."""

    __module__ = "cxcore.reporting"

    items: tuple[ParetoItem, ...]
    threshold: Fraction
    low_score_interactions: int
    without_cause: int

    @property
    def vital_few(self) -> tuple[ParetoItem, ...]:
        """The shortest head of :attr:`items` whose cumulative share reaches the threshold."""
        return tuple(item for item in self.items if item.vital)

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "threshold": float(self.threshold),
            "low_score_interactions": self.low_score_interactions,
            "without_cause": self.without_cause,
            "items": [item.to_dict() for item in self.items],
        }


class RiskKind(enum.StrEnum):
    """Why a customer is on the at-risk list."""

    __module__ = "cxcore.reporting"

    LOW_SCORE = "low_score"
    REPEAT_CONTACTS = "repeat_contacts"
    CHURN_RISK = "churn_risk"
    FRUSTRATION = "frustration"
    OPEN_BREACH = "open_breach"


@attrs.frozen(kw_only=True)
class AtRiskReason:
    """One reason with its evidence: how many, in which interactions, the latest when."""

    __module__ = "cxcore.reporting"

    kind: RiskKind
    count: int
    interactions: tuple[str, ...]
    last_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "kind": self.kind.value,
            "count": self.count,
            "interactions": list(self.interactions),
            "last_at": self.last_at.isoformat(),
        }


@attrs.frozen(kw_only=True)
class AtRiskCustomer:
    """A customer who looks dissatisfied or disengaged, with every reason found."""

    __module__ = "cxcore.reporting"

    customer_id: str
    tier: str
    reasons: tuple[AtRiskReason, ...]

    @property
    def evidence(self) -> int:
        """The total count over all reasons."""
        return sum(r.count for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "customer_id": self.customer_id,
            "tier": self.tier,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@attrs.frozen(kw_only=True)
class TrendPoint:
    """The figures of one period (a day, a week from Monday, or a month) in the report's zone.

    Contacts count by opening time, survey answers by answer time, SLA cycles by
    the moment they were met (stopped) or breached.
    """

    __module__ = "cxcore.reporting"

    period: date
    contacts: int
    csat: Rate
    nps: Nps
    ces_answers: int
    ces_mean: Fraction | None
    sla: Rate
    sla_by_metric: tuple[tuple[str, Rate], ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "period": self.period.isoformat(),
            "contacts": self.contacts,
            "csat": self.csat.to_dict(),
            "nps": self.nps.to_dict(),
            "ces": {"total": self.ces_answers, "mean": _float(self.ces_mean)},
            "sla": self.sla.to_dict(),
            "sla_by_metric": {m: r.to_dict() for m, r in self.sla_by_metric},
        }
