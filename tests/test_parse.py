"""Parsing with the embedded model: offsets, contractions, round trips, limits, determinism."""

from __future__ import annotations

import pytest

from framing.io.conllu import document_to_conllu, read_conllu
from framing.parsing.parser import (
    ParseOptions,
    Parser,
    ParseWarning,
    merge_orphan_punctuation,
    split_into_chunks,
)
from framing.types import Document

TRICKY = (
    "Le coup d'État de l'OTSC, qu'il a dénoncé, inquiète. "
    "« Les forces du pays et des alliés sont arrivées aux frontières », a-t-il dit.\r\n\r\n"
    "Ils étaient 10'000 dans les Pyrénées.Alors la foule s’est dispersée auxquels s'ajoutent "
    "d’autres\u00a0!"
)


@pytest.fixture(scope="module")
def tricky(parser):
    return parser.parse(Document(id="tricky", text=TRICKY))


def test_every_token_points_at_its_text(tricky):
    for token in tricky.tokens():
        assert TRICKY[token.start : token.end] == token.text
    tricky.check_offsets()


@pytest.mark.parametrize("surface", ["d'", "l'", "qu'", "10'000", "«", "»", "s’", "d’"])
def test_tricky_surfaces_are_tokens(tricky, surface):
    assert surface in [t.text for t in tricky.tokens()]


@pytest.mark.parametrize(
    ("surface", "words"),
    [("du", ["de", "le"]), ("aux", ["à", "les"]), ("des", ["de", "les"])],
)
def test_contractions_are_multiword_tokens(tricky, surface, words):
    tokens = [t for t in tricky.tokens() if t.text == surface]
    assert tokens, f"no token {surface!r}"
    assert [w.text.lower() for w in tokens[0].words] == words
    sentence = next(s for s in tricky.sentences if tokens[0] in s.tokens)
    for word in tokens[0].words:
        assert sentence.token_of(word) is tokens[0]


def test_glued_sentences_are_split(tricky):
    texts = [s.text_in(TRICKY) for s in tricky.sentences]
    assert any(t.endswith("Pyrénées.") for t in texts)
    assert any(t.startswith("Alors") for t in texts)


def test_parse_is_complete_ud(tricky):
    for sentence in tricky.sentences:
        roots = [w for w in sentence.words if w.head == 0]
        assert len(roots) == 1
        for word in sentence.words:
            assert word.upos and word.deprel and word.lemma is not None


def test_conllu_round_trip_of_a_parse(tricky):
    content = document_to_conllu(tricky)
    (back,) = read_conllu(content)
    assert back == tricky
    assert document_to_conllu(back) == content


def test_empty_and_blank_text(parser):
    for text in ("", "   \n\n "):
        doc = parser.parse(Document(id="e", text=text))
        assert doc.sentences == [] and doc.text == text
        (back,) = read_conllu(document_to_conllu(doc))
        assert back.text == text


def test_parsing_is_deterministic(parser):
    first = document_to_conllu(parser.parse(Document(id="d", text=TRICKY)))
    second = document_to_conllu(Parser().parse(Document(id="d", text=TRICKY)))
    assert first == second


def test_long_document_is_chunked_with_a_warning(parser):
    paragraph = "Le ministre a parlé devant la presse. Les manifestants sont restés calmes.\n\n"
    text = paragraph * 40
    small = Parser(model=parser.model, options=ParseOptions(max_chunk_chars=1000))
    with pytest.warns(ParseWarning, match=r"document 'long': .* parsed in \d+ chunks"):
        doc = small.parse(Document(id="long", text=text))
    doc.check_offsets()
    assert len(doc.sentences) == 80


