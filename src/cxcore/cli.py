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
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 findings, 2 usage errors)."""
    out = stdout if stdout is not None else _safe(sys.stdout)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from ._demo import run_demo

        out.write(run_demo(locale=args.locale))
        return 0
    parser.print_help(out)
    return 2


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
