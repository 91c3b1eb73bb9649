"""An optional Korean analyser backend: Kiwi (``kiwipiepy``) morphemes refine the findings.

The rule engine works on literal patterns and never needs it. With
``PhrasingChecker(analyser="kiwi")`` (the ``korean`` extra), Korean findings get a
second look from a morphological analyser:

- a polite imperative (-세요, -십시오) whose predicate is an adjective or the
  copula (건강하세요, 가능하세요, 회원이세요) is a wish or a statement, not an
  order, and is dropped;
- an impolite finding whose span holds no verbal ending (a noun such as 안내. at
  the end of a sentence) is dropped;
- a sentence-final banmal ending the patterns did not list (먹어., 왔냐?) is added,
  attributed to the pack's ``ko-banmal`` rule.

Kiwi loads its model once per process (about two seconds); the analyser is
not thread-safe to construct but safe to share afterwards.
"""

from __future__ import annotations

import functools
from typing import Any

from cxcore._errors import ValidationError

from ._types import Category, Finding

__all__ = ["KiwiAnalyser", "kiwi_available", "load_analyser"]

_IMPERATIVE_ENDINGS = ("세요", "십시오", "십시요")
_ORDERING_TAGS = frozenset({"VV", "XSV", "VX"})
_STATE_TAGS = frozenset({"VA", "XSA", "VCP"})
_BANMAL_ENDINGS = frozenset(
    {
        "어",
        "아",
        "야",
        "지",
        "냐",
        "니",
        "자",
        "ᆯ게",
        "ᆯ래",
        "다",
        "네",
        "구나",
        "군",
        "거든",
        "는데",
        "잖아",
    }
)
_SENTENCE_STOPS = frozenset({"SF", "SP", "SS", "SE", "SO", "SW"})
# banmal words that are banmal without an ending (a bare 미안 instead of 죄송합니다)
_LEXICAL_BANMAL = frozenset({"미안", "응", "ㅇㅇ", "ㅇㅋ", "그래", "고마워"})


def kiwi_available() -> bool:
    """Whether ``kiwipiepy`` (and its model) can be imported."""
    try:
        import kiwipiepy  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def load_analyser(name: str) -> KiwiAnalyser:
    """The shared analyser called ``name`` (only ``"kiwi"`` exists)."""
    if name != "kiwi":
        raise ValidationError(f"analyser must be None or 'kiwi' (got {name!r})")
    if not kiwi_available():
        raise ValidationError(
            "analyser='kiwi' needs kiwipiepy; install the korean extra: "
            "pip install 'cxcore[korean]'"
        )
    return KiwiAnalyser()


class KiwiAnalyser:
    """Refines Korean findings with Kiwi's morphological analysis."""

    def __init__(self) -> None:
        from kiwipiepy import Kiwi

        self._kiwi: Any = Kiwi()

    def refine(
        self, text: str, findings: tuple[Finding, ...], banmal: Finding | None
    ) -> tuple[Finding, ...]:
        """``findings`` with the analyser's vetoes applied and missed banmal added.

        ``banmal`` is a template finding (message, suggestions, rule) for additions,
        or ``None`` to add nothing.
        """
        tokens = [(t.form, t.tag, t.start, t.start + t.len) for t in self._kiwi.tokenize(text)]
        kept = [f for f in findings if self._keeps(f, tokens)]
        if banmal is not None:
            taken = [(f.start, f.end) for f in kept if f.category is Category.IMPOLITE]
            for start, end in self._banmal_spans(text, tokens):
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    kept.append(
                        Finding._trusted(
                            category=Category.IMPOLITE,
                            start=start,
                            end=end,
                            text=text[start:end],
                            rule_id=banmal.rule_id,
                            message=banmal.message,
                            suggestions=banmal.suggestions,
                            severity=banmal.severity,
                        )
                    )
        kept.sort(key=lambda f: (f.start, f.end, f.category.value, f.rule_id))
        return tuple(kept)

    @staticmethod
    def _keeps(f: Finding, tokens: list[tuple[str, str, int, int]]) -> bool:
        inside = [tag for _, tag, s, e in tokens if s < f.end and f.start < e]
        if f.category is Category.COMMANDING and f.text.endswith(_IMPERATIVE_ENDINGS):
            return not (
                any(t in _STATE_TAGS for t in inside)
                and not any(t in _ORDERING_TAGS for t in inside)
            )
        if f.category is Category.IMPOLITE and f.text not in _LEXICAL_BANMAL:
            return any(t.startswith("E") for t in inside) or not inside
        return True

    @staticmethod
    def _banmal_spans(text: str, tokens: list[tuple[str, str, int, int]]) -> list[tuple[int, int]]:
        """Eojeols that end a sentence on a banmal final ending."""
        spans = []
        for i, (form, tag, start, end) in enumerate(tokens):
            if tag != "EF" or form not in _BANMAL_ENDINGS:
                continue
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is not None and following[1] not in _SENTENCE_STOPS:
                continue
            if following is not None and following[0] == "요":
                continue
            word_start = start
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
                if end - word_start > 12:
                    break
            if text[word_start:end].strip():
                spans.append((word_start, end))
        return spans
