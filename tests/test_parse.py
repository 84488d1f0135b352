"""Parsing with the embedded model: offsets, contractions, round trips, limits, determinism."""

from __future__ import annotations

import pytest

from framing.conllu import document_to_conllu, read_conllu
from framing.document import Document
from framing.parsing import ParseOptions, Parser, ParseWarning, split_into_chunks

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
