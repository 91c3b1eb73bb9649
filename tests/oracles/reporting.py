"""Brute-force reporting: every figure computed naively from a list, straight from its definition.

Slow and simple on purpose: no partial sums, no merging, sorted lists for
percentiles, status replayed with a fresh loop per question.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from cxcore import Interaction, Status, events
from cxcore.reporting import ReportConfig


def visible(interactions: list[Interaction], cfg: ReportConfig) -> list[Interaction]:
    """The interactions opened by ``cfg.at``, cut to the events at or before it."""
    return [ix.up_to(cfg.at) for ix in interactions if ix.opened_at <= cfg.at]


def latest_answers(ix: Interaction) -> dict[str, events.SurveyAnswered]:
    out: dict[str, events.SurveyAnswered] = {}
    for e in ix.events:
        if isinstance(e, events.SurveyAnswered):
            out[e.survey] = e
    return out


def status_changes(ix: Interaction) -> list[tuple[datetime, Status, Status]]:
    """(at, from, to) for every status change, replayed from the events."""
    status = Status.NEW
    out = []
    for e in ix.events:
        new = None
        if isinstance(e, events.StatusChanged):
            new = e.status
        elif isinstance(e, events.CustomerMessage) and status in (
            Status.PENDING,
            Status.ON_HOLD,
            Status.SOLVED,
        ):
            new = Status.OPEN
        if new is not None and new != status:
            out.append((e.at, status, new))
            status = new
    return out


def reopen_times(ix: Interaction) -> list[datetime]:
    return [
        at
        for at, old, new in status_changes(ix)
        if old == Status.SOLVED and new in (Status.OPEN, Status.PENDING, Status.ON_HOLD)
    ]


def resolutions(ix: Interaction) -> list[datetime]:
    """Moments the interaction became solved, or closed without being solved."""
    return [
        at
        for at, old, new in status_changes(ix)
        if new == Status.SOLVED or (new == Status.CLOSED and old != Status.SOLVED)
    ]


def csat(ixs: list[Interaction]) -> tuple[int, int]:
    scores = [a["csat"].score for a in map(latest_answers, ixs) if "csat" in a]
    return sum(1 for s in scores if s >= 4), len(scores)


def nps(ixs: list[Interaction]) -> Fraction | None:
    scores = [a["nps"].score for a in map(latest_answers, ixs) if "nps" in a]
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return Fraction(promoters, len(scores)) * 100 - Fraction(detractors, len(scores)) * 100


def ces_mean(ixs: list[Interaction]) -> Fraction | None:
    scores = [a["ces"].score for a in map(latest_answers, ixs) if "ces" in a]
    return Fraction(sum(scores), len(scores)) if scores else None


def fcr(ixs: list[Interaction], cfg: ReportConfig) -> tuple[int, int, int]:
    """(resolved at first contact, decided, pending)."""
    good = decided = pending = 0
    for ix in ixs:
        res = resolutions(ix)
        if not res:
            continue
        end = res[0] + cfg.fcr.within
        if end > cfg.at:
            pending += 1
            continue
        decided += 1
        transfers = [e.at for e in ix.events if isinstance(e, events.Transferred)]
        if any(t <= end for t in transfers) or any(r <= end for r in reopen_times(ix)):
            continue
        if cfg.fcr.follow_ups == "count" and any(
            other.linked_from == ix.id and other.opened_at <= end for other in ixs
        ):
            continue
        good += 1
    return good, decided, pending


def nearest_rank(values: list[timedelta], p: int) -> timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(Fraction(p, 100) * len(ordered))) - 1]


def first_response_times(ixs: list[Interaction], cfg: ReportConfig) -> list[timedelta]:
    cal = cfg.calendar
    out = []
    for ix in ixs:
        replies = [e.at for e in ix.events if isinstance(e, events.AgentReply)]
        if replies:
            out.append(
                cal.elapsed(ix.opened_at, replies[0])
                if cal is not None
                else replies[0] - ix.opened_at
            )
    return out


def resolution_times(ixs: list[Interaction], cfg: ReportConfig) -> list[timedelta]:
    cal = cfg.calendar
    out = []
    for ix in ixs:
        res = resolutions(ix)
        if res and ix.status in (Status.SOLVED, Status.CLOSED):
            end = res[-1]
            out.append(cal.elapsed(ix.opened_at, end) if cal is not None else end - ix.opened_at)
    return out


def sla_by_metric(ixs: list[Interaction], cfg: ReportConfig) -> dict[str, tuple[int, int]]:
    from cxcore.sla import ClockState, Metric

    out: dict[str, tuple[int, int]] = {}
    assert cfg.sla is not None
    for ix in ixs:
        rep = cfg.sla.evaluate(ix, at=cfg.at)
        for metric in Metric:
            for clock in rep.history(metric):
                met, total = out.get(metric.value, (0, 0))
                if clock.state == ClockState.MET:
                    out[metric.value] = (met + 1, total + 1)
                elif clock.state == ClockState.BREACHED:
                    out[metric.value] = (met, total + 1)
    return out


def pareto(ixs: list[Interaction], cfg: ReportConfig) -> list[tuple[str, str, int, bool]]:
    """(kind, code, count, vital), sorted by count descending, then kind and code."""
    low = dict(cfg.low_scores)
    counts: Counter[tuple[str, str]] = Counter()
    for ix in ixs:
        answers = [a for s, a in latest_answers(ix).items() if s in low and a.score <= low[s]]
        if not answers:
            continue
        causes = {("tag", t) for t in ix.tags if t not in cfg.ignore_tags}
        causes |= {("reason", a.reason) for a in answers if a.reason}
        counts.update(causes)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(counts.values())
    out = []
    cumulative = 0
    for (kind, code), n in ranked:
        out.append((kind, code, n, Fraction(cumulative, total) < cfg.pareto_threshold))
        cumulative += n
    return out


def at_risk(ixs: list[Interaction], cfg: ReportConfig) -> dict[str, dict[str, set[str]]]:
    """customer -> reason kind -> interaction ids (signals only when cfg.signals == 'scan')."""
    low = dict(cfg.low_scores)
    since = cfg.at - cfg.lookback
    out: dict[str, dict[str, set[str]]] = {}

    def note(ix: Interaction, kind: str) -> None:
        out.setdefault(ix.customer.id, {}).setdefault(kind, set()).add(ix.id)

    recent: dict[str, set[str]] = {}
    for ix in ixs:
        if ix.opened_at >= cfg.at - cfg.repeat_window:
            recent.setdefault(ix.customer.id, set()).add(ix.id)
        for survey, answer in latest_answers(ix).items():
            if survey in low and answer.score <= low[survey] and answer.at >= since:
                note(ix, "low_score")
        if cfg.signals == "scan" and ix.customer.locale is not None:
            from cxcore.language import has_rules, signals

            if has_rules(ix.customer.locale):
                for e in ix.events:
                    if isinstance(e, events.CustomerMessage) and e.at >= since:
                        kinds = {s.kind.value for s in signals(e.text, locale=ix.customer.locale)}
                        for kind in kinds & {"churn_risk", "frustration"}:
                            note(ix, kind)
        if cfg.sla is not None:
            from cxcore.sla import ClockState, Metric

            rep = cfg.sla.evaluate(ix, at=cfg.at)
            for metric in Metric:
                for clock in rep.history(metric):
                    if clock.state == ClockState.BREACHED and clock.stopped_at is None:
                        note(ix, "open_breach")
    for customer, ids in recent.items():
        if len(ids) >= cfg.repeat_contacts:
            out.setdefault(customer, {})["repeat_contacts"] = ids
    return out


def period(day: date, granularity: str) -> date:
    if granularity == "day":
        return day
    if granularity == "week":
        return date.fromisocalendar(*day.isocalendar()[:2], 1)
    return date(day.year, day.month, 1)


def contacts_by_period(ixs: list[Interaction], cfg: ReportConfig) -> dict[date, int]:
    out: Counter[date] = Counter()
    for ix in ixs:
        out[period(ix.opened_at.astimezone(cfg.timezone).date(), cfg.granularity)] += 1
    return dict(out)


def summary(ixs: list[Interaction], cfg: ReportConfig) -> dict[str, Any]:
    """The headline figures, naively."""
    hours = Counter(ix.opened_at.astimezone(cfg.timezone).hour for ix in ixs)
    return {
        "interactions": len(ixs),
        "csat": csat(ixs),
        "nps": nps(ixs),
        "ces": ces_mean(ixs),
        "fcr": fcr(ixs, cfg),
        "reopened": sum(1 for ix in ixs if reopen_times(ix)),
        "transferred": sum(
            1 for ix in ixs if any(isinstance(e, events.Transferred) for e in ix.events)
        ),
        "by_channel": dict(Counter(ix.channel for ix in ixs)),
        "by_hour": [hours.get(h, 0) for h in range(24)],
        "first_response_p90": nearest_rank(first_response_times(ixs, cfg), 90),
        "resolution_p50": nearest_rank(resolution_times(ixs, cfg), 50),
        "pareto": pareto(ixs, cfg),
        "at_risk": at_risk(ixs, cfg),
        "contacts_by_period": contacts_by_period(ixs, cfg),
    }
