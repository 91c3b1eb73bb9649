"""Break suggestions after difficult contacts, and agent workload."""

from __future__ import annotations

import pickle
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cxcore import ConfigError, Customer, Interaction, Status, ValidationError, events
from cxcore.routing import (
    BreakPolicy,
    BreakSuggestion,
    Difficulty,
    suggest_break,
    workload,
)

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2026, 3, 3, 10, 0, tzinfo=SEOUL)  # Tuesday morning in Seoul


def _m(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def contact(
    ix_id: str,
    start: float,
    *,
    agent: str = "a-1",
    minutes: float = 5,
    text: str = "주문한 물건 배송 상황을 알고 싶어요.",
    locale: str | None = "ko-KR",
    extra: tuple[events.Event, ...] = (),
) -> Interaction:
    """An interaction the agent answered from ``start`` + 1 min to ``start`` + ``minutes``."""
    ix = Interaction.open(
        id=ix_id, channel="chat", at=_m(start), customer=Customer(id=f"c-{ix_id}", locale=locale)
    )
    return ix.record_all(
        [
            events.CustomerMessage(at=_m(start), text=text),
            events.AgentReply(at=_m(start + 1), agent=agent, text="확인해 드리겠습니다."),
            events.AgentReply(at=_m(start + minutes), agent=agent, text="처리되었습니다."),
            *extra,
        ]
    )


def _escalated(minute: float) -> events.Escalated:
    return events.Escalated(
        at=_m(minute),
        key=f"p/late/{minute}",
        policy="p",
        rule_id="first-reply-late",
        step=0,
        level=1,
    )


def _survey(minute: float, score: int, survey: str = "csat") -> events.SurveyAnswered:
    return events.SurveyAnswered(at=_m(minute), survey=survey, score=score)


def _hard_morning() -> list[Interaction]:
    """Four contacts of a-1 ending 10:15, 10:25, 10:35 and 11:10; three are difficult."""
    solved = events.StatusChanged(at=_m(26), status="solved")
    return [
        contact("T-1", 9, minutes=6, text="벌써 세 번째 문의예요. 답답해요."),  # frustration
        contact("T-2", 20, extra=(solved, _survey(27, 1))),  # csat 1
        contact("T-3", 30),  # an easy one
        contact("T-4", 35, minutes=35),  # handled 10:36-11:10: long
    ]


POLICY = BreakPolicy()  # 3 difficult contacts within 1 h -> 15 min; csat <= 2; 30 min handling


def test_three_difficult_contacts_within_the_window_suggest_a_break() -> None:
    at = _m(70)
    suggestion = suggest_break("a-1", _hard_morning(), at=at, policy=POLICY)
    assert isinstance(suggestion, BreakSuggestion)
    assert suggestion.agent == "a-1"
    assert suggestion.at == at
    assert suggestion.duration == timedelta(minutes=15)
    assert suggestion.until == at + timedelta(minutes=15)
    assert suggestion.window_start == at - timedelta(hours=1)
    assert [c.interaction for c in suggestion.contacts] == ["T-1", "T-2", "T-4"]
    t1, t2, t4 = suggestion.contacts
    assert t1.reasons == (Difficulty.FRUSTRATION,)
    assert t1.frustration  # the signal's text is kept as evidence
    assert all(text in "벌써 세 번째 문의예요. 답답해요." for text in t1.frustration)
    assert t1.at == _m(15)  # the agent's last reply in it
    assert t2.reasons == (Difficulty.LOW_SCORE,)
    assert t2.survey_score == 1
    assert t4.reasons == (Difficulty.LONG_HANDLING,)
    assert t4.handling_time == timedelta(minutes=34)


def test_fewer_difficult_contacts_than_the_threshold_suggest_nothing() -> None:
    morning = _hard_morning()
    assert suggest_break("a-1", morning[:3], at=_m(70), policy=POLICY) is None
    stricter = BreakPolicy(difficult_contacts=4)
    assert suggest_break("a-1", morning, at=_m(70), policy=stricter) is None


def test_the_window_is_half_open_contacts_exactly_window_old_do_not_count() -> None:
    morning = _hard_morning()  # T-1 happened at 10:15
    at_edge = _m(15) + timedelta(hours=1)
    assert suggest_break("a-1", morning, at=at_edge - timedelta(microseconds=1), policy=POLICY)
    assert suggest_break("a-1", morning, at=at_edge, policy=POLICY) is None


def test_a_contact_happens_at_the_agents_last_reply_up_to_at() -> None:
    morning = _hard_morning()  # T-4's last reply is at 11:10
    assert suggest_break("a-1", morning, at=_m(69), policy=POLICY) is None
    assert suggest_break("a-1", morning, at=_m(70), policy=POLICY) is not None


def test_only_the_agents_own_public_replies_make_a_contact() -> None:
    others = [
        contact("T-1", 0, agent="a-2", text="답답해요."),
        contact("T-2", 10, agent="a-2", extra=(_escalated(16),)),
        contact("T-3", 20, agent="a-2", minutes=35),
    ]
    noted = Interaction.open(
        id="T-9", channel="chat", at=_m(0), customer=Customer(id="c", locale="ko")
    ).record_all(
        [
            events.CustomerMessage(at=_m(0), text="답답해요."),
            events.InternalNote(at=_m(1), agent="a-1", text="봤음"),
        ]
    )
    assert suggest_break("a-1", [*others, noted], at=_m(60), policy=POLICY) is None
    assert suggest_break("a-2", [*others, noted], at=_m(60), policy=POLICY) is not None


def test_frustration_counts_only_in_messages_the_agent_answered() -> None:
    calm = contact("T-1", 0)
    later = calm.record(events.CustomerMessage(at=_m(30), text="답답해요. 정말 답답해요."))
    policy = BreakPolicy(difficult_contacts=1, handling_over=None)
    assert suggest_break("a-1", [later], at=_m(40), policy=policy) is None
    answered = later.record(events.AgentReply(at=_m(35), agent="a-1", text="다시 확인했습니다."))
    suggestion = suggest_break("a-1", [answered], at=_m(40), policy=policy)
    assert suggestion is not None
    assert suggestion.contacts[0].reasons == (Difficulty.FRUSTRATION,)


def test_frustration_is_found_in_english_and_not_in_a_language_without_rules() -> None:
    policy = BreakPolicy(difficult_contacts=1)
    english = contact("T-1", 0, locale="en-US", text="This is ridiculous, I am so frustrated!")
    suggestion = suggest_break("a-1", [english], at=_m(10), policy=policy)
    assert suggestion is not None
    assert "frustrated" in suggestion.contacts[0].frustration
    unknown = contact("T-2", 0, locale="fr", text="This is ridiculous, I am so frustrated!")
    assert suggest_break("a-1", [unknown], at=_m(10), policy=policy) is None
    no_locale = contact("T-3", 0, locale=None, text="This is ridiculous!")
    assert suggest_break("a-1", [no_locale], at=_m(10), policy=policy) is None


def test_an_escalated_interaction_is_difficult() -> None:
    policy = BreakPolicy(difficult_contacts=1)
    ix = contact("T-1", 0, extra=(_escalated(6), _escalated(7)))
    suggestion = suggest_break("a-1", [ix], at=_m(10), policy=policy)
    assert suggestion is not None
    assert suggestion.contacts[0].reasons == (Difficulty.ESCALATED,)
    assert suggestion.contacts[0].escalations == ("first-reply-late",)


def test_the_latest_survey_answer_counts() -> None:
    policy = BreakPolicy(difficult_contacts=1)
    solved = (events.StatusChanged(at=_m(6), status="solved"),)
    low_then_high = contact("T-1", 0, extra=(*solved, _survey(7, 1), _survey(8, 5)))
    assert suggest_break("a-1", [low_then_high], at=_m(10), policy=policy) is None
    other_survey = contact("T-2", 0, extra=(*solved, _survey(7, 1, survey="ces")))
    assert suggest_break("a-1", [other_survey], at=_m(10), policy=policy) is None
    ces = BreakPolicy(difficult_contacts=1, survey="ces", survey_at_most=2)
    assert suggest_break("a-1", [other_survey], at=_m(10), policy=ces) is not None


def test_switched_off_criteria_do_not_count() -> None:
    morning = _hard_morning()
    only_frustration = BreakPolicy(
        difficult_contacts=1, escalated=False, survey_at_most=None, handling_over=None
    )
    suggestion = suggest_break("a-1", morning, at=_m(70), policy=only_frustration)
    assert suggestion is not None
    assert [c.interaction for c in suggestion.contacts] == ["T-1"]


def test_cooldown_and_already_answered_contacts() -> None:
    morning = _hard_morning()
    first = suggest_break("a-1", morning, at=_m(70), policy=POLICY)
    assert first is not None
    # Within the cool-down nothing is suggested, however hard the contacts.
    more = [*morning, *(contact(f"U-{i}", 71 + i, minutes=40) for i in range(3))]
    assert suggest_break("a-1", more, at=_m(150), last_suggested_at=first.at, policy=POLICY) is None
    # After it, only contacts after the last suggestion count: U-0..U-2 ended at 11:51-11:53.
    later = first.at + POLICY.cooldown
    again = suggest_break("a-1", more, at=later, last_suggested_at=first.at, policy=POLICY)
    assert again is None  # 11:51-11:53 are more than an hour before 13:10
    closer = BreakPolicy(within=timedelta(hours=3))
    again = suggest_break("a-1", more, at=later, last_suggested_at=first.at, policy=closer)
    assert again is not None
    assert [c.interaction for c in again.contacts] == ["U-0", "U-1", "U-2"]
    assert again.window_start == first.at


def test_suggestions_are_deterministic_whatever_the_input_order() -> None:
    morning = _hard_morning()
    expected = suggest_break("a-1", morning, at=_m(70), policy=POLICY)
    rng = random.Random(7)  # noqa: S311 - a fixed shuffle, not a secret
    for _ in range(5):
        shuffled = morning[:]
        rng.shuffle(shuffled)
        assert suggest_break("a-1", shuffled, at=_m(70), policy=POLICY) == expected
    assert pickle.loads(pickle.dumps(expected)) == expected


def test_suggestions_explain_themselves_in_english_and_korean() -> None:
    suggestion = suggest_break("a-1", _hard_morning(), at=_m(70), policy=POLICY)
    assert suggestion is not None
    english = suggestion.describe("en")
    korean = suggestion.describe("ko")
    lines = english.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("Suggest a break of 15 minutes for a-1: 3 difficult contacts since")
    assert "T-2" in lines[2]
    assert "low survey score 1" in lines[2]
    assert korean.splitlines()[0] != lines[0]
    assert "15분" in korean
    assert "휴식 제안" in korean
    assert "낮은 설문 점수 1점" in korean


def test_interactions_opened_after_at_are_ignored() -> None:
    morning = _hard_morning()
    assert suggest_break("a-1", morning, at=_m(-1), policy=POLICY) is None


def test_bad_arguments_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="agent"):
        suggest_break("", [], at=_m(0), policy=POLICY)
    with pytest.raises(ValidationError, match="policy"):
        suggest_break("a-1", [], at=_m(0), policy={"difficult_contacts": 3})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="interactions"):
        suggest_break("a-1", contact("T-1", 0), at=_m(0), policy=POLICY)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="last_suggested_at"):
        suggest_break(
            "a-1",
            [],
            at=_m(0),
            policy=POLICY,
            last_suggested_at=datetime(2026, 3, 3, 9, 0),
        )
    with pytest.raises(ValidationError, match="every criterion"):
        BreakPolicy(frustration=False, escalated=False, survey_at_most=None, handling_over=None)
    with pytest.raises(ValidationError, match="difficult_contacts"):
        BreakPolicy(difficult_contacts=0)
    with pytest.raises(ValidationError, match="within"):
        BreakPolicy(within=timedelta(0))


