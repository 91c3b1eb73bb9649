"""Plausible agent replies and customer messages in Korean and English.

Replies are assembled from a greeting, one to three sentences and a closing.
The sentences mix phrasing that good service recommends (say what *can* be
done, empathy, a time for the next update) with phrasing a checker should flag
(refusals, blame, commands, jargon, pity), and Korean refusals come in the
spacing and politeness variants agents actually type. Quoted customer text
(``>`` lines) appears now and then. The lists are samples of the field, not
the checker's rule packs: a generated reply may contain any mix.
"""

from __future__ import annotations

from hypothesis import strategies as st

from cxcore._errors import ValidationError

__all__ = ["customer_messages", "service_replies"]

_KO_GREETINGS = ("안녕하세요, 고객님.", "안녕하세요.", "문의 주셔서 감사합니다.", "")
_KO_CLEAN = (
    "확인 후 오늘 오후 3시까지 다시 안내해 드리겠습니다.",
    "불편을 드려 죄송합니다. 바로 확인해 보겠습니다.",
    "교환이나 환불 중 편하신 방법으로 도와드릴 수 있습니다.",
    "말씀해 주신 내용을 담당 부서에 전달하고, 처리 결과를 제가 다시 알려 드리겠습니다.",
    "주문 번호를 알려 주시면 배송 상황을 바로 확인해 드리겠습니다.",
    "이렇게 해 보시면 더 빠르게 해결하실 수 있습니다.",
    "함께 해결해 보겠습니다.",
    "기다려 주셔서 감사합니다.",
)
_KO_FLAGGED = (
    "그건 할 수 없습니다.",
    "그건 할수없어요.",
    "규정상 불가능합니다.",
    "안타깝게도 환불은 어렵습니다.",
    "저희 담당이 아닙니다.",
    "고객님께서 주소를 잘못 입력하셨습니다.",
    "모르겠습니다.",
    "기다리세요.",
    "그건 안 됩니다.",
    "시스템상 API 타임아웃으로 인한 트랜잭션 롤백입니다.",
    "정말 안됐네요.",
)
_KO_CLOSINGS = ("감사합니다.", "좋은 하루 보내세요.", "더 궁금하신 점은 언제든 말씀해 주세요.", "")
_KO_CUSTOMER = (
    "환불은 언제 되나요?",
    "배송이 너무 늦어요.",
    "상담원 연결해 주세요.",
    "정말 화가 나네요. 벌써 세 번째 문의입니다.",
    "해지하고 다른 곳으로 옮길게요.",
    "급해요, 오늘 안에 처리해 주세요.",
    "로그인이 안 돼요.",
    "감사합니다, 해결됐어요.",
)

_EN_GREETINGS = ("Hi there,", "Hello,", "Thanks for reaching out.", "")
_EN_CLEAN = (
    "I'll check with the warehouse and update you by 3 pm today.",
    "I'm sorry for the trouble; let's fix this together.",
    "Here's what I can do: a replacement or a full refund, whichever you prefer.",
    "I've passed this to our billing team and I'll follow up to make sure it's solved.",
    "Could you send me the order number? I'll look it up right away.",
    "Thank you for your patience.",
)
_EN_FLAGGED = (
    "I can't do that.",
    "Unfortunately, there's nothing I can do.",
    "That's not my department.",
    "You should have read the instructions.",
    "It's our policy.",
    "You must restart the router.",
    "Calm down.",
    "The API returned a 504 from the upstream gateway.",
    "That's too bad.",
    "I don't know.",
)
_EN_CLOSINGS = ("Best regards.", "Have a great day!", "Let me know if anything else comes up.", "")
_EN_CUSTOMER = (
    "When will I get my refund?",
    "My parcel is a week late.",
    "I want to talk to a human.",
    "This is ridiculous, third time I'm writing.",
    "I'm cancelling my subscription.",
    "Urgent: please fix this today.",
    "I can't log in.",
    "Thanks, that worked!",
)

_BY_LOCALE = {
    "ko": (_KO_GREETINGS, _KO_CLEAN, _KO_FLAGGED, _KO_CLOSINGS, _KO_CUSTOMER),
    "en": (_EN_GREETINGS, _EN_CLEAN, _EN_FLAGGED, _EN_CLOSINGS, _EN_CUSTOMER),
}


def _parts(locale: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(locale, str) or locale not in _BY_LOCALE:
        raise ValidationError(f"locale must be 'ko' or 'en' (got {locale!r})")
    return _BY_LOCALE[locale]


def service_replies(locale: str = "ko") -> st.SearchStrategy[str]:
    """Agent replies in ``locale`` (``"ko"`` or ``"en"``) mixing clean and flagged phrasing.

    >>> from hypothesis import find
    >>> from cxcore.testing import service_replies
    >>> reply = find(service_replies("en"), lambda r: "can't do that" in r)
    >>> "can't do that" in reply
    True
    """
    greetings, clean, flagged, closings, customer = _parts(locale)
    sentence = st.sampled_from(clean) | st.sampled_from(flagged)
    quote = st.sampled_from(customer).map(lambda text: f"> {text}\n")

    @st.composite
    def reply(draw: st.DrawFn) -> str:
        pieces = [draw(st.sampled_from(greetings))]
        pieces += draw(st.lists(sentence, min_size=1, max_size=3))
        pieces.append(draw(st.sampled_from(closings)))
        body = " ".join(p for p in pieces if p)
        return draw(st.just("") | quote) + body

    return reply()


def customer_messages(locale: str = "ko") -> st.SearchStrategy[str]:
    """Customer messages in ``locale``: questions, complaints, asks for a human, thanks."""
    *_, customer = _parts(locale)
    return st.lists(st.sampled_from(customer), min_size=1, max_size=2).map(" ".join)
