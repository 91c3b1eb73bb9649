"""The shipped rule packs: every rule's own examples, safe patterns, format errors, plugins."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cxcore import ConfigError, PluginError, ValidationError
from cxcore.language import (
    Category,
    PhrasingChecker,
    Rule,
    RulePack,
    check,
    has_rules,
    rule_packs,
    signals,
)
from cxcore.language._engine import Compiled
from tests.conftest import ROOT

RULES_DIR = ROOT / "src" / "cxcore" / "language" / "rules"
EXAMPLES = ROOT / "examples"
BUILTIN = {name: RulePack.load(RULES_DIR / f"{name}.toml") for name in ("ko", "en")}


def _all_rules() -> list[tuple[str, Rule]]:
    return [
        (name, rule) for name, pack in BUILTIN.items() for rule in (*pack.rules, *pack.signal_rules)
    ]


def _single(name: str, rule: Rule) -> RulePack:
    return BUILTIN[name].only([rule.id])


def _fired(pack: RulePack, rule: Rule, text: str) -> bool:
    if rule.kind is not None:
        _, hits = Compiled(pack, signals=True).run(text)
    else:
        _, hits = Compiled(pack).run(text)
    return any(r.id == rule.id for _, _, r in hits)


@pytest.mark.parametrize(("pack", "rule"), _all_rules(), ids=lambda v: getattr(v, "id", v))
def test_rule_flags_its_own_flagged_examples(pack: str, rule: Rule) -> None:
    single = _single(pack, rule)
    for text in rule.flagged_examples:
        assert _fired(single, rule, text), f"{rule.id} misses its example {text!r}"


@pytest.mark.parametrize(("pack", "rule"), _all_rules(), ids=lambda v: getattr(v, "id", v))
def test_rule_passes_its_own_clean_examples(pack: str, rule: Rule) -> None:
    single = _single(pack, rule)
    for text in rule.clean_examples:
        assert not _fired(single, rule, text), f"{rule.id} flags its clean example {text!r}"


@pytest.mark.parametrize(("pack", "rule"), _all_rules(), ids=lambda v: getattr(v, "id", v))
def test_flagged_examples_are_flagged_by_the_whole_pack(pack: str, rule: Rule) -> None:
    for text in rule.flagged_examples:
        if rule.category is not None:
            found = check(text, locale=pack)
            assert any(f.category is rule.category for f in found), (rule.id, text)
        else:
            assert any(s.kind is rule.kind for s in signals(text, locale=pack)), (rule.id, text)


def test_each_language_ships_several_dozen_rules_covering_every_category() -> None:
    for pack in BUILTIN.values():
        assert len(pack.rules) >= 24
        assert {r.category for r in pack.rules} == set(Category)
        assert len(pack.signal_rules) == 4


def test_every_rule_has_a_message_and_concrete_suggestions() -> None:
    for _, rule in _all_rules():
        if rule.category is None:
            continue
        assert rule.message
        assert len(rule.suggestions) >= 1
        # a suggestion shows the rewrite, not just advice
        assert all("e.g." in s for s in rule.suggestions), rule.id


# --- patterns are safe by construction ------------------------------------------------


def test_patterns_are_literal_token_sequences() -> None:
    # After expansion a pattern is a plain string; the engine never compiles it as a regular
    # expression, so nothing in a pack can backtrack. Guard that no regex syntax leaks in
    # by mistake (a pattern meant as a regex would silently never match).
    regex_syntax = re.compile(r"[\\{}()\[\]|*+]|\.\*|\?\?")
    for _, rule in _all_rules():
        for pattern in (*rule.patterns, *rule.exceptions):
            assert pattern == pattern.strip()
            assert "  " not in pattern
            assert not regex_syntax.search(pattern), (rule.id, pattern)
            assert len(pattern) <= 60, (rule.id, pattern)


def test_the_engine_uses_no_pattern_as_a_regular_expression() -> None:
    source = (ROOT / "src" / "cxcore" / "language" / "_engine.py").read_text(encoding="utf-8")
    assert "re.compile" not in source
    assert "import re" not in source


def test_the_text_regexes_are_linear_by_construction() -> None:
    # the only regexes the checker runs over a text: each is a character class loop or
    # literals around bounded [ \t]* runs (see _text.py); listing them here means adding
    # one is a conscious change
    from cxcore.language import _text

    patterns = sorted(v.pattern for v in vars(_text).values() if isinstance(v, re.Pattern))
    assert patterns == sorted(
        [
            r"(?m)^>.*$",
            r"<!--[ \t]*cxcore:[ \t]*(ignore|end)[ \t]*-->",
            "[.!?。…~\n]",
            r"\s+",
            r"( {2,})",
            "[" + "\u2019\u2018\u02bc\uff07`" + "]",
            "[^\\S \\n]",
            "[" + "\u2019\u2018\u02bc\uff07`" + "]|[^\\S \\n]",
        ]
    )


# --- the format: errors name the file, the rule and the key ---------------------------


def _write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
[pack]
name = "acme"
locale = "en"

[[rules]]
id = "acme-nope"
category = "impolite"
patterns = ["no can do"]
message = "Curt refusal."
suggestions = ["Say what you can do, e.g. \\"I can send it tomorrow.\\""]
examples.flagged = ["No can do, sorry."]
"""


