"""Lexicon match patterns: phrases, gaps, lemma vs form, UPOS, contractions, case."""

from __future__ import annotations

import pytest

from framing.annotation.patterns import PatternError, SentenceView, compile_match, find_all
from tests.helpers import conllu_doc

FORCES = conllu_doc(
    [
        ("Les", "le", "DET", 2, "det"),
        ("forces", "force", "NOUN", 0, "root"),
        ("russes", "russe", "ADJ", 2, "amod"),
        ("de", "de", "ADP", 5, "case"),
        ("maintien", "maintien", "NOUN", 2, "nmod"),
        ("de", "de", "ADP", 8, "case"),
        ("la", "le", "DET", 8, "det"),
        ("paix", "paix", "NOUN", 5, "nmod"),
    ]
)


def _texts(pattern_source, doc):
    pattern = compile_match(pattern_source)
    view = SentenceView(doc.sentences[0])
    spans = find_all(pattern, view)
    sentence = doc.sentences[0]
    return [
        doc.text[
            sentence.token_of(view.words[s.start]).start : sentence.token_of(
                view.words[s.end - 1]
            ).end
        ]
        for s in spans
    ]


def test_multiword_phrase_with_gap_matches_inserted_adjective():
    assert _texts("forces <0-2> de maintien de la paix", FORCES) == [
        "forces russes de maintien de la paix"
    ]


def test_phrase_without_gap_does_not_match_inserted_adjective():
    assert _texts("forces de maintien de la paix", FORCES) == []


def test_gap_too_small_does_not_match():
    doc = conllu_doc(
        [
            ("forces", "force", "NOUN", 0, "root"),
            ("armées", "armé", "ADJ", 1, "amod"),
            ("russes", "russe", "ADJ", 1, "amod"),
            ("aguerries", "aguerri", "ADJ", 1, "amod"),
            ("de", "de", "ADP", 6, "case"),
            ("paix", "paix", "NOUN", 1, "nmod"),
        ]
    )
    assert _texts("forces <0-2> de paix", doc) == []
    assert _texts("forces <0-3> de paix", doc) == ["forces armées russes aguerries de paix"]


def test_lemma_matches_inflected_form_but_form_does_not():
    doc = conllu_doc(
        [
            ("Il", "il", "PRON", 3, "nsubj"),
            ("a", "avoir", "AUX", 3, "aux:tense"),
            ("déploré", "déplorer", "VERB", 0, "root"),
        ]
    )
    assert _texts({"lemma": "déplorer", "upos": "VERB"}, doc) == ["déploré"]
    assert _texts({"form": "déplorer"}, doc) == []
    assert _texts("déplor*", doc) == ["déploré"]


def test_upos_constraint_filters():
    doc = conllu_doc([("violentes", "violent", "ADJ", 0, "root")])
    assert _texts("violent*/ADJ", doc) == ["violentes"]
    assert _texts("violent*/VERB", doc) == []


@pytest.mark.parametrize(
    ("feats", "found"),
    [
        # "un discours mesuré", "la situation reste tendue": UD French tags these VERB
        ("Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass", True),
        # "a mesuré le niveau": the participle of an active compound tense
        ("Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part", False),
        # a finite verb is never read as an adjective
        ("Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin|Voice=Pass", False),
    ],
)
def test_adj_constraint_accepts_participle_the_treebanks_tag_verb(feats, found):
    doc = conllu_doc([("mesuré", "mesurer", "VERB", 0, "root", feats)])
    assert _texts("mesuré*/ADJ", doc) == (["mesuré"] if found else [])
    assert _texts("mesuré*/NOUN", doc) == []  # only ADJ is widened
    assert _texts({"form": "mesuré", "upos": ["ADJ", "NOUN"]}, doc) == (["mesuré"] if found else [])
    # an entry whose participle is nearly always the literal verb can refuse it
    assert _texts({"form": "mesuré", "upos": "ADJ", "participle": False}, doc) == []
    tagged_adj = conllu_doc([("mesuré", "mesuré", "ADJ", 0, "root", "Gender=Masc")])
    assert _texts({"form": "mesuré", "upos": "ADJ", "participle": False}, tagged_adj) == ["mesuré"]


