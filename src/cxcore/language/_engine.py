"""The matcher: one Aho-Corasick pass over the key, then bounded local checks per match.

Every pattern, exception and marker of a pack goes into one automaton, so a
text is scanned once whatever the number of rules. Each match then passes a
fixed list of context conditions, each looking at a bounded window (a few
characters, one word, or the marker sets already collected per sentence), so
the total cost is linear in the text plus the number of matches.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Any

import ahocorasick
import attrs

from ._pack import Rule, RulePack
from ._text import FILLER, Prepared, hangul_final, prepare, space_variants, to_key

__all__ = ["Compiled", "Stats"]

_RULE, _EXCEPTION, _MARKER, _MARKER_EXCEPTION = 0, 1, 2, 3
_RIGHT_END, _RIGHT_FINAL, _RIGHT_NOT_QUESTION = 1, 2, 3
_RIGHT_CODES = {
    "any": 0,
    "sentence_end": _RIGHT_END,
    "sentence_final": _RIGHT_FINAL,
    "not_question": _RIGHT_NOT_QUESTION,
}
_EXTEND_WORD, _EXTEND_NEXT_WORD = 1, 2
_EXTEND_LEFT_CODES = {"none": 0, "word": 1, "word_and_auxiliary": 2}
# auxiliary verbs written as their own word after a main verb's -아/어 form
# (시도해 보세요, 확인해 주십시오): the span takes in the main verb too
_AUXILIARY_STARTS = ("보", "봐", "주", "줘", "드", "두", "놓", "놔")
_EXTEND_CODES = {"none": 0, "word": _EXTEND_WORD, "next_word": _EXTEND_NEXT_WORD}
_MAX_EXTEND = 12  # characters a span may grow by on either side
_MAX_GAP = 8  # spaces skipped when looking at what follows a match
_BEFORE_WINDOW = 40  # how far back a "before" marker may be
_SENTENCE_STOP = frozenset(".!?。…\n")
_SENTENCE_END = frozenset(".!?,~…\n\r。？！，" + FILLER)
# what may follow a sentence-end match in the key (a subset of what _ends_sentence accepts)
_TERMINATORS = (
    ".",
    "!",
    "?",
    ",",
    "~",
    "…",
    "\n",
    "。",
    "？",
    "！",
    "，",
    FILLER,
    "ㅋ",
    "ㅎ",
    "ㅠ",
    "ㅜ",
    "^",
    ";",
    ":",
    ")",
    '"',
    "'",
    "”",
    "’",
    "-",
    "—",
    "😊",
    "🙂",
    "😀",
    "😅",
    "👍",
    "🙏",
)
_FINAL_TERMINATORS = tuple(t for t in _TERMINATORS if t not in ",，")
_QUESTION = frozenset("?？")
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def _utf32(key: str) -> str:
    return key.encode("utf-32-be", "surrogatepass").decode("latin-1")


def _spelled(
    values: list[tuple[int, int, int, int, str]], width: int
) -> tuple[tuple[int, int, int, int, str], ...]:
    """Automaton values ``(role, index, back, size, pattern)`` with ``back`` (the tail's
    length) replaced by the spelled length of the whole match."""
    return tuple(
        (role, index, (back + size) * width, size, pattern)
        for role, index, back, size, pattern in values
    )


# vowels a -아/어 form ends in: ㅏ ㅐ ㅓ ㅔ ㅕ ㅘ ㅙ ㅝ (해, 켜, 봐, 돼, 줘 …)
_A_EO_VOWELS = frozenset({0, 1, 4, 5, 6, 9, 10, 14})


def _is_a_eo_form(char: str) -> bool:
    """Whether a syllable can end a verb's -아/어 form (no final consonant, a/eo vowel)."""
    code = ord(char) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 0 and (code % 588) // 28 in _A_EO_VOWELS


def _cls(char: str) -> int:
    """0: not part of a word; 1: Hangul; 2: any other letter or digit."""
    if "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff":
        return 1
    if char.isalnum() or char == "_":
        return 2
    return 0


