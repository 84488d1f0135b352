"""Every lexicon entry's and rule's examples, one test each (examples are tests)."""

from __future__ import annotations

import pytest

from framing.annotation.lexicon import read_lexicon
from framing.annotation.rules import read_rules

LEXICON, LEXICON_PROBLEMS = read_lexicon()
RULES, _, RULE_PROBLEMS = read_rules()


def test_bundled_lexicon_is_valid():
    assert [str(p) for p in LEXICON_PROBLEMS] == []


def test_bundled_rules_are_valid():
    assert [str(p) for p in RULE_PROBLEMS] == []


def _explain(runner, results):
    lines = []
    for result in results:
        if not result.ok:
            verdict = "missed" if result.expected else "matched although listed in no_match"
            lines.append(f"{result.file}:{result.line}: {result.item} {verdict}: {result.sentence}")
            lines.append(runner.describe_parse(result.sentence))
    return "\n".join(lines)


@pytest.mark.parametrize("entry", LEXICON.entries, ids=lambda e: e.id)
def test_entry_examples(entry, example_runner):
    results = example_runner.check_entry(entry)
    assert results and all(r.ok for r in results), _explain(example_runner, results)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule, example_runner):
    results = example_runner.check_rule(rule)
    assert results and all(r.ok for r in results), _explain(example_runner, results)
