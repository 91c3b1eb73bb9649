"""The public checking functions: ``check``, ``signals``, ``PhrasingChecker``, ``has_rules``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from cxcore._errors import ValidationError
from cxcore._i18n import message_locale as _message_language, parse_locale, translate

from ._engine import Compiled, Stats
from ._kiwi import load_analyser
from ._pack import Rule, RulePack, packs_for, rule_packs
from ._text import Prepared
from ._types import Category, Finding, Severity, Signal

__all__ = ["PhrasingChecker", "check", "has_rules", "signals"]

DOMAIN = "cxcore-language"


def _text_arg(text: object) -> str:
    if not isinstance(text, str):
        raise ValidationError(
            f"text must be a str (got {type(text).__name__}); decode bytes first, "
            "e.g. data.decode('utf-8')"
        )
    return text


_Fields = tuple[Category, str, str, tuple[str, ...], Severity]
# Findings are built on the hot path by setting their slots directly: the values come
# from a rule pack that was validated when it loaded, and the span from the engine.
_SET_CATEGORY = Finding.__dict__["category"].__set__
_SET_START = Finding.__dict__["start"].__set__
_SET_END = Finding.__dict__["end"].__set__
_SET_TEXT = Finding.__dict__["text"].__set__
_SET_RULE_ID = Finding.__dict__["rule_id"].__set__
_SET_MESSAGE = Finding.__dict__["message"].__set__
_SET_SUGGESTIONS = Finding.__dict__["suggestions"].__set__
_SET_SEVERITY = Finding.__dict__["severity"].__set__

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}")


@functools.lru_cache(maxsize=256)
def _catalog_language(locale: str, name: str) -> str:
    return _message_language(locale, name)


def _catalog_language_of(locale: object, name: str) -> str:
    """The catalog language for ``locale`` (cached for strings: Babel parsing is slow)."""
    if isinstance(locale, str):
        return _catalog_language(locale, name)
    return _message_language(locale, name)


@functools.lru_cache(maxsize=256)
def _language_of(locale: str) -> str:
    try:
        return parse_locale(locale, "locale").language
    except ValidationError:
        if not _LANGUAGE_TAG.fullmatch(locale.strip()):
            raise
        # well formed but unknown to Babel ("xx"): it certainly has no rules either
        return locale.strip().replace("-", "_").split("_")[0].lower()


def _language(locale: object) -> str:
    if isinstance(locale, str):
        return _language_of(locale)
    return parse_locale(locale, "locale").language


def _categories(value: object) -> frozenset[Category] | None:
    if value is None:
        return None
    if isinstance(value, str | Category):
        value = [value]
    if not isinstance(value, Iterable):
        raise ValidationError(
            f"categories must be an iterable of categories (got {type(value).__name__})"
        )
    out = set()
    for item in value:
        try:
            out.add(Category(item))
        except ValueError:
            known = ", ".join(c.value for c in Category)
            raise ValidationError(f"categories: {item!r} is not one of {known}") from None
    return frozenset(out)


def _severity(value: object) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity(str(value)) if isinstance(value, str) else Severity(value)  # type: ignore[arg-type]
    except ValueError:
        raise ValidationError(
            f"min_severity must be one of info, warning, error (got {value!r})"
        ) from None


def _packs_arg(rules: object) -> tuple[RulePack, ...] | None:
    if rules is None:
        return None
    if isinstance(rules, RulePack):
        return (rules,)
    if (
        isinstance(rules, Sequence)
        and not isinstance(rules, str)
        and all(isinstance(r, RulePack) for r in rules)
    ):
        return tuple(rules)
    raise ValidationError(
        "rules must be a RulePack or a sequence of RulePacks "
        f"(got {type(rules).__name__}); build one with RulePack.load(path)"
    )


class _Cache:
    """Compiled packs, keyed by the pack values (registry changes give new keys)."""

    def __init__(self) -> None:
        self._compiled: dict[tuple[int, bool], tuple[RulePack, Compiled]] = {}

    def get(self, pack: RulePack, *, signals: bool) -> Compiled:
        key = (id(pack), signals)
        found = self._compiled.get(key)
        if found is not None and found[0] is pack:
            return found[1]
        compiled = Compiled(pack, signals=signals)
        if len(self._compiled) > 64:
            self._compiled.clear()
        self._compiled[key] = (pack, compiled)
        return compiled


_CACHE = _Cache()


def _registered(language: str) -> tuple[RulePack, ...]:
    packs = packs_for(language)
    if not packs:
        known = ", ".join(sorted(known_languages())) or "none"
        raise ValidationError(
            f"locale: no phrasing rules for {language!r} (rules exist for: {known}); "
            "checking it would report nothing, which would look like a clean reply"
        )
    return packs


def known_languages() -> frozenset[str]:
    """The languages some registered rule pack checks."""
    return frozenset(rule_packs.get(name)().language for name in rule_packs.names())


def has_rules(locale: object) -> bool:
    """Whether some registered rule pack checks ``locale``'s language."""
    try:
        language = _language(locale)
    except ValidationError:
        return False
    return bool(packs_for(language))