# Policy documents ------------------------------------------------------------------------


def test_policy_round_trips_through_dict_and_pickle() -> None:
    policy = BreakPolicy.from_dict(
        {
            "difficult_contacts": 2,
            "within": "90m",
            "break": "10m",
            "cooldown": "0s",
            "difficult": {"survey": {"name": "ces", "at_most": 3}, "handling_over": False},
        }
    )
    assert policy.difficult_contacts == 2
    assert policy.within == timedelta(minutes=90)
    assert policy.break_duration == timedelta(minutes=10)
    assert policy.cooldown == timedelta(0)
    assert policy.survey == "ces"
    assert policy.survey_at_most == 3
    assert policy.handling_over is None
    assert policy.frustration
    assert BreakPolicy.from_dict(policy.to_dict()) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert BreakPolicy.from_dict({}) == BreakPolicy()


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"threshold": 3}, "threshold"),
        ({"difficult_contacts": 0}, "difficult_contacts"),
        ({"difficult_contacts": "3"}, "difficult_contacts"),
        ({"within": "soon"}, "within"),
        ({"break": "0m"}, "break"),
        ({"cooldown": -5}, "cooldown"),
        ({"difficult": []}, "difficult"),
        ({"difficult": {"frustrated": True}}, "difficult.frustrated"),
        ({"difficult": {"frustration": "yes"}}, "difficult.frustration"),
        ({"difficult": {"survey": {"name": "csat"}}}, "difficult.survey"),
        ({"difficult": {"survey": {"at_most": 2.5}}}, "difficult.survey.at_most"),
        ({"difficult": {"survey": {"at_most": 2, "name": ""}}}, "difficult.survey.name"),
        ({"difficult": {"handling_over": "long"}}, "difficult.handling_over"),
        (
            {
                "difficult": {
                    "frustration": False,
                    "escalated": False,
                    "survey": False,
                    "handling_over": False,
                }
            },
            "difficult",
        ),
    ],
)
def test_bad_policy_documents_name_the_path(document: object, path: str) -> None:
    with pytest.raises(ConfigError) as info:
        BreakPolicy.from_dict(document)
    assert info.value.path == path


