"""``cxcore demo``: deterministic, golden output, safe on any terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from cxcore.cli import main
from tests.conftest import DATA, ROOT

GOLDEN = DATA / "demo"


def _run(argv: list[str]) -> str:
    out = io.StringIO()
    assert main(argv, stdout=out) == 0
    return out.getvalue()


@pytest.mark.parametrize("locale", ["en", "ko"])
def test_demo_matches_the_golden_output(locale: str) -> None:
    # Regenerate after an intended change with:
    #   python -m cxcore.cli demo --locale en > tests/data/demo/en.txt (and ko)
    expected = (GOLDEN / f"{locale}.txt").read_text(encoding="utf-8")
    assert _run(["demo", "--locale", locale]) == expected


def test_demo_speaks_english_by_default() -> None:
    assert _run(["demo"]) == _run(["demo", "--locale", "en"])


def test_demo_tells_every_part_of_the_story() -> None:
    text = _run(["demo"])
    for needle in (
        "status: open",
        "First response: breached",
        "level 1 first-reply-late",
        "level 2 first-reply-late",
        "acknowledged by a-3",
        "offer_human=true",
        "[negative-framing] 안타깝게도",
        "no findings",
        "asks_for_human",
        "seoul: open now",
    ):
        assert needle in text, needle


def test_demo_prints_safely_on_an_ascii_terminal() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"}
    result = subprocess.run(
        [sys.executable, "-m", "cxcore.cli", "demo", "--locale", "ko"],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("ascii", "replace")
    out = result.stdout.decode("ascii")
    assert "\\uc0c1" in out or "\\u" in out  # Korean shown as escapes, not a crash


def test_version_and_usage() -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit) as info:
        main(["--version"], stdout=out)
    assert info.value.code == 0
    assert main([], stdout=out) == 2
    with pytest.raises(SystemExit) as bad:
        main(["demo", "--locale", "fr"], stdout=out)
    assert bad.value.code == 2
