"""Prints, as JSON, the documents and results a host would store or send on, for one
fixed input: run under different ``PYTHONHASHSEED`` values, the bytes must not change
(sets of tags, locales and channels are written in a fixed order, never hash order)."""

from __future__ import annotations

import json
from datetime import timedelta

from cxcore import events as ev
from cxcore.escalation import EscalationPolicy
from cxcore.language import check
from cxcore.reporting import Report, ReportConfig
from cxcore.routing import Teams, route
from cxcore.sla import BusinessCalendar, SlaPolicy

from .support import (
    CALENDAR,
    DROP,
    ESCALATION_POLICY,
    SLA_POLICY,
    T0,
    TEAM,
    TEAMS,
    doc,
    sample_interaction,
)

TAGS = ["refund", "vip", "bug", "환불", "delivery", "late"]


def outputs() -> dict[str, object]:
    ix = sample_interaction().record_all(
        [ev.Tagged(at=T0.replace(hour=13), tag=tag) for tag in TAGS]
    )
    sla = SlaPolicy.from_dict(doc(SLA_POLICY, calendar=DROP))
    tag_rule = {
        "id": "tags",
        "when": {"any": [{"tags": {"contains": "refund"}}, {"tags": {"contains": "vip"}}]},
        "steps": [{"after": "0m", "level": 1, "actions": [{"tag": "a"}, {"notify": "x"}]}],
    }
    esc = EscalationPolicy.from_dict(
        doc(ESCALATION_POLICY, rules=[*ESCALATION_POLICY["rules"], tag_rule])
    )
    at = T0 + timedelta(days=2)
    team = doc(
        TEAM, tags=["b", "a", "c", "d"], locales=["ko", "en", "ja"], channels=["sms", "email"]
    )
    config = ReportConfig(at=at, timezone="Asia/Seoul", sla=sla, ignore_tags={"x", "y", "z"})
    return {
        "interaction": ix.to_dict(),
        "explain": [e.to_dict() for e in esc.explain(ix, at=at, sla=sla)],
        "decisions": [
            (d.key, d.rule_id, d.level) for d in esc.evaluate(ix, at=at, sla=sla).decisions
        ],
        "policy": esc.to_dict(),
        "sla": sla.to_dict(),
        "teams": Teams.from_dict({"teams": [team]}).to_dict(),
        "route": [
            (c.team.id, c.available) for c in route(ix, Teams.from_dict(TEAMS), at=at, sla=sla)
        ],
        "report": Report.build([ix], config=config).to_dict(),
        "summary": Report.build([ix], config=config).summary(locale="ko"),
        "calendar": BusinessCalendar.from_dict(CALENDAR).to_dict(),
        "findings": [
            (f.rule_id, f.start, f.end) for f in check("안타깝게도 불가능합니다.", locale="ko")
        ],
    }


if __name__ == "__main__":
    print(json.dumps(outputs(), ensure_ascii=False, default=str))
