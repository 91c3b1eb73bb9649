"""Third-party extensions through entry points, loaded only when the host calls :func:`load`."""

from ._plugins import (
    GROUPS as GROUPS,
    LoadedPlugin as LoadedPlugin,
    LoadResult as LoadResult,
    load as load,
)

__all__ = ["GROUPS", "LoadResult", "LoadedPlugin", "load"]
