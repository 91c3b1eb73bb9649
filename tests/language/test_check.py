"""check(): arguments, spans, Korean morpheme-level matching, English word matching."""

from __future__ import annotations

import pickle

import pytest

from cxcore import CxcoreError, ValidationError
from cxcore.language import (
    Category,
    Finding,
    PhrasingChecker,
    Severity,
    check,
    has_rules,
    known_languages,
)


def _spans(text: str, locale: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(f.category.value, f.text) for f in check(text, locale=locale, **kwargs)]  # type: ignore[arg-type]


# --- arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, b"bytes", 12, ["list"]])
def test_non_str_text_is_a_validation_error(bad: object) -> None:
    with pytest.raises(ValidationError, match="text must be a str"):
        check(bad, locale="ko")  # type: ignore[arg-type]


@pytest.mark.parametrize("locale", ["xx", "fr", "de-DE"])
def test_a_locale_without_rules_is_an_error_not_silence(locale: str) -> None:
    with pytest.raises(ValidationError, match="no phrasing rules"):
        check("Bonjour", locale=locale)


@pytest.mark.parametrize("locale", [None, "", "not a locale!!", 3])
def test_a_malformed_locale_is_a_validation_error(locale: object) -> None:
    with pytest.raises(ValidationError, match="locale"):
        check("hello", locale=locale)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("locale", "language"), [("ko-KR", "ko"), ("ko_KR", "ko"), ("en_US", "en"), ("en-GB", "en")]
)
def test_regional_locales_use_their_language_rules(locale: str, language: str) -> None:
    text = "불가능합니다." if language == "ko" else "We cannot."
    assert check(text, locale=locale) == check(text, locale=language)


def test_has_rules_reports_the_languages_with_packs() -> None:
    assert has_rules("ko-KR")
    assert has_rules("en")
    assert not has_rules("fr")
    assert not has_rules("not a locale!!")
    assert {"ko", "en"} <= known_languages()


def test_bad_filters_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="categories"):
        check("x", locale="en", categories=["rude"])
    with pytest.raises(ValidationError, match="min_severity"):
        check("x", locale="en", min_severity="loud")
    with pytest.raises(ValidationError, match="message_locale"):
        check("x", locale="en", message_locale="!!")


def test_the_caller_text_is_not_changed_and_every_error_is_a_cxcore_error() -> None:
    text = "안타깝게도 환불은 불가능합니다."
    before = str(text)
    check(text, locale="ko")
    assert text == before
    assert issubclass(ValidationError, CxcoreError)


# --- findings ----------------------------------------------------------------------------


def test_design_example_two_findings_with_exact_spans() -> None:
    text = "안타깝게도 환불은 불가능합니다."
    findings = check(text, locale="ko")
    assert [(f.category, f.start, f.end, f.text) for f in findings] == [
        (Category.NEGATIVE_FRAMING, 0, 5, "안타깝게도"),
        (Category.NEGATIVE_FRAMING, 10, 16, "불가능합니다"),
    ]
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.rule_id.startswith("ko-")
        assert f.message
        assert f.suggestions
        assert isinstance(f.severity, Severity)


def test_findings_are_sorted_by_start_end_category() -> None:
    findings = check("그 상품은 교환 안 돼. 잠깐 기다려.", locale="ko")
    keys = [(f.start, f.end, f.category.value) for f in findings]
    assert keys == sorted(keys)
    assert ("impolite", "안 돼") in {(f.category.value, f.text) for f in findings}
    assert ("negative-framing", "안 돼") in {(f.category.value, f.text) for f in findings}


def test_findings_pickle_and_compare_equal() -> None:
    for f in check("Unfortunately, we can't refund it.", locale="en"):
        assert pickle.loads(pickle.dumps(f)) == f
        assert hash(pickle.loads(pickle.dumps(f))) == hash(f)


