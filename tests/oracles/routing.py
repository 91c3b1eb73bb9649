"""A brute-force model of follow-the-sun routing, independent of cxcore's calendar code.

Teams are plain dicts of weekly wall-clock hours on whole hours, so every opening
and closing falls on a whole UTC hour in the zones used (offsets are whole hours).
Openness is read off the wall clock one instant at a time; the next opening and
closing are found by stepping hour by hour. The ranking is the documented order,
rebuilt from plain sets and strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HORIZON_HOURS = 24 * 21


@dataclass(frozen=True)
class OracleTeam:
    """A team: zone, per-weekday hours ``(start_hour, end_hour)`` (end < start: overnight)."""

    id: str
    zone: str
    hours: dict[str, list[tuple[int, int]]]
    holidays: frozenset[date] = frozenset()
    locales: tuple[str, ...] = ("*",)
    channels: tuple[str, ...] = ("*",)
    tags: frozenset[str] = field(default_factory=frozenset)
    capacity: int | None = None

    def to_dict(self) -> dict[str, object]:
        """The cxcore document for this team."""
        hours = {
            day: [[f"{s:02d}:00", f"{e:02d}:00"] for s, e in spans]
            for day, spans in self.hours.items()
        }
        out: dict[str, object] = {
            "id": self.id,
            "calendar": {
                "timezone": self.zone,
                "hours": hours,
                "holidays": sorted(d.isoformat() for d in self.holidays),
            },
            "locales": list(self.locales),
            "channels": list(self.channels),
            "tags": sorted(self.tags),
        }
        if self.capacity is not None:
            out["capacity"] = self.capacity
        return out


def is_open(team: OracleTeam, t: datetime) -> bool:
    """Whether the wall time of ``t`` lies in an interval of a non-holiday day."""
    local = t.astimezone(ZoneInfo(team.zone))
    minute = local.hour * 60 + local.minute + local.second / 60 + local.microsecond / 6e7
    today = local.date()
    yesterday = today - timedelta(days=1)
    for s, e in team.hours.get(DAYS[today.weekday()], []):
        if today in team.holidays:
            break
        end = 24 * 60 if e <= s else e * 60  # an overnight shift runs to midnight today
        if s * 60 <= minute < end:
            return True
    if yesterday not in team.holidays:
        for s, e in team.hours.get(DAYS[yesterday.weekday()], []):
            if e < s and minute < e * 60:  # the part after midnight belongs to yesterday
                return True
    return False


def _next_hour(t: datetime) -> datetime:
    u = t.astimezone(UTC)
    floor = u.replace(minute=0, second=0, microsecond=0)
    return floor if floor > u else floor + timedelta(hours=1)


def next_open(team: OracleTeam, t: datetime) -> datetime | None:
    """``t`` when open, else the first whole UTC hour after it that is open."""
    if is_open(team, t):
        return t
    h = _next_hour(t)
    for _ in range(HORIZON_HOURS):
        if is_open(team, h):
            return h
        h += timedelta(hours=1)
    return None


def next_close(team: OracleTeam, t: datetime) -> datetime | None:
    """The end of the open stretch ``t`` is in, else of the next one."""
    start = next_open(team, t)
    if start is None:
        return None
    h = _next_hour(start)
    for _ in range(HORIZON_HOURS):
        if not is_open(team, h):
            return h
        h += timedelta(hours=1)
    return None


def _split(tag: str) -> tuple[str, str | None]:
    parts = tag.split("-")
    return parts[0], (parts[1] if len(parts) > 1 else None)


def locale_rank(customer: str | None, team: OracleTeam) -> int:
    """0 exact, 1 language, 2 other region, 3 any, 4 unknown customer locale, 5 no match."""
    if team.locales == ("*",):
        return 3
    if customer is None:
        return 4
    lang, region = _split(customer)
    best = 5
    for tag in team.locales:
        t_lang, t_region = _split(tag)
        if t_lang != lang:
            continue
        if t_region == region:
            best = 0
        elif t_region is None or region is None:
            best = min(best, 1)
        else:
            best = min(best, 2)
    return best


@dataclass(frozen=True)
class Expected:
    """What the oracle derives for one team."""

    id: str
    open_now: bool
    at_capacity: bool
    opens_at: datetime | None
    closes_at: datetime | None
    criteria: int
    locale: int
    tags_covered: int


def evaluate(
    teams: list[OracleTeam],
    *,
    customer_locale: str | None,
    channel: str,
    tags: frozenset[str],
    at: datetime,
    load: dict[str, int],
) -> list[Expected]:
    """Every team's expected facts, in the documented ranking order."""
    skills = frozenset().union(*(t.tags for t in teams))
    needed = tags & skills
    out = []
    for team in teams:
        loc = locale_rank(customer_locale, team)
        channel_ok = team.channels == ("*",) or channel in team.channels
        covered = needed & team.tags
        criteria = int(loc != 5) + int(channel_ok) + int(covered == needed)
        full = team.capacity is not None and team.id in load and load[team.id] >= team.capacity
        out.append(
            Expected(
                id=team.id,
                open_now=is_open(team, at),
                at_capacity=full,
                opens_at=next_open(team, at),
                closes_at=next_close(team, at),
                criteria=criteria,
                locale=loc,
                tags_covered=len(covered),
            )
        )
    return sorted(out, key=_key)


