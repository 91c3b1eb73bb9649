"""Reports over many interactions: CSAT, NPS, CES, FCR, SLA attainment, Pareto, at-risk customers.

Every report is a mergeable partial (:func:`combine`, ``+``, :meth:`Report.empty`),
so it runs the same on one core, across processes or on Dask.
"""

from ._config import (
    DEFAULT_LOW_SCORES as DEFAULT_LOW_SCORES,
    FcrDefinition as FcrDefinition,
    ReportConfig as ReportConfig,
)
from ._figures import (
    AtRiskCustomer as AtRiskCustomer,
    AtRiskReason as AtRiskReason,
    Durations as Durations,
    Nps as Nps,
    ParetoItem as ParetoItem,
    ParetoResult as ParetoResult,
    Rate as Rate,
    RiskKind as RiskKind,
    ScoreDistribution as ScoreDistribution,
    TrendPoint as TrendPoint,
)
from ._plot import plot_pareto as plot_pareto, plot_sla_attainment as plot_sla_attainment
from ._report import SLA_DIMENSIONS as SLA_DIMENSIONS, Report as Report, combine as combine

__all__ = [
    "DEFAULT_LOW_SCORES",
    "SLA_DIMENSIONS",
    "AtRiskCustomer",
    "AtRiskReason",
    "Durations",
    "FcrDefinition",
    "Nps",
    "ParetoItem",
    "ParetoResult",
    "Rate",
    "Report",
    "ReportConfig",
    "RiskKind",
    "ScoreDistribution",
    "TrendPoint",
    "combine",
    "plot_pareto",
    "plot_sla_attainment",
]
