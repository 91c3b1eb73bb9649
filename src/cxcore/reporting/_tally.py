"""The exact partial sums behind a report, and how one interaction adds to them.

Everything here is integers, datetimes and strings in dicts keyed by hashable
tuples, so two tallies merge by adding counts (and taking minima / unions),
and the result does not depend on which interactions went into which tally.
This module does no formatting and no I/O.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from cxcore._errors import ValidationError
from cxcore._events import CustomerMessage, StatusChanged, SurveyAnswered, Transferred
from cxcore._interaction import Interaction
from cxcore._model import Status

from ._config import ReportConfig
from ._figures import RiskKind

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Evidence", "Tally", "add_interaction", "merge_into"]

_MICRO = timedelta(microseconds=1)
_REOPEN_TARGETS = frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD})
_RESOLVED = frozenset({Status.SOLVED, Status.CLOSED})
#: An interaction's contacts within the repeat window are kept as evidence of this kind.
CONTACT = "contact"


@attrs.define(slots=True, eq=True)
class Evidence:
    """What one customer's interactions showed for one reason: count, ids, latest moment, tier."""

    count: int
    ids: set[str]
    last_at: datetime
    # (opened_at, interaction id, tier) of the latest-opened contributing interaction.
    tier_key: tuple[datetime, str, str]

    def merge(self, other: Evidence) -> None:
        self.count += other.count
        self.ids |= other.ids
        self.last_at = max(self.last_at, other.last_at)
        self.tier_key = max(self.tier_key, other.tier_key)

    def copy(self) -> Evidence:
        return Evidence(self.count, set(self.ids), self.last_at, self.tier_key)


def _counter() -> Counter[Any]:
    return Counter()


@attrs.define(slots=True, eq=True)
class Tally:
    """The partial sums. Mutated only while one report is being built; read-only afterwards."""

    interactions: int = 0
    by_channel: Counter[str] = attrs.field(factory=_counter)
    by_hour: Counter[int] = attrs.field(factory=_counter)
    # (survey, score) -> answers (the latest answer per interaction and survey)
    surveys: Counter[tuple[str, int]] = attrs.field(factory=_counter)
    # (metric, priority, channel, team or None, "met" | "breached") -> cycles
    sla: Counter[tuple[str, str, str, str | None, str]] = attrs.field(factory=_counter)
    first_response: Counter[int] = attrs.field(factory=_counter)  # microseconds -> count
    resolution: Counter[int] = attrs.field(factory=_counter)
    reopened: int = 0
    reopens: int = 0
    transferred: int = 0
    transfers: int = 0
    fcr_failed: int = 0
    fcr_passed: int = 0  # used only when follow-ups are ignored
    fcr_pending: int = 0
    # interaction id -> end of its FCR window, for candidates a follow-up could still spoil
    fcr_candidates: dict[str, datetime] = attrs.field(factory=dict)
    # linked_from id -> earliest opening of a follow-up
    follow_ups: dict[str, datetime] = attrs.field(factory=dict)
    # (period, field) -> count; fields are listed in _report.TREND_FIELDS
    trend: Counter[tuple[date, str]] = attrs.field(factory=_counter)
    low_score_interactions: int = 0
    without_cause: int = 0
    causes: Counter[tuple[str, str]] = attrs.field(factory=_counter)  # (kind, code)
    # (customer id, risk kind or CONTACT) -> evidence
    evidence: dict[tuple[str, str], Evidence] = attrs.field(factory=dict)


def merge_into(target: Tally, other: Tally, *, copy_evidence: bool = True) -> None:
    """Add ``other`` to ``target`` (``target`` changes; ``other`` does not)."""
    target.interactions += other.interactions
    for name in (
        "by_channel",
        "by_hour",
        "surveys",
        "sla",
        "first_response",
        "resolution",
        "trend",
        "causes",
    ):
        getattr(target, name).update(getattr(other, name))
    for name in (
        "reopened",
        "reopens",
        "transferred",
        "transfers",
        "fcr_failed",
        "fcr_passed",
        "fcr_pending",
        "low_score_interactions",
        "without_cause",
    ):
        setattr(target, name, getattr(target, name) + getattr(other, name))
    for key, window_end in other.fcr_candidates.items():
        if key in target.fcr_candidates:
            raise ValidationError(
                f"interaction id {key!r} appears more than once; each interaction must be "
                "reported once (ids are what follow-ups link to)"
            )
        target.fcr_candidates[key] = window_end
    for key, opened in other.follow_ups.items():
        known = target.follow_ups.get(key)
        if known is None or opened < known:
            target.follow_ups[key] = opened
    for ev_key, ev in other.evidence.items():
        mine = target.evidence.get(ev_key)
        if mine is None:
            target.evidence[ev_key] = ev.copy() if copy_evidence else ev
        else:
            mine.merge(ev)


