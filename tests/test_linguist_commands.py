"""`framing lexicon test` and `framing explain` on small lexicons written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli

LEXICON = """\
lexicon: tiny
language: fr
defaults: {category: actor_label, frame: security_threat, valence: delegitimizing, referent: protesters}
entries:
  - id: actor.emeutier
    match: "émeutier*/NOUN"
    examples:
      match: ["Les émeutiers ont incendié la mairie."]
  - id: actor.casseur
    match: "casseur*/NOUN"
    examples:
      match: ["La police a interpellé trois personnes."]
      no_match: ["Les casseurs ont brisé des vitrines."]
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


def test_lexicon_test_reports_failures_with_the_parse(tmp_path, parser):
    path = _write(tmp_path)
    result = CliRunner().invoke(cli, ["lexicon", "test", str(path)])
    assert result.exit_code == 1
    assert (
        f"{path}:9: actor.casseur: missed: La police a interpellé trois personnes." in result.output
    )
    assert (
        f"{path}:9: actor.casseur: matched, but listed under no_match: Les casseurs"
        in result.output
    )
    assert "casseurs" in result.output and "NOUN" in result.output  # the parse is printed
    assert result.output.strip().endswith("1 passed, 2 failed")


def test_lexicon_test_single_entry(tmp_path, parser):
    result = CliRunner().invoke(
        cli, ["lexicon", "test", str(_write(tmp_path)), "--entry", "actor.emeutier"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("1 passed, 0 failed")
    result = CliRunner().invoke(
        cli, ["lexicon", "test", str(_write(tmp_path)), "--entry", "nope.x"]
    )
    assert result.exit_code == 1 and "no entry or rule with id nope.x" in result.output


def test_explain_shows_parse_mentions_and_near_misses(tmp_path, parser):
    path = _write(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "explain",
            "Des émeutiers et des casseur.",
            "--lexicon",
            str(path),
            "--entry",
            "actor.emeutier",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "# sentence 0:" in result.output
    assert "'émeutiers' actor_label actor.emeutier voice=authorial" in result.output
    assert "rules: lexicon:actor.emeutier" in result.output
    assert "# entry actor.emeutier" in result.output and "matches at sentence 0" in result.output


def test_explain_needs_text(tmp_path):
    result = CliRunner().invoke(cli, ["explain"])
    assert result.exit_code == 1 and "give a TEXT argument or --file" in result.output


def test_validate_examples_reports_examples_that_do_not_parse(tmp_path, parser):
    path = tmp_path / "lex.yaml"
    path.write_text(
        LEXICON.replace(
            'match: ["Les émeutiers ont incendié la mairie."]', 'match: ["   ", "Les émeutiers."]'
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lexicon", "validate", str(path), "--examples"])
    assert result.exit_code == 1
    assert f"{path}:5: error: actor.emeutier: example has no words: '   '" in result.output


BROKEN = "lexicon: broken\nentries:\n  - id: [unclosed\n"


@pytest.mark.parametrize(
    "args",
    [
        ["lexicon", "validate", "{path}"],
        ["lexicon", "test", "{path}"],
        ["lexicon", "export", "{path}", "--format", "csv", "--out", "-"],
        ["explain", "--lexicon", "{path}", "Les émeutiers ont incendié la mairie."],
    ],
    ids=["validate", "test", "export", "explain"],
)
def test_broken_lexicon_is_a_one_line_error_naming_file_and_line(tmp_path, args):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(cli, [a.format(path=path) for a in args])
    assert result.exit_code == 1
    assert f"{path}:4: error: YAML syntax error" in result.output
    # a clean exit, not an exception caught by the test runner
    assert isinstance(result.exception, SystemExit)


def test_near_miss_reasons_agree_with_the_matcher_on_participles():
    from framing.annotation.patterns import compile_match
    from framing.cli.lexicon import _spec_mismatch
    from framing.types import Word

    word = Word(
        id=1,
        text="tendue",
        lemma="tendre",
        upos="VERB",
        feats="Tense=Past|VerbForm=Part|Voice=Pass",
    )
    widened = compile_match("tendu*/ADJ").specs[0]
    assert widened.matches_word(word) and _spec_mismatch(widened, word) == []
    strict = compile_match({"form": "tendu*", "upos": "ADJ", "participle": False}).specs[0]
    assert not strict.matches_word(word)
    assert _spec_mismatch(strict, word) == ["UPOS VERB is not ADJ"]


def test_near_miss_names_the_head_when_the_head_is_what_failed():
    from framing.annotation.patterns import compile_match
    from framing.cli.lexicon import _head_mismatch, _spec_mismatch
    from tests.helpers import conllu_doc

    doc = conllu_doc(
        [
            ("le", "le", "DET", 2, "det"),
            ("niveau", "niveau", "NOUN", 0, "root"),
            ("mesuré", "mesurer", "VERB", 2, "acl", "Tense=Past|VerbForm=Part|Voice=Pass"),
        ]
    )
    words = doc.sentences[0].words
    spec = compile_match(
        {"form": "mesuré", "upos": "ADJ", "head": {"lemma": "{discours,ton}"}}
    ).specs[0]
    assert _spec_mismatch(spec, words[2]) == []  # the word itself is fine
    assert not spec.matches_in(words, 2)
    assert _head_mismatch(spec, words, words[2]) == [
        "head 'niveau': lemma 'niveau' does not match '{discours,ton}'"
    ]
    assert _head_mismatch(spec, words, words[1]) == ["the word has no head (it is the root)"]
    refusing = compile_match({"form": "mesuré", "head_not": {"lemma": "niveau"}}).specs[0]
    assert not refusing.matches_in(words, 2)
    assert _head_mismatch(refusing, words, words[2]) == [
        "head 'niveau' matches head_not [lemma=niveau]"
    ]
    wanting = compile_match({"form": "niveau", "dependent": {"lemma": "haut"}}).specs[0]
    assert not wanting.matches_in(words, 1)
    assert _head_mismatch(wanting, words, words[1]) == [
        "no dependent matches dependent [lemma=haut]"
    ]
