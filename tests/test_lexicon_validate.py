"""`framing lexicon validate`: deliberate mistakes give the right file:line messages."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from framing.cli import cli

BAD = Path(__file__).parent / "data" / "bad"


def _validate(*paths: Path):
    return CliRunner().invoke(cli, ["lexicon", "validate", *map(str, paths)])


def test_bundled_lexicons_validate_cleanly():
    result = _validate()
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_lexicon_mistakes_are_reported_with_lines():
    path = BAD / "bad_lexicon.yaml"
    result = _validate(path)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"{path}:30: error: entries/4/valence: 'bad' is not one of "
        "['delegitimizing', 'neutral', 'legitimizing']",
        f"{path}:12: error: duplicate id 'actor.one' (first at {path}:6)",
        f"{path}:18: error: actor.two: unknown frame 'made_up_frame'",
        f"{path}:18: error: actor.two: unknown referent 'aliens'",
        f"{path}:18: error: actor.two: same match as actor.one ({path}:6)",
        f"{path}:24: error: actor.three: unknown UPOS tag 'NOM'",
    ]


def test_an_entry_that_cannot_be_indexed_is_a_warning(tmp_path):
    """A first word starting with a wildcard is tried at every word: validate says so,
    without failing; braces with literal starts and an optional first word are fine."""
    path = tmp_path / "globs.yaml"
    path.write_text(
        "lexicon: globs\nlanguage: fr\ndescription: test\ndefaults:\n  category: evaluative\n"
        "entries:\n"
        "  - id: eval.wild\n    frame: evaluation\n    valence: neutral\n"
        '    match: "*aleux"\n    examples:\n      match: ["Un choix scandaleux."]\n'
        "  - id: eval.braces\n    frame: evaluation\n    valence: neutral\n"
        '    match: "{scandaleu,honteu}x"\n    examples:\n      match: ["Un choix honteux."]\n',
        encoding="utf-8",
    )
    result = _validate(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines() == [
        f"{path}:7: warning: eval.wild: its first word cannot be indexed (a glob that starts"
        " with a wildcard): it is tried at every word; give it a literal start or {a,b}"
        " alternatives"
    ]


def test_rule_mistakes_are_reported_with_lines():
    path = BAD / "bad_rules.yaml"
    result = _validate(path)
    assert result.exit_code == 1
    out = result.stdout
    assert f"{path}:16: error: negation.bad_family: unknown family 'nonsense' (known: " in out


def test_rule_syntax_and_role_errors(tmp_path):
    source = (BAD / "bad_rules.yaml").read_text(encoding="utf-8")
    fixed_family = source.replace("family: nonsense", "family: negation")
    path = tmp_path / "rules.yaml"
    path.write_text(fixed_family, encoding="utf-8")
    result = _validate(path)
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines() == [
        f"{path}:2: error: attribution.broken: rule syntax error: "
        "unclosed '[' or '\"' in 'V [lexicon=reporting_verb;'",
        f"{path}:14: error: attribution.unknown_role: role 'speaker' names unknown node 'X'",
    ]


def test_yaml_syntax_error_names_the_line():
    path = BAD / "broken_yaml.yaml"
    result = _validate(path)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:")
    assert "YAML syntax error" in result.stdout


def test_a_repeated_key_is_an_error_not_a_silent_override(tmp_path):
    path = tmp_path / "repeated.yaml"
    path.write_text(
        "language: fr\n"
        "category: evaluative\n"
        "entries:\n"
        "  - id: eval.test\n"
        "    frame: evaluation\n"
        "    valence: delegitimizing\n"
        '    match: "odieux"\n'
        "    notes: first\n"
        '    examples: {match: ["Un crime odieux."]}\n'
        "    notes: second\n",
        encoding="utf-8",
    )
    result = _validate(path)
    assert result.exit_code == 1
    assert f"{path}:10:" in result.stdout
    assert "duplicate key 'notes' (first on line 8)" in result.stdout


REPO = Path(__file__).resolve().parents[1]


def _copy_root(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(REPO / "lexicons", tmp_path / "lexicons"))


def test_the_lexicon_root_validates_like_no_argument():
    """Naming the folder a linguist edits gives the same answer as naming nothing."""
    result = _validate(REPO / "lexicons")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "ok: no problems found" in result.stderr


def test_the_inventory_file_alone_is_not_read_as_a_lexicon():
    result = _validate(REPO / "lexicons" / "inventory.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_a_broken_copy_of_the_root_gives_file_and_line(tmp_path):
    root = _copy_root(tmp_path)
    hedges = root / "fr" / "hedges.yaml"
    text = hedges.read_text(encoding="utf-8")
    hedges.write_text(text.replace("  frame: epistemic\n", "  frame: gossip\n", 1), "utf-8")
    line = text.splitlines().index("  frame: epistemic") + 1
    rules = root / "fr" / "rules" / "modifiers.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "  - [unclosed\n", "utf-8")
    result = _validate(root)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any(f"{hedges}:" in x and "unknown frame 'gossip'" in x for x in lines), lines
    end = len(rules.read_text(encoding="utf-8").splitlines())
    # the syntax error is found at the end of the file, and reported there (not at line 1)
    assert any(x.startswith((f"{rules}:{end}:", f"{rules}:{end + 1}:")) for x in lines), lines
    first = next(x for x in lines if "unknown frame 'gossip'" in x)
    # the defaults block sets the frame for every entry: each reports its own line
    assert int(first.split(":")[1]) > line


def test_the_root_brings_its_own_inventory(tmp_path):
    """A frame added to the copy's inventory is accepted in the copy's lexicons."""
    root = _copy_root(tmp_path)
    inventory = root / "inventory.yaml"
    inventory.write_text(
        inventory.read_text(encoding="utf-8").replace(
            "frames:\n", "frames:\n  gossip: rumour as news\n", 1
        ),
        "utf-8",
    )
    hedges = root / "fr" / "hedges.yaml"
    text = hedges.read_text(encoding="utf-8")
    hedges.write_text(text.replace("  frame: epistemic\n", "  frame: gossip\n", 1), "utf-8")
    for target in (root, root / "fr"):
        result = _validate(target)
        assert result.exit_code == 0, (target, result.output)
    assert _validate(hedges).exit_code == 1  # a lone file is checked against the bundled one


def test_a_root_without_the_language_is_one_clear_line(tmp_path):
    root = _copy_root(tmp_path)
    result = CliRunner().invoke(cli, ["lexicon", "validate", str(root), "--language", "de"])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        f"error: {root}: lexicon root has no de/ folder for language 'de'"
    ]