@attrs.define
class Stats:
    """Work counters for one run, so tests can show the cost is linear (not timed)."""

    key_chars: int = 0  # characters the automaton consumed (one step each)
    matches: int = 0  # automaton outputs (patterns, exceptions and markers)
    checks: int = 0  # context conditions evaluated
    window_chars: int = 0  # characters looked at by context conditions


class Compiled:
    """One pack's rules (or signal rules) compiled into a single automaton."""

    def __init__(self, pack: RulePack, *, signals: bool = False) -> None:
        self.pack = pack
        self.spacing = pack.spacing
        self.rules: tuple[Rule, ...] = pack.signal_rules if signals else pack.rules
        self.markers = pack.markers
        marker_index = {m.name: i for i, m in enumerate(self.markers)}
        self._cleared = [tuple(marker_index[n] for n in r.context.cleared_by) for r in self.rules]
        self._required = [tuple(marker_index[n] for n in r.context.requires) for r in self.rules]
        self._groups = [str(r.category if r.category is not None else r.kind) for r in self.rules]
        names = sorted(set(self._groups))
        self._group_index = [names.index(g) for g in self._groups]
        self._group_count = len(names)
        self._supersedes = [r.context.supersedes for r in self.rules]
        self._categories = [r.category for r in self.rules]
        # hits leave ordered by (start, end, group, rule id): one integer rank per rule
        # stands for the last two, so the final sort compares small tuples of ints
        by_rank = sorted(
            range(len(self.rules)), key=lambda i: (self._groups[i], self.rules[i].id, i)
        )
        self._rank = [0] * len(self.rules)
        for rank, ri in enumerate(by_rank):
            self._rank[ri] = rank
        self._by_rank = tuple(self.rules[ri] for ri in by_rank)
        self._finals = [
            frozenset(_FINALS.index(j) + 1 for j in r.context.before_final) for r in self.rules
        ]
        # each rule's context as plain values, read once per candidate
        self._flags = [
            (
                r.context.word_start,
                r.context.word_end,
                r.context.spacing == "as_written",
                _RIGHT_CODES[r.context.right],
                bool(r.context.cleared_by or r.context.requires),
                _EXTEND_LEFT_CODES[r.context.extend_left],
                _EXTEND_CODES[r.context.extend_right],
            )
            for r in self.rules
        ]
        self._edges = [(flags[0], flags[1]) for flags in self._flags]
        # rules with no condition but the word edges: their hit is the match itself
        self._edges_only = [
            not any(flags[2:]) and not finals
            for flags, finals in zip(self._flags, self._finals, strict=True)
        ]
        patterns = [p for r in self.rules for p in (*r.patterns, *r.exceptions)]
        patterns += [p for m in self.markers for p in (*m.patterns, *m.exceptions)]
        # Non-ASCII keys are matched on their UTF-16 (or, for text with characters beyond
        # the BMP, UTF-32) code-unit bytes: every automaton node then branches over at
        # most 256 values, whatever the rules are.
        self.plain = all(p.isascii() for p in patterns)
        entries: dict[str, list[tuple[int, int, int, int, str]]] = defaultdict(list)
        # patterns that must end a sentence, looked up at the very end of the text
        self._at_end: dict[str, list[tuple[int, str]]] = defaultdict(list)
        lengths = [0]
        for ri, rule in enumerate(self.rules):
            ctx = rule.context
            # The punctuation a sentence-end rule needs after its pattern is spelled into
            # the key, so the automaton checks it and common endings (다, 어, 해) inside
            # polite forms (했어요, 합니다) never become candidates.
            tails = [""]
            if ctx.right in ("sentence_end", "sentence_final"):
                ends = _TERMINATORS if ctx.right == "sentence_end" else _FINAL_TERMINATORS
                tails = list(ends)
                if self.spacing == "words":
                    tails += [" " + t for t in ends]
            for pattern in rule.patterns:
                for key in self._variants(pattern):
                    lengths.append(len(key))
                    for tail in tails:
                        entries[key + tail].append((_RULE, ri, len(tail), len(key), pattern))
                    if tails != [""]:
                        self._at_end[key].append((ri, pattern))
            for pattern in rule.exceptions:
                for key in self._variants(pattern):
                    lengths.append(len(key))
                    entries[key].append((_EXCEPTION, ri, 0, len(key), pattern))
        for mi, marker in enumerate(self.markers):
            for pattern in marker.patterns:
                for key in self._variants(pattern):
                    entries[key].append((_MARKER, mi, 0, len(key), pattern))
            for pattern in marker.exceptions:
                for key in self._variants(pattern):
                    lengths.append(len(key))
                    entries[key].append((_MARKER_EXCEPTION, mi, 0, len(key), pattern))
        self._end_lengths = sorted({len(k) for k in self._at_end})
        self._end_chars = frozenset(k[-1] for k in self._at_end if k)
        self.max_len = max(lengths)
        self.size = len(entries)
        self._automaton: Any = ahocorasick.Automaton()
        # each value carries how many spelled characters its match spans (key and
        # tail), so a match's start needs no arithmetic on the rule's sizes
        width = 1 if self.plain else 2
        for key, values in entries.items():
            if key:
                self._automaton.add_word(self._spell(key), _spelled(values, width))
        self._wide: Any = ahocorasick.Automaton()
        if not self.plain:
            for key, values in entries.items():
                if key:
                    self._wide.add_word(_utf32(key), _spelled(values, 4))
        if entries:
            self._automaton.make_automaton()
            if not self.plain:
                self._wide.make_automaton()
        self._empty = not entries

    def _variants(self, pattern: str) -> list[str]:
        key = to_key(pattern, self.spacing)
        return space_variants(key) if self.spacing == "insensitive" else [key]

    def _spell(self, key: str) -> str:
        """A key as the automaton stores it (UTF-16 bytes, or ``key`` for ASCII packs)."""
        if self.plain:
            return key
        return key.encode("utf-16-be", "surrogatepass").decode("latin-1")

    def _scan(self, key: str) -> tuple[Any, str, int]:
        """The automaton, the spelled text and how many spelled characters make one."""
        if self.plain:
            return self._automaton, key, 1
        raw = key.encode("utf-16-be", "surrogatepass")
        if len(raw) == 2 * len(key):
            return self._automaton, raw.decode("latin-1"), 2
        return self._wide, _utf32(key), 4  # surrogate pairs: fall back to a fixed width

    def run(
        self, text: str, stats: Stats | None = None
    ) -> tuple[Prepared, list[tuple[int, int, Rule]]]:
        """Prepare ``text``; return the hits ``(start, end, rule)`` in normalised-text
        coordinates that pass, one per expression and category (or signal kind)."""
        prep = prepare(text, self.spacing)
        if self._empty or not prep.key:
            return prep, []
        key = prep.key
        automaton, scanned, width = self._scan(key)
        if stats is not None:
            stats.key_chars += len(scanned)
        candidates: list[tuple[int, int, int, str]] = []
        exc_start: dict[int, list[int]] = defaultdict(list)
        exc_end: dict[int, list[int]] = defaultdict(list)
        marks: list[list[tuple[int, int]]] = [[] for _ in self.markers]
        mark_exc: list[list[tuple[int, int]]] = [[] for _ in self.markers]
        for end_index, values in automaton.iter(scanned):
            for role, index, spelled, size, pattern in values:
                first = end_index + 1 - spelled
                if first % width:
                    continue  # a spelled match that does not start on a code point
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
            if stats is not None:
                stats.matches += len(values)
        if self._end_lengths:
            candidates.extend(self._ending_at_end(key))
        state = _State(prep, _LazyMarkers(self, prep, marks, mark_exc, stats), stats)
        norm = state.norm
        identity = state.identity
        length = len(norm)
        hits: list[tuple[int, int, int, int]] = []
        finals_of = self._finals
        edges_of = self._edges
        edges_only = self._edges_only
        check = self._check
        for ri, kstart, kend, pattern in candidates:
            if stats is not None:
                stats.checks += 1
            starts = exc_start.get(ri)
            if starts is not None and _overlaps(starts, exc_end[ri], kstart, kend, self.max_len):
                continue
            finals = finals_of[ri]
            if finals and not _final_before(key, kstart, finals):
                continue
            if identity:
                start, end = kstart, kend
            else:
                start, end = prep.span_to_norm(kstart, kend)
            # word edges, the condition nearly every rule has, checked in line
            word_start, word_end = edges_of[ri]
            if word_start and start:
                char = norm[start - 1]
                if (char.isalnum() or char == "_") and _cls(char) == _cls(norm[start]):
                    continue
            if word_end and end < length:
                char = norm[end]
                if (char.isalnum() or char == "_") and _cls(char) == _cls(norm[end - 1]):
                    continue
            if edges_only[ri]:
                if stats is not None:
                    stats.window_chars += 2 * _MAX_EXTEND
                hits.append((start - end, start, ri, end))
                continue
            hit = check(ri, kstart, kend, pattern, state)
            if hit is not None:
                hits.append(hit)
        if not hits:
            return prep, []
        rank = self._rank
        out = [(start, end, rank[ri]) for start, end, ri in _resolve(hits, self, length)]
        out.sort()
        by_rank = self._by_rank
        return prep, [(start, end, by_rank[r]) for start, end, r in out]

    def _ending_at_end(self, key: str) -> list[tuple[int, int, int, str]]:
        """Sentence-end patterns that end the text (bounded: one lookup per length)."""
        n = len(key.rstrip(" "))
        found: list[tuple[int, int, int, str]] = []
        if n == 0 or key[n - 1] not in self._end_chars:
            return found  # most texts end in punctuation, which ends no pattern
        for length in self._end_lengths:
            if length > n:
                break
            start = n - length
            for ri, pattern in self._at_end.get(key[start:n], ()):
                finals = self._finals[ri]
                if finals and not _final_before(key, start, finals):
                    continue
                found.append((ri, start, n, pattern))
        return found

    def marker_occurrences(
        self,
        mi: int,
        prep: Prepared,
        occurrences: list[tuple[int, int]],
        exceptions: list[tuple[int, int]],
        stats: Stats | None,
    ) -> list[int]:
        """The sorted starts (in norm) of the occurrences of marker set ``mi``."""
        norm = prep.norm
        positions: list[int] = []
        exc_starts = [s for s, _ in exceptions]
        exc_ends = [e for _, e in exceptions]
        need_start = self.markers[mi].word_start
        identity = len(prep.seg_key) == 1
        for kstart, kend in occurrences:
            if stats is not None:
                stats.checks += 1
            if exceptions and _overlaps(exc_starts, exc_ends, kstart, kend, self.max_len):
                continue
            start = kstart if identity else prep.key_to_norm(kstart)
            if need_start and not _word_start(norm, start):
                continue
            positions.append(start)
        positions.sort()
        return positions

    def _check(
        self, ri: int, kstart: int, kend: int, pattern: str, state: _State
    ) -> tuple[int, int, int, int] | None:
        """The conditions past the word edges (checked by the caller) of a candidate at
        ``[kstart, kend)`` in the key; its hit ``(start - end, start, rule, end)``."""
        prep, norm, identity, stats = state.prep, state.norm, state.identity, state.stats
        _, _, as_written, right, has_markers, extend_left, extend_right = self._flags[ri]
        if identity:
            start, end = kstart, kend
        else:
            start, end = prep.span_to_norm(kstart, kend)
        if as_written and to_key(norm[start:end], "words") != to_key(pattern, "words"):
            return None
        if right:
            following = _after(norm, end)
            if stats is not None:
                stats.window_chars += _MAX_GAP
            if right == _RIGHT_END:
                if following and not _ends_sentence(following):
                    return None
            elif right == _RIGHT_FINAL:
                if following and (following in ",，" or not _ends_sentence(following)):
                    return None
            elif following in _QUESTION:
                return None
        if has_markers:
            scope = self.rules[ri].context.scope
            sentence = -1 if scope == "before" else bisect_right(prep.sentences, start) - 1
            markers = state.markers
            for mi in self._cleared[ri]:
                if markers.near(mi, scope, sentence, start):
                    return None
            for mi in self._required[ri]:
                if not markers.near(mi, scope, sentence, start):
                    return None
        if self._finals[ri]:
            # the syllable carrying the required final belongs to the expression
            # (변경할 수 없습니다, not just 수 없습니다)
            prev = kstart - 1
            if prev > 0 and prep.key[prev] == " ":
                prev -= 1
            start = prev if identity else prep.key_to_norm(prev)
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
            parts = self.rules[ri].context.next_word_has
            if parts and not any(part in norm[end:new_end] for part in parts):
                return None
            end = new_end
        if stats is not None:
            stats.window_chars += 2 * _MAX_EXTEND
        return (start - end, start, ri, end)


