"""The fast paths of the engine and checker report exactly what the plain algorithm does.

``_Reference`` runs a pack's automaton through the checking algorithm as it was
written before the hot path was tuned: every condition of every candidate in one
context call, hits resolved per category with one span map each and ordered by
``(start, end, category, rule id)``, every end-of-text length looked up, and each
finding built through ``Finding._trusted`` with its messages looked up per hit.
The tuned checker must give the same findings, field for field, on a large
deterministic corpus and on generated replies.
"""

from __future__ import annotations

import json
import pickle
import random
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cxcore.language import Finding, PhrasingChecker
from cxcore.language._checker import _CACHE, _catalog_language_of, _language, _messages
from cxcore.language._engine import (
    _AUXILIARY_STARTS,
    _EXCEPTION,
    _EXTEND_NEXT_WORD,
    _EXTEND_WORD,
    _MARKER,
    _MAX_EXTEND,
    _QUESTION,
    _RIGHT_END,
    _RIGHT_FINAL,
    _RULE,
    Compiled,
    _after,
    _cls,
    _ends_sentence,
    _final_before,
    _is_a_eo_form,
    _LazyMarkers,
    _next_word_end,
    _overlaps,
)
from cxcore.language._pack import Rule, packs_for
from cxcore.language._text import Prepared, prepare, to_key
from cxcore.testing import service_replies

DATA = Path(__file__).resolve().parents[1] / "data" / "phrasing"


def _word_start(norm: str, start: int) -> bool:
    if start == 0:
        return True
    before = norm[start - 1]
    if not (before.isalnum() or before == "_"):
        return True
    return _cls(before) != _cls(norm[start])


def _word_end(norm: str, end: int) -> bool:
    if end >= len(norm):
        return True
    after = norm[end]
    if not (after.isalnum() or after == "_"):
        return True
    return _cls(after) != _cls(norm[end - 1])


def _extend_left(norm: str, start: int) -> int:
    cls = _cls(norm[start])
    limit = max(0, start - _MAX_EXTEND)
    while start > limit and cls and _cls(norm[start - 1]) == cls:
        start -= 1
    return start


def _extend_right(norm: str, end: int) -> int:
    cls = _cls(norm[end - 1])
    limit = min(len(norm), end + _MAX_EXTEND)
    while end < limit and cls and _cls(norm[end]) == cls:
        end += 1
    return end


def _overlapping(taken: bytearray, start: int, end: int) -> bool:
    return taken.find(1, start, end) != -1