def test_contraction_written_in_phrase_matches_multiword_token():
    doc = conllu_doc(
        [
            ("aide", "aide", "NOUN", 0, "root"),
            ("du=de+le", "de+le", "ADP+DET", "4+4", "case+det"),
            ("gouvernement", "gouvernement", "NOUN", 1, "nmod"),
        ]
    )
    assert _texts("aide du gouvernement", doc) == ["aide du gouvernement"]
    assert _texts(
        [{"form": "aide"}, {"lemma": "de"}, {"lemma": "le"}, {"form": "gouvernement"}], doc
    ) == ["aide du gouvernement"]


def test_elision_apostrophes_and_case_are_folded():
    doc = conllu_doc(
        [
            ("coup", "coup", "NOUN", 0, "root"),
            ("d’", "de", "ADP", 3, "case", "_", True),
            ("état", "état", "NOUN", 1, "nmod"),
        ]
    )
    assert _texts("coup d'État", doc) == ["coup d’état"]
    assert _texts({"form": "État", "case": "sensitive"}, doc) == []


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<0-2> paix", "cannot start or end with a gap"),
        ("paix <3-1> x", "low is above high"),
        ([{"gap": "2-x"}], "gap '2-x'"),
        ([{"form": "a", "optional": True}], "at least one required word"),
        (42, "match must be a string"),
    ],
)
def test_bad_patterns_are_rejected(source, message):
    with pytest.raises(PatternError, match=message):
        compile_match(source)


@pytest.mark.parametrize(
    "source",
    ["forces", "FORCES", "f*", "fo*s", "for?es", "*orces", "forces russes", "[la] forces"],
)
def test_lexicon_index_finds_what_the_pattern_matches(source):
    """Whatever key an entry is filed under (exact word, a 1-3 letter prefix, none),
    ``Lexicon.find`` reaches the same matches as trying the pattern everywhere."""
    from framing.annotation.lexicon import Entry, Lexicon

    pattern = compile_match(source)
    entry = Entry(
        id="x.test", category="actor_label", frame="f", valence="neutral", pattern=pattern
    )
    view = SentenceView(FORCES.sentences[0])
    found = [m.span for m in Lexicon([entry]).find(view)]
    assert found == find_all(pattern, view)
    assert found or source == "[la] forces"


@pytest.mark.parametrize(
    ("text", "lemma", "feats", "infinitive"),
    [
        ("résumé", "résumé", "VerbForm=Part", "résumer"),
        ("démenti", "démenti", "VerbForm=Part", "démentir"),
        ("massacrés", "massacré", "VerbForm=Part", "massacrer"),
        ("licenciées", "licencié", "VerbForm=Part", "licencier"),
        ("déploré", "déplorer", "VerbForm=Part", None),  # the lemma is already right
        ("vendu", "vendu", "VerbForm=Part", None),  # -u: vendre or venir? no guess
        ("affirmé", "affirmé", "VerbForm=Fin", None),  # not a participle
    ],
)
def test_participle_left_as_its_own_lemma_offers_its_infinitive(text, lemma, feats, infinitive):
    from framing.annotation.patterns import participle_infinitive
    from framing.types import Word

    word = Word(id=1, text=text, lemma=lemma, upos="VERB", feats=feats)
    assert participle_infinitive(word) == infinitive
    spec = compile_match({"lemma": infinitive or "xyz", "upos": "VERB"}).specs[0]
    assert spec.matches_word(word) is (infinitive is not None)


_VARIED = (
    "Selon des sources concordantes, les émeutiers auraient pillé du matériel de grande ampleur. "
    "Le ministre a déploré des violences « inacceptables » et a qualifié les manifestants de casseurs. "
    "D'après l'ONU, les forces russes de maintien de la paix ont quitté le pays au début du mois. "
    "Il semblerait que l'état d'urgence soit levé, a fait savoir un porte-parole."
)


def test_lexicon_find_equals_trying_every_entry_everywhere(parser):
    """The index, the per-word memo of one-word verdicts and the literal-word
    filter only skip work: the bundled lexicon finds exactly what trying every
    entry at every word finds, in the same order."""
    from framing.annotation.lexicon import read_lexicon
    from framing.annotation.patterns import match_at
    from framing.types import Document

    lexicon, _ = read_lexicon()
    document = parser.parse(Document(id="v", text=_VARIED))
    entries = sorted(lexicon.entries, key=lambda e: e.order)
    total = 0
    for _ in range(2):  # the second pass is served by the memos
        for sentence in document.sentences:
            view = SentenceView(sentence)
            expected = [
                (entry.id, span)
                for position in range(len(view.words))
                for entry in entries
                if (span := match_at(entry.pattern, view, position)) is not None
            ]
            found = [(m.entry.id, m.span) for m in lexicon.find(view)]
            assert found == expected
            total += len(found)
    assert total >= 10


