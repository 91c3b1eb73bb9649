"""Phrasing checker throughput: cxcore beside proselint and a bare regex pass, in one run.

Run ``python -m benchmarks.phrasing``. Builds about 1 MB of Korean and of English
service replies in about 2 KB messages from the labelled replies in
``tests/data/phrasing`` (flagged and clean ones, shuffled with a fixed seed), then
times, in interleaved rounds:

- ``cxcore``: one :class:`~cxcore.language.PhrasingChecker`, every message checked;
- ``re.findall(r"\\w+")`` over the same messages (the floor any tokenising pass pays);
- ``proselint`` (English only; skipped when it is not installed);
- the same cxcore run on twice the text, on one 5 MB text, and on 100,000 repeats
  of one character.

Times are CPU seconds of this process (``time.process_time``), so time spent
waiting for a core on a shared machine is not counted; each figure is the median
of the rounds, and each ratio is the median of the ratios measured within one
round, so a slow spell shifts both sides of a comparison together.

Timings depend on the machine; the ratios are what the table is for.
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Sibling benchmark scripts (calendar.py …) would shadow standard modules that peers import.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from cxcore.language import PhrasingChecker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "phrasing"
REPEATS = 9  # rounds; each runs every timed function once


def replies(locale: str, *, flagged: bool | None = None) -> list[str]:
    """The labelled replies of one language (only flagged or only clean ones if asked)."""
    out = []
    for name in ("dev.jsonl", "extra.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["locale"] == locale and (flagged is None or bool(item["expect"]) == flagged):
                out.append(item["text"])
    return out


def messages(
    locale: str,
    total_bytes: int,
    size: int = 2000,
    seed: int = 0,
    flagged_share: float | None = None,
) -> list[str]:
    """About ``total_bytes`` of UTF-8 text in messages of about ``size`` bytes.

    By default replies are drawn from all labelled replies (most of them flagged: a
    dense stress corpus); ``flagged_share`` draws that share from flagged replies
    and the rest from clean ones.
    """
    rng = random.Random(seed)
    pool = replies(locale)
    good, bad = replies(locale, flagged=False), replies(locale, flagged=True)
    out: list[str] = []
    used = 0
    while used < total_bytes:
        parts: list[str] = []
        length = 0
        while length < size:
            if flagged_share is None:
                reply = rng.choice(pool)
            else:
                reply = rng.choice(bad if rng.random() < flagged_share else good)
            parts.append(reply)
            length += len(reply.encode("utf-8")) + 2
        text = "\n\n".join(parts)
        out.append(text)
        used += len(text.encode("utf-8"))
    return out


def median_time(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """The median CPU time of ``repeats`` runs, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


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


