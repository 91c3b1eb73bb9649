"""What a condition sees: the interaction's timeline, its SLA states over time, its signals.

One :class:`EvaluationContext` serves one evaluation. It folds the events once
into a state per distinct moment, walks the SLA policy once over the moments its
state can change at, and reads each customer message's signals once, so every
leaf of every rule shares that work.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cxcore import _events as ev
from cxcore._errors import ValidationError
from cxcore._interaction import Interaction, _fold, _State

if TYPE_CHECKING:
    from cxcore.sla import BusinessCalendar, SlaPolicy, SlaReport

__all__ = ["EvaluationContext", "Snapshot"]

#: The state as it stands after every event at one moment (see ``cxcore._interaction``).
Snapshot = _State

# Events that can change an SLA report: they start, stop or pause a clock or re-select a target.
_SLA_EVENTS = (
    ev.CustomerMessage,
    ev.AgentReply,
    ev.StatusChanged,
    ev.PriorityChanged,
    ev.Tagged,
    ev.Untagged,
    ev.Assigned,
    ev.Transferred,
)
# An SLA report changes at most twice per running clock between two events (at risk, breach).
_MAX_CHAIN = 64


class EvaluationContext:
    """The interaction, the moment and the policies one evaluation judges conditions against.

    ``interaction`` holds only the events at or before ``at``. A condition returns
    its stretches from the opening on; it may reach past ``at`` when the events
    already fix the future (a deadline, an age), which is how
    ``Evaluation.next_change_at`` and ``simulate`` see what comes without new events.
    """

    __module__ = "cxcore.escalation"
    __slots__ = (
        "_cache",
        "_moments",
        "_signals",
        "_sla_segments",
        "_states",
        "at",
        "calendar",
        "interaction",
        "policy",
        "sla",
    )

    def __init__(
        self,
        *,
        interaction: Interaction,
        at: datetime,
        sla: SlaPolicy | None,
        calendar: BusinessCalendar | None,
        policy: str,
    ) -> None:
        self.interaction = interaction
        self.at = at
        self.sla = sla
        self.calendar = calendar
        self.policy = policy
        self._moments: list[datetime] | None = None
        self._states: list[_State] = []
        self._sla_segments: list[tuple[datetime, SlaReport]] | None = None
        self._signals: dict[int, frozenset[str]] = {}
        self._cache: dict[int, Any] = {}

    # Time arithmetic of the policy: business time when it names a calendar.

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """``start`` plus ``amount`` of the policy's time (business time with a calendar)."""
        if self.calendar is not None:
            return self.calendar.add(start, amount)
        return start.astimezone(UTC) + amount

    # The folded timeline.

    def _fold_all(self) -> tuple[list[datetime], list[_State]]:
        ix = self.interaction
        state = _State.initial(priority=ix.initial_priority, channel=ix.channel, at=ix.opened_at)
        moments = [ix.opened_at.astimezone(UTC)]
        states = [state]
        for event in ix.events:
            state = _fold(state, event)
            at = event.at.astimezone(UTC)
            if at == moments[-1]:
                states[-1] = state
            else:
                moments.append(at)
                states.append(state)
        return moments, states

    def timeline(self) -> tuple[Sequence[datetime], Sequence[Snapshot]]:
        """Distinct moments (UTC, from the opening) and the state after each one's events."""
        if self._moments is None:
            self._moments, self._states = self._fold_all()
        return self._moments, self._states

    def state_at(self, moment: datetime) -> Snapshot:
        """The interaction's derived state at ``moment`` (after every event at or before it)."""
        moments, states = self.timeline()
        index = bisect.bisect_right(moments, moment.astimezone(UTC)) - 1
        return states[max(index, 0)]

    # SLA states over time.

    def sla_segments(self) -> Sequence[tuple[datetime, SlaReport]]:
        """``(from, report)`` pairs: the SLA report holds from each ``from`` to the next.

        The report can only change at an event that touches a clock or its target,
        or at a report's ``next_change_at``, so evaluating there is exact.
        """
        if self._sla_segments is not None:
            return self._sla_segments
        if self.sla is None:
            raise ValidationError(
                "sla is required: this escalation policy has an 'sla' condition; pass the "
                "SlaPolicy, e.g. esc.evaluate(ix, at=now, sla=sla_policy)"
            )
        ix = self.interaction
        points = [ix.opened_at.astimezone(UTC)]
        for event in ix.events:
            if isinstance(event, _SLA_EVENTS):
                at = event.at.astimezone(UTC)
                if at > points[-1]:
                    points.append(at)
        segments: list[tuple[datetime, SlaReport]] = []
        for index, point in enumerate(points):
            limit = points[index + 1] if index + 1 < len(points) else None
            moment: datetime | None = point
            for _ in range(_MAX_CHAIN):
                if moment is None or (limit is not None and moment >= limit):
                    break
                report = self.sla.evaluate(ix, at=moment)
                segments.append((moment, report))
                following = report.next_change_at
                if following is not None and following.astimezone(UTC) <= moment:
                    following = None  # a report never changes before its own moment
                moment = None if following is None else following.astimezone(UTC)
        self._sla_segments = segments
        return segments

    def sla_report_at(self, moment: datetime) -> SlaReport:
        """The SLA report ``SlaPolicy.evaluate`` gives at ``moment``."""
        segments = self.sla_segments()
        starts = [s for s, _ in segments]
        index = bisect.bisect_right(starts, moment.astimezone(UTC)) - 1
        return segments[max(index, 0)][1]

    # Customer-side language signals.

    def signal_kinds(self, message: ev.CustomerMessage) -> frozenset[str]:
        """The signal kinds in a customer message, read in the customer's locale.

        A customer with no locale, or a locale the language package has no rules
        for, carries no signals.
        """
        key = id(message)
        found = self._signals.get(key)
        if found is None:
            from cxcore.language import has_rules, signals

            locale = self.interaction.customer.locale
            if locale is None or not has_rules(locale):
                found = frozenset()
            else:
                found = frozenset(str(s.kind) for s in signals(message.text, locale=locale))
            self._signals[key] = found
        return found

    def cached(self, key: object, compute: Any) -> Any:
        """``compute()`` once per context and ``key`` (conditions share work through this)."""
        slot = id(key)
        if slot not in self._cache:
            self._cache[slot] = (key, compute())
        return self._cache[slot][1]
