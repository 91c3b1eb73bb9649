"""cxcore: customer-interaction logic as a library."""

from importlib.metadata import PackageNotFoundError, version

from ._errors import (
    ConfigError as ConfigError,
    CxcoreError as CxcoreError,
    CxcoreWarning as CxcoreWarning,
    PluginError as PluginError,
    TransitionError as TransitionError,
    ValidationError as ValidationError,
)
from ._registry import Registry as Registry

try:
    __version__ = version("cxcore")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "ConfigError",
    "CxcoreError",
    "CxcoreWarning",
    "PluginError",
    "Registry",
    "TransitionError",
    "ValidationError",
    "__version__",
]
