"""Sphinx configuration for the cxcore documentation."""

from __future__ import annotations

import cxcore

project = "cxcore"
author = "cxcore contributors"
copyright = "2026, cxcore contributors"
release = cxcore.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "cxcore"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = False
suppress_warnings = ["myst.xref_missing"]
doctest_global_setup = """
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
"""
