"""Determinism and concurrency: pure evaluation, exactly-once escalation across workers,
and output that depends on neither the process's time zone nor its locale.

Set-up: six interactions that climb (late first replies, calls for a human,
one and two transfers), swept from the first opening to 30 hours later by
8 threads sharing a dict under a lock, and by 8 processes sharing an SQLite
file whose ``key`` column is the ``PRIMARY KEY``. Workers sweep every 15, 30,
45 or 60 minutes. Each decision key must be stored exactly once, and the set of
keys must equal the one a single worker sweeping every 15 minutes records.
Then the CLI (``demo`` in both languages, ``report`` as text in both and as
JSON, ``lint``) runs in subprocesses under the four ``TZ`` values and the three
``LANG``/``LC_ALL`` values (every zone and every language setting meets every
command), and every output must match byte for byte. The documents and results
a host stores or sends on are also printed under three ``PYTHONHASHSEED`` values
and must not change.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from cxcore.language import check, signals
from cxcore.routing import BreakPolicy, Teams, route, suggest_break, workload

from . import sweeps
from .support import TEAMS, snapshot

WORKERS = 8


@pytest.fixture(scope="module")
def reference_keys() -> set[str]:
    keys = sweeps.sequential_keys()
    # the set-up really climbs: every rule fires, the late-reply rule at both levels
    assert Counter(key.split("/")[1] for key in keys) == {"late": 10, "transfer": 9, "human": 3}
    return keys


def test_evaluation_is_pure_and_repeatable() -> None:
    interactions = sweeps.base_interactions()
    teams = Teams.from_dict(TEAMS)
    at = sweeps.END
    for ix in interactions:
        before = (ix.to_dict(), snapshot(sweeps.ESC.to_dict()), snapshot(sweeps.SLA.to_dict()))
        first = (
            sweeps.SLA.evaluate(ix, at=at),
            sweeps.ESC.evaluate(ix, at=at, sla=sweeps.SLA),
            sweeps.ESC.explain(ix, at=at, sla=sweeps.SLA),
            sweeps.ESC.simulate(ix, until=at + timedelta(days=2), sla=sweeps.SLA),
            route(ix, teams, at=at, sla=sweeps.SLA),
            suggest_break("a-1", interactions, at=at, policy=BreakPolicy()),
            workload(["a-1"], interactions, at=at, timezone="Asia/Seoul"),
        )
        again = (
            sweeps.SLA.evaluate(ix, at=at),
            sweeps.ESC.evaluate(ix, at=at, sla=sweeps.SLA),
            sweeps.ESC.explain(ix, at=at, sla=sweeps.SLA),
            sweeps.ESC.simulate(ix, until=at + timedelta(days=2), sla=sweeps.SLA),
            route(ix, teams, at=at, sla=sweeps.SLA),
            suggest_break("a-1", interactions, at=at, policy=BreakPolicy()),
            workload(["a-1"], interactions, at=at, timezone="Asia/Seoul"),
        )
        assert first == again
        assert (
            ix.to_dict(),
            snapshot(sweeps.ESC.to_dict()),
            snapshot(sweeps.SLA.to_dict()),
        ) == before


def test_threads_share_checkers_and_policies_and_get_the_same_answers() -> None:
    texts = [
        ("안타깝게도 환불은 불가능합니다. 고객님 잘못입니다.", "ko"),
        ("Unfortunately we can't do that; you should have read the manual.", "en"),
        ("상담원 연결해 주세요. 이번이 세 번째 문의예요", "ko"),
    ]
    expected = [(check(t, locale=loc), signals(t, locale=loc)) for t, loc in texts]
    ix = sweeps.base_interactions()[3]
    expected_eval = sweeps.ESC.evaluate(ix, at=sweeps.END, sla=sweeps.SLA)
    start = threading.Barrier(WORKERS)

    def work(_: int) -> bool:
        start.wait()
        ok = True
        for _round in range(20):
            ok &= [(check(t, locale=loc), signals(t, locale=loc)) for t, loc in texts] == expected
            ok &= sweeps.ESC.evaluate(ix, at=sweeps.END, sla=sweeps.SLA) == expected_eval
        return ok

    with ThreadPoolExecutor(WORKERS) as pool:
        assert all(pool.map(work, range(WORKERS)))


def test_eight_threads_store_each_key_exactly_once(reference_keys: set[str]) -> None:
    store = sweeps.LockedStore()
    start = threading.Barrier(WORKERS)

    def work(worker: int) -> list[str]:
        start.wait()
        return sweeps.sweep(worker, store.read, store.offer)

    with ThreadPoolExecutor(WORKERS) as pool:
        stored_first = [key for keys in pool.map(work, range(WORKERS)) for key in keys]
    assert Counter(stored_first) == Counter(set(stored_first)), "a key was stored twice"
    assert set(stored_first) == set(store.rows) == reference_keys
    # the workers raced: more offers than keys, every one but the first refused
    assert store.offers > len(reference_keys)


def test_eight_processes_store_each_key_exactly_once(
    tmp_path: Path, reference_keys: set[str]
) -> None:
    path = str(tmp_path / "escalations.sqlite")
    sweeps.open_store(path).close()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(WORKERS, mp_context=context) as pool:
        results = list(pool.map(sweeps.process_worker, [path] * WORKERS, range(WORKERS)))
    stored_first = [key for keys in results for key in keys]
    assert Counter(stored_first) == Counter(set(stored_first)), "a key was stored twice"
    db = sweeps.open_store(path)
    try:
        rows = db.execute("SELECT key, worker FROM escalations").fetchall()
    finally:
        db.close()
    assert {key for key, _ in rows} == set(stored_first) == reference_keys
    assert len(rows) == len(reference_keys)


# ------------------------------------------------------------------ time zone and locale

ZONES = ("UTC", "Asia/Seoul", "America/New_York", "Pacific/Chatham")
LANGS = ("C", "ko_KR.UTF-8", "en_US.UTF-8")


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "interactions.jsonl"
    lines = [json.dumps(ix.to_dict(), ensure_ascii=False) for ix in sweeps.base_interactions()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    data = _jsonl(tmp_path)
    policy = tmp_path / "sla.json"
    policy.write_text(json.dumps(sweeps.SLA.to_dict(), ensure_ascii=False), encoding="utf-8")
    reply = tmp_path / "reply.txt"
    reply.write_text(
        "안타깝게도 환불은 불가능합니다.\n고객님 잘못으로 배송이 늦어졌습니다.\n", encoding="utf-8"
    )
    at = sweeps.END.isoformat()
    report = ["report", str(data), "--sla", str(policy), "--timezone", "Asia/Seoul", "--at", at]
    return {
        "demo-en": ["demo", "--locale", "en"],
        "demo-ko": ["demo", "--locale", "ko"],
        "report-ko": [*report, "--locale", "ko", "--no-progress"],
        "report-en": [*report, "--locale", "en", "--no-progress"],
        "report-json": [*report, "--locale", "en", "--format", "json", "--no-progress"],
        "lint-ko": ["lint", str(reply), "--locale", "ko"],
    }


def _run(args: list[str], zone: str, lang: str) -> tuple[int, bytes, bytes]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "TZ", "PYTHONIO"))
    }
    env.update(TZ=zone, LANG=lang, LC_ALL=lang)
    done = subprocess.run(
        [sys.executable, "-m", "cxcore.cli", *args],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_cli_output_is_the_same_in_every_time_zone_and_locale(tmp_path: Path) -> None:
    commands = _commands(tmp_path)
    # The full TZ x LANG matrix for every command would start 72 interpreters. Each
    # command runs on a diagonal that meets every zone and every language setting;
    # the Korean outputs, the ones a locale could most plausibly change, on two.
    runs = [
        (name, zone, LANGS[(index + shift) % len(LANGS)])
        for name in commands
        for index, zone in enumerate(ZONES)
        for shift in ((0, 1) if name in ("demo-ko", "report-ko") else (0,))
    ]
    with ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(lambda run: _run(commands[run[0]], run[1], run[2]), runs))
    by_command: dict[str, dict[tuple[int, bytes, bytes], list[str]]] = {}
    for (name, zone, lang), output in zip(runs, outputs, strict=True):
        by_command.setdefault(name, {}).setdefault(output, []).append(f"TZ={zone} LANG={lang}")
    for name, seen in by_command.items():
        assert len(seen) == 1, f"{name} differs between time zones or locales: " + " / ".join(
            f"{envs}: {out[:200]!r} {err[-300:]!r}" for (_, out, err), envs in seen.items()
        )
        status, out, _err = next(iter(seen))
        assert out, name
        assert status == (1 if name.startswith("lint") else 0), name
    assert "환불" in next(iter(by_command["lint-ko"]))[1].decode("utf-8")


def test_stored_and_sent_outputs_do_not_depend_on_the_hash_seed() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    seen = set()
    for seed in ("0", "1", "4"):
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.seed_outputs"],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=120,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        seen.add(done.stdout)
    assert len(seen) == 1
    assert json.loads(seen.pop())["decisions"]
