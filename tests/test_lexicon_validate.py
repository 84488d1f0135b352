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
