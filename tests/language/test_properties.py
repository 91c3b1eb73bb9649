"""Laws of the checker over arbitrary Unicode, against brute-force oracles."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

from cxcore import CxcoreError
from cxcore.language import PhrasingChecker, RulePack, check, signals
from cxcore.language._text import prepare
from tests.oracles.phrasing_text import fold_char, key_of, leftmost_occurrences, nfc

DATA = Path(__file__).resolve().parents[1] / "data" / "phrasing"
SENTENCES = [
    json.loads(line)["text"]
    for name in ("dev.jsonl", "extra.jsonl")
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
ODD = [
    "\ud800",
    "\udfff",
    "\x00",
    "\u0301",
    "\u0308",
    "\u200f",
    "\u202e",
    "\u05d0\u05d1",
    "👍🏽",
    "🇰🇷",
    "ᄒ",
    "ᅡ",
    "ᆫ",
    "\u1100\u1161\u11a8",
    "> ",
    "\n>",
    "\n",
    " ",
    "  ",
    "\t",
    "'",
    "\u2019",
    "İ",
    "ß",
    "ﬁ",
    "<!-- cxcore: ignore -->",
    "<!-- cxcore: end -->",
    "\r\n",
]
fragments = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(ODD),
    st.text(st.characters(exclude_categories=()), max_size=8),
    st.text(alphabet="안됩니다할수없어요했어 .?!>\n", max_size=12),
)
texts = st.lists(fragments, max_size=8).map("".join)


@settings(max_examples=150)
@given(text=texts, locale=st.sampled_from(["ko", "en", "ko-KR", "en_US"]))
def test_every_span_points_at_the_original_characters(text: str, locale: str) -> None:
    try:
        findings = check(text, locale=locale)
        found_signals = signals(text, locale=locale)
    except CxcoreError:
        return
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
    for s in found_signals:
        assert text[s.start : s.end] == s.text
    keys = [(f.start, f.end, f.category.value) for f in findings]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@given(text=st.one_of(st.none(), st.binary(), st.integers(), st.lists(st.text())))
def test_anything_but_str_is_a_cxcore_error(text: object) -> None:
    try:
        check(text, locale="ko")  # type: ignore[arg-type]
    except CxcoreError:
        return
    raise AssertionError("non-str text was accepted")


@settings(max_examples=150)
@given(text=texts)
def test_key_is_the_folded_text_and_maps_back_character_by_character(text: str) -> None:
    prep = prepare(text, "insensitive")
    assert prep.key == key_of(prep.norm)
    for k, char in enumerate(prep.key):
        n = prep.key_to_norm(k)
        assert char == (
            " " if prep.norm[n].isspace() and prep.norm[n] != "\n" else fold_char(prep.norm[n])
        )
        start, end = prep.span_to_original(n, n + 1)
        piece = text[start:end]
        # the normalised character comes from exactly these original characters
        assert prep.norm[n] in nfc(piece) or prep.norm[n] == "\x00"


@given(text=st.text(st.characters(exclude_categories=()), max_size=30))
def test_normalised_text_is_the_nfc_text(text: str) -> None:
    if ">" in text or "<" in text:
        return  # quoted lines and markers are blanked: covered by the span law
    assert prepare(text, "words").norm == nfc(text)


LITERAL_PACK = {
    "pack": {"name": "lit", "locale": "en"},
    "rules": [
        {
            "id": "lit",
            "category": "jargon",
            "patterns": ["PLACEHOLDER"],
            "context": {"word_start": False, "word_end": False},
            "message": "m",
            "suggestions": ["e.g. x"],
            "examples": {"flagged": ["PLACEHOLDER"]},
        }
    ],
}


@settings(max_examples=200)
@given(
    pattern=st.text(alphabet="ab", min_size=1, max_size=4),
    text=st.text(alphabet="ab", max_size=40),
)
def test_a_literal_rule_finds_the_leftmost_non_overlapping_occurrences(
    pattern: str, text: str
) -> None:
    doc = json.loads(json.dumps(LITERAL_PACK).replace("PLACEHOLDER", pattern))
    checker = PhrasingChecker(rules=RulePack.from_dict(doc))
    found = [(f.start, f.end) for f in checker.check(text, locale="en")]
    assert found == leftmost_occurrences(text, pattern)


@settings(max_examples=80)
@given(body=st.sampled_from(SENTENCES), quoted=st.sampled_from(SENTENCES))
def test_prefixing_a_quoted_line_only_shifts_the_findings(body: str, quoted: str) -> None:
    if "\n" in quoted:
        quoted = quoted.replace("\n", " ")
    prefix = "> " + quoted + "\n"
    for locale in ("ko", "en"):
        plain = check(body, locale=locale)
        shifted = check(prefix + body, locale=locale)
        assert [(f.start + len(prefix), f.end + len(prefix), f.rule_id) for f in plain] == [
            (f.start, f.end, f.rule_id) for f in shifted
        ]


@settings(max_examples=80)
@given(body=st.sampled_from(SENTENCES))
def test_a_suppressed_reply_has_no_findings(body: str) -> None:
    text = "<!-- cxcore: ignore -->" + body + "<!-- cxcore: end -->"
    assert check(text, locale="ko") == ()
    assert check(text, locale="en") == ()
