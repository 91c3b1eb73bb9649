"""Plugin discovery: entry points into registries, only when the host asks.

Importing cxcore never scans entry points; :func:`load` does, once per call.
Each entry-point group belongs to one :class:`~cxcore.Registry`, found by
importing its package only when that group is loaded. A plugin that fails
(its module raises on import, its object does not fit the group, its name is
taken) becomes a :class:`~cxcore.PluginError` in the result, and the others
still load.

This module does not install, download or sandbox anything: an entry point's
code runs with the host's privileges, as any imported module does.
"""

from __future__ import annotations

import importlib
import weakref
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from types import MappingProxyType
from typing import Any

import attrs

from ._errors import CxcoreError, PluginError, ValidationError
from ._registry import Registry

__all__ = ["GROUPS", "LoadResult", "LoadedPlugin", "load"]


@attrs.frozen(kw_only=True)
class _GroupSpec:
    registry: str  # "package:attribute" of the group's Registry, imported when first loaded
    expects: str  # what the entry point must name (error messages quote it)
    adapt: Callable[[Any], Any] | None = None  # turns the loaded object into the registry item


def _callable(what: str) -> Callable[[Any], Any]:
    def adapt(obj: Any) -> Any:
        if not callable(obj):
            raise ValidationError(f"expected {what}, got {type(obj).__name__} {obj!r}"[:300])
        return obj

    return adapt


@attrs.frozen
class _LoadedPack:
    """A rule-pack provider for a pack a plugin built once, when it was loaded."""

    pack: Any

    def __call__(self) -> Any:
        return self.pack


def _rule_pack(obj: Any) -> _LoadedPack:
    # Build the pack now, so a broken plugin fails at load time (isolated, reported)
    # rather than inside a host's first check().
    from cxcore.language import RulePack

    pack = obj if isinstance(obj, RulePack) else obj() if callable(obj) else None
    if not isinstance(pack, RulePack):
        raise ValidationError(
            "expected a cxcore.language.RulePack or a zero-argument callable returning one, "
            f"got {type(pack if callable(obj) else obj).__name__}"
        )
    return _LoadedPack(pack)


_SPECS: dict[str, _GroupSpec] = {
    "cxcore.rules": _GroupSpec(
        registry="cxcore.language:rule_packs",
        expects="a cxcore.language.RulePack, or a zero-argument callable returning one "
        "(called once, when loaded)",
        adapt=_rule_pack,
    ),
    "cxcore.conditions": _GroupSpec(
        registry="cxcore.escalation:conditions",
        expects="a cxcore.escalation.ConditionFactory: a callable (config, path) -> Condition; "
        "the entry point's name is the condition's key in a policy",
        adapt=_callable("a condition factory (a callable (config, path) -> Condition)"),
    ),
    "cxcore.actions": _GroupSpec(
        registry="cxcore.escalation:actions",
        expects="a cxcore.escalation.ActionFactory: a callable (config, path) -> Action; "
        "the entry point's name is the action's key in a policy",
        adapt=_callable("an action factory (a callable (config, path) -> Action)"),
    ),
    "cxcore.holidays": _GroupSpec(
        registry="cxcore.sla:holiday_sources",
        expects="a holiday source factory: a callable (entry, path) -> cxcore.sla.HolidaySource; "
        "the entry point's name is the key that marks a calendar's holidays entry",
        adapt=_callable("a holiday source factory (a callable (entry, path) -> HolidaySource)"),
    ),
}


#: The entry-point groups cxcore reads, each with what its entry points must name.
GROUPS: Mapping[str, str] = MappingProxyType({g: spec.expects for g, spec in _SPECS.items()})


@attrs.frozen(kw_only=True)
class LoadedPlugin:
    """One entry point that loaded: registered in ``group`` under ``name``."""

    __module__ = "cxcore.plugins"

    group: str
    name: str
    #: The distribution (package) that declared it, or None for an entry point built by hand.
    distribution: str | None
    #: The object registered (after the group turned the entry point's object into one).
    value: Any = attrs.field(eq=False)


def _same_errors(a: tuple[PluginError, ...], b: tuple[PluginError, ...]) -> bool:
    # Exceptions compare by identity; two results agree when they report the same failures.
    return [str(e) for e in a] == [str(e) for e in b]


@attrs.frozen(kw_only=True)
class LoadResult:
    """What :func:`load` did: every plugin that loaded, and a :class:`PluginError` per failure."""

    __module__ = "cxcore.plugins"

    loaded: tuple[LoadedPlugin, ...] = ()
    failed: tuple[PluginError, ...] = attrs.field(
        default=(), eq=attrs.cmp_using(eq=_same_errors), hash=False
    )

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failed


# What each registry received from which entry point, so that loading twice is a no-op.
# Keyed weakly: a host's own registry may come and go.
_ORIGINS: weakref.WeakKeyDictionary[Registry[Any], dict[str, tuple[tuple[str, str], Any]]] = (
    weakref.WeakKeyDictionary()
)


def _registry_of(group: str, spec: _GroupSpec) -> Registry[Any]:
    module, _, attribute = spec.registry.partition(":")
    try:
        registry = getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as exc:
        raise PluginError(
            f"the registry of group {group} ({spec.registry}) cannot be imported: {exc}"
        ) from exc
    if not isinstance(registry, Registry) or registry.group != group:
        raise PluginError(f"{spec.registry} is not the Registry of group {group}")
    return registry


