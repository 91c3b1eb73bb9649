"""Hypothesis strategies that build valid cxcore values, for hosts and plugin authors.

Importing this package imports hypothesis; importing :mod:`cxcore` does not.
With hypothesis's entry points on (the default), ``st.from_type(Interaction)``
and ``st.from_type(Customer)`` use these strategies.
"""

# The hook first: hypothesis may call it while the imports below import hypothesis.
from ._hook import _hypothesis_setup_hook as _hypothesis_setup_hook

# isort: split
from ._datetimes import DST_ZONES as DST_ZONES
from ._datetimes import aware_datetimes as aware_datetimes
from ._interactions import customers as customers
from ._interactions import events_for as events_for
from ._interactions import interactions as interactions
from ._replies import customer_messages as customer_messages
from ._replies import service_replies as service_replies

__all__ = [
    "DST_ZONES",
    "aware_datetimes",
    "customer_messages",
    "customers",
    "events_for",
    "interactions",
    "service_replies",
]
