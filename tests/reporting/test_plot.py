"""Charts (the plot extra): SLA attainment over time and the Pareto chart, PNG and SVG."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cxcore import ConfigError, Customer, CxcoreWarning, Interaction, ValidationError, events
from cxcore.reporting import Report, ReportConfig, plot_pareto, plot_sla_attainment
from cxcore.sla import SlaPolicy

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=SEOUL)
POLICY = SlaPolicy.from_dict(
    {
        "name": "p",
        "targets": [
            {"metric": "first_response", "within": "1h"},
            {"metric": "resolution", "within": "1d"},
        ],
    }
)


def report() -> Report:
    items = []
    causes = ["refund", "refund", "refund", "delivery", "delivery", "bug", "price"]
    for i in range(28):
        start = T0 + timedelta(days=i % 14, hours=i % 5)
        ix = Interaction.open(
            id=f"T-{i}", channel="chat", at=start, customer=Customer(id=f"c-{i % 9}")
        )
        ix = ix.record_all(
            [
                events.AgentReply(at=start + timedelta(minutes=15 * (i % 7)), agent="a", text="네"),
                events.StatusChanged(at=start + timedelta(hours=3 + 5 * (i % 6)), status="solved"),
                events.SurveyAnswered(
                    at=start + timedelta(hours=40),
                    survey="csat",
                    score=1 + i % 5,
                    reason=causes[i % len(causes)],
                ),
            ]
        )
        items.append(ix)
    cfg = ReportConfig(at=T0 + timedelta(days=20), timezone=SEOUL, sla=POLICY, signals="skip")
    return Report.build(items, config=cfg)


def test_charts_are_written_as_png_and_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    r = report()
    png = plot_sla_attainment(r, tmp_path / "sla.png", locale="en")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = plot_pareto(r, tmp_path / "pareto.svg", locale="en")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    assert "reason refund" in text
    pareto_png = plot_pareto(r, tmp_path / "pareto.png", locale="en")
    assert pareto_png.stat().st_size > 1000


def test_the_same_report_draws_the_same_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    r = report()
    a = plot_pareto(r, tmp_path / "a.svg", locale="en").read_bytes()
    b = plot_pareto(r, tmp_path / "b.svg", locale="en").read_bytes()
    assert a == b


def test_chart_arguments_are_checked(tmp_path: Path) -> None:
    r = report()
    with pytest.raises(ValidationError, match=r"\.png or \.svg"):
        plot_pareto(r, tmp_path / "chart.pdf", locale="en")
    with pytest.raises(ValidationError, match="limit"):
        plot_pareto(r, tmp_path / "chart.png", locale="en", limit=0)
    empty = Report.empty(r.config)
    with pytest.raises(ValidationError, match="no met or breached SLA cycles"):
        plot_sla_attainment(empty, tmp_path / "chart.png", locale="en")
    with pytest.raises(ValidationError, match="no dissatisfaction causes"):
        plot_pareto(empty, tmp_path / "chart.png", locale="en")


def test_without_matplotlib_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ConfigError, match=r"pip install 'cxcore\[plot\]'"):
        plot_pareto(report(), tmp_path / "chart.png", locale="en")
    assert not (tmp_path / "chart.png").exists()


def test_korean_labels_need_a_hangul_font(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from cxcore.reporting._plot import _CJK_FAMILIES, _families, _matplotlib

    matplotlib, _figure = _matplotlib()
    has_hangul = any(name in _CJK_FAMILIES for name in _families(matplotlib))
    path = tmp_path / "pareto.svg"
    if has_hangul:
        plot_pareto(report(), path, locale="ko")
        assert "누적 비율" in path.read_text(encoding="utf-8")
    else:
        with pytest.warns(CxcoreWarning, match="no font with Hangul"):
            plot_pareto(report(), path, locale="ko")
        assert "cumulative share" in path.read_text(encoding="utf-8")
