"""The public surface: every exported name resolves, is documented and shows its public path."""

from __future__ import annotations

import importlib
import inspect
import pickle
import types

import pytest

from tests.conftest import ROOT

PUBLIC_MODULES = [
    "cxcore",
    "cxcore.events",
    "cxcore.sla",
    "cxcore.language",
    "cxcore.escalation",
    "cxcore.routing",
    "cxcore.reporting",
    "cxcore.plugins",
    "cxcore.testing",
]
REFERENCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))


def _exports(module_name: str) -> list[tuple[str, object]]:
    module = importlib.import_module(module_name)
    return [(name, getattr(module, name)) for name in module.__all__ if name != "__version__"]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_exported_name_resolves_and_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__doc__, f"{module_name} has no module docstring"
    for name, value in _exports(module_name):
        if isinstance(value, type | types.FunctionType):
            assert inspect.getdoc(value), f"{module_name}.{name} has no docstring"


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_classes_show_their_public_module(module_name: str) -> None:
    for name, value in _exports(module_name):
        if isinstance(value, type) and value.__module__.startswith("cxcore"):
            assert not any(part.startswith("_") for part in value.__module__.split(".")), (
                f"{module_name}.{name} shows private module {value.__module__}"
            )
            owner = importlib.import_module(value.__module__)
            assert getattr(owner, value.__qualname__, None) is value, f"{module_name}.{name}"
            if issubclass(value, Exception) or inspect.isabstract(value):
                continue
            assert pickle.loads(pickle.dumps(value)) is value


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_nothing_public_is_missing_from_all(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = set(module.__all__)
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        defined_here = getattr(value, "__module__", "") or ""
        if isinstance(value, type | types.FunctionType) and defined_here.startswith("cxcore"):
            assert name in exported, f"{module_name}.{name} is public but not in __all__"


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_exported_name_is_in_the_docs(module_name: str) -> None:
    if f"automodule:: {module_name}\n" in REFERENCE:
        return  # documented member by member by autodoc
    for name, _value in _exports(module_name):
        assert name in REFERENCE, f"{module_name}.{name} is not mentioned in docs/"