PASSIVE_PART = "Tense=Past|VerbForm=Part|Voice=Pass"


def test_voice_pass_on_an_active_compound_tense_is_dropped_for_patterns():
    from framing.annotation.patterns import consistent_words

    # "Le rapport a cité par erreur un chiffre.": the tagger's slip, Voice=Pass
    slipped = conllu_doc(
        [
            ("Le", "le", "DET", 2, "det"),
            ("rapport", "rapport", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("cité", "citer", "VERB", 0, "root", PASSIVE_PART),
            ("par", "par", "ADP", 6, "case"),
            ("erreur", "erreur", "NOUN", 4, "obl:mod"),
        ]
    )
    (sentence,) = slipped.sentences
    words = consistent_words(sentence)
    assert words[3].feats == "Tense=Past|VerbForm=Part"
    assert words[3].id == 4 and words[3].head == 0  # otherwise the same word
    assert sentence.words[3].feats == PASSIVE_PART  # the parse itself is left alone
    assert (
        _texts(
            [{"form": "cité*", "upos": "VERB", "feats": {"Voice": "Pass"}}, {"form": "par"}],
            slipped,
        )
        == []
    )
    # "a été cité par": avoir and a passive auxiliary, a real passive
    passive = conllu_doc(
        [
            ("Il", "il", "PRON", 4, "nsubj:pass"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("été", "être", "AUX", 4, "aux:pass"),
            ("cité", "citer", "VERB", 0, "root", PASSIVE_PART),
            ("par", "par", "ADP", 6, "case"),
            ("Reuters", "Reuters", "PROPN", 4, "obl:agent"),
        ]
    )
    assert consistent_words(passive.sentences[0])[3].feats == PASSIVE_PART
    # no auxiliary at all ("le ministre, cité par Reuters"): untouched
    bare = conllu_doc(
        [
            ("ministre", "ministre", "NOUN", 0, "root"),
            ("cité", "citer", "VERB", 1, "acl", PASSIVE_PART),
            ("par", "par", "ADP", 4, "case"),
            ("Reuters", "Reuters", "PROPN", 2, "obl:agent"),
        ]
    )
    assert consistent_words(bare.sentences[0]) == bare.sentences[0].words
    assert _texts(
        [{"form": "cité*", "upos": "VERB", "feats": {"Voice": "Pass"}}, {"form": "par"}], bare
    ) == ["cité par"]


@pytest.mark.parametrize(
    ("source", "words", "expected"),
    [
        (
            "apparent{,e,s,es}",
            ["apparent", "Apparentes", "apparenté", "apparentement"],
            [True, True, False, False],
        ),
        ("affront{,s}", ["affront", "affronts", "affronté"], [True, True, False]),
        ("{pré,sup}posé*", ["présumé", "préposés", "supposée"], [False, True, True]),
        ("{a,b}{x,y}", ["ax", "by", "ab"], [True, True, False]),
    ],
)
def test_brace_alternatives_match_exactly_the_listed_forms(source, words, expected):
    from framing.annotation.patterns import Glob

    glob = Glob(source)
    assert [glob.matches(w) for w in words] == expected
    assert not glob.is_literal


@pytest.mark.parametrize("source", ["apparent{e,s", "apparent}", "a{b{c}}"])
def test_unbalanced_or_nested_braces_are_rejected(source):
    with pytest.raises(PatternError, match="braces"):
        compile_match(source)


def test_brace_glob_is_indexed_by_its_literal_prefix():
    """An entry filed under "appar" is reached by the lexicon index like any glob."""
    from framing.annotation.lexicon import Entry, Lexicon

    doc = conllu_doc(
        [
            ("un", "un", "DET", 2, "det"),
            ("calme", "calme", "NOUN", 0, "root"),
            ("apparent", "apparent", "ADJ", 2, "amod"),
        ]
    )
    pattern = compile_match({"form": "apparent{,e,s,es}", "upos": "ADJ"})
    assert pattern.anchor_keys() == ["appar"]
    entry = Entry(id="x.test", category="hedge", frame="f", valence="neutral", pattern=pattern)
    view = SentenceView(doc.sentences[0])
    assert [m.span.start for m in Lexicon([entry]).find(view)] == [2]


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        ("{scandaleu,honteu}{x,se}/ADJ", ["scand", "honte"]),
        ("{é,e}tat d'urgence", ["état", "etat"]),
        ("{a,à} priori", ["a", "à"]),
        ("{*isme,doctrine}", None),
        ("?tat", None),
    ],
)
def test_a_glob_starting_with_braces_is_indexed_by_each_alternative(source, keys):
    """Alternatives with no common prefix are filed under each one's own prefix,
    so the entry is looked up like any other (not tried at every word); only a
    wildcard at the start of some alternative leaves it unindexed."""
    assert compile_match(source).anchor_keys() == keys


