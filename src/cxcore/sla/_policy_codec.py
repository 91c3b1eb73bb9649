"""SLA policies to and from their document form (dicts, TOML, JSON): the policy's one edge.

Every error names the 0-based path inside the document (``targets[2].within``) and,
when a file was loaded, the file. Nothing here evaluates anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from os import PathLike
from typing import Any

from cxcore._errors import ConfigError, ValidationError
from cxcore._loader import check_keys, load_document
from cxcore._model import Priority, Status
from cxcore._time import duration_from_config, format_duration

from ._calendar import BusinessCalendar
from ._metric import Metric
from ._policy import REOPEN_MODES, SlaPolicy, Target, When, to_pause_statuses, to_warning

__all__ = ["load_policy", "policy_from_dict", "policy_to_dict", "when_from_dict"]

_WHEN_KEYS = ("channel", "tier", "priority", "team", "tags")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _choices(values: object) -> str:
    return ", ".join(repr(v) for v in values)  # type: ignore[attr-defined]


def when_from_dict(data: object, path: str) -> When:
    """A :class:`When` from ``{"priority": ["high"], ...}``."""
    d = check_keys(data, path, optional=_WHEN_KEYS)
    values: dict[str, frozenset[Any]] = {}
    for key, raw in d.items():
        where = _join(path, key)
        if not isinstance(raw, list | tuple) or not raw:
            raise ConfigError(
                f'expected a non-empty list of accepted values, e.g. ["x"] (got {raw!r})'[:200],
                path=where,
            )
        items: set[Any] = set()
        for index, item in enumerate(raw):
            if not isinstance(item, str) or not item.strip():
                raise ConfigError(
                    f"expected a non-empty string (got {item!r})", path=f"{where}[{index}]"
                )
            if key == "priority":
                try:
                    items.add(Priority(item))
                except ValueError:
                    raise ConfigError(
                        f"unknown priority {item!r}; use one of "
                        f"{_choices(p.value for p in Priority)}",
                        path=f"{where}[{index}]",
                    ) from None
            else:
                items.add(item)
        values[key] = frozenset(items)
    return When(**values)


def _when_to_dict(when: When) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in _WHEN_KEYS:
        accepted = getattr(when, key)
        if accepted is None:
            continue
        if key == "priority":
            out[key] = [p.value for p in Priority if p in accepted]
        else:
            out[key] = sorted(accepted)
    return out


def _target_from_dict(data: object, path: str) -> Target:
    d = check_keys(data, path, required=("metric", "within"), optional=("when", "business_hours"))
    raw_metric = d["metric"]
    if not isinstance(raw_metric, str) or raw_metric not in {m.value for m in Metric}:
        raise ConfigError(
            f"unknown metric {raw_metric!r}; use one of {_choices(m.value for m in Metric)}",
            path=_join(path, "metric"),
        )
    within = duration_from_config(d["within"], _join(path, "within"))
    business_hours = d.get("business_hours", True)
    if not isinstance(business_hours, bool):
        raise ConfigError(
            f"expected true or false (got {business_hours!r})", path=_join(path, "business_hours")
        )
    when = when_from_dict(d["when"], _join(path, "when")) if "when" in d else When()
    return Target(
        metric=Metric(raw_metric), within=within, business_hours=business_hours, when=when
    )


def _target_to_dict(target: Target) -> dict[str, Any]:
    out: dict[str, Any] = {"metric": target.metric.value, "within": format_duration(target.within)}
    if not target.business_hours:
        out["business_hours"] = False
    when = _when_to_dict(target.when)
    if when:
        out["when"] = when
    return out


def _calendar_from_dict(data: object) -> BusinessCalendar:
    if not isinstance(data, Mapping):
        raise ConfigError(
            f"expected a calendar table with 'timezone' and 'hours' (got {data!r})"[:200],
            path="calendar",
        )
    try:
        return BusinessCalendar.from_dict(data)
    except ConfigError as exc:
        raise ConfigError(exc.reason, path=_join("calendar", exc.path)) from None
    except ValidationError as exc:
        raise ConfigError(str(exc), path="calendar") from None


def policy_from_dict(data: object) -> SlaPolicy:
    """An :class:`SlaPolicy` from the documented dict format."""
    d = check_keys(
        data,
        "",
        required=("name", "targets"),
        optional=("calendar", "warning", "pause_resolution_on", "reopen"),
    )
    name = d["name"]
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"the policy needs a non-empty name (got {name!r})", path="name")
    calendar = _calendar_from_dict(d["calendar"]) if "calendar" in d else None
    kwargs: dict[str, Any] = {}
    if "warning" in d:
        try:
            kwargs["warning"] = to_warning(d["warning"])
        except ValidationError as exc:
            raise ConfigError(str(exc), path="warning") from None
    if "pause_resolution_on" in d:
        raw = d["pause_resolution_on"]
        if not isinstance(raw, list | tuple):
            raise ConfigError(
                f'expected a list of statuses such as ["pending"] (got {raw!r})'[:200],
                path="pause_resolution_on",
            )
        for index, item in enumerate(raw):
            pausable = [s.value for s in Status if s.value not in ("solved", "closed")]
            if item in ("solved", "closed"):
                raise ConfigError(
                    f"{item!r} stops RESOLUTION rather than pausing it; "
                    f"list only {_choices(pausable)}",
                    path=f"pause_resolution_on[{index}]",
                )
            if not isinstance(item, str) or item not in pausable:
                raise ConfigError(
                    f"unknown status {item!r}; use {_choices(pausable)}",
                    path=f"pause_resolution_on[{index}]",
                )
        kwargs["pause_resolution_on"] = to_pause_statuses(raw)
    if "reopen" in d:
        reopen = d["reopen"]
        if reopen not in REOPEN_MODES:
            raise ConfigError(
                f"unknown reopen mode {reopen!r}; use 'cumulative' (resume the same RESOLUTION "
                "cycle) or 'fresh' (start a new one)",
                path="reopen",
            )
        kwargs["reopen"] = reopen
    raw_targets = d["targets"]
    if not isinstance(raw_targets, list | tuple):
        raise ConfigError(
            f"expected a list of targets (got {type(raw_targets).__name__})", path="targets"
        )
    targets = tuple(_target_from_dict(t, f"targets[{i}]") for i, t in enumerate(raw_targets))
    return SlaPolicy(name=name, calendar=calendar, targets=targets, **kwargs)


def _warning_to_plain(warning: Fraction) -> float | str:
    as_float = float(warning)
    return as_float if Fraction(str(as_float)) == warning else str(warning)


def policy_to_dict(policy: SlaPolicy) -> dict[str, Any]:
    """The dict :func:`policy_from_dict` reads back equal."""
    out: dict[str, Any] = {"name": policy.name}
    if policy.calendar is not None:
        out["calendar"] = policy.calendar.to_dict()
    out["warning"] = _warning_to_plain(policy.warning)
    out["pause_resolution_on"] = [s.value for s in Status if s in policy.pause_resolution_on]
    out["reopen"] = policy.reopen
    out["targets"] = [_target_to_dict(t) for t in policy.targets]
    return out


def load_policy(path: str | PathLike[str]) -> SlaPolicy:
    """A policy from a TOML or JSON file; errors name the file and the path inside it."""
    data, source = load_document(path)
    try:
        return policy_from_dict(data)
    except ConfigError as exc:
        raise ConfigError(exc.reason, path=exc.path, source=source) from None
