"""Escalation throughput and scaling: ``python -m benchmarks.escalation``.

1. Decisions per second for a 20-rule policy over 10,000 generated
   interactions, beside Venmo's ``business-rules`` (``pip install
   business-rules``), the usual shape of help-desk automation: rules as data
   judged against the interaction as it is *now*. The peer answers a smaller
   question (no history, no causes, no keys, no SLA timeline, no late firing),
   so the table is a price list, not a race; it is skipped when not installed.
2. How the cost of one ``evaluate`` grows with the number of rules and with the
   number of events, as timings and as operation counts (events folded by the
   SLA walk, business-calendar calls and condition-leaf evaluations, counted by
   wrapping them), beside the same policy fed an SLA stand-in that only has
   ``evaluate`` (evaluated at every moment an event can change a clock, the
   quadratic way ``SlaPolicy.timeline`` replaces).

Times are CPU time of this process (``time.process_time``), so other work on a
shared machine does not inflate them.
"""

from __future__ import annotations

import platform
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from cxcore import Customer, Interaction, events
from cxcore.escalation import EscalationPolicy
from cxcore.sla import SlaPolicy

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SLA = SlaPolicy.from_dict(
    {
        "name": "standard",
        "warning": 0.75,
        "targets": [
            {"metric": "first_response", "within": "1h", "when": {"priority": ["high", "urgent"]}},
            {"metric": "first_response", "within": "4h"},
            {"metric": "next_response", "within": "2h"},
            {"metric": "periodic_update", "within": "8h"},
            {"metric": "resolution", "within": "2d"},
        ],
    }
)


def _rule(rule_id: str, when: dict[str, Any], *afters: str) -> dict[str, Any]:
    return {
        "id": rule_id,
        "when": when,
        "steps": [
            {"after": a, "level": i, "actions": [{"notify": f"{rule_id}-{i}"}]}
            for i, a in enumerate(afters or ("0m",))
        ],
    }


def twenty_rules() -> list[dict[str, Any]]:
    """Twenty rules over every kind of leaf (three read the SLA, two the language signals)."""
    return [
        _rule(
            "first-reply-late",
            {"sla": {"metric": "first_response", "state": "breached"}},
            "0m",
            "30m",
            "2h",
        ),
        _rule("first-reply-risk", {"sla": {"metric": "first_response", "state": "at_risk"}}),
        _rule("next-reply-short", {"sla": {"metric": "next_response", "remaining_below": "30m"}}),
        _rule("asks-for-human", {"signal": "asks_for_human"}),
        _rule("frustrated", {"all": [{"signal": "frustration"}, {"tier": {"in": ["vip"]}}]}),
        _rule("urgent", {"priority": {"at_least": "urgent"}}, "0m", "1h"),
        _rule("became-urgent", {"became": {"priority": "urgent"}}),
        _rule("vip-open", {"all": [{"tier": {"in": ["vip"]}}, {"status": {"in": ["open"]}}]}),
        _rule("unassigned", {"all": [{"assignee": {"unset": True}}, {"since": {"opened": "2h"}}]}),
        _rule("waiting", {"unanswered_messages": {"at_least": 2}}, "0m", "1h"),
        _rule("silent", {"since": {"last_customer_message": "4h"}}),
        _rule("no-update", {"since": {"last_agent_reply": "1d"}}),
        _rule("follow-up", {"event": "transferred"}, "1d"),
        _rule("reassigned", {"event": "assigned"}, "4h"),
        _rule("reopened", {"reopens": {"at_least": 1}}),
        _rule("ping-pong", {"transfers": {"at_least": 2}}),
        _rule(
            "refund",
            {"all": [{"tags": {"contains": "refund"}}, {"not": {"team": {"in": ["billing"]}}}]},
        ),
        _rule(
            "pending-long",
            {"all": [{"status": {"in": ["pending"]}}, {"since": {"last_agent_reply": "2d"}}]},
        ),
        _rule(
            "chat-queue",
            {"all": [{"channel": {"in": ["chat"]}}, {"unanswered_messages": {"at_least": 1}}]},
        ),
        _rule("unhappy", {"survey": {"name": "csat", "at_most": 2}}, "4h"),
    ]


TEXTS = [
    ("en", "Where is my order? It has been a week."),
    ("en", "Can I talk to a real person please?"),
    ("en", "This is the third time I am asking, I am really annoyed."),
    ("ko", "배송이 언제 오나요?"),
    ("ko", "상담원 연결해 주세요"),
    ("ko", "환불 문의드립니다."),
]


