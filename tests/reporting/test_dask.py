"""A report computed over partitions on a local Dask cluster equals the single-process report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cxcore import Interaction
from cxcore.reporting import Report, ReportConfig, combine
from cxcore.sla import SlaPolicy
from tests.reporting.strategies import BASE, sample_interactions

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

POLICY = SlaPolicy.from_dict(
    {
        "name": "p",
        "targets": [
            {"metric": "first_response", "within": "2h"},
            {"metric": "resolution", "within": "2d"},
        ],
    }
)
CONFIG = ReportConfig(
    at=BASE + timedelta(days=25), timezone="Asia/Seoul", sla=POLICY, signals="skip"
)


def _partial(dicts: list[dict[str, object]]) -> Report:
    return Report.build((Interaction.from_dict(d) for d in dicts), config=CONFIG)


def _merge(parts: list[Report]) -> Report:
    total = Report.empty(CONFIG)
    for part in parts:
        total = combine(total, part)
    return total


def test_dask_partitions_give_exactly_the_single_process_report() -> None:
    items = sample_interactions(300, seed=7)
    expected = Report.build(items, config=CONFIG)
    docs = [ix.to_dict() for ix in items]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        bag = dask_bag.from_sequence(docs, npartitions=5)
        report = bag.reduction(_partial, _merge).compute(scheduler=client.get)
    assert report == expected
    assert report.to_dict() == expected.to_dict()
