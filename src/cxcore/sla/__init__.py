"""Business-hours calendars and SLA clocks."""

from ._calendar import BusinessCalendar as BusinessCalendar
from ._holidays import HolidaySource as HolidaySource
from ._holidays import holiday_sources as holiday_sources

__all__ = ["BusinessCalendar", "HolidaySource", "holiday_sources"]
