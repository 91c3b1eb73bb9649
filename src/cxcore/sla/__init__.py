"""Business-hours calendars and SLA clocks."""

from ._calendar import BusinessCalendar as BusinessCalendar
from ._clock import Clock as Clock
from ._clock import ClockState as ClockState
from ._clock import SlaReport as SlaReport
from ._holidays import HolidaySource as HolidaySource
from ._holidays import holiday_sources as holiday_sources
from ._metric import Metric as Metric
from ._policy import SlaPolicy as SlaPolicy
from ._policy import Target as Target
from ._policy import When as When

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