def interleaved(
    fns: dict[str, Callable[[], object]], rounds: int = REPEATS
) -> dict[str, list[float]]:
    """The CPU times of each function over ``rounds`` rounds that run every function
    once, in an order that rotates from round to round.

    Interleaving keeps a slow spell on a shared machine from landing on one side only;
    rotating keeps any one function from always running first (or after another).
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for i in range(rounds):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            start = time.process_time()
            fns[name]()
            times[name].append(time.process_time() - start)
    return times


def ratio(times: dict[str, list[float]], a: str, b: str) -> tuple[float, float, float]:
    """The median, lowest and highest over the rounds of ``a``'s time over ``b``'s."""
    ratios = [x / y for x, y in zip(times[a], times[b], strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def measure(
    locale: str,
    checker: PhrasingChecker,
    lint: Callable[[list[str]], object] | None,
    flagged_share: float | None = None,
) -> list[tuple[str, str, float, float, str]]:
    """The table rows for one language and corpus."""
    rows = []
    batch = messages(locale, 1_000_000, flagged_share=flagged_share)
    double = batch + messages(locale, 1_000_000, seed=1, flagged_share=flagged_share)
    mb = sum(len(m.encode("utf-8")) for m in batch) / 1e6
    mb2 = sum(len(m.encode("utf-8")) for m in double) / 1e6
    quarter = batch[: len(batch) // 4]
    mb4 = sum(len(m.encode("utf-8")) for m in quarter) / 1e6
    checker.check("warm up", locale=locale)
    fns: dict[str, Callable[[], object]] = {
        "cx": lambda: [checker.check(m, locale=locale) for m in batch],
        "re": lambda: [re.findall(r"\w+", m) for m in batch],
        "cx2": lambda: [checker.check(m, locale=locale) for m in double],
    }
    if locale == "en" and lint is not None:
        lint(batch[:2])  # compile its regular expressions first
        fns["proselint"] = lambda: lint(quarter)
    times = interleaved(fns)
    t = {name: statistics.median(values) for name, values in times.items()}
    findings = sum(len(checker.check(m, locale=locale)) for m in batch)
    corpus = "labelled" if flagged_share is None else f"{flagged_share:.0%} flagged"
    label = f"{locale} ({corpus})"
    rows.append((label, "cxcore check", mb, t["cx"], f"{findings} findings"))
    mid, low, high = ratio(times, "cx", "re")
    rows.append(
        (
            label,
            "re.findall(\\w+)",
            mb,
            t["re"],
            f"cxcore takes {mid:.1f}x (rounds: {low:.1f}–{high:.1f}x)",
        )
    )
    mid, low, high = ratio(times, "cx2", "cx")
    rows.append(
        (
            label,
            "cxcore, 2x the text",
            mb2,
            t["cx2"],
            f"{mid:.2f}x the time (rounds: {low:.2f}–{high:.2f}x)",
        )
    )
    if "proselint" in fns:
        # proselint checks a quarter of the text: compare rates within each round
        speedups = [
            (mb / c) / (mb4 / p) for c, p in zip(times["cx"], times["proselint"], strict=True)
        ]
        note = (
            f"cxcore is {statistics.median(speedups):.0f}x faster "
            f"(rounds: {min(speedups):.0f}–{max(speedups):.0f}x)"
        )
        rows.append((label, "proselint", mb4, t["proselint"], note))
    elif locale == "en" and lint is None:
        rows.append((label, "proselint", mb, math.nan, "not installed: skipped"))
    if flagged_share is not None:
        return rows
    big = "\n\n".join(batch * 5)
    t_big = median_time(lambda: checker.check(big, locale=locale), repeats=3)
    rows.append((label, "cxcore, one 5 MB text", len(big.encode()) / 1e6, t_big, ""))
    one = ("해" if locale == "ko" else "a") * 100_000
    t_one = median_time(lambda: checker.check(one, locale=locale), repeats=5)
    rows.append((label, "cxcore, 100,000 x one char", len(one.encode()) / 1e6, t_one, repr(one[0])))
    return rows


def main() -> None:
    checker = PhrasingChecker()
    lint = proselint_runner()
    rows = []
    for locale in ("ko", "en"):
        rows += measure(locale, checker, lint)
        rows += measure(locale, checker, lint, flagged_share=0.2)
    print(
        f"# phrasing benchmark: Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, CPU seconds, median of {REPEATS} interleaved rounds"
    )
    print()
    print("| locale | what | MB | seconds | MB/s | note |")
    print("|---|---|---:|---:|---:|---|")
    for locale, what, size, seconds, note in rows:
        rate = size / seconds if not math.isnan(seconds) and seconds > 0 else math.nan
        print(f"| {locale} | {what} | {size:.2f} | {seconds:.3f} | {rate:.1f} | {note} |")
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

    lines = [
        "| set | analyser | precision | recall | F1 | clean FP | seconds |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name in ("dev.jsonl", "extra.jsonl"):
        items = [
            json.loads(line)
            for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["locale"] == "ko"
        ]
        for analyser in ("none", "kiwi"):
            checker = PhrasingChecker(analyser=None if analyser == "none" else analyser)

            def run(
                text: str, locale: str, checker: PhrasingChecker = checker
            ) -> list[tuple[str, int, int]]:
                return [
                    (f.category.value, f.start, f.end) for f in checker.check(text, locale=locale)
                ]

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
