"""Follow-the-sun routing: rank the teams that could take an interaction, with reasons.

:func:`route` is a pure function of the interaction, the teams, the moment and
(optionally) the SLA policy and the teams' current load. It does not assign
anything: the host reads the ranking, perhaps prefers a choice that would not
breach, and records an ``Assigned`` or ``Transferred`` event itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import babel

from cxcore._errors import ValidationError
from cxcore._i18n import parse_locale, translate
from cxcore._interaction import Interaction
from cxcore._time import require_aware
from cxcore.events import CustomerMessage
from cxcore.sla import ClockState, Metric, SlaPolicy

from ._teams import Team, Teams, parsed_locale
from ._text import DOMAIN, moment_text, tr

__all__ = ["BreachRisk", "LocaleMatch", "Matches", "RouteChoice", "RouteReason", "route"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class LocaleMatch(enum.StrEnum):
    """How well a team's locales fit the customer's, best first.

    ``exact``: same language and region (or neither names a region); ``language``:
    same language, and one side names no region (a ``ko`` team for a ``ko-KR``
    customer); ``other_region``: same language, different regions (an ``en-US`` team
    for an ``en-GB`` customer); ``any``: the team serves every locale; ``unknown``:
    the customer has no locale, so nothing can be compared; ``none``: the team does
    not serve the customer's language. All but ``none`` count as a match.
    """

    __module__ = "cxcore.routing"

    EXACT = "exact"
    LANGUAGE = "language"
    OTHER_REGION = "other_region"
    ANY = "any"
    UNKNOWN = "unknown"
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for ``exact`` up to 5 for ``none``: lower is a better fit."""
        return _LOCALE_RANK[self.value]

    @property
    def matched(self) -> bool:
        """Whether this counts as serving the customer's locale."""
        return self is not LocaleMatch.NONE


_LOCALE_RANK = {
    "exact": 0,
    "language": 1,
    "other_region": 2,
    "any": 3,
    "unknown": 4,
    "none": 5,
}


class RouteReason(enum.StrEnum):
    """Machine-readable reasons a :class:`RouteChoice` carries, one per criterion."""

    __module__ = "cxcore.routing"

    OPEN = "open"
    CLOSED = "closed"
    NEVER_OPENS = "never_opens"
    AT_CAPACITY = "at_capacity"
    LOCALE_EXACT = "locale_exact"
    LOCALE_LANGUAGE = "locale_language"
    LOCALE_OTHER_REGION = "locale_other_region"
    LOCALE_ANY = "locale_any"
    LOCALE_UNKNOWN = "locale_unknown"
    LOCALE_MISMATCH = "locale_mismatch"
    CHANNEL = "channel"
    CHANNEL_MISMATCH = "channel_mismatch"
    TAGS = "tags"
    TAGS_MISSING = "tags_missing"
    WOULD_BREACH = "would_breach"


_LOCALE_REASON = {
    LocaleMatch.EXACT: RouteReason.LOCALE_EXACT,
    LocaleMatch.LANGUAGE: RouteReason.LOCALE_LANGUAGE,
    LocaleMatch.OTHER_REGION: RouteReason.LOCALE_OTHER_REGION,
    LocaleMatch.ANY: RouteReason.LOCALE_ANY,
    LocaleMatch.UNKNOWN: RouteReason.LOCALE_UNKNOWN,
    LocaleMatch.NONE: RouteReason.LOCALE_MISMATCH,
}


@attrs.frozen(kw_only=True)
class Matches:
    """Which of the three criteria a team meets: locale, channel and skill tags.

    ``tags`` are the interaction's skill tags the team handles and ``missing_tags``
    those it does not. A skill tag is an interaction tag that at least one of the
    routed teams lists; other tags (``"escalated"``, ``"vip"`` …) never count for or
    against a team.
    """

    __module__ = "cxcore.routing"

    locale: LocaleMatch
    channel: bool
    tags: frozenset[str]
    missing_tags: frozenset[str]

    @property
    def count(self) -> int:
        """How many criteria are met, 0 to 3 (tags count when none is missing)."""
        return int(self.locale.matched) + int(self.channel) + int(not self.missing_tags)

    @property
    def full(self) -> bool:
        """Whether all three criteria are met."""
        return self.count == 3


