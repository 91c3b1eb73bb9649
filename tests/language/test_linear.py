"""Cost is linear in the text and independent of the number of rules: shown by counting work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxcore.language import PhrasingChecker, RulePack, check
from cxcore.language._engine import Compiled, Stats
from cxcore.language._pack import rule_packs

DATA = Path(__file__).resolve().parents[1] / "data" / "phrasing"
BLOBS = {}
for name in ("dev.jsonl", "extra.jsonl"):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        BLOBS.setdefault(item["locale"], []).append(item["text"])
TEXT = {loc: "\n".join(texts) + "\n" for loc, texts in BLOBS.items()}


def _stats(text: str, locale: str, checker: PhrasingChecker | None = None) -> Stats:
    stats = Stats()
    (checker or PhrasingChecker()).check(text, locale=locale, _stats=stats)
    return stats


def _work(stats: Stats) -> int:
    return stats.matches + stats.checks + stats.window_chars


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_twice_the_text_is_twice_the_work(locale: str) -> None:
    one = _stats(TEXT[locale] * 4, locale)
    two = _stats(TEXT[locale] * 8, locale)
    assert two.key_chars == 2 * one.key_chars
    assert abs(_work(two) - 2 * _work(one)) <= 0.01 * _work(two)


@pytest.mark.parametrize("locale", ["ko", "en"])
@pytest.mark.parametrize("char", ["해", "안", "a", " ", "\n", ">", "ㅋ", ".", "'", "\u0301", "다"])
def test_100000_repeats_of_one_character_cost_a_bounded_amount_per_character(
    locale: str, char: str
) -> None:
    text = char * 100_000
    stats = _stats(text, locale)
    findings = check(text, locale=locale)
    assert all(text[f.start : f.end] == f.text for f in findings)
    # one automaton step per spelled character (two per code point for a UTF-16 spelled
    # pack), and a bounded number of outputs and checks per character
    assert stats.key_chars <= 2 * len(text)
    assert _work(stats) <= 40 * len(text)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_five_megabytes_cost_a_bounded_amount_per_character(locale: str) -> None:
    unit = TEXT[locale]
    text = unit * (5_000_000 // len(unit.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 5_000_000
    stats = _stats(text, locale)
    unit_stats = _stats(unit, locale)
    repeats = len(text) // len(unit)
    assert stats.key_chars == repeats * unit_stats.key_chars
    assert _work(stats) <= repeats * _work(unit_stats) * 1.01 + 100


def test_work_does_not_grow_with_the_number_of_rules() -> None:
    base = rule_packs.get("ko")()
    extra = RulePack.from_dict(
        {
            "pack": {"name": "many", "locale": "ko", "spacing": "insensitive"},
            "rules": [
                {
                    "id": f"never-{i}",
                    "category": "jargon",
                    "patterns": [f"쀍쀍{i}쀍"],
                    "message": "m",
                    "suggestions": ["e.g. x"],
                    "examples": {"flagged": [f"쀍쀍{i}쀍"]},
                }
                for i in range(2000)
            ],
        }
    )
    text = TEXT["ko"] * 3
    small = Stats()
    Compiled(base).run(text, small)
    big_pack = type(base)(
        name="big",
        locale="ko",
        spacing="insensitive",
        rules=base.rules + extra.rules,
        markers=base.markers,
    )
    big = Stats()
    Compiled(big_pack).run(text, big)
    # 2000 more rules that never match add no step, output or check
    assert (big.key_chars, big.matches, big.checks, big.window_chars) == (
        small.key_chars,
        small.matches,
        small.checks,
        small.window_chars,
    )