class _State:
    """What the context checks of one run share."""

    __slots__ = ("identity", "markers", "norm", "prep", "stats")

    def __init__(self, prep: Prepared, markers: _LazyMarkers, stats: Stats | None) -> None:
        self.prep = prep
        self.norm = prep.norm
        self.identity = len(prep.seg_key) == 1  # key and norm positions coincide
        self.markers = markers
        self.stats = stats


class _LazyMarkers:
    """Marker sets resolved on first use: most texts never need most of them."""

    def __init__(
        self,
        compiled: Compiled,
        prep: Prepared,
        marks: list[list[tuple[int, int]]],
        mark_exc: list[list[tuple[int, int]]],
        stats: Stats | None,
    ) -> None:
        self._compiled = compiled
        self._prep = prep
        self._marks = marks
        self._mark_exc = mark_exc
        self._stats = stats
        self._positions: dict[int, list[int]] = {}
        self._sentences: dict[int, set[int]] = {}

    def positions(self, mi: int) -> list[int]:
        """Sorted starts of marker set ``mi`` (resolved once)."""
        found = self._positions.get(mi)
        if found is None:
            found = self._compiled.marker_occurrences(
                mi, self._prep, self._marks[mi], self._mark_exc[mi], self._stats
            )
            self._positions[mi] = found
        return found

    def sentences(self, mi: int) -> set[int]:
        """The sentences holding marker set ``mi`` (only computed for sentence scopes)."""
        found = self._sentences.get(mi)
        if found is None:
            starts = self._prep.sentences
            found = {bisect_right(starts, p) - 1 for p in self.positions(mi)}
            self._sentences[mi] = found
        return found

    def near(self, mi: int, scope: str, sentence: int, start: int) -> bool:
        """Whether an occurrence of marker set ``mi`` lies in ``scope`` around ``start``."""
        if scope == "sentence":
            return sentence in self.sentences(mi)
        if scope == "sentence_and_next":
            found = self.sentences(mi)
            return sentence in found or sentence + 1 in found
        # "before": at most _BEFORE_WINDOW characters back, with no sentence end between
        positions = self.positions(mi)
        i = bisect_left(positions, start) - 1
        if i < 0 or positions[i] < start - _BEFORE_WINDOW:
            return False
        between = self._prep.norm[positions[i] : start]
        return not any(c in _SENTENCE_STOP for c in between)


