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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.annotation.annotator import Annotator
from framing.annotation.boilerplate import find_boilerplate
from framing.annotation.families import speech_families
from framing.annotation.lexicon import LABEL_CATEGORIES
from framing.annotation.patterns import SentenceView
from framing.kwic import context
from framing.types import Document, Mention, Sentence, Word

MAX_EXAMPLES = 3
CONTEXT_CHARS = 40
CANDIDATE_UPOS = ("NOUN", "ADJ")
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
    line = context(document.text, start, end, CONTEXT_CHARS, whole_words=True).line()
    return f"{document.id} {start}-{end}: {line}"


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
        """Count the document's mentions by entry, as ``framing annotate`` finds them,
        and the candidate terms of each sentence."""
        self.documents += 1
        boiler = find_boilerplate(document.text, self.annotator.boilerplate)

        def in_boilerplate(start: int, end: int) -> bool:
            return any(b.start < end and start < b.end for b in boiler)

        for mention in self.annotator.annotate(document).mentions:
            self._add_mention(document, mention)
        for sentence in document.sentences:
            self.sentences += 1
            self._add_candidates(document, sentence, in_boilerplate)

    def _add_mention(self, document: Document, mention: Mention) -> None:
        """One more use of the mention's entry (rule-made mentions have no entry)."""
        count = self.entries.get(mention.entry)
        if count is None or mention.boilerplate:
            return
        count.count += 1
        count.documents.add(document.id)
        if len(count.examples) < MAX_EXAMPLES:
            count.examples.append(kwic(document, mention.start, mention.end))

    def _add_candidates(
        self,
        document: Document,
        sentence: Sentence,
        in_boilerplate: Callable[[int, int], bool],
    ) -> None:
        view = SentenceView(sentence)
        matches, marks = self.annotator.lexicon_marks(view)
        covered = {w.id for m in matches for w in view.words[m.span.start : m.span.end]}
        seen: set[tuple[str, int]] = set()
        for position, word_id in _positions(self.annotator, sentence, marks):
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


def _positions(
    annotator: Annotator, sentence: Sentence, marks: Mapping[int, Mapping[str, set[str]]]
) -> list[tuple[str, int]]:
    """(position, word id) for each word in a place the rules care about."""
    positions: list[tuple[str, int]] = []
    speech = speech_families()
    for rule, binding in annotator.rule_bindings(sentence):
        roles = {role: binding[node] for role, node in rule.roles.items() if node in binding}
        if rule.family in speech and "speaker" in roles:
            positions.append(("speaker", roles["speaker"]))
        if rule.family == "target" and "target" in roles:
            positions.append(("evaluated", roles["target"]))
        if rule.family == "qualify":
            positions += [(f"qualify_{r}", roles[r]) for r in ("label", "target") if r in roles]
    for word_id, word_marks in marks.items():
        if word_marks.get("lexicon", set()) & set(LABEL_CATEGORIES):
            positions += [
                ("label_modifier", w.id)
                for w in sentence.words
                if w.head == word_id and w.deprel == "amod"
            ]
    return positions


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
