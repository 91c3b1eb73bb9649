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
from ._text import FILLER, Prepared, hangul_final, prepare, to_key

__all__ = ["Compiled", "Hit", "Stats"]

_RULE, _EXCEPTION, _MARKER, _MARKER_EXCEPTION = 0, 1, 2, 3
_MAX_EXTEND = 12  # characters a span may grow by on either side
_MAX_GAP = 8  # spaces skipped when looking at what follows a match
_BEFORE_WINDOW = 40  # how far back a "before" marker may be
_SENTENCE_END = frozenset(".!?,~…\n\r。？！，" + FILLER)
_QUESTION = frozenset("?？")
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


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


@attrs.frozen
class Hit:
    """A match that passed its rule's conditions, in normalised-text coordinates."""

    rule: Rule
    order: int
    start: int
    end: int


class Compiled:
    """One pack's rules (or signal rules) compiled into a single automaton."""

    def __init__(self, pack: RulePack, *, signals: bool = False) -> None:
        self.pack = pack
        self.spacing = pack.spacing
        self.rules: tuple[Rule, ...] = pack.signal_rules if signals else pack.rules
        self.markers = pack.markers
        self._marker_index = {m.name: i for i, m in enumerate(self.markers)}
        self._cleared = [
            tuple(self._marker_index[n] for n in r.context.cleared_by) for r in self.rules
        ]
        self._required = [
            tuple(self._marker_index[n] for n in r.context.requires) for r in self.rules
        ]
        self._finals = [
            frozenset(_FINALS.index(j) + 1 for j in r.context.before_final) for r in self.rules
        ]
        entries: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
        for ri, rule in enumerate(self.rules):
            for pattern in rule.patterns:
                key = to_key(pattern, self.spacing)
                entries[key].append((_RULE, ri, len(key), pattern))
            for pattern in rule.exceptions:
                key = to_key(pattern, self.spacing)
                entries[key].append((_EXCEPTION, ri, len(key), pattern))
        for mi, marker in enumerate(self.markers):
            for pattern in marker.patterns:
                key = to_key(pattern, self.spacing)
                entries[key].append((_MARKER, mi, len(key), pattern))
            for pattern in marker.exceptions:
                key = to_key(pattern, self.spacing)
                entries[key].append((_MARKER_EXCEPTION, mi, len(key), pattern))
        self.max_len = max((len(k) for k in entries), default=0)
        self.size = len(entries)
        self._automaton: Any = ahocorasick.Automaton()
        for key, values in entries.items():
            if key:
                self._automaton.add_word(key, tuple(values))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    def run(self, text: str, stats: Stats | None = None) -> tuple[Prepared, list[Hit]]:
        """Prepare ``text`` and return the hits that pass, deduplicated per category/kind."""
        prep = prepare(text, self.spacing)
        if self._empty or not prep.key:
            return prep, []
        key = prep.key
        if stats is not None:
            stats.key_chars += len(key)
        candidates: list[tuple[int, int, int, str]] = []
        exc_start: dict[int, list[int]] = defaultdict(list)
        exc_end: dict[int, list[int]] = defaultdict(list)
        marks: list[list[tuple[int, int]]] = [[] for _ in self.markers]
        mark_exc: list[list[tuple[int, int]]] = [[] for _ in self.markers]
        for end_index, values in self._automaton.iter(key):
            kend = end_index + 1
            for role, index, klen, pattern in values:
                kstart = kend - klen
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
        marker_sentences = self._marker_sentences(prep, marks, mark_exc, stats)
        hits: list[Hit] = []
        for ri, kstart, kend, pattern in candidates:
            if stats is not None:
                stats.checks += 1
            starts = exc_start.get(ri)
            if starts is not None and _overlaps(starts, exc_end[ri], kstart, kend, self.max_len):
                continue
            hit = self._check(
                ri=ri,
                kstart=kstart,
                kend=kend,
                pattern=pattern,
                prep=prep,
                marker_sentences=marker_sentences,
                stats=stats,
            )
            if hit is not None:
                hits.append(hit)
        return prep, _resolve(hits, self.max_len + 4 * _MAX_EXTEND + 2 * _MAX_GAP)

    def _marker_sentences(
        self,
        prep: Prepared,
        marks: list[list[tuple[int, int]]],
        mark_exc: list[list[tuple[int, int]]],
        stats: Stats | None,
    ) -> list[tuple[set[int], list[int]]]:
        """For each marker set, the sentences holding an occurrence, and its start positions."""
        out: list[tuple[set[int], list[int]]] = []
        norm = prep.norm
        for mi, occurrences in enumerate(marks):
            found: set[int] = set()
            positions: list[int] = []
            excs = mark_exc[mi]
            exc_starts = [s for s, _ in excs]
            exc_ends = [e for _, e in excs]
            need_start = self.markers[mi].word_start
            for kstart, kend in occurrences:
                if stats is not None:
                    stats.checks += 1
                if excs and _overlaps(exc_starts, exc_ends, kstart, kend, self.max_len):
                    continue
                start, _ = prep.span_to_norm(kstart, kend)
                if need_start and not _word_start(norm, start):
                    continue
                found.add(prep.sentence_of(start))
                positions.append(start)
            positions.sort()
            out.append((found, positions))
        return out

    def _check(
        self,
        *,
        ri: int,
        kstart: int,
        kend: int,
        pattern: str,
        prep: Prepared,
        marker_sentences: list[tuple[set[int], list[int]]],
        stats: Stats | None,
    ) -> Hit | None:
        rule = self.rules[ri]
        ctx = rule.context
        norm = prep.norm
        key = prep.key
        finals = self._finals[ri]
        if finals and (kstart == 0 or hangul_final(key[kstart - 1]) not in finals):
            return None
        start, end = prep.span_to_norm(kstart, kend)
        if ctx.word_start and not _word_start(norm, start):
            return None
        if ctx.word_end and not _word_end(norm, end):
            return None
        if ctx.spacing == "as_written" and to_key(norm[start:end], "words") != to_key(
            pattern, "words"
        ):
            return None
        if ctx.right != "any":
            following = _after(norm, end)
            if stats is not None:
                stats.window_chars += _MAX_GAP
            if ctx.right == "sentence_end":
                if following and not _ends_sentence(following):
                    return None
            elif ctx.right == "sentence_final":
                if following and (following in ",，" or not _ends_sentence(following)):
                    return None
            elif following in _QUESTION:
                return None
        if ctx.cleared_by or ctx.requires:
            sentence = prep.sentence_of(start)
            for mi in self._cleared[ri]:
                if _marker_near(marker_sentences[mi], ctx.scope, sentence, start, prep):
                    return None
            for mi in self._required[ri]:
                if not _marker_near(marker_sentences[mi], ctx.scope, sentence, start, prep):
                    return None
        if ctx.extend_left == "word":
            start = _extend_left(norm, start)
        if ctx.extend_right == "word":
            end = _extend_right(norm, end)
        elif ctx.extend_right == "next_word":
            new_end = _extend_right(norm, end)
            if new_end == end:
                new_end = _next_word_end(norm, end)
                if new_end == end:
                    return None
            if ctx.next_word_has and not any(
                part in norm[end:new_end] for part in ctx.next_word_has
            ):
                return None
            end = new_end
        if stats is not None:
            stats.window_chars += 2 * _MAX_EXTEND
        return Hit(rule=rule, order=ri, start=start, end=end)


