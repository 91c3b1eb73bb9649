"""A closed interaction escalates nothing, so sweeps stay exactly-once after a close."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cxcore import Customer, Interaction, events
from cxcore.escalation import EscalationPolicy

T0 = datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Asia/Seoul"))
POLICY = EscalationPolicy.from_dict(
    {
        "name": "p",
        "rules": [
            {
                "id": "still-new",
                "when": {"status": {"in": ["new"]}},
                "steps": [{"after": "0m", "level": 1, "actions": [{"notify": "lead"}]}],
            }
        ],
    }
)


def _ix() -> Interaction:
    return Interaction.open(id="T-1", channel="chat", at=T0, customer=Customer(id="c"))


def test_a_step_that_fell_due_before_the_close_is_not_offered_after_it() -> None:
    ix = _ix().record(events.StatusChanged(at=T0 + timedelta(minutes=1), status="closed"))
    later = T0 + timedelta(hours=2)
    # Before the close the step was due (at the opening) …
    assert [d.rule_id for d in POLICY.evaluate(ix, at=T0).decisions] == ["still-new"]
    # … after it, nothing: the decision could never be recorded, so it would come back forever.
    result = POLICY.evaluate(ix, at=later)
    assert result.decisions == ()
    assert result.next_change_at is None
    assert POLICY.simulate(ix, until=later) == ()


def test_a_step_recorded_before_the_close_stays_recorded() -> None:
    ix = _ix()
    (decision,) = POLICY.evaluate(ix, at=T0).decisions
    ix = ix.record(decision.to_event(at=T0))
    ix = ix.record(events.StatusChanged(at=T0 + timedelta(minutes=1), status="closed"))
    assert decision.key in ix.escalation_keys
    assert POLICY.evaluate(ix, at=T0 + timedelta(hours=1)).decisions == ()
