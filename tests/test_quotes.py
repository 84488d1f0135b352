"""Pairing quotation marks on messy text: never crash, pair what can be paired."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.annotation.quotes import find_quotes


def _inner(text):
    return [
        (q.depth, q.balanced, text[q.inner_start : q.inner_end].strip()) for q in find_quotes(text)
    ]


def test_closing_guillemet_used_as_opener():
    text = "a qualifié d'\u00a0»effrontées\u00a0» les remarques"
    assert _inner(text) == [(0, True, "effrontées")]


def test_nested_quotes_of_another_kind():
    assert _inner("Il a dit « c'est “faux” » hier.") == [
        (0, True, "c'est “faux”"),
        (1, True, "faux"),
    ]


def test_straight_quotes_pair_in_order():
    assert _inner('Il a dit "non" puis "oui".') == [(0, True, "non"), (0, True, "oui")]


def test_quote_across_sentences():
    text = "« Nous saluons l'annonce. Et nous resterons vigilants », a ajouté le porte-parole."
    assert _inner(text) == [(0, True, "Nous saluons l'annonce. Et nous resterons vigilants")]


def test_unbalanced_opener_closes_at_paragraph_end():
    assert _inner("« Début sans fin\n\nAutre paragraphe » fin") == [(0, False, "Début sans fin")]


def test_stray_closer_is_ignored():
    assert _inner("Un » isolé et puis « rien") == [(0, False, "rien")]


def test_long_unbalanced_quote_stops_at_sentence_end():
    text = "« Ouverture jamais fermée. " + "Phrase suivante sans guillemets. " * 30
    (quote,) = find_quotes(text)
    assert text[quote.inner_start : quote.inner_end].strip() == "Ouverture jamais fermée."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("«»“”„‹›\"' \n\u00a0ab.,")), max_size=80))
def test_never_crashes_and_spans_are_inside_text(text):
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.inner_start <= quote.inner_end


def test_stray_closing_straight_quote_opens_nothing():
    # the opener of 'tiré"' was lost: the mark must not swallow the text up
    # to the next quotation
    text = 'Les policiers ont tiré" et sont partis. Le maire a dit "non" hier.'
    quotes = [q for q in find_quotes(text) if q.depth == 0]
    assert [text[q.inner_start : q.inner_end] for q in quotes] == ["non"]


def test_closer_glued_to_next_sentence_closes_its_sentence_and_opener_after_period_opens():
    # the opener of 'craqué"' was lost: the quotation is taken to start with its
    # sentence, and the glued mark opens nothing
    text = 'Il est parti. Un mec qui a craqué"Dans le quartier, on dit "calme"."Apparemment, rien" ici.'
    assert _inner(text) == [
        (0, False, "Un mec qui a craqué"),
        (0, True, "calme"),
        (0, True, "Apparemment, rien"),
    ]


def test_opener_glued_after_a_heading_pairs_with_the_next_closer():
    text = 'Un "plan" pour tous"Nous sommes à bout", a dit le délégué.'
    assert _inner(text) == [(0, True, "plan"), (0, True, "Nous sommes à bout")]


def test_doubled_straight_quote_is_one_mark():
    text = 'a dit le maire. ""Vous avez semé la peur."Lundi soir, la foule est revenue.'
    assert _inner(text) == [(0, True, "Vous avez semé la peur.")]


def test_straight_opener_inside_open_straight_quote_ends_the_unclosed_one():
    text = 'Il menait "une mission de contrôle et "de fouille des villages", selon l\'armée."Le convoi a riposté", a-t-il dit.'
    assert _inner(text) == [
        (0, False, "une mission de contrôle et"),
        (0, True, "de fouille des villages"),
        (0, True, "Le convoi a riposté"),
    ]


def test_straight_opener_after_a_very_long_open_quote_never_fails():
    text = 'Il a dit "début ' + "mot " * 1400 + 'puis "encore" et "fin".'
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)


def test_doubled_straight_quote_glued_to_text_closes_then_opens():
    text = 'Il a dit "rien ne va."."Nous partirons", a-t-il ajouté. Puis "non.""Jamais", dit-il.'
    inner = [t for _, _, t in _inner(text)]
    assert inner == ["rien ne va.", "Nous partirons", "non.", "Jamais"]
