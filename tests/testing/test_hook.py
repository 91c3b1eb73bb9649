"""The hypothesis entry point registers cxcore's strategies, whichever package is imported first."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_CHECK = (
    "from hypothesis import Phase, find, settings\n"
    "from hypothesis import strategies as st\n"
    "from cxcore import Customer, Interaction\n"
    "from cxcore.escalation import EscalationPolicy\n"
    "from cxcore.sla import BusinessCalendar, SlaPolicy\n"
    "for cls in (Interaction, Customer, BusinessCalendar, SlaPolicy, EscalationPolicy):\n"
    "    strategy = st.from_type(cls)\n"
    "    assert not repr(strategy).startswith('from_type('), repr(strategy)\n"
    "    once = settings(database=None, phases=[Phase.generate])\n"
    "    value = find(strategy, lambda v: True, settings=once)\n"
    "    assert isinstance(value, cls), value\n"
)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize(
    "first",
    ["import hypothesis", "import cxcore.testing", "import cxcore", "import cxcore.sla"],
)
def test_from_type_knows_cxcore_types_whatever_is_imported_first(first: str) -> None:
    done = _run(f"{first}\n{_CHECK}")
    assert done.returncode == 0, done.stderr


def test_without_hypothesis_plugins_nothing_is_registered() -> None:
    code = (
        "from hypothesis import strategies as st\n"
        "from cxcore import Interaction\n"
        "import sys\n"
        "assert 'cxcore.testing' not in sys.modules\n"
        "print(repr(st.from_type(Interaction)))\n"
    )
    done = _run(code, HYPOTHESIS_NO_PLUGINS="1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("from_type(")
