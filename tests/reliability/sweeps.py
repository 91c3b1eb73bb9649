"""Escalation sweeps as a host runs them: many workers, one store keyed by the decision key.

Each worker walks its own sweep moments; at each one it rebuilds every shared
interaction from its fixed events plus the escalations the store holds up to
that moment, evaluates the policy, and offers every decision to the store. The
store keeps a key the first time it sees it (a dict under a lock for threads,
an SQLite ``PRIMARY KEY`` for processes) and tells the worker whether it did.
Importable by spawned processes, so it lives beside the tests, not inside one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from cxcore import Customer, Interaction, events as ev
from cxcore.escalation import EscalationPolicy
from cxcore.sla import SlaPolicy

from .support import DROP, ESCALATION_POLICY, SLA_POLICY, doc

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=30)  # past every follow-up (a day after each transfer)
# 15-minute sweeps for worker 0, 30 for worker 1, ..., 60 for worker 3, then again
CADENCES = (15, 30, 45, 60)
STORE_TIMEOUT = 60.0

SLA = SlaPolicy.from_dict(doc(SLA_POLICY, calendar=DROP))  # around the clock
ESC = EscalationPolicy.from_dict(ESCALATION_POLICY)

#: (interaction id, escalation key, moment recorded)
Row = tuple[str, str, datetime]


def base_interactions() -> tuple[Interaction, ...]:
    """Six interactions that climb: late first replies, a call for a human, transfers."""
    out = []
    for k in range(6):
        opened = START + timedelta(minutes=7 * k)
        ix = Interaction.open(
            id=f"T/{k}",  # a '/' in the id: keys percent-encode it
            channel="email" if k % 2 else "chat",
            at=opened,
            customer=Customer(
                id=f"c-{k}", tier="vip" if k % 3 == 0 else "standard", locale="ko-KR"
            ),
            priority="high" if k % 2 == 0 else "urgent",
        )
        text = "상담원 연결해 주세요. 이번이 세 번째 문의예요" if k % 2 else "배송이 아직 안 왔어요"
        ix = ix.record(ev.CustomerMessage(at=opened, text=text))
        ix = ix.record(
            ev.AgentReply(
                at=opened + timedelta(minutes=40 + 25 * k), agent="a-1", text="확인하겠습니다."
            )
        )
        ix = ix.record(
            ev.Transferred(at=opened + timedelta(hours=3), team="billing", reason="refund")
        )
        if k >= 3:
            ix = ix.record(
                ev.Transferred(at=opened + timedelta(hours=5), team="tier2", reason="bug")
            )
        out.append(ix)
    return tuple(out)


def sweep_moments(worker: int) -> list[datetime]:
    """The worker's sweep moments, every cadence from START, always ending exactly at END."""
    step = timedelta(minutes=CADENCES[worker % len(CADENCES)])
    moments = []
    at = START
    while at < END:
        moments.append(at)
        at += step
    moments.append(END)
    return moments


def rebuild(
    base: Interaction, recorded: Sequence[tuple[str, datetime]], at: datetime
) -> Interaction:
    """``base`` with the store's escalations recorded at or before ``at``, in time order."""
    extra = [
        ev.Escalated(
            at=when,
            key=key,
            policy=ESC.name,
            rule_id=key.split("/")[1],
            step=int(key.rsplit("/", 1)[1]),
            level=0,
        )
        for key, when in recorded
        if when <= at
    ]
    merged = sorted(
        (*base.events, *extra), key=lambda e: (e.at.astimezone(UTC), isinstance(e, ev.Escalated))
    )
    return Interaction(
        id=base.id,
        channel=base.channel,
        opened_at=base.opened_at,
        customer=base.customer,
        initial_priority=base.initial_priority,
        subject=base.subject,
        events=merged,
    )


def sweep(
    worker: int,
    read: Callable[[str], list[tuple[str, datetime]]],
    offer: Callable[[str, str, datetime], bool],
) -> list[str]:
    """Run one worker's sweeps; returns the keys this worker stored first."""
    mine: list[str] = []
    bases = base_interactions()
    for at in sweep_moments(worker):
        for base in bases:
            if at < base.opened_at:
                continue
            ix = rebuild(base, read(base.id), at)
            for decision in ESC.evaluate(ix, at=at, sla=SLA).decisions:
                assert decision.key not in ix.escalation_keys
                if offer(base.id, decision.key, at):
                    mine.append(decision.key)
    return mine


class LockedStore:
    """A dict guarded by a lock: the thread workers' shared store."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.rows: dict[str, tuple[str, datetime]] = {}
        self.offers = 0

    def read(self, interaction: str) -> list[tuple[str, datetime]]:
        with self._lock:
            return [(k, at) for k, (i, at) in self.rows.items() if i == interaction]

    def offer(self, interaction: str, key: str, at: datetime) -> bool:
        with self._lock:
            self.offers += 1
            if key in self.rows:
                return False
            self.rows[key] = (interaction, at)
            return True


def open_store(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=STORE_TIMEOUT, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS escalations "
        "(key TEXT PRIMARY KEY, interaction TEXT NOT NULL, at TEXT NOT NULL,"
        " worker INTEGER NOT NULL)"
    )
    return db


def process_worker(path: str, worker: int) -> list[str]:
    """One process: sweeps against the SQLite store at ``path``."""
    db = open_store(path)

    def read(interaction: str) -> list[tuple[str, datetime]]:
        rows = db.execute("SELECT key, at FROM escalations WHERE interaction = ?", (interaction,))
        return [(key, datetime.fromisoformat(at)) for key, at in rows]

    def offer(interaction: str, key: str, at: datetime) -> bool:
        cursor = db.execute(
            "INSERT OR IGNORE INTO escalations (key, interaction, at, worker) VALUES (?, ?, ?, ?)",
            (key, interaction, at.isoformat(), worker),
        )
        return cursor.rowcount == 1

    try:
        return sweep(worker, read, offer)
    finally:
        db.close()


def sequential_keys() -> set[str]:
    """The keys one worker sweeping every 15 minutes records: the reference answer."""
    store = LockedStore()
    sweep(0, store.read, store.offer)
    return set(store.rows)