@attrs.frozen(kw_only=True)
class BreachRisk:
    """Waiting for a team would miss a response target.

    ``metric`` is the running response clock (first or next response), ``due_at``
    its due moment and ``starts_at`` the first moment the team could answer (None
    when its calendar never opens again); ``starts_at > due_at`` always holds.
    ``overdue`` says the target was already missed at the routing moment, so no
    team can meet it any more.
    """

    __module__ = "cxcore.routing"

    metric: Metric
    due_at: datetime
    starts_at: datetime | None
    overdue: bool


@attrs.frozen(kw_only=True)
class RouteChoice:
    """One team in the ranking :func:`route` returns, and why it is where it is.

    ``open_now``: the team's calendar is open at ``at``. ``at_capacity``: the host's
    load for it reached its capacity. ``opens_at`` is ``at`` itself when open, else
    its next opening (None: never again); ``closes_at`` is the end of the open
    stretch ``at`` is in, else of the next one (None: never closes). Both carry the
    team calendar's zone. ``would_breach`` is set when the interaction's running
    response clock would be past due before the team can answer.
    """

    __module__ = "cxcore.routing"

    team: Team
    open_now: bool
    at_capacity: bool
    opens_at: datetime | None
    closes_at: datetime | None
    load: int | None
    matches: Matches
    would_breach: BreachRisk | None
    reasons: tuple[RouteReason, ...]

    @property
    def available(self) -> bool:
        """Whether the team can take the interaction now: open and below capacity."""
        return self.open_now and not self.at_capacity

    def describe(self, locale: str | babel.Locale) -> str:
        """One line for people, e.g. ``"seoul: open now until …; serves ko-KR; …"``."""
        loc = parse_locale(locale, "locale")
        parts = [_reason_text(self, reason, loc) for reason in self.reasons]
        return translate(
            DOMAIN, loc, "{team}: {details}", team=self.team.id, details="; ".join(parts)
        )


def _reason_text(choice: RouteChoice, reason: RouteReason, loc: babel.Locale) -> str:
    m = choice.matches
    if reason is RouteReason.OPEN:
        if choice.closes_at is None:
            return tr(loc, "open now, with no closing time ahead")
        return tr(loc, "open now until {moment}", moment=moment_text(choice.closes_at, loc))
    if reason is RouteReason.CLOSED and choice.opens_at is not None:
        return tr(loc, "closed, opens {moment}", moment=moment_text(choice.opens_at, loc))
    if reason in (RouteReason.CLOSED, RouteReason.NEVER_OPENS):
        return tr(loc, "closed and never opens again")
    if reason is RouteReason.AT_CAPACITY:
        return tr(
            loc,
            "at capacity ({load} of {capacity} open interactions)",
            load=choice.load,
            capacity=choice.team.capacity,
        )
    if reason is RouteReason.CHANNEL:
        return tr(loc, "handles the channel")
    if reason is RouteReason.CHANNEL_MISMATCH:
        return tr(loc, "does not handle the channel")
    if reason is RouteReason.TAGS:
        return tr(loc, "has the skills {tags}", tags=", ".join(sorted(m.tags)))
    if reason is RouteReason.TAGS_MISSING:
        return tr(loc, "lacks the skills {tags}", tags=", ".join(sorted(m.missing_tags)))
    risk = choice.would_breach
    if reason is RouteReason.WOULD_BREACH and risk is not None:
        label = tr(loc, _METRIC_LABELS[risk.metric])
        message = (
            "the {metric} target was already due {moment}"
            if risk.overdue
            else "waiting for it misses the {metric} target due {moment}"
        )
        return tr(
            loc,
            message,
            metric=label,
            # in the team's zone, beside its opening time
            moment=moment_text(risk.due_at.astimezone(choice.closes_at.tzinfo), loc)
            if choice.closes_at is not None
            else moment_text(risk.due_at, loc),
        )
    return tr(loc, _LOCALE_TEXT.get(reason, reason.value))


