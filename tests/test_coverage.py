"""`framing lexicon coverage` on three hand-parsed documents (no parser model needed).

d1 "Le ministre a déclaré que les casseurs masqués avaient attaqué la mairie ."
   verb.declarer, actor.casseur; speaker "ministre"; "masqués" modifies a label
d2 "Le ministre a déclaré que les violentes manifestations continuaient ."
   verb.declarer, eval.violent; speaker "ministre"; "manifestations" is evaluated
d3 "Le préfet a qualifié les casseurs de voyous ."
   actor.casseur; qualify speaker "préfet", label "voyous", target "casseurs" (covered)

Expected: actor.casseur 2 and verb.declarer 2 (tie broken by id), eval.violent 1;
never fired: actor.terroriste, hedge.pretendu; candidates: ministre/NOUN as speaker 2,
then manifestation, masqué, préfet, voyou once each.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.annotation.annotator import Annotator
from framing.cli.tools import coverage_command
from framing.io.conllu import document_to_conllu
from framing.tools.coverage import coverage, top_entry_lines
from tests.helpers import conllu_doc

REPO = Path(__file__).resolve().parents[1]
LEXICON = REPO / "tests" / "data" / "tooling" / "coverage_lexicon.yaml"
RULES = [REPO / "lexicons" / "fr" / "rules" / f"{n}.yaml" for n in ("attribution", "modifiers")]


def _documents():
    d1 = conllu_doc(
        [
            ("Le", "le", "DET", 2, "det"),
            ("ministre", "ministre", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("déclaré", "déclarer", "VERB", 0, "root"),
            ("que", "que", "SCONJ", 10, "mark"),
            ("les", "le", "DET", 7, "det"),
            ("casseurs", "casseur", "NOUN", 10, "nsubj"),
            ("masqués", "masqué", "ADJ", 7, "amod"),
            ("avaient", "avoir", "AUX", 10, "aux:tense"),
            ("attaqué", "attaquer", "VERB", 4, "ccomp"),
            ("la", "le", "DET", 12, "det"),
            ("mairie", "mairie", "NOUN", 10, "obj"),
            (".", ".", "PUNCT", 4, "punct"),
        ],
        "d1",
    )
    d2 = conllu_doc(
        [
            ("Le", "le", "DET", 2, "det"),
            ("ministre", "ministre", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("déclaré", "déclarer", "VERB", 0, "root"),
            ("que", "que", "SCONJ", 9, "mark"),
            ("les", "le", "DET", 8, "det"),
            ("violentes", "violent", "ADJ", 8, "amod"),
            ("manifestations", "manifestation", "NOUN", 9, "nsubj"),
            ("continuaient", "continuer", "VERB", 4, "ccomp"),
            (".", ".", "PUNCT", 4, "punct"),
        ],
        "d2",
    )
    d3 = conllu_doc(
        [
            ("Le", "le", "DET", 2, "det"),
            ("préfet", "préfet", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("qualifié", "qualifier", "VERB", 0, "root"),
            ("les", "le", "DET", 6, "det"),
            ("casseurs", "casseur", "NOUN", 4, "obj"),
            ("de", "de", "ADP", 8, "case"),
            ("voyous", "voyou", "NOUN", 4, "obl:arg"),
            (".", ".", "PUNCT", 4, "punct"),
        ],
        "d3",
    )
    return [d1, d2, d3]


@pytest.fixture(scope="module")
def annotator():
    return Annotator.from_paths([LEXICON, *RULES])


@pytest.fixture(scope="module")
def result(annotator):
    return coverage(_documents(), annotator)


def test_entries_ranked_and_never_fired(result):
    assert (result.documents, result.sentences) == (3, 3)
    assert [(e.id, e.count, len(e.documents)) for e in result.fired] == [
        ("actor.casseur", 2, 2),
        ("verb.declarer", 2, 2),
        ("eval.violent", 1, 1),
    ]
    assert [e.id for e in result.never_fired] == ["actor.terroriste", "hedge.pretendu"]
    assert result.fired[0].examples[0] == (
        "d1 30-38: Le ministre a déclaré que les [casseurs] masqués avaient attaqué la mairie ."
    )


def test_candidate_terms(result):
    ranked = [(c.lemma, c.upos, c.position, c.count) for c in result.ranked_candidates()]
    assert ranked == [
        ("ministre", "NOUN", "speaker", 2),
        ("manifestation", "NOUN", "evaluated", 1),
        ("masqué", "ADJ", "label_modifier", 1),
        ("préfet", "NOUN", "speaker", 1),
        ("voyou", "NOUN", "qualify_label", 1),
    ]
    top = result.ranked_candidates(min_count=2)
    assert [c.lemma for c in top] == ["ministre"]
    assert top[0].examples == [
        # 40 characters of context, without the word the window cuts ("avai|ent")
        "d1 3-11: Le [ministre] a déclaré que les casseurs masqués",
        "d2 3-11: Le [ministre] a déclaré que les violentes",
    ]
    # "casseurs", the target of "qualifier de" in d3, is in the lexicon: not a candidate
    assert "casseur" not in {c.lemma for c in result.candidates}


def test_rows_are_in_review_order(result):
    rows = result.rows(min_count=2)
    assert [(r["section"], r["entry_or_lemma"]) for r in rows] == [
        ("never_fired", "actor.terroriste"),
        ("never_fired", "hedge.pretendu"),
        ("fired", "actor.casseur"),
        ("fired", "verb.declarer"),
        ("fired", "eval.violent"),
        ("candidate", "ministre"),
    ]
    assert rows[0]["where"] == f"{LEXICON}:21"


def _lexicon_args() -> list[str]:
    return [a for path in (LEXICON, *RULES) for a in ("--lexicon", str(path))]


def test_command_writes_csv(tmp_path):
    corpus = tmp_path / "corpus.conllu"
    corpus.write_text("".join(document_to_conllu(d) for d in _documents()), encoding="utf-8")
    out = tmp_path / "coverage.csv"
    run = CliRunner().invoke(
        coverage_command, [str(corpus), "--out", str(out), *_lexicon_args(), "--limit", "2"]
    )
    assert run.exit_code == 0, run.output
    assert "2 documents, 2 sentences" in run.stdout
    assert "5 entries: 3 fired, 2 never fired" in run.stdout
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["section"] == "never_fired"
    candidates = [r for r in rows if r["section"] == "candidate"]
    assert [(r["entry_or_lemma"], r["position"], r["count"]) for r in candidates] == [
        ("ministre", "speaker", "2")
    ]
    assert candidates[0]["examples"].count("\n") == 1  # one line per example


def test_command_reports_errors_in_one_line(tmp_path):
    bad = tmp_path / "corpus.unknown"
    bad.write_text("?", encoding="utf-8")
    run = CliRunner().invoke(
        coverage_command, [str(bad), "--out", str(tmp_path / "x.csv"), *_lexicon_args()]
    )
    assert run.exit_code == 1
    assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1
    assert not (tmp_path / "x.csv").exists()


# -- coverage counts what annotate emits ---------------------------------------------


def _passive_juger():
    """ "Les émeutiers seront jugés demain.": a passive of juger, no one's speech."""
    return conllu_doc(
        [
            ("Les", "le", "DET", 2, "det"),
            ("émeutiers", "émeutier", "NOUN", 4, "nsubj:pass"),
            ("seront", "être", "AUX", 4, "aux:pass", "Mood=Ind|Tense=Fut|VerbForm=Fin"),
            ("jugés", "juger", "VERB", 0, "root", "Gender=Masc|Number=Plur|VerbForm=Part"),
            ("demain", "demain", "ADV", 4, "advmod"),
            (".", ".", "PUNCT", 4, "punct"),
        ],
        "passive",
    )


