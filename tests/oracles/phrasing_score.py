"""Scoring of phrasing findings exactly as data/phrasing/CATEGORIES.md defines it.

A finding matches an expected span when the category is the same, the spans share at
least one character, and the finding is tight: no longer than
max(2 * len(expected), len(expected) + 12). Pairs are one to one, largest overlap first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class Score:
    """Counts for one locale."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    clean_items: int = 0
    clean_flagged: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def clean_fp(self) -> float:
        return self.clean_flagged / self.clean_items if self.clean_items else 0.0


def tight(found: tuple[int, int], expected: tuple[int, int]) -> bool:
    """Whether a finding is short enough to stand for the expected span."""
    exp_len = expected[1] - expected[0]
    return found[1] - found[0] <= max(2 * exp_len, exp_len + 12)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(
    found: Sequence[tuple[str, int, int]], expected: Sequence[tuple[str, int, int]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (index into found, index into expected), largest overlap first."""
    candidates = []
    for i, (fc, fs, fe) in enumerate(found):
        for j, (ec, es, ee) in enumerate(expected):
            size = overlap((fs, fe), (es, ee))
            if fc == ec and size > 0 and tight((fs, fe), (es, ee)):
                candidates.append((-size, i, j))
    candidates.sort()
    used_f: set[int] = set()
    used_e: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_f and j not in used_e:
            used_f.add(i)
            used_e.add(j)
            pairs.append((i, j))
    return pairs


def score_item(
    score: Score,
    item_id: str,
    found: Sequence[tuple[str, int, int]],
    expected: Sequence[tuple[str, int, int]],
) -> None:
    """Add one item's outcome to ``score``."""
    pairs = match(found, expected)
    score.tp += len(pairs)
    score.fp += len(found) - len(pairs)
    score.fn += len(expected) - len(pairs)
    if not expected:
        score.clean_items += 1
        if found:
            score.clean_flagged += 1
    if len(pairs) != len(found) or len(pairs) != len(expected):
        score.misses.append(f"{item_id}: found={list(found)} expected={list(expected)}")


def score_items(items: Iterable[dict[str, object]], run: object) -> dict[str, Score]:
    """Score every item with ``run(text, locale) -> [(category, start, end)]``, per locale."""
    out: dict[str, Score] = {}
    for item in items:
        locale = str(item["locale"])
        expected = [
            (str(e["category"]), int(e["start"]), int(e["end"]))  # type: ignore[index]
            for e in item["expect"]  # type: ignore[attr-defined]
        ]
        found = run(str(item["text"]), locale)  # type: ignore[operator]
        score_item(out.setdefault(locale, Score()), str(item["id"]), found, expected)
    return out