_LOCALE_TEXT = {
    RouteReason.LOCALE_EXACT: "serves the customer's locale",
    RouteReason.LOCALE_LANGUAGE: "serves the customer's language",
    RouteReason.LOCALE_OTHER_REGION: "serves the customer's language in another region",
    RouteReason.LOCALE_ANY: "serves every locale",
    RouteReason.LOCALE_UNKNOWN: "the customer's locale is unknown",
    RouteReason.LOCALE_MISMATCH: "does not serve the customer's language",
}
_METRIC_LABELS = {
    Metric.FIRST_RESPONSE: "first response",
    Metric.NEXT_RESPONSE: "next response",
}


def locale_match(customer: str | None, team: Team) -> LocaleMatch:
    """How ``team`` fits a customer locale tag (None when unknown)."""
    if customer is None:
        return LocaleMatch.ANY if team.any_locale else LocaleMatch.UNKNOWN
    if team.any_locale:
        return LocaleMatch.ANY
    want = parsed_locale(customer)
    best = LocaleMatch.NONE
    for tag in team.locales:
        have = parsed_locale(tag)
        if have.language != want.language:
            continue
        if have.script and want.script and have.script != want.script:
            continue  # zh-Hans and zh-Hant are different written languages
        if have.territory == want.territory:
            return LocaleMatch.EXACT
        fit = (
            LocaleMatch.OTHER_REGION if have.territory and want.territory else LocaleMatch.LANGUAGE
        )
        if fit.rank < best.rank:
            best = fit
    return best


def routing_channel(ix: Interaction) -> str:
    """The channel to answer on: the latest customer message's, else the opening channel."""
    for event in reversed(ix.events):
        if isinstance(event, CustomerMessage) and event.channel is not None:
            return event.channel
    return ix.channel


def _running_clock(ix: Interaction, sla: SlaPolicy, at: datetime) -> tuple[Metric, datetime] | None:
    report = sla.evaluate(ix, at=at)
    for metric in (Metric.FIRST_RESPONSE, Metric.NEXT_RESPONSE):
        clock = report.get(metric)
        if (
            clock is not None
            and clock.stopped_at is None
            and clock.state in (ClockState.RUNNING, ClockState.BREACHED)
            and clock.due_at is not None
        ):
            return metric, clock.due_at
    return None


def _teams_arg(teams: object) -> tuple[Team, ...]:
    if isinstance(teams, Teams):
        return teams.teams
    try:
        return Teams(teams=teams).teams  # the converter validates
    except ValidationError as exc:
        raise ValidationError(f"teams: {exc}; pass a cxcore.routing.Teams or Team values") from None


def _load_arg(load: object) -> Mapping[str, int]:
    if load is None:
        return {}
    if not isinstance(load, Mapping):
        raise ValidationError(
            f"load must be a mapping of team id to open interactions (got {type(load).__name__})"
        )
    for key, value in load.items():
        if not isinstance(key, str) or isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"load maps team ids (str) to counts (int >= 0); got {key!r}: {value!r}"
            )
        if value < 0:
            raise ValidationError(f"load[{key!r}] must be >= 0 (got {value})")
    return load


def _later_first(moment: datetime | None) -> tuple[int, timedelta]:
    # None (never closes) gives the most runway, so it sorts first.
    return (0, timedelta(0)) if moment is None else (1, _EPOCH - moment)


def _group(choice: RouteChoice) -> int:
    if choice.available:
        return 0
    if choice.open_now:  # open but at capacity: when room comes is unknown
        return 2
    return 1 if choice.opens_at is not None else 3


def rank_key(choice: RouteChoice) -> tuple[Any, ...]:
    """The documented ranking order of :func:`route`, as a sort key."""
    group = _group(choice)
    opening = choice.opens_at - _EPOCH if group == 1 and choice.opens_at else timedelta(0)
    return (
        -choice.matches.count,
        group,
        opening,
        choice.matches.locale.rank,
        -len(choice.matches.tags),
        _later_first(choice.closes_at),
        choice.team.id,
    )


