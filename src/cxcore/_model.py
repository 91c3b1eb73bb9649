"""The interaction model's plain values: priorities, statuses, channels, customers."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

import attrs

from ._errors import ValidationError
from ._i18n import parse_locale

__all__ = [
    "Channel",
    "Customer",
    "Priority",
    "Status",
    "coerce_enum",
    "non_empty_str",
    "optional_str",
    "to_priority",
    "to_status",
]


class Priority(enum.StrEnum):
    """How urgent an interaction is; compared by rank (low < normal < high < urgent)."""

    __module__ = "cxcore"

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        """0 for low up to 3 for urgent."""
        return _PRIORITY_RANK[self]

    def _rank_of(self, other: object) -> int | None:
        if isinstance(other, Priority):
            return _PRIORITY_RANK[other]
        if isinstance(other, str):
            # Plain strings compare by rank too; an unknown one must not fall back to
            # str's alphabetical order through the reflected operator.
            try:
                return _PRIORITY_RANK[Priority(other)]
            except ValueError:
                raise ValidationError(
                    f"a Priority compares with low, normal, high or urgent (got {other!r})"
                ) from None
        return None

    def __lt__(self, other: object) -> bool:
        rank = self._rank_of(other)
        return NotImplemented if rank is None else _PRIORITY_RANK[self] < rank

    def __gt__(self, other: object) -> bool:
        rank = self._rank_of(other)
        return NotImplemented if rank is None else _PRIORITY_RANK[self] > rank

    def __le__(self, other: object) -> bool:
        rank = self._rank_of(other)
        return NotImplemented if rank is None else _PRIORITY_RANK[self] <= rank

    def __ge__(self, other: object) -> bool:
        rank = self._rank_of(other)
        return NotImplemented if rank is None else _PRIORITY_RANK[self] >= rank

    def __hash__(self) -> int:
        return hash(self.value)


_PRIORITY_RANK = {p: i for i, p in enumerate(Priority)}


class Status(enum.StrEnum):
    """Where an interaction is in its life; see the transition table in the docs."""

    __module__ = "cxcore"

    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    ON_HOLD = "on_hold"
    SOLVED = "solved"
    CLOSED = "closed"


class Channel:
    """Well-known channel names. Channels are open strings: hosts use their own freely."""

    __module__ = "cxcore"

    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    SOCIAL = "social"
    MESSAGING = "messaging"
    SMS = "sms"
    WEB = "web"
    IN_PERSON = "in_person"
    SELF_SERVICE = "self_service"

    #: Every well-known channel, in the order above.
    KNOWN = (PHONE, EMAIL, CHAT, SOCIAL, MESSAGING, SMS, WEB, IN_PERSON, SELF_SERVICE)


E = TypeVar("E", bound=enum.StrEnum)


def coerce_enum(cls: type[E], value: object, name: str) -> E:
    """``value`` as a member of ``cls`` (given the member or its value); errors name ``name``."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)  # type: ignore[arg-type]  # any non-member is rejected below
    except (ValueError, TypeError):
        known = ", ".join(repr(m.value) for m in cls)
        raise ValidationError(
            f"{name} must be a {cls.__name__} or one of {known} (got {value!r})"
        ) from None


def to_priority(value: object) -> Priority:
    """Converter: a :class:`Priority` from the member or its value."""
    return coerce_enum(Priority, value, "priority")


def to_status(value: object) -> Status:
    """Converter: a :class:`Status` from the member or its value."""
    return coerce_enum(Status, value, "status")


def non_empty_str(name: str) -> Any:
    """An attrs validator: a non-empty str, else a ValidationError naming ``name``."""

    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{name} must be a non-empty str (got {value!r})")

    return check


def optional_str(name: str) -> Any:
    """An attrs validator: None or a non-empty str."""
    check = non_empty_str(name)

    def validate(inst: object, attr: object, value: object) -> None:
        if value is not None:
            check(inst, attr, value)

    return validate


def _locale_or_none(value: object) -> str | None:
    if value is None:
        return None
    return str(parse_locale(value, "Customer.locale")).replace("_", "-")


@attrs.frozen(kw_only=True)
class Customer:
    """The person an interaction is with. Immutable; use :func:`attrs.evolve` to change.

    ``locale`` is normalised to a BCP 47-style tag (``"ko-KR"``); None when unknown,
    in which case localised output falls back to English.
    """

    __module__ = "cxcore"

    id: str = attrs.field(validator=non_empty_str("Customer.id"))
    tier: str = attrs.field(default="standard", validator=non_empty_str("Customer.tier"))
    locale: str | None = attrs.field(default=None, converter=_locale_or_none)
    name: str | None = attrs.field(default=None, validator=optional_str("Customer.name"))