def test_finding_validates_its_span() -> None:
    with pytest.raises(ValidationError):
        Finding(
            category="blame",
            start=3,
            end=1,
            text="",
            rule_id="x",
            message="m",
            suggestions=(),
            severity="info",
        )
    with pytest.raises(ValidationError, match="category"):
        Finding(
            category="rude",
            start=0,
            end=1,
            text="a",
            rule_id="x",
            message="m",
            suggestions=(),
            severity="info",
        )


def test_messages_follow_message_locale_not_the_text_locale() -> None:
    ko = check("We cannot do that.", locale="en", message_locale="ko-KR")[0]
    en = check("We cannot do that.", locale="en")[0]
    assert ko.message != en.message
    assert any("\uac00" <= c <= "\ud7a3" for c in ko.message)
    assert en.message.isascii()
    kor_text = check("불가능합니다.", locale="ko")[0]
    assert any("\uac00" <= c <= "\ud7a3" for c in kor_text.message)
    assert check("불가능합니다.", locale="ko", message_locale="en")[0].message.startswith("This")


def test_unknown_message_locale_falls_back_to_english() -> None:
    assert (
        check("We cannot.", locale="en", message_locale="fr")[0].message
        == check("We cannot.", locale="en")[0].message
    )


def test_severity_is_ordered_by_rank() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert Severity.ERROR >= "warning"


def test_check_reports_every_severity_by_default_and_filters_on_request() -> None:
    text = "SLA 기준으로 답변드릴게요. 그럴 리가 없습니다."
    every = check(text, locale="ko")
    assert {f.severity for f in every} >= {Severity.INFO, Severity.WARNING}
    high = check(text, locale="ko", min_severity="warning")
    assert all(f.severity >= Severity.WARNING for f in high)
    assert len(high) < len(every)
    only = check(text, locale="ko", categories=["jargon"])
    assert {f.category for f in only} == {Category.JARGON}


def test_a_checker_is_built_once_and_reused() -> None:
    checker = PhrasingChecker(categories=[Category.COMMANDING], min_severity=Severity.INFO)
    assert [f.text for f in checker.check("앱을 다시 설치하세요.", locale="ko")] == ["설치하세요"]
    assert checker.check("You need to reset it.", locale="en")[0].text == "You need to"
    assert "PhrasingChecker" in repr(checker)


# --- Korean -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "변경을 할 수 없습니다.",
        "변경을 할수없어요.",
        "변경을 할 수가 없어요.",
        "변경은 불가능해요.",
        "변경은 안 돼요.",
        "변경은 안돼요.",
    ],
)
def test_spacing_endings_and_register_variants_match_one_refusal(text: str) -> None:
    found = [f for f in check(text, locale="ko") if f.category is Category.NEGATIVE_FRAMING]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "확인해 보니 결제에는 문제가 없습니다.",
        "오늘 오후까지 안내해 드리겠습니다.",
        "결제가 완료되었습니다.",
        "추가 요금은 없습니다.",
        "교환은 어렵지 않습니다.",
        "불가피하게 배송이 하루 늦어졌습니다.",
        "로그인이 안 되시나요? 재설정 링크를 보내 드릴게요.",
        "설정이 어려우시면 제가 도와드릴게요.",
        "어제 연락드리지 못해 죄송합니다.",
    ],
)
def test_korean_negation_that_is_not_a_refusal_is_clean(text: str) -> None:
    assert check(text, locale="ko") == ()


def test_soft_refusal_is_clean_only_with_an_alternative_nearby() -> None:
    assert _spans("당일 배송은 어렵습니다.", "ko") == [("negative-framing", "어렵습니다")]
    assert check("당일 배송은 어렵습니다. 대신 내일 오전에 보내 드릴 수 있어요.", locale="ko") == ()
    assert check("당일 배송은 어렵지만 내일 오전 도착은 가능합니다.", locale="ko") == ()
    # an alternative two sentences later is too far
    far = "당일 배송은 어렵습니다. 감사합니다. 대신 내일 보내 드릴게요."
    assert ("negative-framing", "어렵습니다") in _spans(far, "ko")


def test_cushion_words_are_clean_and_the_refusal_is_the_finding() -> None:
    assert _spans("죄송하지만 환불은 불가합니다.", "ko") == [("negative-framing", "불가합니다")]


