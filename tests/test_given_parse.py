"""Rule examples that carry their parse: reading the rows, checking them, using them."""

from __future__ import annotations

import pytest

from framing.annotation.rules import read_rules
from framing.parsing.given import GivenParseError, given_parse
from framing.tools.examples import ExampleRunner

SENTENCE = "Le maire l'a dit."
ROWS = """
Le le DET 2 det
maire maire NOUN 5 nsubj
l' le PRON 5 obj Person=3
a avoir AUX 5 aux:tense
dit dire VERB 0 root Tense=Past|VerbForm=Part
. . PUNCT 5 punct
"""


def test_rows_become_a_document_with_the_sentence_text_and_offsets():
    document = given_parse(SENTENCE, ROWS)
    assert document.text == SENTENCE
    (sentence,) = document.sentences
    words = [(w.text, w.lemma, w.upos, w.head, w.deprel) for w in sentence.words]
    assert words[2] == ("l'", "le", "PRON", 5, "obj")
    assert sentence.words[4].feat("VerbForm") == "Part"
    assert [SENTENCE[t.start : t.end] for t in sentence.tokens] == [
        "Le",
        "maire",
        "l'",
        "a",
        "dit",
        ".",
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (ROWS.replace("maire maire", "préfet préfet"), "row 2: form 'préfet' is not the next word"),
        (ROWS.replace("NOUN 5 nsubj", "NOUN 9 nsubj"), "row 2: head '9' is not a row number"),
        (ROWS.replace("NOUN 5 nsubj", "NOUN 5"), "row 2: expected 'form lemma UPOS head deprel"),
        (ROWS.replace(". . PUNCT 5 punct", ""), "the rows stop before the end of the sentence"),
        ("", "the parse has no rows"),
    ],
)
def test_rows_that_do_not_fit_the_sentence_are_refused(rows, message):
    with pytest.raises(GivenParseError, match=message):
        given_parse(SENTENCE, rows)


RULE_FILE = """\
language: fr
rules:
  - id: attribution.object_clitic
    family: attribution
    description: test rule
    pattern: |
      V [lemma=dire];
      V -[nsubj]-> S;
    roles: {cue: V, speaker: S}
    examples:
      match:
        - "Le maire l'a dit."
      parses:
        "Le maire l'a dit.": |
%s
"""


def _rule_file(tmp_path, rows: str):
    indented = "\n".join("          " + line for line in rows.strip().splitlines())
    path = tmp_path / "rules.yaml"
    path.write_text(RULE_FILE % indented, encoding="utf-8")
    return path


def test_a_given_parse_that_does_not_fit_is_a_problem_naming_file_and_line(tmp_path):
    path = _rule_file(tmp_path, ROWS.replace("maire maire", "préfet préfet"))
    rules, _, problems = read_rules([path])
    assert rules == []
    assert [(p.file, p.line) for p in problems] == [(str(path), 3)]
    assert "given parse of \"Le maire l'a dit.\": row 2: form 'préfet'" in problems[0].message


def test_a_parse_for_a_sentence_that_is_not_an_example_is_a_problem(tmp_path):
    path = _rule_file(tmp_path, ROWS)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '      match:\n        - "Le maire l\'a dit."',
            '      match:\n        - "Le maire a parlé."',
        ),
        encoding="utf-8",
    )
    _, _, problems = read_rules([path])
    assert len(problems) == 1
    assert "not one of its examples" in problems[0].message


class _NoParser:
    """Fails the test if an example with a given parse reaches the model."""

    language = "fr"

    def parse(self, document):
        raise AssertionError(f"the model was asked to parse {document.text!r}")


def test_examples_with_a_given_parse_are_checked_on_that_parse_not_the_models(annotator):
    rule = next(r for r in annotator.rules if r.id == "attribution.subject_que")
    assert rule.example_parses, "attribution.subject_que is meant to carry its parses"
    runner = ExampleRunner(annotator, _NoParser())
    results = runner.check_rule(rule)
    assert [(r.expected, r.found) for r in results] == [(True, True), (False, False)]
    assert "(parse given in the rule file)" in runner.describe_parse(rule.examples_match[0], rule)
