"""``cxcore lint``: check reply files with the phrasing rules; text, JSON or SARIF 2.1.0 output.

Not public API: the CLI calls :func:`run_lint`. Lines and columns are 1-based and
count Unicode code points (SARIF ``columnKind: "unicodeCodePoints"``), so a
Korean syllable is one column; the text format's carets account for wide
characters so they line up in a terminal.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

from cxcore._errors import CxcoreError
from cxcore._i18n import message_locale as _message_language

from ._checker import PhrasingChecker, _language, _messages, _registered
from ._types import Finding, Severity

__all__ = ["FORMATS", "run_lint"]

FORMATS = ("text", "json", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.INFO: "note", Severity.WARNING: "warning", Severity.ERROR: "error"}


def _tool_version() -> str:
    try:
        return version("cxcore")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0"


class _UsageError(Exception):
    pass


def _read(path: str, stdin: TextIO) -> tuple[str, str]:
    """The (label, text) of one input; ``-`` is standard input."""
    if path == "-":
        return "-", stdin.read()
    try:
        return path, Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _UsageError(f"cannot read {path}: not UTF-8 text") from None
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


class _Lines:
    """Line and column (1-based, code points) of offsets in one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _record(label: str, lines: _Lines, f: Finding) -> dict[str, Any]:
    line, column = lines.position(f.start)
    end_line, end_column = lines.position(f.end)
    return {
        "file": label,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "category": f.category.value,
        "severity": f.severity.value,
        "rule_id": f.rule_id,
        "message": f.message,
        "suggestions": list(f.suggestions),
    }


def _text_report(records: list[dict[str, Any]], lines_of: dict[str, _Lines]) -> str:
    out = []
    for r in records:
        lines = lines_of[r["file"]]
        source = lines.line_text(r["line"])
        end_col = r["end_column"] if r["end_line"] == r["line"] else len(source) + 1
        pad = _width(source[: r["column"] - 1])
        marks = max(1, _width(source[r["column"] - 1 : end_col - 1]))
        out.append(
            f"{r['file']}:{r['line']}:{r['column']}: {r['severity']} "
            f"[{r['category']}] {r['rule_id']}: {r['message']}"
        )
        out.append(f"    {source}")
        out.append(f"    {' ' * pad}{'^' * marks}")
        if r["suggestions"]:
            out.append(f"    → {r['suggestions'][0]}")
    return "\n".join(out) + ("\n" if out else "")


def _sarif(records: list[dict[str, Any]], language: str, message_locale: str) -> dict[str, Any]:
    checker_rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for pack in _registered(language):
        for rule in pack.rules:
            if rule.id in index:
                continue
            index[rule.id] = len(checker_rules)
            message, suggestions = _messages(rule, message_locale)
            checker_rules.append(
                {
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": {"text": message},
                    "help": {"text": "\n".join(suggestions)},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                    "properties": {
                        "category": rule.category.value if rule.category else "",
                        "pack": pack.name,
                    },
                }
            )
    results = [
        {
            "ruleId": r["rule_id"],
            "ruleIndex": index.get(r["rule_id"], -1),
            "level": _SARIF_LEVEL[Severity(r["severity"])],
            "message": {"text": r["message"]},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "stdin" if r["file"] == "-" else r["file"]},
                        "region": {
                            "startLine": r["line"],
                            "startColumn": r["column"],
                            "endLine": r["end_line"],
                            "endColumn": r["end_column"],
                            "charOffset": r["start"],
                            "charLength": r["end"] - r["start"],
                            "snippet": {"text": r["text"]},
                        },
                    }
                }
            ],
            "properties": {"category": r["category"], "suggestions": r["suggestions"]},
        }
        for r in records
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cxcore lint",
                        "version": _tool_version(),
                        "informationUri": "https://github.com/cxcore/cxcore",
                        "rules": checker_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def run_lint(
    argv_paths: Sequence[str],
    *,
    locale: str,
    fmt: str = "text",
    min_severity: str | None = None,
    message_locale: str | None = None,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO | None = None,
) -> int:
    """Check each file (``-`` or no path: standard input); print findings in ``fmt``.

    Returns 0 when every file is clean, 1 when there are findings and 2 on a
    usage error (unreadable file, unknown locale or format, bad severity).
    """
    errors = stderr if stderr is not None else stdout
    try:
        if fmt not in FORMATS:
            raise _UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        checker = PhrasingChecker(min_severity=min_severity)
        language = _language(locale)
        _registered(language)
        chosen = message_locale if message_locale is not None else locale
        msg_language = _message_language(chosen, "message_locale")
        paths = list(argv_paths) or ["-"]
        records: list[dict[str, Any]] = []
        lines_of: dict[str, _Lines] = {}
        for path in paths:
            label, text = _read(path, stdin)
            lines = lines_of[label] = _Lines(text)
            records.extend(
                _record(label, lines, finding)
                for finding in checker.check(text, locale=locale, message_locale=msg_language)
            )
    except (_UsageError, CxcoreError) as exc:
        errors.write(f"cxcore lint: {exc}\n")
        return 2
    if fmt == "text":
        stdout.write(_text_report(records, lines_of))
    elif fmt == "json":
        stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(
            json.dumps(_sarif(records, language, msg_language), ensure_ascii=False, indent=2) + "\n"
        )
    return 1 if records else 0