def _targets(groups: object) -> list[tuple[str, Registry[Any], Callable[[Any], Any] | None]]:
    if groups is None:
        chosen: list[object] = list(_SPECS)
    elif isinstance(groups, str | Registry):
        chosen = [groups]
    elif isinstance(groups, Iterable):
        chosen = list(groups)
    else:
        raise ValidationError(
            f"groups must be None, a group name, a Registry or an iterable of them "
            f"(got {type(groups).__name__}); e.g. groups=['cxcore.conditions']"
        )
    out: list[tuple[str, Registry[Any], Callable[[Any], Any] | None]] = []
    for item in chosen:
        if isinstance(item, Registry):
            out.append((item.group, item, None))
            continue
        spec = _SPECS.get(item) if isinstance(item, str) else None
        if spec is None:
            raise ValidationError(
                f"groups: unknown entry-point group {item!r}; known: {', '.join(GROUPS)} "
                "(or pass a Registry of your own to load its group into it)"
            )
        out.append((str(item), _registry_of(str(item), spec), spec.adapt))
    return out


def _entry_points(
    group: str, given: Iterable[metadata.EntryPoint] | None
) -> list[metadata.EntryPoint]:
    found = (
        list(metadata.entry_points(group=group))
        if given is None
        else [ep for ep in given if ep.group == group]
    )
    # A fixed order, whatever the file system lists first: when two distributions
    # claim one name, the distribution whose name sorts first wins on every machine.
    return sorted(found, key=lambda ep: (ep.name, ep.dist.name if ep.dist is not None else ""))


def _describe(ep: metadata.EntryPoint) -> str:
    dist = ep.dist
    origin = f"distribution {dist.name} {dist.version}" if dist is not None else "no distribution"
    return f"entry point {ep.name!r} = {ep.value!r} in group {ep.group} ({origin})"


def _load_one(
    ep: metadata.EntryPoint,
    registry: Registry[Any],
    adapt: Callable[[Any], Any] | None,
) -> LoadedPlugin:
    dist = ep.dist.name if ep.dist is not None else None
    origin = (dist or "", ep.value)
    seen = _ORIGINS.setdefault(registry, {})
    previous = seen.get(ep.name)
    if previous is not None and previous[0] == origin and ep.name in registry:
        item = previous[1]
        if registry.get(ep.name) is item:
            return LoadedPlugin(group=ep.group, name=ep.name, distribution=dist, value=item)
    try:
        obj = ep.load()
    except Exception as exc:  # a plugin's import may raise anything; it must not stop the others
        raise PluginError(f"{_describe(ep)} failed to import: {type(exc).__name__}: {exc}") from exc
    try:
        item = adapt(obj) if adapt is not None else obj
    except CxcoreError as exc:
        raise PluginError(f"{_describe(ep)} does not fit its group: {exc}") from exc
    except Exception as exc:  # a plugin's factory may raise anything
        raise PluginError(
            f"{_describe(ep)} raised while building its object: {type(exc).__name__}: {exc}"
        ) from exc
    if ep.name in registry and registry.get(ep.name) is not item:
        held_by_plugin = previous is not None and registry.get(ep.name) is previous[1]
        by = (
            f"distribution {previous[0][0]}"
            if held_by_plugin and previous
            else "cxcore or the host"
        )
        raise PluginError(
            f"{_describe(ep)} clashes with {ep.name!r}, already registered in {ep.group} by "
            f"{by}; rename the entry point, or unregister the other one first"
        )
    try:
        registry.register(ep.name, item)
    except ValidationError as exc:
        raise PluginError(f"{_describe(ep)} could not be registered: {exc}") from exc
    seen[ep.name] = (origin, item)
    return LoadedPlugin(group=ep.group, name=ep.name, distribution=dist, value=item)


def load(
    groups: str | Registry[Any] | Iterable[str | Registry[Any]] | None = None,
    *,
    strict: bool = False,
    entry_points: Iterable[metadata.EntryPoint] | None = None,
) -> LoadResult:
    """Load the plugins of ``groups`` (default: every group in :data:`GROUPS`).

    Each entry point's object is registered in its group's registry under the
    entry point's name. A failing entry point becomes a :class:`PluginError` in
    :attr:`LoadResult.failed` (naming the distribution and the entry point) while
    the others still load; with ``strict=True`` the first failure is raised.
    Loading the same plugins again changes nothing. Entry points load in name
    order; when two distributions claim one name, the one whose distribution name
    sorts first is registered and the other is a failure. ``groups`` may also name a
    :class:`Registry` of your own, which receives its group's objects unchanged.
    ``entry_points`` replaces the installed ones (e.g. a host's own list).

    Call it once at start-up, before serving: registries are plain mappings,
    not meant to change while other threads read them.
    """
    if not isinstance(strict, bool):
        raise ValidationError(f"strict must be True or False (got {strict!r})")
    given = None
    supplied: object = entry_points  # checked at run time: callers may pass anything
    if supplied is not None:
        if not isinstance(supplied, Iterable) or isinstance(supplied, str | bytes):
            raise ValidationError(
                "entry_points must be an iterable of importlib.metadata.EntryPoint "
                f"(got {type(entry_points).__name__})"
            )
        given = list(supplied)
        for index, ep in enumerate(given):
            if not isinstance(ep, metadata.EntryPoint):
                raise ValidationError(
                    f"entry_points[{index}] must be an importlib.metadata.EntryPoint "
                    f"(got {type(ep).__name__})"
                )
    loaded: list[LoadedPlugin] = []
    failed: list[PluginError] = []
    for group, registry, adapt in _targets(groups):
        for ep in _entry_points(group, given):
            try:
                loaded.append(_load_one(ep, registry, adapt))
            except PluginError as exc:
                if strict:
                    raise
                failed.append(exc)
    return LoadResult(loaded=tuple(loaded), failed=tuple(failed))
