"""The rule families and their roles, read from ``lexicons/rule-families.yaml``.

A rule's ``family`` says what the engine does with a match, and its ``roles``
say which node plays which part. What each family needs is data, declared once
in the registry file: the rule validator checks every rule against it (a
required role missing, a role or parameter the family does not know), and the
annotator asks it which families make speech events. A rule file that
validates can therefore not crash the annotator for want of a role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from framing.errors import InputError
from framing.io.yamlfile import line_of, load_yaml
from framing.resources import lexicon_root, load_schema

REGISTRY_FILE = "rule-families.yaml"
_PARAM_TYPES: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "string": (str,),
    "number": (int, float),
}


@dataclass(frozen=True)
class Param:
    """A parameter a family's rules may set in ``params``."""

    name: str
    description: str
    type: str
    requires: tuple[str, ...] = ()

    def accepts(self, value: object) -> bool:
        """Whether ``value`` has the declared type (a bool is not a number here)."""
        if self.type == "number" and isinstance(value, bool):
            return False
        return isinstance(value, _PARAM_TYPES[self.type])


@dataclass(frozen=True)
class Family:
    """One rule family: what it means and the roles its rules bind."""

    name: str
    description: str
    required: Mapping[str, str]
    optional: Mapping[str, str]
    params: Mapping[str, Param]
    speech_event: bool = False

    @property
    def roles(self) -> tuple[str, ...]:
        """Every role the family knows, required ones first."""
        return (*self.required, *self.optional)

    def role_problems(self, roles: Mapping[str, str]) -> list[str]:
        """What is wrong with a rule's roles for this family: missing or unknown ones."""
        found = [
            f"role {role!r} is required by family {self.name!r}"
            for role in self.required
            if role not in roles
        ]
        found += [
            f"unknown role {role!r} for family {self.name!r} (known: {', '.join(self.roles)})"
            for role in roles
            if role not in self.required and role not in self.optional
        ]
        return found

    def param_problems(self, roles: Mapping[str, str], params: Mapping[str, Any]) -> list[str]:
        """What is wrong with a rule's params: unknown, mistyped, or a role they need."""
        found = []
        for name, value in params.items():
            param = self.params.get(name)
            if param is None:
                known = ", ".join(self.params) or "none"
                found.append(f"unknown param {name!r} for family {self.name!r} (known: {known})")
            elif not param.accepts(value):
                found.append(f"param {name!r} must be a {param.type}, not {value!r}")
            elif value:
                found += [
                    f"param {name!r} needs role {role!r}"
                    for role in param.requires
                    if role not in roles
                ]
        return found


def registry_path() -> Path:
    return lexicon_root() / REGISTRY_FILE


@cache
def rule_families(path: Path | None = None) -> dict[str, Family]:
    """The families of the registry file (the bundled one by default), read once."""
    path = path or registry_path()
    data = load_yaml(path)
    validator = jsonschema.Draft202012Validator(load_schema("rule-families"))
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.path) or "top level"
        raise InputError(f"{path}:{line_of(data, list(error.path))}: {where}: {error.message}")
    return {name: _family(name, raw) for name, raw in data["families"].items()}


def _family(name: str, raw: Mapping[str, Any]) -> Family:
    params = {
        key: Param(key, value["description"], value["type"], tuple(value.get("requires") or ()))
        for key, value in (raw.get("params") or {}).items()
    }
    return Family(
        name=name,
        description=raw["description"],
        required=dict(raw["required"]),
        optional=dict(raw.get("optional") or {}),
        params=params,
        speech_event=bool(raw.get("speech_event", False)),
    )


def speech_families() -> tuple[str, ...]:
    """The families whose matches are speech events (speaker, cue, content)."""
    return tuple(name for name, family in rule_families().items() if family.speech_event)