def copy_tally(tally: Tally) -> Tally:
    """A deep copy that can be mutated without touching ``tally``."""
    fresh = Tally()
    merge_into(fresh, tally)
    return fresh


def period_start(day: date, granularity: str) -> date:
    """The first day of the period ``day`` falls in: itself, its ISO week's Monday, or the 1st."""
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def _micros(value: timedelta) -> int:
    return value // _MICRO


class _Accumulator:
    """Adds interactions to one tally under one config (the per-interaction work of a report)."""

    __slots__ = ("_cfg", "_elapsed", "_low", "_signals", "tally")

    def __init__(self, cfg: ReportConfig, tally: Tally) -> None:
        self._cfg = cfg
        self.tally = tally
        self._low = cfg.low_score_map
        calendar = cfg.calendar
        self._elapsed: Callable[[datetime, datetime], timedelta] = (
            calendar.elapsed if calendar is not None else _real_elapsed
        )
        self._signals: Callable[[str, str], frozenset[str]] | None = None
        if cfg.signals == "scan":
            self._signals = _signal_scanner()

    def _period(self, moment: datetime) -> date:
        return period_start(moment.astimezone(self._cfg.timezone).date(), self._cfg.granularity)

    def _evidence(
        self, ix: Interaction, kind: str, interaction_id: str, moment: datetime, count: int = 1
    ) -> None:
        key = (ix.customer.id, kind)
        tier_key = (ix.opened_at, ix.id, ix.customer.tier)
        ev = self.tally.evidence.get(key)
        if ev is None:
            self.tally.evidence[key] = Evidence(count, {interaction_id}, moment, tier_key)
        else:
            ev.count += count
            ev.ids.add(interaction_id)
            ev.last_at = max(ev.last_at, moment)
            ev.tier_key = max(ev.tier_key, tier_key)

    def add(self, ix: Interaction) -> None:
        if not isinstance(ix, Interaction):
            raise ValidationError(
                f"interactions must be cxcore.Interaction values (got {type(ix).__name__}); "
                "read serialised ones with Interaction.from_dict"
            )
        try:
            self._add(ix)
        except OverflowError:
            raise ValidationError(
                f"interaction {ix.id!r}: its moments, with the report's at, lookback, repeat "
                "window and FCR window, fall outside the years 1–9999; report on moments "
                "inside them"
            ) from None

    def _add(self, ix: Interaction) -> None:
        cfg = self._cfg
        at = cfg.at
        if ix.opened_at > at:
            return
        ix = ix.up_to(at)
        t = self.tally
        zone = cfg.timezone
        t.interactions += 1
        t.by_channel[ix.channel] += 1
        t.by_hour[ix.opened_at.astimezone(zone).hour] += 1
        t.trend[(self._period(ix.opened_at), "contacts")] += 1
        lookback_start = at - cfg.lookback
        if ix.opened_at >= at - cfg.repeat_window:
            self._evidence(ix, CONTACT, ix.id, ix.opened_at)
        if ix.linked_from is not None and cfg.fcr.follow_ups == "count":
            known = t.follow_ups.get(ix.linked_from)
            if known is None or ix.opened_at < known:
                t.follow_ups[ix.linked_from] = ix.opened_at

        # One pass over the events: the status timeline (for FCR and resolution time),
        # transfers, the latest survey answers, and signals in recent customer messages.
        status = Status.NEW
        first_resolved: datetime | None = None
        last_resolved: datetime | None = None
        reopen_times: list[datetime] = []
        first_transfer: datetime | None = None
        latest: dict[str, SurveyAnswered] = {}
        scan = self._signals
        locale = ix.customer.locale
        for event in ix.events:
            new_status: Status | None = None
            if isinstance(event, StatusChanged):
                new_status = event.status
            elif isinstance(event, CustomerMessage):
                if status in (Status.PENDING, Status.ON_HOLD, Status.SOLVED):
                    new_status = Status.OPEN
                if scan is not None and locale is not None and event.at >= lookback_start:
                    for kind in scan(event.text, locale):
                        self._evidence(ix, kind, ix.id, event.at)
            elif isinstance(event, SurveyAnswered):
                latest[event.survey] = event
            elif isinstance(event, Transferred) and first_transfer is None:
                first_transfer = event.at
            if new_status is not None and new_status is not status:
                if status is Status.SOLVED and new_status in _REOPEN_TARGETS:
                    reopen_times.append(event.at)
                if new_status is Status.SOLVED or (
                    new_status is Status.CLOSED and status is not Status.SOLVED
                ):
                    last_resolved = event.at
                    if first_resolved is None:
                        first_resolved = event.at
                status = new_status

        # Reopens and transfers.
        if reopen_times:
            t.reopened += 1
            t.reopens += len(reopen_times)
        if ix.transfer_count:
            t.transferred += 1
            t.transfers += ix.transfer_count

        # First-contact resolution.
        if first_resolved is not None:
            window_end = first_resolved + cfg.fcr.within
            if window_end > at:
                t.fcr_pending += 1
            elif (first_transfer is not None and first_transfer <= window_end) or any(
                r <= window_end for r in reopen_times
            ):
                t.fcr_failed += 1
            elif cfg.fcr.follow_ups == "count":
                if ix.id in t.fcr_candidates:
                    raise ValidationError(
                        f"interaction id {ix.id!r} appears more than once; each interaction "
                        "must be reported once (ids are what follow-ups link to)"
                    )
                t.fcr_candidates[ix.id] = window_end
            else:
                t.fcr_passed += 1

        # Response and resolution times (business time when a calendar is given).
        if ix.first_reply_at is not None:
            t.first_response[_micros(self._elapsed(ix.opened_at, ix.first_reply_at))] += 1
        if status in _RESOLVED and last_resolved is not None:
            t.resolution[_micros(self._elapsed(ix.opened_at, last_resolved))] += 1

        # Surveys: the latest answer of each survey counts.
        low_answers: list[SurveyAnswered] = []
        for survey, answer in latest.items():
            t.surveys[(survey, answer.score)] += 1
            period = self._period(answer.at)
            if survey == "csat":
                t.trend[(period, "csat_total")] += 1
                if answer.score >= 4:
                    t.trend[(period, "csat_satisfied")] += 1
            elif survey == "nps":
                t.trend[(period, "nps_total")] += 1
                if answer.score >= 9:
                    t.trend[(period, "nps_promoters")] += 1
                elif answer.score <= 6:
                    t.trend[(period, "nps_detractors")] += 1
            elif survey == "ces":
                t.trend[(period, "ces_total")] += 1
                t.trend[(period, "ces_sum")] += answer.score
            ceiling = self._low.get(survey)
            if ceiling is not None and answer.score <= ceiling:
                low_answers.append(answer)
        if low_answers:
            t.low_score_interactions += 1
            causes = {("tag", tag) for tag in ix.tags if tag not in cfg.ignore_tags}
            causes.update(("reason", a.reason) for a in low_answers if a.reason is not None)
            if causes:
                t.causes.update(causes)
            else:
                t.without_cause += 1
            for answer in low_answers:
                if answer.at >= lookback_start:
                    self._evidence(ix, RiskKind.LOW_SCORE.value, ix.id, answer.at)

        self._add_sla(ix)

    def _add_sla(self, ix: Interaction) -> None:
        cfg = self._cfg
        if cfg.sla is None:
            return
        from cxcore.sla import ClockState, Metric

        report = cfg.sla.evaluate(ix, at=cfg.at)
        t = self.tally
        priority = ix.priority.value
        team = ix.team
        for metric in Metric:
            for clock in report.history(metric):
                if clock.state is ClockState.MET and clock.stopped_at is not None:
                    t.sla[(metric.value, priority, ix.channel, team, "met")] += 1
                    period = self._period(clock.stopped_at)
                    t.trend[(period, "sla_met")] += 1
                    t.trend[(period, f"sla_met:{metric.value}")] += 1
                elif clock.state is ClockState.BREACHED and clock.breached_at is not None:
                    t.sla[(metric.value, priority, ix.channel, team, "breached")] += 1
                    period = self._period(clock.breached_at)
                    t.trend[(period, "sla_breached")] += 1
                    t.trend[(period, f"sla_breached:{metric.value}")] += 1
                    if clock.stopped_at is None:
                        self._evidence(ix, RiskKind.OPEN_BREACH.value, ix.id, clock.breached_at)


def _real_elapsed(start: datetime, end: datetime) -> timedelta:
    return end - start


_WATCHED = frozenset({RiskKind.CHURN_RISK.value, RiskKind.FRUSTRATION.value})


def _signal_scanner() -> Callable[[str, str], frozenset[str]]:
    """``scan(text, locale)``: the watched signal kinds in a customer message."""
    from cxcore.language import has_rules, signals

    supported: dict[str, bool] = {}

    def scan(text: str, locale: str) -> frozenset[str]:
        ok = supported.get(locale)
        if ok is None:
            ok = supported[locale] = has_rules(locale)
        if not ok:
            return frozenset()
        return frozenset(s.kind.value for s in signals(text, locale=locale)) & _WATCHED

    return scan


def add_interaction(cfg: ReportConfig, tally: Tally) -> Callable[[Interaction], None]:
    """A function adding one interaction at a time to ``tally`` under ``cfg``."""
    return _Accumulator(cfg, tally).add
