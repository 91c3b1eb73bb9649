"""Rule packs: the data the checker runs, their file format, and the registry plugins use.

A rule pack is plain data (TOML or JSON, see the reference docs for every key).
Patterns are literal phrases; ``{NAME}`` refers to a list in the pack's
``expansions`` table and ``{a|b|}`` lists alternatives inline, so one pattern
spells out the endings and honorific levels of one expression. After
expansion every pattern is a literal string: there is no regular expression
anywhere in a pack, so no pack can make matching backtrack.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from os import PathLike
from typing import Any, Protocol

import attrs

from cxcore._errors import ConfigError, PluginError, ValidationError
from cxcore._i18n import parse_locale
from cxcore._loader import check_keys, load_document
from cxcore._registry import Registry

from ._text import FILLER
from ._types import Category, Severity, SignalKind

__all__ = [
    "Context",
    "Marker",
    "Rule",
    "RulePack",
    "RulePackProvider",
    "rule_packs",
]

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_BRACES = re.compile(r"\{([^{}]*)\}")
_MAX_VARIANTS = 20_000
_HANGUL_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

RIGHT_CHOICES = ("any", "sentence_end", "sentence_final", "not_question")
EXTEND_LEFT_CHOICES = ("none", "word", "word_and_auxiliary")
EXTEND_RIGHT_CHOICES = ("none", "word", "next_word")
SPACING_CHOICES = ("any", "as_written")
SCOPE_CHOICES = ("sentence", "sentence_and_next", "before")
PACK_SPACING_CHOICES = ("insensitive", "words")


def _final_index(jamo: str) -> int:
    return _HANGUL_FINALS.index(jamo) + 1


@attrs.frozen(kw_only=True)
class Context:
    """Local conditions a match must meet; each looks at a bounded window around it."""

    __module__ = "cxcore.language"

    word_start: bool = True
    word_end: bool = True
    before_final: tuple[str, ...] = ()
    right: str = "any"
    extend_left: str = "none"
    extend_right: str = "none"
    next_word_has: tuple[str, ...] = ()
    spacing: str = "any"
    cleared_by: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    scope: str = "sentence"
    supersedes: tuple[Category, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The non-default keys, as in a pack file."""
        out: dict[str, Any] = {}
        for field in attrs.fields(Context):
            value = getattr(self, field.name)
            if value != field.default:
                out[field.name] = [str(v) for v in value] if isinstance(value, tuple) else value
        return out


@attrs.frozen(kw_only=True)
class Marker:
    """A named set of phrases that rules' context conditions look for (``대신``, ``if``)."""

    __module__ = "cxcore.language"

    name: str
    patterns: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    word_start: bool = True


@attrs.frozen(kw_only=True)
class Rule:
    """One phrasing rule (``category`` set) or signal rule (``kind`` set), fully expanded."""

    __module__ = "cxcore.language"

    id: str
    patterns: tuple[str, ...]
    category: Category | None = None
    kind: SignalKind | None = None
    severity: Severity = Severity.WARNING
    exceptions: tuple[str, ...] = ()
    context: Context = Context()
    message: str = ""
    suggestions: tuple[str, ...] = ()
    translations: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    flagged_examples: tuple[str, ...] = ()
    clean_examples: tuple[str, ...] = ()

    def translated(self, language: str) -> tuple[str, tuple[str, ...]] | None:
        """The pack's own message and suggestions in ``language``, if it ships them."""
        for lang, message, suggestions in self.translations:
            if lang == language:
                return message, suggestions
        return None


