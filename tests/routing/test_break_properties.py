"""Laws of suggest_break(), checked against the planted-difficulty oracle."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, strategies as st

from cxcore import Customer, Interaction, events
from cxcore.routing import BreakPolicy, suggest_break
from tests.oracles.routing import PlantedContact, PlantedPolicy, expected_break

T0 = datetime(2026, 3, 3, 9, 0, tzinfo=ZoneInfo("Asia/Seoul"))
FRUSTRATED = "벌써 세 번째 문의예요. 답답해요."
CALM = "주문한 물건 배송 상황을 알고 싶어요."


def _m(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def build(c: PlantedContact) -> Interaction:
    """The interaction a planted contact describes."""
    ix = Interaction.open(
        id=c.id, channel="chat", at=_m(c.start), customer=Customer(id=c.id, locale="ko-KR")
    )
    history: list[events.Event] = [
        events.CustomerMessage(at=_m(c.start), text=FRUSTRATED if c.frustrated else CALM),
        events.AgentReply(at=_m(c.start + 1), agent=c.agent, text="확인해 드리겠습니다."),
    ]
    final = c.start + 1 + c.handling
    if c.handling:
        history.append(events.AgentReply(at=_m(final), agent=c.agent, text="처리했습니다."))
    if c.escalated:
        history.append(
            events.Escalated(
                at=_m(final), key=f"p/r/{c.id}", policy="p", rule_id="r", step=0, level=1
            )
        )
    if c.score is not None:
        history.append(events.StatusChanged(at=_m(final + 1), status="solved"))
        history.append(events.SurveyAnswered(at=_m(final + 1), survey="csat", score=c.score))
    return ix.record_all(history)


contacts = st.lists(
    st.builds(
        PlantedContact,
        id=st.just(""),
        agent=st.sampled_from(("a-1", "a-2")),
        start=st.integers(0, 180),
        handling=st.integers(0, 60),
        frustrated=st.booleans(),
        escalated=st.booleans(),
        score=st.none() | st.integers(1, 5),
    ),
    max_size=8,
).map(
    lambda cs: [
        PlantedContact(**{**c.__dict__, "id": f"T-{i}"})  # unique ids
        for i, c in enumerate(cs)
    ]
)

policies = st.builds(
    PlantedPolicy,
    difficult_contacts=st.integers(1, 4),
    within=st.integers(1, 120),
    cooldown=st.integers(0, 120),
    frustration=st.booleans(),
    escalated=st.booleans(),
    survey_at_most=st.none() | st.integers(1, 3),
    handling_over=st.none() | st.integers(5, 50),
).filter(lambda p: p.frustration or p.escalated or p.survey_at_most is not None or p.handling_over)


def _policy(p: PlantedPolicy) -> BreakPolicy:
    return BreakPolicy(
        difficult_contacts=p.difficult_contacts,
        within=timedelta(minutes=p.within),
        cooldown=timedelta(minutes=p.cooldown),
        frustration=p.frustration,
        escalated=p.escalated,
        survey_at_most=p.survey_at_most,
        handling_over=None if p.handling_over is None else timedelta(minutes=p.handling_over),
    )


@given(
    contacts,
    policies,
    st.integers(0, 260),
    st.none() | st.integers(0, 260),
    st.randoms(use_true_random=False),
)
def test_suggestions_equal_the_oracle_in_any_input_order(
    planted: list[PlantedContact],
    policy: PlantedPolicy,
    at: int,
    last_suggested: int | None,
    rng: object,
) -> None:
    interactions = [build(c) for c in planted]
    rng.shuffle(interactions)  # type: ignore[attr-defined]
    suggestion = suggest_break(
        "a-1",
        interactions,
        at=_m(at),
        policy=_policy(policy),
        last_suggested_at=None if last_suggested is None else _m(last_suggested),
    )
    expected = expected_break(
        planted, agent="a-1", at=at, policy=policy, last_suggested=last_suggested
    )
    if expected is None:
        assert suggestion is None
    else:
        assert suggestion is not None
        assert [c.interaction for c in suggestion.contacts] == expected
        assert all(c.reasons for c in suggestion.contacts)
        assert suggestion.window_start < min(c.at for c in suggestion.contacts)
