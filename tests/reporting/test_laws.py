"""The algebra of reports: any split merges to the whole, combine is associative with an identity,
and every figure agrees with the brute-force oracle."""

from __future__ import annotations

import copy
import functools
import pickle
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings, strategies as st

from cxcore import Interaction, testing
from cxcore.reporting import FcrDefinition, Report, ReportConfig, combine
from cxcore.sla import BusinessCalendar, SlaPolicy
from tests.oracles import reporting as oracle
from tests.reporting.strategies import BASE, CUSTOMERS, interaction_sets, splits

POLICY = SlaPolicy.from_dict(
    {
        "name": "test",
        "targets": [
            {"metric": "first_response", "within": "1h", "when": {"priority": ["high", "urgent"]}},
            {"metric": "first_response", "within": "4h"},
            {"metric": "next_response", "within": "8h"},
            {"metric": "periodic_update", "within": "1d"},
            {"metric": "resolution", "within": "3d"},
        ],
    }
)
CALENDAR = BusinessCalendar.from_dict(
    {
        "timezone": "Asia/Seoul",
        "hours": {day: [["09:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
    }
)

configs = st.builds(
    ReportConfig,
    at=st.integers(5, 30).map(lambda d: BASE + timedelta(days=d)),
    timezone=st.sampled_from(("Asia/Seoul", "Europe/Berlin", "UTC")),
    sla=st.sampled_from((None, POLICY)),
    calendar=st.sampled_from((None, CALENDAR)),
    granularity=st.sampled_from(("day", "week", "month")),
    fcr=st.builds(
        FcrDefinition,
        within=st.sampled_from((timedelta(days=1), timedelta(days=7))),
        follow_ups=st.sampled_from(("count", "ignore")),
    ),
    pareto_threshold=st.sampled_from(("0.8", "0.5", 1)),
    signals=st.just("skip"),
)


def build(items: list[Interaction], cfg: ReportConfig) -> Report:
    return Report.build(items, config=cfg)


@settings(max_examples=40)
@given(data=st.data(), items=interaction_sets(), cfg=configs)
def test_any_split_merges_to_the_whole(
    data: st.DataObject, items: list[Interaction], cfg: ReportConfig
) -> None:
    parts = data.draw(splits(items))
    merged = functools.reduce(combine, (build(p, cfg) for p in parts), Report.empty(cfg))
    whole = build(items, cfg)
    assert merged == whole
    assert merged.to_dict() == whole.to_dict()
    assert merged.summary(locale="ko") == whole.summary(locale="ko")


@settings(max_examples=30)
@given(items=interaction_sets(max_size=9), cfg=configs)
def test_combine_is_associative(items: list[Interaction], cfg: ReportConfig) -> None:
    a, b, c = (build(items[i::3], cfg) for i in range(3))
    assert (a + b) + c == a + (b + c)


@settings(max_examples=30)
@given(items=interaction_sets(), cfg=configs)
def test_empty_is_the_identity(items: list[Interaction], cfg: ReportConfig) -> None:
    report = build(items, cfg)
    empty = Report.empty(cfg)
    assert empty + report == report
    assert report + empty == report
    assert build([], cfg) == empty


@settings(max_examples=20)
@given(items=interaction_sets(), cfg=configs)
def test_combine_leaves_its_arguments_unchanged(
    items: list[Interaction], cfg: ReportConfig
) -> None:
    a, b = build(items[::2], cfg), build(items[1::2], cfg)
    a_before, b_before = copy.deepcopy(a), copy.deepcopy(b)
    merged = a + b
    assert a == a_before
    assert b == b_before
    assert merged.interactions == a.interactions + b.interactions


@settings(max_examples=20)
@given(items=interaction_sets(), cfg=configs)
def test_reports_pickle_to_equal_values(items: list[Interaction], cfg: ReportConfig) -> None:
    report = build(items, cfg)
    assert pickle.loads(pickle.dumps(report)) == report


@settings(max_examples=60)
@given(items=interaction_sets(), cfg=configs)
def test_figures_match_the_oracle(items: list[Interaction], cfg: ReportConfig) -> None:
    report = build(items, cfg)
    ixs = oracle.visible(items, cfg)
    expected = oracle.summary(ixs, cfg)
    assert report.interactions == expected["interactions"]
    assert (report.csat.count, report.csat.total) == expected["csat"]
    assert report.nps.score == expected["nps"]
    assert report.ces.mean == expected["ces"]
    good, decided, pending = expected["fcr"]
    assert (report.fcr.count, report.fcr.total, report.fcr_pending) == (good, decided, pending)
    assert report.reopen_rate.count == expected["reopened"]
    assert report.transfer_rate.count == expected["transferred"]
    assert dict(report.volume_by_channel) == expected["by_channel"]
    assert list(report.volume_by_hour) == expected["by_hour"]
    assert report.first_response_time.percentile(90) == expected["first_response_p90"]
    assert report.resolution_time.percentile(50) == expected["resolution_p50"]
    assert [(i.kind, i.code, i.count, i.vital) for i in report.pareto.items] == expected["pareto"]
    got_risk = {
        c.customer_id: {r.kind.value: set(r.interactions) for r in c.reasons}
        for c in report.at_risk
    }
    assert got_risk == expected["at_risk"]
    assert {p.period: p.contacts for p in report.trend if p.contacts} == expected[
        "contacts_by_period"
    ]
    if cfg.sla is not None:
        got = {key[0]: (r.count, r.total) for key, r in report.sla_attainment().items()}
        assert got == oracle.sla_by_metric(ixs, cfg)


@settings(max_examples=30)
@given(items=interaction_sets(customers=CUSTOMERS))
def test_signal_reasons_match_the_oracle(items: list[Interaction]) -> None:
    cfg = ReportConfig(at=BASE + timedelta(days=21), timezone="Asia/Seoul", signals="scan")
    report = build(items, cfg)
    got = {
        c.customer_id: {r.kind.value: set(r.interactions) for r in c.reasons}
        for c in report.at_risk
    }
    assert got == oracle.at_risk(oracle.visible(items, cfg), cfg)
    parts = [build(items[::2], cfg), build(items[1::2], cfg)]
    assert parts[0] + parts[1] == report


def test_a_churn_threat_in_a_recent_message_puts_the_customer_at_risk() -> None:
    from cxcore import Customer, events
    from cxcore.language import signals

    text = "해지하겠습니다"
    assert {s.kind.value for s in signals(text, locale="ko")} == {"churn_risk"}
    ix = Interaction.open(
        id="T-1", channel="chat", at=BASE, customer=Customer(id="c-9", locale="ko-KR")
    ).record(events.CustomerMessage(at=BASE + timedelta(hours=1), text=text))
    cfg = ReportConfig(at=BASE + timedelta(days=2), timezone="UTC")
    (customer,) = build([ix], cfg).at_risk
    assert [(r.kind.value, r.interactions) for r in customer.reasons] == [("churn_risk", ("T-1",))]
    skipped = ReportConfig(at=BASE + timedelta(days=2), timezone="UTC", signals="skip")
    assert build([ix], skipped).at_risk == ()
    too_old = ReportConfig(at=BASE + timedelta(days=40), timezone="UTC")
    assert build([ix], too_old).at_risk == ()


WINDOW_START = datetime(2026, 3, 1, tzinfo=UTC)
WINDOW_END = datetime(2026, 4, 1, tzinfo=UTC)


@settings(max_examples=25)
@given(
    data=st.data(),
    items=st.lists(
        testing.interactions(max_events=12, min_value=WINDOW_START, max_value=WINDOW_END),
        max_size=6,
        unique_by=lambda ix: ix.id,
    ),
    policy=testing.sla_policies(),
    calendar=st.none() | testing.calendars(),
    at=testing.aware_datetimes(min_value=WINDOW_START, max_value=WINDOW_END + timedelta(days=30)),
)
def test_any_split_merges_to_the_whole_on_the_public_strategies(
    data: st.DataObject,
    items: list[Interaction],
    policy: SlaPolicy,
    calendar: BusinessCalendar | None,
    at: datetime,
) -> None:
    cfg = ReportConfig(at=at, timezone=at.tzinfo, sla=policy, calendar=calendar, signals="skip")
    parts = data.draw(splits(items))
    merged = functools.reduce(combine, (build(p, cfg) for p in parts), Report.empty(cfg))
    whole = build(items, cfg)
    assert merged == whole
    assert merged.to_dict() == whole.to_dict()
    ixs = oracle.visible(items, cfg)
    assert whole.interactions == len(ixs)
    assert (whole.fcr.count, whole.fcr.total, whole.fcr_pending) == oracle.fcr(ixs, cfg)
    assert whole.first_response_time.percentile(90) == oracle.nearest_rank(
        oracle.first_response_times(ixs, cfg), 90
    )
