"""Agent workload and break suggestions after difficult contacts.

Patience is a skill that runs out: after several difficult customers in a row an
agent does better work after a short break. :func:`suggest_break` says when, and
why, from the interactions' events alone. It is advice: nothing here blocks work
or assigns anything, and nothing reads the clock (``at`` is always passed).

Definitions (the reference documents them in full):

- an interaction is the agent's *contact* when it holds a public reply by the
  agent at or before ``at``; the contact *happened* at the agent's last such reply;
- a contact is *difficult* by the policy's criteria: customer frustration in the
  messages the agent answered, a low survey score, an escalation, or a long
  handling time (from the agent's first to their last reply).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, time, timedelta, tzinfo
from os import PathLike
from typing import Any

import attrs
import babel

from cxcore._errors import ValidationError
from cxcore._i18n import parse_locale
from cxcore._interaction import Interaction
from cxcore._model import Status, non_empty_str
from cxcore._time import require_aware, require_duration, resolve_zone
from cxcore.events import AgentReply, CustomerMessage, Escalated, SurveyAnswered
from cxcore.language import has_rules, signals

from ._text import moment_text, span_text, tr

__all__ = [
    "BreakPolicy",
    "BreakSuggestion",
    "DifficultContact",
    "Difficulty",
    "Workload",
    "suggest_break",
    "workload",
]

_HOUR = timedelta(hours=1)
_DONE = frozenset({Status.SOLVED, Status.CLOSED})


class Difficulty(enum.StrEnum):
    """Why a contact was difficult (a contact may have several reasons)."""

    __module__ = "cxcore.routing"

    FRUSTRATION = "frustration"
    LOW_SCORE = "low_score"
    ESCALATED = "escalated"
    LONG_HANDLING = "long_handling"


def _positive_int(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(f"BreakPolicy.{attr.name} must be an int >= 1 (got {value!r})")


def _duration(allow_zero: bool) -> Any:
    def check(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        require_duration(value, f"BreakPolicy.{attr.name}", allow_zero=allow_zero)

    return check


def _optional_duration(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        require_duration(value, f"BreakPolicy.{attr.name}", allow_zero=False)


def _flag(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError(f"BreakPolicy.{attr.name} must be True or False (got {value!r})")


def _optional_score(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(
            f"BreakPolicy.{attr.name} must be an int score or None to ignore surveys "
            f"(got {value!r})"
        )


@attrs.frozen(kw_only=True)
class BreakPolicy:
    """When to suggest a break: ``difficult_contacts`` difficult contacts ``within`` a span.

    The suggestion is a ``break_duration`` break, and no new suggestion comes before
    ``cooldown`` has passed since the previous one. A contact is difficult when any
    switched-on criterion holds: ``frustration`` (a customer message the agent
    answered carries a frustration signal), ``escalated`` (the interaction holds an
    ``Escalated`` event), ``survey_at_most`` (the latest answer to the ``survey``
    scored at most this; None ignores surveys) or ``handling_over`` (the agent's
    first to last reply took longer; None ignores handling time).
    """

    __module__ = "cxcore.routing"

    difficult_contacts: int = attrs.field(default=3, validator=_positive_int)
    within: timedelta = attrs.field(default=timedelta(hours=1), validator=_duration(False))
    break_duration: timedelta = attrs.field(
        default=timedelta(minutes=15), validator=_duration(False)
    )
    cooldown: timedelta = attrs.field(default=timedelta(hours=2), validator=_duration(True))
    frustration: bool = attrs.field(default=True, validator=_flag)
    escalated: bool = attrs.field(default=True, validator=_flag)
    survey: str = attrs.field(default="csat", validator=non_empty_str("BreakPolicy.survey"))
    survey_at_most: int | None = attrs.field(default=2, validator=_optional_score)
    handling_over: timedelta | None = attrs.field(
        default=timedelta(minutes=30), validator=_optional_duration
    )

    def __attrs_post_init__(self) -> None:
        if not (
            self.frustration
            or self.escalated
            or self.survey_at_most is not None
            or self.handling_over is not None
        ):
            raise ValidationError(
                "BreakPolicy: every criterion is switched off, so no contact could be "
                "difficult; keep at least one of frustration, escalated, survey_at_most, "
                "handling_over"
            )

    @classmethod
    def from_dict(cls, data: object) -> BreakPolicy:
        """Build from the documented dict format; a bad document is a ConfigError with its path."""
        from ._codec import break_policy_from_dict

        return break_policy_from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The dict format :meth:`from_dict` reads back equal."""
        from ._codec import break_policy_to_dict

        return break_policy_to_dict(self)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> BreakPolicy:
        """Read a policy from a ``.toml`` or ``.json`` file in the :meth:`from_dict` format."""
        from ._codec import load_break_policy

        return load_break_policy(path)


