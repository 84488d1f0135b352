"""The invented training sentences of ``training/augment_fr.py``.

They teach the tagger and parser constructions the UD training files barely
hold, so they must follow the treebanks' conventions exactly, be well-formed
trees, stay the same from run to run, and never repeat a lexicon or rule
example (those are the tests the model is judged by).
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
UD = REPO.parent / "shared" / "ud"
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON"}
UPOS |= {"PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

pytestmark = pytest.mark.skipif(
    not (UD / "UD_French-GSD").is_dir(), reason="needs the UD treebanks in ../shared/ud"
)


@pytest.fixture(scope="module")
def augment() -> ModuleType:
    """The script's module (``training/`` is not a package: imported from its folder)."""
    sys.path.insert(0, str(REPO / "training"))
    return importlib.import_module("augment_fr")


@pytest.fixture(scope="module")
def train_files(augment) -> list[Path]:
    from train_fr import TRAIN_FILES

    return [UD / name for name in TRAIN_FILES]


@pytest.fixture(scope="module")
def blocks(augment, train_files) -> list[str]:
    return augment.generate(train_files, REPO / "lexicons")


def _rows(block: str) -> list[list[str]]:
    return [line.split("\t") for line in block.splitlines() if not line.startswith("#")]


def _text(block: str) -> str:
    return next(
        line[len("# text = ") :] for line in block.splitlines() if line.startswith("# text = ")
    )


def _treebank_deprels(train_files: list[Path]) -> set[str]:
    found = set()
    for path in train_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                found.add(cols[7])
    return found


def test_every_sentence_is_one_well_formed_tree(augment, blocks, train_files):
    deprels = _treebank_deprels(train_files)
    assert len(blocks) == sum(count for _, count in augment.TEMPLATES.values())
    for block in blocks:
        rows = _rows(block)
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1)), block
        heads = {int(r[0]): int(r[6]) for r in rows}
        assert list(heads.values()).count(0) == 1, block
        for start in heads:  # every word reaches the root without a cycle
            seen, node = set(), start
            while node:
                assert node not in seen and node in heads, block
                seen.add(node)
                node = heads[node]
        for r in rows:
            assert len(r) == 10 and r[3] in UPOS and r[7] in deprels | {"root"}, r
            assert (r[7] == "root") == (r[6] == "0"), r
            if r[5] != "_":
                names = [pair.split("=")[0] for pair in r[5].split("|")]
                assert names == sorted(names, key=str.lower) and all(
                    "=" in p for p in r[5].split("|")
                ), r
        assert " ".join(r[1] for r in rows).replace("' ", "'").replace(" ,", ",").replace(
            " .", "."
        ) == _text(block)


def test_generation_is_deterministic_and_sentences_distinct(augment, blocks, train_files):
    assert augment.generate(train_files, REPO / "lexicons") == blocks
    texts = [_text(b) for b in blocks]
    assert len(set(texts)) == len(texts)


def test_no_sentence_repeats_a_lexicon_or_rule_example(augment, blocks, train_files):
    examples = augment.example_sentences(REPO / "lexicons")
    assert len(examples) > 1000  # the walker reaches entries and rules
    assert "Les insurgés occuperaient encore la mairie." in examples
    assert not examples & {_text(b) for b in blocks}
    # the filter itself: forbid the first sentence and it is replaced
    first = _text(blocks[0])
    again = augment.generate(train_files, REPO / "lexicons", forbidden={first})
    assert len(again) == len(blocks) and first not in {_text(b) for b in again}


def _sentences(blocks: list[str], kind: str) -> list[list[list[str]]]:
    return [_rows(b) for b in blocks if f"# sent_id = augment-{kind}-" in b]


def test_incises_follow_the_treebank_convention(blocks):
    incises = _sentences(blocks, "incise")
    assert len(incises) == 450
    for rows in incises:
        verb = next(r for r in rows if r[7] == "parataxis:insert")
        assert verb[3] == "VERB" and rows[int(verb[6]) - 1][7] == "root"
        subjects = [r for r in rows if r[6] == verb[0] and r[7] == "nsubj"]
        assert len(subjects) == 1 and int(subjects[0][0]) > int(verb[0])
        assert subjects[0][3] in {"NOUN", "PROPN"}


def test_qualify_labels_are_xcomp_with_de_as_case(blocks):
    sentences = _sentences(blocks, "qualify")
    shapes = Counter()
    for rows in sentences:
        verb = next(r for r in rows if r[7] == "root")
        assert verb[2] in {"qualifier", "traiter"}
        label = next(r for r in rows if r[7] == "xcomp")
        target = next(r for r in rows if r[7] == "obj")
        assert label[6] == target[6] == verb[0]
        case = [r for r in rows if r[6] == label[0] and r[7] == "case"]
        assert [r[2] for r in case] == ["de"]
        if label[3] == "ADJ":  # an adjective label agrees with its target
            label_feats = dict(p.split("=") for p in label[5].split("|"))
            target_feats = dict(p.split("=") for p in target[5].split("|"))
            assert label_feats["Number"] == target_feats["Number"]
            assert label_feats["Gender"] == target_feats.get("Gender", label_feats["Gender"])
        shapes["label first" if int(label[0]) < int(target[0]) else "target first"] += 1
    assert shapes["label first"] > 20 and shapes["target first"] > 20


