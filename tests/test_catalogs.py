"""The committed gettext .mo files match their .po sources, and both languages are complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import ROOT

LOCALE_DIR = ROOT / "src" / "cxcore" / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def _messages(catalog: object) -> dict[object, object]:
    return {m.id: m.string for m in catalog if m.id}  # type: ignore[attr-defined]


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_compiled_catalog_matches_its_source(po: Path) -> None:
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run python scripts/compile_catalogs.py"
    with po.open("rb") as fh:
        source = read_po(fh)
    with mo.open("rb") as fh:
        compiled = read_mo(fh)
    expected = {k: v for k, v in _messages(source).items() if v}
    assert _messages(compiled) == expected, "stale .mo: run python scripts/compile_catalogs.py"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_every_message_is_translated(po: Path) -> None:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    missing = [m.id for m in catalog if m.id and not m.string]
    assert not missing, f"untranslated in {po.name}: {missing[:5]}"


def test_both_languages_ship_the_same_messages() -> None:
    def ids(lang: str, domain: str) -> set[object]:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
            return set(_messages(read_po(fh)))

    domains = {
        lang: {p.stem for p in LOCALE_DIR.glob(f"{lang}/LC_MESSAGES/*.po")} for lang in ("en", "ko")
    }
    assert domains["en"] == domains["ko"]
    assert domains["en"], "no catalogs found"
    for domain in domains["en"]:
        assert ids("en", domain) == ids("ko", domain), domain