def test_banmal_is_impolite_and_haeyo_is_not() -> None:
    assert _spans("환불은 어제 이미 했어.", "ko") == [("impolite", "했어")]
    assert check("환불은 어제 이미 했어요.", locale="ko") == ()
    assert _spans("잠깐 기다려.", "ko") == [("impolite", "기다려")]
    assert check("잠시만 기다려 주세요.", locale="ko") == ()


def test_dismissive_imperatives_are_not_also_commanding() -> None:
    assert _spans("일단 진정하세요.", "ko") == [("dismissive", "진정하세요")]
    assert _spans("Please calm down.", "en") == [("dismissive", "calm down")]


# --- English ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("We can't do that.", "We can't"),
        ("We cannot do that.", "We cannot"),
        ("We can not do that.", "We can not"),
        ("We can\u2019t do that.", "We can\u2019t"),
        ("WE CAN'T DO THAT.", "WE CAN'T"),
    ],
)
def test_english_contractions_and_case_match_one_rule(text: str, span: str) -> None:
    assert _spans(text, "en") == [("negative-framing", span)]


@pytest.mark.parametrize(
    "text",
    [
        "I can't wait to help you set up your new speaker!",
        "If you can't see the button, scroll down.",
        "You won't be charged for the replacement.",
        "There's no problem with your payment.",
        "You should have received the tracking email by now.",
        "You must have been so frustrated.",
        "All you need to do is reply with the order number.",
        "Whatever time works best for you is fine.",
        "Cannonball Run is on TV tonight.",
    ],
)
def test_english_look_alikes_are_clean(text: str) -> None:
    assert check(text, locale="en") == ()


def test_english_matches_whole_words_only() -> None:
    assert check("The SLAB arrived; slack is fine; Skunk works.", locale="en") == ()
    assert _spans("Per our SLA we reply.", "en") == [("jargon", "SLA")]


# --- quoted lines and suppressions ---------------------------------------------------------


def test_quoted_customer_lines_are_never_checked() -> None:
    text = "Hi,\n> Unfortunately I can't log in.\n>no space either: we cannot\nAll fixed now."
    assert check(text, locale="en") == ()
    assert _spans("Settings > General: we cannot change it.", "en") == [
        ("negative-framing", "we cannot")
    ]


def test_inline_suppression_hides_its_span_and_nothing_else() -> None:
    text = (
        "<!-- cxcore: ignore -->Unfortunately, we can't.<!-- cxcore: end --> "
        "Unfortunately, we can't."
    )
    found = check(text, locale="en")
    assert [f.text for f in found] == ["Unfortunately", "we can't"]
    assert all(f.start > text.index("end -->") for f in found)


def test_an_unterminated_suppression_runs_to_the_end() -> None:
    assert check("Fine. <!--cxcore:ignore--> We cannot. Unfortunately.", locale="en") == ()


def test_a_stray_end_marker_is_not_checked_and_harmless() -> None:
    assert _spans("<!-- cxcore: end --> We cannot.", "en") == [("negative-framing", "We cannot")]


def test_checkers_and_packs_pickle_for_worker_processes() -> None:
    from cxcore.language import rule_packs

    checker = PhrasingChecker(categories=["commanding"], min_severity="info")
    clone = pickle.loads(pickle.dumps(checker))
    text = "앱을 다시 설치하세요."
    assert clone.check(text, locale="ko") == checker.check(text, locale="ko")
    pack = rule_packs.get("ko")()
    assert pickle.loads(pickle.dumps(pack)) == pack


def test_an_imperative_auxiliary_takes_in_its_main_verb() -> None:
    assert _spans("다시 시도해 보세요.", "ko") == [("commanding", "시도해 보세요")]
    assert _spans("다시 켜 보세요.", "ko") == [("commanding", "켜 보세요")]
    # 다시 is an adverb, not a -아/어 form: the span stays on the verb
    assert _spans("다시 보세요.", "ko") == [("commanding", "보세요")]
