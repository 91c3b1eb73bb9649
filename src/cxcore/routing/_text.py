"""Localised text for routing and break explanations (gettext domain ``cxcore-routing``)."""

from __future__ import annotations

from datetime import datetime, timedelta

import babel
from babel.dates import format_datetime
from babel.lists import format_list
from babel.units import format_unit

from cxcore._i18n import translate

__all__ = ["DOMAIN", "moment_text", "span_text", "tr"]

DOMAIN = "cxcore-routing"


def tr(loc: babel.Locale, message: str, /, **params: object) -> str:
    """``message`` in ``loc`` (negotiated to a shipped catalog), formatted with ``params``."""
    return translate(DOMAIN, loc, message, **params)


def moment_text(value: datetime, loc: babel.Locale) -> str:
    """``value`` with its weekday, wall time and zone: ``Mon 2026-03-09 09:00 Asia/Seoul``."""
    return format_datetime(value, "EEE yyyy-MM-dd HH:mm VV", tzinfo=value.tzinfo, locale=loc)


def span_text(value: timedelta, loc: babel.Locale) -> str:
    """``value`` in hours and minutes (seconds only under a minute), localised."""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    units = [(hours, "duration-hour"), (minutes, "duration-minute")]
    parts = [format_unit(n, unit, length="long", locale=loc) for n, unit in units if n]
    if not parts:
        parts = [format_unit(seconds, "duration-second", length="long", locale=loc)]
    return format_list(parts, style="unit", locale=loc)
