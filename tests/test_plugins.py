"""Loading plugins through entry points: discovery, failure isolation, strictness, idempotence."""

from __future__ import annotations

import pickle
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import cxcore
from cxcore import (
    ConfigError,
    Customer,
    Interaction,
    PluginError,
    Registry,
    ValidationError,
    escalation,
    language,
    plugins,
    sla,
)
from tests.conftest import ROOT
from tests.plugins import good
from tests.plugins.dist import make_dist

GROUP = "tests.cxcore.shouts"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory on sys.path where test distributions are 'installed'."""
    directory = tmp_path / "site"
    directory.mkdir()
    monkeypatch.syspath_prepend(str(directory))
    return directory


@pytest.fixture
def registry() -> Registry[object]:
    return Registry[object](GROUP)


def test_an_entry_point_is_registered_under_its_name(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(site, "shout-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    result = plugins.load([registry])
    assert registry.get("shout") is good.shout
    assert result.ok
    assert [(p.group, p.name, p.distribution) for p in result.loaded] == [
        (GROUP, "shout", "shout-plugin")
    ]
    assert result.loaded[0].value is good.shout


def test_a_single_registry_or_group_name_is_accepted_as_groups(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(site, "shout-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    assert plugins.load(registry).loaded[0].name == "shout"


def test_entry_points_of_other_groups_are_not_touched(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(
        site,
        "mixed-plugin",
        {
            GROUP: {"shout": "tests.plugins.good:shout"},
            "elsewhere": {"x": "tests.plugins.broken:x"},
        },
    )
    result = plugins.load([registry])
    assert result.ok
    assert "tests.plugins.broken" not in sys.modules
    assert registry.names() == ("shout",)


def test_a_broken_entry_point_fails_alone_and_names_its_distribution(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(site, "good-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    make_dist(site, "broken-plugin", {GROUP: {"boom": "tests.plugins.broken:anything"}})
    result = plugins.load([registry])
    assert registry.names() == ("shout",)
    assert [p.name for p in result.loaded] == ["shout"]
    assert not result.ok
    (error,) = result.failed
    assert isinstance(error, PluginError)
    message = str(error)
    assert "broken-plugin" in message
    assert "'boom'" in message
    assert "tests.plugins.broken:anything" in message
    assert "broken on purpose" in message
    assert isinstance(error.__cause__, RuntimeError)


def test_a_missing_attribute_is_a_plugin_error(site: Path, registry: Registry[object]) -> None:
    make_dist(site, "typo-plugin", {GROUP: {"shout": "tests.plugins.good:shuot"}})
    (error,) = plugins.load([registry]).failed
    assert "typo-plugin" in str(error)
    assert "shuot" in str(error)
    assert "shout" not in registry


def test_strict_mode_raises_the_first_failure(site: Path, registry: Registry[object]) -> None:
    make_dist(site, "broken-plugin", {GROUP: {"boom": "tests.plugins.broken:anything"}})
    with pytest.raises(PluginError, match="broken-plugin") as info:
        plugins.load([registry], strict=True)
    assert isinstance(info.value, cxcore.CxcoreError)


def test_strict_mode_loads_everything_when_nothing_fails(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(site, "good-plugin", {GROUP: {"a": "tests.plugins.good:shout"}})
    make_dist(site, "other-plugin", {GROUP: {"b": "tests.plugins.good:whisper"}})
    result = plugins.load([registry], strict=True)
    assert sorted(p.name for p in result.loaded) == ["a", "b"]
    assert registry.names() == ("a", "b")


def test_loading_twice_is_idempotent(site: Path, registry: Registry[object]) -> None:
    make_dist(site, "good-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    first = plugins.load([registry])
    second = plugins.load([registry])
    assert second.ok
    assert first == second
    assert registry.names() == ("shout",)
    assert registry.get("shout") is good.shout


def test_a_factory_entry_point_is_called_once_across_loads(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A built-in group may turn the entry point's object into a new one (calling a
    # factory); loading again must keep the first result instead of clashing with it.
    made: list[object] = []

    def build(obj: object) -> object:
        made.append(object())
        return made[-1]

    registry = Registry[object]("cxcore.conditions")
    from cxcore import _plugins as internals

    monkeypatch.setattr(internals, "_registry_of", lambda group, spec: registry)
    monkeypatch.setitem(
        internals._SPECS,
        "cxcore.conditions",
        internals._GroupSpec(registry="unused:unused", expects="anything", adapt=build),
    )
    make_dist(site, "good-plugin", {registry.group: {"shout": "tests.plugins.good:shout"}})
    first = plugins.load(["cxcore.conditions"])
    second = plugins.load(["cxcore.conditions"])
    assert len(made) == 1
    assert first.loaded[0].value is second.loaded[0].value is registry.get("shout")


def test_a_name_taken_by_another_distribution_is_a_clash(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(site, "first-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    make_dist(site, "second-plugin", {GROUP: {"shout": "tests.plugins.good:whisper"}})
    result = plugins.load([registry])
    assert [p.distribution for p in result.loaded] == ["first-plugin"]
    (error,) = result.failed
    assert "second-plugin" in str(error)
    assert "first-plugin" in str(error)
    assert registry.get("shout") is good.shout


def test_a_name_the_host_registered_is_a_clash(site: Path, registry: Registry[object]) -> None:
    registry.register("shout", str.upper)
    make_dist(site, "good-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    (error,) = plugins.load([registry]).failed
    assert "good-plugin" in str(error)
    assert "already registered" in str(error)
    assert registry.get("shout") is str.upper


def test_a_plugin_unregistered_by_the_host_is_loaded_again(
    site: Path, registry: Registry[object]
) -> None:
    make_dist(site, "good-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    plugins.load([registry])
    registry.unregister("shout")
    assert plugins.load([registry]).ok
    assert registry.get("shout") is good.shout


def test_given_entry_points_replace_the_installed_ones(registry: Registry[object]) -> None:
    eps = [
        metadata.EntryPoint(name="whisper", value="tests.plugins.good:whisper", group=GROUP),
        metadata.EntryPoint(name="other", value="tests.plugins.good:shout", group="other.group"),
    ]
    result = plugins.load([registry], entry_points=eps)
    assert registry.names() == ("whisper",)
    assert result.loaded[0].distribution is None


def test_an_error_for_a_hand_built_entry_point_says_it_has_no_distribution(
    registry: Registry[object],
) -> None:
    eps = [metadata.EntryPoint(name="boom", value="tests.plugins.broken:x", group=GROUP)]
    (error,) = plugins.load([registry], entry_points=eps).failed
    assert "no distribution" in str(error)


def test_unknown_group_is_a_validation_error_listing_the_known_ones() -> None:
    with pytest.raises(ValidationError, match=r"cxcore\.holidyas") as info:
        plugins.load(["cxcore.holidyas"])
    for group in ("cxcore.rules", "cxcore.conditions", "cxcore.actions", "cxcore.holidays"):
        assert group in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"groups": 3}, "groups"),
        ({"groups": [3]}, "groups"),
        ({"strict": "yes"}, "strict"),
        ({"entry_points": "tests.plugins.good:shout"}, "entry_points"),
        ({"entry_points": ["tests.plugins.good:shout"]}, "entry_points[0]"),
    ],
)
def test_bad_arguments_are_validation_errors_naming_them(
    kwargs: dict[str, object], argument: str
) -> None:
    with pytest.raises(ValidationError, match=argument.replace("[", r"\[")):
        plugins.load(**kwargs)


def test_groups_lists_what_each_entry_point_must_name() -> None:
    assert set(plugins.GROUPS) == {
        "cxcore.rules",
        "cxcore.conditions",
        "cxcore.actions",
        "cxcore.holidays",
    }
    assert all(isinstance(text, str) and text for text in plugins.GROUPS.values())


def test_results_and_errors_pickle(site: Path, registry: Registry[object]) -> None:
    make_dist(site, "good-plugin", {GROUP: {"shout": "tests.plugins.good:shout"}})
    make_dist(site, "broken-plugin", {GROUP: {"boom": "tests.plugins.broken:anything"}})
    result = plugins.load([registry])
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert [str(e) for e in again.failed] == [str(e) for e in result.failed]
    assert repr(result).startswith("LoadResult(")
    assert type(result).__module__ == "cxcore.plugins"


def test_importing_cxcore_scans_no_entry_points() -> None:
    # A fresh interpreter, with entry-point discovery made to fail loudly.
    code = (
        "import importlib.metadata as m\n"
        "def boom(*a, **k):\n"
        "    raise SystemExit('entry points were scanned')\n"
        "m.entry_points = boom\n"
        "import cxcore, cxcore.plugins, cxcore.sla, cxcore.language, cxcore.escalation\n"
        "import sys\n"
        "assert 'hypothesis' not in sys.modules, 'importing cxcore imported hypothesis'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout


# ------------------------------------------------------------------ the example plugin

EXAMPLE = ROOT / "examples" / "plugin"
SEOUL = ZoneInfo("Asia/Seoul")
_EXAMPLE_GROUPS = ("cxcore.conditions", "cxcore.actions", "cxcore.rules")


def _declared_entry_points() -> dict[str, dict[str, str]]:
    # The entry points exactly as the example's pyproject.toml declares them.
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    return project["project"]["entry-points"]


@pytest.fixture
def example_plugin(site: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[plugins.LoadResult]:
    """The example plugin 'installed' as a .dist-info beside its source, and loaded."""
    make_dist(site, "cxcore-example-plugin", _declared_entry_points())
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    result = plugins.load(_EXAMPLE_GROUPS)
    yield result
    for loaded in result.loaded:
        registry = {
            "cxcore.conditions": escalation.conditions,
            "cxcore.actions": escalation.actions,
            "cxcore.rules": language.rule_packs,
        }[loaded.group]
        registry.unregister(loaded.name)
    sys.modules.pop("cxcore_example_plugin", None)


_POLICY = {
    "name": "weekend",
    "rules": [
        {
            "id": "vip-weekend",
            "when": {"vip_weekend": {"timezone": "Asia/Seoul"}},
            "steps": [{"after": "0m", "level": 1, "actions": [{"page": "weekend-on-call"}]}],
        }
    ],
}


def _opened_friday_evening(tier: str) -> Interaction:
    return Interaction.open(
        id="T-7",
        channel="chat",
        at=datetime(2026, 3, 6, 20, 0, tzinfo=SEOUL),  # a Friday
        customer=Customer(id="c-1", tier=tier, locale="ko-KR"),
    )


def test_the_example_plugin_loads_through_its_entry_points(
    example_plugin: plugins.LoadResult,
) -> None:
    assert example_plugin.ok, example_plugin.failed
    assert {(p.group, p.name, p.distribution) for p in example_plugin.loaded} == {
        ("cxcore.conditions", "vip_weekend", "cxcore-example-plugin"),
        ("cxcore.actions", "page", "cxcore-example-plugin"),
        ("cxcore.rules", "acme-en", "cxcore-example-plugin"),
    }
    assert "vip_weekend" in escalation.conditions
    assert "page" in escalation.actions
    assert "acme-en" in language.rule_packs


def test_a_policy_can_use_the_plugin_condition_and_action(
    example_plugin: plugins.LoadResult,
) -> None:
    policy = escalation.EscalationPolicy.from_dict(_POLICY)
    vip = _opened_friday_evening("vip")
    assert policy.evaluate(vip, at=datetime(2026, 3, 6, 23, 59, tzinfo=SEOUL)).decisions == ()
    (decision,) = policy.evaluate(vip, at=datetime(2026, 3, 7, 10, 0, tzinfo=SEOUL)).decisions
    assert decision.cause_started_at == datetime(2026, 3, 7, 0, 0, tzinfo=SEOUL)
    assert [(a.kind, a.to_config()) for a in decision.actions] == [("page", "weekend-on-call")]
    standard = _opened_friday_evening("standard")
    assert policy.evaluate(standard, at=datetime(2026, 3, 7, 10, 0, tzinfo=SEOUL)).decisions == ()


def test_a_policy_with_the_plugin_condition_round_trips(
    example_plugin: plugins.LoadResult,
) -> None:
    policy = escalation.EscalationPolicy.from_dict(_POLICY)
    data = policy.to_dict()
    assert data["rules"][0]["when"] == {"vip_weekend": {"timezone": "Asia/Seoul", "tier": "vip"}}
    assert escalation.EscalationPolicy.from_dict(data) == policy


def test_the_plugin_rule_pack_joins_the_checker(example_plugin: plugins.LoadResult) -> None:
    findings = language.check("Hello! See ticket 4411 for details.", locale="en")
    assert "acme-see-ticket" in {f.rule_id for f in findings}
    assert "acme-see-ticket" not in {
        f.rule_id for f in language.check("Hello! See ticket 4411.", locale="ko")
    }


def test_the_plugin_reports_bad_config_with_its_path(example_plugin: plugins.LoadResult) -> None:
    bad = {
        **_POLICY,
        "rules": [{**_POLICY["rules"][0], "when": {"vip_weekend": {"timezone": "Mars/Base"}}}],
    }  # type: ignore[dict-item]
    with pytest.raises(ConfigError) as info:
        escalation.EscalationPolicy.from_dict(bad)
    assert info.value.path == "rules[0].when.vip_weekend.timezone"


def test_without_loading_the_plugin_its_names_are_unknown(site: Path) -> None:
    make_dist(site, "cxcore-example-plugin", _declared_entry_points())
    with pytest.raises(ConfigError, match="vip_weekend"):
        escalation.EscalationPolicy.from_dict(_POLICY)


def test_loading_the_example_plugin_again_is_a_no_op(example_plugin: plugins.LoadResult) -> None:
    again = plugins.load(_EXAMPLE_GROUPS)
    assert again.ok
    assert again == example_plugin
    assert {p.name: p.value for p in again.loaded} == {
        p.name: p.value for p in example_plugin.loaded
    }


@pytest.mark.parametrize(
    ("group", "value", "expected"),
    [
        ("cxcore.conditions", "tests.plugins.misfits:NOT_A_FACTORY", "condition factory"),
        ("cxcore.actions", "tests.plugins.misfits:NOT_A_FACTORY", "action factory"),
        ("cxcore.holidays", "tests.plugins.misfits:NOT_A_FACTORY", "holiday source factory"),
        ("cxcore.rules", "tests.plugins.misfits:not_a_pack", "RulePack"),
        ("cxcore.rules", "tests.plugins.misfits:raising_pack", "rules file missing"),
    ],
)
def test_an_object_that_does_not_fit_its_group_is_a_plugin_error(
    site: Path, group: str, value: str, expected: str
) -> None:
    make_dist(site, "misfit-plugin", {group: {"misfit": value}})
    before = plugins.load([group])  # the group's registry, imported on demand
    (error,) = before.failed
    assert "misfit-plugin" in str(error)
    assert "'misfit'" in str(error)
    assert expected in str(error)
    registry = {
        "cxcore.conditions": escalation.conditions,
        "cxcore.actions": escalation.actions,
        "cxcore.rules": language.rule_packs,
        "cxcore.holidays": sla.holiday_sources,
    }[group]
    assert "misfit" not in registry


def test_a_rule_pack_object_itself_may_be_the_entry_point(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_dist(site, "pack-plugin", {"cxcore.rules": {"acme-object": "cxcore_example_plugin:PACK"}})
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    import cxcore_example_plugin

    monkeypatch.setattr(
        cxcore_example_plugin, "PACK", cxcore_example_plugin.acme_rules(), raising=False
    )
    try:
        result = plugins.load(["cxcore.rules"], strict=True)
        assert language.rule_packs.get("acme-object")() is cxcore_example_plugin.PACK
        assert [p.name for p in result.loaded] == ["acme-object"]
    finally:
        language.rule_packs.unregister("acme-object")
        sys.modules.pop("cxcore_example_plugin", None)


def test_a_holiday_source_plugin_closes_a_calendar(site: Path) -> None:
    make_dist(
        site,
        "company-days",
        {"cxcore.holidays": {"company_day": "tests.plugins.holidays:company_day"}},
    )
    try:
        assert plugins.load(["cxcore.holidays"], strict=True).ok
        cal = sla.BusinessCalendar.from_dict(
            {
                "timezone": "Asia/Seoul",
                "hours": {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
                "holidays": [{"company_day": "06-01"}],
            }
        )
        june_first = datetime(2026, 6, 1, 10, 0, tzinfo=SEOUL)  # a Monday
        assert not cal.is_open(june_first)
        assert cal.is_open(june_first + timedelta(days=1))
        assert sla.BusinessCalendar.from_dict(cal.to_dict()) == cal
    finally:
        sla.holiday_sources.unregister("company_day")


def test_results_compare_by_what_they_report(site: Path, registry: Registry[object]) -> None:
    make_dist(site, "broken-plugin", {GROUP: {"boom": "tests.plugins.broken:anything"}})
    first = plugins.load([registry])
    again = plugins.load([registry])
    assert first.failed[0] is not again.failed[0]
    assert first == again
    assert first != plugins.LoadResult(loaded=first.loaded)
