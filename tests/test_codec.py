"""Interaction documents: exact round trips, schema versions and path-precise errors."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore import ConfigError, Customer, Interaction, events

T0 = datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Asia/Seoul"))


def _sample() -> Interaction:
    ix = Interaction.open(
        id="T-1",
        channel="email",
        at=T0,
        customer=Customer(id="c-9", tier="vip", locale="ko-KR", name="김민지"),
        priority="high",
        subject="환불 문의",
    )
    return ix.record_all(
        [
            events.CustomerMessage(at=T0, text="환불 문의드립니다.", channel="email"),
            events.AgentReply(at=T0 + timedelta(minutes=40), agent="a-1", text="확인하겠습니다."),
            events.Transferred(at=T0 + timedelta(hours=1), team="tech", reason="hardware"),
            events.Escalated(
                at=T0 + timedelta(hours=2), key="k/1", policy="p", rule_id="r", step=0, level=1
            ),
            events.EscalationAcknowledged(at=T0 + timedelta(hours=2), agent="a-2", key="k/1"),
            events.StatusChanged(at=T0 + timedelta(hours=3), status="solved"),
            events.StatusChanged(at=T0 + timedelta(hours=4), status="closed"),
            events.SurveyAnswered(
                at=T0 + timedelta(hours=5), survey="csat", score=2, reason="slow", comment="느림"
            ),
        ]
    )


def test_round_trip_through_json_and_pickle_is_exact() -> None:
    ix = _sample()
    doc = ix.to_dict()
    back = Interaction.from_dict(json.loads(json.dumps(doc)))
    assert back == ix
    assert back.to_dict() == doc
    assert (back.status, back.owner, back.team, back.escalation_keys) == (
        ix.status,
        ix.owner,
        ix.team,
        ix.escalation_keys,
    )
    assert pickle.loads(pickle.dumps(ix)) == ix
    assert pickle.loads(pickle.dumps(ix)).acknowledged_keys == {"k/1"}


def test_documents_use_the_shared_event_encoding() -> None:
    doc = _sample().to_dict()
    assert doc["schema"] == 1
    assert doc["events"][1] == {
        "type": "AgentReply",
        "at": "2026-03-03T10:40:00+09:00",
        "agent": "a-1",
        "text": "확인하겠습니다.",
        "channel": None,
    }


def test_from_dict_leaves_the_callers_document_unchanged() -> None:
    doc = _sample().to_dict()
    before = copy.deepcopy(doc)
    Interaction.from_dict(doc)
    assert doc == before


def test_newer_schema_is_refused() -> None:
    doc = _sample().to_dict()
    doc["schema"] = 2
    with pytest.raises(ConfigError, match="newer") as info:
        Interaction.from_dict(doc)
    assert info.value.path == "schema"


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (lambda d: d["events"][1].update(type="Reply"), "events[1].type", "unknown event type"),
        (lambda d: d["events"][1].update(at="yesterday"), "events[1].at", "ISO 8601"),
        (lambda d: d["events"][1].update(at="2026-03-03T10:40:00"), "events[1].at", "no UTC"),
        (lambda d: d["events"][1].pop("agent"), "events[1]", "needs the key 'agent'"),
        (lambda d: d["events"][1].update(agnet="a"), "events[1].agnet", "unknown key"),
        (lambda d: d["events"][7].update(score=9), "events[7]", "from 1 to 5"),
        (
            lambda d: d["events"][2].update(at="2026-03-03T09:00:00+09:00"),
            "events[2]",
            "time order",
        ),
        (
            lambda d: d["events"].append({**d["events"][0], "at": "2026-03-04T10:00:00+09:00"}),
            "events[8]",
            "closed",
        ),
        (lambda d: d.update(opened_at=5), "opened_at", "ISO 8601"),
        (lambda d: d["customer"].update(tier=""), "customer", "Customer.tier"),
        (lambda d: d.update(priority="highest"), "", "priority"),
        (lambda d: d.update(extra=1), "extra", "unknown key"),
        (lambda d: d.update(events={}), "events", "must be a list"),
        (lambda d: d.update(schema="1"), "schema", "positive int"),
    ],
)
def test_bad_documents_name_the_path(mutate: object, path: str, message: str) -> None:
    doc = _sample().to_dict()
    mutate(doc)  # type: ignore[operator]
    with pytest.raises(ConfigError, match=message) as info:
        Interaction.from_dict(doc)
    assert info.value.path == path


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ConfigError, match="expected a table/object"):
        Interaction.from_dict(["T-1"])
