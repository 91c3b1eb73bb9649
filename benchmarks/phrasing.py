"""Phrasing checker throughput: cxcore beside proselint and a bare regex pass, in one run.

Run ``python benchmarks/phrasing.py``. Builds about 1 MB of Korean and of English
service replies in about 2 KB messages from the labelled replies in
``tests/data/phrasing`` (flagged and clean ones, shuffled with a fixed seed), then
times, best of several repeats:

- ``cxcore``: one :class:`~cxcore.language.PhrasingChecker`, every message checked;
- ``re.findall(r"\\w+")`` over the same messages (the floor any tokenising pass pays);
- ``proselint`` (English only; skipped when it is not installed);
- the same cxcore run on twice the text, on one 5 MB text, and on 100,000 repeats
  of one character.

Timings depend on the machine; the ratios are what the table is for.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cxcore.language import PhrasingChecker

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "phrasing"
REPEATS = 5


def replies(locale: str) -> list[str]:
    out = []
    for name in ("dev.jsonl", "extra.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["locale"] == locale:
                out.append(item["text"])
    return out


def messages(locale: str, total_bytes: int, size: int = 2000, seed: int = 0) -> list[str]:
    """About ``total_bytes`` of UTF-8 text in messages of about ``size`` bytes."""
    rng = random.Random(seed)
    pool = replies(locale)
    out: list[str] = []
    used = 0
    while used < total_bytes:
        parts: list[str] = []
        length = 0
        while length < size:
            reply = rng.choice(pool)
            parts.append(reply)
            length += len(reply.encode("utf-8")) + 2
        text = "\n\n".join(parts)
        out.append(text)
        used += len(text.encode("utf-8"))
    return out


def best(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """The fastest of ``repeats`` runs, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def proselint_runner() -> Callable[[list[str]], object] | None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)

    def run(batch: list[str]) -> object:
        return [LintFile("<reply>", text).lint() for text in batch]

    return run


def main() -> None:
    rows: list[tuple[str, str, float, float, str]] = []
    checker = PhrasingChecker()
    lint = proselint_runner()
    for locale in ("ko", "en"):
        batch = messages(locale, 1_000_000)
        mb = sum(len(m.encode("utf-8")) for m in batch) / 1e6
        checker.check("warm up", locale=locale)
        t_cx = best(lambda: [checker.check(m, locale=locale) for m in batch])
        t_re = best(lambda: [re.findall(r"\w+", m) for m in batch])
        double = batch + messages(locale, 1_000_000, seed=1)
        t_cx2 = best(lambda: [checker.check(m, locale=locale) for m in double])
        findings = sum(len(checker.check(m, locale=locale)) for m in batch)
        rows.append((locale, "cxcore check", mb, t_cx, f"{findings} findings"))
        rows.append((locale, "re.findall(\\w+)", mb, t_re, f"cxcore = {t_cx / t_re:.1f}x"))
        rows.append((locale, "cxcore, 2x text", 2 * mb, t_cx2, f"{t_cx2 / t_cx:.2f}x the time"))
        if locale == "en":
            if lint is None:
                rows.append((locale, "proselint", mb, float("nan"), "not installed: skipped"))
            else:
                lint(batch[:2])  # compile its regexes
                t_pl = best(lambda: lint(batch), repeats=1)
                rows.append((locale, "proselint", mb, t_pl, f"cxcore is {t_pl / t_cx:.0f}x faster"))
        big = "\n\n".join(batch) * 5
        big = big[: len(big) * 5_000_000 // max(1, len(big.encode("utf-8")))]
        t_big = best(lambda: checker.check(big, locale=locale), repeats=2)
        rows.append((locale, "cxcore, one 5 MB text", len(big.encode()) / 1e6, t_big, ""))
        one = ("해" if locale == "ko" else "a") * 100_000
        t_one = best(lambda: checker.check(one, locale=locale), repeats=3)
        rows.append(
            (locale, "cxcore, 100,000 x one char", len(one.encode()) / 1e6, t_one, repr(one[0]))
        )
    print(f"# phrasing benchmark — Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, best of {REPEATS}")
    print()
    print("| locale | what | MB | seconds | MB/s | note |")
    print("|---|---|---:|---:|---:|---|")
    for locale, what, mb, seconds, note in rows:
        rate = mb / seconds if seconds == seconds and seconds > 0 else float("nan")
        print(f"| {locale} | {what} | {mb:.2f} | {seconds:.3f} | {rate:.1f} | {note} |")
    kiwi = kiwi_section()
    if kiwi:
        print()
        print(kiwi)


def kiwi_section() -> str:
    """Precision with and without the optional Kiwi analyser (skipped if not installed)."""
    try:
        from cxcore.language._kiwi import kiwi_available
    except ImportError:
        return ""
    if not kiwi_available():
        return "kiwipiepy is not installed: the analyser comparison is skipped."
    sys.path.insert(0, str(ROOT))
    from tests.oracles.phrasing_score import score_items

    lines = ["| set | analyser | precision | recall | F1 | clean FP | seconds |", "|---|---|---:|---:|---:|---:|---:|"]
    for name in ("dev.jsonl", "extra.jsonl"):
        items = [
            json.loads(line)
            for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["locale"] == "ko"
        ]
        for analyser in ("none", "kiwi"):
            checker = PhrasingChecker(analyser=None if analyser == "none" else analyser)

            def run(text: str, locale: str, checker: PhrasingChecker = checker) -> list[tuple[str, int, int]]:
                return [(f.category.value, f.start, f.end) for f in checker.check(text, locale=locale)]

            start = time.perf_counter()
            score = score_items(items, run)["ko"]
            seconds = time.perf_counter() - start
            lines.append(
                f"| {name} | {analyser} | {score.precision:.3f} | {score.recall:.3f} | "
                f"{score.f1:.3f} | {score.clean_fp:.3f} | {seconds:.2f} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
