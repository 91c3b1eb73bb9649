"""Build an installed-looking distribution (a ``.dist-info`` directory) without installing it.

``importlib.metadata`` discovers distributions on ``sys.path`` by their
``*.dist-info`` directories; a directory with ``METADATA`` and
``entry_points.txt`` is all it reads for entry points.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def make_dist(
    site: Path,
    name: str,
    entry_points: Mapping[str, Mapping[str, str]],
    *,
    version: str = "0.1.0",
) -> Path:
    """Write ``<site>/<name>-<version>.dist-info`` declaring ``entry_points``.

    ``entry_points`` maps each group to its entry points' names and values.
    """
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    lines = []
    for group, points in entry_points.items():
        lines.append(f"[{group}]")
        lines.extend(f"{ep_name} = {value}" for ep_name, value in points.items())
        lines.append("")
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    return info
