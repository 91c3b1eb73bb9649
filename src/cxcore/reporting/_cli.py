"""``cxcore report``: a report over a JSON Lines file of interactions (the CLI edge).

Each line is one interaction as written by :meth:`cxcore.Interaction.to_dict`.
The file is streamed: one line is parsed, added and dropped at a time. A bad
line stops the run with its line number (exit status 2). With the ``cli``
extra (tqdm) installed, ``progress=True`` draws a progress bar on ``stderr``.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import IO, Any, TextIO

from cxcore._errors import CxcoreError, ValidationError
from cxcore._i18n import parse_locale
from cxcore._interaction import Interaction
from cxcore._time import require_aware

from ._config import ReportConfig
from ._report import Report

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_OUTPUT", "PROGRESS_DELAY", "run_report"]

EXIT_OK = 0
EXIT_OUTPUT = 1
EXIT_INPUT = 2
#: Seconds a run must last before its progress bar appears, so small files print none.
PROGRESS_DELAY = 1.0


class _BadLineError(Exception):
    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")


def _parse_at(value: object) -> datetime:
    if isinstance(value, datetime):
        return require_aware(value, "at")
    if not isinstance(value, str):
        raise ValidationError(f"at must be an ISO 8601 datetime with an offset (got {value!r})")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"at: {value!r} is not an ISO 8601 datetime; write e.g. 2026-03-31T18:00:00+09:00"
        ) from None
    if parsed.utcoffset() is None:
        raise ValidationError(
            f"at: {value!r} has no UTC offset; write it with one, e.g. 2026-03-31T18:00:00+09:00"
        )
    return parsed


def _progress_bar(enabled: bool, total: int | None, stderr: TextIO) -> Any:
    if not enabled:
        return None
    try:
        tqdm = importlib.import_module("tqdm").tqdm
    except ImportError:
        return None
    return tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        file=stderr,
        desc="report",
        leave=False,
        delay=PROGRESS_DELAY,
    )


def _interactions(stream: IO[bytes] | IO[str], source: str, bar: Any) -> Iterator[Interaction]:
    lines: Iterable[bytes | str] = stream
    for number, raw in enumerate(lines, start=1):
        if bar is not None:
            bar.update(len(raw))
        if isinstance(raw, str):
            text = raw
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _BadLineError(source, number, "the line is not UTF-8") from None
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise _BadLineError(source, number, f"invalid JSON: {exc}") from None
        try:
            yield Interaction.from_dict(data)
        except CxcoreError as exc:
            raise _BadLineError(source, number, str(exc)) from None


def run_report(
    path_or_dash: str | PathLike[str],
    *,
    policy_path: str | PathLike[str] | None,
    timezone: str,
    at: str | datetime,
    locale: str,
    fmt: str = "text",
    output: str | PathLike[str] | None = None,
    progress: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
) -> int:
    """Build a report over a JSON Lines file (``"-"``: standard input) and write it.

    Returns the exit status: 0 on success, 2 for bad input or arguments (the
    message, with the line number for a bad line, goes to ``stderr``), 1 when
    the output cannot be written. ``stdin`` (for ``"-"``) may be a binary or a
    text stream. With ``progress`` and tqdm installed, a bar appears on
    ``stderr`` once a run has lasted :data:`PROGRESS_DELAY` seconds.
    """
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    try:
        if fmt not in ("text", "json"):
            raise ValidationError(f"format must be 'text' or 'json' (got {fmt!r})")
        loc = parse_locale(locale, "locale")
        policy = None
        if policy_path is not None:
            from cxcore.sla import SlaPolicy

            policy = SlaPolicy.load(policy_path)
        config = ReportConfig(
            at=_parse_at(at), timezone=timezone, sla=policy, calendar=_calendar_of(policy)
        )
    except CxcoreError as exc:
        print(f"cxcore report: {exc}", file=err)
        return EXIT_INPUT

    dash = str(path_or_dash) == "-"
    source = "<stdin>" if dash else str(path_or_dash)
    try:
        if dash:
            stream: IO[bytes] | IO[str] = stdin if stdin is not None else sys.stdin.buffer
            total = None
        else:
            stream = Path(path_or_dash).open("rb")  # noqa: SIM115 - closed below
            total = Path(path_or_dash).stat().st_size
    except OSError as exc:
        print(f"cxcore report: cannot read {source}: {exc.strerror or exc}", file=err)
        return EXIT_INPUT
    bar = _progress_bar(progress, total, err)
    try:
        report = Report.build(_interactions(stream, source, bar), config=config)
    except _BadLineError as exc:
        print(f"cxcore report: {exc}", file=err)
        return EXIT_INPUT
    except CxcoreError as exc:
        print(f"cxcore report: {source}: {exc}", file=err)
        return EXIT_INPUT
    finally:
        if bar is not None:
            bar.close()
        if not dash:
            stream.close()

    if fmt == "json":
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    else:
        text = report.summary(locale=loc)
    if output is None:
        print(text, file=out)
        return EXIT_OK
    try:
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"cxcore report: cannot write {output}: {exc.strerror or exc}", file=err)
        return EXIT_OUTPUT
    return EXIT_OK


def _calendar_of(policy: Any) -> Any:
    """Response and resolution times use the policy's calendar when it has one."""
    return None if policy is None else policy.calendar
