"""Lexicon coverage on a corpus: what fires, what never does, what is missing.

A linguist extending a lexicon needs three lists from real text:

* the entries that **never fire** (a typo in a pattern, a UPOS the parser
  never gives, or a word the outlets simply do not use);
* the entries **ranked by frequency**, to see which ones carry the results;
* **candidate terms** not yet in the lexicon: frequent NOUN/ADJ lemmas in the
  positions the rules care about, where a missing word costs the most:

  ``speaker``
      the word a speech-event rule binds as ``speaker`` (attribution, selon
      and qualify families): who is quoted is often named with a label;
  ``evaluated``
      the ``target`` of a target-family rule: a head that an evaluative word
      describes ("violentes *manifestations*");
  ``label_modifier``
      an adjective (``amod``) on the head of a label mention ("casseurs
      *masqués*"): evaluative words that are not in the lexicon yet;
  ``qualify_label`` / ``qualify_target``
      the label and the target of "qualifier / traiter X de Y".

Words already covered by a lexicon match are not candidates; nor are proper
nouns and pronouns (names of speakers are not lexicon material). Matches and
words inside boilerplate (site navigation, teasers) are not counted, as in the
reports. An entry of a trigger-only category (``agentless_passive``) counts
only when a passive rule turns it into a mention.

``coverage`` works on parsed documents, so it is the same code whether the
parses come from a CoNLL-U file, the parse cache or a fresh parse; the command
``framing lexicon coverage`` reads a corpus, parses what needs parsing and
writes one CSV for review.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from framing.annotation.annotator import Annotator
from framing.annotation.boilerplate import find_boilerplate
from framing.annotation.lexicon import LABEL_CATEGORIES, TRIGGER_ONLY_CATEGORIES
from framing.annotation.patterns import SentenceView
from framing.cli.common import friendly_errors
from framing.types import Document, Sentence, Word

MAX_EXAMPLES = 3
CONTEXT_CHARS = 40
CANDIDATE_UPOS = ("NOUN", "ADJ")
SPEECH_FAMILIES = ("attribution", "selon", "qualify")
CSV_COLUMNS = (
    "section",
    "rank",
    "entry_or_lemma",
    "category",
    "upos",
    "position",
    "count",
    "documents",
    "where",
    "examples",
)
# What a candidate in each position most likely is, as a hint for the reviewer.
POSITION_HINTS = {
    "speaker": "actor_label",
    "evaluated": "actor_label|event_label|intervention_label",
    "label_modifier": "evaluative",
    "qualify_label": "actor_label|event_label|evaluative",
    "qualify_target": "actor_label|event_label",
}


@dataclass
class EntryCount:
    """How often one lexicon entry fired, with the first examples."""

    id: str
    category: str
    file: str
    line: int
    count: int = 0
    documents: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    """A lemma, in one rule position, that no lexicon entry covers."""

    lemma: str
    upos: str
    position: str
    count: int = 0
    documents: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)


@dataclass
class CoverageResult:
    """Counts per entry and candidate terms over a corpus."""

    documents: int
    sentences: int
    entries: list[EntryCount]  # every entry, in lexicon order
    candidates: list[Candidate]  # every candidate, unfiltered, unordered

    @property
    def fired(self) -> list[EntryCount]:
        """Entries that fired, most frequent first (ties: by id)."""
        return sorted((e for e in self.entries if e.count), key=lambda e: (-e.count, e.id))

    @property
    def never_fired(self) -> list[EntryCount]:
        """Entries that never fired, by category then id."""
        return sorted((e for e in self.entries if not e.count), key=lambda e: (e.category, e.id))

    def ranked_candidates(self, min_count: int = 1) -> list[Candidate]:
        """Candidates seen at least ``min_count`` times, most frequent first."""
        kept = [c for c in self.candidates if c.count >= min_count]
        return sorted(
            kept, key=lambda c: (-c.count, -len(c.documents), c.lemma, c.position, c.upos)
        )

    def rows(self, min_count: int = 1) -> list[dict[str, Any]]:
        """The CSV rows: never-fired entries, fired entries, then candidates."""
        rows: list[dict[str, Any]] = []
        for rank, entry in enumerate(self.never_fired, start=1):
            rows.append(_entry_row("never_fired", rank, entry))
        for rank, entry in enumerate(self.fired, start=1):
            rows.append(_entry_row("fired", rank, entry))
        for rank, cand in enumerate(self.ranked_candidates(min_count), start=1):
            rows.append(
                {
                    "section": "candidate",
                    "rank": rank,
                    "entry_or_lemma": cand.lemma,
                    "category": POSITION_HINTS.get(cand.position, ""),
                    "upos": cand.upos,
                    "position": cand.position,
                    "count": cand.count,
                    "documents": len(cand.documents),
                    "where": "",
                    "examples": "\n".join(cand.examples),
                }
            )
        return rows


def _entry_row(section: str, rank: int, entry: EntryCount) -> dict[str, Any]:
    return {
        "section": section,
        "rank": rank,
        "entry_or_lemma": entry.id,
        "category": entry.category,
        "upos": "",
        "position": "",
        "count": entry.count,
        "documents": len(entry.documents),
        "where": f"{entry.file}:{entry.line}",
        "examples": "\n".join(entry.examples),
    }


def kwic(document: Document, start: int, end: int) -> str:
    """One review line: ``doc start-end: left [words] right``, about 40 characters of
    context either side, cut at word boundaries (a half word only distracts)."""
    text = document.text
    low, high = max(0, start - CONTEXT_CHARS), end + CONTEXT_CHARS
    left, right = text[low:start], text[end:high]
    if low > 0 and not text[low - 1].isspace() and len(left.split()) > 1:
        left = left.split(None, 1)[1] if not left[0].isspace() else left
    if high < len(text) and not text[high].isspace() and len(right.split()) > 1:
        right = right.rsplit(None, 1)[0] if not right[-1].isspace() else right
    line = " ".join(f"{left}[{text[start:end]}]{right}".split())
    return f"{document.id} {start}-{end}: {line}"


def _head(words: list[Word]) -> Word:
    """The word of a span whose governor lies outside it (as the annotator marks it)."""
    ids = {w.id for w in words}
    return next((w for w in words if w.head not in ids), words[0])


def _lemma(word: Word) -> str:
    return (word.lemma or word.text).casefold()


class _Counter:
    """Accumulates counts over documents; ``result`` freezes them."""

    def __init__(self, annotator: Annotator) -> None:
        self.annotator = annotator
        self.entries = {
            e.id: EntryCount(e.id, e.category, e.file, e.line) for e in annotator.lexicon.entries
        }
        self.candidates: dict[tuple[str, str, str], Candidate] = {}
        self.documents = 0
        self.sentences = 0

    def add_document(self, document: Document) -> None:
        self.documents += 1
        boiler = find_boilerplate(document.text, self.annotator.boilerplate)

        def in_boilerplate(start: int, end: int) -> bool:
            return any(b.start < end and start < b.end for b in boiler)

        for sentence in document.sentences:
            self.sentences += 1
            self._add_sentence(document, sentence, in_boilerplate)

    def _add_sentence(
        self,
        document: Document,
        sentence: Sentence,
        in_boilerplate: Callable[[int, int], bool],
    ) -> None:
        view = SentenceView(sentence)
        matches, marks = self.annotator.lexicon_marks(view)
        bindings = self.annotator.rule_bindings(sentence)
        passive_verbs = {
            binding[rule.roles["verb"]]
            for rule, binding in bindings
            if rule.family == "passive" and "verb" in rule.roles
        }
        covered: set[int] = set()
        for match in matches:
            words = view.words[match.span.start : match.span.end]
            covered.update(w.id for w in words)
            head = _head(words)
            if match.entry.category in TRIGGER_ONLY_CATEGORIES and head.id not in passive_verbs:
                continue
            start = min(sentence.token_of(w).start for w in words)
            end = max(sentence.token_of(w).end for w in words)
            if in_boilerplate(start, end):
                continue
            count = self.entries[match.entry.id]
            count.count += 1
            count.documents.add(document.id)
            if len(count.examples) < MAX_EXAMPLES:
                count.examples.append(kwic(document, start, end))

        positions: list[tuple[str, int]] = []
        for rule, binding in bindings:
            roles = {role: binding[node] for role, node in rule.roles.items() if node in binding}
            if rule.family in SPEECH_FAMILIES and "speaker" in roles:
                positions.append(("speaker", roles["speaker"]))
            if rule.family == "target" and "target" in roles:
                positions.append(("evaluated", roles["target"]))
            if rule.family == "qualify":
                for role in ("label", "target"):
                    if role in roles:
                        positions.append((f"qualify_{role}", roles[role]))
        for word_id, word_marks in marks.items():
            if word_marks.get("lexicon", set()) & set(LABEL_CATEGORIES):
                positions += [
                    ("label_modifier", w.id)
                    for w in sentence.words
                    if w.head == word_id and w.deprel == "amod"
                ]
        seen: set[tuple[str, int]] = set()
        for position, word_id in positions:
            if (position, word_id) in seen or word_id in covered:
                continue
            seen.add((position, word_id))
            word = sentence.word(word_id)
            if word.upos not in CANDIDATE_UPOS:
                continue
            token = sentence.token_of(word)
            if in_boilerplate(token.start, token.end):
                continue
            key = (_lemma(word), word.upos or "", position)
            cand = self.candidates.get(key)
            if cand is None:
                cand = self.candidates[key] = Candidate(*key)
            cand.count += 1
            cand.documents.add(document.id)
            if len(cand.examples) < MAX_EXAMPLES:
                cand.examples.append(kwic(document, token.start, token.end))

    def result(self) -> CoverageResult:
        return CoverageResult(
            documents=self.documents,
            sentences=self.sentences,
            entries=list(self.entries.values()),
            candidates=list(self.candidates.values()),
        )


def coverage(documents: Iterable[Document], annotator: Annotator) -> CoverageResult:
    """Count entry matches and candidate terms over parsed documents.

    Documents without sentences contribute nothing (parse them first). The
    result is deterministic for a given document order: examples are the first
    ones met, and every list is sorted with ties broken by name.
    """
    counter = _Counter(annotator)
    for document in documents:
        counter.add_document(document)
    return counter.result()


def write_csv(result: CoverageResult, path: Path, min_count: int = 1) -> int:
    """Write the review CSV (one row per entry or candidate); returns the row count."""
    rows = result.rows(min_count)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)
    return len(rows)


def summary(result: CoverageResult, min_count: int = 1, top: int = 5, top_entries: int = 10) -> str:
    """A few lines for the terminal: totals, the entries that fire most, the candidates."""
    fired, never = result.fired, result.never_fired
    candidates = result.ranked_candidates(min_count)
    lines = [
        f"{result.documents} documents, {result.sentences} sentences",
        f"{len(result.entries)} entries: {len(fired)} fired, {len(never)} never fired",
    ]
    lines.extend(top_entry_lines(result, top_entries))
    lines.append(f"{len(candidates)} candidate terms seen at least {min_count} time(s)")
    if candidates:
        lines.append(
            "top candidates: "
            + ", ".join(f"{c.lemma}/{c.upos} as {c.position} ({c.count})" for c in candidates[:top])
        )
    return "\n".join(lines)


def top_entry_lines(result: CoverageResult, top: int) -> list[str]:
    """The entries that fire most, with their share of all matches and a first example.

    A frequent entry that fires in a wrong sense costs more precision than any
    rare one, so a linguist checks these first (with the CSV's three examples, or
    ``benchmarks/annotation_quality.py --by-entry`` on gold-dev).
    """
    fired = result.fired[:top]
    if not fired:
        return []
    total = sum(e.count for e in result.entries)
    width = max(len(e.id) for e in fired)
    lines = [f"entries that fire most (check their senses first; {total} matches in all):"]
    for rank, entry in enumerate(fired, start=1):
        share = 100 * entry.count / total
        example = entry.examples[0] if entry.examples else ""
        lines.append(
            f"{rank:>4}. {entry.id:<{width}}  {entry.category:<18} {entry.count:>6} "
            f"({share:4.1f}%) in {len(entry.documents)} documents  {example}"
        )
    return lines


def _parsed(
    documents: Iterable[Document], model_dir: Path | None, language: str
) -> Iterator[Document]:
    """Parse the documents that are not parsed yet; the parser loads only if needed."""
    parser = None
    for document in documents:
        if not document.sentences and document.text.strip():
            if parser is None:
                from framing.parsing.parser import Parser

                parser = Parser(model_dir=model_dir, language=language)
            document = parser.parse(document)
        yield document


@click.command("coverage")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The review CSV to write.",
)
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Lexicon folder or file (repeatable); a folder brings its rules/ and boilerplate/. "
    "Default: the bundled lexicons.",
)
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FRAMING_MODEL_DIR",
    default=None,
    help="Parsing model (default: $FRAMING_MODEL_DIR, else the embedded one).",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N documents.")
@click.option(
    "--min-count",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Candidate terms seen fewer times are left out.",
)
@click.option(
    "--top",
    "top_entries",
    type=click.IntRange(0),
    default=10,
    show_default=True,
    help="How many of the entries that fire most to print, with an example each.",
)
@click.option("--language", default="fr", show_default=True)
@friendly_errors
def coverage_command(
    corpus: tuple[Path, ...],
    out: Path,
    lexicons: tuple[Path, ...],
    model_dir: Path | None,
    limit: int | None,
    min_count: int,
    top_entries: int,
    language: str,
) -> None:
    """Which entries fire on CORPUS, which never do, and frequent words the lexicon lacks.

    CORPUS is any input framing reads (text folders, JSONL, CSV, CoNLL-U ...);
    CoNLL-U parses are used as they are, other texts are parsed first.
    """
    from framing.ingest import IngestOptions, read_corpus

    annotator = Annotator.from_paths(list(lexicons) or None, language)
    source = read_corpus(list(corpus), IngestOptions())
    documents: Iterable[Document] = source
    if limit is not None:
        documents = itertools.islice(documents, limit)
    result = coverage(_parsed(documents, model_dir, language), annotator)
    rows = write_csv(result, out, min_count)
    for skipped in getattr(source, "skipped", []):
        click.echo(f"skipped: {skipped.source} {skipped.location}: {skipped.reason}", err=True)
    click.echo(summary(result, min_count, top_entries=top_entries))
    click.echo(f"wrote {out} ({rows} rows)")
