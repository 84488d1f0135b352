"""Compiled annotators are cached per checksum of their sources, and rebuilt on any edit."""

from __future__ import annotations

import shutil

import pytest

from framing.annotation import compiled
from framing.annotation.annotator import Annotator
from framing.resources import default_lexicon_dir


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    """A copy of the bundled French lexicons, and an empty compiled cache."""
    folder = tmp_path / "fr"
    shutil.copytree(default_lexicon_dir("fr"), folder)
    monkeypatch.setenv(compiled.COMPILED_DIR_ENV, str(tmp_path / "compiled"))
    return folder


def _entries(tmp_path):
    return sorted((tmp_path / "compiled").glob("*.pickle"))


def test_second_build_comes_from_the_cache(lexicons, tmp_path, monkeypatch):
    first = Annotator.from_paths([lexicons], "fr")
    assert len(_entries(tmp_path)) == 1

    def fail(*_args, **_kwargs):
        raise AssertionError("built again although nothing changed")

    monkeypatch.setattr(Annotator, "_build", classmethod(fail))
    again = Annotator.from_paths([lexicons], "fr")
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
    assert again.checksums == first.checksums
    assert len(again.lexicon.entries) == len(first.lexicon.entries)


def test_an_edited_lexicon_is_built_again(lexicons, tmp_path):
    first = Annotator.from_paths([lexicons], "fr")
    hedges = lexicons / "hedges.yaml"
    hedges.write_text(hedges.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = Annotator.from_paths([lexicons], "fr")
    assert len(_entries(tmp_path)) == 2
    changed = {k for k in first.checksums if first.checksums[k] != edited.checksums.get(k)}
    assert [k.rsplit("/", 1)[-1] for k in changed] == ["hedges.yaml"]


def test_a_file_edited_during_the_build_is_not_cached_under_the_old_key(lexicons, tmp_path):
    hedges = lexicons / "hedges.yaml"
    original = hedges.read_text(encoding="utf-8")

    def build_while_editing():
        hedges.write_text(original + "\n# saved during the build\n", encoding="utf-8")
        return "built from the edited file"

    assert compiled.cached([lexicons], "fr", build_while_editing) == "built from the edited file"
    assert _entries(tmp_path) == []
    # the file back as the first key saw it: built again, not the other sources' result
    hedges.write_text(original, encoding="utf-8")
    assert (
        compiled.cached([lexicons], "fr", lambda: "built from the original")
        == "built from the original"
    )
    assert len(_entries(tmp_path)) == 1


def test_old_entries_are_pruned(tmp_path):
    for index in range(compiled.KEEP + 3):
        (tmp_path / f"{index:064x}.pickle").write_bytes(b"x")
    compiled._prune(tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == compiled.KEEP


def test_a_new_rule_file_changes_the_key(lexicons):
    before = compiled.cache_key([lexicons], "fr")
    (lexicons / "rules" / "extra.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert compiled.cache_key([lexicons], "fr") != before


def test_a_corrupt_entry_is_rebuilt(lexicons, tmp_path):
    Annotator.from_paths([lexicons], "fr")
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"not a pickle")
    annotator = Annotator.from_paths([lexicons], "fr")
    assert annotator.rules
    assert entry.read_bytes() != b"not a pickle"


def test_errors_are_not_cached(lexicons, tmp_path):
    (lexicons / "broken.yaml").write_text("entries: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match=r"broken\.yaml"):
            Annotator.from_paths([lexicons], "fr")
    assert _entries(tmp_path) == []


def test_the_cache_can_be_turned_off(lexicons, tmp_path, monkeypatch):
    monkeypatch.setenv(compiled.COMPILED_DIR_ENV, "off")
    Annotator.from_paths([lexicons], "fr")
    assert not (tmp_path / "compiled").exists()


def test_the_inventory_of_a_language_folders_root_is_in_the_key(tmp_path):
    """A language folder is checked against its root's inventory, so editing it rebuilds."""
    root = tmp_path / "root"
    shutil.copytree(default_lexicon_dir("fr"), root / "fr")
    inventory = default_lexicon_dir("fr").parent / "inventory.yaml"
    shutil.copy(inventory, root / "inventory.yaml")
    before = compiled.cache_key([root / "fr"], "fr")
    (root / "inventory.yaml").write_text(
        inventory.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    assert compiled.cache_key([root / "fr"], "fr") != before
