"""Which files a list of lexicon paths names: lexicons, rules, boilerplate, inventory.

A linguist may name the lexicon root (the folder holding ``inventory.yaml``
and one folder per language), a language folder, or single files; every
command that takes lexicon paths (``--lexicon``, ``framing lexicon validate``,
``framing lexicon test``) sorts them here, so they all read a path the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from framing.errors import InputError
from framing.io.yamlfile import load_yaml

INVENTORY_FILE = "inventory.yaml"
# Top-level keys that make a YAML file the inventory rather than a lexicon.
_INVENTORY_KEYS = ("categories", "frames", "valences", "referents")


@dataclass
class LexiconSources:
    """Files and folders by kind; ``None`` means "the bundled ones" for that kind."""

    lexicons: list[Path] | None = None
    rules: list[str | Path] | None = None
    boilerplate: list[str | Path] | None = None
    inventory: Path | None = None
    roots: list[Path] = field(default_factory=list)


def is_lexicon_root(path: Path) -> bool:
    """Whether ``path`` is a lexicon root: a folder holding the inventory file."""
    return path.is_dir() and (path / INVENTORY_FILE).is_file()


def file_kind(path: Path) -> str:
    """``rules``, ``patterns`` (boilerplate), ``inventory`` or ``entries`` (a lexicon).

    A file that does not parse counts as a lexicon: the lexicon loader then
    reports its syntax error with the line.
    """
    try:
        data = load_yaml(path)
    except InputError:
        return "entries"
    if isinstance(data, dict):
        for key in ("rules", "patterns", "entries"):
            if key in data:
                return key
        if any(key in data for key in _INVENTORY_KEYS):
            return "inventory"
    return "entries"


def split_sources(paths: Iterable[str | Path] | None, language: str = "fr") -> LexiconSources:
    """Sort lexicon paths by kind.

    A root contributes its language folder and its inventory; a language
    folder its ``*.yaml`` lexicons, ``rules/`` and ``boilerplate/`` (and the
    inventory of the root it sits in, if any); a file counts by its top-level
    key. No paths at all means the bundled data.
    """
    path_list = [Path(p) for p in paths or ()]
    if not path_list:
        return LexiconSources()
    sources = LexiconSources(lexicons=[], rules=[], boilerplate=[])
    for path in path_list:
        if is_lexicon_root(path):
            sources.roots.append(path)
            _set_inventory(sources, path / INVENTORY_FILE)
            path = path / language
            if not path.is_dir():
                raise InputError(
                    f"{path.parent}: lexicon root has no {language}/ folder "
                    f"for language {language!r}"
                )
        if path.is_dir():
            _add_language_folder(sources, path)
        elif path.is_file():
            _add_file(sources, path)
        else:
            raise InputError(f"{path}: no such lexicon file or folder")
    return sources


def _add_language_folder(sources: LexiconSources, path: Path) -> None:
    assert sources.lexicons is not None and sources.rules is not None
    assert sources.boilerplate is not None
    sources.lexicons.append(path)
    if (path / "rules").is_dir():
        sources.rules.append(path / "rules")
    if (path / "boilerplate").is_dir():
        sources.boilerplate.append(path / "boilerplate")
    if (path.parent / INVENTORY_FILE).is_file():
        _set_inventory(sources, path.parent / INVENTORY_FILE)


def _add_file(sources: LexiconSources, path: Path) -> None:
    assert sources.lexicons is not None and sources.rules is not None
    assert sources.boilerplate is not None
    kind = file_kind(path)
    if kind == "inventory":
        _set_inventory(sources, path)
        return
    {"rules": sources.rules, "patterns": sources.boilerplate}.get(kind, sources.lexicons).append(
        path
    )


def _set_inventory(sources: LexiconSources, path: Path) -> None:
    """The first inventory named wins: one set of vocabularies checks one run."""
    if sources.inventory is None:
        sources.inventory = path
