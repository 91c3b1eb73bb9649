"""cxcore: customer-interaction logic as a library."""

from importlib.metadata import PackageNotFoundError, version

from . import events as events
from ._errors import (
    ConfigError as ConfigError,
    CxcoreError as CxcoreError,
    CxcoreWarning as CxcoreWarning,
    PluginError as PluginError,
    TransitionError as TransitionError,
    ValidationError as ValidationError,
)
from ._interaction import Interaction as Interaction
from ._model import (
    Channel as Channel,
    Customer as Customer,
    Priority as Priority,
    Status as Status,
)
from ._registry import Registry as Registry

try:
    __version__ = version("cxcore")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "Channel",
    "ConfigError",
    "Customer",
    "CxcoreError",
    "CxcoreWarning",
    "Interaction",
    "PluginError",
    "Priority",
    "Registry",
    "Status",
    "TransitionError",
    "ValidationError",
    "__version__",
    "events",
]
