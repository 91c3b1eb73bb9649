"""Escalation policies to and from plain data (dicts, TOML, JSON): the package's serialisation edge.

Every problem is a :class:`~cxcore.ConfigError` whose ``path`` is 0-based
(``rules[1].steps[0].after``); unknown leaves and actions list the known ones.
"""

from __future__ import annotations

import copy
from os import PathLike
from typing import Any

from cxcore._errors import ConfigError, CxcoreError, PluginError
from cxcore._loader import check_keys, load_document
from cxcore._time import duration_from_config, format_duration

from ._conditions import AllOf, AnyOf, Leaf, Node, Not
from ._policy import EscalationPolicy, Rule, Step
from ._registries import Action, Condition, actions, conditions

__all__ = ["load_policy", "policy_from_dict", "policy_to_dict"]

_NODES = ("all", "any", "not")


def _one_key(value: Any, path: str, what: str, example: str) -> tuple[str, Any]:
    if not isinstance(value, dict) or len(value) != 1:
        raise ConfigError(
            f"{what} must be an object with exactly one key, such as {example} (got {value!r})"[
                :400
            ],
            path=path,
        )
    key, body = next(iter(value.items()))
    if not isinstance(key, str):
        raise ConfigError(f"{what} names must be strings (got {key!r})", path=path)
    return key, body


def _plugin(kind: str, name: str, path: str, exc: Exception) -> PluginError:
    return PluginError(
        f"{path}: the {kind} {name!r} raised {type(exc).__name__} while reading its config: {exc}"
    )


def parse_node(value: Any, path: str) -> Node:
    """A condition tree from its config."""
    key, body = _one_key(value, path, "a condition", '{"priority": {"in": ["high"]}}')
    if key in ("all", "any"):
        if not isinstance(body, list) or not body:
            raise ConfigError(
                f"'{key}' takes a non-empty list of conditions (got {body!r})"[:300],
                path=f"{path}.{key}",
            )
        children = tuple(parse_node(item, f"{path}.{key}[{i}]") for i, item in enumerate(body))
        return AllOf(children=children) if key == "all" else AnyOf(children=children)
    if key == "not":
        return Not(child=parse_node(body, f"{path}.not"))
    if key not in conditions:
        known = ", ".join((*_NODES, *conditions.names()))
        raise ConfigError(f"unknown condition {key!r}; known: {known}", path=f"{path}.{key}")
    factory = conditions.get(key)
    where = f"{path}.{key}"
    try:
        condition: Condition = factory(copy.deepcopy(body), where)
    except ConfigError:
        raise
    except CxcoreError as exc:
        raise ConfigError(str(exc), path=where) from None
    except Exception as exc:
        raise _plugin("condition", key, where, exc) from exc
    if not isinstance(condition, Condition):
        raise PluginError(f"{where}: the condition {key!r} built {condition!r}, not a Condition")
    to_config = getattr(condition, "to_config", None)
    config = to_config() if callable(to_config) else body
    return Leaf(name=key, config=config, condition=condition)


def node_to_config(node: Node) -> dict[str, Any]:
    """The config of a condition tree."""
    if isinstance(node, Leaf):
        return {node.name: copy.deepcopy(node.config)}
    if isinstance(node, Not):
        return {"not": node_to_config(node.child)}
    key = "all" if isinstance(node, AllOf) else "any"
    return {key: [node_to_config(child) for child in node.children]}


def _action(value: Any, path: str) -> Action:
    key, body = _one_key(value, path, "an action", '{"notify": "team-lead"}')
    if key not in actions:
        raise ConfigError(
            f"unknown action {key!r}; known: {', '.join(actions.names())}", path=f"{path}.{key}"
        )
    where = f"{path}.{key}"
    try:
        action = actions.get(key)(copy.deepcopy(body), where)
    except ConfigError:
        raise
    except CxcoreError as exc:
        raise ConfigError(str(exc), path=where) from None
    except Exception as exc:
        raise _plugin("action", key, where, exc) from exc
    if not isinstance(action, Action):
        raise PluginError(f"{where}: the action {key!r} built {action!r}, not an Action")
    return action


