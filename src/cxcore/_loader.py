"""Reading configuration documents (TOML or JSON) from files: the only file I/O besides the CLI."""

from __future__ import annotations

import json
import tomllib
from os import PathLike
from pathlib import Path
from typing import Any

from ._errors import ConfigError, ValidationError

__all__ = ["MAX_DEPTH", "check_keys", "load_document"]

#: How deeply a document may nest lists and tables. Real documents stay far below
#: it; the bound keeps every recursive reader (and every error message that shows
#: a value) clear of the interpreter's recursion limit, whatever the caller passes.
MAX_DEPTH = 100


def load_document(path: str | PathLike[str]) -> tuple[dict[str, Any], str]:
    """Parse ``path`` as TOML (``.toml``) or JSON (``.json``); return the document and its name."""
    if not isinstance(path, str | PathLike):
        raise ValidationError(f"path must be a str or os.PathLike (got {type(path).__name__})")
    p = Path(path)
    source = str(p)
    suffix = p.suffix.lower()
    if suffix not in {".toml", ".json"}:
        raise ConfigError(
            f"unsupported file type {p.suffix!r}; name the file *.toml or *.json", source=source
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the file ({exc.strerror or exc})", source=source) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("the file is not UTF-8; save it as UTF-8", source=source) from None
    try:
        data: object = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source=source) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"invalid JSON: {exc}", source=source) from None
    except RecursionError:
        # Both parsers recurse once per nested array or inline table.
        raise ConfigError(
            f"the file nests lists and tables too deeply to read (at most {MAX_DEPTH} levels); "
            "flatten it",
            source=source,
        ) from None
    if not isinstance(data, dict):
        raise ConfigError("the document must be a table/object at the top level", source=source)
    return data, source


def check_keys(
    data: object, path: str, *, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    """``data`` as a dict with only the known keys and every required one, or a ConfigError.

    At a document's root (``path == ""``) it also rejects nesting deeper than
    :data:`MAX_DEPTH`, so no reader that recurses into the document can run out of stack.
    """
    where = path or "the document"
    if not path:
        _check_depth(data)
    if not isinstance(data, dict):
        raise ConfigError(
            f"expected a table/object, got {type(data).__name__} {data!r}"[:200], path=path
        )
    for key in data:
        if key not in required and key not in optional:
            known = ", ".join(sorted((*required, *optional)))
            raise ConfigError(
                f"unknown key {key!r} in {where}; known keys: {known}",
                path=f"{path}.{key}" if path else str(key),
            )
    for key in required:
        if key not in data:
            raise ConfigError(f"{where} needs the key {key!r}", path=path)
    return data


def _check_depth(data: object) -> None:
    """Reject a document nested deeper than :data:`MAX_DEPTH` (iteratively: no recursion)."""
    stack: list[tuple[object, int, str]] = [(data, 0, "")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict):
            children: list[tuple[object, str]] = [
                (v, f"{path}.{k}" if path else str(k)) for k, v in value.items()
            ]
        elif isinstance(value, list | tuple):
            children = [(v, f"{path}[{i}]") for i, v in enumerate(value)]
        else:
            continue
        if depth >= MAX_DEPTH:
            raise ConfigError(
                f"the document nests lists and tables more than {MAX_DEPTH} levels deep; "
                "flatten it",
                path=path,
            )
        stack.extend((v, depth + 1, p) for v, p in children)