class _Reference:
    """The plain checking algorithm over a compiled pack's automaton and tables."""

    def __init__(self, compiled: Compiled) -> None:
        self.c = compiled

    def run(self, text: str) -> tuple[Prepared, list[tuple[int, int, Rule]]]:
        c = self.c
        prep = prepare(text, c.spacing)
        if c._empty or not prep.key:
            return prep, []
        key = prep.key
        automaton, scanned, width = c._scan(key)
        candidates = []
        exc_start: dict[int, list[int]] = defaultdict(list)
        exc_end: dict[int, list[int]] = defaultdict(list)
        marks: list[list[tuple[int, int]]] = [[] for _ in c.markers]
        mark_exc: list[list[tuple[int, int]]] = [[] for _ in c.markers]
        for end_index, values in automaton.iter(scanned):
            for role, index, spelled, size, pattern in values:
                first = end_index + 1 - spelled
                if first % width:
                    continue
                kstart = first // width
                kend = kstart + size
                if role == _RULE:
                    candidates.append((index, kstart, kend, pattern))
                elif role == _EXCEPTION:
                    exc_start[index].append(kstart)
                    exc_end[index].append(kend)
                elif role == _MARKER:
                    marks[index].append((kstart, kend))
                else:
                    mark_exc[index].append((kstart, kend))
        n = len(key.rstrip(" "))
        for length in c._end_lengths:
            if length > n:
                break
            start = n - length
            for ri, pattern in c._at_end.get(key[start:n], ()):
                if c._finals[ri] and not _final_before(key, start, c._finals[ri]):
                    continue
                candidates.append((ri, start, n, pattern))
        markers = _LazyMarkers(c, prep, marks, mark_exc, None)
        hits = []
        for ri, kstart, kend, pattern in candidates:
            starts = exc_start.get(ri)
            if starts is not None and _overlaps(starts, exc_end[ri], kstart, kend, c.max_len):
                continue
            if c._finals[ri] and not _final_before(key, kstart, c._finals[ri]):
                continue
            hit = self.check(ri, kstart, kend, pattern, prep=prep, markers=markers)
            if hit is not None:
                hits.append(hit)
        resolved = self.resolve(hits, len(prep.norm))
        out = sorted((s, e, c._groups[o], c.rules[o].id, o) for s, e, o in resolved)
        return prep, [(s, e, c.rules[o]) for s, e, _, _, o in out]

    def check(
        self,
        ri: int,
        kstart: int,
        kend: int,
        pattern: str,
        *,
        prep: Prepared,
        markers: _LazyMarkers,
    ) -> tuple[int, int, int, int] | None:
        c = self.c
        word_start, word_end, as_written, right, has_markers, extend_left, extend_right = c._flags[
            ri
        ]
        norm = prep.norm
        start, end = prep.span_to_norm(kstart, kend)
        if word_start and not _word_start(norm, start):
            return None
        if word_end and not _word_end(norm, end):
            return None
        if as_written and to_key(norm[start:end], "words") != to_key(pattern, "words"):
            return None
        if right:
            following = _after(norm, end)
            if right == _RIGHT_END:
                if following and not _ends_sentence(following):
                    return None
            elif right == _RIGHT_FINAL:
                if following and (following in ",，" or not _ends_sentence(following)):
                    return None
            elif following in _QUESTION:
                return None
        if has_markers:
            scope = c.rules[ri].context.scope
            sentence = -1 if scope == "before" else bisect_right(prep.sentences, start) - 1
            if any(markers.near(mi, scope, sentence, start) for mi in c._cleared[ri]):
                return None
            if not all(markers.near(mi, scope, sentence, start) for mi in c._required[ri]):
                return None
        if c._finals[ri]:
            prev = kstart - 1
            if prev > 0 and prep.key[prev] == " ":
                prev -= 1
            start = prep.key_to_norm(prev)
        if extend_left:
            start = _extend_left(norm, start)
            if (
                extend_left == 2
                and norm.startswith(_AUXILIARY_STARTS, start)
                and start >= 2
                and norm[start - 1] == " "
                and _is_a_eo_form(norm[start - 2])
            ):
                start = _extend_left(norm, start - 2)
        if extend_right == _EXTEND_WORD:
            end = _extend_right(norm, end)
        elif extend_right == _EXTEND_NEXT_WORD:
            new_end = _extend_right(norm, end)
            if new_end == end:
                new_end = _next_word_end(norm, end)
                if new_end == end:
                    return None
            parts = c.rules[ri].context.next_word_has
            if parts and not any(part in norm[end:new_end] for part in parts):
                return None
            end = new_end
        return (start - end, start, ri, end)

    def resolve(
        self, hits: list[tuple[int, int, int, int]], length: int
    ) -> list[tuple[int, int, int]]:
        rules, groups = self.c.rules, self.c._groups
        kept: dict[str, bytearray] = {}
        accepted = []
        for _, start, order, end in sorted(hits):
            taken = kept.setdefault(groups[order], bytearray(length))
            if _overlapping(taken, start, end):
                continue
            taken[start:end] = b"\x01" * (end - start)
            accepted.append((start, end, order))
        tops: dict[object, bytearray] = {}
        for start, end, order in accepted:
            for cat in rules[order].context.supersedes:
                tops.setdefault(cat, bytearray(length))[start:end] = b"\x01" * (end - start)
        out = []
        for start, end, order in accepted:
            rule = rules[order]
            found = tops.get(rule.category)
            if (
                found is not None
                and rule.category not in rule.context.supersedes
                and _overlapping(found, start, end)
            ):
                continue
            out.append((start, end, order))
        return out


def reference_check(
    text: str, *, locale: str, message_locale: str | None = None
) -> tuple[Finding, ...]:
    """What ``PhrasingChecker().check`` reports, by the plain algorithm."""
    language = _language(locale)
    msg_language = _catalog_language_of(message_locale or locale, "message_locale")
    findings = []
    packs = packs_for(language)
    for pack in packs:
        prep, hits = _Reference(_CACHE.get(pack, signals=False)).run(text)
        for norm_start, norm_end, rule in hits:
            start, end = prep.span_to_original(norm_start, norm_end)
            message, suggestions = _messages(rule, msg_language)
            assert rule.category is not None
            findings.append(
                Finding._trusted(
                    category=rule.category,
                    start=start,
                    end=end,
                    text=text[start:end],
                    rule_id=rule.id,
                    message=message,
                    suggestions=suggestions,
                    severity=rule.severity,
                )
            )
    assert len(packs) == 1  # the built-in packs: one per language, hits already in order
    return tuple(findings)


def _fields(findings: tuple[Finding, ...]) -> list[tuple[object, ...]]:
    return [
        (f.category, f.start, f.end, f.text, f.rule_id, f.message, f.suggestions, f.severity)
        for f in findings
    ]