def test_an_entry_filed_under_its_alternatives_is_found_by_the_index():
    from framing.annotation.lexicon import Entry, Lexicon

    doc = conllu_doc(
        [
            ("une", "un", "DET", 2, "det"),
            ("décision", "décision", "NOUN", 0, "root"),
            ("honteuse", "honteux", "ADJ", 2, "amod"),
        ]
    )
    pattern = compile_match("{scandaleu,honteu}{x,se}/ADJ")
    entry = Entry(id="eval.t", category="evaluative", frame="f", valence="neutral", pattern=pattern)
    lexicon = Lexicon([entry])
    assert lexicon._unanchored == []
    assert [m.span.start for m in lexicon.find(SentenceView(doc.sentences[0]))] == [2]


# "le niveau mesuré" (literal) and "un discours mesuré" (restrained): the same
# participle, told apart by the noun it describes.
MESURE = conllu_doc(
    [
        ("Le", "le", "DET", 2, "det"),
        ("niveau", "niveau", "NOUN", 3, "nsubj"),
        ("mesuré", "mesurer", "VERB", 2, "acl", PASSIVE_PART),
        ("justifie", "justifier", "VERB", 0, "root"),
        ("un", "un", "DET", 6, "det"),
        ("discours", "discours", "NOUN", 4, "obj"),
        ("mesuré", "mesurer", "VERB", 6, "acl", PASSIVE_PART),
        (".", ".", "PUNCT", 4, "punct"),
    ]
)
HEAD_SPEC = {"form": "mesuré", "upos": "ADJ", "head": {"lemma": "{discours,ton}"}}


def test_head_spec_matches_only_where_the_head_matches():
    from framing.annotation.lexicon import Entry, Lexicon

    pattern = compile_match(HEAD_SPEC)
    view = SentenceView(MESURE.sentences[0])
    assert [s.start for s in find_all(pattern, view)] == [6]
    without_head = compile_match({"form": "mesuré", "upos": "ADJ"})
    assert [s.start for s in find_all(without_head, view)] == [2, 6]
    # The lexicon must not memoize a verdict that depends on the head: the same
    # word (same form, lemma, tag, features) is refused at 2 and taken at 6.
    entry = Entry(id="x.test", category="evaluative", frame="f", valence="neutral", pattern=pattern)
    lexicon = Lexicon([entry])
    for _ in range(2):
        assert [m.span.start for m in lexicon.find(view)] == [6]


def test_head_spec_on_the_root_never_matches():
    doc = conllu_doc([("mesuré", "mesurer", "ADJ", 0, "root")])
    pattern = compile_match({"form": "mesuré", "head": {"lemma": "*"}})
    assert find_all(pattern, SentenceView(doc.sentences[0])) == []


# "la main tendue" (literal) and "la situation reste tendue" / a root "tendue"
# (evaluative): the literal heads are few, the evaluative ones open-ended.
TENDU = conllu_doc(
    [
        ("La", "le", "DET", 2, "det"),
        ("main", "main", "NOUN", 4, "nsubj"),
        ("tendue", "tendu", "ADJ", 2, "amod"),
        ("reste", "rester", "VERB", 0, "root"),
        ("tendue", "tendu", "ADJ", 4, "xcomp"),
        (".", ".", "PUNCT", 4, "punct"),
    ]
)


def test_head_not_refuses_only_the_listed_heads():
    from framing.annotation.lexicon import Entry, Lexicon

    pattern = compile_match({"form": "tendue", "head_not": {"lemma": "{main,fil}"}})
    view = SentenceView(TENDU.sentences[0])
    assert [s.start for s in find_all(pattern, view)] == [4]
    entry = Entry(id="x.test", category="evaluative", frame="f", valence="neutral", pattern=pattern)
    for _ in range(2):  # never memoized: the same word is refused at 2, taken at 4
        assert [m.span.start for m in Lexicon([entry]).find(view)] == [4]
    root = conllu_doc([("tendue", "tendu", "ADJ", 0, "root")])
    assert len(find_all(pattern, SentenceView(root.sentences[0]))) == 1  # no head: passes
    assert "head_not=[lemma={main,fil}]" in pattern.specs[0].describe()


