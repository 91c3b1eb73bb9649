"""A holiday-source plugin: the company's own day off, every year."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from cxcore import ConfigError


@attrs.frozen
class CompanyDay:
    """Closed on ``month``/``day`` of every year."""

    month: int
    day: int

    def dates(self, first_year: int, last_year: int) -> Iterator[date]:
        for year in range(first_year, last_year + 1):
            yield date(year, self.month, self.day)

    def to_dict(self) -> dict[str, Any]:
        return {"company_day": f"{self.month:02d}-{self.day:02d}"}


def company_day(entry: Mapping[str, Any], path: str) -> CompanyDay:
    """``{"company_day": "06-01"}``."""
    value = entry.get("company_day")
    try:
        month, day = (int(part) for part in str(value).split("-"))
        date(2000, month, day)
    except ValueError:
        raise ConfigError(f"write MM-DD, e.g. '06-01' (got {value!r})", path=path) from None
    return CompanyDay(month, day)