@attrs.frozen(kw_only=True)
class DifficultContact:
    """One difficult contact of an agent, with the evidence for each reason.

    ``at`` is when the contact happened (the agent's last public reply in it up to
    the evaluated moment). ``frustration`` holds the text of each frustration
    signal found, ``survey_score`` the low score, ``escalations`` the rule ids of
    the ``Escalated`` events, ``handling_time`` the agent's first-to-last-reply span.
    """

    __module__ = "cxcore.routing"

    interaction: str
    agent: str
    at: datetime
    reasons: tuple[Difficulty, ...]
    frustration: tuple[str, ...] = ()
    survey_score: int | None = None
    escalations: tuple[str, ...] = ()
    handling_time: timedelta = timedelta(0)

    def describe(self, locale: str | babel.Locale) -> str:
        """One line for people: the interaction, when, and why it was difficult."""
        loc = parse_locale(locale, "locale")
        why: list[str] = []
        for reason in self.reasons:
            if reason is Difficulty.FRUSTRATION:
                quoted = ", ".join(f"“{text}”" for text in self.frustration)
                why.append(tr(loc, "the customer was frustrated ({quotes})", quotes=quoted))
            elif reason is Difficulty.LOW_SCORE:
                why.append(tr(loc, "low survey score {score}", score=self.survey_score))
            elif reason is Difficulty.ESCALATED:
                rules = ", ".join(self.escalations)
                why.append(tr(loc, "escalated ({rules})", rules=rules))
            else:
                why.append(tr(loc, "handled for {span}", span=span_text(self.handling_time, loc)))
        return tr(
            loc,
            "{interaction} at {moment}: {reasons}",
            interaction=self.interaction,
            moment=moment_text(self.at, loc),
            reasons="; ".join(why),
        )


@attrs.frozen(kw_only=True)
class BreakSuggestion:
    """A suggested break for ``agent`` from ``at`` until ``until``, and the contacts behind it.

    ``contacts`` are the difficult contacts that counted, oldest first: those after
    ``window_start`` (exclusive) and at or before ``at``. The host decides whether and
    when the break happens, and passes ``at`` back as ``last_suggested_at`` later.
    """

    __module__ = "cxcore.routing"

    agent: str
    at: datetime
    duration: timedelta
    window_start: datetime
    contacts: tuple[DifficultContact, ...]

    @property
    def until(self) -> datetime:
        """When the suggested break ends (``at + duration``)."""
        return self.at + self.duration

    def describe(self, locale: str | babel.Locale) -> str:
        """A short explanation for people: the suggestion, then one line per contact."""
        loc = parse_locale(locale, "locale")
        head = tr(
            loc,
            "Suggest a break of {duration} for {agent}: {count} difficult contacts since {moment}",
            duration=span_text(self.duration, loc),
            agent=self.agent,
            count=len(self.contacts),
            moment=moment_text(self.window_start, loc),
        )
        return "\n".join([head, *(f"- {c.describe(loc)}" for c in self.contacts)])


@attrs.frozen(kw_only=True)
class Workload:
    """One agent's load at ``at``.

    ``open_interactions``: ids of the interactions assigned to the agent and not
    solved or closed; ``replies_last_hour``: public replies after ``at`` − 1 h and at
    or before ``at``; ``difficult_today``: difficult contacts that happened from the
    start of ``at``'s date in the given time zone up to ``at``;
    ``last_suggested_at``: when the host last suggested a break (None: never).
    """

    __module__ = "cxcore.routing"

    agent: str
    at: datetime
    open_interactions: tuple[str, ...]
    replies_last_hour: int
    difficult_today: tuple[DifficultContact, ...]
    last_suggested_at: datetime | None = None

    @property
    def since_last_suggestion(self) -> timedelta | None:
        """Time since the last break suggestion, or None when there was none."""
        return None if self.last_suggested_at is None else self.at - self.last_suggested_at


# Judging contacts ----------------------------------------------------------------------


