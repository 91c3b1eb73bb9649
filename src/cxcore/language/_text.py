"""Preparing a text for matching: NFC, excluded regions, a matching key with an offset map.

The checker never matches the caller's string directly. It normalises it once
(NFC; quoted lines and suppressed regions blanked out character for
character), then derives the *key* the automaton scans: lower-cased Latin
letters, typographic apostrophes folded, and whitespace either removed
(``spacing = "insensitive"``, Korean: 할 수 없어요 and 할수없어요 give the same key)
or collapsed to one space (``spacing = "words"``, English). Every key position
maps back to the normalised text, and every normalised position to the
original, so findings always point at the caller's characters.

It deliberately does no morphological analysis: the rule packs spell out the
endings they mean (see ``expansions`` in the pack format), which keeps matching
literal, linear and dependency-free.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

import attrs

__all__ = ["FILLER", "Prepared", "hangul_final", "prepare", "to_key"]

#: Stands in for every character of an excluded region; no pattern contains it.
FILLER = "\x00"

_QUOTED = re.compile(r"(?m)^>.*$")
# Each \s* sits between literals, so a failed attempt costs at most the whitespace run
# it scanned, and runs scanned from different "<!--" starts do not overlap: linear.
_MARKER = re.compile(r"<!--[ \t]*cxcore:[ \t]*(ignore|end)[ \t]*-->")
_SENTENCE_END = re.compile(r"[.!?。…~]+(?=\s|$)|\n")
_WS_RUN = re.compile(r"\s+")
_MULTI_SPACE = re.compile(r" {2,}")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'", "`": "'"})
_WS_TO_SPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029"}
_WS_TO_SPACE.update(dict.fromkeys(range(8192, 8203), " "))
_WS_TO_SPACE.update({0x202F: " ", 0x205F: " ", 0x3000: " "})


def hangul_final(char: str) -> int:
    """The final-consonant index (0 = none, 8 = ㄹ, …) of a Hangul syllable, or -1."""
    code = ord(char) - 0xAC00
    if 0 <= code < 11172:
        return code % 28
    return -1


def _nfc(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """NFC text and, when it differs, each character's original start and end."""
    if unicodedata.is_normalized("NFC", text):
        return text, None, None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        # A cluster is a starter and what NFC may compose onto it: combining marks and
        # conjoining Hangul vowels/finals.
        while j < n and (
            unicodedata.combining(text[j])
            or "\u1160" <= text[j] <= "\u11ff"
            or "\ud7b0" <= text[j] <= "\ud7ff"
        ):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        pieces.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(pieces), starts, ends


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def to_key(text: str, spacing: str) -> str:
    """The key of a pattern: the same transformation :func:`prepare` applies to a text."""
    text = unicodedata.normalize("NFC", text)
    text = _lower(text).translate(_APOSTROPHES)
    if spacing == "insensitive":
        return _WS_RUN.sub("", text)
    return _WS_RUN.sub(" ", text).strip()


def _excluded(text: str) -> list[tuple[int, int]]:
    regions = [m.span() for m in _QUOTED.finditer(text)]
    open_at: int | None = None
    for m in _MARKER.finditer(text):
        if m.group(1) == "ignore":
            if open_at is None:
                open_at = m.start()
        elif open_at is not None:
            regions.append((open_at, m.end()))
            open_at = None
        else:
            regions.append(m.span())  # a stray end marker is not checked either
    if open_at is not None:
        regions.append((open_at, len(text)))
    regions.sort()
    return regions


@attrs.frozen(kw_only=True)
class Prepared:
    """A text ready for one automaton pass, with the maps back to the original."""

    original: str
    norm: str
    key: str
    norm_starts: list[int] | None  # norm index -> original start (None: identity)
    norm_ends: list[int] | None
    seg_key: list[int]  # key segment starts ...
    seg_norm: list[int]  # ... and where each starts in norm
    sentences: list[int]  # sentence start positions in norm

    def key_to_norm(self, k: int) -> int:
        """The norm index of key index ``k``."""
        idx = bisect_right(self.seg_key, k) - 1
        return self.seg_norm[idx] + (k - self.seg_key[idx])

    def span_to_norm(self, kstart: int, kend: int) -> tuple[int, int]:
        """The norm span of the key span ``[kstart, kend)`` (non-empty)."""
        return self.key_to_norm(kstart), self.key_to_norm(kend - 1) + 1

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the norm span ``[start, end)`` (non-empty)."""
        if self.norm_starts is None or self.norm_ends is None:
            return start, end
        return self.norm_starts[start], self.norm_ends[end - 1]

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence holding norm position ``pos``."""
        return bisect_right(self.sentences, pos) - 1


def prepare(text: str, spacing: str) -> Prepared:
    """Normalise ``text`` once for a pack with the given spacing mode."""
    norm, starts, ends = _nfc(text)
    regions = _excluded(norm)
    if regions:
        parts: list[str] = []
        pos = 0
        for region_start, region_end in regions:
            if region_end <= pos:
                continue
            begin = max(region_start, pos)
            parts.append(norm[pos:begin])
            parts.append(FILLER * (region_end - begin))
            pos = region_end
        parts.append(norm[pos:])
        norm = "".join(parts)
    low = _lower(norm).translate(_APOSTROPHES)
    seg_key = [0]
    seg_norm = [0]
    if spacing == "insensitive":
        pieces: list[str] = []
        pos = 0
        klen = 0
        for m in _WS_RUN.finditer(low):
            s, e = m.span()
            pieces.append(low[pos:s])
            klen += s - pos
            seg_key.append(klen)
            seg_norm.append(e)
            pos = e
        pieces.append(low[pos:])
        key = "".join(pieces)
    else:
        spaced = low.translate(_WS_TO_SPACE)
        if "  " in spaced:
            pieces = []
            pos = 0
            klen = 0
            for m in _MULTI_SPACE.finditer(spaced):
                s, e = m.span()
                pieces.append(spaced[pos : s + 1])
                klen += s + 1 - pos
                seg_key.append(klen)
                seg_norm.append(e)
                pos = e
            pieces.append(spaced[pos:])
            key = "".join(pieces)
        else:
            key = spaced
    sentences = [0]
    sentences.extend(m.end() for m in _SENTENCE_END.finditer(norm))
    return Prepared(
        original=text,
        norm=norm,
        key=key,
        norm_starts=starts,
        norm_ends=ends,
        seg_key=seg_key,
        seg_norm=seg_norm,
        sentences=sentences,
    )
