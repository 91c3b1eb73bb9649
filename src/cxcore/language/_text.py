"""Preparing a text for matching: NFC, excluded regions, a matching key with an offset map.

The checker never matches the caller's string directly. It normalises it once
(NFC; quoted lines and suppressed regions blanked out character for
character), then derives the *key* the automaton scans: lower-cased, typographic
apostrophes folded, line breaks kept and every other run of whitespace turned
into one space. Spacing variants are handled on the pattern side: a pack with
``spacing = "insensitive"`` (Korean) compiles each space of a pattern as
optional, so 할 수 없어요, 할수 없어요 and 할수없어요 are all keys of one
pattern. Every key position maps back to the normalised text, and every
normalised position to the original, so findings always point at the caller's
characters. In the common case (NFC text, no double spaces) both maps are the
identity and cost nothing.

It deliberately does no morphological analysis: the rule packs spell out the
endings they mean (see ``expansions`` in the pack format), which keeps matching
literal, linear and dependency-free.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

__all__ = ["FILLER", "Prepared", "hangul_final", "prepare", "space_variants", "to_key"]

#: Stands in for every character of an excluded region; no pattern contains it.
FILLER = "\x00"

_QUOTED = re.compile(r"(?m)^>.*$")
# Each \s* sits between literals, so a failed attempt costs at most the whitespace run
# it scanned, and runs scanned from different "<!--" starts do not overlap: linear.
_MARKER = re.compile(r"<!--[ \t]*cxcore:[ \t]*(ignore|end)[ \t]*-->")
_SENTENCE_CHAR = re.compile("[.!?。…~\n]")
_WS_RUN = re.compile(r"\s+")
_MULTI_SPACE = re.compile(r"( {2,})")  # the group keeps the runs in re.split's output
_APOSTROPHE_CHARS = ("\u2019", "\u2018", "\u02bc", "\uff07", "`")
_HAS_APOSTROPHE = re.compile("[" + "".join(_APOSTROPHE_CHARS) + "]")
# every whitespace character but the line break becomes a plain space in "words" mode
_WS_TO_SPACE = {cp: " " for cp in range(0x3001) if chr(cp).isspace() and chr(cp) not in " \n"}
_HAS_ODD_SPACE = re.compile("[^\\S \\n]")
_HAS_ODD = re.compile("[" + "".join(_APOSTROPHE_CHARS) + "]|[^\\S \\n]")
_ASCII_ODD_SPACES = tuple(c for c in map(chr, range(128)) if c.isspace() and c not in " \n")


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


def _has_odd_space(text: str) -> bool:
    """Whether ``text`` has whitespace other than spaces and line breaks."""
    if text.isascii():  # a few substring scans beat a regex pass over ASCII text
        return any(c in text for c in _ASCII_ODD_SPACES)
    return _HAS_ODD_SPACE.search(text) is not None


def _may_need_folds(key: str) -> bool:
    """False when ``key`` has neither a typographic apostrophe nor odd whitespace.

    Every whitespace character but the space is unprintable, so two C-level passes
    settle the common case several times faster than one regex pass.
    """
    return not key.replace("\n", "").isprintable() or any(map(key.__contains__, _APOSTROPHE_CHARS))


def _fold(text: str) -> str:
    """Lower-case (length-preserving) and fold typographic apostrophes to ``'``."""
    low = _lower(text)
    if "`" in low or (not low.isascii() and _HAS_APOSTROPHE.search(low)):
        for quote in _APOSTROPHE_CHARS:
            low = low.replace(quote, "'")
    return low


def to_key(text: str, spacing: str) -> str:
    """The key of a pattern: folded, whitespace collapsed to single spaces.

    ``spacing`` is accepted for symmetry with :func:`prepare`; both modes key a
    pattern the same way (an ``"insensitive"`` pack makes each space optional
    when it compiles, see :func:`space_variants`).
    """
    del spacing
    return _WS_RUN.sub(" ", _fold(unicodedata.normalize("NFC", text))).strip()