def test_policy_loads_from_toml_and_names_the_file(tmp_path: Path) -> None:
    good = tmp_path / "breaks.toml"
    good.write_text('difficult_contacts = 2\nwithin = "45m"\n[difficult]\nescalated = false\n')
    policy = BreakPolicy.load(good)
    assert policy.difficult_contacts == 2
    assert not policy.escalated
    bad = tmp_path / "bad.json"
    bad.write_text('{"difficult": {"survey": {"at_most": "low"}}}')
    with pytest.raises(ConfigError) as info:
        BreakPolicy.load(bad)
    assert info.value.source == str(bad)
    assert info.value.path == "difficult.survey.at_most"


# Workload --------------------------------------------------------------------------------


def test_workload_counts_open_assignments_recent_replies_and_todays_difficult_contacts() -> None:
    morning = _hard_morning()
    assigned = contact("T-5", 50, extra=(events.Assigned(at=_m(56), agent="a-1"),))
    solved = contact(
        "T-6",
        52,
        extra=(
            events.Assigned(at=_m(58), agent="a-1"),
            events.StatusChanged(at=_m(59), status=Status.SOLVED),
        ),
    )
    at = _m(70)  # 11:10 in Seoul
    loads = workload(
        ["a-1", "a-2"],
        [*morning, assigned, solved],
        at=at,
        timezone="Asia/Seoul",
        last_suggested={"a-1": _m(10)},
    )
    assert list(loads) == ["a-1", "a-2"]
    a1 = loads["a-1"]
    assert a1.open_interactions == ("T-5",)
    # Replies after 10:10 and at or before 11:10: every one but T-1's first, at 10:10 itself.
    assert a1.replies_last_hour == 11
    assert [c.interaction for c in a1.difficult_today] == ["T-1", "T-2", "T-4"]
    assert a1.last_suggested_at == _m(10)
    assert a1.since_last_suggestion == timedelta(hours=1)
    a2 = loads["a-2"]
    assert a2.open_interactions == ()
    assert a2.replies_last_hour == 0
    assert a2.difficult_today == ()
    assert a2.since_last_suggestion is None
    assert pickle.loads(pickle.dumps(loads)) == loads


