"""Holiday sources: where a calendar's recurring and national holidays come from.

A source turns a range of years into dates; the calendar asks for one year at a
time, only for the years a question reaches, and caches the answer. Sources are
an extension point: ``holiday_sources`` maps the key that marks an entry of a
calendar's ``holidays`` list (``{"rrule": ...}``, ``{"country": ...}``) to a
factory, and the built-ins register through the same door as plugins (entry
point group ``cxcore.holidays``). This module does no arithmetic on business
time and never reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import attrs
from dateutil import rrule as _rrule

from cxcore._errors import ConfigError
from cxcore._loader import check_keys
from cxcore._registry import Registry

__all__ = [
    "CountryHolidays",
    "HolidaySource",
    "HolidaySourceFactory",
    "RRuleHolidays",
    "holiday_sources",
]


@runtime_checkable
class HolidaySource(Protocol):
    """Dates on which a calendar is closed, computed for the years asked about.

    Implementations are immutable values (they take part in the calendar's
    equality and pickling) and deterministic.
    """

    __module__: str = "cxcore.sla"

    def dates(self, first_year: int, last_year: int) -> Iterable[date]:
        """The holidays from 1 January ``first_year`` to 31 December ``last_year``."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """The ``holidays`` entry this source was read from."""
        ...


#: Builds a source from its ``holidays`` entry; ``path`` locates the entry for a ConfigError.
HolidaySourceFactory = Callable[[Mapping[str, Any], str], HolidaySource]

#: Holiday sources by the key that marks their entry (``"rrule"``, ``"country"``, plugins).
holiday_sources: Registry[HolidaySourceFactory] = Registry("cxcore.holidays")

# A holiday recurs by days at the finest; finer rules would enumerate every hour or second.
_FREQUENCIES = {
    "YEARLY": _rrule.YEARLY,
    "MONTHLY": _rrule.MONTHLY,
    "WEEKLY": _rrule.WEEKLY,
    "DAILY": _rrule.DAILY,
}


def _parse_date(value: object, path: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f'{value!r} is not a date; write YYYY-MM-DD, e.g. "2026-12-25"', path=path)


# The longest each month can be (February in a leap year).
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _part(built: _rrule.rrule, name: str) -> tuple[int, ...]:
    # dateutil keeps a rule's parts only in private attributes (None or a tuple)
    return tuple(getattr(built, name, None) or ())


def _never_occurs(built: _rrule.rrule) -> str | None:
    """Why ``built`` can never occur, when its parts show it; None otherwise.

    dateutil accepts ``BYMONTH=13`` or February 30 and then searches every day up to
    the year 9999 for an occurrence, which is both a silent typo and seconds of work
    per question. The parts are checked here instead.
    """
    months = _part(built, "_bymonth")
    days = _part(built, "_bymonthday")
    last_days = _part(built, "_bynmonthday")
    for name, values, low, high in (
        ("BYMONTH", months, 1, 12),
        ("BYMONTHDAY", days, 1, 31),
        ("BYMONTHDAY", tuple(-d for d in last_days), 1, 31),
        ("BYYEARDAY", tuple(abs(d) for d in _part(built, "_byyearday")), 1, 366),
        ("BYWEEKNO", tuple(abs(d) for d in _part(built, "_byweekno")), 1, 53),
    ):
        bad = [v for v in values if not low <= v <= high]
        if bad:
            return f"{name} {bad[0]} is outside {low}..{high}"
    if days and not last_days:
        longest = max(_MONTH_DAYS[m - 1] for m in months or range(1, 13))
        if min(days) > longest:
            shown = ", ".join(str(m) for m in months) if months else "any month"
            return (
                f"day {min(days)} never falls in month {shown} (a rule without BYMONTHDAY "
                "takes the day of dtstart)"
            )
    return None


@lru_cache(maxsize=256)
def _built_rule(rule: str, dtstart: date) -> _rrule.rrule:
    # cache=True keeps the occurrences already generated, so asking year after year does
    # not re-run the recurrence from dtstart each time.
    start = datetime(dtstart.year, dtstart.month, dtstart.day)  # noqa: DTZ001
    built = _rrule.rrulestr(rule, dtstart=start, forceset=False, cache=True)
    if not isinstance(built, _rrule.rrule):
        raise ValueError("RRULE sets (RDATE, EXDATE) are not supported")
    return built


@attrs.frozen(kw_only=True)
class RRuleHolidays:
    """Holidays that recur by an RFC 5545 rule (``dateutil.rrule``), from ``dtstart`` on."""

    rule: str
    dtstart: date

    @classmethod
    def from_config(cls, entry: Mapping[str, Any], path: str) -> RRuleHolidays:
        """Read ``{"rrule": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "dtstart": "2026-01-01"}``."""
        check_keys(entry, path, required=("rrule", "dtstart"))
        text = entry["rrule"]
        start = _parse_date(entry["dtstart"], f"{path}.dtstart")
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(
                f"{text!r} is not a recurrence rule; write e.g. "
                '"FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"',
                path=f"{path}.rrule",
            )
        source = cls(rule=text.strip(), dtstart=start)
        try:
            built = source._build()
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
            raise ConfigError(
                f"{text!r} is not a valid recurrence rule ({exc}); write e.g. "
                '"FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"',
                path=f"{path}.rrule",
            ) from None
        never = _never_occurs(built) if isinstance(built, _rrule.rrule) else None
        if never is not None:
            raise ConfigError(
                f"{text!r} never occurs: {never}; a holiday rule that never occurs closes nothing",
                path=f"{path}.rrule",
            )
        if (
            not isinstance(built, _rrule.rrule)
            or getattr(built, "_freq", None) not in _FREQUENCIES.values()
        ):
            raise ConfigError(
                f"{text!r}: a holiday rule needs one FREQ of YEARLY, MONTHLY, WEEKLY or DAILY "
                "(no RDATE/EXDATE sets, nothing finer than a day)",
                path=f"{path}.rrule",
            )
        return source

    def _build(self) -> _rrule.rrule:
        return _built_rule(self.rule, self.dtstart)

    def dates(self, first_year: int, last_year: int) -> Iterable[date]:
        """The occurrences between the two years, inclusive."""
        built = self._build()
        lo = datetime(first_year, 1, 1)  # noqa: DTZ001
        found: list[date] = []
        for moment in built.xafter(lo, inc=True):
            if moment.year > last_year:
                break
            found.append(moment.date())
        return found

    def to_dict(self) -> dict[str, Any]:
        """``{"rrule": ..., "dtstart": "YYYY-MM-DD"}``."""
        return {"rrule": self.rule, "dtstart": self.dtstart.isoformat()}


def _holidays_module() -> Any:
    try:
        import holidays
    except ImportError:
        return None
    return holidays


@attrs.frozen(kw_only=True)
class CountryHolidays:
    """A country's public holidays (substitute days included) from the ``holidays`` package.

    Needs the ``holidays`` extra: ``pip install cxcore[holidays]``.
    """

    country: str
    subdiv: str | None = None

    @classmethod
    def from_config(cls, entry: Mapping[str, Any], path: str) -> CountryHolidays:
        """Read ``{"country": "KR"}`` or ``{"country": "US", "subdiv": "CA"}``."""
        check_keys(entry, path, required=("country",), optional=("subdiv",))
        country = entry["country"]
        subdiv = entry.get("subdiv")
        if not isinstance(country, str) or not country:
            raise ConfigError(
                f'{country!r} is not a country code; use ISO 3166-1 alpha-2, e.g. "KR"',
                path=f"{path}.country",
            )
        if subdiv is not None and (not isinstance(subdiv, str) or not subdiv):
            raise ConfigError(
                f'{subdiv!r} is not a subdivision code; use ISO 3166-2, e.g. "CA"',
                path=f"{path}.subdiv",
            )
        module = _holidays_module()
        if module is None:
            raise ConfigError(
                "national holidays need the 'holidays' package; install cxcore[holidays]",
                path=f"{path}.country",
            )
        try:
            module.country_holidays(country, subdiv=subdiv)
        except NotImplementedError:
            raise ConfigError(
                f"the holidays package has no country {country!r}"
                + (f" with subdivision {subdiv!r}" if subdiv else "")
                + '; use an ISO 3166 code it lists, e.g. "KR"',
                path=f"{path}.subdiv" if subdiv else f"{path}.country",
            ) from None
        return cls(country=country, subdiv=subdiv)

    def dates(self, first_year: int, last_year: int) -> Iterable[date]:
        """The public holidays of the years, as the ``holidays`` package lists them."""
        module = _holidays_module()
        if module is None:
            raise ConfigError(
                "national holidays need the 'holidays' package; install cxcore[holidays]"
            )
        table = module.country_holidays(
            self.country, subdiv=self.subdiv, years=range(first_year, last_year + 1)
        )
        return sorted(d for d in table if first_year <= d.year <= last_year)

    def to_dict(self) -> dict[str, Any]:
        """``{"country": ..., "subdiv": ...}``."""
        out: dict[str, Any] = {"country": self.country}
        if self.subdiv is not None:
            out["subdiv"] = self.subdiv
        return out


holiday_sources.register("rrule", RRuleHolidays.from_config)
holiday_sources.register("country", CountryHolidays.from_config)
