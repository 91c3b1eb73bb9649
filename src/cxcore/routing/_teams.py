"""Teams as data: who serves which locales, channels and skills, on which business hours.

A team is a value: an id, a :class:`~cxcore.sla.BusinessCalendar`, the locales,
channels and skill tags it handles, and an optional capacity. This module only
describes teams; choosing one for an interaction is ``_route``, and reading
teams from documents is ``_codec``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any

import attrs
import babel

from cxcore._errors import ValidationError
from cxcore._i18n import parse_locale
from cxcore._model import non_empty_str
from cxcore.sla import BusinessCalendar

__all__ = ["ANY", "Team", "Teams", "locale_tag", "parsed_locale"]

#: Written alone in ``locales`` or ``channels``: the team serves every locale or channel.
ANY = "*"


@functools.lru_cache(maxsize=512)
def parsed_locale(tag: str) -> babel.Locale:
    """The :class:`babel.Locale` of a normalised tag (cached: teams repeat few locales)."""
    return parse_locale(tag)


def locale_tag(value: object, name: str) -> str:
    """``value`` as a normalised BCP 47-style tag (``"ko"``, ``"en-US"``, ``"zh-Hant-TW"``)."""
    loc = parse_locale(value, name)
    return "-".join(p for p in (loc.language, loc.script, loc.territory) if p)


def _unique_strs(value: object, name: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(f"{name} must be a list of str (got {value!r})")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(f"{name} must hold non-empty str values (got {item!r})")
        if item not in out:
            out.append(item)
    return tuple(out)


def _wildcard_alone(values: tuple[str, ...], name: str) -> tuple[str, ...]:
    if ANY in values and len(values) > 1:
        raise ValidationError(f'{name}: "*" (any) must be alone; drop the other values or the "*"')
    if not values:
        raise ValidationError(f'{name} must not be empty; list values or write ["*"] for any')
    return values


def _to_locales(value: object) -> tuple[str, ...]:
    values = _wildcard_alone(_unique_strs(value, "Team.locales"), "Team.locales")
    if values == (ANY,):
        return values
    tags: list[str] = []
    for item in values:
        tag = locale_tag(item, "Team.locales")
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _to_channels(value: object) -> tuple[str, ...]:
    return _wildcard_alone(_unique_strs(value, "Team.channels"), "Team.channels")


def _to_tags(value: object) -> frozenset[str]:
    return frozenset(_unique_strs(value, "Team.tags"))


def _check_calendar(_inst: object, _attr: object, value: Any) -> None:
    if not isinstance(value, BusinessCalendar):
        raise ValidationError(
            "Team.calendar must be a cxcore.sla.BusinessCalendar (got "
            f"{type(value).__name__}); build one with BusinessCalendar.from_dict({{...}})"
        )


def _check_capacity(_inst: object, _attr: object, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            f"Team.capacity must be None (no limit) or an int >= 0 (got {value!r})"
        )


@attrs.frozen(kw_only=True)
class Team:
    """A team that can take interactions: its hours, locales, channels, skills and capacity.

    ``locales`` are locale tags matched by language with a preference for the same
    region (a team serving ``"en-US"`` takes an ``en-GB`` customer, after any
    ``en-GB`` team); ``("*",)`` serves every locale. ``channels`` likewise, with
    ``("*",)`` for all. ``tags`` are the skills it handles. ``capacity`` is the most
    open interactions it takes at once (None: no limit); :func:`route` compares it
    with the load the host passes.
    """

    __module__ = "cxcore.routing"

    id: str = attrs.field(validator=non_empty_str("Team.id"))
    calendar: BusinessCalendar = attrs.field(validator=_check_calendar)
    locales: tuple[str, ...] = attrs.field(default=(ANY,), converter=_to_locales)
    channels: tuple[str, ...] = attrs.field(default=(ANY,), converter=_to_channels)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_to_tags)
    capacity: int | None = attrs.field(default=None, validator=_check_capacity)

    @property
    def any_locale(self) -> bool:
        """Whether the team serves every locale (``locales == ("*",)``)."""
        return self.locales == (ANY,)

    @property
    def any_channel(self) -> bool:
        """Whether the team serves every channel (``channels == ("*",)``)."""
        return self.channels == (ANY,)

    @classmethod
    def from_dict(cls, data: object) -> Team:
        """Build from the documented dict format; a bad document is a ConfigError with its path."""
        from ._codec import team_from_dict

        return team_from_dict(data, "")

    def to_dict(self) -> dict[str, Any]:
        """The dict format :meth:`from_dict` reads back equal."""
        from ._codec import team_to_dict

        return team_to_dict(self)


def _to_team_tuple(value: object) -> tuple[Team, ...]:
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise ValidationError(f"teams must be an iterable of cxcore.routing.Team (got {value!r})")
    teams = tuple(value)
    seen: set[str] = set()
    for index, team in enumerate(teams):
        if not isinstance(team, Team):
            raise ValidationError(
                f"teams[{index}] must be a cxcore.routing.Team (got {type(team).__name__})"
            )
        if team.id in seen:
            raise ValidationError(f"teams[{index}]: the team id {team.id!r} is used twice")
        seen.add(team.id)
    return teams


@attrs.frozen(kw_only=True)
class Teams:
    """An ordered set of teams with unique ids, as loaded from a document.

    Iterating yields the teams in document order; ``teams["seoul"]`` finds one by id.
    """

    __module__ = "cxcore.routing"

    teams: tuple[Team, ...] = attrs.field(converter=_to_team_tuple)

    def __iter__(self) -> Iterator[Team]:
        return iter(self.teams)

    def __len__(self) -> int:
        return len(self.teams)

    def __contains__(self, team_id: object) -> bool:
        return any(team.id == team_id for team in self.teams)

    def __getitem__(self, team_id: str) -> Team:
        for team in self.teams:
            if team.id == team_id:
                return team
        known = ", ".join(repr(team.id) for team in self.teams)
        raise ValidationError(f"no team with id {team_id!r}; known ids: {known}")

    @classmethod
    def from_dict(cls, data: object) -> Teams:
        """Build from ``{"teams": [...]}``; a bad document is a ConfigError with its path."""
        from ._codec import teams_from_dict

        return teams_from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The dict format :meth:`from_dict` reads back equal."""
        from ._codec import teams_to_dict

        return teams_to_dict(self)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Teams:
        """Read teams from a ``.toml`` or ``.json`` file in the :meth:`from_dict` format."""
        from ._codec import load_teams

        return load_teams(path)
