"""The checker's values: severities ordered by rank; findings and signals validated."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from cxcore import ValidationError
from cxcore.language import Category, Finding, Severity, Signal, SignalKind


def test_severities_compare_by_rank_never_alphabetically() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert Severity.ERROR > Severity.WARNING >= Severity.WARNING
    assert Severity.INFO <= "info"
    assert Severity.WARNING >= "info"
    assert Severity.ERROR > "warning"  # alphabetically "error" < "warning"
    assert Severity.INFO < "error"
    assert max(Severity) is Severity.ERROR
    with pytest.raises(TypeError):
        _ = Severity.INFO < 3
    with pytest.raises(ValidationError, match="compares with info, warning or error"):
        _ = Severity.INFO >= "loud"


def _finding(**changes: Any) -> Finding:
    fields: dict[str, Any] = {
        "category": "blame",
        "start": 0,
        "end": 3,
        "text": "abc",
        "rule_id": "r",
        "message": "m",
        "suggestions": ["s"],
        "severity": "warning",
    }
    return Finding(**{**fields, **changes})


def test_findings_accept_values_and_pickle() -> None:
    f = _finding()
    assert f.category is Category.BLAME
    assert f.severity is Severity.WARNING
    assert f.suggestions == ("s",)
    assert pickle.loads(pickle.dumps(f)) == f


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"category": "rude"}, "category must be one of"),
        ({"category": 5}, "category must be one of"),
        ({"severity": "loud"}, "severity must be one of"),
        ({"start": -1}, "start must be a non-negative int"),
        ({"end": True}, "end must be a non-negative int"),
        ({"start": 3, "end": 0, "text": ""}, "must not be before"),
        ({"text": "ab"}, "text must be the span's characters"),
        ({"text": 5}, "text must be a str"),
        ({"suggestions": "do better"}, "suggestions must be a list of str"),
        ({"suggestions": ["ok", 5]}, "suggestions must be a list of str"),
    ],
)
def test_bad_finding_values_name_the_field(changes: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        _finding(**changes)


def test_signals_validate_their_kind_and_span() -> None:
    s = Signal(kind="urgency", start=0, end=2, text="급해")
    assert s.kind is SignalKind.URGENCY
    with pytest.raises(ValidationError, match="kind must be one of"):
        Signal(kind="anger", start=0, end=2, text="급해")
    with pytest.raises(ValidationError, match="span's characters"):
        Signal(kind="urgency", start=0, end=5, text="급해")
