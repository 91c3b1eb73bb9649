"""Small interaction sets for the reporting properties: a few customers, channels and events."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from cxcore import Customer, Interaction, TransitionError, events

BASE = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
CUSTOMERS = (
    Customer(id="c-1", tier="vip", locale="ko-KR"),
    Customer(id="c-2", locale="en"),
    Customer(id="c-3", tier="gold", locale="ko"),
    Customer(id="c-4"),
)
TEXTS = (
    "배송이 아직 안 왔어요",
    "이번이 세 번째 문의예요. 정말 화가 나네요",
    "해지하겠습니다",
    "Where is my order?",
    "This is ridiculous, I will cancel my subscription",
    "thanks",
)
REASONS = (None, "slow", "price", "rude")

_surveys = st.one_of(
    st.tuples(st.just("csat"), st.integers(1, 5), st.sampled_from(REASONS)),
    st.tuples(st.just("nps"), st.integers(0, 10), st.sampled_from(REASONS)),
    st.tuples(st.just("ces"), st.integers(1, 7), st.sampled_from(REASONS)),
)
_actions = st.one_of(
    st.tuples(st.just("message"), st.sampled_from(TEXTS)),
    st.tuples(st.just("reply"), st.sampled_from(("a-1", "a-2"))),
    st.tuples(
        st.just("status"), st.sampled_from(("open", "pending", "solved", "solved", "closed"))
    ),
    st.tuples(st.just("transfer"), st.sampled_from(("tech", "billing"))),
    st.tuples(st.just("assign"), st.sampled_from(("tech", "billing"))),
    st.tuples(st.just("tag"), st.sampled_from(("refund", "delivery", "bug", "vip-care"))),
    st.tuples(st.just("priority"), st.sampled_from(("low", "high", "urgent"))),
    st.tuples(st.just("survey"), _surveys),
)


def _event(kind: str, arg: object, at: datetime) -> events.Event:
    if kind == "message":
        return events.CustomerMessage(at=at, text=str(arg))
    if kind == "reply":
        return events.AgentReply(at=at, agent=str(arg), text="확인해 드릴게요")
    if kind == "status":
        return events.StatusChanged(at=at, status=str(arg))
    if kind == "transfer":
        return events.Transferred(at=at, team=str(arg))
    if kind == "assign":
        return events.Assigned(at=at, agent="a-3", team=str(arg))
    if kind == "tag":
        return events.Tagged(at=at, tag=str(arg))
    if kind == "priority":
        return events.PriorityChanged(at=at, priority=str(arg))
    survey, score, reason = arg  # type: ignore[misc]
    return events.SurveyAnswered(at=at, survey=survey, score=score, reason=reason)


@st.composite
def interaction_sets(
    draw: st.DrawFn, max_size: int = 8, customers: tuple[Customer, ...] = CUSTOMERS
) -> list[Interaction]:
    """A list of interactions with unique ids; some are follow-ups of earlier ones."""
    out: list[Interaction] = []
    for i in range(draw(st.integers(0, max_size))):
        opened = BASE + timedelta(minutes=draw(st.integers(0, 60 * 24 * 20)))
        linked = draw(st.sampled_from([None, *(x.id for x in out)]))
        ix = Interaction(
            id=f"T-{i}",
            channel=draw(st.sampled_from(("email", "chat", "phone"))),
            opened_at=opened,
            customer=draw(st.sampled_from(customers)),
            initial_priority=draw(st.sampled_from(("low", "normal", "high"))),
            linked_from=linked,
        )
        at = opened
        for kind, arg in draw(st.lists(_actions, max_size=8)):
            at += timedelta(minutes=draw(st.sampled_from((0, 5, 45, 240, 1500, 12000))))
            try:
                ix = ix.record(_event(kind, arg, at))
            except TransitionError:
                continue
        out.append(ix)
    return out


@st.composite
def splits(draw: st.DrawFn, items: list[Interaction]) -> list[list[Interaction]]:
    """``items`` cut into consecutive parts (some empty), after a shuffle."""
    shuffled = draw(st.permutations(items))
    cuts = sorted(draw(st.lists(st.integers(0, len(shuffled)), max_size=4)))
    bounds = [0, *cuts, len(shuffled)]
    return [list(shuffled[a:b]) for a, b in itertools.pairwise(bounds)]


def sample_interactions(n: int, seed: int) -> list[Interaction]:
    """``n`` interactions from a seeded pseudo-random walk over the same actions (no hypothesis)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    out: list[Interaction] = []
    for i in range(n):
        opened = BASE + timedelta(minutes=rng.randrange(60 * 24 * 20))
        linked = rng.choice(out).id if out and rng.random() < 0.2 else None
        ix = Interaction(
            id=f"R{seed}-{i}",
            channel=rng.choice(("email", "chat", "phone")),
            opened_at=opened,
            customer=rng.choice(CUSTOMERS),
            initial_priority=rng.choice(("low", "normal", "high")),
            linked_from=linked,
        )
        at = opened
        for _ in range(rng.randrange(9)):
            at += timedelta(minutes=rng.choice((0, 5, 45, 240, 1500, 12000)))
            kind = rng.choice(
                ("message", "reply", "status", "transfer", "assign", "tag", "priority", "survey")
            )
            arg: object
            if kind == "survey":
                survey, high = rng.choice((("csat", 5), ("nps", 10), ("ces", 7)))
                arg = (survey, rng.randint(0 if survey == "nps" else 1, high), rng.choice(REASONS))
            else:
                arg = rng.choice(_CHOICES[kind])
            try:
                ix = ix.record(_event(kind, arg, at))
            except TransitionError:
                continue
        out.append(ix)
    return out


_CHOICES: dict[str, tuple[str, ...]] = {
    "message": TEXTS,
    "reply": ("a-1", "a-2"),
    "status": ("open", "pending", "solved", "solved", "closed"),
    "transfer": ("tech", "billing"),
    "assign": ("tech", "billing"),
    "tag": ("refund", "delivery", "bug", "vip-care"),
    "priority": ("low", "high", "urgent"),
}
