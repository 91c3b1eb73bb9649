"""Suite-wide configuration: hypothesis profiles and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# ``ci`` is derandomized so that every run (and its coverage figure) is reproducible;
# ``dev`` and ``thorough`` explore new examples each time.
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", deadline=None, max_examples=25)
settings.register_profile("thorough", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: The repository root.
ROOT = Path(__file__).resolve().parent.parent
#: The suite's own copy of the worked examples.
DATA = Path(__file__).resolve().parent / "data"
#: ../shared/data beside the repository, when it exists (the copy is kept in sync with it).
SHARED_DATA = ROOT.parent / "shared" / "data"