def test_long_sentence_is_cut_with_a_warning(parser):
    text = "Le ministre, " + ", ".join(f"le délégué {i}" for i in range(60)) + " sont venus."
    small = Parser(model=parser.model, options=ParseOptions(max_sentence_words=40))
    with pytest.warns(ParseWarning, match="sentences over 40 words were cut"):
        doc = small.parse(Document(id="run-on", text=text))
    doc.check_offsets()
    assert all(len(s.words) <= 40 for s in doc.sentences)
    assert len(doc.sentences) >= 5


def test_chunk_boundaries_prefer_paragraphs():
    text = "a" * 600 + "\n\n" + "b" * 600 + ". " + "c" * 300
    spans = split_into_chunks(text, 1000)
    assert spans[0] == (0, 602)
    assert "".join(text[s:e] for s, e in spans) == text


def _tokens(*sentences: str) -> tuple[list[list[dict]], str]:
    """Stanza-style sentence dicts for space-separated tokens, with offsets in ``text``."""
    text = " ".join(sentences)
    out, position = [], 0
    for sentence in sentences:
        entries = []
        for number, token in enumerate(sentence.split(" "), start=1):
            start = text.index(token, position)
            position = start + len(token)
            entries.append({"id": number, "text": token, "start_char": start, "end_char": position})
        out.append(entries)
    return out, text


def _texts(sentences: list[list[dict]]) -> list[str]:
    return [" ".join(e["text"] for e in s) for s in sentences]


def test_orphan_opening_quote_joins_the_next_sentence():
    sentences, text = _tokens("«", "Nous resterons », a-t-il dit .")
    merged = merge_orphan_punctuation(sentences, text)
    assert _texts(merged) == ["« Nous resterons », a-t-il dit ."]
    assert [e["id"] for e in merged[0]] == list(range(1, 8))


def test_closing_quote_at_a_sentence_start_goes_back():
    sentences, text = _tokens("Il a dit : « Non .", "» Puis il part .")
    merged = merge_orphan_punctuation(sentences, text)
    assert _texts(merged) == ["Il a dit : « Non . »", "Puis il part ."]
    assert [e["id"] for e in merged[1]] == [1, 2, 3, 4]


def test_opening_quote_at_a_sentence_end_moves_on():
    sentences, text = _tokens("Fin . «", "Oui » .")
    assert _texts(merge_orphan_punctuation(sentences, text)) == ["Fin .", "« Oui » ."]


def test_straight_quote_direction_follows_spacing():
    sentences, text = _tokens('Il a dit "Non .', '" Puis rien .')
    assert _texts(merge_orphan_punctuation(sentences, text)) == ['Il a dit "Non . "', "Puis rien ."]


def test_sentences_with_words_are_left_alone():
    sentences, text = _tokens("Il pleut .", "Il vente .")
    assert merge_orphan_punctuation(sentences, text) is sentences


def test_multiword_tokens_survive_a_merge():
    text = "« Au revoir »"
    sentences = [
        [{"id": 1, "text": "«", "start_char": 0, "end_char": 1}],
        [
            {"id": (1, 2), "text": "Au", "start_char": 2, "end_char": 4},
            {"id": 1, "text": "à"},
            {"id": 2, "text": "le"},
            {"id": 3, "text": "revoir", "start_char": 5, "end_char": 11},
            {"id": 4, "text": "»", "start_char": 12, "end_char": 13},
        ],
    ]
    (merged,) = merge_orphan_punctuation(sentences, text)
    assert [e["id"] for e in merged] == [1, (2, 3), 2, 3, 4, 5]


def test_parse_keeps_a_quote_with_its_words(parser):
    doc = parser.parse(Document(id="q", text="« Nous resterons vigilants », a-t-il ajouté."))
    assert len(doc.sentences) == 1
    assert doc.sentences[0].tokens[0].text == "«"


def test_sentence_starting_with_a_comma_joins_the_previous_one():
    sentences, text = _tokens("« Quel courage ! »", ", raille un élu .", "Fin .")
    merged = merge_orphan_punctuation(sentences, text)
    assert _texts(merged) == ["« Quel courage ! » , raille un élu .", "Fin ."]
