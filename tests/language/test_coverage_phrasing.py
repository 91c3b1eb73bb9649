"""Replies reported as missed or mis-filed, and the clean look-alikes each fix must leave alone."""

from __future__ import annotations

import pytest

from cxcore.language import check


def _found(text: str, locale: str) -> set[tuple[str, str]]:
    return {(f.category.value, f.text) for f in check(text, locale=locale)}


@pytest.mark.parametrize(
    ("text", "locale", "category", "span"),
    [
        ("저희 담당이 아닙니다.", "ko", "dismissive", "저희 담당이 아닙니다"),
        ("That's not my department.", "en", "dismissive", "not my department"),
        ("모르겠습니다.", "ko", "dismissive", "모르겠습니다"),
        ("I don't know.", "en", "dismissive", "I don't know"),
        ("It's our policy.", "en", "dismissive", "It's our policy"),
        ("No idea, sorry.", "en", "dismissive", "No idea"),
        ("빨리 확인해.", "ko", "impolite", "확인해"),
        ("변경 불가능 합니다.", "ko", "negative-framing", "불가능 합니다"),
        ("사이즈는 못 바꿔 드려요.", "ko", "negative-framing", "못 바꿔 드려요"),
        ("전원 버튼을 10초간 누르고 계세요.", "ko", "commanding", "누르고 계세요"),
        ("The system won't let me change it.", "en", "negative-framing", "The system won't let me"),
        ("Points are non-transferable.", "en", "negative-framing", "non-transferable"),
    ],
)
def test_reported_miss_is_flagged_in_its_category(
    text: str, locale: str, category: str, span: str
) -> None:
    assert (category, span) in _found(text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a promised follow-up turns "I don't know" into "I'll find out"
        ("정확한 날짜는 아직 모르겠습니다. 확인되는 대로 바로 연락드리겠습니다.", "ko"),
        ("I don't know yet, but I'll ask the warehouse and reply by 4 pm.", "en"),
        ("어떻게 감사드려야 할지 모르겠습니다.", "ko"),
        ("No idea is too small; send us your suggestions any time.", "en"),
        ("Who knows this product best? Our specialist, and she'll call you at 3.", "en"),
        # policy named with what it gives the customer
        ("It's our policy to refund within five days, so yours arrives by Friday.", "en"),
        # reported speech, not a refusal
        ("환불이 안 된다고 들으셨다니 혼란스러우셨겠어요. 환불은 바로 가능합니다.", "ko"),
        # wishes and honorific statements ending in -세요
        ("새해 복 많이 받으세요!", "ko"),
        ("다른 고객님들도 다 만족하시는 색상이에요.", "ko"),
        # empathy and world descriptions
        ("You must be tired of waiting; I've upgraded it to express.", "en"),
        ("The new case is impossible to crack, so your phone is well protected.", "en"),
        ("That's life-changing news for our members: free shipping on everything!", "en"),
        ("Your Huawei Mate 60 is ready for pickup.", "en"),
        ("RCA 케이블로 TV와 연결하시면 소리가 잘 나와요.", "ko"),
    ],
)
def test_clean_look_alike_stays_clean(text: str, locale: str) -> None:
    assert _found(text, locale) == set()


def test_a_banmal_refusal_is_both_impolite_and_negative() -> None:
    found = _found("안 된다고.", "ko")
    assert ("impolite", "안 된다고") in found
    assert ("negative-framing", "안 된다고") in found


def test_pushing_the_customer_to_the_card_company_is_dismissive_and_commanding() -> None:
    cats = {cat for cat, _ in _found("카드사에 문의하셔야 할 것 같아요.", "ko")}
    assert cats == {"dismissive", "commanding"}
