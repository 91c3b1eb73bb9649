"""Errors raised by cxcore.

Catching :class:`CxcoreError` catches everything the library raises on purpose;
anything else escaping a public function is a bug.

::

    CxcoreError
    ├── ValidationError (ValueError)   a bad argument
    ├── ConfigError (ValueError)       a bad document; .path says where ("targets[2].within")
    ├── TransitionError                an event the interaction's state does not allow
    └── PluginError                    a plugin failed to load or raised
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CxcoreError",
    "CxcoreWarning",
    "PluginError",
    "TransitionError",
    "ValidationError",
]


class CxcoreError(Exception):
    """Root of every error cxcore raises on purpose."""

    __module__ = "cxcore"


class ValidationError(CxcoreError, ValueError):
    """A bad argument: the message names the argument and how to fix it."""

    __module__ = "cxcore"


class ConfigError(CxcoreError, ValueError):
    """A bad configuration document.

    ``path`` is where inside the document the problem is (``"targets[2].within"``,
    empty for the document itself); ``source`` names the file when one was loaded.
    """

    __module__ = "cxcore"

    def __init__(self, message: str, *, path: str = "", source: str | None = None) -> None:
        self.path = path
        self.source = source
        self.reason = message
        where = ": ".join(p for p in (source, path) if p)
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_config_error, (self.reason, self.path, self.source))


def _rebuild_config_error(message: str, path: str, source: str | None) -> ConfigError:
    return ConfigError(message, path=path, source=source)


class TransitionError(CxcoreError):
    """An event that the interaction's current state does not allow."""

    __module__ = "cxcore"


class PluginError(CxcoreError):
    """A plugin failed to load, or raised while it ran."""

    __module__ = "cxcore"


class CxcoreWarning(UserWarning):
    """Something cxcore accepted but that probably is not what was meant."""

    __module__ = "cxcore"
