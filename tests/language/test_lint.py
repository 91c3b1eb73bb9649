"""run_lint (the engine of ``cxcore lint``): exit codes and the text, JSON and SARIF outputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cxcore.language._lint import run_lint

REPLY_KO = "안녕하세요.\n> 안타깝게도 환불은 불가능한가요?\n안타깝게도 환불은 불가능합니다.\n"
REPLY_EN = "Hi,\nWe cannot refund it.\n"


def _run(paths: list[str], stdin: str = "", **kwargs: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    options: dict[str, object] = {"locale": "ko", "fmt": "text"}
    options.update(kwargs)
    code = run_lint(
        paths,
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        **options,  # type: ignore[arg-type]
    )
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def reply(tmp_path: Path) -> Path:
    path = tmp_path / "reply.txt"
    path.write_text(REPLY_KO, encoding="utf-8")
    return path


def test_clean_input_exits_0_and_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("주문해 주셔서 감사합니다.\n", encoding="utf-8")
    assert _run([str(path)]) == (0, "", "")


def test_findings_exit_1_with_the_line_carets_and_first_suggestion(reply: Path) -> None:
    code, out, _ = _run([str(reply)])
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{reply}:3:1: warning [negative-framing] ko-regret-opener: ")
    assert lines[1] == "    안타깝게도 환불은 불가능합니다."
    # five wide syllables are ten terminal columns
    assert lines[2] == "    " + "^" * 10
    assert lines[3].startswith("    → ")
    second = lines.index(next(line for line in lines if ":3:11:" in line))
    # "안타깝게도 환불은 " is 8 wide syllables and 2 spaces: 18 columns
    assert lines[second + 2] == "    " + " " * 18 + "^" * 12


def test_json_lists_findings_with_file_line_and_column(reply: Path) -> None:
    code, out, _ = _run([str(reply)], fmt="json")
    assert code == 1
    records = json.loads(out)
    assert [(r["line"], r["column"], r["end_column"], r["text"]) for r in records] == [
        (3, 1, 6, "안타깝게도"),
        (3, 11, 17, "불가능합니다"),
    ]
    assert all(r["file"] == str(reply) for r in records)
    assert {"category", "severity", "rule_id", "message", "suggestions"} <= set(records[0])
    start = records[1]["start"]
    assert REPLY_KO[start : records[1]["end"]] == "불가능합니다"


def test_sarif_is_2_1_0_with_rules_results_and_code_point_regions(reply: Path) -> None:
    code, out, _ = _run([str(reply)], fmt="sarif")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) >= 24
    assert {"ko-regret-opener", "ko-impossible"} <= {r["id"] for r in rules}
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["ko-regret-opener", "ko-impossible"]
    first = results[0]
    assert first["level"] == "warning"
    assert first["message"]["text"]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == str(reply)
    assert location["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 6,
        "charOffset": REPLY_KO.index("안타깝게도 환불은 불가능합니다"),
        "charLength": 5,
        "snippet": {"text": "안타깝게도"},
    }


def test_stdin_is_read_for_dash_or_no_path() -> None:
    code, out, _ = _run(["-"], stdin=REPLY_EN, locale="en", fmt="json")
    assert code == 1
    assert json.loads(out)[0]["file"] == "-"
    assert _run([], stdin=REPLY_EN, locale="en", fmt="json")[0] == 1
    sarif = json.loads(_run([], stdin=REPLY_EN, locale="en", fmt="sarif")[1])
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "stdin"


def test_min_severity_and_message_locale_are_passed_through(reply: Path) -> None:
    _, out, _ = _run([str(reply)], fmt="json", message_locale="en")
    assert json.loads(out)[0]["message"].startswith("A regret opener")
    code, out, _ = _run([str(reply)], fmt="json", min_severity="error")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    ("paths", "options", "words"),
    [
        (["/nonexistent/reply.txt"], {}, "cannot read"),
        (["REPLY"], {"locale": "fr"}, "no phrasing rules"),
        (["REPLY"], {"fmt": "xml"}, "unknown format"),
        (["REPLY"], {"min_severity": "loud"}, "min_severity"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    reply: Path, paths: list[str], options: dict[str, object], words: str
) -> None:
    paths = [str(reply) if p == "REPLY" else p for p in paths]
    code, out, err = _run(paths, **options)
    assert code == 2
    assert out == ""
    assert words in err


def test_a_file_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = _run([str(path)])
    assert code == 2
    assert "UTF-8" in err


def test_several_files_are_reported_in_order(tmp_path: Path, reply: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("다시 설치하세요.\n", encoding="utf-8")
    code, out, _ = _run([str(reply), str(other)], fmt="json")
    assert code == 1
    assert [r["file"] for r in json.loads(out)] == [str(reply), str(reply), str(other)]