def _marker_near(
    found: tuple[set[int], list[int]], scope: str, sentence: int, start: int, prep: Prepared
) -> bool:
    """Whether a marker occurrence lies in the rule's scope around a match at ``start``."""
    sentences, positions = found
    if scope == "sentence":
        return sentence in sentences
    if scope == "sentence_and_next":
        return sentence in sentences or sentence + 1 in sentences
    # "before": earlier in the same sentence, at most _BEFORE_WINDOW characters back
    i = bisect_left(positions, start) - 1
    if i < 0:
        return False
    floor = max(start - _BEFORE_WINDOW, prep.sentences[sentence])
    return positions[i] >= floor


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
    before = _cls(norm[start - 1])
    return before == 0 or before != _cls(norm[start])


def _word_end(norm: str, end: int) -> bool:
    if end >= len(norm):
        return True
    after = _cls(norm[end])
    return after == 0 or after != _cls(norm[end - 1])


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


def _next_word_end(norm: str, end: int) -> int:
    i = end
    limit = min(len(norm), end + _MAX_GAP)
    while i < limit and norm[i] in " \t":
        i += 1
    if i >= len(norm) or i == end or not _cls(norm[i]):
        return end
    return _extend_right(norm, i + 1)


def _resolve(hits: list[Hit], max_span: int) -> list[Hit]:
    """One hit per expression and category (the longest), then ``supersedes``."""
    hits.sort(key=lambda h: (h.start - h.end, h.start, h.order))
    kept: dict[str, tuple[list[int], list[int]]] = {}
    accepted: list[Hit] = []
    for hit in hits:
        group = _group(hit)
        starts, ends = kept.setdefault(group, ([], []))
        i = bisect_left(starts, hit.start)
        if i > 0 and ends[i - 1] > hit.start:
            continue
        if i < len(starts) and starts[i] < hit.end:
            continue
        starts.insert(i, hit.start)
        ends.insert(i, hit.end)
        accepted.append(hit)
    tops: dict[object, tuple[list[int], list[int]]] = {}
    for hit in sorted((h for h in accepted if h.rule.context.supersedes), key=lambda h: h.start):
        for cat in hit.rule.context.supersedes:
            starts, ends = tops.setdefault(cat, ([], []))
            starts.append(hit.start)
            ends.append(hit.end)
    if not tops:
        return accepted
    out = []
    for hit in accepted:
        found = tops.get(hit.rule.category)
        if found is not None and hit.rule.category not in hit.rule.context.supersedes:
            starts, ends = found
            # superseding spans may overlap each other; none is longer than max_span
            i = bisect_left(starts, hit.end)
            j = i - 1
            covered = False
            while j >= 0 and starts[j] > hit.start - max_span:
                if ends[j] > hit.start:
                    covered = True
                    break
                j -= 1
            if covered:
                continue
        out.append(hit)
    return out


def _group(hit: Hit) -> str:
    return str(hit.rule.category if hit.rule.category is not None else hit.rule.kind)
