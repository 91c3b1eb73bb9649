"""Core values and helpers: priorities, customers, durations, registries, loaders, locales."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from cxcore import (
    Channel,
    ConfigError,
    Customer,
    CxcoreError,
    Interaction,
    Priority,
    Registry,
    Status,
    ValidationError,
    events,
)
from cxcore._i18n import message_locale, parse_locale, translate
from cxcore._loader import check_keys, load_document
from cxcore._time import (
    duration_from_config,
    format_duration,
    parse_duration,
    require_aware,
    resolve_zone,
)

T0 = datetime(2026, 3, 3, 10, tzinfo=ZoneInfo("Asia/Seoul"))


def test_priorities_compare_by_rank_never_alphabetically() -> None:
    assert Priority.LOW < Priority.NORMAL < Priority.HIGH < Priority.URGENT
    assert sorted(["urgent", "low", "high", "normal"], key=Priority) == [
        "low",
        "normal",
        "high",
        "urgent",
    ]
    # Alphabetically "high" < "low"; by rank it is the other way round, also against plain str.
    assert Priority.HIGH > "low"
    assert Priority.LOW < "high"
    assert Priority.URGENT.rank == 3
    assert max(Priority) is Priority.URGENT
    assert Priority.HIGH >= Priority.HIGH
    assert Priority.NORMAL <= "normal"
    with pytest.raises(ValidationError, match="compares with low, normal, high or urgent"):
        _ = Priority.LOW < "lowest"
    with pytest.raises(TypeError):
        _ = Priority.LOW < 3


def test_enums_accept_their_values_and_reject_others_by_name() -> None:
    assert events.StatusChanged(at=T0, status="on_hold").status is Status.ON_HOLD
    with pytest.raises(ValidationError, match=r"StatusChanged.status|status must be"):
        events.StatusChanged(at=T0, status="done")
    with pytest.raises(ValidationError, match="priority must be a Priority"):
        events.PriorityChanged(at=T0, priority="HIGHEST")


def test_customer_locale_is_normalised_and_validated() -> None:
    assert Customer(id="c", locale="ko_KR").locale == "ko-KR"
    assert Customer(id="c").locale is None
    with pytest.raises(ValidationError, match=r"Customer.locale"):
        Customer(id="c", locale="zz-QQ-bogus!")
    with pytest.raises(ValidationError, match=r"Customer.id"):
        Customer(id="")


def test_channels_are_open_strings_with_known_constants() -> None:
    assert Channel.EMAIL == "email"
    assert "in_person" in Channel.KNOWN
    ix = Interaction.open(id="T", channel="kakao_talk", at=T0, customer=Customer(id="c"))
    assert ix.channels == ("kakao_talk",)


def test_naive_datetimes_are_refused_naming_the_argument() -> None:
    naive = datetime(2026, 3, 3, 10)
    with pytest.raises(ValidationError, match=r"CustomerMessage.at must be timezone-aware"):
        events.CustomerMessage(at=naive, text="x")
    with pytest.raises(ValidationError, match=r"^at must be timezone-aware"):
        Interaction.open(id="T", channel="chat", at=naive, customer=Customer(id="c"))
    with pytest.raises(ValidationError, match="at must be a timezone-aware datetime"):
        require_aware("2026-03-03", "at")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90m", 5400),
        ("1h30m", 5400),
        ("2d", 172800),
        ("PT1H30M", 5400),
        ("P1DT2H", 93600),
        ("3600", 3600),
        ("1.5h", 5400),
        ("1w", 604800),
    ],
)
def test_durations_parse_every_documented_form(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "h", "1h1h", "PT", "P", "1x", "-5m", "1h 30", "m30"])
def test_malformed_durations_are_refused(text: str) -> None:
    assert parse_duration(text) is None
    with pytest.raises(ConfigError, match="is not a duration") as info:
        duration_from_config(text, "targets[0].within")
    assert info.value.path == "targets[0].within"


def test_zero_and_negative_durations_need_permission() -> None:
    assert duration_from_config("0m", "after", allow_zero=True) == timedelta(0)
    with pytest.raises(ConfigError, match="positive"):
        duration_from_config(0, "within")
    with pytest.raises(ConfigError, match="not a duration"):
        duration_from_config(True, "within")
    with pytest.raises(ConfigError, match="not a duration"):
        duration_from_config(float("nan"), "within")


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
def test_format_duration_reads_back(value: timedelta) -> None:
    assert parse_duration(format_duration(value)) == value


def test_unknown_zone_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="unknown time zone 'Mars/Olympus'"):
        resolve_zone("Mars/Olympus", "timezone")
    assert resolve_zone("Asia/Seoul", "timezone") == ZoneInfo("Asia/Seoul")


def test_registry_refuses_silent_replacement_and_lists_known_names() -> None:
    reg: Registry[int] = Registry("cxcore.example")
    reg.register("one", 1)
    reg.register("one", 1)  # the same object again is idempotent
    with pytest.raises(ValidationError, match="already registered"):
        reg.register("one", 2)
    reg.register("one", 2, replace=True)
    assert reg.get("one") == 2
    with pytest.raises(ValidationError, match="known: one"):
        reg.get("two")
    assert list(reg) == ["one"]
    assert "one" in reg
    assert len(reg) == 1
    reg.unregister("one")
    with pytest.raises(ValidationError):
        reg.unregister("one")


def test_loader_reads_toml_and_json_and_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('name = "x"\n', encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"name": "x"}), encoding="utf-8")
    assert load_document(tmp_path / "a.toml")[0] == load_document(tmp_path / "a.json")[0]
    (tmp_path / "bad.toml").write_text("name = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML") as info:
        load_document(tmp_path / "bad.toml")
    assert info.value.source == str(tmp_path / "bad.toml")
    with pytest.raises(ConfigError, match="unsupported file type"):
        load_document(tmp_path / "a.yaml")
    with pytest.raises(ConfigError, match="cannot read"):
        load_document(tmp_path / "missing.json")
    (tmp_path / "list.json").write_text("[1]", encoding="utf-8")
    with pytest.raises(ConfigError, match="top level"):
        load_document(tmp_path / "list.json")


def test_check_keys_names_the_unknown_key_and_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'wihtin'.*within") as info:
        check_keys({"wihtin": 1}, "targets[2]", optional=("within",))
    assert info.value.path == "targets[2].wihtin"
    with pytest.raises(ConfigError, match="needs the key 'metric'"):
        check_keys({}, "targets[0]", required=("metric",))


def test_config_errors_pickle_with_their_path() -> None:
    err = ConfigError("bad", path="a.b", source="f.toml")
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.source, str(back)) == ("a.b", "f.toml", "f.toml: a.b: bad")
    assert isinstance(back, CxcoreError)
    assert isinstance(back, ValueError)


def test_locales_negotiate_down_to_a_shipped_catalog() -> None:
    assert message_locale("ko-KR") == "ko"
    assert message_locale("en_US") == "en"
    assert message_locale("fr") == "en"
    assert parse_locale("ko-KR").territory == "KR"
    with pytest.raises(ValidationError, match="locale"):
        parse_locale(None)
    # A message with no translation falls back to the msgid, formatted.
    assert translate("cxcore", "fr", "no such message {n}", n=3) == "no such message 3"
