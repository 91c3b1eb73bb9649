"""Reports over many interactions: mergeable partials with exact figures.

A :class:`Report` is a partial result. :meth:`Report.build` streams any
iterable of interactions through it one at a time; :func:`combine` (or ``+``)
merges two partials built under the same :class:`ReportConfig`, associatively
and with :meth:`Report.empty` as identity, so a report computed on one core,
across processes or on a Dask cluster is the same value. Figures are computed
from the partial sums when read, exactly (ints and Fractions); floats appear
only in :meth:`Report.to_dict`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import attrs
import babel

from cxcore._errors import ValidationError

from ._config import ReportConfig
from ._figures import (
    AtRiskCustomer,
    AtRiskReason,
    Durations,
    Nps,
    ParetoItem,
    ParetoResult,
    Rate,
    RiskKind,
    ScoreDistribution,
    TrendPoint,
)
from ._tally import CONTACT, Evidence, Tally, add_interaction, copy_tally, merge_into

__all__ = ["SLA_DIMENSIONS", "Report", "combine"]

#: What SLA attainment can be grouped by, in this order of keys.
SLA_DIMENSIONS = ("metric", "priority", "channel", "team")
_DIM_INDEX = {name: i for i, name in enumerate(SLA_DIMENSIONS)}
_METRICS = ("first_response", "next_response", "periodic_update", "resolution")


def _check_config(value: object) -> ReportConfig:
    if not isinstance(value, ReportConfig):
        raise ValidationError(
            f"config must be a cxcore.reporting.ReportConfig (got {type(value).__name__}); "
            "pass e.g. ReportConfig(at=..., timezone='Asia/Seoul')"
        )
    return value


@attrs.frozen(kw_only=True, eq=True)
class Report:
    """A mergeable report over interactions; build with :meth:`build` or :meth:`empty`.

    Two reports built under equal configs combine with ``a + b`` (or
    :func:`combine`); the result equals the report built over both sets of
    interactions in one go. Each interaction must appear in exactly one part.
    """

    __module__ = "cxcore.reporting"
    __hash__ = None  # type: ignore[assignment]  # the partial sums are mutable containers

    config: ReportConfig
    _tally: Tally = attrs.field(alias="tally", repr=False)

    @classmethod
    def empty(cls, config: ReportConfig) -> Report:
        """The report over no interactions: the identity of :func:`combine`."""
        return cls(config=_check_config(config), tally=Tally())

    @classmethod
    def build(cls, interactions: Iterable[Any], *, config: ReportConfig) -> Report:
        """The report over ``interactions``, read one at a time (a generator is fine).

        Events after ``config.at`` are ignored and interactions opened after it skipped.
        """
        cfg = _check_config(config)
        if isinstance(interactions, str | bytes) or not isinstance(interactions, Iterable):
            raise ValidationError(
                "interactions must be an iterable of cxcore.Interaction "
                f"(got {type(interactions).__name__})"
            )
        tally = Tally()
        add = add_interaction(cfg, tally)
        for ix in interactions:
            add(ix)
        return cls(config=cfg, tally=tally)

    def __add__(self, other: object) -> Report:
        if not isinstance(other, Report):
            return NotImplemented
        return combine(self, other)

    # --- figures -----------------------------------------------------------------

    @property
    def interactions(self) -> int:
        """How many interactions (opened at or before ``at``) the report covers."""
        return self._tally.interactions

    def survey(self, name: str) -> ScoreDistribution:
        """The answers to survey ``name`` (the latest per interaction), score by score."""
        if not isinstance(name, str) or not name:
            raise ValidationError(f"name must be a survey name such as 'csat' (got {name!r})")
        counts = sorted((score, n) for (s, score), n in self._tally.surveys.items() if s == name)
        return ScoreDistribution(survey=name, counts=tuple(counts))

    @property
    def csat(self) -> Rate:
        """CSAT: the share of csat answers (1–5) that are 4 or 5."""
        dist = self.survey("csat")
        return Rate(count=sum(n for s, n in dist.counts if s >= 4), total=dist.total)

    @property
    def nps(self) -> Nps:
        """NPS from the nps answers (0–10)."""
        dist = self.survey("nps")
        return Nps(
            promoters=sum(n for s, n in dist.counts if s >= 9),
            passives=sum(n for s, n in dist.counts if 7 <= s <= 8),
            detractors=sum(n for s, n in dist.counts if s <= 6),
        )

    @property
    def ces(self) -> ScoreDistribution:
        """CES (customer effort, 1–7): the distribution and its exact mean."""
        return self.survey("ces")

    @property
    def fcr(self) -> Rate:
        """First-contact resolution among resolved interactions whose window has ended.

        See :class:`FcrDefinition` for the definition in force (``config.fcr``).
        """
        t = self._tally
        passed = t.fcr_passed
        spoiled = 0
        for key, window_end in t.fcr_candidates.items():
            opened = t.follow_ups.get(key)
            if opened is not None and opened <= window_end:
                spoiled += 1
            else:
                passed += 1
        return Rate(count=passed, total=passed + spoiled + t.fcr_failed)

    @property
    def fcr_pending(self) -> int:
        """Resolved interactions whose FCR window had not ended at ``at`` (not in the rate)."""
        return self._tally.fcr_pending

    @property
    def reopen_rate(self) -> Rate:
        """Interactions reopened at least once, out of all interactions."""
        return Rate(count=self._tally.reopened, total=self._tally.interactions)

    @property
    def transfer_rate(self) -> Rate:
        """Interactions transferred at least once, out of all interactions."""
        return Rate(count=self._tally.transferred, total=self._tally.interactions)

    @property
    def reopens(self) -> int:
        """How many reopens there were in all."""
        return self._tally.reopens

    @property
    def transfers(self) -> int:
        """How many transfers there were in all."""
        return self._tally.transfers

    @property
    def first_response_time(self) -> Durations:
        """Opening to first public reply, in the config calendar's business time."""
        return Durations(counts=tuple(sorted(self._tally.first_response.items())))

    @property
    def resolution_time(self) -> Durations:
        """Opening to the latest resolution of interactions solved or closed at ``at``."""
        return Durations(counts=tuple(sorted(self._tally.resolution.items())))

    @property
    def volume_by_channel(self) -> tuple[tuple[str, int], ...]:
        """Interactions per opening channel, most first (ties by name)."""
        return tuple(sorted(self._tally.by_channel.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def volume_by_hour(self) -> tuple[int, ...]:
        """Interactions opened in each hour of the day 0–23, in the config's time zone."""
        return tuple(self._tally.by_hour.get(hour, 0) for hour in range(24))

    def sla_attainment(self, by: Sequence[str] = ("metric",)) -> dict[tuple[str | None, ...], Rate]:
        """Met cycles out of met-or-breached cycles, grouped by ``by`` (keys in that order).

        ``by`` lists any of ``"metric"``, ``"priority"`` (at ``at``), ``"channel"``
        (the opening channel) and ``"team"`` (at ``at``; None when never assigned);
        ``()`` gives one overall rate under the key ``()``. Running and paused cycles
        are not counted. Empty without an SLA policy in the config.
        """
        if isinstance(by, str) or not isinstance(by, Sequence):
            raise ValidationError(f"by must be a sequence of dimension names (got {by!r})")
        for name in by:
            if not isinstance(name, str) or name not in _DIM_INDEX:
                known = ", ".join(SLA_DIMENSIONS)
                raise ValidationError(f"by: unknown dimension {name!r}; choose from {known}")
        picks = [_DIM_INDEX[name] for name in by]
        met: dict[tuple[str | None, ...], int] = defaultdict(int)
        total: dict[tuple[str | None, ...], int] = defaultdict(int)
        for key, n in self._tally.sla.items():
            group = tuple(key[i] for i in picks)
            total[group] += n
            if key[4] == "met":
                met[group] += n
        ordered = sorted(total, key=lambda k: tuple((v is None, v or "") for v in k))
        return {k: Rate(count=met[k], total=total[k]) for k in ordered}

    @property
    def trend(self) -> tuple[TrendPoint, ...]:
        """One point per period that has any data, oldest first."""
        fields: dict[date, dict[str, int]] = defaultdict(dict)
        for (period, name), n in self._tally.trend.items():
            fields[period][name] = n
        points = []
        for period in sorted(fields):
            f = fields[period]
            nps_total = f.get("nps_total", 0)
            promoters, detractors = f.get("nps_promoters", 0), f.get("nps_detractors", 0)
            ces_total = f.get("ces_total", 0)
            by_metric = tuple(
                (m, Rate(count=met, total=met + f.get(f"sla_breached:{m}", 0)))
                for m in _METRICS
                if (met := f.get(f"sla_met:{m}", 0)) or f.get(f"sla_breached:{m}", 0)
            )
            sla_met = f.get("sla_met", 0)
            points.append(
                TrendPoint(
                    period=period,
                    contacts=f.get("contacts", 0),
                    csat=Rate(count=f.get("csat_satisfied", 0), total=f.get("csat_total", 0)),
                    nps=Nps(
                        promoters=promoters,
                        passives=nps_total - promoters - detractors,
                        detractors=detractors,
                    ),
                    ces_answers=ces_total,
                    ces_mean=Fraction(f.get("ces_sum", 0), ces_total) if ces_total else None,
                    sla=Rate(count=sla_met, total=sla_met + f.get("sla_breached", 0)),
                    sla_by_metric=by_metric,
                )
            )
        return tuple(points)

    @property
    def pareto(self) -> ParetoResult:
        """Dissatisfaction causes of low-score interactions, with the vital few marked.

        A low-score interaction (a latest answer at or below ``config.low_scores``)
        contributes each of its tags (minus ``config.ignore_tags``) and the ``reason``
        of each low answer, once each. Shares are of all cause counts.
        """
        t = self._tally
        threshold = self.config.pareto_threshold
        ranked = sorted(t.causes.items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(n for _, n in ranked)
        items = []
        running = 0
        for (kind, code), n in ranked:
            before = Fraction(running, total)
            running += n
            items.append(
                ParetoItem(
                    kind=kind,
                    code=code,
                    count=n,
                    share=Fraction(n, total),
                    cumulative=Fraction(running, total),
                    vital=before < threshold,
                )
            )
        return ParetoResult(
            items=tuple(items),
            threshold=threshold,
            low_score_interactions=t.low_score_interactions,
            without_cause=t.without_cause,
        )

    @property
    def at_risk(self) -> tuple[AtRiskCustomer, ...]:
        """Customers with at least one risk reason, most reasons first.

        Ranked by the number of distinct reasons, then the total evidence count
        (both descending), then customer id. Low scores, churn-risk and frustration
        signals count within ``config.lookback`` before ``at``; repeat contacts are
        ``config.repeat_contacts`` or more interactions opened within
        ``config.repeat_window``; an open breach is a breached SLA cycle still running.
        """
        per_customer: dict[str, dict[str, Evidence]] = defaultdict(dict)
        for (customer, kind), ev in self._tally.evidence.items():
            per_customer[customer][kind] = ev
        out = []
        for customer, kinds in per_customer.items():
            reasons = []
            for kind in RiskKind:
                key = CONTACT if kind is RiskKind.REPEAT_CONTACTS else kind.value
                found = kinds.get(key)
                if found is None:
                    continue
                if kind is RiskKind.REPEAT_CONTACTS and found.count < self.config.repeat_contacts:
                    continue
                reasons.append(
                    AtRiskReason(
                        kind=kind,
                        count=found.count,
                        interactions=tuple(sorted(found.ids)),
                        last_at=found.last_at,
                    )
                )
            if reasons:
                tier = max(ev.tier_key for ev in kinds.values())[2]
                out.append(AtRiskCustomer(customer_id=customer, tier=tier, reasons=tuple(reasons)))
        out.sort(key=lambda c: (-len(c.reasons), -c.evidence, c.customer_id))
        return tuple(out)

    # --- output --------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Every figure as JSON-safe plain data (floats for shares, seconds for durations)."""
        from ._codec import report_to_dict

        return report_to_dict(self)

    def summary(self, *, locale: str | babel.Locale) -> str:
        """A short localised text summary (Korean and English are complete)."""
        from ._text import summary

        return summary(self, locale)


def combine(a: Report, b: Report) -> Report:
    """The report over the interactions of ``a`` and of ``b``; neither is changed.

    Associative, with ``Report.empty(config)`` as identity. Both must have equal configs.
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, Report):
            raise ValidationError(
                f"{name} must be a cxcore.reporting.Report (got {type(value).__name__})"
            )
    if a.config != b.config:
        raise ValidationError(
            "cannot combine reports built under different configs; build every part "
            "with the same ReportConfig (same at, timezone, policy and definitions)"
        )
    tally = copy_tally(a._tally)
    merge_into(tally, b._tally)
    return Report(config=a.config, tally=tally)
