"""An example cxcore plugin: one condition leaf, one action and one rule pack.

It uses only cxcore's public API, as any third-party plugin must. The entry
points in ``pyproject.toml`` name the three objects at the bottom of this file.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from cxcore import ConfigError
from cxcore.escalation import EvaluationContext, Stretches
from cxcore.language import RulePack

__all__ = ["Page", "VipWeekend", "acme_rules", "page", "vip_weekend"]

_SATURDAY = 5


@attrs.frozen(kw_only=True)
class VipWeekend:
    """Holds while the customer is a VIP and it is Saturday or Sunday in ``timezone``.

    A condition returns where it holds as stretches of time, from the opening on;
    weekends are known in advance, so the stretches run to the end of the
    weekend after ``ctx.at`` (``simulate`` sees the coming one).
    """

    timezone: str
    tier: str = "vip"

    def stretches(self, ctx: EvaluationContext) -> Stretches:
        ix = ctx.interaction
        if ix.customer.tier != self.tier:
            return Stretches()
        zone = ZoneInfo(self.timezone)
        opened = ix.opened_at.astimezone(zone)
        monday = opened.date() - timedelta(days=opened.weekday())
        last = ctx.at.astimezone(zone).date() + timedelta(days=7)
        spans = []
        while monday <= last:
            saturday = datetime.combine(monday + timedelta(days=_SATURDAY), time(0), zone)
            monday += timedelta(days=7)
            following_monday = datetime.combine(monday, time(0), zone)
            if following_monday > opened:
                spans.append((max(saturday, opened), following_monday))
        return Stretches(spans=spans)

    def value_at(self, ctx: EvaluationContext, moment: datetime) -> str:
        """What ``explain`` shows: the local weekday and the customer's tier."""
        local = moment.astimezone(ZoneInfo(self.timezone))
        return f"{local:%A} in {self.timezone}, tier {ctx.interaction.customer.tier}"

    def to_config(self) -> dict[str, str]:
        """The canonical config (``EscalationPolicy.to_dict`` writes it back)."""
        return {"timezone": self.timezone, "tier": self.tier}


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def vip_weekend(config: Any, path: str) -> VipWeekend:
    """The condition factory: ``{"vip_weekend": {"timezone": "Asia/Seoul", "tier": "vip"}}``."""
    if not isinstance(config, dict) or not set(config) <= {"timezone", "tier"}:
        raise ConfigError('write {"timezone": "<IANA zone>"} (and optionally "tier")', path=path)
    zone = config.get("timezone")
    if not isinstance(zone, str) or not _is_zone(zone):
        raise ConfigError(
            f"timezone must be an IANA zone such as 'Asia/Seoul' (got {zone!r})",
            path=f"{path}.timezone",
        )
    tier = config.get("tier", "vip")
    if not isinstance(tier, str) or not tier:
        raise ConfigError(f"tier must be a non-empty str (got {tier!r})", path=f"{path}.tier")
    return VipWeekend(timezone=zone, tier=tier)


@attrs.frozen(kw_only=True)
class Page:
    """Page an on-call rotation. An intent: the host's pager integration carries it out."""

    rotation: str

    @property
    def kind(self) -> str:
        return "page"

    def to_config(self) -> str:
        return self.rotation

    def resolve(self, ctx: EvaluationContext, *, at: datetime) -> Page:
        return self


def page(config: Any, path: str) -> Page:
    """The action factory: ``{"page": "weekend-on-call"}``."""
    if not isinstance(config, str) or not config.strip():
        raise ConfigError(
            f'name the rotation to page, e.g. "weekend-on-call" (got {config!r})', path=path
        )
    return Page(rotation=config)


_ACME_RULES: dict[str, Any] = {
    "pack": {
        "name": "acme-en",
        "locale": "en",
        "spacing": "words",
        "description": "ACME's house rule: never answer with a bare ticket number.",
    },
    "rules": [
        {
            "id": "acme-see-ticket",
            "category": "dismissive",
            "severity": "warning",
            "patterns": ["see ticket", "refer to ticket", "as per ticket"],
            "message": "Pointing at a ticket number makes the customer do the reading.",
            "suggestions": ['Say what the ticket says, e.g. "Your replacement ships Monday."'],
            "examples": {
                "flagged": ["See ticket 4411."],
                "clean": ["Your replacement ships Monday."],
            },
        }
    ],
}


def acme_rules() -> RulePack:
    """The rule-pack provider: cxcore calls it once, when the plugin is loaded."""
    return RulePack.from_dict(_ACME_RULES)