def _speech_juger():
    """ "Le syndicat a jugé que la réforme échoue.": juger introduces speech."""
    return conllu_doc(
        [
            ("Le", "le", "DET", 2, "det"),
            ("syndicat", "syndicat", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("jugé", "juger", "VERB", 0, "root"),
            ("que", "que", "SCONJ", 8, "mark"),
            ("la", "le", "DET", 7, "det"),
            ("réforme", "réforme", "NOUN", 8, "nsubj"),
            ("échoue", "échouer", "VERB", 4, "ccomp"),
            (".", ".", "PUNCT", 4, "punct"),
        ],
        "speech",
    )


@pytest.fixture(scope="module")
def bundled():
    return Annotator.from_paths()


def _annotated_counts(annotator, documents):
    entries = {e.id for e in annotator.lexicon.entries}
    found: dict[str, int] = {}
    for document in documents:
        for mention in annotator.annotate(document).mentions:
            if mention.entry in entries and not mention.boilerplate:
                found[mention.entry] = found.get(mention.entry, 0) + 1
    return found


def test_a_reporting_verb_that_reports_nothing_counts_in_neither(bundled):
    """Coverage used to count verb.juger here while annotate emitted nothing."""
    document = _passive_juger()
    assert "verb.juger" not in {m.entry for m in bundled.annotate(document).mentions}
    counts = {e.id: e.count for e in coverage([document], bundled).entries}
    assert counts["verb.juger"] == 0
    assert counts["actor.emeutier"] == 1


def test_coverage_counts_equal_annotate_counts(bundled):
    documents = [_passive_juger(), _speech_juger(), *_documents()]
    fired = {e.id: e.count for e in coverage(documents, bundled).fired}
    assert fired == _annotated_counts(bundled, documents)
    assert fired["verb.juger"] == 1


def test_top_entry_lines_rank_share_and_example(result):
    lines = top_entry_lines(result, 2)
    assert lines[0] == "entries that fire most (check their senses first; 5 matches in all):"
    assert len(lines) == 3  # the header and the two most frequent entries
    first, second = lines[1].split(), lines[2].split()
    assert first[:6] == ["1.", "actor.casseur", "actor_label", "2", "(40.0%)", "in"]
    assert second[:2] == ["2.", "verb.declarer"]
    assert lines[1].endswith(
        "d1 30-38: Le ministre a déclaré que les [casseurs] masqués avaient attaqué la mairie ."
    )
    assert top_entry_lines(result, 0) == []


def test_command_prints_the_entries_that_fire_most(tmp_path):
    corpus = tmp_path / "corpus.conllu"
    corpus.write_text("".join(document_to_conllu(d) for d in _documents()), encoding="utf-8")
    args = [str(corpus), "--out", str(tmp_path / "c.csv"), *_lexicon_args(), "--top", "1"]
    run = CliRunner().invoke(coverage_command, args)
    assert run.exit_code == 0, run.output
    assert "entries that fire most" in run.stdout
    assert "1. actor.casseur" in run.stdout
    assert "2. verb.declarer" not in run.stdout


def test_command_parses_through_the_parse_cache(tmp_path):
    """A text corpus is parsed once: the parse lands in --cache and is read back next time."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("Les émeutiers ont incendié la mairie de Valbrune.", encoding="utf-8")
    cache = tmp_path / "cache"
    args = [str(corpus), "--out", str(tmp_path / "c.csv"), *_lexicon_args(), "--cache", str(cache)]
    first = CliRunner().invoke(coverage_command, args)
    assert first.exit_code == 0, first.output
    entries = list(cache.rglob("*.json.gz"))
    assert len(entries) == 1
    stamp = entries[0].stat().st_mtime_ns
    second = CliRunner().invoke(coverage_command, args)
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout
    assert entries[0].stat().st_mtime_ns == stamp  # read, not written again
    nothing = CliRunner().invoke(
        coverage_command, [*args[:-2], "--cache", str(tmp_path / "other"), "--no-cache"]
    )
    assert nothing.exit_code == 0, nothing.output
    assert not (tmp_path / "other").exists()