def _key(e: Expected) -> tuple[object, ...]:
    if e.open_now and not e.at_capacity:
        group = 0
    elif e.open_now:
        group = 2
    elif e.opens_at is not None:
        group = 1
    else:
        group = 3
    far = datetime.max.replace(tzinfo=UTC)
    opening = e.opens_at if group == 1 and e.opens_at is not None else far
    if group != 1:
        opening = far
    # Later closing first; never closing first of all.
    closing = 0.0 if e.closes_at is None else -e.closes_at.timestamp()
    return (
        -e.criteria,
        group,
        opening,
        e.locale,
        -e.tags_covered,
        e.closes_at is not None,
        closing,
        e.id,
    )


# Break suggestions ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlantedContact:
    """A contact with its difficulty planted, in minutes from a fixed start.

    The customer writes at ``start`` (a frustrated text or not), the agent replies at
    ``start + 1`` and, when ``handling > 0``, again at ``start + 1 + handling``; an
    escalation follows the last reply, and a survey answer (after solving) one minute
    later.
    """

    id: str
    agent: str
    start: int
    handling: int
    frustrated: bool
    escalated: bool
    score: int | None


@dataclass(frozen=True)
class PlantedPolicy:
    """The break policy's knobs in minutes (None switches a criterion off)."""

    difficult_contacts: int
    within: int
    cooldown: int
    frustration: bool
    escalated: bool
    survey_at_most: int | None
    handling_over: int | None


def expected_break(
    contacts: list[PlantedContact],
    *,
    agent: str,
    at: int,
    policy: PlantedPolicy,
    last_suggested: int | None,
) -> list[str] | None:
    """The ids of the contacts a suggestion lists, in order, or None for no suggestion."""
    if last_suggested is not None and at < last_suggested + policy.cooldown:
        return None
    window_start = at - policy.within
    if last_suggested is not None:
        window_start = max(window_start, last_suggested)
    counted: list[tuple[int, str]] = []
    for c in contacts:
        if c.agent != agent or c.start + 1 > at:
            continue  # not (yet) this agent's contact
        last = c.start + 1 + c.handling if c.start + 1 + c.handling <= at else c.start + 1
        handled = last - (c.start + 1)
        final = c.start + 1 + c.handling
        difficult = (
            (policy.frustration and c.frustrated)
            or (policy.escalated and c.escalated and final <= at)
            or (
                policy.survey_at_most is not None
                and c.score is not None
                and final + 1 <= at
                and c.score <= policy.survey_at_most
            )
            or (policy.handling_over is not None and handled > policy.handling_over)
        )
        if difficult and window_start < last <= at:
            counted.append((last, c.id))
    if len(counted) < policy.difficult_contacts:
        return None
    return [contact_id for _, contact_id in sorted(counted)]
