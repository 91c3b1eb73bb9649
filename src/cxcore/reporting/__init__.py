"""Reports over many interactions: CSAT, NPS, CES, FCR, SLA attainment, Pareto, at-risk customers.

Every report is a mergeable partial (:func:`combine`, ``+``, :meth:`Report.empty`),
so it runs the same on one core, across processes or on Dask.
"""

from ._config import DEFAULT_LOW_SCORES as DEFAULT_LOW_SCORES
from ._config import FcrDefinition as FcrDefinition
from ._config import ReportConfig as ReportConfig
from ._figures import AtRiskCustomer as AtRiskCustomer
from ._figures import AtRiskReason as AtRiskReason
from ._figures import Durations as Durations
from ._figures import Nps as Nps
from ._figures import ParetoItem as ParetoItem
from ._figures import ParetoResult as ParetoResult
from ._figures import Rate as Rate
from ._figures import RiskKind as RiskKind
from ._figures import ScoreDistribution as ScoreDistribution
from ._figures import TrendPoint as TrendPoint
from ._plot import plot_pareto as plot_pareto
from ._plot import plot_sla_attainment as plot_sla_attainment
from ._report import SLA_DIMENSIONS as SLA_DIMENSIONS
from ._report import Report as Report
from ._report import combine as combine

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
