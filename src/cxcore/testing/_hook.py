"""The ``hypothesis`` entry point: make ``st.from_type`` build valid cxcore values.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, which may
happen while ``cxcore.testing`` itself is importing hypothesis; so this module
imports nothing from hypothesis at its top, and the strategies are looked up
only when ``from_type`` first asks for them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["_hypothesis_setup_hook"]


def _interactions(_type: type[Any]) -> Any:
    from ._interactions import interactions

    return interactions()


def _customers(_type: type[Any]) -> Any:
    from ._interactions import customers

    return customers()


def _calendars(_type: type[Any]) -> Any:
    from ._sla import calendars

    return calendars()


def _sla_policies(_type: type[Any]) -> Any:
    from ._sla import sla_policies

    return sla_policies()


def _escalation_policies(_type: type[Any]) -> Any:
    from ._escalation import escalation_policies

    return escalation_policies()


def _hypothesis_setup_hook() -> None:
    """Register cxcore's strategies with hypothesis (entry point ``hypothesis``)."""
    from hypothesis import strategies as st

    from cxcore._interaction import Interaction
    from cxcore._model import Customer
    from cxcore.escalation import EscalationPolicy
    from cxcore.sla import BusinessCalendar, SlaPolicy

    st.register_type_strategy(Interaction, _interactions)
    st.register_type_strategy(Customer, _customers)
    st.register_type_strategy(BusinessCalendar, _calendars)
    st.register_type_strategy(SlaPolicy, _sla_policies)
    st.register_type_strategy(EscalationPolicy, _escalation_policies)
