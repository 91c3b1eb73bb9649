"""signals(): customer-side signals for escalation, with the checker's spans and rules."""

from __future__ import annotations

import pickle

import pytest

from cxcore import ValidationError
from cxcore.language import SIGNAL_KINDS, Signal, SignalKind, signals


def _kinds(text: str, locale: str) -> set[str]:
    return {s.kind.value for s in signals(text, locale=locale)}


def test_design_example() -> None:
    found = signals("상담원 연결해 주세요. 이번이 세 번째 문의예요", locale="ko")
    assert [(s.kind, s.text) for s in found] == [
        (SignalKind.ASKS_FOR_HUMAN, "상담원 연결해 주세요"),
        (SignalKind.FRUSTRATION, "이번이 세 번째 문의예요"),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("상담원 연결해 주세요", "asks_for_human"),
        ("사람이랑 통화하고 싶어요", "asks_for_human"),
        ("챗봇 말고 사람 바꿔 주세요", "asks_for_human"),
        ("벌써 세 번째 연락이에요", "frustration"),
        ("도대체 언제 와요?", "frustration"),
        ("다음 달에 해지할게요", "churn_risk"),
        ("회원 탈퇴 어떻게 해요", "churn_risk"),
        ("급해요 오늘 받아야 해요", "urgency"),
        ("당장 환불해 주세요", "urgency"),
        ("Can I talk to a real person?", "asks_for_human"),
        ("This is ridiculous.", "frustration"),
        ("It's still not fixed.", "frustration"),
        ("Please cancel my subscription.", "churn_risk"),
        ("I need it ASAP, it's urgent.", "urgency"),
    ],
)
def test_each_kind_is_found(text: str, kind: str) -> None:
    locale = "ko" if any("\uac00" <= c <= "\ud7a3" for c in text) else "en"
    assert kind in _kinds(text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("배송 언제쯤 도착하나요?", "ko"),
        ("감사합니다, 잘 받았어요.", "ko"),
        ("Thanks, it works now!", "en"),
    ],
)
def test_calm_messages_carry_no_signal(text: str, locale: str) -> None:
    assert signals(text, locale=locale) == ()


def test_quoted_lines_carry_no_signal() -> None:
    assert signals("> 상담원 연결해 주세요\n네 알겠습니다", locale="ko") == ()


def test_the_known_kinds_are_exported_for_escalation_config() -> None:
    assert SIGNAL_KINDS == ("asks_for_human", "frustration", "churn_risk", "urgency")
    assert set(SIGNAL_KINDS) == {k.value for k in SignalKind}


def test_unknown_locale_is_an_error_like_check() -> None:
    with pytest.raises(ValidationError, match="no phrasing rules"):
        signals("help", locale="fr")
    with pytest.raises(ValidationError, match="text must be a str"):
        signals(None, locale="en")  # type: ignore[arg-type]


def test_signals_are_exact_and_pickle() -> None:
    text = "급해요! 상담원 바꿔 주세요."
    for s in signals(text, locale="ko"):
        assert text[s.start : s.end] == s.text
        assert pickle.loads(pickle.dumps(s)) == s
    with pytest.raises(ValidationError, match="kind"):
        Signal(kind="angry", start=0, end=1, text="x")
