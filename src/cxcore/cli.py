"""The ``cxcore`` command: ``demo``, ``lint`` and ``report``.

The CLI is an edge: it reads files and prints; everything it shows comes from
the pure library underneath.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__

__all__ = ["main"]


def _safe(stream: TextIO) -> TextIO:
    """``stream``, set to escape what its encoding cannot show instead of failing."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")
    return stream


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxcore",
        description="Customer-interaction logic: SLA clocks, escalation and service phrasing.",
    )
    parser.add_argument("--version", action="version", version=f"cxcore {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="walk through a Korean refund inquiry, step by step")
    demo.add_argument(
        "--locale", choices=("en", "ko"), default="en", help="language of the walk-through"
    )
    lint = sub.add_parser(
        "lint",
        help="check agent replies for service phrasing (exit 1 when there are findings)",
    )
    lint.add_argument("paths", nargs="*", metavar="FILE", help="files to check; - or none: stdin")
    lint.add_argument("--locale", required=True, help="language of the text, e.g. ko or en")
    lint.add_argument("--format", dest="fmt", choices=("text", "json", "sarif"), default="text")
    lint.add_argument("--min-severity", choices=("info", "warning", "error"), default=None)
    lint.add_argument(
        "--message-locale", default=None, help="language of messages (default: --locale)"
    )
    report = sub.add_parser("report", help="a service report over interactions in JSON Lines")
    report.add_argument(
        "path", metavar="FILE.jsonl", help="one Interaction.to_dict per line; -: stdin"
    )
    report.add_argument("--sla", dest="policy_path", default=None, help="SLA policy (TOML/JSON)")
    report.add_argument(
        "--timezone", required=True, help="IANA zone for days, weeks and hours, e.g. Asia/Seoul"
    )
    report.add_argument("--at", required=True, help="the report's moment, ISO 8601 with offset")
    report.add_argument("--locale", required=True, help="language of the text summary")
    report.add_argument("--format", dest="fmt", choices=("text", "json"), default="text")
    report.add_argument("-o", "--output", default=None, help="write here instead of stdout")
    report.add_argument(
        "--no-progress", dest="progress", action="store_false", help="no progress bar"
    )
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 findings, 2 usage errors)."""
    out = stdout if stdout is not None else _safe(sys.stdout)
    err = stderr if stderr is not None else _safe(sys.stderr)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from ._demo import run_demo

        out.write(run_demo(locale=args.locale))
        return 0
    if args.command == "lint":
        from .language._lint import run_lint

        return run_lint(
            args.paths,
            locale=args.locale,
            fmt=args.fmt,
            min_severity=args.min_severity,
            message_locale=args.message_locale,
            stdin=stdin if stdin is not None else sys.stdin,
            stdout=out,
            stderr=err,
        )
    if args.command == "report":
        from .reporting._cli import run_report

        return run_report(
            args.path,
            policy_path=args.policy_path,
            timezone=args.timezone,
            at=args.at,
            locale=args.locale,
            fmt=args.fmt,
            output=args.output,
            progress=args.progress,
            stdout=out,
            stderr=err,
            stdin=stdin,
        )
    parser.print_help(out)
    return 2


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
