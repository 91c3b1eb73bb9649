"""Each figure checked against small interaction sets computed by hand."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from cxcore import Customer, Interaction, ValidationError, events
from cxcore.reporting import (
    Durations,
    FcrDefinition,
    Report,
    ReportConfig,
    RiskKind,
    combine,
)
from cxcore.sla import BusinessCalendar, SlaPolicy

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=SEOUL)  # a Monday
H = timedelta(hours=1)
D = timedelta(days=1)


def opened(
    id: str,
    at: datetime = T0,
    *,
    customer: str = "c-1",
    channel: str = "email",
    linked_from: str | None = None,
) -> Interaction:
    return Interaction(
        id=id,
        channel=channel,
        opened_at=at,
        customer=Customer(id=customer, locale="ko-KR"),
        linked_from=linked_from,
    )


def answered(id: str, survey: str, *scores: int, reason: str | None = None) -> Interaction:
    ix = opened(id)
    for i, score in enumerate(scores):
        ix = ix.record(
            events.SurveyAnswered(at=T0 + (i + 1) * H, survey=survey, score=score, reason=reason)
        )
    return ix


def config(**kwargs: object) -> ReportConfig:
    kwargs.setdefault("at", T0 + 30 * D)
    kwargs.setdefault("timezone", "Asia/Seoul")
    kwargs.setdefault("signals", "skip")
    return ReportConfig(**kwargs)  # type: ignore[arg-type]


def report(items: list[Interaction], **kwargs: object) -> Report:
    return Report.build(items, config=config(**kwargs))


def solved(ix: Interaction, at: datetime) -> Interaction:
    return ix.record(events.StatusChanged(at=at, status="solved"))


# --- surveys -------------------------------------------------------------------------


def test_csat_is_the_share_of_four_and_five() -> None:
    items = [answered(f"T-{i}", "csat", s) for i, s in enumerate([5, 4, 3, 2, 5])]
    csat = report(items).csat
    assert (csat.count, csat.total) == (3, 5)
    assert csat.value == Fraction(3, 5)


def test_only_the_latest_answer_of_a_survey_counts() -> None:
    csat = report([answered("T-1", "csat", 1, 5)]).csat
    assert (csat.count, csat.total) == (1, 1)


def test_nps_is_promoters_minus_detractors_in_percent() -> None:
    items = [answered(f"T-{i}", "nps", s) for i, s in enumerate([10, 9, 8, 7, 6, 0, 10])]
    nps = report(items).nps
    assert (nps.promoters, nps.passives, nps.detractors) == (3, 2, 2)
    assert nps.score == Fraction(100, 7)  # 3/7 - 2/7 of 100


def test_ces_mean_and_distribution() -> None:
    items = [answered(f"T-{i}", "ces", s) for i, s in enumerate([7, 5, 3, 5])]
    ces = report(items).ces
    assert ces.mean == Fraction(5)
    assert ces.counts == ((3, 1), (5, 2), (7, 1))


def test_no_answers_give_no_value_rather_than_zero() -> None:
    r = report([opened("T-1")])
    assert r.csat.value is None
    assert r.nps.score is None
    assert r.ces.mean is None


# --- first-contact resolution ----------------------------------------------------------


def fcr_fixture() -> list[Interaction]:
    at = T0 + 30 * D
    a = solved(opened("A"), T0 + H)
    b = solved(opened("B").record(events.Transferred(at=T0 + H, team="tech")), T0 + 2 * H)
    c = solved(opened("C"), T0 + H).record(events.CustomerMessage(at=T0 + 3 * D, text="다시요"))
    d = solved(opened("D"), T0 + H).record(events.CustomerMessage(at=T0 + 9 * D, text="다시요"))
    e = solved(opened("E"), T0 + H)
    f = opened("F", T0 + 3 * D, linked_from="E")
    g = solved(opened("G", at - 3 * D), at - 2 * D)
    return [a, b, c, d, e, f, g]


def test_fcr_counts_transfers_reopens_and_follow_ups_within_the_window() -> None:
    r = report(fcr_fixture())
    # A good; B transferred; C reopened on day 3; D reopened after the 7-day window (good);
    # E has a follow-up F on day 3; G's window has not ended (pending); F never solved.
    assert (r.fcr.count, r.fcr.total) == (2, 5)
    assert r.fcr_pending == 1


def test_fcr_can_ignore_follow_ups() -> None:
    r = report(fcr_fixture(), fcr=FcrDefinition(follow_ups="ignore"))
    assert (r.fcr.count, r.fcr.total) == (3, 5)


def test_fcr_follow_up_in_another_partition_still_counts() -> None:
    items = fcr_fixture()
    cfg = config()
    e_part = Report.build([ix for ix in items if ix.id != "F"], config=cfg)
    f_part = Report.build([ix for ix in items if ix.id == "F"], config=cfg)
    assert (f_part + e_part).fcr == Report.build(items, config=cfg).fcr


def test_a_shorter_window_forgives_a_later_reopen() -> None:
    r = report(fcr_fixture(), fcr=FcrDefinition(within=timedelta(days=2)))
    # C's reopen (day 3) and E's follow-up (day 3) now fall outside the window; G is decided.
    assert (r.fcr.count, r.fcr.total) == (5, 6)
    assert r.fcr_pending == 0


def test_a_duplicated_interaction_id_is_refused() -> None:
    a = solved(opened("A"), T0 + H)
    with pytest.raises(ValidationError, match="more than once"):
        report([a, a])
    part = Report.build([a], config=config())
    with pytest.raises(ValidationError, match="more than once"):
        combine(part, part)


# --- times -----------------------------------------------------------------------------


def replied_after(id: str, delay: timedelta, start: datetime = T0) -> Interaction:
    return opened(id, start).record(events.AgentReply(at=start + delay, agent="a", text="네"))


def test_first_response_percentiles_are_exact_nearest_ranks() -> None:
    items = [replied_after(f"T-{h}", h * H) for h in (3, 1, 10, 2, 4)]
    times = report(items).first_response_time
    assert times.count == 5
    assert times.percentile(50) == 3 * H  # rank ceil(2.5) = 3
    assert times.percentile(90) == 10 * H  # rank ceil(4.5) = 5
    assert times.percentile(20) == 1 * H  # rank 1
    assert times.percentile(Fraction(401, 5)) == 10 * H  # 80.2 % -> rank ceil(4.01) = 5
    assert times.percentile(80) == 4 * H
    assert times.mean == 4 * H
    assert (times.minimum, times.maximum) == (1 * H, 10 * H)


def test_response_time_is_business_time_with_a_calendar() -> None:
    calendar = BusinessCalendar.from_dict(
        {"timezone": "Asia/Seoul", "hours": {d: [["09:00", "18:00"]] for d in ("mon", "fri")}}
    )
    friday_5pm = datetime(2026, 3, 6, 17, 0, tzinfo=SEOUL)
    ix = replied_after("T-1", timedelta(days=2, hours=17), friday_5pm)  # Monday 10:00
    assert report([ix], calendar=calendar).first_response_time.median == 2 * H
    assert report([ix]).first_response_time.median == timedelta(days=2, hours=17)


def test_resolution_time_runs_to_the_latest_resolution() -> None:
    ix = solved(opened("T-1"), T0 + 2 * H)
    ix = ix.record(events.CustomerMessage(at=T0 + 3 * H, text="아직이요"))
    ix = solved(ix, T0 + 5 * H)
    still_open = solved(opened("T-2"), T0 + H).record(
        events.CustomerMessage(at=T0 + 2 * H, text="다시")
    )
    times = report([ix, still_open]).resolution_time
    assert times.counts == ((int(5 * H / timedelta(microseconds=1)), 1),)


@pytest.mark.parametrize("p", [0, 101, "inf", "nan", float("inf"), "x", True, None, [50]])
def test_percentile_argument_is_checked(p: object) -> None:
    with pytest.raises(ValidationError, match="p must be"):
        Durations(counts=((1, 1),)).percentile(p)  # type: ignore[arg-type]


def test_percentile_takes_decimals_and_fractions() -> None:
    times = Durations(counts=((1, 1), (2, 1), (3, 1)))
    assert times.percentile(Decimal("33.4")) == timedelta(microseconds=2)
    assert times.percentile(Fraction(100, 3)) == timedelta(microseconds=1)
    assert times.percentile(100) == timedelta(microseconds=3)
    assert Durations(counts=()).percentile(50) is None


# --- rates and volume ------------------------------------------------------------------


def test_reopen_and_transfer_rates() -> None:
    reopened_twice = solved(opened("A"), T0 + H)
    reopened_twice = reopened_twice.record(events.CustomerMessage(at=T0 + 2 * H, text="다시"))
    reopened_twice = solved(reopened_twice, T0 + 3 * H).record(
        events.StatusChanged(at=T0 + 4 * H, status="open")
    )
    transferred = opened("B").record_all(
        [events.Transferred(at=T0 + H, team="x"), events.Transferred(at=T0 + 2 * H, team="y")]
    )
    r = report([reopened_twice, transferred, opened("C"), opened("D")])
    assert (r.reopen_rate.count, r.reopen_rate.total, r.reopens) == (1, 4, 2)
    assert (r.transfer_rate.count, r.transfer_rate.total, r.transfers) == (1, 4, 2)


def test_volume_by_channel_and_hour_in_the_given_zone() -> None:
    utc_0030 = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 09:30 in Seoul, 01:30 in Berlin
    items = [
        opened("A", utc_0030, channel="chat"),
        opened("B", utc_0030 + 14 * H, channel="chat"),  # 23:30 Seoul
        opened("C", utc_0030, channel="email"),
    ]
    seoul = report(items)
    assert seoul.volume_by_channel == (("chat", 2), ("email", 1))
    assert seoul.volume_by_hour[9] == 2
    assert seoul.volume_by_hour[23] == 1
    berlin = report(items, timezone="Europe/Berlin")
    assert berlin.volume_by_hour[1] == 2
    assert berlin.volume_by_hour[15] == 1


def test_interactions_opened_after_at_and_later_events_are_left_out() -> None:
    ix = answered("A", "csat", 5, 1)  # 5 at T0+1h, 1 at T0+2h
    later = opened("B", T0 + 10 * D)
    r = report([ix, later], at=T0 + 90 * timedelta(minutes=1))
    assert r.interactions == 1
    assert (r.csat.count, r.csat.total) == (1, 1)


# --- trends ----------------------------------------------------------------------------


def test_weekly_trend_starts_on_monday_in_the_report_zone() -> None:
    sunday_night = datetime(2026, 3, 8, 23, 30, tzinfo=SEOUL)
    monday_early = datetime(2026, 3, 9, 0, 10, tzinfo=SEOUL)  # still Sunday in UTC
    r = report([opened("A", sunday_night), opened("B", monday_early)], granularity="week")
    assert [(p.period.isoformat(), p.contacts) for p in r.trend] == [
        ("2026-03-02", 1),
        ("2026-03-09", 1),
    ]
    utc = report(
        [opened("A", sunday_night), opened("B", monday_early)],
        granularity="week",
        timezone="UTC",
    )
    assert [(p.period.isoformat(), p.contacts) for p in utc.trend] == [("2026-03-02", 2)]


def test_monthly_trend_buckets_surveys_by_answer_time() -> None:
    ix = opened("A", datetime(2026, 3, 31, 23, 0, tzinfo=SEOUL)).record(
        events.SurveyAnswered(at=datetime(2026, 4, 1, 0, 30, tzinfo=SEOUL), survey="csat", score=5)
    )
    r = report([ix], granularity="month", at=datetime(2026, 5, 1, tzinfo=SEOUL))
    points = {p.period.isoformat(): p for p in r.trend}
    assert points["2026-03-01"].contacts == 1
    assert points["2026-03-01"].csat.total == 0
    assert points["2026-04-01"].csat.value == 1


# --- SLA attainment --------------------------------------------------------------------

POLICY = SlaPolicy.from_dict(
    {"name": "t", "targets": [{"metric": "first_response", "within": "1h"}]}
)


def test_sla_attainment_counts_met_over_met_or_breached_cycles() -> None:
    at = T0 + 10 * D
    items = [
        replied_after("met", 30 * timedelta(minutes=1)),
        replied_after("late", 2 * H),
        opened("open-breach"),  # no reply: running past due -> breached, still open
        opened("running", at - 10 * timedelta(minutes=1)),  # within its hour: not counted
        replied_after("chat-met", 10 * timedelta(minutes=1)),
    ]
    items[-1] = Interaction.from_dict(items[-1].to_dict() | {"channel": "chat"})
    r = report(items, sla=POLICY, at=at)
    overall = r.sla_attainment(by=())
    assert (overall[()].count, overall[()].total) == (2, 4)
    by_channel = r.sla_attainment(by=("channel",))
    assert {k: (v.count, v.total) for k, v in by_channel.items()} == {
        ("chat",): (1, 1),
        ("email",): (1, 3),
    }
    by_metric = r.sla_attainment()
    assert by_metric[("first_response",)].value == Fraction(1, 2)
    # the still-open breach puts its customer on the at-risk list
    reasons = {reason.kind for c in r.at_risk for reason in c.reasons}
    assert RiskKind.OPEN_BREACH in reasons


def test_sla_attainment_groups_by_priority_and_team() -> None:
    ix = opened("A").record_all(
        [
            events.PriorityChanged(at=T0 + 10 * timedelta(minutes=1), priority="high"),
            events.Assigned(at=T0 + 11 * timedelta(minutes=1), agent="a-1", team="billing"),
            events.AgentReply(at=T0 + 20 * timedelta(minutes=1), agent="a-1", text="네"),
        ]
    )
    r = report([ix, replied_after("B", 2 * H)], sla=POLICY)
    rows = r.sla_attainment(by=("priority", "team"))
    assert {k: (v.count, v.total) for k, v in rows.items()} == {
        ("high", "billing"): (1, 1),
        ("normal", None): (0, 1),
    }


def test_unknown_sla_dimension_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown dimension 'agent'"):
        report([]).sla_attainment(by=("agent",))
    with pytest.raises(ValidationError, match="unknown dimension"):
        report([]).sla_attainment(by=(["metric"],))  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="sequence of dimension names"):
        report([]).sla_attainment(by="metric")


def test_without_a_policy_attainment_is_empty() -> None:
    assert report([replied_after("A", H)]).sla_attainment() == {}


# --- Pareto ----------------------------------------------------------------------------


def low(id: str, reason: str | None, *tags: str, score: int = 1) -> Interaction:
    ix = opened(id)
    for tag in tags:
        ix = ix.record(events.Tagged(at=T0, tag=tag))
    return ix.record(events.SurveyAnswered(at=T0 + H, survey="csat", score=score, reason=reason))


def pareto_fixture() -> list[Interaction]:
    return [
        low("A", "refund"),
        low("B", "refund"),
        low("C", "refund"),
        low("D", "delivery"),
        low("E", "delivery"),
        low("F", "rude"),
        low("G", "price"),
        low("H", None),  # a low score with no cause
        low("I", "refund", score=4),  # not a low score
    ]


def test_pareto_sorts_causes_with_share_and_cumulative_share() -> None:
    pareto = report(pareto_fixture()).pareto
    rows = [(i.code, i.count, i.share, i.cumulative, i.vital) for i in pareto.items]
    assert rows == [
        ("refund", 3, Fraction(3, 7), Fraction(3, 7), True),
        ("delivery", 2, Fraction(2, 7), Fraction(5, 7), True),
        ("price", 1, Fraction(1, 7), Fraction(6, 7), True),  # ties by code: price < rude
        ("rude", 1, Fraction(1, 7), Fraction(1), False),
    ]
    assert pareto.low_score_interactions == 8
    assert pareto.without_cause == 1


def test_pareto_threshold_is_configurable() -> None:
    pareto = report(pareto_fixture(), pareto_threshold="0.5").pareto
    assert [i.code for i in pareto.vital_few] == ["refund", "delivery"]


def test_pareto_counts_tags_of_low_score_interactions_minus_ignored_ones() -> None:
    items = [low("A", "slow", "refund", "escalated"), low("B", None, "refund")]
    pareto = report(items, ignore_tags={"escalated"}).pareto
    assert [(i.kind, i.code, i.count) for i in pareto.items] == [
        ("tag", "refund", 2),
        ("reason", "slow", 1),
    ]


# --- at-risk customers -------------------------------------------------------------------


def test_at_risk_customers_are_ranked_by_reasons_then_evidence_then_id() -> None:
    at = T0 + 10 * D
    items = [
        # c-1: a low score and two contacts within the week -> 2 reasons
        low("A", "slow").__class__.from_dict(
            low("A", "slow").to_dict() | {"opened_at": (at - 2 * D).isoformat(), "events": []}
        ),
        opened("B", at - D, customer="c-1"),
        # c-2 and c-3: one low score each, c-3 twice
        Interaction.from_dict(low("C", None).to_dict() | {"customer": {"id": "c-3"}}),
        Interaction.from_dict(low("D", None).to_dict() | {"customer": {"id": "c-3"}}),
        Interaction.from_dict(low("E", None).to_dict() | {"customer": {"id": "c-2"}}),
        # c-4: a single recent contact, no risk
        opened("F", at - H, customer="c-4"),
    ]
    items[0] = items[0].record(
        events.SurveyAnswered(at=at - 2 * D + H, survey="nps", score=3, reason="slow")
    )
    r = report(items, at=at)
    ranked = [(c.customer_id, [x.kind.value for x in c.reasons], c.evidence) for c in r.at_risk]
    assert ranked == [
        ("c-1", ["low_score", "repeat_contacts"], 3),
        ("c-3", ["low_score"], 2),
        ("c-2", ["low_score"], 1),
    ]
    top = r.at_risk[0].reasons[1]
    assert top.interactions == ("A", "B")
    assert top.last_at == at - D


def test_old_low_scores_fall_out_of_the_lookback() -> None:
    ix = low("A", "slow")  # answered at T0 + 1h
    assert report([ix], at=T0 + 40 * D).at_risk == ()
    assert len(report([ix], at=T0 + 40 * D, lookback=timedelta(days=60)).at_risk) == 1


def test_tier_comes_from_the_latest_contributing_interaction() -> None:
    old = Interaction.from_dict(
        low("A", None).to_dict() | {"customer": {"id": "c-1", "tier": "standard"}}
    )
    new = Interaction.from_dict(
        low("B", None).to_dict()
        | {"customer": {"id": "c-1", "tier": "vip"}, "opened_at": (T0 + H).isoformat()}
    )
    assert report([new, old]).at_risk[0].tier == "vip"


# --- output and validation -------------------------------------------------------------------


def test_to_dict_is_json_safe_and_complete() -> None:
    r = report([*fcr_fixture(), *pareto_fixture()[:3]], sla=POLICY)
    data = json.loads(json.dumps(r.to_dict()))
    assert data["fcr"]["count"] == 2
    assert data["fcr"]["follow_ups"] == "count"
    assert data["pareto"]["items"][0]["code"] == "refund"
    assert data["timezone"] == "Asia/Seoul"
    assert set(data) >= {"csat", "nps", "ces", "sla_attainment", "trend", "at_risk", "volume"}


def test_configs_must_match_to_combine() -> None:
    a = Report.empty(config())
    b = Report.empty(config(timezone="UTC"))
    with pytest.raises(ValidationError, match="different configs"):
        combine(a, b)
    with pytest.raises(ValidationError, match=r"must be a cxcore\.reporting\.Report"):
        combine(a, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"at": datetime(2026, 3, 1)}, "at must be timezone-aware"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"granularity": "year"}, "granularity must be one of"),
        ({"pareto_threshold": "1.5"}, "pareto_threshold must be above 0"),
        ({"low_scores": {"csat": "2"}}, r"low_scores\['csat'\] must be an int"),
        ({"repeat_contacts": 0}, "repeat_contacts must be an int"),
        ({"sla": "policy.toml"}, r"sla must be a cxcore\.sla\.SlaPolicy"),
        ({"fcr": {"within": 7}}, "fcr must be a FcrDefinition"),
    ],
)
def test_bad_config_is_a_validation_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        config(**kwargs)


def test_a_config_evolves_and_pickles_to_an_equal_value() -> None:
    import pickle

    import attrs

    cfg = config(low_scores={"csat": 1, "custom": 3}, ignore_tags=["x"])
    assert attrs.evolve(cfg) == cfg
    assert attrs.evolve(cfg, granularity="week").low_score_map == {"csat": 1, "custom": 3}
    assert pickle.loads(pickle.dumps(cfg)) == cfg


def test_bad_interactions_are_a_validation_error() -> None:
    with pytest.raises(ValidationError, match=r"must be cxcore\.Interaction"):
        report([{"id": "T-1"}])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="iterable"):
        Report.build("T-1", config=config())
    with pytest.raises(ValidationError, match="ReportConfig"):
        Report.build([], config={"at": T0})  # type: ignore[arg-type]


def test_a_report_is_not_hashable() -> None:
    with pytest.raises(TypeError):
        hash(report([]))


def test_moments_at_the_ends_of_the_time_line_are_a_validation_error() -> None:
    start = datetime(1, 1, 2, tzinfo=UTC)
    ix = Interaction.open(id="T-1", channel="chat", at=start, customer=Customer(id="c-1"))
    with pytest.raises(ValidationError, match="outside the years 1–9999"):
        Report.build([ix], config=ReportConfig(at=start, timezone="UTC"))
    late = datetime(9999, 12, 30, tzinfo=UTC)
    solved_late = Interaction.open(
        id="T-2", channel="chat", at=late, customer=Customer(id="c-1")
    ).record(events.StatusChanged(at=late, status="solved"))
    with pytest.raises(ValidationError, match="outside the years 1–9999"):
        Report.build([solved_late], config=ReportConfig(at=late, timezone="UTC"))