def test_head_and_head_not_combine():
    pattern = compile_match(
        {"form": "tendue", "head": {"upos": "NOUN"}, "head_not": {"lemma": "main"}}
    )
    doc = conllu_doc(
        [
            ("la", "le", "DET", 2, "det"),
            ("situation", "situation", "NOUN", 0, "root"),
            ("tendue", "tendu", "ADJ", 2, "amod"),
            ("la", "le", "DET", 5, "det"),
            ("main", "main", "NOUN", 2, "conj"),
            ("tendue", "tendu", "ADJ", 5, "amod"),
        ]
    )
    assert [s.start for s in find_all(pattern, SentenceView(doc.sentences[0]))] == [2]


def test_dependent_not_refuses_a_word_with_that_dependent():
    """Invented: "la colère monte, les policiers en colère défilent"."""
    pattern = compile_match({"form": "colère", "dependent_not": {"form": "en", "upos": "ADP"}})
    doc = conllu_doc(
        [
            ("la", "le", "DET", 2, "det"),
            ("colère", "colère", "NOUN", 3, "nsubj"),
            ("monte", "monter", "VERB", 0, "root"),
            ("les", "le", "DET", 5, "det"),
            ("policiers", "policier", "NOUN", 3, "conj"),
            ("en", "en", "ADP", 7, "case"),
            ("colère", "colère", "NOUN", 5, "nmod"),
        ]
    )
    view = SentenceView(doc.sentences[0])
    assert [s.start for s in find_all(pattern, view)] == [1]
    assert "dependent_not=[form=en, upos=ADP]" in pattern.specs[0].describe()
    assert pattern.specs[0].needs_sentence


def test_dependent_requires_a_word_with_that_dependent():
    """Invented: "la présence des troupes inquiète, sa présence rassure"."""
    pattern = compile_match({"form": "présence", "dependent": {"lemma": "troupe"}})
    doc = conllu_doc(
        [
            ("la", "le", "DET", 2, "det"),
            ("présence", "présence", "NOUN", 5, "nsubj"),
            ("des", "de", "ADP", 4, "case"),
            ("troupes", "troupe", "NOUN", 2, "nmod"),
            ("inquiète", "inquiéter", "VERB", 0, "root"),
            ("sa", "son", "DET", 7, "det"),
            ("présence", "présence", "NOUN", 8, "nsubj"),
            ("rassure", "rassurer", "VERB", 5, "conj"),
        ]
    )
    view = SentenceView(doc.sentences[0])
    assert [(s.start, s.end) for s in find_all(pattern, view)] == [(1, 2)]
    assert "dependent=[lemma=troupe]" in pattern.specs[0].describe()
    assert pattern.specs[0].needs_sentence


@pytest.mark.parametrize("key", ["head", "head_not", "dependent_not", "dependent"])
@pytest.mark.parametrize(
    ("head", "message"),
    [
        ({"lemma": "ton", "head": {"lemma": "x"}}, "own 'head'"),
        ({"lemma": "ton", "head_not": {"lemma": "x"}}, "own 'head_not'"),
        ({"lemma": "ton", "dependent_not": {"lemma": "x"}}, "own 'dependent_not'"),
        ({"lemma": "ton", "dependent": {"lemma": "x"}}, "own 'dependent'"),
        ({"lemma": "ton", "optional": True}, "own 'optional'"),
        ("ton", "must be a token spec mapping"),
    ],
)
def test_bad_head_specs_are_rejected(key, head, message):
    with pytest.raises(PatternError, match=message):
        compile_match({"form": "mesuré", key: head})


def _de_maniere(first: str, second: str):
    return conllu_doc(
        [
            ("agir", "agir", "VERB", 0, "root"),
            ("de", "de", "ADP", 3, "case"),
            (first, first.casefold(), "NOUN", 1, "obl"),
            (second, second.casefold(), "ADJ", 3, "amod"),
        ]
    )


