"""Running the examples of lexicon entries, rules and boilerplate patterns.

Examples are the linguist's tests: each ``match`` sentence must produce the
entry (or fire the rule), each ``no_match`` sentence must not. The same code
backs the test suite and ``framing lexicon test``, so what CI checks is what a
linguist sees.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from framing.annotation.annotator import Annotator
from framing.annotation.lexicon import Entry
from framing.annotation.rules import Rule
from framing.parsing.parser import Parser
from framing.types import Document


@dataclass(frozen=True)
class ExampleResult:
    """One example sentence checked against one entry or rule."""

    item: str
    kind: str  # "entry" or "rule"
    sentence: str
    expected: bool
    found: bool
    file: str
    line: int

    @property
    def ok(self) -> bool:
        return self.expected == self.found


def _rebase(text: str, sentences: list, offset: int) -> Document:
    """A document for one example, with sentences copied and offsets shifted back."""
    moved = copy.deepcopy(sentences)
    for index, sentence in enumerate(moved):
        sentence.index = index
        sentence.sent_id = f"example-{index + 1}"
        for token in sentence.tokens:
            token.start -= offset
            token.end -= offset
    last = moved[-1].tokens[-1]
    last.space_after = text[last.end :]
    document = Document(id="example", text=text, sentences=moved)
    document.check_offsets()
    return document


class ExampleRunner:
    """Parses example sentences once each and checks entries and rules on them."""

    def __init__(self, annotator: Annotator, parser: Parser) -> None:
        self.annotator = annotator
        self.parser = parser
        self._parses: dict[str, Document] = {}

    def parse(self, sentence: str) -> Document:
        if sentence not in self._parses:
            document = Document(id="example", text=sentence, language=self.parser.language)
            self._parses[sentence] = self.parser.parse(document)
        return self._parses[sentence]

    def prepare(self, sentences: Iterable[str], batch: int = 64) -> None:
        """Parse many examples at once: one Stanza call per batch, not per sentence.

        Examples are joined with blank lines (a paragraph break is always a
        sentence break) and the parse is cut back into one document per
        example; an example whose sentences do not line up is parsed alone.
        """
        todo = [s for s in dict.fromkeys(sentences) if s not in self._parses and s.strip()]
        for start in range(0, len(todo), batch):
            group = todo[start : start + batch]
            joined = "\n\n".join(group)
            parsed = self.parser.parse(
                Document(id="examples", text=joined, language=self.parser.language)
            )
            offset = 0
            spans = []
            for sentence in group:
                spans.append((offset, offset + len(sentence)))
                offset += len(sentence) + 2
            for sentence, (low, high) in zip(group, spans, strict=True):
                inside = [s for s in parsed.sentences if low <= s.start and s.end <= high]
                straddling = [
                    s
                    for s in parsed.sentences
                    if s.start < high and s.end > low and s not in inside
                ]
                if straddling or not inside:
                    continue  # parsed alone on first use
                self._parses[sentence] = _rebase(sentence, inside, low)

    def entry_found(self, entry: Entry, sentence: str) -> bool:
        annotated = self.annotator.annotate(self.parse(sentence))
        return any(m.entry == entry.id and not m.boilerplate for m in annotated.mentions)

    def rule_document(self, rule: Rule, sentence: str) -> Document:
        """The parse a rule's example is tested on: the one the rule file gives
        for it, if any (a rule written around a parser's misreading), else the
        model's."""
        given = rule.example_parses.get(sentence)
        return given if given is not None else self.parse(sentence)

    def rule_fired(self, rule: Rule, sentence: str) -> bool:
        document = self.rule_document(rule, sentence)
        for parsed_sentence in document.sentences:
            for fired, _ in self.annotator.rule_bindings(parsed_sentence):
                if fired.id == rule.id:
                    return True
        return False

    def check_entry(self, entry: Entry) -> list[ExampleResult]:
        results = []
        for expected, sentences in ((True, entry.examples_match), (False, entry.examples_no_match)):
            for sentence in sentences:
                found = self.entry_found(entry, sentence)
                results.append(
                    ExampleResult(
                        entry.id, "entry", sentence, expected, found, entry.file, entry.line
                    )
                )
        return results

    def check_rule(self, rule: Rule) -> list[ExampleResult]:
        results = []
        for expected, sentences in ((True, rule.examples_match), (False, rule.examples_no_match)):
            for sentence in sentences:
                found = self.rule_fired(rule, sentence)
                results.append(
                    ExampleResult(rule.id, "rule", sentence, expected, found, rule.file, rule.line)
                )
        return results

    def describe_parse(self, sentence: str, rule: Rule | None = None) -> str:
        """The parse of a sentence (as a rule's example: given or the model's) as
        aligned columns, for failure reports."""
        document = self.rule_document(rule, sentence) if rule else self.parse(sentence)
        lines = []
        if rule is not None and sentence in rule.example_parses:
            lines.append("    (parse given in the rule file)")
        for parsed in document.sentences:
            for word in parsed.words:
                lines.append(
                    f"{word.id:>3} {word.text:<16} {word.lemma or '_':<16} {word.upos or '_':<6} "
                    f"{word.head!s:>3} {word.deprel or '_':<12} {word.feats or '_'}"
                )
        return "\n".join(lines)