class PhrasingChecker:
    """A reusable checker: compile the rules once, check many replies.

    ``analyser="kiwi"`` adds the optional Kiwi morphological analyser to Korean
    checks (the ``korean`` extra); without it matching needs no dependency.

    >>> from cxcore.language import PhrasingChecker
    >>> checker = PhrasingChecker(categories=["negative-framing"])
    >>> [f.text for f in checker.check("안타깝게도 환불은 불가능합니다.", locale="ko")]
    ['안타깝게도', '불가능합니다']
    """

    __module__ = "cxcore.language"

    def __init__(
        self,
        *,
        rules: RulePack | Sequence[RulePack] | None = None,
        categories: Iterable[Category | str] | None = None,
        min_severity: Severity | str | None = None,
        message_locale: str | None = None,
        analyser: str | None = None,
    ) -> None:
        self._packs = _packs_arg(rules)
        self._analyser = None if analyser is None else load_analyser(analyser)
        self._categories = _categories(categories)
        self._min_severity = _severity(min_severity)
        if message_locale is not None:
            _message_language(message_locale, "message_locale")
        self._message_locale = message_locale
        # per (rule, message language): the rule (to tell a reused id apart) and the
        # fields its findings carry, or None when this checker skips the rule
        self._fields: dict[tuple[int, str], tuple[Rule, _Fields | None]] = {}
        if self._packs is not None:
            for pack in self._packs:
                _CACHE.get(pack, signals=False)

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_fields"] = {}  # keyed by object ids, which mean nothing in another process
        return state

    def __repr__(self) -> str:
        packs = "registered" if self._packs is None else [p.name for p in self._packs]
        return (
            f"PhrasingChecker(rules={packs!r}, categories="
            f"{sorted(self._categories) if self._categories is not None else None!r}, "
            f"min_severity={self._min_severity!r})"
        )

    def _packs_for(self, language: str) -> tuple[RulePack, ...]:
        if self._packs is None:
            return _registered(language)
        packs = tuple(p for p in self._packs if p.language == language)
        if not packs:
            raise ValidationError(
                f"locale: none of this checker's rule packs checks {language!r} "
                f"(they check: {', '.join(sorted({p.language for p in self._packs}))})"
            )
        return packs

    def check(
        self,
        text: str,
        *,
        locale: str,
        message_locale: str | None = None,
        _stats: Stats | None = None,
    ) -> tuple[Finding, ...]:
        """The findings in ``text``, sorted by (start, end, category)."""
        text = _text_arg(text)
        language = _language(locale)
        packs = self._packs_for(language)
        chosen = message_locale if message_locale is not None else self._message_locale
        msg_language = _catalog_language_of(
            chosen if chosen is not None else locale, "message_locale"
        )
        findings: list[Finding] = []
        for pack in packs:
            prep, hits = _CACHE.get(pack, signals=False).run(text, _stats)
            if hits:
                findings += self._findings(prep, hits, msg_language)
        if len(packs) == 1:
            result = tuple(findings)  # each pack returns its hits sorted
        else:
            findings.sort(key=lambda f: (f.start, f.end, f.category.value, f.rule_id))
            result = tuple(_unique(findings))
        if self._analyser is not None and language == "ko":
            result = self._analyser.refine(text, result, self._banmal_template(packs, msg_language))
        return result

    def _findings(
        self, prep: Prepared, hits: list[tuple[int, int, Rule]], language: str
    ) -> list[Finding]:
        """The findings for one pack's hits (the hot path: no per-hit lookups or checks
        beyond one dictionary probe; fields are set through the slots directly)."""
        fields = self._fields
        norm_starts, norm_ends = prep.norm_starts, prep.norm_ends
        original = prep.original
        new = object.__new__
        out: list[Finding] = []
        for norm_start, norm_end, rule in hits:
            found = fields.get((id(rule), language))
            if found is None or found[0] is not rule:
                found = self._rule_fields(rule, language)
            values = found[1]
            if values is None:
                continue  # outside the chosen categories or below the minimum severity
            if norm_starts is None or norm_ends is None:
                start, end = norm_start, norm_end
            else:
                start, end = norm_starts[norm_start], norm_ends[norm_end - 1]
            finding = new(Finding)
            _SET_CATEGORY(finding, values[0])
            _SET_START(finding, start)
            _SET_END(finding, end)
            _SET_TEXT(finding, original[start:end])
            _SET_RULE_ID(finding, values[1])
            _SET_MESSAGE(finding, values[2])
            _SET_SUGGESTIONS(finding, values[3])
            _SET_SEVERITY(finding, values[4])
            out.append(finding)
        return out

    def _rule_fields(self, rule: Rule, language: str) -> tuple[Rule, _Fields | None]:
        """A rule's finding fields in ``language`` (None if this checker skips the rule)."""
        values: _Fields | None = None
        keep = (self._categories is None or rule.category in self._categories) and (
            self._min_severity is None or not rule.severity < self._min_severity
        )
        if keep:
            assert rule.category is not None  # noqa: S101 - rules always carry one
            message, suggestions = _messages(rule, language)
            values = (rule.category, rule.id, message, suggestions, rule.severity)
        if len(self._fields) > 4096:
            self._fields.clear()
        self._fields[(id(rule), language)] = found = (rule, values)
        return found

    def _banmal_template(self, packs: tuple[RulePack, ...], language: str) -> Finding | None:
        """A finding carrying the ``ko-banmal`` rule's texts, for the analyser's additions."""
        if self._categories is not None and Category.IMPOLITE not in self._categories:
            return None
        for pack in packs:
            for rule in pack.rules:
                if rule.id == "ko-banmal" and rule.category is Category.IMPOLITE:
                    if self._min_severity is not None and rule.severity < self._min_severity:
                        return None
                    message, suggestions = _messages(rule, language)
                    return Finding._trusted(
                        category=Category.IMPOLITE,
                        start=0,
                        end=0,
                        text="",
                        rule_id=rule.id,
                        message=message,
                        suggestions=suggestions,
                        severity=rule.severity,
                    )
        return None


