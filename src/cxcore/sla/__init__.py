"""Business-hours calendars and SLA clocks."""

from ._calendar import BusinessCalendar as BusinessCalendar
from ._clock import Clock as Clock, ClockState as ClockState, SlaReport as SlaReport
from ._holidays import HolidaySource as HolidaySource, holiday_sources as holiday_sources
from ._metric import Metric as Metric
from ._policy import SlaPolicy as SlaPolicy, Target as Target, When as When

__all__ = [
    "BusinessCalendar",
    "Clock",
    "ClockState",
    "HolidaySource",
    "Metric",
    "SlaPolicy",
    "SlaReport",
    "Target",
    "When",
    "holiday_sources",
]
