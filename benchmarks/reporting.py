"""A full report over 100,000 interactions: one core, two processes, and pandas beside it.

``python -m benchmarks.reporting [N]`` (from the repository root, so that no sibling
script shadows a standard module) prints interactions per second for

* cxcore, one core, interactions already in memory (the report alone);
* cxcore, one core, from JSON Lines (parse + report), and the same split over
  2 processes with ``multiprocessing`` (each builds a partial, the parent
  combines them) — the speed-up is the ratio of the two;
* pandas (when installed), for reference: flattening the same interactions to
  one row each and computing only the survey, rate, volume and exact
  percentile figures with ``groupby``/``quantile`` — no SLA, FCR, Pareto or
  at-risk list, so it does far less work than the cxcore report.

The interactions are a seeded pseudo-random mix (Korean customers, 3 channels,
replies, transfers, solves, reopens, follow-ups, surveys) so runs compare.
"""

from __future__ import annotations

import json
import multiprocessing
import pickle
import platform
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from cxcore import Customer, Interaction, TransitionError, events
from cxcore.reporting import Report, ReportConfig, combine
from cxcore.sla import SlaPolicy

BASE = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)
TEXTS = (
    "배송이 아직 안 왔어요. 언제 오나요?",
    "환불 요청드립니다",
    "이번이 세 번째 문의예요",
    "해지하겠습니다",
    "로그인이 안 됩니다",
    "감사합니다",
)
POLICY = SlaPolicy.from_dict(
    {
        "name": "bench",
        "calendar": {
            "timezone": "Asia/Seoul",
            "hours": {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": ["2026-02-16", "2026-02-17", "2026-02-18", "2026-03-01"],
        },
        "targets": [
            {"metric": "first_response", "within": "1h", "when": {"priority": ["high", "urgent"]}},
            {"metric": "first_response", "within": "4h"},
            {"metric": "next_response", "within": "8h"},
            {"metric": "periodic_update", "within": "1d"},
            {"metric": "resolution", "within": "3d"},
        ],
    }
)
CONFIG = ReportConfig(
    at=BASE + timedelta(days=90),
    timezone="Asia/Seoul",
    sla=POLICY,
    calendar=POLICY.calendar,
    granularity="week",
)


def generate(n: int, seed: int = 2026) -> list[Interaction]:
    """``n`` interactions over 80 days, each with a plausible life."""
    rng = random.Random(seed)
    customers = [
        Customer(id=f"c-{i}", tier=rng.choice(("standard", "standard", "vip")), locale="ko-KR")
        for i in range(max(1, n // 5))
    ]
    out: list[Interaction] = []
    for i in range(n):
        at = BASE + timedelta(seconds=rng.randrange(80 * 86400))
        linked = rng.choice(out).id if out and rng.random() < 0.05 else None
        ix = Interaction(
            id=f"T-{i}",
            channel=rng.choice(("email", "chat", "phone")),
            opened_at=at,
            customer=rng.choice(customers),
            initial_priority=rng.choice(("low", "normal", "normal", "high")),
            linked_from=linked,
        )
        evs: list[events.Event] = [events.CustomerMessage(at=at, text=rng.choice(TEXTS))]
        at += timedelta(minutes=rng.randrange(1, 600))
        evs.append(
            events.AgentReply(at=at, agent=f"a-{rng.randrange(40)}", text="확인해 보겠습니다")
        )
        if rng.random() < 0.15:
            at += timedelta(minutes=rng.randrange(1, 120))
            evs.append(events.Transferred(at=at, team=rng.choice(("tech", "billing"))))
        if rng.random() < 0.4:
            at += timedelta(minutes=rng.randrange(1, 900))
            evs.append(events.CustomerMessage(at=at, text=rng.choice(TEXTS)))
            at += timedelta(minutes=rng.randrange(1, 600))
            evs.append(events.AgentReply(at=at, agent="a-1", text="처리해 드렸습니다"))
        at += timedelta(minutes=rng.randrange(1, 3000))
        evs.append(events.StatusChanged(at=at, status="solved"))
        if rng.random() < 0.1:
            at += timedelta(hours=rng.randrange(1, 200))
            evs.append(events.CustomerMessage(at=at, text=rng.choice(TEXTS)))
        if rng.random() < 0.3:
            at += timedelta(hours=rng.randrange(1, 48))
            evs.append(events.Tagged(at=at, tag=rng.choice(("refund", "delivery", "bug"))))
            survey, low, high = rng.choice((("csat", 1, 5), ("nps", 0, 10), ("ces", 1, 7)))
            evs.append(
                events.SurveyAnswered(
                    at=at,
                    survey=survey,
                    score=rng.randint(low, high),
                    reason=rng.choice((None, "slow", "price", "rude", "unresolved")),
                )
            )
        try:
            ix = ix.record_all(evs)
        except TransitionError:
            continue
        out.append(ix)
    return out


def _partial_from_lines(lines: list[str]) -> Report:
    return Report.build((Interaction.from_dict(json.loads(line)) for line in lines), config=CONFIG)


def _timed_partial(lines: list[str]) -> tuple[Report, float]:
    start = time.process_time()
    report = _partial_from_lines(lines)
    return report, time.process_time() - start


def _warm_up(line: str) -> None:
    # Load the Korean signal rules and fill calendar caches before anything is timed.
    _partial_from_lines([line])


def _chunks(items: list[str], parts: int) -> list[list[str]]:
    size = -(-len(items) // parts)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _pandas_subset(items: list[Interaction]) -> Any:
    import pandas as pd

    rows = []
    for ix in items:
        scores = {e.survey: e.score for e in ix.events if isinstance(e, events.SurveyAnswered)}
        rows.append(
            {
                "channel": ix.channel,
                "opened": ix.opened_at,
                "first_reply": ix.first_reply_at,
                "reopened": ix.reopen_count > 0,
                "transferred": ix.transfer_count > 0,
                "csat": scores.get("csat"),
                "nps": scores.get("nps"),
                "ces": scores.get("ces"),
            }
        )
    df = pd.DataFrame(rows)
    csat = (df["csat"].dropna() >= 4).mean()
    nps = df["nps"].dropna()
    nps_score = 100 * ((nps >= 9).mean() - (nps <= 6).mean())
    ces = df["ces"].dropna().mean()
    first = (df["first_reply"] - df["opened"]).dropna()
    p90 = first.quantile(0.9, interpolation="higher")
    hours = pd.to_datetime(df["opened"], utc=True).dt.tz_convert("Asia/Seoul").dt.hour
    return (
        csat,
        nps_score,
        ces,
        p90,
        df["reopened"].mean(),
        df["transferred"].mean(),
        df.groupby("channel").size(),
        hours.value_counts(),
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t = time.perf_counter()
    items = generate(n)
    print(f"generated {len(items):,} interactions in {time.perf_counter() - t:.1f} s")
    lines = [json.dumps(ix.to_dict(), ensure_ascii=False) for ix in items]
    rows: list[tuple[str, float, float]] = []  # name, wall seconds, CPU seconds

    _warm_up(lines[0])
    t, cpu = time.perf_counter(), time.process_time()
    in_memory = Report.build(items, config=CONFIG)
    rows.append(
        (
            "cxcore, 1 core, report over in-memory interactions",
            time.perf_counter() - t,
            time.process_time() - cpu,
        )
    )

    t, cpu = time.perf_counter(), time.process_time()
    one = _partial_from_lines(lines)
    single, single_cpu = time.perf_counter() - t, time.process_time() - cpu
    rows.append(("cxcore, 1 core, JSON Lines parse + report", single, single_cpu))

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2, initializer=_warm_up, initargs=(lines[0],)) as pool:
        pool.map(abs, [0, 1])  # wait until both workers are up
        t = time.perf_counter()
        timed = pool.map(_timed_partial, _chunks(lines, 2))
        merge_start = time.process_time()
        two = Report.empty(CONFIG)
        for part, _cpu in timed:
            two = combine(two, part)
        double = time.perf_counter() - t
        merge_cpu = time.process_time() - merge_start
        slowest_worker_cpu = max(cpu for _part, cpu in timed)
    rows.append(
        (
            "cxcore, 2 processes, JSON Lines parse + report",
            double,
            slowest_worker_cpu + merge_cpu,
        )
    )
    assert two == one == in_memory, "the partitioned report must equal the single one"

    try:
        import pandas as pd
    except ImportError:
        print("pandas not installed: skipping the pandas reference")
    else:
        t, cpu = time.perf_counter(), time.process_time()
        _pandas_subset(items)
        rows.append(
            (
                f"pandas {pd.__version__}, 1 core, survey/rate/volume/p90 subset only",
                time.perf_counter() - t,
                time.process_time() - cpu,
            )
        )

    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{multiprocessing.cpu_count()} CPUs; {len(items):,} interactions"
    )
    print(f"{'run':<62} | {'wall s':>7} | {'per s (wall)':>12} | {'CPU s':>6} | {'per CPU s':>9}")
    for name, seconds, cpu_seconds in rows:
        print(
            f"{name:<62} | {seconds:>7.2f} | {len(items) / seconds:>12,.0f} | "
            f"{cpu_seconds:>6.2f} | {len(items) / cpu_seconds:>9,.0f}"
        )
    print(f"speed-up with 2 processes: {single / double:.2f}x wall clock")
    print(
        f"CPU seconds: 1 core {single_cpu:.1f}; 2 processes: slowest worker "
        f"{slowest_worker_cpu:.1f} + merge {merge_cpu:.2f} -> "
        f"{single_cpu / (slowest_worker_cpu + merge_cpu):.2f}x when both cores are free"
    )
    print(f"a partial over all of them pickles to {len(pickle.dumps(one)) / 1e6:.1f} MB")
    print(
        f"report: CSAT {float(one.csat.value or 0):.3f}, FCR {float(one.fcr.value or 0):.3f}, "
        f"{len(one.at_risk):,} at-risk customers, {len(one.pareto.items)} causes"
    )


if __name__ == "__main__":
    main()