def interaction(rng: random.Random, index: int, n_events: int) -> Interaction:
    """A plausible history: messages, replies, status changes, transfers, tags."""
    locale = rng.choice(["en", "ko"])
    ix = Interaction.open(
        id=f"T-{index}",
        channel=rng.choice(["email", "chat", "phone"]),
        at=T0,
        customer=Customer(id=f"c-{index}", tier=rng.choice(["standard", "vip"]), locale=locale),
        priority=rng.choice(["normal", "normal", "high"]),
    )
    moment = T0
    solved = False
    for _ in range(n_events):
        moment += timedelta(minutes=rng.randint(1, 180))
        kind = rng.random()
        if kind < 0.35:
            text = rng.choice([t for lang, t in TEXTS if lang == locale])
            event: events.Event = events.CustomerMessage(at=moment, text=text)
            solved = False
        elif kind < 0.6:
            event = events.AgentReply(at=moment, agent=rng.choice(["a-1", "a-2"]), text="On it.")
        elif kind < 0.7:
            status = rng.choice(["pending", "open", "solved"])
            solved = status == "solved"
            event = events.StatusChanged(at=moment, status=status)
        elif kind < 0.78:
            event = events.Transferred(at=moment, team=rng.choice(["billing", "tech"]))
        elif kind < 0.85:
            event = events.Assigned(at=moment, agent="a-3", team="support")
        elif kind < 0.92:
            event = events.PriorityChanged(at=moment, priority=rng.choice(["high", "urgent"]))
        else:
            event = events.Tagged(at=moment, tag="refund")
        ix = ix.record(event)
    if solved:
        ix = ix.record(events.SurveyAnswered(at=moment, survey="csat", score=rng.randint(1, 5)))
    return ix


# --------------------------------------------------------------------------- the peer


def peer_run(ixs: list[Interaction], at: datetime) -> tuple[float, int] | None:
    """The same 20 checks as point-in-time business-rules, or None without the package."""
    try:
        from business_rules import run_all
        from business_rules.actions import BaseActions, rule_action
        from business_rules.fields import FIELD_TEXT
        from business_rules.variables import (
            BaseVariables,
            boolean_rule_variable,
            numeric_rule_variable,
            string_rule_variable,
        )
    except ImportError:
        return None

    class Facts(BaseVariables):  # type: ignore[misc]
        def __init__(self, ix: Interaction) -> None:
            self.ix = ix

        @string_rule_variable  # type: ignore[misc]
        def status(self) -> str:
            return self.ix.status.value

        @numeric_rule_variable  # type: ignore[misc]
        def priority_rank(self) -> int:
            return self.ix.priority.rank

        @string_rule_variable  # type: ignore[misc]
        def tier(self) -> str:
            return self.ix.customer.tier

        @string_rule_variable  # type: ignore[misc]
        def channel(self) -> str:
            return self.ix.channel

        @boolean_rule_variable  # type: ignore[misc]
        def billing_team(self) -> bool:
            return self.ix.team == "billing"

        @boolean_rule_variable  # type: ignore[misc]
        def unassigned(self) -> bool:
            return self.ix.assignee is None

        @numeric_rule_variable  # type: ignore[misc]
        def unanswered(self) -> int:
            return self.ix.unanswered_messages

        @numeric_rule_variable  # type: ignore[misc]
        def reopens(self) -> int:
            return self.ix.reopen_count

        @numeric_rule_variable  # type: ignore[misc]
        def transfers(self) -> int:
            return self.ix.transfer_count

        @boolean_rule_variable  # type: ignore[misc]
        def refund(self) -> bool:
            return "refund" in self.ix.tags

        @numeric_rule_variable  # type: ignore[misc]
        def hours_open(self) -> float:
            return (at - self.ix.opened_at) / timedelta(hours=1)

        @numeric_rule_variable  # type: ignore[misc]
        def hours_since_message(self) -> float:
            last = self.ix.last_customer_message_at
            return -1.0 if last is None else (at - last) / timedelta(hours=1)

        @numeric_rule_variable  # type: ignore[misc]
        def hours_since_reply(self) -> float:
            last = self.ix.last_reply_at
            return -1.0 if last is None else (at - last) / timedelta(hours=1)

        @boolean_rule_variable  # type: ignore[misc]
        def first_reply_breached(self) -> bool:
            clock = SLA.evaluate(self.ix, at=at).get("first_response")
            return clock is not None and clock.state.value == "breached"

    class Acts(BaseActions):  # type: ignore[misc]
        def __init__(self) -> None:
            self.fired = 0

        @rule_action(params={"target": FIELD_TEXT})  # type: ignore[misc]
        def notify(self, target: str) -> None:
            self.fired += 1

    def when(*conds: tuple[str, str, Any]) -> dict[str, Any]:
        return {"all": [{"name": n, "operator": o, "value": v} for n, o, v in conds]}

    checks = [
        when(("first_reply_breached", "is_true", True)),
        when(("hours_open", "greater_than", 0.75)),
        when(("hours_since_message", "greater_than", 1.5)),
        when(("unanswered", "greater_than_or_equal_to", 1)),
        when(("tier", "equal_to", "vip"), ("unanswered", "greater_than", 0)),
        when(("priority_rank", "greater_than_or_equal_to", 3)),
        when(("priority_rank", "equal_to", 3)),
        when(("tier", "equal_to", "vip"), ("status", "equal_to", "open")),
        when(("unassigned", "is_true", True), ("hours_open", "greater_than", 2)),
        when(("unanswered", "greater_than_or_equal_to", 2)),
        when(("hours_since_message", "greater_than", 4)),
        when(("hours_since_reply", "greater_than", 24)),
        when(("transfers", "greater_than_or_equal_to", 1)),
        when(("unassigned", "is_false", True)),
        when(("reopens", "greater_than_or_equal_to", 1)),
        when(("transfers", "greater_than_or_equal_to", 2)),
        when(("refund", "is_true", True), ("billing_team", "is_false", True)),
        when(("status", "equal_to", "pending"), ("hours_since_reply", "greater_than", 48)),
        when(("channel", "equal_to", "chat"), ("unanswered", "greater_than", 0)),
        when(("status", "equal_to", "closed")),
    ]
    rules = [
        {"conditions": c, "actions": [{"name": "notify", "params": {"target": "x"}}]}
        for c in checks
    ]
    start = time.process_time()
    fired = 0
    for ix in ixs:
        acts = Acts()
        run_all(rule_list=rules, defined_variables=Facts(ix), defined_actions=acts)
        fired += acts.fired
    return time.process_time() - start, fired


