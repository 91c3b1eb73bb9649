"""List the msgids the demo and the CLI pass to ``_tr`` (domain ``cxcore``), for the .po files.

``python scripts/extract_demo_messages.py`` prints one msgid per line; every one
must appear in ``src/cxcore/locale/{en,ko}/LC_MESSAGES/cxcore.po``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCES = [Path(__file__).resolve().parent.parent / "src" / "cxcore" / "_demo.py"]


def msgids(path: Path) -> Iterator[str]:
    """Every literal second argument of a ``_tr(locale, "...")`` call in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_tr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            yield node.args[1].value


def main() -> None:
    seen: dict[str, None] = {}
    for path in SOURCES:
        for msgid in msgids(path):
            seen.setdefault(msgid)
    for msgid in seen:
        print(msgid)


if __name__ == "__main__":
    main()
