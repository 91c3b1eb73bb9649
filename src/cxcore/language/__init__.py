"""The positive-phrasing checker (Korean and English) and customer-side signals.

``check(text, locale=...)`` reports expressions that frame a reply negatively,
blame or pity the customer, use jargon, dismiss, command or drop the register;
``signals(text, locale=...)`` finds what a customer's message says about the
case (asks for a human, frustration, churn risk, urgency). Rules are data:
rule packs registered in :data:`rule_packs` (entry-point group ``cxcore.rules``).
"""

from ._checker import (
    PhrasingChecker as PhrasingChecker,
    check as check,
    has_rules as has_rules,
    known_languages as known_languages,
    signals as signals,
)
from ._pack import (
    Context as Context,
    Marker as Marker,
    Rule as Rule,
    RulePack as RulePack,
    RulePackProvider as RulePackProvider,
    rule_packs as rule_packs,
)
from ._types import (
    SIGNAL_KINDS as SIGNAL_KINDS,
    Category as Category,
    Finding as Finding,
    Severity as Severity,
    Signal as Signal,
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
