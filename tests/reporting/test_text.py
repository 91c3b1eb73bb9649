"""The localised summary: Babel numbers and durations, complete Korean and English catalogs."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from cxcore import Customer, Interaction, ValidationError, events
from cxcore.reporting import Report, ReportConfig
from cxcore.sla import SlaPolicy
from tests.conftest import ROOT

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=SEOUL)
H = timedelta(hours=1)
SOURCES = ("_text.py", "_plot.py")


def sample_report() -> Report:
    items = []
    for i, (score, delay) in enumerate([(5, 1), (4, 2), (1, 3), (2, 30)]):
        ix = Interaction.open(
            id=f"T-{i}", channel="chat", at=T0, customer=Customer(id=f"c-{i}", tier="vip")
        )
        ix = ix.record_all(
            [
                events.Tagged(at=T0, tag="refund"),
                events.AgentReply(at=T0 + delay * H, agent="a", text="네"),
                events.StatusChanged(at=T0 + (delay + 1) * H, status="solved"),
                events.SurveyAnswered(
                    at=T0 + (delay + 2) * H, survey="csat", score=score, reason="slow"
                ),
                events.SurveyAnswered(at=T0 + (delay + 2) * H, survey="nps", score=score * 2),
            ]
        )
        items.append(ix)
    policy = SlaPolicy.from_dict(
        {"name": "p", "targets": [{"metric": "first_response", "within": "2h"}]}
    )
    cfg = ReportConfig(at=T0 + 20 * 24 * H, timezone=SEOUL, sla=policy, signals="skip")
    return Report.build(items, config=cfg)


def test_english_summary_reads_the_figures() -> None:
    text = sample_report().summary(locale="en")
    assert "Report at Mar 22, 2026, 9:00:00\u202fAM (Asia/Seoul), interactions: 4" in text
    assert "CSAT (4–5 of 5): 50.0% (2 of 4)" in text
    # nps scores 10, 8, 2, 4: one promoter, two detractors -> -25
    assert "NPS: -25.0 (promoters: 1, detractors: 2, answers: 4)" in text
    # replies after 1, 2, 3 and 30 hours: median rank 2 -> 2 hours, p90 rank 4 -> 30 hours
    assert "First response time: median 2 hours, 90th percentile 1 day" in text
    assert "SLA attainment, first response: 50.0% (2 of 4)" in text
    assert "Busiest channel: chat (4); busiest hour: 09:00 (4)" in text
    assert "At-risk customers: 2" in text


def test_korean_summary_is_fully_translated() -> None:
    text = sample_report().summary(locale="ko-KR")
    assert "2026. 3. 22. 오전 9:00:00 (Asia/Seoul) 기준 보고서: 문의 4건" in text
    assert "CSAT (5점 중 4–5점): 50.0% (4건 중 2건)" in text
    assert "첫 응답 시간: 중앙값 2시간" in text
    assert "SLA 준수율, 첫 응답: 50.0% (4건 중 2건)" in text
    for english in ("interactions", "median", "answers", "measured", "SLA attainment"):
        assert english not in text


def test_an_unsupported_language_falls_back_to_english() -> None:
    assert sample_report().summary(locale="fr").startswith("Report at")


def test_a_bad_locale_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="locale"):
        sample_report().summary(locale="")


def _catalog(language: str) -> dict[str, str]:
    po = ROOT / "src/cxcore/locale" / language / "LC_MESSAGES/cxcore-reporting.po"
    with po.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def _msgids() -> set[str]:
    found = set()
    for name in SOURCES:
        path = Path(ROOT / "src/cxcore/reporting" / name)
        for _lineno, message, _comments, _context in extract_from_file(
            "python", path, keywords={"_": (2,)}
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_message_is_in_the_catalog_and_translated(language: str) -> None:
    catalog = _catalog(language)
    used = _msgids()
    assert used <= set(catalog)
    assert all(catalog[msgid] for msgid in used)


def test_translations_keep_every_placeholder() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for msgid, msgstr in _catalog("ko").items():
        assert fields(msgid) == fields(msgstr), msgid