# --------------------------------------------------------------------------- counting


class EvaluateOnly:
    """An SLA stand-in with only ``evaluate``: escalation then evaluates it at every
    moment an event can change a clock, the way it worked before ``SlaPolicy.timeline``."""

    def __init__(self, policy: SlaPolicy) -> None:
        self.policy = policy

    def evaluate(self, ix: Interaction, *, at: datetime) -> Any:
        return self.policy.evaluate(ix, at=at)


class Counter:
    """Counts the SLA's per-event fold and business-calendar arithmetic while active."""

    def __init__(self) -> None:
        self.folds = 0
        self.calendar = 0
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> Counter:
        from cxcore.sla import BusinessCalendar, _clock_cycles

        def wrap(owner: Any, name: str, field: str) -> None:
            inner = getattr(owner, name)

            def counted(*args: Any, **kwargs: Any) -> Any:
                setattr(self, field, getattr(self, field) + 1)
                return inner(*args, **kwargs)

            self._saved.append((owner, name, inner))
            setattr(owner, name, counted)

        wrap(_clock_cycles._Walk, "apply", "folds")
        for name in ("add", "elapsed", "subtract"):
            wrap(BusinessCalendar, name, "calendar")
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, inner in reversed(self._saved):
            setattr(owner, name, inner)


