"""The optional Kiwi analyser backend (skipped when kiwipiepy is not installed)."""

from __future__ import annotations

import pytest

from cxcore import ValidationError
from cxcore.language import PhrasingChecker
from cxcore.language._kiwi import kiwi_available

pytestmark = pytest.mark.skipif(not kiwi_available(), reason="kiwipiepy is not installed")


@pytest.fixture(scope="module")
def kiwi() -> PhrasingChecker:
    return PhrasingChecker(analyser="kiwi")


def _found(checker: PhrasingChecker, text: str) -> list[tuple[str, str]]:
    return [(f.category.value, f.text) for f in checker.check(text, locale="ko")]


def test_orders_stay_and_wishes_with_adjectives_go(kiwi: PhrasingChecker) -> None:
    assert _found(kiwi, "앱을 다시 설치하세요.") == [("commanding", "설치하세요")]
    # an adjective predicate the pattern exceptions do not list: a statement, not an order
    plain = PhrasingChecker()
    assert _found(plain, "배송이 정말 빠르시네요. 늘 행복하세요.") == []
    assert _found(kiwi, "오늘도 평안하세요.") == []
    assert ("commanding", "평안하세요") in _found(plain, "오늘도 평안하세요.")


def test_missed_banmal_endings_are_added_with_the_banmal_rule(kiwi: PhrasingChecker) -> None:
    assert _found(PhrasingChecker(), "밥 먹어.") == []
    found = kiwi.check("밥 먹어.", locale="ko")
    assert [(f.category.value, f.text, f.rule_id) for f in found] == [
        ("impolite", "먹어", "ko-banmal")
    ]
    assert found[0].message


def test_polite_text_stays_clean_and_english_is_untouched(kiwi: PhrasingChecker) -> None:
    assert _found(kiwi, "잠시만 기다려 주세요. 바로 확인해 드릴게요.") == []
    assert kiwi.check("We cannot.", locale="en") == PhrasingChecker().check(
        "We cannot.", locale="en"
    )


def test_spans_stay_exact(kiwi: PhrasingChecker) -> None:
    text = "안타깝게도 환불은 불가능합니다. 잠깐 기다려.\n> 고객 인용문\n그냥 취소 해."
    for f in kiwi.check(text, locale="ko"):
        assert text[f.start : f.end] == f.text


def test_an_unknown_analyser_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="analyser"):
        PhrasingChecker(analyser="mecab")
