"""What a report measures and how: the moment, the zone, the definitions. Plain validated values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from cxcore._errors import ValidationError
from cxcore._events import SURVEY_SCALES
from cxcore._time import require_aware, require_duration, resolve_zone

if TYPE_CHECKING:
    from cxcore.sla import BusinessCalendar, SlaPolicy

__all__ = ["DEFAULT_LOW_SCORES", "FcrDefinition", "ReportConfig"]

#: A survey answer at or below these scores is a low score (dissatisfied).
DEFAULT_LOW_SCORES: Mapping[str, int] = {"csat": 2, "nps": 6, "ces": 2}

_GRANULARITIES = ("day", "week", "month")
_FOLLOW_UPS = ("count", "ignore")
_SIGNALS = ("scan", "skip")


def _choice(name: str, choices: tuple[str, ...]) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if value not in choices:
            known = ", ".join(repr(c) for c in choices)
            raise ValidationError(f"{name} must be one of {known} (got {value!r})")

    return check


def _duration(name: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        require_duration(value, name)

    return check


@attrs.frozen(kw_only=True)
class FcrDefinition:
    """When an interaction counts as resolved at first contact.

    An interaction is *resolved* the first time it becomes solved (or is closed
    without being solved). It is a first-contact resolution when, from its
    opening until ``within`` after that moment, it was never transferred and
    never reopened, and — with ``follow_ups="count"`` — no interaction linked
    to it (``linked_from``) was opened by then either. Interactions whose
    window has not yet ended at the report's ``at`` are *pending* and left out
    of the rate, so a rate never improves just because time has not passed.
    """

    __module__ = "cxcore.reporting"

    within: timedelta = attrs.field(
        default=timedelta(days=7), validator=_duration("FcrDefinition.within")
    )
    follow_ups: Literal["count", "ignore"] = attrs.field(
        default="count", validator=_choice("FcrDefinition.follow_ups", _FOLLOW_UPS)
    )


def _low_scores(value: object) -> tuple[tuple[str, int], ...]:
    if isinstance(value, tuple | list) and all(
        isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)
        for pair in value
    ):
        value = dict(value)  # the stored form: (survey, score) pairs
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"low_scores must be a mapping of survey name to the highest low score, "
            f"e.g. {{'csat': 2, 'nps': 6}} (got {type(value).__name__})"
        )
    out = []
    for survey, score in value.items():
        if not isinstance(survey, str) or not survey:
            raise ValidationError(f"low_scores keys must be survey names (got {survey!r})")
        if isinstance(score, bool) or not isinstance(score, int):
            raise ValidationError(f"low_scores[{survey!r}] must be an int (got {score!r})")
        low, high = SURVEY_SCALES.get(survey, (score, score))
        if not low <= score <= high:
            raise ValidationError(
                f"low_scores[{survey!r}] must lie on the {survey} scale, {low} to {high} "
                f"(got {score})"
            )
        out.append((survey, score))
    return tuple(sorted(out))


def _threshold(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Fraction | Decimal):
        raise ValidationError(
            f"pareto_threshold must be a number above 0 and at most 1, e.g. 0.8 (got {value!r})"
        )
    try:
        result = Fraction(str(value)) if isinstance(value, float | str) else Fraction(value)
    except (ValueError, ZeroDivisionError, OverflowError):
        raise ValidationError(
            f"pareto_threshold must be a number such as 0.8 (got {value!r})"
        ) from None
    if not 0 < result <= 1:
        raise ValidationError(f"pareto_threshold must be above 0 and at most 1 (got {value!r})")
    return result


def _tags(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(f"ignore_tags must be a collection of tags (got {value!r})")
    items = tuple(value)
    if not all(isinstance(t, str) for t in items):
        raise ValidationError(f"ignore_tags must hold only str tags (got {items!r})"[:300])
    return frozenset(items)


def _at(_inst: object, _attr: object, value: Any) -> None:
    require_aware(value, "at")


def _zone(value: object) -> tzinfo:
    return resolve_zone(value, "timezone")


def _positive_int(name: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"{name} must be an int of at least 1 (got {value!r})")

    return check


def _policy(_inst: object, _attr: object, value: Any) -> None:
    if value is None:
        return
    from cxcore.sla import SlaPolicy

    if not isinstance(value, SlaPolicy):
        raise ValidationError(
            f"sla must be a cxcore.sla.SlaPolicy or None (got {type(value).__name__}); "
            "load one with SlaPolicy.load(path) or SlaPolicy.from_dict(...)"
        )


def _calendar(_inst: object, _attr: object, value: Any) -> None:
    if value is None:
        return
    from cxcore.sla import BusinessCalendar

    if not isinstance(value, BusinessCalendar):
        raise ValidationError(
            f"calendar must be a cxcore.sla.BusinessCalendar or None (got {type(value).__name__})"
        )


@attrs.frozen(kw_only=True)
class ReportConfig:
    """Everything a report depends on besides the interactions; partials only merge when equal.

    ``at`` is the moment the report describes (events after it are ignored, and
    interactions opened after it are skipped); ``timezone`` places hours of the
    day and trend periods. ``sla`` (an :class:`~cxcore.sla.SlaPolicy`) turns on
    SLA attainment and open-breach detection; ``calendar`` measures first-response
    and resolution times in its business time (None: real elapsed time).
    """

    __module__ = "cxcore.reporting"

    at: datetime = attrs.field(validator=_at)
    timezone: tzinfo = attrs.field(converter=_zone)
    sla: SlaPolicy | None = attrs.field(default=None, validator=_policy)
    calendar: BusinessCalendar | None = attrs.field(default=None, validator=_calendar)
    granularity: Literal["day", "week", "month"] = attrs.field(
        default="day", validator=_choice("granularity", _GRANULARITIES)
    )
    fcr: FcrDefinition = attrs.field(factory=FcrDefinition)
    low_scores: tuple[tuple[str, int], ...] = attrs.field(
        default=DEFAULT_LOW_SCORES, converter=_low_scores
    )
    pareto_threshold: Fraction = attrs.field(default=Fraction(4, 5), converter=_threshold)
    ignore_tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)
    lookback: timedelta = attrs.field(default=timedelta(days=30), validator=_duration("lookback"))
    repeat_window: timedelta = attrs.field(
        default=timedelta(days=7), validator=_duration("repeat_window")
    )
    repeat_contacts: int = attrs.field(default=2, validator=_positive_int("repeat_contacts"))
    signals: Literal["scan", "skip"] = attrs.field(
        default="scan", validator=_choice("signals", _SIGNALS)
    )

    @fcr.validator
    def _check_fcr(self, _attr: object, value: object) -> None:
        if not isinstance(value, FcrDefinition):
            raise ValidationError(
                f"fcr must be a FcrDefinition (got {type(value).__name__}); "
                "pass e.g. FcrDefinition(within=timedelta(days=7))"
            )

    @property
    def low_score_map(self) -> dict[str, int]:
        """``low_scores`` as a dict: survey name → highest score that counts as low."""
        return dict(self.low_scores)
