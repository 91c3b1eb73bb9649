"""``cxcore lint`` and ``cxcore report`` wired through the command line."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cxcore import Customer, Interaction, events
from cxcore.cli import main


def test_lint_exits_1_with_findings_and_0_when_clean(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("안타깝게도 환불은 불가능합니다.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("확인해 보니 결제에는 문제가 없습니다.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["lint", "--locale", "ko", str(bad)], stdout=out, stderr=out) == 1
    assert "negative-framing" in out.getvalue()
    assert main(["lint", "--locale", "ko", str(good)], stdout=io.StringIO()) == 0


def test_lint_reads_stdin_and_writes_sarif() -> None:
    out = io.StringIO()
    code = main(
        ["lint", "--locale", "en", "--format", "sarif", "-"],
        stdout=out,
        stdin=io.StringIO("Unfortunately, we can't refund digital orders.\n"),
    )
    assert code == 1
    sarif = json.loads(out.getvalue())
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]}


def test_lint_usage_errors_exit_2(tmp_path: Path) -> None:
    err = io.StringIO()
    missing = str(tmp_path / "missing.txt")
    assert main(["lint", "--locale", "ko", missing], stdout=io.StringIO(), stderr=err) == 2
    assert (
        main(
            ["lint", "--locale", "xx", "-"],
            stdout=io.StringIO(),
            stderr=err,
            stdin=io.StringIO("hi"),
        )
        == 2
    )


def test_report_over_json_lines(tmp_path: Path) -> None:
    t0 = datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Asia/Seoul"))
    lines = []
    for n, score in enumerate((5, 2, 4)):
        ix = Interaction.open(id=f"T-{n}", channel="chat", at=t0, customer=Customer(id=f"c-{n}"))
        ix = ix.record_all(
            [
                events.CustomerMessage(at=t0, text="문의드립니다."),
                events.AgentReply(at=t0 + timedelta(minutes=10), agent="a-1", text="네"),
                events.StatusChanged(at=t0 + timedelta(hours=1), status="solved"),
                events.SurveyAnswered(at=t0 + timedelta(hours=2), survey="csat", score=score),
            ]
        )
        lines.append(json.dumps(ix.to_dict(), ensure_ascii=False))
    path = tmp_path / "ix.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    argv = [
        "report",
        str(path),
        "--timezone",
        "Asia/Seoul",
        "--at",
        "2026-03-04T00:00:00+09:00",
        "--locale",
        "en",
        "--format",
        "json",
        "--no-progress",
    ]
    assert main(argv, stdout=out, stderr=out) == 0
    assert json.loads(out.getvalue())
    text = io.StringIO()
    assert main([*argv[:-3], "--format", "text", "--no-progress"], stdout=text, stderr=text) == 0
    assert "67" in text.getvalue() or "66" in text.getvalue()  # CSAT 2 of 3
