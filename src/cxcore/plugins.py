"""Third-party extensions through entry points, loaded only when the host calls :func:`load`."""

from ._plugins import GROUPS as GROUPS
from ._plugins import LoadedPlugin as LoadedPlugin
from ._plugins import LoadResult as LoadResult
from ._plugins import load as load

__all__ = ["GROUPS", "LoadResult", "LoadedPlugin", "load"]