ODD = [
    "  ",
    "   ",
    "\t",
    "\u3000",
    "e\u0301",
    "\u1100\u1161\u11a8",
    "\n> 인용된 줄입니다\n",
    "\n> quoted line\n",
    "<!-- cxcore: ignore -->안 됩니다<!-- cxcore: end -->",
    "<!-- cxcore: end -->",
    "\u2019",
    "`",
    "😀",
    "\r\n",
    "할  수  없어요",
    "~",
    "…",
    "?",
    "\n\n",
]


def _corpus(locale: str, size: int, seed: int) -> list[str]:
    """About ``size`` characters of messages of up to ~2 KB from the labelled replies,
    one in three seasoned with spacing, quoting, suppression, Unicode and emoji
    oddities; some start mid-word, half end without punctuation or mid-word."""
    pool = [
        item["text"]
        for name in ("dev.jsonl", "extra.jsonl", "extra2.jsonl")
        for item in map(json.loads, (DATA / name).read_text(encoding="utf-8").splitlines())
        if item["locale"] == locale
    ]
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    out: list[str] = []
    used = 0
    while used < size:
        parts = [rng.choice(pool) for _ in range(rng.randrange(1, 25))]
        text = rng.choice(["\n\n", " ", "\n"]).join(parts)
        if rng.random() < 1 / 3:
            words = text.split(" ")
            for _ in range(rng.randrange(1, 8)):
                words.insert(rng.randrange(len(words) + 1), rng.choice(ODD))
            text = " ".join(words)
        start = rng.random()
        if start < 0.2:
            text = text[rng.randrange(len(text)) :]  # start mid-word
        elif start < 0.35:
            text = rng.choice(["가", "x", "1", "_", "ᄀ"]) + text  # glued to the first word
        ending = rng.random()
        if ending < 0.25:
            text = text[: rng.randrange(1, len(text) + 1)]  # cut mid-word, mid-sentence
        elif ending < 0.5:
            text = text.rstrip(".!?~… \n")  # a last sentence without its punctuation
        out.append(text)
        used += len(text)
    return out


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_the_checker_reports_what_the_plain_algorithm_reports_on_a_large_corpus(
    locale: str,
) -> None:
    checker = PhrasingChecker()
    other = "en" if locale == "ko" else "ko"
    texts = _corpus(locale, 600_000, seed=7)
    findings = 0
    for i, text in enumerate(texts):
        message_locale = other if i % 5 == 0 else None
        got = checker.check(text, locale=locale, message_locale=message_locale)
        want = reference_check(text, locale=locale, message_locale=message_locale)
        assert _fields(got) == _fields(want), text
        assert got == want
        findings += len(got)
    assert findings > len(texts)  # a corpus dense with findings, not a vacuous pass


def test_the_corpus_reaches_the_collapsed_space_and_wide_character_paths() -> None:
    texts = _corpus("ko", 100_000, seed=7)
    preps = [prepare(t, "insensitive") for t in texts]
    assert any(len(p.seg_key) > 1 for p in preps)  # key and norm positions differ
    assert any(p.norm_starts is not None for p in preps)  # NFC changed the text
    assert any(not p.norm.replace("\n", "").isprintable() for p in preps)
    assert any(len(t.encode("utf-16-be", "surrogatepass")) > 2 * len(t) for t in texts)


def test_a_checker_with_filters_keeps_exactly_the_matching_findings() -> None:
    texts = _corpus("ko", 100_000, seed=11)
    checker = PhrasingChecker(categories=["negative-framing", "impolite"], min_severity="warning")
    kept = 0
    for text in texts:
        want = tuple(
            f
            for f in reference_check(text, locale="ko")
            if f.category.value in ("negative-framing", "impolite")
            and f.severity.value in ("warning", "error")
        )
        got = checker.check(text, locale="ko")
        assert got == want
        kept += len(got)
    assert kept > 0


@settings(max_examples=300)
@given(st.lists(service_replies("ko") | service_replies("en"), min_size=1, max_size=6))
def test_generated_replies_get_the_plain_algorithms_findings(replies: list[str]) -> None:
    text = "\n\n".join(replies)
    for locale in ("ko", "en"):
        assert _fields(PhrasingChecker().check(text, locale=locale)) == _fields(
            reference_check(text, locale=locale)
        )


def test_a_used_checker_pickles_without_its_per_rule_cache() -> None:
    checker = PhrasingChecker(message_locale="en")
    text = "안타깝게도 환불은 불가능합니다. 앱을 다시 설치하세요."
    found = checker.check(text, locale="ko")
    assert len(found) >= 2
    payload = pickle.dumps(checker)
    assert b"ko-" not in payload  # no rule (nor its id) travels with the checker
    assert pickle.loads(payload).check(text, locale="ko") == found
