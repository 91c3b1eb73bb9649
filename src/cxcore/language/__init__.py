"""The positive-phrasing checker (Korean and English) and customer-side signals.

``check(text, locale=...)`` reports expressions that frame a reply negatively,
blame or pity the customer, use jargon, dismiss, command or drop the register;
``signals(text, locale=...)`` finds what a customer's message says about the
case (asks for a human, frustration, churn risk, urgency). Rules are data:
rule packs registered in :data:`rule_packs` (entry-point group ``cxcore.rules``).
"""

from ._checker import (
    PhrasingChecker as PhrasingChecker,
)
from ._checker import (
    check as check,
)
from ._checker import (
    has_rules as has_rules,
)
from ._checker import (
    known_languages as known_languages,
)
from ._checker import (
    signals as signals,
)
from ._pack import (
    Context as Context,
)
from ._pack import (
    Marker as Marker,
)
from ._pack import (
    Rule as Rule,
)
from ._pack import (
    RulePack as RulePack,
)
from ._pack import (
    RulePackProvider as RulePackProvider,
)
from ._pack import (
    rule_packs as rule_packs,
)
from ._types import (
    SIGNAL_KINDS as SIGNAL_KINDS,
)
from ._types import (
    Category as Category,
)
from ._types import (
    Finding as Finding,
)
from ._types import (
    Severity as Severity,
)
from ._types import (
    Signal as Signal,
)
from ._types import (
    SignalKind as SignalKind,
)

__all__ = [
    "SIGNAL_KINDS",
    "Category",
    "Context",
    "Finding",
    "Marker",
    "PhrasingChecker",
    "Rule",
    "RulePack",
    "RulePackProvider",
    "Severity",
    "Signal",
    "SignalKind",
    "check",
    "has_rules",
    "known_languages",
    "rule_packs",
    "signals",
]