def test_conditionals_and_imperfects_are_told_apart_by_their_features(blocks):
    moods: Counter[tuple[str, str]] = Counter()
    for rows in _sentences(blocks, "conditional"):
        finite = [r for r in rows if "VerbForm=Fin" in r[5]]
        assert len(finite) == 1, rows  # the main verb or its auxiliary
        verb = finite[0]
        feats = dict(p.split("=") for p in verb[5].split("|"))
        moods[(feats["Mood"], verb[3])] += 1
        if feats["Mood"] == "Cnd":
            assert verb[1].endswith(("rait", "raient")) and feats["Tense"] == "Pres"
        else:
            assert feats["Tense"] == "Imp"
            assert not verb[1].endswith(
                ("erait", "eraient", "drait", "draient", "urait", "uraient")
            )
        assert feats["Number"] == ("Plur" if verb[1].endswith("ent") else "Sing")
        if verb[3] == "AUX":  # "auraient pris", "seraient blessés": the participle is the root
            assert verb[7] in {"aux:tense", "aux:pass"} and rows[int(verb[6]) - 1][7] == "root"
    assert moods[("Cnd", "VERB")] > 150 and moods[("Cnd", "AUX")] > 60
    assert moods[("Ind", "VERB")] > 40 and moods[("Ind", "AUX")] > 15


def test_hedge_adjectives_and_impersonal_passives(blocks):
    for rows in _sentences(blocks, "hedge"):
        hedge = next(r for r in rows if r[2] in {"présumé", "prétendu", "supposé"})
        assert hedge[3] == "ADJ" and hedge[7] == "amod"
        assert rows[int(hedge[6]) - 1][7] == "nsubj:pass"
    for rows in _sentences(blocks, "passive"):
        assert rows[0][7] == "expl:subj" and rows[0][1] == "Il"
        root = next(r for r in rows if r[7] == "root")
        assert "Voice=Pass" in root[5]
        assert [r[7] for r in rows if r[6] == root[0]].count("csubj:pass") == 1
        assert [r[7] for r in rows if r[6] == root[0]].count("obl:agent") == 1


def test_gerund_clauses_hang_on_the_speech_verb(augment, blocks):
    """'en affirmant que P': P under the gerund; 'a répondu en souriant que P': under
    the main speech verb. The gerund follows the treebanks: "en" mark, advcl."""
    speech = {lemma for lemma, _ in augment.SPEECH_GERUNDS}
    manner = {lemma for lemma, _ in augment.MANNER_GERUNDS}
    heads = Counter()
    sentences = _sentences(blocks, "gerund")
    assert len(sentences) == 200
    for rows in sentences:
        gerund = next(r for r in rows if r[5] == "Tense=Pres|VerbForm=Part")
        assert gerund[7] == "advcl" and rows[int(gerund[6]) - 1][7] == "root"
        assert rows[int(gerund[0]) - 2][1] == "en" and rows[int(gerund[0]) - 2][7] == "mark"
        que = next(r for r in rows if r[1] in {"que", "qu'"})
        clause = rows[int(que[6]) - 1]
        assert clause[7] == "ccomp"
        if gerund[2] in speech:
            assert clause[6] == gerund[0]
            heads["gerund"] += 1
        else:
            assert gerund[2] in manner and rows[int(clause[6]) - 1][7] == "root"
            heads["main"] += 1
    assert heads["gerund"] > 120 and heads["main"] > 30


def test_object_modifiers_hang_on_the_object_and_are_no_lexicon_words(augment, blocks):
    """The counter-examples to "qualifier X de Y": the word after the object modifies
    it. None of their adjectives or participles is a lexicon entry's word, so they
    teach syntax without rehearsing the lexicon's examples."""
    from framing.annotation.lexicon import read_lexicon
    from framing.annotation.patterns import SentenceView
    from framing.io.conllu import read_conllu

    sentences = _sentences(blocks, "object")
    assert len(sentences) == 400
    relations = Counter()
    for rows in sentences:
        obj = next(r for r in rows if r[7] == "obj")
        modifier = next(r for r in rows if r[6] == obj[0] and r[7] in {"amod", "acl"})
        assert int(modifier[0]) > int(obj[0])
        relations[(modifier[7], modifier[3])] += 1
    assert relations[("amod", "ADJ")] > 150 and relations[("acl", "VERB")] > 150
    lexicon, _ = read_lexicon()
    text = "\n".join(b for b in blocks if "# sent_id = augment-object-" in b)
    for document in read_conllu(text + "\n"):
        for sentence in document.sentences:
            found = [m.entry.id for m in lexicon.find(SentenceView(sentence))]
            assert not [e for e in found if e.startswith("eval.")], (sentence.text, found)