def _final_before(key: str, start: int, finals: frozenset[int]) -> bool:
    """Whether the syllable before ``start`` (past one space) has one of ``finals``."""
    prev = start - 1
    if prev >= 0 and key[prev] == " ":
        prev -= 1
    return prev >= 0 and hangul_final(key[prev]) in finals


def _overlaps(starts: list[int], ends: list[int], s: int, e: int, max_len: int) -> bool:
    """Whether an interval (listed by increasing end) overlaps ``[s, e)``."""
    i = bisect_right(ends, s)
    limit = e + max_len
    n = len(ends)
    while i < n and ends[i] <= limit:
        if starts[i] < e:
            return True
        i += 1
    return False


def _word_start(norm: str, start: int) -> bool:
    if start == 0:
        return True
    before = norm[start - 1]
    if not (before.isalnum() or before == "_"):
        return True
    return _cls(before) != _cls(norm[start])


def _after(norm: str, end: int) -> str:
    """The first character after ``end`` past a few spaces ('' at the end of the text)."""
    i = end
    limit = min(len(norm), end + _MAX_GAP)
    while i < limit and norm[i] in " \t":
        i += 1
    if i >= len(norm):
        return ""
    return norm[i]


def _ends_sentence(char: str) -> bool:
    if char in _SENTENCE_END:
        return True
    if "\u3131" <= char <= "\u318e":  # bare jamo: ㅋㅋ, ㅎㅎ, ㅠㅠ
        return True
    category = unicodedata.category(char)
    return category[0] == "S" or category in ("Pd", "Pe", "Pf", "Po")


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff"


