"""Teams and break policies to and from plain data (dicts, TOML and JSON files).

The only place routing reads documents: every check names the 0-based path of
the offending value (``teams[1].calendar.hours.mon[0]``), unknown keys are
refused, and nothing is executed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

from cxcore._errors import ConfigError, ValidationError
from cxcore._loader import check_keys, load_document
from cxcore._time import duration_from_config, format_duration
from cxcore.sla import BusinessCalendar

from ._teams import ANY, Team, Teams, locale_tag

if TYPE_CHECKING:
    from ._breaks import BreakPolicy

__all__ = [
    "break_policy_from_dict",
    "break_policy_to_dict",
    "load_break_policy",
    "load_teams",
    "team_from_dict",
    "team_to_dict",
    "teams_from_dict",
    "teams_to_dict",
]

T = TypeVar("T")


def _join(prefix: str, path: str) -> str:
    if not path:
        return prefix
    if not prefix:
        return path
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


def _at(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _str_list(value: object, path: str, *, allow_any: bool) -> list[str]:
    if not isinstance(value, list):
        raise ConfigError(f"expected a list of strings, got {value!r}"[:200], path=path)
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(
                f"expected a non-empty string, got {item!r}"[:200], path=f"{path}[{index}]"
            )
        if item == ANY and not allow_any:
            raise ConfigError('"*" is not allowed here', path=f"{path}[{index}]")
    if allow_any and not value:
        raise ConfigError('the list is empty; list values, or write ["*"] for any', path=path)
    if allow_any and ANY in value and len(value) > 1:
        raise ConfigError('"*" (any) must be alone in the list', path=path)
    return value


def _locales(value: object, path: str) -> list[str]:
    items = _str_list(value, path, allow_any=True)
    if items != [ANY]:
        for index, item in enumerate(items):
            try:
                locale_tag(item, "locale")
            except ValidationError:
                raise ConfigError(
                    f"{item!r} is not a known locale; write a tag such as 'ko', 'ko-KR' or 'en-US'",
                    path=f"{path}[{index}]",
                ) from None
    return items


def _calendar(value: object, path: str) -> BusinessCalendar:
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"expected a calendar table/object, got {type(value).__name__} {value!r}"[:200],
            path=path,
        )
    try:
        return BusinessCalendar.from_dict(value)
    except ConfigError as exc:
        raise ConfigError(exc.reason, path=_join(path, exc.path)) from None
    except ValidationError as exc:
        raise ConfigError(str(exc), path=path) from None


def _int(value: object, path: str, *, minimum: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{what} must be an integer >= {minimum} (got {value!r})", path=path)
    return value


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"expected true or false, got {value!r}", path=path)
    return value


def _build(factory: Callable[[], T], path: str) -> T:
    # Checks above cover every documented key; this only relabels a remaining argument
    # error with the document path, so no ValidationError escapes a loader.
    try:
        return factory()
    except ValidationError as exc:
        raise ConfigError(str(exc), path=path) from None


def team_from_dict(data: object, path: str) -> Team:
    """A :class:`Team` from its dict; errors carry ``path`` as their prefix."""
    d = check_keys(
        data,
        path,
        required=("id", "calendar"),
        optional=("locales", "channels", "tags", "capacity"),
    )
    team_id = d["id"]
    if not isinstance(team_id, str) or not team_id.strip():
        raise ConfigError(
            f"a team id must be a non-empty string (got {team_id!r})", path=_at(path, "id")
        )
    calendar = _calendar(d["calendar"], _at(path, "calendar"))
    kwargs: dict[str, Any] = {}
    if "locales" in d:
        kwargs["locales"] = _locales(d["locales"], _at(path, "locales"))
    if "channels" in d:
        kwargs["channels"] = _str_list(d["channels"], _at(path, "channels"), allow_any=True)
    if "tags" in d:
        kwargs["tags"] = _str_list(d["tags"], _at(path, "tags"), allow_any=False)
    if "capacity" in d:
        kwargs["capacity"] = _int(d["capacity"], _at(path, "capacity"), minimum=0, what="capacity")
    return _build(lambda: Team(id=team_id, calendar=calendar, **kwargs), path)


def team_to_dict(team: Team) -> dict[str, Any]:
    """The dict :func:`team_from_dict` reads back equal."""
    out: dict[str, Any] = {
        "id": team.id,
        "calendar": team.calendar.to_dict(),
        "locales": list(team.locales),
        "channels": list(team.channels),
    }
    if team.tags:
        out["tags"] = sorted(team.tags)
    if team.capacity is not None:
        out["capacity"] = team.capacity
    return out


def teams_from_dict(data: object, source: str | None = None) -> Teams:
    """:class:`Teams` from ``{"teams": [...]}``."""
    try:
        d = check_keys(data, "", required=("teams",))
        items = d["teams"]
        if not isinstance(items, list) or not items:
            raise ConfigError("teams must be a non-empty list of team tables", path="teams")
        teams: list[Team] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            team = team_from_dict(item, f"teams[{index}]")
            if team.id in seen:
                raise ConfigError(
                    f"the team id {team.id!r} is already used by teams[{seen[team.id]}]; "
                    "give each team its own id",
                    path=f"teams[{index}].id",
                )
            seen[team.id] = index
            teams.append(team)
        return Teams(teams=teams)
    except ConfigError as exc:
        if source is None:
            raise
        raise ConfigError(exc.reason, path=exc.path, source=source) from None


def teams_to_dict(teams: Teams) -> dict[str, Any]:
    """The dict :func:`teams_from_dict` reads back equal."""
    return {"teams": [team_to_dict(team) for team in teams]}


def load_teams(path: str | PathLike[str]) -> Teams:
    """:class:`Teams` from a TOML or JSON file; errors name the file."""
    data, source = load_document(path)
    return teams_from_dict(data, source)


# Break policies -------------------------------------------------------------------------

_DIFFICULT_KEYS = ("frustration", "escalated", "survey", "handling_over")


def _duration(value: object, path: str, *, allow_zero: bool = False) -> timedelta:
    return duration_from_config(value, path, allow_zero=allow_zero)


def break_policy_from_dict(data: object, source: str | None = None) -> BreakPolicy:
    """A :class:`BreakPolicy` from its documented dict format."""
    from ._breaks import BreakPolicy

    try:
        d = check_keys(
            data,
            "",
            optional=("difficult_contacts", "within", "break", "cooldown", "difficult"),
        )
        kwargs: dict[str, Any] = {}
        if "difficult_contacts" in d:
            kwargs["difficult_contacts"] = _int(
                d["difficult_contacts"],
                "difficult_contacts",
                minimum=1,
                what="difficult_contacts",
            )
        if "within" in d:
            kwargs["within"] = _duration(d["within"], "within")
        if "break" in d:
            kwargs["break_duration"] = _duration(d["break"], "break")
        if "cooldown" in d:
            kwargs["cooldown"] = _duration(d["cooldown"], "cooldown", allow_zero=True)
        if "difficult" in d:
            kwargs.update(_difficult_from_dict(d["difficult"]))
        return _build(lambda: BreakPolicy(**kwargs), "")
    except ConfigError as exc:
        if source is None:
            raise
        raise ConfigError(exc.reason, path=exc.path, source=source) from None


def _difficult_from_dict(data: object) -> dict[str, Any]:
    d = check_keys(data, "difficult", optional=_DIFFICULT_KEYS)
    out: dict[str, Any] = {}
    if "frustration" in d:
        out["frustration"] = _bool(d["frustration"], "difficult.frustration")
    if "escalated" in d:
        out["escalated"] = _bool(d["escalated"], "difficult.escalated")
    if "survey" in d:
        survey = d["survey"]
        if survey is False:
            out["survey_at_most"] = None
        else:
            s = check_keys(survey, "difficult.survey", required=("at_most",), optional=("name",))
            if "name" in s:
                name = s["name"]
                if not isinstance(name, str) or not name.strip():
                    raise ConfigError(
                        f"a survey name must be a non-empty string (got {name!r})",
                        path="difficult.survey.name",
                    )
                out["survey"] = name
            at_most = s["at_most"]
            if isinstance(at_most, bool) or not isinstance(at_most, int):
                raise ConfigError(
                    f"at_most must be an integer score (got {at_most!r})",
                    path="difficult.survey.at_most",
                )
            out["survey_at_most"] = at_most
    if "handling_over" in d:
        value = d["handling_over"]
        out["handling_over"] = (
            None if value is False else _duration(value, "difficult.handling_over")
        )
    if (
        out.get("frustration") is False
        and out.get("escalated") is False
        and out.get("survey_at_most", 0) is None
        and out.get("handling_over", 0) is None
    ):
        raise ConfigError(
            "every criterion is switched off, so no contact could ever be difficult; "
            "keep at least one of frustration, escalated, survey, handling_over",
            path="difficult",
        )
    return out


def break_policy_to_dict(policy: BreakPolicy) -> dict[str, Any]:
    """The dict :func:`break_policy_from_dict` reads back equal."""
    return {
        "difficult_contacts": policy.difficult_contacts,
        "within": format_duration(policy.within),
        "break": format_duration(policy.break_duration),
        "cooldown": format_duration(policy.cooldown),
        "difficult": {
            "frustration": policy.frustration,
            "escalated": policy.escalated,
            "survey": False
            if policy.survey_at_most is None
            else {"name": policy.survey, "at_most": policy.survey_at_most},
            "handling_over": False
            if policy.handling_over is None
            else format_duration(policy.handling_over),
        },
    }


def load_break_policy(path: str | PathLike[str]) -> BreakPolicy:
    """A :class:`BreakPolicy` from a TOML or JSON file; errors name the file."""
    data, source = load_document(path)
    return break_policy_from_dict(data, source)