def test_a_minimal_pack_loads_and_checks(tmp_path: Path) -> None:
    pack = RulePack.load(_write(tmp_path, GOOD))
    found = PhrasingChecker(rules=pack).check("Well, no can do.", locale="en-GB")
    assert [(f.rule_id, f.text) for f in found] == [("acme-nope", "no can do")]


@pytest.mark.parametrize(
    ("change", "path_part", "words"),
    [
        (('category = "impolite"', 'category = "rude"'), "rules[0].category", "rude"),
        (('patterns = ["no can do"]', "patterns = []"), "rules[0].patterns", "at least one"),
        (('patterns = ["no can do"]', 'patterns = ["{X}"]'), "rules[0].patterns[0]", "{X}"),
        (("examples.flagged", "examples.flaged"), "rules[0].examples.flaged", "unknown key"),
        (('id = "acme-nope"', 'id = "Acme Nope"'), "rules[0].id", "lower-case"),
        (
            ('message = "Curt refusal."', 'message = "x"\ncontext = { right = "eol" }'),
            "rules[0].context.right",
            "sentence_end",
        ),
    ],
)
def test_malformed_rules_name_the_file_rule_and_key(
    tmp_path: Path, change: tuple[str, str], path_part: str, words: str
) -> None:
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as info:
        RulePack.load(path)
    err = info.value
    assert err.source == str(path)
    assert err.path == path_part
    assert words in str(err)
    if "Acme" not in change[1]:
        assert "acme-nope" in str(err)


def test_unknown_top_level_keys_and_bad_locales_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown key"):
        RulePack.load(_write(tmp_path, GOOD + "\n[extras]\nx = 1\n"))
    with pytest.raises(ConfigError, match="locale"):
        RulePack.load(_write(tmp_path, GOOD.replace('locale = "en"', 'locale = "zz-99"')))


def test_a_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "\n[[rules]\n")
    with pytest.raises(ConfigError) as info:
        RulePack.load(path)
    assert info.value.source == str(path)


def test_a_marker_named_in_a_rule_must_exist(tmp_path: Path) -> None:
    text = GOOD.replace(
        'message = "Curt refusal."', 'message = "x"\ncontext = { cleared_by = ["nope"] }'
    )
    with pytest.raises(ConfigError, match="names no marker set"):
        RulePack.load(_write(tmp_path, text))


# --- the registry: built-ins use the same door as plugins ------------------------------


def test_builtin_packs_are_registered_like_plugins() -> None:
    assert {"ko", "en"} <= set(rule_packs.names())
    assert rule_packs.group == "cxcore.rules"
    assert rule_packs.get("ko")().language == "ko"


def test_a_registered_plugin_pack_adds_rules_for_its_language() -> None:
    pack = RulePack.load(EXAMPLES / "rules.toml")
    rule_packs.register("acme-example", lambda: pack)
    try:
        found = check("Your parcel is in the WISMO queue.", locale="en")
        assert "acme-wismo" in {f.rule_id for f in found}
    finally:
        rule_packs.unregister("acme-example")
    assert "acme-wismo" not in {
        f.rule_id for f in check("Your parcel is in the WISMO queue.", locale="en")
    }


def test_a_plugin_for_a_new_language_makes_it_checkable() -> None:
    pack = RulePack.from_dict(
        {
            "pack": {"name": "de", "locale": "de"},
            "rules": [
                {
                    "id": "de-leider",
                    "category": "negative-framing",
                    "patterns": ["leider"],
                    "message": "Regret opener.",
                    "suggestions": ["e.g. Sagen Sie, was möglich ist."],
                    "examples": {"flagged": ["Leider nicht."]},
                }
            ],
        }
    )
    assert not has_rules("de")
    rule_packs.register("de-test", lambda: pack)
    try:
        assert has_rules("de-AT")
        assert [f.text for f in check("Leider ist das so.", locale="de")] == ["Leider"]
    finally:
        rule_packs.unregister("de-test")


def test_a_provider_returning_something_else_is_a_plugin_error() -> None:
    rule_packs.register("broken", lambda: {"pack": {}})  # type: ignore[arg-type,return-value]
    try:
        with pytest.raises(PluginError, match="broken"):
            check("hello", locale="en")
    finally:
        rule_packs.unregister("broken")


def test_the_example_pack_is_the_same_in_toml_and_json() -> None:
    assert RulePack.load(EXAMPLES / "rules.toml") == RulePack.load(EXAMPLES / "rules.json")
    json.loads((EXAMPLES / "rules.json").read_text(encoding="utf-8"))


def test_checker_rejects_rules_that_are_not_packs() -> None:
    with pytest.raises(ValidationError, match="RulePack"):
        PhrasingChecker(rules=["not a pack"])  # type: ignore[list-item]


def test_an_expansion_inside_inline_alternatives_is_refused(tmp_path: Path) -> None:
    # {NOPE|nah} would otherwise be the literal text "NOPE" and silently never match.
    text = GOOD.replace('patterns = ["no can do"]', 'patterns = ["{NOPE|nah} can do"]')
    text = text.replace("[[rules]]", '[expansions]\nNOPE = ["no"]\n\n[[rules]]', 1)
    with pytest.raises(ConfigError, match="inline alternatives") as info:
        RulePack.load(_write(tmp_path, text))
    assert info.value.path == "rules[0].patterns[0]"