def _extend_left(norm: str, start: int) -> int:
    limit = max(0, start - _MAX_EXTEND)
    if _is_hangul(norm[start]):  # the common case, without a class lookup per character
        while start > limit and _is_hangul(norm[start - 1]):
            start -= 1
        return start
    cls = _cls(norm[start])
    while start > limit and cls and _cls(norm[start - 1]) == cls:
        start -= 1
    return start


def _extend_right(norm: str, end: int) -> int:
    limit = min(len(norm), end + _MAX_EXTEND)
    if _is_hangul(norm[end - 1]):
        while end < limit and _is_hangul(norm[end]):
            end += 1
        return end
    cls = _cls(norm[end - 1])
    while end < limit and cls and _cls(norm[end]) == cls:
        end += 1
    return end


def _next_word_end(norm: str, end: int) -> int:
    i = end
    limit = min(len(norm), end + _MAX_GAP)
    while i < limit and norm[i] in " \t":
        i += 1
    if i >= len(norm) or i == end or not _cls(norm[i]):
        return end
    return _extend_right(norm, i + 1)


class _Spans:
    """Non-overlapping spans over a text of known length: one byte per character, so
    an overlap test is a single C-level ``find`` over the span's own characters."""

    __slots__ = ("_taken",)

    def __init__(self, length: int) -> None:
        self._taken = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) != -1

    def add(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)


