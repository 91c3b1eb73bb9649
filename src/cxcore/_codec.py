"""Interactions and events to and from JSON-safe dicts: the core package's one serialisation edge.

The encoding: ``type`` is the event class name, the other keys its fields,
datetimes ISO 8601 with offset, enums by value; interactions carry ``"schema": 1``.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import Any

import attrs

from ._errors import ConfigError, CxcoreError
from ._events import EVENT_TYPES, Event
from ._interaction import Interaction
from ._loader import check_keys
from ._model import Customer

__all__ = [
    "SCHEMA",
    "event_from_dict",
    "event_to_dict",
    "interaction_from_dict",
    "interaction_to_dict",
]

#: The schema version written by :meth:`Interaction.to_dict`.
SCHEMA = 1


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    """``{"type": ClassName, field: value, ...}``."""
    out: dict[str, Any] = {"type": type(event).__name__}
    for field in attrs.fields(type(event)):
        out[field.name] = _plain(getattr(event, field.name))
    return out


def _datetime(value: object, path: str) -> datetime:
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, str):
        try:
            result = datetime.fromisoformat(value)
        except ValueError:
            raise ConfigError(
                f"{value!r} is not an ISO 8601 datetime; write e.g. '2026-03-03T10:00:00+09:00'",
                path=path,
            ) from None
    else:
        raise ConfigError(f"expected an ISO 8601 datetime string, got {value!r}"[:200], path=path)
    if result.utcoffset() is None:
        raise ConfigError(
            f"{value!r} has no UTC offset; write it with one, e.g. '2026-03-03T10:00:00+09:00'",
            path=path,
        )
    return result


def _build(cls: type[Any], kwargs: dict[str, Any], path: str) -> Any:
    try:
        return cls(**kwargs)
    except CxcoreError as exc:
        raise ConfigError(str(exc), path=path) from None


def event_from_dict(data: object, path: str = "") -> Event:
    """The event a dict from :func:`event_to_dict` describes."""
    if not isinstance(data, dict):
        raise ConfigError(f"an event must be an object, got {type(data).__name__}", path=path)
    type_name = data.get("type")
    cls = EVENT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise ConfigError(
            f"unknown event type {type_name!r}; known: {', '.join(sorted(EVENT_TYPES))}",
            path=f"{path}.type" if path else "type",
        )
    fields = attrs.fields(cls)
    required = tuple(f.name for f in fields if f.default is attrs.NOTHING)
    optional = tuple(f.name for f in fields if f.default is not attrs.NOTHING)
    check_keys(data, path, required=("type", *required), optional=optional)
    kwargs = {k: v for k, v in data.items() if k != "type"}
    kwargs["at"] = _datetime(kwargs["at"], f"{path}.at" if path else "at")
    return _build(cls, kwargs, path)  # type: ignore[no-any-return]


def interaction_to_dict(ix: Interaction) -> dict[str, Any]:
    """The JSON-safe form of ``ix`` (schema 1)."""
    return {
        "schema": SCHEMA,
        "id": ix.id,
        "channel": ix.channel,
        "opened_at": ix.opened_at.isoformat(),
        "customer": {k: v for k, v in attrs.asdict(ix.customer).items() if v is not None},
        "priority": ix.initial_priority.value,
        "subject": ix.subject,
        "linked_from": ix.linked_from,
        "events": [event_to_dict(e) for e in ix.events],
    }


_EVENT_PREFIX = re.compile(r"(events\[\d+\]):? (.*)", re.DOTALL)
_INTERACTION_KEYS = ("schema", "subject", "linked_from", "events", "priority")


def interaction_from_dict(data: object) -> Interaction:
    """The interaction a dict from :func:`interaction_to_dict` describes."""
    doc = check_keys(
        data, "", required=("id", "channel", "opened_at", "customer"), optional=_INTERACTION_KEYS
    )
    schema = doc.get("schema", SCHEMA)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ConfigError(f"schema must be a positive int (got {schema!r})", path="schema")
    if schema > SCHEMA:
        raise ConfigError(
            f"this document has schema {schema}, newer than the {SCHEMA} this cxcore reads; "
            "upgrade cxcore to read it",
            path="schema",
        )
    cust = check_keys(
        doc["customer"], "customer", required=("id",), optional=("tier", "locale", "name")
    )
    customer = _build(Customer, dict(cust), "customer")
    raw_events = doc.get("events", [])
    if not isinstance(raw_events, list):
        raise ConfigError(f"events must be a list, got {type(raw_events).__name__}", path="events")
    events = [event_from_dict(item, f"events[{i}]") for i, item in enumerate(raw_events)]
    kwargs: dict[str, Any] = {
        "id": doc["id"],
        "channel": doc["channel"],
        "opened_at": _datetime(doc["opened_at"], "opened_at"),
        "customer": customer,
        "subject": doc.get("subject"),
        "linked_from": doc.get("linked_from"),
        "events": events,
    }
    if "priority" in doc:
        kwargs["initial_priority"] = doc["priority"]
    try:
        return Interaction(**kwargs)
    except CxcoreError as exc:
        found = _EVENT_PREFIX.match(str(exc))
        if found is None:
            raise ConfigError(str(exc)) from None
        raise ConfigError(found.group(2), path=found.group(1)) from None
