"""The values the phrasing checker returns: categories, severities, findings and signals."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from cxcore._errors import ValidationError

__all__ = ["SIGNAL_KINDS", "Category", "Finding", "Severity", "Signal", "SignalKind"]


class Category(enum.StrEnum):
    """What is wrong with a phrase (see the categories in the explanation docs)."""

    __module__ = "cxcore.language"

    NEGATIVE_FRAMING = "negative-framing"
    BLAME = "blame"
    SYMPATHY = "sympathy"
    JARGON = "jargon"
    DISMISSIVE = "dismissive"
    COMMANDING = "commanding"
    IMPOLITE = "impolite"


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Severity(enum.StrEnum):
    """How much a finding matters; ordered by rank (``info < warning < error``)."""

    __module__ = "cxcore.language"

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _SEVERITY_RANK[self.value]

    def _compare(self, other: object) -> int | None:
        if isinstance(other, Severity):
            return self.rank - other.rank
        if isinstance(other, str):
            if other not in _SEVERITY_RANK:
                # str would otherwise compare alphabetically through the reflected operator.
                raise ValidationError(
                    f"a Severity compares with info, warning or error (got {other!r})"
                )
            return self.rank - _SEVERITY_RANK[other]
        return None

    def __lt__(self, other: object) -> bool:
        diff = self._compare(other)
        if diff is None:
            return NotImplemented
        return diff < 0

    def __le__(self, other: object) -> bool:
        diff = self._compare(other)
        if diff is None:
            return NotImplemented
        return diff <= 0

    def __gt__(self, other: object) -> bool:
        diff = self._compare(other)
        if diff is None:
            return NotImplemented
        return diff > 0

    def __ge__(self, other: object) -> bool:
        diff = self._compare(other)
        if diff is None:
            return NotImplemented
        return diff >= 0


class SignalKind(enum.StrEnum):
    """A customer-side signal that escalation rules can react to."""

    __module__ = "cxcore.language"

    ASKS_FOR_HUMAN = "asks_for_human"
    FRUSTRATION = "frustration"
    CHURN_RISK = "churn_risk"
    URGENCY = "urgency"


#: Every signal kind, as strings (escalation validates its ``signal`` leaves against this).
SIGNAL_KINDS: tuple[str, ...] = tuple(kind.value for kind in SignalKind)


def _category(value: object) -> Category:
    if isinstance(value, Category):
        return value
    try:
        return Category(str(value)) if isinstance(value, str) else Category(value)  # type: ignore[arg-type]
    except ValueError:
        known = ", ".join(c.value for c in Category)
        raise ValidationError(f"category must be one of {known} (got {value!r})") from None


def _severity(value: object) -> Severity:
    if isinstance(value, Severity):
        return value
    if isinstance(value, str) and value in _SEVERITY_RANK:
        return Severity(value)
    raise ValidationError(f"severity must be one of info, warning, error (got {value!r})")


def _signal_kind(value: object) -> SignalKind:
    if isinstance(value, SignalKind):
        return value
    if isinstance(value, str) and value in SIGNAL_KINDS:
        return SignalKind(value)
    raise ValidationError(f"kind must be one of {', '.join(SIGNAL_KINDS)} (got {value!r})")


def _span_validator(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(f"{attribute.name} must be a non-negative int (got {value!r})")


def _check_span(start: int, end: int, text: str) -> None:
    if end < start:
        raise ValidationError(f"end ({end}) must not be before start ({start})")
    if end - start != len(text):
        raise ValidationError(
            f"text must be the span's characters: end - start is {end - start}, "
            f"len(text) is {len(text)}"
        )


def _str_validator(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise ValidationError(f"{attribute.name} must be a str (got {type(value).__name__})")


def _suggestions(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValidationError(f"suggestions must be a list of str (got {value!r})")
    if not all(isinstance(item, str) for item in value):
        raise ValidationError("suggestions must be a list of str")
    return tuple(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One offending expression: ``text[start:end] == finding.text`` on the checked text."""

    __module__ = "cxcore.language"

    category: Category = attrs.field(converter=_category)
    start: int = attrs.field(validator=_span_validator)
    end: int = attrs.field(validator=_span_validator)
    text: str = attrs.field(validator=_str_validator)
    rule_id: str = attrs.field(validator=_str_validator)
    message: str = attrs.field(validator=_str_validator)
    suggestions: tuple[str, ...] = attrs.field(converter=_suggestions)
    severity: Severity = attrs.field(converter=_severity)

    def __attrs_post_init__(self) -> None:
        _check_span(self.start, self.end, self.text)

    @classmethod
    def _trusted(
        cls,
        *,
        category: Category,
        start: int,
        end: int,
        text: str,
        rule_id: str,
        message: str,
        suggestions: tuple[str, ...],
        severity: Severity,
    ) -> Finding:
        """Build a finding from values the checker already validated (its hot path)."""
        self = object.__new__(cls)
        set_field = object.__setattr__
        set_field(self, "category", category)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "text", text)
        set_field(self, "rule_id", rule_id)
        set_field(self, "message", message)
        set_field(self, "suggestions", suggestions)
        set_field(self, "severity", severity)
        return self


@attrs.frozen(kw_only=True)
class Signal:
    """A customer-side signal found in a message, with its exact span."""

    __module__ = "cxcore.language"

    kind: SignalKind = attrs.field(converter=_signal_kind)
    start: int = attrs.field(validator=_span_validator)
    end: int = attrs.field(validator=_span_validator)
    text: str = attrs.field(validator=_str_validator)

    def __attrs_post_init__(self) -> None:
        _check_span(self.start, self.end, self.text)
