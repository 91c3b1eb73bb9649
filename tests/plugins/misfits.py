"""Plugin objects that import fine but do not fit their group."""

from __future__ import annotations

#: Not callable: cannot be a condition, action or holiday-source factory.
NOT_A_FACTORY = "vip_weekend"


def not_a_pack() -> int:
    """A rule-pack provider that returns something else."""
    return 42


def raising_pack() -> object:
    """A rule-pack provider that fails while building its pack."""
    raise OSError("rules file missing")
