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
        "_sla_reports",
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
        self._sla_reports: dict[datetime, SlaReport] = {}
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

    def _require_sla(self) -> SlaPolicy:
        if self.sla is None:
            raise ValidationError(
                "sla is required: this escalation policy has an 'sla' condition; pass the "
                "SlaPolicy, e.g. esc.evaluate(ix, at=now, sla=sla_policy)"
            )
        return self.sla

    def sla_segments(self) -> Sequence[tuple[datetime, SlaReport]]:
        """``(from, report)``: the SLA report at each moment an event can change it.

        Between two such moments no clock starts, stops, pauses or changes target,
        so each running clock only moves on: it becomes at risk at ``at_risk_at``
        and breached one microsecond after ``due_at`` (the moments
        ``report.next_change_at`` names), which a leaf reads off the report at
        the segment's start instead of evaluating the policy again. The reports
        come from one ``SlaPolicy.timeline`` pass, so this costs time linear in
        the events (a stand-in with only ``evaluate`` is called once per moment).
        """
        if self._sla_segments is None:
            sla = self._require_sla()
            ix = self.interaction
            points = {ix.opened_at.astimezone(UTC)}
            points.update(e.at.astimezone(UTC) for e in ix.events if isinstance(e, _SLA_EVENTS))
            timeline = getattr(sla, "timeline", None)
            if callable(timeline):
                pairs = timeline(ix, until=ix.last_event_at)
            else:  # a host's wrapper with only ``evaluate``: one call per moment
                pairs = [(p, sla.evaluate(ix, at=p)) for p in sorted(points)]
            segments: list[tuple[datetime, SlaReport]] = []
            for moment, report in pairs:
                at = moment.astimezone(UTC)
                if at in points:
                    segments.append((at, report))
            self._sla_segments = segments
        return self._sla_segments

    def sla_report_at(self, moment: datetime) -> SlaReport:
        """The SLA report ``SlaPolicy.evaluate`` gives at ``moment`` (computed once per moment)."""
        report = self._sla_reports.get(moment)
        if report is None:
            report = self._require_sla().evaluate(self.interaction, at=moment)
            self._sla_reports[moment] = report
        return report

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