def count_leaf_calls(esc: EscalationPolicy) -> Callable[[], int]:
    """Wrap every leaf's ``stretches`` to count calls; returns the counter."""
    count = [0]
    for rule in esc.rules:
        for leaf in rule.leaves():
            inner = leaf.condition

            class Counted:
                def __init__(self, inner: Any) -> None:
                    self.inner = inner

                def stretches(self, ctx: Any) -> Any:
                    count[0] += 1
                    return self.inner.stretches(ctx)

            object.__setattr__(leaf, "condition", Counted(inner))
    return lambda: count[0]


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    rng = random.Random(20260302)
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    n = 10_000
    ixs = [interaction(rng, i, rng.randint(4, 16)) for i in range(n)]
    at = T0 + timedelta(days=3)
    esc = EscalationPolicy.from_dict({"name": "bench", "rules": twenty_rules()})

    start = time.process_time()
    decisions = sum(len(esc.evaluate(ix, at=at, sla=SLA).decisions) for ix in ixs)
    cx_time = time.process_time() - start
    recorded = []
    for ix in ixs:
        found = esc.evaluate(ix, at=at, sla=SLA).decisions
        recorded.append(ix.record_all(d.to_event(at=at) for d in found))
    start = time.process_time()
    again = sum(len(esc.evaluate(ix, at=at, sla=SLA).decisions) for ix in recorded)
    steady = time.process_time() - start
    assert again == 0

    print(f"\n1. A 20-rule policy over {n:,} interactions (4-16 events each), one sweep")
    print(
        f"{'':34} | {'seconds':>8} | {'interactions/s':>14} | {'decisions':>9} | "
        f"{'decisions/s':>11}"
    )
    print(
        f"{'cxcore evaluate (first sweep)':34} | {cx_time:>8.2f} | {n / cx_time:>14,.0f} | "
        f"{decisions:>9,} | {decisions / cx_time:>11,.0f}"
    )
    print(
        f"{'cxcore evaluate (all recorded)':34} | {steady:>8.2f} | {n / steady:>14,.0f} | "
        f"{again:>9,} | {'-':>11}"
    )
    peer = peer_run(ixs, at)
    if peer is None:
        print("business-rules: not installed (pip install business-rules), skipped")
    else:
        peer_time, fired = peer
        print(
            f"{'business-rules run_all (now only)':34} | {peer_time:>8.2f} | "
            f"{n / peer_time:>14,.0f} | {fired:>9,} | {fired / peer_time:>11,.0f}"
        )

    print("\n2a. One evaluate vs the number of rules (an interaction with 40 events)")
    base = interaction(random.Random(7), 0, 40)
    rules = twenty_rules()
    no_sla = [r for r in rules if "sla" not in str(r["when"])]
    print(
        f"{'rules':>6} | {'µs':>9} | {'µs/rule':>8} | {'leaf calls':>10} | "
        f"{'SLA folds':>9} | {'calendar calls':>14}"
    )
    for count in (5, 10, 20, 40, 80):
        picked = [dict(rules[i % len(rules)], id=f"r{i}") for i in range(count)]
        policy = EscalationPolicy.from_dict({"name": "scale", "rules": picked})
        spent = best_of(lambda p=policy: p.evaluate(base, at=at, sla=SLA))
        counted = EscalationPolicy.from_dict({"name": "scale", "rules": picked})
        leaf_calls = count_leaf_calls(counted)
        with Counter() as ops:
            counted.evaluate(base, at=at, sla=SLA)
        print(
            f"{count:>6} | {spent * 1e6:>9.0f} | {spent * 1e6 / count:>8.1f} | "
            f"{leaf_calls():>10} | {ops.folds:>9} | {ops.calendar:>14}"
        )

    print("\n2b. One evaluate vs the number of events (20 rules; 17 without SLA leaves)")
    print(
        f"{'events':>6} | {'20 rules µs':>11} | {'µs/event':>8} | {'SLA folds':>9} | "
        f"{'calendar':>8} | {'per-moment µs':>13} | {'SLA folds':>9} | "
        f"{'no-SLA µs':>9} | {'µs/event':>8}"
    )
    with_sla = EscalationPolicy.from_dict({"name": "scale", "rules": rules})
    without = EscalationPolicy.from_dict({"name": "scale", "rules": no_sla})
    old_way = EvaluateOnly(SLA)
    for size in (10, 20, 40, 80, 160, 320, 640):
        ix = interaction(random.Random(size), 0, size)
        moment = ix.last_event_at + timedelta(hours=1)
        spent = best_of(lambda ix=ix, m=moment: with_sla.evaluate(ix, at=m, sla=SLA), 3)
        per_moment = best_of(
            lambda ix=ix, m=moment: with_sla.evaluate(ix, at=m, sla=old_way),  # type: ignore[arg-type]
            1 if size >= 320 else 3,
        )
        plain = best_of(lambda ix=ix, m=moment: without.evaluate(ix, at=m), 3)
        with Counter() as ops:
            with_sla.evaluate(ix, at=moment, sla=SLA)
        with Counter() as old_ops:
            with_sla.evaluate(ix, at=moment, sla=old_way)  # type: ignore[arg-type]
        print(
            f"{size:>6} | {spent * 1e6:>11.0f} | {spent * 1e6 / size:>8.1f} | {ops.folds:>9} | "
            f"{ops.calendar:>8} | {per_moment * 1e6:>13.0f} | {old_ops.folds:>9} | "
            f"{plain * 1e6:>9.0f} | {plain * 1e6 / size:>8.1f}"
        )

    print("\n2c. The SLA reports at every event moment: one timeline vs evaluate at each moment")
    print(
        f"{'events':>6} | {'timeline µs':>11} | {'µs/event':>8} | "
        f"{'evaluate each µs':>16} | {'µs/event':>8}"
    )
    for size in (10, 40, 160, 320, 640):
        ix = interaction(random.Random(size), 0, size)
        until = ix.last_event_at
        moments = [m for m, _ in SLA.timeline(ix, until=until)]
        spent = best_of(lambda ix=ix, u=until: SLA.timeline(ix, until=u), 5)
        each = best_of(
            lambda ix=ix, ms=moments: [SLA.evaluate(ix, at=m) for m in ms],
            1 if size >= 320 else 3,
        )
        print(
            f"{size:>6} | {spent * 1e6:>11.0f} | {spent * 1e6 / size:>8.1f} | "
            f"{each * 1e6:>16.0f} | {each * 1e6 / size:>8.1f}"
        )


if __name__ == "__main__":
    main()
