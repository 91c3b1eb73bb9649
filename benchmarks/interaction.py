"""Recording an event vs constructing one small frozen attrs value, side by side in one run.

The target (issue: foundation): recording costs at most 10x constructing a
frozen attrs instance with four fields. ``python -m benchmarks.interaction``.
"""

from __future__ import annotations

import platform
import timeit
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from cxcore import Customer, Interaction, events


@attrs.frozen(kw_only=True)
class Four:
    """The yardstick: a frozen, slotted attrs value with four fields."""

    a: int
    b: int
    c: str
    d: datetime


def ix_record(ix: Interaction, event: events.Event) -> Callable[[], Interaction]:
    """A no-argument call recording ``event`` on ``ix``, for timeit."""
    return lambda: ix.record(event)


def main() -> None:
    t0 = datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Asia/Seoul"))
    base = Interaction.open(id="T-1", channel="chat", at=t0, customer=Customer(id="c-1"))
    rows = []
    for history in (0, 10, 100):
        ix = base
        for i in range(history):
            ix = ix.record(events.CustomerMessage(at=t0 + timedelta(seconds=i), text="m"))
        later = t0 + timedelta(days=1)
        reply = events.AgentReply(at=later, agent="a-1", text="hello")
        note = events.InternalNote(at=later, agent="a-1", text="note")
        number = 50_000
        construct = min(timeit.repeat(lambda: Four(a=1, b=2, c="x", d=t0), number=number, repeat=5))
        record_reply = min(timeit.repeat(ix_record(ix, reply), number=number, repeat=5))
        record_note = min(timeit.repeat(ix_record(ix, note), number=number, repeat=5))
        per = 1e6 / number
        rows.append((history, construct * per, record_reply * per, record_note * per))
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print(
        f"{'earlier events':>14} | {'attrs(4 fields) µs':>18} | {'record reply µs':>15} | "
        f"{'record note µs':>14} | {'ratio':>5}"
    )
    for history, construct, reply, note in rows:
        ratio = max(reply, note) / construct
        print(
            f"{history:>14} | {construct:>18.3f} | {reply:>15.3f} | {note:>14.3f} | {ratio:>5.1f}"
        )


if __name__ == "__main__":
    main()
