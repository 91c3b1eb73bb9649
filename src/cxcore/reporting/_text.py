"""The localised text summary of a report (Babel numbers, percentages, durations; gettext)."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

import babel
from babel.dates import format_datetime, format_timedelta
from babel.numbers import format_decimal, format_percent

from cxcore._i18n import parse_locale, translate

from ._codec import zone_name
from ._figures import Durations, Rate

if TYPE_CHECKING:
    from ._report import Report

__all__ = ["metric_label", "reason_label", "summary"]

DOMAIN = "cxcore-reporting"

#: How many at-risk customers and causes the summary lists.
_LIST_LIMIT = 5


def _(locale: babel.Locale, message: str, /, **params: object) -> str:
    return translate(DOMAIN, locale, message, **params)


def metric_label(metric: str, locale: babel.Locale) -> str:
    """The localised name of an SLA metric."""
    labels = {
        "first_response": _(locale, "first response"),
        "next_response": _(locale, "next response"),
        "periodic_update": _(locale, "periodic update"),
        "resolution": _(locale, "resolution"),
    }
    return labels.get(metric, metric)


def reason_label(kind: str, locale: babel.Locale) -> str:
    """The localised name of an at-risk reason."""
    labels = {
        "low_score": _(locale, "low score"),
        "repeat_contacts": _(locale, "repeat contacts"),
        "churn_risk": _(locale, "churn risk"),
        "frustration": _(locale, "frustration"),
        "open_breach": _(locale, "open SLA breach"),
    }
    return labels.get(kind, kind)


def cause_label(kind: str, code: str, locale: babel.Locale) -> str:
    """A Pareto cause as text: ``tag refund`` / ``reason late-delivery``."""
    if kind == "tag":
        return _(locale, "tag {code}", code=code)
    return _(locale, "reason {code}", code=code)


def percent(value: Fraction | None, locale: babel.Locale) -> str:
    """A share as a localised percentage with one decimal, or "n/a"."""
    if value is None:
        return _(locale, "n/a")
    return format_percent(float(value), format="#,##0.0%", locale=locale)


def _number(value: Fraction | None, locale: babel.Locale) -> str:
    if value is None:
        return _(locale, "n/a")
    return format_decimal(float(value), format="#,##0.0", locale=locale)


def _duration(value: timedelta | None, locale: babel.Locale) -> str:
    if value is None:
        return _(locale, "n/a")
    return format_timedelta(value, threshold=1.0, format="long", locale=locale)


def _rate_line(label: str, rate: Rate, locale: babel.Locale) -> str:
    return _(
        locale,
        "{label}: {value} ({count} of {total})",
        label=label,
        value=percent(rate.value, locale),
        count=format_decimal(rate.count, locale=locale),
        total=format_decimal(rate.total, locale=locale),
    )


def _time_line(label: str, durations: Durations, locale: babel.Locale) -> str:
    return _(
        locale,
        "{label}: median {median}, 90th percentile {p90} (measured: {count})",
        label=label,
        median=_duration(durations.median, locale),
        p90=_duration(durations.percentile(90), locale),
        count=format_decimal(durations.count, locale=locale),
    )


def summary(report: Report, locale_value: object) -> str:
    """Several lines of text describing ``report`` in ``locale_value`` (negotiated)."""
    loc = parse_locale(locale_value, "locale")
    cfg = report.config

    def num(n: int) -> str:
        return format_decimal(n, locale=loc)

    lines = [
        _(
            loc,
            "Report at {at} ({zone}), interactions: {count}",
            at=format_datetime(cfg.at, "medium", tzinfo=cfg.timezone, locale=loc),
            zone=zone_name(cfg.timezone),
            count=num(report.interactions),
        )
    ]
    lines.append(_rate_line(_(loc, "CSAT (4–5 of 5)"), report.csat, loc))
    nps = report.nps
    lines.append(
        _(
            loc,
            "NPS: {score} (promoters: {promoters}, detractors: {detractors}, answers: {total})",
            score=_number(nps.score, loc),
            promoters=num(nps.promoters),
            detractors=num(nps.detractors),
            total=num(nps.total),
        )
    )
    ces = report.ces
    lines.append(
        _(
            loc,
            "CES: mean {mean} (answers: {total})",
            mean=_number(ces.mean, loc),
            total=num(ces.total),
        )
    )
    lines.append(_rate_line(_(loc, "First-contact resolution"), report.fcr, loc))
    lines.append(
        _(
            loc,
            "  (window {window}, follow-ups {follow_ups}; {pending} still within the window)",
            window=_duration(cfg.fcr.within, loc),
            follow_ups=_(loc, "count") if cfg.fcr.follow_ups == "count" else _(loc, "ignored"),
            pending=num(report.fcr_pending),
        )
    )
    lines.append(_rate_line(_(loc, "Reopened"), report.reopen_rate, loc))
    lines.append(_rate_line(_(loc, "Transferred"), report.transfer_rate, loc))
    lines.append(_time_line(_(loc, "First response time"), report.first_response_time, loc))
    lines.append(_time_line(_(loc, "Resolution time"), report.resolution_time, loc))
    if cfg.sla is not None:
        for (metric,), rate in report.sla_attainment().items():
            label = _(loc, "SLA attainment, {metric}", metric=metric_label(str(metric), loc))
            lines.append(_rate_line(label, rate, loc))
    channels = report.volume_by_channel
    if channels:
        hours = report.volume_by_hour
        busiest = max(range(24), key=lambda h: (hours[h], -h))
        lines.append(
            _(
                loc,
                "Busiest channel: {channel} ({count}); busiest hour: {hour}:00 ({hour_count})",
                channel=channels[0][0],
                count=num(channels[0][1]),
                hour=f"{busiest:02d}",
                hour_count=num(hours[busiest]),
            )
        )
    pareto = report.pareto
    if pareto.items:
        vital = pareto.vital_few
        lines.append(
            _(
                loc,
                "Vital few dissatisfaction causes (reaching {threshold}): {causes}",
                threshold=percent(pareto.threshold, loc),
                causes=", ".join(
                    f"{cause_label(i.kind, i.code, loc)} {percent(i.share, loc)}"
                    for i in vital[:_LIST_LIMIT]
                ),
            )
        )
    at_risk = report.at_risk
    lines.append(_(loc, "At-risk customers: {count}", count=num(len(at_risk))))
    for customer in at_risk[:_LIST_LIMIT]:
        reasons = ", ".join(
            f"{reason_label(r.kind.value, loc)} ×{num(r.count)}" for r in customer.reasons
        )
        lines.append(f"  {customer.customer_id} ({customer.tier}): {reasons}")
    return "\n".join(lines)
