"""``run_report``: JSON Lines in, a text or JSON report out, bad lines named by number."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cxcore import Customer, Interaction, events
from cxcore.reporting import Report, ReportConfig, _cli
from cxcore.reporting._cli import run_report
from cxcore.sla import SlaPolicy

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=SEOUL)
AT = "2026-03-31T18:00:00+09:00"


def sample(n: int = 6) -> list[Interaction]:
    out = []
    for i in range(n):
        ix = Interaction.open(
            id=f"T-{i}",
            channel=("email", "chat")[i % 2],
            at=T0 + timedelta(hours=i),
            customer=Customer(id=f"c-{i % 3}", locale="ko-KR"),
        )
        ix = ix.record_all(
            [
                events.AgentReply(at=T0 + timedelta(hours=i, minutes=20 * i), agent="a", text="네"),
                events.StatusChanged(at=T0 + timedelta(hours=i + 3), status="solved"),
                events.SurveyAnswered(
                    at=T0 + timedelta(hours=i + 4), survey="csat", score=1 + i % 5, reason="slow"
                ),
            ]
        )
        out.append(ix)
    return out


def write_jsonl(path: Path, items: list[Interaction]) -> Path:
    path.write_text(
        "".join(json.dumps(ix.to_dict(), ensure_ascii=False) + "\n" for ix in items),
        encoding="utf-8",
    )
    return path


def run(*args: object, **kwargs: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    kwargs.setdefault("policy_path", None)
    kwargs.setdefault("timezone", "Asia/Seoul")
    kwargs.setdefault("at", AT)
    kwargs.setdefault("locale", "en")
    code = run_report(*args, stdout=out, stderr=err, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_json_output_equals_the_library_report(tmp_path: Path) -> None:
    items = sample()
    path = write_jsonl(tmp_path / "ix.jsonl", items)
    code, out, err = run(path, fmt="json")
    assert (code, err) == (0, "")
    expected = Report.build(
        items, config=ReportConfig(at=datetime.fromisoformat(AT), timezone="Asia/Seoul")
    )
    assert json.loads(out) == json.loads(json.dumps(expected.to_dict()))


def test_text_output_in_korean(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ix.jsonl", sample())
    code, out, _ = run(path, locale="ko-KR")
    assert code == 0
    assert "기준 보고서: 문의 6건" in out


def test_policy_file_adds_sla_attainment(tmp_path: Path) -> None:
    policy = {"name": "p", "targets": [{"metric": "first_response", "within": "30m"}]}
    policy_path = tmp_path / "policy.json"
    policy_path.write_text(json.dumps(policy), encoding="utf-8")
    path = write_jsonl(tmp_path / "ix.jsonl", sample())
    code, out, _ = run(path, policy_path=policy_path, fmt="json")
    assert code == 0
    # replies after 0, 20, 40, 60, 80, 100 minutes: two within 30 minutes
    by_metric = json.loads(out)["sla_attainment"]["by_metric"]
    assert by_metric["first_response"]["count"] == 2
    assert by_metric["first_response"]["total"] == 6
    assert SlaPolicy.load(policy_path).name == "p"


def test_a_short_run_draws_no_progress_bar(tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    path = write_jsonl(tmp_path / "ix.jsonl", sample(3))
    code, _, err = run(path, fmt="json", progress=True)
    assert (code, err) == (0, "")


def test_stdin_may_be_a_text_stream(tmp_path: Path) -> None:
    text = write_jsonl(tmp_path / "ix.jsonl", sample(2)).read_text(encoding="utf-8")
    code, out, _ = run("-", fmt="json", stdin=io.StringIO(text + "{oops\n"))
    assert code == 2
    code, out, _ = run("-", fmt="json", stdin=io.StringIO(text))
    assert code == 0
    assert json.loads(out)["interactions"] == 2


def test_output_file_and_stdin(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "ix.jsonl", sample()).read_bytes()
    target = tmp_path / "out.json"
    code, out, _ = run("-", fmt="json", output=target, stdin=io.BytesIO(data))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["interactions"] == 6


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ix.jsonl", sample(2))
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    code, out, _ = run(path, fmt="json")
    assert code == 0
    assert json.loads(out)["interactions"] == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "ix.jsonl:3: invalid JSON"),
        ('{"id": "T-9"}', "ix.jsonl:3: the document needs the key 'channel'"),
        ("[1, 2]", "ix.jsonl:3: expected a table/object"),
    ],
)
def test_a_bad_line_is_reported_with_its_number(tmp_path: Path, line: str, message: str) -> None:
    path = write_jsonl(tmp_path / "ix.jsonl", sample(2))
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    code, out, err = run(path)
    assert code == 2
    assert out == ""
    assert message in err


def test_a_bad_event_names_the_line_and_the_event(tmp_path: Path) -> None:
    doc = sample(1)[0].to_dict()
    doc["events"][0]["at"] = "yesterday"
    (tmp_path / "ix.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    code, _, err = run(tmp_path / "ix.jsonl")
    assert code == 2
    assert "ix.jsonl:1: events[0].at" in err


def test_a_non_utf8_line_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "ix.jsonl").write_bytes(b"\xff\xfe\n")
    code, _, err = run(tmp_path / "ix.jsonl")
    assert code == 2
    assert "ix.jsonl:1: the line is not UTF-8" in err


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"at": "2026-03-31T18:00:00"}, "has no UTC offset"),
        ({"at": "tomorrow"}, "is not an ISO 8601 datetime"),
        ({"timezone": "Seoul"}, "unknown time zone"),
        ({"locale": "zz-ZZ"}, "not a known locale"),
        ({"fmt": "xml"}, "format must be 'text' or 'json'"),
        ({"policy_path": "missing.toml"}, "cannot read the file"),
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, kwargs: dict[str, object], message: str) -> None:
    path = write_jsonl(tmp_path / "ix.jsonl", sample(1))
    code, _, err = run(path, **kwargs)
    assert code == 2
    assert message in err


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "nope.jsonl")
    assert code == 2
    assert "cannot read" in err


def test_an_unwritable_output_exits_1(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ix.jsonl", sample(1))
    code, _, err = run(path, output=tmp_path / "no" / "such" / "dir.txt")
    assert code == 1
    assert "cannot write" in err


def test_progress_bar_goes_to_stderr_when_tqdm_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr(_cli, "PROGRESS_DELAY", 0)
    path = write_jsonl(tmp_path / "ix.jsonl", sample(3))
    code, out, err = run(path, fmt="json", progress=True)
    assert code == 0
    assert json.loads(out)["interactions"] == 3
    assert "report" in err


def test_without_tqdm_the_output_is_plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # makes `import tqdm` fail
    path = write_jsonl(tmp_path / "ix.jsonl", sample(3))
    code, out, err = run(path, fmt="json", progress=True)
    assert (code, err) == (0, "")
    assert json.loads(out)["interactions"] == 3
