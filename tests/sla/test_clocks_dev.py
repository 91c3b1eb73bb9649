"""The worked SLA timelines of tests/data/sla/clocks_dev.json, each as a test."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cxcore import Customer, Interaction, events
from cxcore.sla import Metric, SlaPolicy

DATA = Path(__file__).resolve().parents[1] / "data" / "sla" / "clocks_dev.json"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sla" / "clocks_dev.json"
CASES: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))


def build(case: dict[str, Any]) -> Interaction:
    """The case's interaction: ``Interaction.open`` then ``record`` for each event."""
    header = case["interaction"]
    ix = Interaction.open(
        id=header["id"],
        channel=header["channel"],
        at=datetime.fromisoformat(header["opened_at"]),
        customer=Customer(**header["customer"]),
        priority=header["priority"],
        subject=header.get("subject"),
    )
    for raw in case["events"]:
        kwargs = {k: v for k, v in raw.items() if k != "type"}
        kwargs["at"] = datetime.fromisoformat(kwargs["at"])
        ix = ix.record(getattr(events, raw["type"])(**kwargs))
    return ix


def same_instant(actual: datetime | None, expected: str | None, *, zone_checked: bool) -> None:
    if expected is None:
        assert actual is None
        return
    assert actual is not None
    want = datetime.fromisoformat(expected)
    assert actual - want == timedelta(0), (actual, want)
    if zone_checked:
        assert actual.utcoffset() == want.utcoffset()
    else:  # no calendar: results carry UTC
        assert actual.utcoffset() == timedelta(0)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_worked_timeline(case: dict[str, Any]) -> None:
    policy = SlaPolicy.from_dict(case["policy"])
    ix = build(case)
    report = policy.evaluate(ix, at=datetime.fromisoformat(case["at"]))
    zoned = "calendar" in case["policy"]
    expect = case["expect"]
    for name in expect.get("absent", []):
        assert Metric(name) not in report
        assert report.get(Metric(name)) is None
    for name, want in expect.items():
        if name == "absent":
            continue
        clock = report[Metric(name)]
        assert clock.state.value == want["state"]
        same_instant(clock.due_at, want["due_at"], zone_checked=zoned)
        same_instant(clock.breached_at, want["breached_at"], zone_checked=zoned)
        assert clock.elapsed == timedelta(seconds=want["elapsed"])
        assert clock.remaining == timedelta(seconds=want["remaining"])
        assert clock.at_risk is want["at_risk"]
    assert len(report) == len([k for k in expect if k != "absent"])
    same_instant(report.next_change_at, case["next_change_at"], zone_checked=zoned)


def test_every_metric_is_either_expected_or_absent() -> None:
    for case in CASES:
        named = {k for k in case["expect"] if k != "absent"} | set(case["expect"]["absent"])
        assert named == {m.value for m in Metric}, case["id"]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not beside the repository")
def test_copy_matches_shared_data() -> None:
    assert json.loads(SHARED.read_text(encoding="utf-8")) == CASES