class _Signals:
    """Frustration signals per (text, locale), computed once per call."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._rules: dict[str, bool] = {}

    def frustration(self, text: str, locale: str | None) -> tuple[str, ...]:
        if locale is None:
            return ()
        if locale not in self._rules:
            self._rules[locale] = has_rules(locale)
        if not self._rules[locale]:
            return ()  # a language without rules carries no signals
        key = (text, locale)
        if key not in self._cache:
            self._cache[key] = tuple(
                s.text for s in signals(text, locale=locale) if s.kind == "frustration"
            )
        return self._cache[key]


def _activity(ix: Interaction) -> dict[str, tuple[datetime, datetime]]:
    """Each replying agent's first and last public reply in ``ix``."""
    out: dict[str, tuple[datetime, datetime]] = {}
    for event in ix.events:
        if isinstance(event, AgentReply):
            first = out[event.agent][0] if event.agent in out else event.at
            out[event.agent] = (first, event.at)
    return out


def _judge(
    ix: Interaction,
    agent: str,
    *,
    first: datetime,
    last: datetime,
    policy: BreakPolicy,
    found: _Signals,
) -> DifficultContact | None:
    frustration: list[str] = []
    escalations: list[str] = []
    score: int | None = None
    for event in ix.events:
        if isinstance(event, CustomerMessage) and policy.frustration and event.at <= last:
            frustration.extend(found.frustration(event.text, ix.customer.locale))
        elif isinstance(event, Escalated) and policy.escalated:
            if event.rule_id not in escalations:
                escalations.append(event.rule_id)
        elif isinstance(event, SurveyAnswered) and event.survey == policy.survey:
            score = event.score  # the latest answer counts
    reasons: list[Difficulty] = []
    if frustration:
        reasons.append(Difficulty.FRUSTRATION)
    low = policy.survey_at_most is not None and score is not None and score <= policy.survey_at_most
    if low:
        reasons.append(Difficulty.LOW_SCORE)
    if escalations:
        reasons.append(Difficulty.ESCALATED)
    handling = last - first
    if policy.handling_over is not None and handling > policy.handling_over:
        reasons.append(Difficulty.LONG_HANDLING)
    if not reasons:
        return None
    return DifficultContact(
        interaction=ix.id,
        agent=agent,
        at=last,
        reasons=tuple(reasons),
        frustration=tuple(frustration),
        survey_score=score if low else None,
        escalations=tuple(escalations),
        handling_time=handling,
    )


def _views(interactions: object, at: datetime) -> list[Interaction]:
    if isinstance(interactions, str | bytes | Interaction) or not isinstance(
        interactions, Iterable
    ):
        raise ValidationError(
            "interactions must be an iterable of cxcore.Interaction "
            f"(got {type(interactions).__name__})"
        )
    views: list[Interaction] = []
    for index, ix in enumerate(interactions):
        if not isinstance(ix, Interaction):
            raise ValidationError(
                f"interactions[{index}] must be a cxcore.Interaction (got {type(ix).__name__})"
            )
        if ix.opened_at <= at:
            views.append(ix.up_to(at))
    return views