@pytest.mark.parametrize(
    ("first", "second", "found"),
    [
        ("manière", "abusive", [1]),
        ("FAÇON", "Arbitraire", [1]),  # case-insensitive lists, as the match is
        ("sorte", "abusive", []),  # no word of the first list: skipped unsearched
        # a dotted capital I, which the case-insensitive match reads as "i" though
        # it casefolds otherwise: the lists are not relied on, and it is found
        ("manière", "İllégale", [1]),
    ],
)
def test_a_pattern_is_tried_only_where_each_word_list_has_a_word(first, second, found):
    """``required_groups`` lets "de {manière,façon} ..." skip sentences without
    either word; what the lexicon finds is what the pattern matches."""
    from framing.annotation.lexicon import Entry, Lexicon
    from framing.annotation.patterns import match_at, offers

    pattern = compile_match("de {manière,façon} {abusive,arbitraire,illégale}")
    assert pattern.required_strings == ("de",)
    assert pattern.required_groups == (
        frozenset({"manière", "façon"}),
        frozenset({"abusive", "arbitraire", "illégale"}),
    )
    entry = Entry(id="eval.t", category="evaluative", frame="f", valence="neutral", pattern=pattern)
    view = SentenceView(_de_maniere(first, second).sentences[0])
    assert [m.span.start for m in Lexicon([entry]).find(view)] == found
    assert [p for p in range(len(view.words)) if match_at(pattern, view, p)] == found
    assert offers({"de", "façon", "illégale"}, pattern.required_groups)
    assert not offers({"de", "sorte", "illégale"}, pattern.required_groups)
    assert offers(
        {"de", "i\u0307llégale"}, pattern.required_groups
    )  # casefolded İ: relied on no list


@pytest.mark.parametrize(
    "source",
    [
        "am{er,ère,ers,ères}",
        "émeutier*",
        "{scandaleu,honteu}x",
        "{haine,haines}",
        "a{b*,c}",
        "l'état",
        "strasse",
        "illégal{,e}",
    ],
)
@pytest.mark.parametrize(
    "word",
    [
        "amer",
        "Amères",
        "émeutiers",
        "ÉMEUTIER",
        "honteux",
        "Haines",
        "abz",
        "ac",
        "L’État",
        "Straße",
        "STRASSE",
        "İllégale",
        "illégale",
        "µ",
        "",
    ],
)
def test_set_and_prefix_shortcuts_match_what_the_regex_matches(source, word):
    """Brace lists and trailing-star globs are matched without their regex; the
    answer is the regex's, also for letters whose case folding is special."""
    from framing.annotation.patterns import Glob, normalize

    glob = Glob(source)
    expected = (
        normalize(word) == glob.literal
        if glob.literal is not None
        else glob.regex.match(normalize(word, True)) is not None
    )
    assert glob.matches(word) == expected


def test_compiled_globs_are_pickled_without_their_regex():
    import pickle

    from framing.annotation.patterns import Glob

    glob = Glob("émeutier?")
    assert glob.matches("émeutiers")  # compiles the regex
    copy = pickle.loads(pickle.dumps(glob))
    assert copy._regex is None and copy.matches("émeutiers") and copy == glob


@pytest.mark.parametrize(
    ("text", "lemma", "feats", "infinitive"),
    [
        ("objecte", "objecte", "Mood=Ind|VerbForm=Fin", "objecter"),  # lemma left as the form
        ("relativise", "relativer", "Mood=Ind|VerbForm=Fin", "relativiser"),  # a wrong infinitive
        ("réitère", "réiter", "Mood=Ind|VerbForm=Fin", "réitérer"),
        ("corrigeait", "corrigeait", "Mood=Ind|Tense=Imp|VerbForm=Fin", "corriger"),
        ("parie", "parie", "VerbForm=Inf", "parier"),  # the tagger's VerbForm is wrong
        ("déplore", "déplorer", "Mood=Ind|VerbForm=Fin", None),  # the lemma is already right
        ("parler", "parler", "VerbForm=Inf", None),  # a true infinitive
        ("sont", "être", "Mood=Ind|VerbForm=Fin", None),  # no -er present
    ],
)
def test_finite_verb_with_a_wrong_lemma_offers_its_regular_infinitive(
    text, lemma, feats, infinitive
):
    from framing.annotation.patterns import finite_infinitive
    from framing.types import Word

    word = Word(id=1, text=text, lemma=lemma, upos="VERB", feats=feats)
    assert finite_infinitive(word) == infinitive
    spec = compile_match({"lemma": infinitive or "xyz", "upos": "VERB"}).specs[0]
    assert spec.matches_word(word) is (infinitive is not None)
