"""Teams as data: building, loading, round trips and configuration errors with paths."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from cxcore import ConfigError, ValidationError
from cxcore.routing import Team, Teams
from cxcore.sla import BusinessCalendar
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"

CAL = {"timezone": "Asia/Seoul", "hours": {"mon": [["09:00", "18:00"]]}}


def _doc(**team: Any) -> dict[str, Any]:
    return {"teams": [{"id": "seoul", "calendar": CAL, **team}]}


def test_example_files_in_toml_and_json_load_equal() -> None:
    from_toml = Teams.load(EXAMPLES / "teams.toml")
    from_json = Teams.load(EXAMPLES / "teams.json")
    assert from_toml == from_json
    assert [t.id for t in from_toml] == ["seoul", "berlin", "new-york"]
    assert from_toml["berlin"].locales == ("de", "en-GB")


def test_teams_round_trip_through_dict_and_pickle() -> None:
    teams = Teams.load(EXAMPLES / "teams.toml")
    assert Teams.from_dict(teams.to_dict()) == teams
    assert Teams.from_dict(json.loads(json.dumps(teams.to_dict()))) == teams
    assert pickle.loads(pickle.dumps(teams)) == teams


def test_defaults_serve_every_locale_and_channel() -> None:
    team = Team.from_dict({"id": "global", "calendar": CAL})
    assert team.any_locale
    assert team.any_channel
    assert team.tags == frozenset()
    assert team.capacity is None
    assert team.to_dict()["locales"] == ["*"]


def test_locales_are_normalised_to_tags() -> None:
    team = Team(
        id="x",
        calendar=BusinessCalendar.from_dict(CAL),
        locales=["ko_KR", "en-us", "ko-KR"],
    )
    assert team.locales == ("ko-KR", "en-US")


def test_loading_does_not_change_the_callers_document() -> None:
    doc = _doc(locales=["ko"], tags=["billing"])
    before = json.dumps(doc, sort_keys=True)
    Teams.from_dict(doc)
    assert json.dumps(doc, sort_keys=True) == before


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({}, ""),
        ({"teams": []}, "teams"),
        ({"teams": {"id": "x"}}, "teams"),
        ({"teams": [{"calendar": CAL}]}, "teams[0]"),
        (_doc(name="typo"), "teams[0].name"),
        (_doc(id=""), "teams[0].id"),
        ({"teams": [{"id": "x", "calendar": CAL}, {"id": "x", "calendar": CAL}]}, "teams[1].id"),
        (_doc(locales="ko"), "teams[0].locales"),
        (_doc(locales=[]), "teams[0].locales"),
        (_doc(locales=["ko", "xx-nonsense-locale"]), "teams[0].locales[1]"),
        (_doc(locales=["*", "ko"]), "teams[0].locales"),
        (_doc(channels=["email", 3]), "teams[0].channels[1]"),
        (_doc(tags=["*"]), "teams[0].tags[0]"),
        (_doc(capacity=-1), "teams[0].capacity"),
        (_doc(capacity=True), "teams[0].capacity"),
        (
            {"teams": [{"id": "x", "calendar": {"timezone": "Asia/Seoul", "hourz": {}}}]},
            "teams[0].calendar.hourz",
        ),
        (
            {
                "teams": [
                    {"id": "x", "calendar": CAL},
                    {
                        "id": "y",
                        "calendar": {"timezone": "UTC", "hours": {"mon": [["09:00", "25:00"]]}},
                    },
                ]
            },
            "teams[1].calendar.hours.mon[0]",
        ),
    ],
)
def test_bad_documents_are_config_errors_naming_the_path(document: Any, path: str) -> None:
    with pytest.raises(ConfigError) as info:
        Teams.from_dict(document)
    assert info.value.path.startswith(path)
    if path:
        assert info.value.path == path or info.value.path.startswith(path + "[")


def test_a_bad_file_names_the_file_and_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "teams.toml"
    bad.write_text('[[teams]]\nid = "x"\ncapacity = "lots"\n[teams.calendar]\ntimezone = "UTC"\n')
    with pytest.raises(ConfigError) as info:
        Teams.load(bad)
    assert info.value.source == str(bad)
    assert info.value.path == "teams[0].capacity"


def test_bad_python_arguments_are_validation_errors() -> None:
    cal = BusinessCalendar.from_dict(CAL)
    with pytest.raises(ValidationError, match="calendar"):
        Team(id="x", calendar=CAL)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="capacity"):
        Team(id="x", calendar=cal, capacity=-2)
    with pytest.raises(ValidationError, match="channels"):
        Team(id="x", calendar=cal, channels=[])
    with pytest.raises(ValidationError, match="used twice"):
        Teams(teams=[Team(id="x", calendar=cal), Team(id="x", calendar=cal)])
    with pytest.raises(ValidationError, match="no team with id"):
        Teams(teams=[Team(id="x", calendar=cal)])["y"]
