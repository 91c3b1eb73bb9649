"""Aware datetimes and durations: the checks and parsers every package shares."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import ConfigError, ValidationError

__all__ = [
    "UTC",
    "duration_from_config",
    "format_duration",
    "instant",
    "parse_duration",
    "require_aware",
    "require_duration",
    "resolve_zone",
]

_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
# Each alternative is a fixed token; the regex cannot backtrack beyond one unit group.
_COMPACT = re.compile(r"(?:(\d+(?:\.\d+)?)([wdhms]))")
_ISO = re.compile(
    r"P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?"
)


def require_aware(value: object, name: str) -> datetime:
    """Return ``value`` if it is an aware datetime, else raise a ValidationError naming ``name``."""
    if not isinstance(value, datetime):
        raise ValidationError(
            f"{name} must be a timezone-aware datetime (got {type(value).__name__} {value!r}); "
            "pass e.g. datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo('Asia/Seoul'))"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"{name} must be timezone-aware (got {value.isoformat(sep=' ')} with no tzinfo); "
            "attach a zone, e.g. datetime(..., tzinfo=ZoneInfo('Asia/Seoul'))"
        )
    return value


#: The origin :func:`instant` measures from (any aware moment would do).
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def instant(moment: datetime) -> timedelta:
    """Where ``moment`` lies on the time line: the key aware datetimes compare and hash by.

    Python compares two datetimes that share a tzinfo by wall time and ignores
    ``fold``, so the two 01:30s of a fall-back night would be equal; as instants
    they are an hour apart. The difference from a UTC origin honours ``fold``
    (the zones differ) and, unlike ``astimezone``, cannot overflow near year 1 or 9999.
    """
    return moment - _EPOCH


def require_duration(value: object, name: str, *, allow_zero: bool = True) -> timedelta:
    """Return ``value`` if it is a non-negative timedelta, else raise a ValidationError."""
    if not isinstance(value, timedelta):
        raise ValidationError(
            f"{name} must be a datetime.timedelta (got {type(value).__name__} {value!r}); "
            "pass e.g. timedelta(hours=8)"
        )
    if value < timedelta(0) or (not allow_zero and value == timedelta(0)):
        bound = "positive" if not allow_zero else "zero or positive"
        raise ValidationError(f"{name} must be {bound} (got {value!r})")
    return value


def resolve_zone(value: object, name: str) -> tzinfo:
    """An IANA zone name or a tzinfo, as a tzinfo; unknown names are a ValidationError."""
    if isinstance(value, tzinfo):
        return value
    if not isinstance(value, str) or not value:
        raise ValidationError(
            f"{name} must be an IANA time zone name such as 'Asia/Seoul' (got {value!r})"
        )
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError(
            f"{name}: unknown time zone {value!r}; use an IANA name such as 'Asia/Seoul' "
            "or 'Europe/Berlin'"
        ) from None


#: Durations are shorter than this many seconds (about 31,700 years), as config numbers are.
_MAX_SECONDS = 1e12


def _bounded(seconds: float, text: str) -> timedelta:
    if not math.isfinite(seconds) or seconds >= _MAX_SECONDS:
        shown = text if len(text) <= 40 else f"{text[:40]}…"
        raise ValidationError(
            f"the duration {shown!r} is too long; durations are shorter than "
            "10^12 seconds (about 31,700 years)"
        )
    return timedelta(seconds=seconds)


def parse_duration(text: str) -> timedelta | None:
    """Parse ``"90m"``, ``"1h30m"``, ``"2d"``, ``"PT1H30M"`` or ``"3600"``; None if malformed.

    Only ASCII digits count. A well-formed duration of 10^12 seconds or more is a
    :class:`ValidationError` (no timedelta holds it).
    """
    s = text.strip()
    if not s or not s.isascii():
        return None
    if s.isdigit():
        return _bounded(int(s) if len(s) <= 18 else math.inf, s)
    if s[0] in "Pp":
        m = _ISO.fullmatch(s.upper())
        if m is None or not any(m.groupdict().values()) or s.upper().endswith("T"):
            return None
        g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
        scaled = (
            g["w"] * _UNIT_SECONDS["w"]
            + g["d"] * _UNIT_SECONDS["d"]
            + g["h"] * _UNIT_SECONDS["h"]
            + g["m"] * _UNIT_SECONDS["m"]
            + g["s"]
        )
        if scaled >= _MAX_SECONDS:
            return _bounded(scaled, s)
        return timedelta(weeks=g["w"], days=g["d"], hours=g["h"], minutes=g["m"], seconds=g["s"])
    pos = 0
    total = 0.0
    seen: set[str] = set()
    for m in _COMPACT.finditer(s.lower()):
        if m.start() != pos or m.group(2) in seen:
            return None
        seen.add(m.group(2))
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    if pos != len(s) or not seen:
        return None
    return _bounded(total, s)


def duration_from_config(value: object, path: str, *, allow_zero: bool = False) -> timedelta:
    """A duration from a config value (text, seconds or timedelta), else a ConfigError."""
    result: timedelta | None
    if isinstance(value, timedelta):
        result = value
    elif isinstance(value, bool):
        result = None
    elif isinstance(value, int | float):
        result = timedelta(seconds=value) if math.isfinite(value) and abs(value) < 1e12 else None
    elif isinstance(value, str):
        try:
            result = parse_duration(value)
        except ValidationError as exc:
            raise ConfigError(str(exc), path=path) from None
    else:
        result = None
    if result is None:
        raise ConfigError(
            f'{value!r} is not a duration; write e.g. "90m", "1h30m", "2d", '
            'ISO 8601 "PT1H30M", or a number of seconds',
            path=path,
        )
    if result < timedelta(0) or (not allow_zero and result == timedelta(0)):
        bound = "positive" if not allow_zero else "zero or positive"
        raise ConfigError(f"the duration must be {bound} (got {value!r})", path=path)
    return result


def format_duration(value: timedelta) -> str:
    """The compact form ``parse_duration`` reads back: ``"1h30m"``, ``"2d"``, ``"0s"``."""
    total = value.days * 86400 + value.seconds
    micros = value.microseconds
    if total < 0:
        raise ValidationError(f"cannot format a negative duration {value!r}")
    parts = []
    for unit in ("d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        if total >= size:
            parts.append(f"{total // size}{unit}")
            total %= size
    if total or micros or not parts:
        parts.append(f"{total}.{micros:06d}s".replace(".000000", "") if micros else f"{total}s")
    return "".join(parts)
