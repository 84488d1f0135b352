"""The rule-family registry: one declaration of each family's roles, read by the
validator and by the annotator, so that a rule that validates cannot crash a run."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from framing.annotation.families import registry_path, rule_families, speech_families
from framing.annotation.rules import read_rules
from framing.cli import cli
from framing.resources import REPO_ROOT

RULE = """rules:
  - id: {id}
    family: {family}
    pattern: |
      V [lexicon=reporting_verb];
      V -[nsubj]-> S;
      V -[ccomp]-> C;
    roles: {roles}
{params}    examples:
      match: ["Le ministre a déclaré que tout va bien."]
"""


def _rule_file(tmp_path: Path, family: str, roles: str, params: str = "") -> Path:
    path = tmp_path / "rules.yaml"
    text = RULE.format(id=f"{family}.invented", family=family, roles=roles, params=params)
    path.write_text(text, encoding="utf-8")
    return path


def _validate(path: Path):
    return CliRunner().invoke(cli, ["lexicon", "validate", str(path)])


def test_a_missing_required_role_is_named_with_file_and_line(tmp_path):
    path = _rule_file(tmp_path, "attribution", "{speaker: S}")
    result = _validate(path)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout.splitlines() == [
        f"{path}:8: error: attribution.invented: role 'cue' is required by family 'attribution'"
    ]


def test_a_misspelt_role_is_unknown_and_its_family_role_missing(tmp_path):
    path = _rule_file(tmp_path, "attribution", "{cue: V, speakr: S}")
    result = _validate(path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:8: error: attribution.invented: role 'speaker' is required by family "
        "'attribution'",
        f"{path}:8: error: attribution.invented: unknown role 'speakr' for family "
        "'attribution' (known: cue, speaker, content)",
    ]


def test_a_role_of_another_family_is_unknown(tmp_path):
    path = _rule_file(tmp_path, "negation", "{scope: V, speaker: S}")
    result = _validate(path)
    assert result.exit_code == 1
    assert "unknown role 'speaker' for family 'negation' (known: scope)" in result.stdout


def test_params_are_checked_against_the_family(tmp_path):
    path = _rule_file(tmp_path, "hedge", "{scope: V}", "    params: {mention: true, loud: 1}\n")
    result = _validate(path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:9: error: hedge.invented: param 'mention' needs role 'hedge'",
        f"{path}:9: error: hedge.invented: unknown param 'loud' for family 'hedge' "
        "(known: mention)",
    ]
    typed = _rule_file(tmp_path, "hedge", "{scope: V, hedge: V}", "    params: {mention: 1}\n")
    assert "param 'mention' must be a boolean, not 1" in _validate(typed).stdout


def test_an_unknown_family_is_named(tmp_path):
    path = _rule_file(tmp_path, "atribution", "{cue: V, speaker: S}")
    result = _validate(path)
    assert result.exit_code == 1
    assert f"{path}:2: error: atribution.invented: unknown family 'atribution'" in result.stdout


def test_annotate_refuses_the_rule_with_one_line_not_a_key_error(tmp_path):
    """Before the registry, this rule validated and then crashed annotate with KeyError: 'cue'."""
    rules = _rule_file(tmp_path, "attribution", "{speaker: S}")
    text = tmp_path / "a.txt"
    text.write_text("Le ministre a déclaré que tout va bien.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["annotate", str(text), "--lexicon", str(rules), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert not isinstance(result.exception, KeyError)
    assert "role 'cue' is required by family 'attribution'" in result.output
    assert f"{rules}:8" in result.output


def test_a_well_formed_rule_of_every_family_compiles(tmp_path):
    """Required roles only, on a pattern with a node per role: no problem, one rule each."""
    for name, family in rule_families().items():
        nodes = "; ".join(f"N{i} [upos=VERB]" for i, _ in enumerate(family.required))
        roles = ", ".join(f"{role}: N{i}" for i, role in enumerate(family.required))
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f'rules:\n  - id: {name}.ok\n    family: {name}\n    pattern: "{nodes}"\n'
            f'    roles: {{{roles}}}\n    examples: {{match: ["x"]}}\n',
            encoding="utf-8",
        )
        rules, _, problems = read_rules([path])
        assert problems == [] and [r.family for r in rules] == [name]


def test_every_bundled_rule_uses_declared_roles_only():
    rules, _, problems = read_rules()
    assert problems == []
    families = rule_families()
    assert {r.family for r in rules} == set(families)
    for rule in rules:
        assert (
            set(families[rule.family].required)
            <= set(rule.roles)
            <= set(families[rule.family].roles)
        )


def test_speech_families_come_from_the_registry():
    assert speech_families() == ("attribution", "selon", "qualify")
    assert registry_path() == REPO_ROOT / "lexicons" / "rule-families.yaml"


def test_the_docs_table_lists_every_family_with_its_roles():
    """docs/lexicons.md: required roles in bold, then the optional ones, as declared."""
    doc = (REPO_ROOT / "docs" / "lexicons.md").read_text(encoding="utf-8")
    section = doc.split("### Families and their roles", 1)[1].split("\n#", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", section, re.M))
    assert set(rows) == set(rule_families())
    for name, family in rule_families().items():
        listed = [r.strip() for r in rows[name].split(",")]
        expected = [f"**{r}**" for r in family.required] + list(family.optional)
        assert listed == expected, name


def test_the_compiled_annotator_cache_key_covers_the_registry():
    """Rules were checked against the registry: editing it must build them again."""
    from framing.annotation import compiled

    assert registry_path() in compiled._source_files(None, "fr")