def _resolve(
    hits: list[tuple[int, int, int, int]], compiled: Compiled, length: int
) -> list[tuple[int, int, int]]:
    """One hit per expression and category (the longest), then ``supersedes``.

    Hits come as ``(start - end, start, rule index, end)`` (so a plain sort puts the
    longest first) and leave as ``(start, end, rule index)``; ``length`` is the length
    of the normalised text.
    """
    group_of = compiled._group_index
    supersedes = compiled._supersedes
    hits.sort()
    # one byte per character and group: an overlap test is one C-level ``find`` over
    # the span's own characters
    taken: list[bytearray | None] = [None] * compiled._group_count
    accepted = []
    superseding = False
    for _, start, order, end in hits:
        group = group_of[order]
        spans = taken[group]
        if spans is None:
            spans = taken[group] = bytearray(length)
        elif spans.find(1, start, end) != -1:
            continue
        spans[start:end] = b"\x01" * (end - start)
        accepted.append((start, end, order))
        if supersedes[order]:
            superseding = True
    if not superseding:
        return accepted
    tops: dict[object, _Spans] = {}
    for start, end, order in accepted:
        for cat in supersedes[order]:
            if cat not in tops:
                tops[cat] = _Spans(length)
            tops[cat].add(start, end)
    category_of = compiled._categories
    out = []
    for hit in accepted:
        order = hit[2]
        found = tops.get(category_of[order])
        if (
            found is not None
            and category_of[order] not in supersedes[order]
            and found.overlaps(hit[0], hit[1])
        ):
            continue
        out.append(hit)
    return out
