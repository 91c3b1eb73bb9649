"""The SLA metrics: which moments of an interaction a clock measures between."""

from __future__ import annotations

import enum

__all__ = ["Metric"]


class Metric(enum.StrEnum):
    """What an SLA clock measures; each runs in cycles (see the SLA clocks explanation).

    - ``first_response``: from opening to the first public agent reply (or solve/close).
    - ``next_response``: from the earliest unanswered customer message to the next reply.
    - ``periodic_update``: from each public reply to the next one; paused while pending.
    - ``resolution``: from opening to solved; paused on the policy's pause statuses.
    """

    __module__ = "cxcore.sla"

    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"
