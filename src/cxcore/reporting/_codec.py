"""Reports as JSON-safe plain data: the reporting package's one serialisation edge."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._report import Report

__all__ = ["report_to_dict", "zone_name"]


def zone_name(zone: tzinfo) -> str:
    """The IANA name of ``zone`` when it has one, else its ``str``."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else str(zone)


def report_to_dict(report: Report) -> dict[str, Any]:
    """Every figure of ``report`` as plain data."""
    cfg = report.config
    sla_rows = []
    for key, rate in report.sla_attainment(by=("metric", "priority", "channel", "team")).items():
        metric, priority, channel, team = key
        sla_rows.append(
            {"metric": metric, "priority": priority, "channel": channel, "team": team}
            | rate.to_dict()
        )
    return {
        "at": cfg.at.isoformat(),
        "timezone": zone_name(cfg.timezone),
        "granularity": cfg.granularity,
        "interactions": report.interactions,
        "csat": report.csat.to_dict(),
        "nps": report.nps.to_dict(),
        "ces": report.ces.to_dict(),
        "fcr": report.fcr.to_dict()
        | {
            "pending": report.fcr_pending,
            "within_seconds": cfg.fcr.within.total_seconds(),
            "follow_ups": cfg.fcr.follow_ups,
        },
        "reopen_rate": report.reopen_rate.to_dict() | {"reopens": report.reopens},
        "transfer_rate": report.transfer_rate.to_dict() | {"transfers": report.transfers},
        "first_response_time": report.first_response_time.to_dict(),
        "resolution_time": report.resolution_time.to_dict(),
        "volume": {
            "by_channel": dict(report.volume_by_channel),
            "by_hour": list(report.volume_by_hour),
        },
        "sla_attainment": {
            "by_metric": {k[0]: r.to_dict() for k, r in report.sla_attainment().items()},
            "rows": sla_rows,
        },
        "trend": [point.to_dict() for point in report.trend],
        "pareto": report.pareto.to_dict(),
        "at_risk": [customer.to_dict() for customer in report.at_risk],
    }