def route(
    ix: Interaction,
    teams: Teams | Iterable[Team],
    *,
    at: datetime,
    sla: SlaPolicy | None = None,
    load: Mapping[str, int] | None = None,
) -> tuple[RouteChoice, ...]:
    """Every team, ranked for taking ``ix`` at ``at``, best first, each with its reasons.

    The order, key by key:

    1. more criteria met first (customer locale, the channel to answer on, the skill
       tags): teams meeting all three come before any partial match;
    2. then availability: open with room now, then closed (earliest opening first),
       then open but at capacity, then never opening again;
    3. then the better locale fit (same region before same language before ``*``);
    4. then more of the interaction's skill tags handled;
    5. then the later closing moment (more runway; never closing is latest);
    6. then the team id.

    ``sla`` (an :class:`~cxcore.sla.SlaPolicy`) sets ``would_breach`` on each choice
    whose team cannot answer before the running first- or next-response clock is
    due. ``load`` maps team ids to their open interactions, for capacity. Only the
    events at or before ``at`` are seen.
    """
    if not isinstance(ix, Interaction):
        raise ValidationError(f"ix must be a cxcore.Interaction (got {type(ix).__name__})")
    require_aware(at, "at")
    team_tuple = _teams_arg(teams)
    loads = _load_arg(load)
    if sla is not None and not isinstance(sla, SlaPolicy):
        raise ValidationError(
            f"sla must be a cxcore.sla.SlaPolicy or None (got {type(sla).__name__})"
        )
    view = ix.up_to(at)
    channel = routing_channel(view)
    skills = frozenset().union(*(team.tags for team in team_tuple))
    needed = view.tags & skills
    clock = _running_clock(view, sla, at) if sla is not None else None
    choices = [
        _choice(
            team,
            customer_locale=view.customer.locale,
            channel=channel,
            needed=needed,
            load=loads.get(team.id),
            clock=clock,
            at=at,
        )
        for team in team_tuple
    ]
    return tuple(sorted(choices, key=rank_key))


def _choice(
    team: Team,
    *,
    customer_locale: str | None,
    channel: str,
    needed: frozenset[str],
    load: int | None,
    clock: tuple[Metric, datetime] | None,
    at: datetime,
) -> RouteChoice:
    calendar = team.calendar
    open_now = calendar.is_open(at)
    opens_at = calendar.next_open(at)
    closes_at = calendar.next_close(at)
    full = team.capacity is not None and load is not None and load >= team.capacity
    matches = Matches(
        locale=locale_match(customer_locale, team),
        channel=team.any_channel or channel in team.channels,
        tags=needed & team.tags,
        missing_tags=needed - team.tags,
    )
    starts_at = at if open_now else opens_at
    risk = None
    if clock is not None:
        metric, due_at = clock
        if starts_at is None or starts_at > due_at:
            risk = BreachRisk(
                metric=metric, due_at=due_at, starts_at=starts_at, overdue=due_at < at
            )
    reasons: list[RouteReason] = []
    if open_now:
        reasons.append(RouteReason.OPEN)
    else:
        reasons.append(RouteReason.CLOSED if opens_at is not None else RouteReason.NEVER_OPENS)
    if full:
        reasons.append(RouteReason.AT_CAPACITY)
    reasons.append(_LOCALE_REASON[matches.locale])
    reasons.append(RouteReason.CHANNEL if matches.channel else RouteReason.CHANNEL_MISMATCH)
    if matches.tags:
        reasons.append(RouteReason.TAGS)
    if matches.missing_tags:
        reasons.append(RouteReason.TAGS_MISSING)
    if risk is not None:
        reasons.append(RouteReason.WOULD_BREACH)
    return RouteChoice(
        team=team,
        open_now=open_now,
        at_capacity=full,
        opens_at=opens_at,
        closes_at=closes_at,
        load=load,
        matches=matches,
        would_breach=risk,
        reasons=tuple(reasons),
    )
