"""Hypothesis strategies that build valid cxcore values, for hosts and plugin authors.

Importing this package imports hypothesis; importing :mod:`cxcore` does not.
With hypothesis's entry points on (the default), ``st.from_type`` uses these
strategies for :class:`~cxcore.Interaction`, :class:`~cxcore.Customer`,
:class:`~cxcore.sla.BusinessCalendar`, :class:`~cxcore.sla.SlaPolicy` and
:class:`~cxcore.escalation.EscalationPolicy`.
"""

# The hook first: hypothesis may call it while the imports below import hypothesis.
from ._hook import _hypothesis_setup_hook as _hypothesis_setup_hook

# isort: split
from ._datetimes import DST_ZONES as DST_ZONES, aware_datetimes as aware_datetimes
from ._escalation import (
    escalation_policies as escalation_policies,
    escalation_policy_documents as escalation_policy_documents,
)
from ._interactions import (
    customers as customers,
    events_for as events_for,
    interactions as interactions,
)
from ._replies import customer_messages as customer_messages, service_replies as service_replies
from ._sla import (
    calendar_documents as calendar_documents,
    calendars as calendars,
    sla_policies as sla_policies,
)

__all__ = [
    "DST_ZONES",
    "aware_datetimes",
    "calendar_documents",
    "calendars",
    "customer_messages",
    "customers",
    "escalation_policies",
    "escalation_policy_documents",
    "events_for",
    "interactions",
    "service_replies",
    "sla_policies",
]