def space_variants(key: str) -> list[str]:
    """Every spelling of ``key`` with each of its spaces kept or dropped."""
    parts = key.split(" ")
    out = [parts[0]]
    for part in parts[1:]:
        out = [v + sep + part for v in out for sep in (" ", "")]
    return out


def _excluded(text: str) -> list[tuple[int, int]]:
    # a substring test is far cheaper than a regex pass, and most replies have neither
    regions = [m.span() for m in _QUOTED.finditer(text)] if ">" in text else []
    if "<!--" not in text:
        return regions
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


class Prepared:
    """A text ready for one automaton pass, with the maps back to the original."""

    __slots__ = (
        "_sentences",
        "key",
        "norm",
        "norm_ends",
        "norm_starts",
        "original",
        "seg_key",
        "seg_norm",
    )

    def __init__(
        self,
        *,
        original: str,
        norm: str,
        key: str,
        norm_starts: list[int] | None,
        norm_ends: list[int] | None,
        seg_key: list[int],
        seg_norm: list[int],
    ) -> None:
        self.original = original
        self.norm = norm  # NFC, excluded regions blanked with FILLER
        self.key = key  # what the automaton scans
        self.norm_starts = norm_starts  # norm index -> original start (None: identity)
        self.norm_ends = norm_ends
        self.seg_key = seg_key  # key segment starts ...
        self.seg_norm = seg_norm  # ... and where each starts in norm
        self._sentences: list[int] | None = None

    @property
    def sentences(self) -> list[int]:
        """Sentence start positions in norm (computed on first use)."""
        if self._sentences is None:
            norm = self.norm
            n = len(norm)
            found = [0]
            # a line break, or sentence punctuation followed by whitespace or the end
            # (a filter over one character class beats a lookahead regex by half)
            for m in _SENTENCE_CHAR.finditer(norm):
                end = m.end()
                if end == n or norm[end - 1] == "\n" or norm[end].isspace():
                    found.append(end)
            self._sentences = found
        return self._sentences

    def key_to_norm(self, k: int) -> int:
        """The norm index of key index ``k``."""
        if len(self.seg_key) == 1:
            return k
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


def _collapse(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with every run of spaces cut to one, and the segment maps back."""
    parts = _MULTI_SPACE.split(text)  # text, run, text, run, ..., text
    pieces: list[str] = []
    for i, part in enumerate(parts):
        pieces.append(part if i % 2 == 0 else " ")
    key = "".join(pieces)
    starts_key = list(accumulate(map(len, pieces), initial=0))[0::2]
    starts_norm = list(accumulate(map(len, parts), initial=0))[0::2]
    return key, starts_key, starts_norm


def prepare(text: str, spacing: str) -> Prepared:
    """Normalise ``text`` once for a pack with the given spacing mode.

    Line breaks stay in the key (an expression does not run across lines); other
    whitespace becomes one plain space. ``spacing`` only matters when patterns
    compile (optional spaces for ``"insensitive"`` packs).
    """
    del spacing
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
    key = _lower(norm)
    if key.isascii():
        if "`" in key:
            key = key.replace("`", "'")
        if _has_odd_space(key):
            key = key.translate(_WS_TO_SPACE)
    elif _may_need_folds(key) and _HAS_ODD.search(key):
        for quote in _APOSTROPHE_CHARS:
            key = key.replace(quote, "'")
        if _HAS_ODD_SPACE.search(key):
            key = key.translate(_WS_TO_SPACE)
    seg_key = [0]
    seg_norm = [0]
    if "  " in key:
        key, seg_key, seg_norm = _collapse(key)
    return Prepared(
        original=text,
        norm=norm,
        key=key,
        norm_starts=starts,
        norm_ends=ends,
        seg_key=seg_key,
        seg_norm=seg_norm,
    )