def _agent_arg(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{name} must be a non-empty str agent id (got {value!r})")
    return value


def _policy_arg(value: object) -> BreakPolicy:
    if not isinstance(value, BreakPolicy):
        raise ValidationError(
            f"policy must be a cxcore.routing.BreakPolicy (got {type(value).__name__}); "
            "build one with BreakPolicy() or BreakPolicy.from_dict({...})"
        )
    return value


_Activity = tuple[Interaction, dict[str, tuple[datetime, datetime]]]


def _contacts(
    activity: list[_Activity],
    agent: str,
    policy: BreakPolicy,
    found: _Signals,
    counts: Callable[[datetime], bool],
) -> list[DifficultContact]:
    """The agent's difficult contacts whose moment ``counts``, oldest first, then by id."""
    out: list[DifficultContact] = []
    for ix, spans in activity:
        span = spans.get(agent)
        if span is not None and counts(span[1]):
            contact = _judge(ix, agent, first=span[0], last=span[1], policy=policy, found=found)
            if contact is not None:
                out.append(contact)
    out.sort(key=lambda c: (c.at, c.interaction))
    return out


def suggest_break(
    agent: str,
    interactions: Iterable[Interaction],
    *,
    at: datetime,
    policy: BreakPolicy,
    last_suggested_at: datetime | None = None,
) -> BreakSuggestion | None:
    """A break suggestion for ``agent`` at ``at``, or None.

    Suggests one when at least ``policy.difficult_contacts`` of the agent's contacts
    happened after ``at − policy.within`` (and after ``last_suggested_at``, whose
    contacts that suggestion already answered), at or before ``at``, and were
    difficult; never within ``policy.cooldown`` of ``last_suggested_at``. Only
    events at or before ``at`` are seen; the same inputs give the same answer.
    """
    agent = _agent_arg(agent, "agent")
    require_aware(at, "at")
    policy = _policy_arg(policy)
    if last_suggested_at is not None:
        require_aware(last_suggested_at, "last_suggested_at")
        # as a difference: ``last_suggested_at + cooldown`` may lie beyond the year 9999
        if at - last_suggested_at < policy.cooldown:
            return None
    activity = [(ix, _activity(ix)) for ix in _views(interactions, at)]
    window_start = _earlier(at, policy.within)
    if last_suggested_at is not None and last_suggested_at > window_start:
        window_start = last_suggested_at
    counted = tuple(
        _contacts(activity, agent, policy, _Signals(), lambda moment: moment > window_start)
    )
    if len(counted) < policy.difficult_contacts:
        return None
    return BreakSuggestion(
        agent=agent,
        at=at,
        duration=policy.break_duration,
        window_start=window_start,
        contacts=counted,
    )


def _earlier(at: datetime, span: timedelta) -> datetime:
    """``at - span``, or the earliest aware moment when that lies before the year 1."""
    try:
        return at - span
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC)


def _day_start(at: datetime, zone: tzinfo) -> datetime:
    try:
        local = at.astimezone(zone)
    except OverflowError:
        raise ValidationError(
            f"at ({at.isoformat()}) falls outside the years 1–9999 in the time zone "
            f"{zone}; pass a moment inside them"
        ) from None
    # A midnight skipped by a DST jump resolves to the jump itself: the day's first instant.
    return datetime.combine(local.date(), time(0), tzinfo=zone)


def workload(
    agents: Iterable[str],
    interactions: Iterable[Interaction],
    *,
    at: datetime,
    timezone: str | tzinfo,
    policy: BreakPolicy | None = None,
    last_suggested: Mapping[str, datetime] | None = None,
) -> dict[str, Workload]:
    """Each agent's :class:`Workload` at ``at``, keyed by agent in the order given.

    ``timezone`` (an IANA name or tzinfo) says when "today" began. ``policy`` judges
    which contacts were difficult (default: ``BreakPolicy()``). ``last_suggested``
    maps agents to the moment the host last suggested them a break.
    """
    require_aware(at, "at")
    zone = resolve_zone(timezone, "timezone")
    policy = BreakPolicy() if policy is None else _policy_arg(policy)
    if isinstance(agents, str) or not isinstance(agents, Iterable):
        raise ValidationError(f"agents must be an iterable of agent ids (got {agents!r})")
    names = list(dict.fromkeys(_agent_arg(a, "agents[...]") for a in agents))
    suggested: Mapping[str, datetime] = {} if last_suggested is None else last_suggested
    if not isinstance(suggested, Mapping):
        raise ValidationError(
            f"last_suggested must map agent ids to datetimes (got {type(suggested).__name__})"
        )
    for name, moment in suggested.items():
        require_aware(moment, f"last_suggested[{name!r}]")
    views = _views(interactions, at)
    activity = [(ix, _activity(ix)) for ix in views]
    day_start = _day_start(at, zone)
    open_ids: dict[str, list[str]] = {}
    replies: dict[str, int] = {}
    for ix in views:
        if ix.assignee is not None and ix.status not in _DONE:
            open_ids.setdefault(ix.assignee, []).append(ix.id)
        for event in reversed(ix.events):  # time-ordered: stop at the hour's start
            if at - event.at >= _HOUR:
                break
            if isinstance(event, AgentReply):
                replies[event.agent] = replies.get(event.agent, 0) + 1
    found = _Signals()
    result: dict[str, Workload] = {}
    for agent in names:
        today = _contacts(activity, agent, policy, found, lambda moment: moment >= day_start)
        result[agent] = Workload(
            agent=agent,
            at=at,
            open_interactions=tuple(sorted(open_ids.get(agent, ()))),
            replies_last_hour=replies.get(agent, 0),
            difficult_today=tuple(today),
            last_suggested_at=suggested.get(agent),
        )
    return result
