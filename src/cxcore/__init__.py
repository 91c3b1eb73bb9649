"""cxcore: customer-interaction logic as a library."""

from importlib.metadata import PackageNotFoundError, version

from . import events as events
from ._errors import (
    ConfigError as ConfigError,
)
from ._errors import (
    CxcoreError as CxcoreError,
)
from ._errors import (
    CxcoreWarning as CxcoreWarning,
)
from ._errors import (
    PluginError as PluginError,
)
from ._errors import (
    TransitionError as TransitionError,
)
from ._errors import (
    ValidationError as ValidationError,
)
from ._interaction import Interaction as Interaction
from ._model import (
    Channel as Channel,
)
from ._model import (
    Customer as Customer,
)
from ._model import (
    Priority as Priority,
)
from ._model import (
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
