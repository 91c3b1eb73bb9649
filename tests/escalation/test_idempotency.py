"""Exactly once: any sweep schedule, recording its decisions, ends with the same keys."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings, strategies as st

from cxcore import Interaction, events
from cxcore.escalation import EscalationPolicy
from tests.escalation.support import at, histories, opened, policies_config, sweep
from tests.oracles.escalation import expected_keys

SPAN = 240  # minutes the sweeps cover (events stop at 180)


def run(
    esc: EscalationPolicy, history: list[events.Event], moments: list[datetime]
) -> tuple[Interaction, list[str]]:
    """Events arrive in time; at each sweep moment, evaluate and record the decisions."""
    ix = opened()
    pending = list(history)
    keys: list[str] = []
    for moment in sorted(moments):
        while pending and pending[0].at <= moment:
            ix = ix.record(pending.pop(0))
        ix, found = sweep(esc, ix, moment)
        keys.extend(found)
    return ix, keys


def full(history: list[events.Event]) -> Interaction:
    return opened().record_all(history)


@settings(max_examples=25)
@given(
    doc=policies_config(),
    history=histories(),
    offsets=st.lists(st.floats(0, SPAN, allow_nan=False), max_size=12),
)
def test_any_sweep_schedule_records_each_key_once_and_the_same_keys(
    doc: dict[str, Any], history: list[events.Event], offsets: list[float]
) -> None:
    esc = EscalationPolicy.from_dict(doc)
    end = at(SPAN)
    _, every_minute = run(esc, history, [at(m) for m in range(SPAN + 1)])
    _, random_times = run(esc, history, [at(m) for m in offsets] + [end])
    _, once = run(esc, history, [end])

    assert len(every_minute) == len(set(every_minute))
    assert len(random_times) == len(set(random_times))
    assert len(once) == len(set(once))
    assert set(random_times) == set(every_minute) == set(once)
    expected = expected_keys(doc, full(history), until=end)
    assert set(every_minute) == {key for key, _ in expected}


@settings(max_examples=60)
@given(doc=policies_config(), history=histories())
def test_due_moments_match_the_oracle(doc: dict[str, Any], history: list[events.Event]) -> None:
    esc = EscalationPolicy.from_dict(doc)
    ix = full(history)
    end = at(SPAN)
    result = esc.evaluate(ix, at=end)
    assert {(d.key, d.due_at) for d in result.decisions} == expected_keys(doc, ix, until=end)
    assert [d.due_at for d in result.decisions] == sorted(d.due_at for d in result.decisions)


@settings(max_examples=30)
@given(doc=policies_config(), history=histories())
def test_a_late_duplicate_from_a_slower_worker_is_harmless(
    doc: dict[str, Any], history: list[events.Event]
) -> None:
    esc = EscalationPolicy.from_dict(doc)
    ix = full(history)
    end = at(SPAN)
    decisions = esc.evaluate(ix, at=end).decisions
    first = ix.record_all(d.to_event(at=end) for d in decisions)
    # A second worker computed the same decisions earlier and records them afterwards.
    again = first.record_all(d.to_event(at=end - timedelta(minutes=5)) for d in decisions)
    assert again is first
    assert esc.evaluate(first, at=end).decisions == ()
    assert {e.key for e in first.events if isinstance(e, events.Escalated)} == {
        d.key for d in decisions
    }


@settings(max_examples=40)
@given(
    doc=policies_config(),
    history=histories(),
    pick=st.integers(0, 1000),
    delay=st.integers(0, 90),
)
def test_an_acknowledgement_cuts_exactly_the_later_steps_of_its_cause(
    doc: dict[str, Any], history: list[events.Event], pick: int, delay: int
) -> None:
    esc = EscalationPolicy.from_dict(doc)
    end = at(SPAN)
    everything = esc.evaluate(full(history), at=end).decisions
    if not everything:
        return
    # Sweep at the first decision's moment, as a host would, and acknowledge one of them.
    start = everything[0].due_at
    ix = full([e for e in history if e.at <= start])
    first = esc.evaluate(ix, at=start).decisions
    chosen = first[pick % len(first)]
    ack_at = start + timedelta(minutes=delay)
    ack = events.EscalationAcknowledged(at=ack_at, agent="a-1", key=chosen.key)
    swept = ix.record_all(d.to_event(at=start) for d in first)
    later = [e for e in history if e.at > start]
    acked = swept.record_all(
        [*(e for e in later if e.at <= ack_at), ack, *(e for e in later if e.at > ack_at)]
    )
    recorded = swept.record_all(later)
    plain = {
        (d.key, d.cause_started_at, d.rule_id, d.due_at)
        for d in esc.evaluate(recorded, at=end).decisions
    }
    after = {
        (d.key, d.cause_started_at, d.rule_id, d.due_at)
        for d in esc.evaluate(acked, at=end).decisions
    }
    same_cause = {
        item
        for item in plain
        if item[1] == chosen.cause_started_at and item[2] == chosen.rule_id and item[3] > ack_at
    }
    assert after == plain - same_cause