@attrs.frozen(kw_only=True)
class RulePack:
    """A named set of rules and signal rules for one language.

    Build one with :meth:`from_dict` or :meth:`load`; register a provider of it
    in :data:`rule_packs` to make :func:`check` use it.
    """

    __module__ = "cxcore.language"

    name: str
    locale: str
    spacing: str = "words"
    description: str = ""
    rules: tuple[Rule, ...] = ()
    signal_rules: tuple[Rule, ...] = ()
    markers: tuple[Marker, ...] = ()

    @property
    def language(self) -> str:
        """The language the pack checks (``"ko"`` for ``locale = "ko-KR"``)."""
        return _language_of(self.locale)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> RulePack:
        """Read a pack from a ``.toml`` or ``.json`` file; errors name the file."""
        data, source = load_document(path)
        return cls.from_dict(data, source=source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> RulePack:
        """Validate and expand a pack document (see the reference docs for the format)."""
        try:
            return _parse_pack(data, source)
        except ConfigError as exc:
            if exc.source is None and source is not None:
                raise ConfigError(exc.reason, path=exc.path, source=source) from None
            raise

    def only(self, rule_ids: Iterable[str]) -> RulePack:
        """The same pack with only the given rules and signal rules (markers kept).

        An id the pack does not have is a :class:`ValidationError`: a typo must not
        leave a checker that silently checks nothing.
        """
        if isinstance(rule_ids, str) or not isinstance(rule_ids, Iterable):
            raise ValidationError(
                f"rule_ids must be an iterable of rule ids, e.g. ['ko-cannot'] (got {rule_ids!r})"
            )
        wanted = set()
        for rule_id in rule_ids:
            if not isinstance(rule_id, str):
                raise ValidationError(f"rule_ids holds {rule_id!r}, not a rule id (a str)")
            wanted.add(rule_id)
        unknown = sorted(wanted - {r.id for r in (*self.rules, *self.signal_rules)})
        if unknown:
            raise ValidationError(
                f"rule_ids: {unknown[0]!r} is not a rule of the pack {self.name!r}; "
                "see pack.rules and pack.signal_rules for its ids"
            )
        return attrs.evolve(
            self,
            rules=tuple(r for r in self.rules if r.id in wanted),
            signal_rules=tuple(r for r in self.signal_rules if r.id in wanted),
        )


@functools.lru_cache(maxsize=256)
def _language_of(locale: str) -> str:
    return parse_locale(locale, "locale").language


class RulePackProvider(Protocol):
    """What :data:`rule_packs` holds: a callable returning a :class:`RulePack`.

    A plugin exposes one through the ``cxcore.rules`` entry-point group, e.g. a
    function ``def pack() -> RulePack: return RulePack.load(files(...) / "acme.toml")``.
    """

    def __call__(self) -> RulePack: ...


RulePackProvider.__module__ = "cxcore.language"


#: The rule-pack extension point (entry-point group ``cxcore.rules``).
rule_packs: Registry[RulePackProvider] = Registry("cxcore.rules")


class _BuiltinPack:
    """Loads one of the packs shipped in ``cxcore/language/rules`` on first use."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._pack: RulePack | None = None

    def __call__(self) -> RulePack:
        if self._pack is None:
            ref = resources.files("cxcore.language") / "rules" / self.filename
            with resources.as_file(ref) as path:
                self._pack = RulePack.load(path)
        return self._pack

    def __repr__(self) -> str:
        return f"<built-in rule pack {self.filename}>"


rule_packs.register("ko", _BuiltinPack("ko.toml"))
rule_packs.register("en", _BuiltinPack("en.toml"))


# --- parsing ---------------------------------------------------------------------------


def _str(value: object, path: str, what: str = "a non-empty string") -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected {what}, got {value!r}"[:200], path=path)
    return value


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"expected true or false, got {value!r}"[:200], path=path)
    return value


def _str_list(value: object, path: str, *, allow_empty: bool = True) -> list[str]:
    if not isinstance(value, list):
        raise ConfigError(f"expected a list of strings, got {value!r}"[:200], path=path)
    if not value and not allow_empty:
        raise ConfigError("expected at least one entry", path=path)
    return [_str(item, f"{path}[{i}]") for i, item in enumerate(value)]


def _choice(value: object, path: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{value!r} is not one of {', '.join(choices)}"[:200], path=path)
    return str(value)


def _expand(pattern: str, expansions: Mapping[str, list[str]], path: str) -> list[str]:
    parts: list[list[str]] = []
    pos = 0
    for m in _BRACES.finditer(pattern):
        parts.append([pattern[pos : m.start()]])
        body = m.group(1)
        if "|" in body:
            choices = body.split("|")
            named = [c for c in choices if c in expansions]
            if named:
                raise ConfigError(
                    f"{{{body}}} mixes the expansion {named[0]!r} into inline alternatives, "
                    "which are literal text; write one pattern per expansion instead",
                    path=path,
                )
            parts.append(choices)
        elif body in expansions:
            parts.append(expansions[body])
        else:
            known = ", ".join(sorted(expansions)) or "none defined"
            raise ConfigError(f"{{{body}}} names no expansion; known: {known}"[:300], path=path)
        pos = m.end()
    parts.append([pattern[pos:]])
    rest = _BRACES.sub("", pattern)
    if "{" in rest or "}" in rest:
        raise ConfigError(f"unbalanced braces in {pattern!r}", path=path)
    total = 1
    for choices in parts:
        total *= len(choices)
    if total > _MAX_VARIANTS:
        raise ConfigError(
            f"{pattern!r} expands to {total} variants (limit {_MAX_VARIANTS})", path=path
        )
    out = []
    for combo in itertools.product(*parts):
        text = " ".join("".join(combo).split())
        if not text:
            raise ConfigError(f"{pattern!r} expands to an empty pattern", path=path)
        if FILLER in text or any(ord(c) < 32 for c in text):
            raise ConfigError(f"{pattern!r} contains a control character", path=path)
        out.append(text)
    return list(dict.fromkeys(out))


def _patterns(
    value: object, path: str, expansions: Mapping[str, list[str]], *, allow_empty: bool
) -> tuple[str, ...]:
    raw = _str_list(value, path, allow_empty=allow_empty)
    out: list[str] = []
    for i, pattern in enumerate(raw):
        out.extend(_expand(pattern, expansions, f"{path}[{i}]"))
    return tuple(dict.fromkeys(out))


_CONTEXT_KEYS = tuple(f.name for f in attrs.fields(Context))


def _parse_context(value: object, path: str, markers: set[str]) -> Context:
    data = check_keys(value, path, optional=_CONTEXT_KEYS)
    kwargs: dict[str, Any] = {}
    for key in ("word_start", "word_end"):
        if key in data:
            kwargs[key] = _bool(data[key], f"{path}.{key}")
    if "before_final" in data:
        finals = _str_list(data["before_final"], f"{path}.before_final")
        for i, jamo in enumerate(finals):
            if jamo not in _HANGUL_FINALS:
                raise ConfigError(
                    f"{jamo!r} is not a Hangul final consonant (ㄱ … ㅎ)",
                    path=f"{path}.before_final[{i}]",
                )
        kwargs["before_final"] = tuple(finals)
    for key, choices in (
        ("right", RIGHT_CHOICES),
        ("extend_left", EXTEND_LEFT_CHOICES),
        ("extend_right", EXTEND_RIGHT_CHOICES),
        ("spacing", SPACING_CHOICES),
        ("scope", SCOPE_CHOICES),
    ):
        if key in data:
            kwargs[key] = _choice(data[key], f"{path}.{key}", choices)
    if "next_word_has" in data:
        kwargs["next_word_has"] = tuple(_str_list(data["next_word_has"], f"{path}.next_word_has"))
    for key in ("cleared_by", "requires"):
        if key in data:
            names = _str_list(data[key], f"{path}.{key}")
            for i, name in enumerate(names):
                if name not in markers:
                    known = ", ".join(sorted(markers)) or "none defined"
                    raise ConfigError(
                        f"{name!r} names no marker set; known: {known}"[:300],
                        path=f"{path}.{key}[{i}]",
                    )
            kwargs[key] = tuple(names)
    if "supersedes" in data:
        cats = _str_list(data["supersedes"], f"{path}.supersedes")
        out = []
        for i, cat in enumerate(cats):
            try:
                out.append(Category(cat))
            except ValueError:
                known = ", ".join(c.value for c in Category)
                raise ConfigError(
                    f"{cat!r} is not a category; known: {known}", path=f"{path}.supersedes[{i}]"
                ) from None
        kwargs["supersedes"] = tuple(out)
    return Context(**kwargs)


def _parse_rule(
    data: object,
    path: str,
    expansions: Mapping[str, list[str]],
    markers: set[str],
    *,
    signal: bool,
    seen: set[str],
) -> Rule:
    head = data if isinstance(data, dict) else {}
    rule_id = head.get("id")
    label = f"rule {rule_id!r}" if isinstance(rule_id, str) else "this rule"
    try:
        return _parse_rule_body(data, path, expansions, markers, signal=signal, seen=seen)
    except ConfigError as exc:
        raise ConfigError(f"{label}: {exc.reason}", path=exc.path) from None


def _parse_rule_body(
    data: object,
    path: str,
    expansions: Mapping[str, list[str]],
    markers: set[str],
    *,
    signal: bool,
    seen: set[str],
) -> Rule:
    required: tuple[str, ...]
    if signal:
        required = ("id", "kind", "patterns", "examples")
        optional: tuple[str, ...] = ("exceptions", "context")
    else:
        required = ("id", "category", "patterns", "message", "suggestions", "examples")
        optional = ("severity", "exceptions", "context", "translations")
    rule = check_keys(data, path, required=required, optional=optional)
    rule_id = _str(rule["id"], f"{path}.id")
    if not _ID.match(rule_id):
        raise ConfigError(
            f"id {rule_id!r} must be lower-case letters, digits, '.', '_' or '-'", path=f"{path}.id"
        )
    if rule_id in seen:
        raise ConfigError(f"id {rule_id!r} is used twice in this pack", path=f"{path}.id")
    seen.add(rule_id)
    kwargs: dict[str, Any] = {"id": rule_id}
    if signal:
        try:
            kwargs["kind"] = SignalKind(rule["kind"])
        except (ValueError, TypeError):
            known = ", ".join(k.value for k in SignalKind)
            raise ConfigError(
                f"kind {rule['kind']!r} is not one of {known}"[:300], path=f"{path}.kind"
            ) from None
    else:
        try:
            kwargs["category"] = Category(rule["category"])
        except (ValueError, TypeError):
            known = ", ".join(c.value for c in Category)
            raise ConfigError(
                f"category {rule['category']!r} is not one of {known}"[:300],
                path=f"{path}.category",
            ) from None
        if "severity" in rule:
            try:
                kwargs["severity"] = Severity(rule["severity"])
            except (ValueError, TypeError):
                raise ConfigError(
                    f"severity {rule['severity']!r} is not one of info, warning, error"[:300],
                    path=f"{path}.severity",
                ) from None
        kwargs["message"] = _str(rule["message"], f"{path}.message")
        kwargs["suggestions"] = tuple(
            _str_list(rule["suggestions"], f"{path}.suggestions", allow_empty=False)
        )
        if "translations" in rule:
            kwargs["translations"] = _parse_translations(
                rule["translations"], f"{path}.translations"
            )
    kwargs["patterns"] = _patterns(
        rule["patterns"], f"{path}.patterns", expansions, allow_empty=False
    )
    if "exceptions" in rule:
        kwargs["exceptions"] = _patterns(
            rule["exceptions"], f"{path}.exceptions", expansions, allow_empty=True
        )
    if "context" in rule:
        kwargs["context"] = _parse_context(rule["context"], f"{path}.context", markers)
    examples = check_keys(
        rule["examples"], f"{path}.examples", required=("flagged",), optional=("clean",)
    )
    kwargs["flagged_examples"] = tuple(
        _str_list(examples["flagged"], f"{path}.examples.flagged", allow_empty=False)
    )
    kwargs["clean_examples"] = tuple(_str_list(examples.get("clean", []), f"{path}.examples.clean"))
    return Rule(**kwargs)


def _parse_translations(value: object, path: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"expected a table of languages, got {value!r}"[:200], path=path)
    out = []
    for lang, entry in value.items():
        where = f"{path}.{lang}"
        body = check_keys(entry, where, required=("message", "suggestions"))
        out.append(
            (
                parse_locale(lang, where).language
                if _valid_locale(lang)
                else _bad_lang(lang, where),
                _str(body["message"], f"{where}.message"),
                tuple(_str_list(body["suggestions"], f"{where}.suggestions", allow_empty=False)),
            )
        )
    return tuple(out)


def _valid_locale(value: str) -> bool:
    try:
        parse_locale(value)
    except ValidationError:
        return False
    return True


def _bad_lang(value: str, path: str) -> str:
    raise ConfigError(f"{value!r} is not a locale identifier such as 'ko' or 'en'", path=path)


def _parse_pack(data: Mapping[str, Any], source: str | None) -> RulePack:
    doc = check_keys(
        data, "", required=("pack",), optional=("expansions", "markers", "rules", "signals")
    )
    head = check_keys(
        doc["pack"], "pack", required=("name", "locale"), optional=("spacing", "description")
    )
    name = _str(head["name"], "pack.name")
    locale = _str(head["locale"], "pack.locale")
    if not _valid_locale(locale):
        _bad_lang(locale, "pack.locale")
    spacing = _choice(head.get("spacing", "words"), "pack.spacing", PACK_SPACING_CHOICES)
    description = head.get("description", "")
    if not isinstance(description, str):
        raise ConfigError("expected a string", path="pack.description")
    expansions: dict[str, list[str]] = {}
    raw_exp = doc.get("expansions", {})
    if not isinstance(raw_exp, dict):
        raise ConfigError("expected a table of lists", path="expansions")
    for key, values in raw_exp.items():
        if "|" in key or "{" in key or "}" in key:
            raise ConfigError(
                f"expansion name {key!r} may not contain | {{ }}", path=f"expansions.{key}"
            )
        items = values if isinstance(values, list) else None
        if items is None or not all(isinstance(v, str) for v in items) or not items:
            raise ConfigError("expected a non-empty list of strings", path=f"expansions.{key}")
        expansions[key] = list(items)
    raw_markers = doc.get("markers", {})
    if not isinstance(raw_markers, dict):
        raise ConfigError("expected a table of marker sets", path="markers")
    marker_names = set(raw_markers)
    markers = []
    for mname, body in raw_markers.items():
        where = f"markers.{mname}"
        entry = check_keys(
            body, where, required=("patterns",), optional=("exceptions", "word_start")
        )
        markers.append(
            Marker(
                name=mname,
                patterns=_patterns(
                    entry["patterns"], f"{where}.patterns", expansions, allow_empty=False
                ),
                exceptions=_patterns(
                    entry.get("exceptions", []), f"{where}.exceptions", expansions, allow_empty=True
                ),
                word_start=_bool(entry.get("word_start", True), f"{where}.word_start"),
            )
        )
    seen: set[str] = set()
    rules = []
    raw_rules = doc.get("rules", [])
    if not isinstance(raw_rules, list):
        raise ConfigError("expected an array of rule tables", path="rules")
    for i, item in enumerate(raw_rules):
        rules.append(
            _parse_rule(item, f"rules[{i}]", expansions, marker_names, signal=False, seen=seen)
        )
    signal_rules = []
    raw_signals = doc.get("signals", [])
    if not isinstance(raw_signals, list):
        raise ConfigError("expected an array of signal tables", path="signals")
    for i, item in enumerate(raw_signals):
        signal_rules.append(
            _parse_rule(item, f"signals[{i}]", expansions, marker_names, signal=True, seen=seen)
        )
    return RulePack(
        name=name,
        locale=locale,
        spacing=spacing,
        description=description,
        rules=tuple(rules),
        signal_rules=tuple(signal_rules),
        markers=tuple(markers),
    )


def packs_for(language: str) -> tuple[RulePack, ...]:
    """Every registered pack for ``language``, in registry-name order."""
    out = []
    for name in rule_packs.names():
        provider: Callable[[], object] = rule_packs.get(name)
        pack = provider()
        if not isinstance(pack, RulePack):
            raise PluginError(
                f"rule pack provider {name!r} returned {type(pack).__name__}, not a RulePack"
            )
        if pack.language == language:
            out.append(pack)
    return tuple(out)