def _unique(findings: list[Finding]) -> list[Finding]:
    """Across packs, still one finding per span and category (the first pack's)."""
    out: list[Finding] = []
    seen: set[tuple[int, int, Category]] = set()
    for f in findings:
        key = (f.start, f.end, f.category)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


_MESSAGES: dict[tuple[int, str], tuple[Rule, str, tuple[str, ...]]] = {}


def _messages(rule: Rule, language: str) -> tuple[str, tuple[str, ...]]:
    """The rule's message and suggestions in ``language`` (cached per rule value)."""
    found = _MESSAGES.get((id(rule), language))
    if found is not None and found[0] is rule:
        return found[1], found[2]
    own = rule.translated(language)
    if own is not None:
        message, suggestions = own
    else:
        message = translate(DOMAIN, language, rule.message)
        suggestions = tuple(translate(DOMAIN, language, s) for s in rule.suggestions)
    if len(_MESSAGES) > 4096:
        _MESSAGES.clear()
    _MESSAGES[(id(rule), language)] = (rule, message, suggestions)
    return message, suggestions


_DEFAULT = PhrasingChecker()


def check(
    text: str,
    *,
    locale: str,
    categories: Iterable[Category | str] | None = None,
    min_severity: Severity | str | None = None,
    message_locale: str | None = None,
) -> tuple[Finding, ...]:
    """Check an agent's reply against the registered rule packs for ``locale``.

    Reports every severity unless ``min_severity`` is given; ``message_locale``
    (default: ``locale``) picks the language of messages and suggestions.

    >>> from cxcore.language import check
    >>> [(f.category.value, f.text) for f in check("We cannot offer a discount.", locale="en")]
    [('negative-framing', 'We cannot')]
    """
    if categories is None and min_severity is None:
        checker = _DEFAULT
    else:
        checker = PhrasingChecker(categories=categories, min_severity=min_severity)
    return checker.check(text, locale=locale, message_locale=message_locale)


def signals(text: str, *, locale: str, _stats: Stats | None = None) -> tuple[Signal, ...]:
    """Customer-side signals (asks for a human, frustration, churn risk, urgency) in ``text``.

    >>> from cxcore.language import signals
    >>> [(s.kind.value, s.text) for s in signals("상담원 연결해 주세요", locale="ko")]
    [('asks_for_human', '상담원 연결해 주세요')]
    """
    text = _text_arg(text)
    language = _language(locale)
    out: list[Signal] = []
    for pack in _registered(language):
        prep, hits = _CACHE.get(pack, signals=True).run(text, _stats)
        for norm_start, norm_end, rule in hits:
            start, end = prep.span_to_original(norm_start, norm_end)
            assert rule.kind is not None  # noqa: S101 - signal rules always carry one
            out.append(Signal(kind=rule.kind, start=start, end=end, text=text[start:end]))
    out.sort(key=lambda s: (s.start, s.end, s.kind.value))
    unique: list[Signal] = []
    seen: set[tuple[int, int, str]] = set()
    for s in out:
        if (s.start, s.end, s.kind.value) not in seen:
            seen.add((s.start, s.end, s.kind.value))
            unique.append(s)
    return tuple(unique)
