"""Charts of a report (the ``plot`` extra): SLA attainment over time and Pareto bars.

matplotlib is imported only when a chart is drawn, and only its object API is
used (``Figure``, never ``pyplot``), so drawing touches no global state. The
file type follows the path's suffix: ``.png`` or ``.svg``.
"""

from __future__ import annotations

import warnings
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel
from babel.dates import format_date

from cxcore._errors import ConfigError, CxcoreWarning, ValidationError
from cxcore._i18n import parse_locale, translate

from ._text import cause_label, metric_label

if TYPE_CHECKING:
    from ._report import Report

__all__ = ["plot_pareto", "plot_sla_attainment"]

DOMAIN = "cxcore-reporting"
_FORMATS = {".png": "png", ".svg": "svg"}
# Fonts with Hangul tried first; matplotlib falls back family by family, glyph by glyph.
_CJK_FAMILIES = (
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "NanumGothic",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "UnDotum",
)


def _(locale: babel.Locale, message: str, /, **params: object) -> str:
    return translate(DOMAIN, locale, message, **params)


def _matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise ConfigError(
            "charts need matplotlib, which is not installed; install the plot extra: "
            "pip install 'cxcore[plot]'"
        ) from None
    return matplotlib, Figure


def _target(path: object) -> tuple[Path, str]:
    if not isinstance(path, str | PathLike):
        raise ValidationError(f"path must be a str or os.PathLike (got {type(path).__name__})")
    p = Path(path)
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise ValidationError(f"path must end in .png or .svg (got {p.name!r})")
    return p, fmt


def _families(matplotlib: Any) -> list[str]:
    installed = {f.name for f in matplotlib.font_manager.fontManager.ttflist}
    return [name for name in _CJK_FAMILIES if name in installed] + ["DejaVu Sans"]


def _label_locale(loc: babel.Locale, matplotlib: Any) -> babel.Locale:
    """``loc``, or English when it needs Hangul and no font with Hangul is installed."""
    if loc.language == "ko" and len(_families(matplotlib)) == 1:
        warnings.warn(
            "no font with Hangul is installed, so the chart is labelled in English; install "
            "one (e.g. Noto Sans CJK KR: apt install fonts-noto-cjk) for Korean labels",
            CxcoreWarning,
            stacklevel=3,
        )
        return babel.Locale("en")
    return loc


def _rc(matplotlib: Any) -> dict[str, Any]:
    # A fixed salt makes SVG element ids, and so the bytes, the same for the same report.
    return {"font.family": _families(matplotlib), "svg.hashsalt": "cxcore-reporting"}


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def plot_sla_attainment(
    report: Report, path: str | PathLike[str], *, locale: str | babel.Locale
) -> Path:
    """Draw SLA attainment per trend period (overall and per metric) to ``path``.

    Needs a report built with an SLA policy; returns the path written.
    """
    loc = parse_locale(locale, "locale")
    target, fmt = _target(path)
    points = [p for p in report.trend if p.sla.total]
    if not points:
        raise ValidationError(
            "the report has no met or breached SLA cycles to plot; build it with "
            "ReportConfig(sla=policy, ...) over interactions with finished cycles"
        )
    matplotlib, figure_cls = _matplotlib()
    loc = _label_locale(loc, matplotlib)
    with matplotlib.rc_context(_rc(matplotlib)):
        fig = figure_cls(figsize=(9, 4.8), layout="constrained")
        ax = fig.add_subplot()
        xs = list(range(len(points)))
        labels = [format_date(p.period, "medium", locale=loc) for p in points]
        metrics = sorted({m for p in points for m, _rate in p.sla_by_metric})
        for metric in metrics:
            mx, my = [], []
            for x, point in zip(xs, points, strict=True):
                rate = dict(point.sla_by_metric).get(metric)
                if rate is not None and rate.value is not None:
                    mx.append(x)
                    my.append(float(rate.value))
            ax.plot(mx, my, marker="o", linewidth=1.2, label=metric_label(metric, loc))
        ax.plot(
            xs,
            [float(p.sla.value or 0) for p in points],
            color="black",
            linewidth=2.4,
            marker="s",
            label=_(loc, "all metrics"),
        )
        ax.set_ylim(0, 1.05)
        _percent_axis(ax.yaxis)
        step = max(1, len(xs) // 12)
        ax.set_xticks(xs[::step], labels[::step], rotation=30, ha="right")
        ax.set_ylabel(_(loc, "cycles met"))
        ax.set_title(_(loc, "SLA attainment by {period}", period=_period_word(report, loc)))
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="lower left", fontsize="small")
        fig.savefig(target, format=fmt, dpi=110, metadata=_metadata(fmt))
    return target


def _period_word(report: Report, loc: babel.Locale) -> str:
    words = {"day": _(loc, "day"), "week": _(loc, "week"), "month": _(loc, "month")}
    return words[report.config.granularity]


def _metadata(fmt: str) -> dict[str, Any]:
    # No creation date or version stamps: the same report draws the same bytes.
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    return {"Software": None}


def plot_pareto(
    report: Report, path: str | PathLike[str], *, locale: str | babel.Locale, limit: int = 15
) -> Path:
    """Draw the dissatisfaction Pareto chart (bars and cumulative line) to ``path``.

    Shows the ``limit`` largest causes; the vital few are highlighted and the
    threshold is drawn as a dashed line. Returns the path written.
    """
    loc = parse_locale(locale, "locale")
    target, fmt = _target(path)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValidationError(f"limit must be an int of at least 1 (got {limit!r})")
    pareto = report.pareto
    items = pareto.items[:limit]
    if not items:
        raise ValidationError(
            "the report has no dissatisfaction causes to plot (no low-score interaction "
            "with a tag or a survey reason)"
        )
    matplotlib, figure_cls = _matplotlib()
    loc = _label_locale(loc, matplotlib)
    with matplotlib.rc_context(_rc(matplotlib)):
        fig = figure_cls(figsize=(9, 4.8), layout="constrained")
        ax = fig.add_subplot()
        xs = list(range(len(items)))
        colors = ["#c0392b" if item.vital else "#95a5a6" for item in items]
        ax.bar(xs, [item.count for item in items], color=colors)
        ax.set_xticks(
            xs,
            [cause_label(item.kind, item.code, loc) for item in items],
            rotation=30,
            ha="right",
        )
        ax.set_ylabel(_(loc, "low-score interactions"))
        line = ax.twinx()
        line.plot(xs, [float(item.cumulative) for item in items], color="black", marker="o")
        line.axhline(float(pareto.threshold), color="black", linestyle="--", linewidth=0.8)
        line.set_ylim(0, 1.05)
        _percent_axis(line.yaxis)
        line.set_ylabel(_(loc, "cumulative share"))
        ax.set_title(
            _(
                loc,
                "Dissatisfaction causes: {count} vital few of {total}",
                count=len(pareto.vital_few),
                total=len(pareto.items),
            )
        )
        fig.savefig(target, format=fmt, dpi=110, metadata=_metadata(fmt))
    return target
