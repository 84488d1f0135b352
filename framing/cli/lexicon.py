"""Commands for linguists: ``framing lexicon validate|test`` and ``framing explain``.

They give fast feedback without Python: what is wrong in a file (as
``file:line: message``), which examples fail and how the sentence was parsed,
and what the annotator sees in any sentence.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from framing.cli.common import cache_option, friendly_errors, no_cache_option
from framing.errors import FramingError

if TYPE_CHECKING:
    from framing.annotation.annotator import Annotator
    from framing.annotation.lexicon import Problem
    from framing.annotation.patterns import TokenSpec
    from framing.types import Document, Word


def collect_problems(paths: list[Path], language: str) -> list[Problem]:
    """Schema, vocabulary, duplicate and syntax problems of lexicons, rules and boilerplate.

    ``paths`` may name the lexicon root, language folders or single files
    (``framing.annotation.sources``); none means the bundled data.
    """
    from framing.annotation.boilerplate import read_boilerplate
    from framing.annotation.lexicon import Inventory, read_lexicon
    from framing.annotation.rules import read_rules
    from framing.annotation.sources import split_sources

    sources = split_sources(paths, language)
    inventory = Inventory.load(sources.inventory) if sources.inventory else None
    problems = []
    if sources.lexicons is None or sources.lexicons:
        problems += read_lexicon(sources.lexicons, language, inventory)[1]
    if sources.rules is None or sources.rules:
        problems += read_rules(sources.rules, language)[2]
    if sources.boilerplate is None or sources.boilerplate:
        problems += read_boilerplate(sources.boilerplate, language)[2]
    return problems


@click.group("lexicon")
def lexicon_group() -> None:
    """Check and test lexicons and rules."""


def example_problems(paths: list[Path], language: str, model_dir: Path | None) -> list[Problem]:
    """Examples that no longer parse: no words at all, or a parser error."""
    from framing.annotation.annotator import Annotator
    from framing.annotation.lexicon import Problem
    from framing.parsing.parser import Parser
    from framing.types import Document

    annotator = Annotator.from_paths(paths or None, language)
    parser = Parser(model_dir=model_dir, language=language)
    items = list(annotator.lexicon.entries) + list(annotator.rules)
    problems = []
    for item in items:
        for sentence in (*item.examples_match, *item.examples_no_match):
            try:
                parsed = parser.parse(Document(id="example", text=sentence, language=language))
            except Exception as exc:  # any parser failure is a finding here
                problems.append(
                    Problem(
                        item.file,
                        item.line,
                        f"{item.id}: example does not parse ({exc}): {sentence}",
                    )
                )
                continue
            if parsed.word_count == 0:
                problems.append(
                    Problem(item.file, item.line, f"{item.id}: example has no words: {sentence!r}")
                )
    return problems


@lexicon_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--language", default="fr", show_default=True)
@click.option(
    "--examples",
    "check_examples",
    is_flag=True,
    help="Also parse every example sentence and report those that no longer parse.",
)
@click.option(
    "--model-dir", type=click.Path(file_okay=False, path_type=Path), envvar="FRAMING_MODEL_DIR"
)
@friendly_errors
def validate_command(
    paths: tuple[Path, ...], language: str, check_examples: bool, model_dir: Path | None
) -> None:
    """Schema and semantic checks; prints file:line: message, exits 1 on an error."""
    problems = collect_problems(list(paths), language)
    if check_examples and not [p for p in problems if p.severity == "error"]:
        problems += example_problems(list(paths), language, model_dir)
    for problem in problems:
        click.echo(str(problem))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(f"{len(errors)} error(s)", err=True)
        sys.exit(1)
    click.echo("ok: no problems found", err=True)


@lexicon_group.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--entry", "entry_ids", multiple=True, help="Only this entry or rule id (repeatable)."
)
@click.option("--language", default="fr", show_default=True)
@click.option(
    "--model-dir", type=click.Path(file_okay=False, path_type=Path), envvar="FRAMING_MODEL_DIR"
)
@friendly_errors
def test_command(
    paths: tuple[Path, ...], entry_ids: tuple[str, ...], language: str, model_dir: Path | None
) -> None:
    """Run the examples of every entry and rule; print the parse of each failure."""
    from framing.annotation.annotator import Annotator
    from framing.parsing.parser import Parser
    from framing.tools.examples import ExampleRunner

    # examples of actor_reference entries must see their mentions
    annotator = Annotator.from_paths(list(paths) or None, language, include_references=True)
    runner = ExampleRunner(annotator, Parser(model_dir=model_dir, language=language))
    items = [("entry", e) for e in annotator.lexicon.entries] + [
        ("rule", r) for r in annotator.rules
    ]
    if entry_ids:
        items = [(kind, item) for kind, item in items if item.id in entry_ids]
        missing = sorted(set(entry_ids) - {item.id for _, item in items})
        if missing:
            click.echo(f"error: no entry or rule with id {', '.join(missing)}", err=True)
            sys.exit(1)
    runner.prepare(s for _, item in items for s in (*item.examples_match, *item.examples_no_match))
    passed = failed = 0
    for kind, item in items:
        results = runner.check_entry(item) if kind == "entry" else runner.check_rule(item)
        for result in results:
            if result.ok:
                passed += 1
                continue
            failed += 1
            verdict = "missed" if result.expected else "matched, but listed under no_match"
            click.echo(f"{result.file}:{result.line}: {result.item}: {verdict}: {result.sentence}")
            click.echo(runner.describe_parse(result.sentence, item if kind == "rule" else None))
            click.echo("")
    click.echo(f"{passed} passed, {failed} failed")
    if failed:
        sys.exit(1)


@click.command("explain")
@click.argument("text", required=False)
@click.option(
    "--file",
    "file_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Explain the text of this file instead.",
)
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, path_type=Path))
@click.option("--entry", "entry_id", default=None, help="Say why this entry did or did not match.")
@click.option("--language", default="fr", show_default=True)
@click.option(
    "--model-dir", type=click.Path(file_okay=False, path_type=Path), envvar="FRAMING_MODEL_DIR"
)
@cache_option
@no_cache_option
@friendly_errors
def explain_command(
    text: str | None,
    file_path: Path | None,
    lexicons: tuple[Path, ...],
    entry_id: str | None,
    language: str,
    model_dir: Path | None,
    cache_dir: Path | None = None,
    no_cache: bool = False,
) -> None:
    """Show the parse of a text, every mention with the rules that fired, and near misses."""
    from framing.annotation.annotator import Annotator
    from framing.io.textfile import read_text_file
    from framing.parsing.cache import ParseCache, default_cache_dir
    from framing.parsing.parser import Parser
    from framing.types import Document

    if file_path is not None:
        text = read_text_file(file_path)
    if not text:
        raise FramingError("give a TEXT argument or --file")
    annotator = Annotator.from_paths(list(lexicons) or None, language)
    parser = Parser(model_dir=model_dir, language=language)
    document = Document(id="explain", text=text, language=language)
    if no_cache:  # a cached text is explained without loading the parser at all
        document = parser.parse(document)
    else:
        document = ParseCache(cache_dir or default_cache_dir(), parser).parse(document)
    annotated = annotator.annotate(document)
    for sentence in document.sentences:
        click.echo(f"# sentence {sentence.index}: {sentence.text_in(document.text)}")
        for word in sentence.words:
            head = sentence.word(word.head).text if word.head else "ROOT"
            click.echo(
                f"{word.id:>3}  {word.text:<18} {word.lemma or '_':<18} {word.upos or '_':<6} "
                f"{word.deprel or '_':<12} -> {word.head} {head:<14} {word.feats or ''}"
            )
        for rule, binding in annotator.rule_bindings(sentence):
            nodes = ", ".join(f"{n}={sentence.word(w).text}" for n, w in binding.items())
            click.echo(f"  rule {rule.id}: {nodes}")
        click.echo("")
    click.echo("# mentions")
    for m in annotated.mentions:
        speaker = f" speaker={m.speaker.text!r}" if m.speaker else ""
        target = f" target={m.target.text!r}" if m.target else ""
        flags = "".join(f" {f}" for f in ("negated", "hedged", "boilerplate") if getattr(m, f))
        click.echo(
            f"{m.start}-{m.end} {m.text!r} {m.category} {m.entry} voice={m.voice}{speaker}{target}{flags}"
        )
        click.echo(f"    rules: {', '.join(m.rules)}")
    if entry_id:
        click.echo("")
        click.echo(explain_entry(annotator, document, entry_id))


def explain_entry(annotator: Annotator, document: Document, entry_id: str) -> str:
    """Why an entry matched or not: its pattern, and how far it got at each word."""
    from framing.annotation.patterns import Gap, SentenceView, match_at

    entry = annotator.lexicon.by_id.get(entry_id)
    if entry is None:
        return f"no entry {entry_id!r} in the loaded lexicons"
    lines = [f"# entry {entry.id} ({entry.file}:{entry.line}): {entry.pattern.describe()}"]
    for sentence in document.sentences:
        view = SentenceView(sentence)
        for start in range(len(view.words)):
            span = match_at(entry.pattern, view, start)
            if span is not None:
                words = " ".join(view.words[i].text for i in range(span.start, span.end))
                lines.append(f"matches at sentence {sentence.index}, word {start + 1}: {words!r}")
                continue
            first = entry.pattern.elements[0]
            if isinstance(first, Gap):
                continue
            word = view.words[start]
            reasons = _spec_mismatch(first, word)
            if not reasons and first.needs_sentence and not first.matches_in(view.words, start):
                reasons = _head_mismatch(first, view.words, word)
            if reasons and len(reasons) == 1:
                lines.append(
                    f"near miss at sentence {sentence.index}, word {start + 1} {word.text!r}: {reasons[0]}"
                )
            elif not reasons:
                lines.append(
                    f"near miss at sentence {sentence.index}, word {start + 1} {word.text!r}: "
                    "the first word matches, a later part of the pattern does not"
                )
    if len(lines) == 1:
        lines.append("no word comes close to the first word of the pattern")
    return "\n".join(lines)


def _head_mismatch(spec: TokenSpec, words: Sequence[Word], word: Word) -> list[str]:
    """Why the word's head or dependents do not satisfy the spec's ``head``, ``head_not``,
    ``dependent_not`` or ``dependent``."""
    from framing.annotation.patterns import head_word

    governor = head_word(words, word)
    if spec.head is not None and governor is None:
        return ["the word has no head (it is the root)"]
    reasons = []
    if spec.head is not None and governor is not None:
        reasons = [f"head {governor.text!r}: {r}" for r in _spec_mismatch(spec.head, governor)]
    if spec.head_not is not None and governor is not None and not reasons:
        reasons = [f"head {governor.text!r} matches head_not {spec.head_not.describe()}"]
    refused = _refused_dependent(spec, words, word)
    if refused is not None and not reasons:
        reasons = [f"dependent {refused.text!r} matches dependent_not"]
    if spec.dependent is not None and not reasons and word.id >= 1:
        from framing.annotation.patterns import refused_dependent

        if refused_dependent(spec.dependent, words, word.id - 1) is None:
            reasons = [f"no dependent matches dependent {spec.dependent.describe()}"]
    return reasons


def _refused_dependent(spec: TokenSpec, words: Sequence[Word], word: Word) -> Word | None:
    """The dependent of ``word`` that the spec's ``dependent_not`` refuses, if any."""
    from framing.annotation.patterns import refused_dependent

    if spec.dependent_not is None or word.id < 1:
        return None
    return refused_dependent(spec.dependent_not, words, word.id - 1)


def _spec_mismatch(spec: TokenSpec, word: Word) -> list[str]:
    reasons = []
    if spec.form and not spec.form.matches(word.text):
        reasons.append(f"form {word.text!r} does not match {spec.form.source!r}")
    if spec.lemma and not spec.lemma.matches(word.lemma):
        reasons.append(f"lemma {word.lemma!r} does not match {spec.lemma.source!r}")
    if spec.upos and word.upos not in spec.upos and not spec.adjective_reading(word):
        reasons.append(f"UPOS {word.upos} is not {'|'.join(sorted(spec.upos))}")
    for name, value in spec.feats:
        if word.feat(name) != value:
            reasons.append(f"{name}={word.feat(name)} is not {value}")
    return reasons
