"""Parsing with the embedded model: offsets, contractions, round trips, limits, determinism."""

from __future__ import annotations

import hashlib

import pytest

from framing.io.conllu import document_to_conllu, read_conllu
from framing.parsing.cache import ParseCache
from framing.parsing.glued import inner_dashes, later_seams, open_seams, quote_seams
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


@pytest.mark.parametrize(
    ("text", "opened"),
    [
        ("Il l'a dit à l'AFP.La police dément.", "Il l'a dit à l'AFP. La police dément."),
        ("Vers 9H00 GMT.Les secours arrivent.", "Vers 9H00 GMT. Les secours arrivent."),
        (
            "Un repas qui tourne malSelon le maire, rien.",
            "Un repas qui tourne mal\n\nSelon le maire, rien.",
        ),
        ("Une enquête ouverteL'avocat proteste.", "Une enquête ouverte\n\nL'avocat proteste."),
        ("Une soirée calme.Puis la pluie.", "Une soirée calme. Puis la pluie."),
        # a quotation without a stop glued to the next sentence
        (
            "Il a parlé. « Un pari risqué»Selon le maire, rien.",
            "Il a parlé. « Un pari risqué»\n\nSelon le maire, rien.",
        ),
        (
            'Il a parlé. "Un pari risqué"Selon le maire, rien.',
            'Il a parlé. "Un pari risqué"\n\nSelon le maire, rien.',
        ),
        (
            'Fin.""Un pari risqué"L\'élu se tait.',
            'Fin.""Un pari risqué"\n\nL\'élu se tait.',
        ),
        (
            'Il dit qu\'un "pari" reste "risqué"Des voix s\'élèvent.',
            'Il dit qu\'un "pari" reste "risqué"\n\nDes voix s\'élèvent.',
        ),
        # a stopless subheading glued to the quotation that opens the next sentence
        (
            'Fin. Un départ annoncé"Je pars demain", dit-il.',
            'Fin. Un départ annoncé\n\n"Je pars demain", dit-il.',
        ),
        (
            'Fin. Un "départ" annoncé"Je pars demain", dit-il.',
            'Fin. Un "départ" annoncé\n\n"Je pars demain", dit-il.',
        ),
    ],
)
def test_seams_are_opened(text, opened):
    result = open_seams(text)
    assert result.text == opened
    kept = "".join(c for i, c in enumerate(result.text) if i not in set(result.inserted))
    assert kept == text
    for position, char in enumerate(result.text):
        if position not in result.inserted:
            assert text[result.original_offset(position)] == char


@pytest.mark.parametrize(
    "text",
    [
        "M.Dupont est arrivé.",
        "Les U.S.A. et l'O.N.U.",
        "Une version 2.5 du texte.",
        "Les vidéos de TikTok Le soir.",
        "Le laboratoire AstraZeneca annonce.",
        "Il vit au Mans.",
        'Un "pari" risqué.',
        'Il parle du "Monde"Diplomatique.',
    ],
)
def test_no_seam_is_opened_where_none_is(text):
    assert open_seams(text).text == text
    assert not later_seams(text)
    assert not quote_seams(text)


def test_only_texts_with_later_seams_change_their_cache_key(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    assert later_seams("dit à l'AFP.La police") and not later_seams("dit hier.La police")
    # A version 1 seam keeps the key parses were stored under before the later kinds existed.
    plain = hashlib.sha256()
    plain.update(cache._salt.encode("ascii"))
    plain.update(b"dit hier.La police")
    assert cache.key("dit hier.La police") == plain.hexdigest()
    later = hashlib.sha256()
    later.update(cache._salt.encode("ascii"))
    later.update("dit à l'AFP.La police".encode())
    assert cache.key("dit à l'AFP.La police") != later.hexdigest()


def test_only_texts_with_a_quote_seam_get_the_quote_seam_key(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    glued = 'Il a parlé. "Un pari risqué"Selon le maire, rien.'
    spaced = 'Il a parlé. "Un pari risqué" Selon le maire, rien.'
    assert quote_seams(glued) and not quote_seams(spaced)
    plain = hashlib.sha256()
    plain.update(cache._salt.encode("ascii"))
    plain.update(spaced.encode())
    assert cache.key(spaced) == plain.hexdigest()
    without = hashlib.sha256()
    without.update(cache._salt.encode("ascii"))
    without.update(glued.encode())
    assert cache.key(glued) != without.hexdigest()


def test_glued_acronym_subheading_and_quotation_end_their_sentences(parser):
    text = (
        "Le bilan a été donné par la BBC.La mairie a reconnu son erreur. "
        "Une fête qui tourne malSelon le maire, deux groupes se sont battus. "
        '"Un pari risqué"Pour le préfet, la digue tiendra.'
    )
    parsed = parser.parse(Document(id="seams", text=text))
    parsed.check_offsets()
    starts = [s.text_in(text)[:8] for s in parsed.sentences]
    assert "La mairi" in starts and "Selon le" in starts and "Pour le " in starts
    assert all(".La" not in t.text and "malSelon" not in t.text for t in parsed.tokens())


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "Six Français - leur chauffeur et un guide - ont été tués.",
            "Six Français , leur chauffeur et un guide , ont été tués.",
        ),
        (
            "a insisté jeudi - avant la réunion - Paul Morel.",
            "a insisté jeudi , avant la réunion , Paul Morel.",
        ),
        (
            "Les critères de l'UE - notamment le taux - excluent.",
            "Les critères de l'UE , notamment le taux , excluent.",
        ),
        (
            "Deux seuils -- plus de morts -- sont franchis.",
            "Deux seuils ,  plus de morts ,  sont franchis.",
        ),
    ],
)
def test_parenthesis_dashes_are_read_as_commas(text, read):
    opened = open_seams(text)
    assert opened.text == read and not opened.inserted
    assert inner_dashes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le bilan est lourd.- Baby boom en Indonésie -L'agence prévoit des naissances.",
        "Airbus supprime 15.000 postes - La pandémie continue.",
        "Les saisons 2019 - 2020 ont été dures.",
        "Le vol Paris - Lyon est annulé.",
    ],
)
def test_other_dashes_stay(text):
    assert "-" in open_seams(text).text
    assert not inner_dashes(text)


def test_a_parenthesis_between_dashes_stays_in_its_sentence(parser):
    text = (
        "D'après la police, six Français et deux guides - leur chauffeur et un guide - "
        "ont été tués lors de l'attaque."
    )
    parsed = parser.parse(Document(id="dashes", text=text))
    parsed.check_offsets()
    assert len(parsed.sentences) == 1
    assert [t.text for t in parsed.tokens()].count("-") == 2  # the surface is the text's


def test_texts_with_parenthesis_dashes_get_a_cache_key_of_their_own(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    text = "Six Français - leur chauffeur - ont été tués."
    plain = hashlib.sha256()
    plain.update(cache._salt.encode("ascii"))
    plain.update(text.encode())
    assert cache.key(text) != plain.hexdigest()
