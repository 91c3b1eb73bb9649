"""The example configuration files the docs point readers to exist and load.

The docs tell readers to start from ``examples/<name>.toml``; a file that no
longer loads (a renamed key, a stricter check) would send them off with a
broken start. Each file is read by the loader its name announces, and the TOML
and JSON spellings of one example must describe the same value.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxcore.escalation import EscalationPolicy
from cxcore.language import RulePack
from cxcore.routing import BreakPolicy, Teams
from cxcore.sla import BusinessCalendar, SlaPolicy
from tests.conftest import ROOT

Loadable = type[BusinessCalendar | SlaPolicy | EscalationPolicy | RulePack | Teams | BreakPolicy]

EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"

#: The class whose ``load`` reads each kind of example, by the file's stem
#: (``sla_policy.toml`` is an SlaPolicy).
KINDS: dict[str, Loadable] = {
    "calendar": BusinessCalendar,
    "sla_policy": SlaPolicy,
    "escalation_policy": EscalationPolicy,
    "rules": RulePack,
    "teams": Teams,
    "break_policy": BreakPolicy,
}

_MENTION = re.compile(r"examples/([A-Za-z0-9_.-]+\.(?:toml|json))")


def _example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".toml", ".json"})


def _kind_of(path: Path) -> Loadable:
    kind = KINDS.get(path.stem)
    if kind is None:
        pytest.fail(
            f"examples/{path.name}: no loader is known for {path.stem!r}; "
            f"name the file after one of {sorted(KINDS)} or add its class to KINDS"
        )
    return kind


def _mentions() -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for page in DOCS.rglob("*.md"):
        for name in _MENTION.findall(page.read_text(encoding="utf-8")):
            found.add((str(page.relative_to(DOCS)), name))
    return sorted(found)


def test_the_docs_mention_example_files() -> None:
    assert _mentions(), "no docs page points to examples/; the pattern or the docs changed"


@pytest.mark.parametrize(("page", "name"), _mentions())
def test_every_example_the_docs_mention_exists(page: str, name: str) -> None:
    assert (EXAMPLES / name).is_file(), f"docs/{page} points to examples/{name}, which is missing"


@pytest.mark.parametrize("path", _example_files(), ids=lambda p: p.name)
def test_every_example_file_loads_with_the_loader_its_name_announces(path: Path) -> None:
    kind = _kind_of(path)
    assert isinstance(kind.load(path), kind)


def _twins() -> list[str]:
    stems = {p.stem for p in _example_files()}
    return sorted(
        s
        for s in stems
        if (EXAMPLES / f"{s}.toml").is_file() and (EXAMPLES / f"{s}.json").is_file()
    )


@pytest.mark.parametrize("stem", _twins())
def test_toml_and_json_spellings_of_an_example_are_the_same_value(stem: str) -> None:
    kind = KINDS[stem]
    assert kind.load(EXAMPLES / f"{stem}.toml") == kind.load(EXAMPLES / f"{stem}.json")