def _steps(value: Any, path: str) -> tuple[Step, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError("a rule needs at least one step (a non-empty list)", path=path)
    out: list[Step] = []
    previous = 0
    for index, raw in enumerate(value):
        where = f"{path}[{index}]"
        step = check_keys(raw, where, required=("after", "level", "actions"))
        after = duration_from_config(step["after"], f"{where}.after", allow_zero=True)
        level = step["level"]
        if isinstance(level, bool) or not isinstance(level, int) or level < 0:
            raise ConfigError(f"level must be an int >= 0 (got {level!r})", path=f"{where}.level")
        if level < previous:
            raise ConfigError(
                f"levels never go down: level {level} follows level {previous}",
                path=f"{where}.level",
            )
        previous = level
        raw_actions = step["actions"]
        if not isinstance(raw_actions, list) or not raw_actions:
            raise ConfigError(
                "a step needs at least one action (a non-empty list)", path=f"{where}.actions"
            )
        built = tuple(_action(item, f"{where}.actions[{i}]") for i, item in enumerate(raw_actions))
        out.append(Step(after=after, level=level, actions=built))
    return tuple(out)


def _rules(value: Any) -> tuple[Rule, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"rules must be a list (got {type(value).__name__})", path="rules")
    out: list[Rule] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(value):
        where = f"rules[{index}]"
        rule = check_keys(raw, where, required=("id", "when", "steps"), optional=("description",))
        rule_id = rule["id"]
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise ConfigError(f"id must be a non-empty str (got {rule_id!r})", path=f"{where}.id")
        if rule_id in seen:
            raise ConfigError(
                f"rule id {rule_id!r} is already used by rules[{seen[rule_id]}]; ids are unique",
                path=f"{where}.id",
            )
        seen[rule_id] = index
        description = rule.get("description")
        if description is not None and not isinstance(description, str):
            raise ConfigError("description must be a str", path=f"{where}.description")
        out.append(
            Rule(
                id=rule_id,
                when=parse_node(rule["when"], f"{where}.when"),
                steps=_steps(rule["steps"], f"{where}.steps"),
                description=description,
            )
        )
    return tuple(out)


def _calendar(value: Any) -> Any:
    from cxcore.sla import BusinessCalendar

    try:
        return BusinessCalendar.from_dict(value)
    except ConfigError as exc:
        raise ConfigError(
            exc.reason, path=f"calendar.{exc.path}" if exc.path else "calendar"
        ) from None
    except CxcoreError as exc:
        raise ConfigError(str(exc), path="calendar") from None


def policy_from_dict(data: object) -> EscalationPolicy:
    """The policy ``data`` describes."""
    doc = check_keys(data, "", required=("name", "rules"), optional=("calendar",))
    name = doc["name"]
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"name must be a non-empty str (got {name!r})", path="name")
    calendar = _calendar(doc["calendar"]) if doc.get("calendar") is not None else None
    return EscalationPolicy(name=name, rules=_rules(doc["rules"]), calendar=calendar)


def load_policy(path: str | PathLike[str]) -> EscalationPolicy:
    """The policy in a TOML or JSON file."""
    data, source = load_document(path)
    try:
        return policy_from_dict(data)
    except ConfigError as exc:
        raise ConfigError(exc.reason, path=exc.path, source=source) from None


def policy_to_dict(policy: EscalationPolicy) -> dict[str, Any]:
    """Plain data for ``policy`` (durations in the compact form, e.g. ``"30m"``)."""
    out: dict[str, Any] = {"name": policy.name}
    if policy.calendar is not None:
        out["calendar"] = policy.calendar.to_dict()
    rules: list[dict[str, Any]] = []
    for rule in policy.rules:
        item: dict[str, Any] = {"id": rule.id}
        if rule.description is not None:
            item["description"] = rule.description
        item["when"] = node_to_config(rule.when)
        item["steps"] = [
            {
                "after": format_duration(step.after),
                "level": step.level,
                "actions": [{a.kind: copy.deepcopy(a.to_config())} for a in step.actions],
            }
            for step in rule.steps
        ]
        rules.append(item)
    out["rules"] = rules
    return out
