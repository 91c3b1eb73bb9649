"""Compile every gettext catalog under src/cxcore/locale (.po -> .mo), deterministically.

Run ``python scripts/compile_catalogs.py`` after editing a ``.po`` file; the test
suite checks that the committed ``.mo`` files match their ``.po`` sources.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "cxcore" / "locale"


def compile_po(po_path: Path) -> bytes:
    """The .mo bytes for one .po file."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=po_path.parent.parent.name, domain=po_path.stem)
    # A .po without a header would otherwise get "now" as its dates: keep .mo bytes reproducible.
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main() -> None:
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        data = compile_po(po)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            print(f"compiled {po.relative_to(LOCALE_DIR)}")


if __name__ == "__main__":
    main()