def test_today_starts_at_midnight_in_the_given_time_zone() -> None:
    # T-1 happened 10:15 Seoul = 01:15 UTC on 3 March.
    late = datetime(2026, 3, 3, 23, 30, tzinfo=SEOUL)  # 14:30 UTC
    morning = _hard_morning()
    in_seoul = workload(["a-1"], morning, at=late, timezone="Asia/Seoul")["a-1"]
    assert len(in_seoul.difficult_today) == 3
    next_day = datetime(2026, 3, 4, 0, 30, tzinfo=SEOUL)  # 15:30 UTC on 3 March
    assert (
        workload(["a-1"], morning, at=next_day, timezone="Asia/Seoul")["a-1"].difficult_today == ()
    )
    in_utc = workload(["a-1"], morning, at=next_day, timezone=UTC)["a-1"]
    assert len(in_utc.difficult_today) == 3  # still 3 March in UTC


def test_workload_rejects_bad_arguments() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        workload(["a-1"], [], at=_m(0), timezone="Mars/Olympus")
    with pytest.raises(ValidationError, match="agents"):
        workload("a-1", [], at=_m(0), timezone="UTC")
    with pytest.raises(ValidationError, match="last_suggested"):
        workload(["a-1"], [], at=_m(0), timezone="UTC", last_suggested={"a-1": "10:00"})  # type: ignore[dict-item]
