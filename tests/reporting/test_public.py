"""The public surface of cxcore.reporting: names resolve, show the public module, are documented."""

from __future__ import annotations

import inspect

import cxcore.reporting
from tests.conftest import ROOT


def test_every_public_name_resolves_under_its_public_module() -> None:
    for name in cxcore.reporting.__all__:
        value = getattr(cxcore.reporting, name)
        if inspect.isclass(value):
            assert value.__module__ == "cxcore.reporting", name


def test_every_public_name_is_in_the_reference() -> None:
    text = (ROOT / "docs/reference/reporting.md").read_text(encoding="utf-8")
    for name in cxcore.reporting.__all__:
        assert f":: {name}" in text, name


def test_importing_reporting_does_not_import_matplotlib() -> None:
    import subprocess
    import sys

    code = "import sys, cxcore.reporting; print('matplotlib' in sys.modules, 'tqdm' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"]
