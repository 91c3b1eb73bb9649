"""signals() on customer messages worded unlike the rules' own examples (seed 002 situations)."""

from __future__ import annotations

import pytest

from cxcore.language import signals

PROBES: dict[str, dict[str, list[str]]] = {
    "ko": {
        "asks_for_human": [
            "상담원 좀 연결해 주세요",
            "사람 상담원이랑 얘기하고 싶어요",
            "직원분이랑 직접 통화하고 싶어요",
            "챗봇 말고 사람 연결해 줘요",
            "담당자 바꿔 주세요",
            "ARS 말고 상담원이요",
            "전화로 상담받고 싶어요",
            "실제 직원이랑 얘기할 수 있나요?",
            "상담사 연결 부탁드립니다",
            "매니저 불러 주세요",
        ],
        "frustration": [
            "진짜 짜증나네요",
            "몇 번째 말씀드리는지 모르겠어요",
            "이게 말이 돼요?",
            "너무 화가 나요",
            "일주일째 기다리고 있어요",
            "계속 같은 답변만 하시네요",
            "아직도 연락이 없어요",
            "정말 실망스럽네요",
            "어이가 없네요",
            "벌써 세 번째예요",
        ],
        "churn_risk": [
            "해지하고 다른 곳으로 옮길게요",
            "멤버십 해지해 주세요",
            "다른 쇼핑몰 이용할게요",
            "이제 안 쓸래요",
            "구독 취소할게요",
            "다시는 여기서 안 사요",
            "탈퇴할게요",
            "통신사 바꿀 거예요",
            "자동 결제 끊어 주세요",
            "더 이상 이용 안 하려고요",
        ],
        "urgency": [
            "급해요",
            "오늘 꼭 받아야 해요",
            "내일 출국이라 빨리 부탁드려요",
            "지금 당장 처리해 주세요",
            "긴급 상황이에요",
            "최대한 빨리 부탁해요",
            "한시가 급해요",
            "오늘 안에 꼭요",
            "빨리 좀 해 주세요",
            "내일 아침까지 꼭 필요해요",
        ],
    },
    "en": {
        "asks_for_human": [
            "Can I speak to a human?",
            "I want a real person, not a bot",
            "Please connect me to an agent",
            "Let me talk to your manager",
            "Is there a live agent available?",
            "Transfer me to someone who can help",
            "I need to talk to a person",
            "Get me a supervisor",
            "Can someone actually call me?",
            "Put me through to a representative",
        ],
        "frustration": [
            "This is ridiculous",
            "I'm so frustrated",
            "I've asked three times already",
            "Still not fixed!",
            "This is the worst service",
            "I'm fed up with this",
            "Nobody ever replies",
            "I've been waiting for two weeks",
            "This is unacceptable",
            "Seriously, again?",
        ],
        "churn_risk": [
            "I'm cancelling my subscription.",
            "Cancel my account",
            "I'm switching to another provider",
            "I won't be renewing",
            "I'll take my business elsewhere",
            "I'm done with this company",
            "Please close my account",
            "I'm going to cancel",
            "I'm leaving for a competitor",
            "Unsubscribe me",
        ],
        "urgency": [
            "This is urgent",
            "I need it today",
            "ASAP please",
            "It's an emergency",
            "I need this fixed right now",
            "Please hurry",
            "I'm flying tomorrow morning",
            "Time-sensitive, please",
            "I need it by tonight",
            "Immediately, please",
        ],
    },
}

# ordinary requests and thanks: no signal at all
CLEAN: dict[str, list[str]] = {
    "ko": [
        "주소 변경 부탁드려요",
        "감사합니다 잘 받았어요",
        "배송 조회는 어디서 하나요?",
        "쿠폰 적용이 됐는지 궁금해요",
        "색상 교환 가능할까요?",
        "천천히 처리해 주셔도 돼요",
        "지난번 상담원분이 친절하셨어요",
        "해지 방어 혜택이 뭐예요?",
    ],
    "en": [
        "Thanks for the help!",
        "Where can I track my order?",
        "Could you change my address?",
        "Is the blue one back in stock?",
        "No rush, whenever you can",
        "The previous agent was lovely",
        "How do I update my card?",
        "Great, that worked.",
        "I'm cancelling my order because it's late; can you confirm?",
    ],
}

CASES = [
    (locale, kind, text)
    for locale, kinds in PROBES.items()
    for kind, texts in kinds.items()
    for text in texts
]


@pytest.mark.parametrize(("locale", "kind", "text"), CASES)
def test_customer_message_raises_its_signal(locale: str, kind: str, text: str) -> None:
    found = signals(text, locale=locale)
    assert kind in {s.kind.value for s in found}
    for s in found:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("locale", "text"), [(locale, text) for locale, texts in CLEAN.items() for text in texts]
)
def test_ordinary_message_raises_no_signal(locale: str, text: str) -> None:
    assert signals(text, locale=locale) == ()


def test_cancelling_a_subscription_is_churn_in_both_languages() -> None:
    en = {s.kind.value for s in signals("I'm cancelling my subscription.", locale="en")}
    ko = {s.kind.value for s in signals("구독 해지할게요.", locale="ko")}
    assert "churn_risk" in en
    assert "churn_risk" in ko
