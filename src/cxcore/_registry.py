"""Named registries: the one door through which built-ins and plugins extend cxcore."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from ._errors import ValidationError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """A mapping from names to extensions of one kind.

    Each extension point owns one instance (``cxcore.escalation.conditions``,
    ``cxcore.language.rule_packs`` …); the built-ins register through the same
    :meth:`register` a plugin uses. ``group`` is the entry-point group that
    :func:`cxcore.plugins.load` reads for it.
    """

    __module__ = "cxcore"

    def __init__(self, group: str) -> None:
        if not isinstance(group, str) or not group:
            raise ValidationError(
                f"group must be a non-empty str, the entry-point group (got {group!r}); "
                "e.g. Registry('myapp.scorers')"
            )
        self.group = group
        self._items: dict[str, T] = {}

    def register(self, name: str, item: T, *, replace: bool = False) -> T:
        """Add ``item`` under ``name``; a second registration needs ``replace=True``."""
        if not isinstance(name, str) or not name:
            raise ValidationError(
                f"name must be a non-empty str (got {name!r}); name the extension, e.g. 'priority'"
            )
        if not isinstance(replace, bool):
            raise ValidationError(f"replace must be True or False (got {replace!r})")
        if name in self._items and not replace and self._items[name] is not item:
            raise ValidationError(
                f"{name!r} is already registered in {self.group}; "
                "pass replace=True to override it on purpose"
            )
        self._items[name] = item
        return item

    def unregister(self, name: str) -> None:
        """Remove ``name``; unknown names are a :class:`ValidationError`."""
        if name not in self:
            raise ValidationError(f"{name!r} is not registered in {self.group}")
        del self._items[name]

    def get(self, name: str) -> T:
        """The extension named ``name``; a :class:`ValidationError` lists the known ones."""
        try:
            return self._items[name]
        except (KeyError, TypeError):
            raise ValidationError(
                f"unknown name {name!r} in {self.group}; known: {', '.join(self.names())}"
            ) from None

    def names(self) -> tuple[str, ...]:
        """The registered names, sorted."""
        return tuple(sorted(self._items))

    def __contains__(self, name: object) -> bool:
        # Names are strings: anything else (a list, say) is simply not registered.
        return isinstance(name, str) and name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Registry({self.group!r}, names={list(self.names())!r})"
