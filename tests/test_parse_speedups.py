"""framing's replacements of Stanza code give Stanza's own output (framing.parsing.speedups)."""

from __future__ import annotations

from framing.parsing import speedups, vocab
from framing.types import Document

TEXT = (
    "Les habitants du quartier, réunis jeudi soir, ont réclamé des explications. "
    "« Nous n'accepterons jamais qu'on nous ignore », a lancé une retraitée. "
    "Le préfet aurait promis de recevoir les délégués au plus vite. "
    "Elles étaient parties ; ils seraient revenus. Oui."
)


def _columns(parsed: Document) -> list[tuple[object, ...]]:
    return [
        (w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel)
        for s in parsed.sentences
        for w in s.words
    ]


def test_the_pipeline_with_and_without_the_replacements_gives_the_same_parse(parser):
    pipeline = parser.load()._pipeline
    document = Document(id="t", text=TEXT)
    try:
        speedups.uninstall(pipeline)
        own = parser.parse(document)
        assert speedups.install(pipeline)
        fast = parser.parse(document)
        again = parser.parse(document)  # memos filled by the first pass
    finally:
        if not parser.fast_decode:
            speedups.uninstall(pipeline)
    assert _columns(fast) == _columns(own) == _columns(again)
    assert len(own.sentences) >= 5


def test_remembered_look_ups_are_the_vocabularys_own(parser):
    pipeline = parser.load()._pipeline
    tagged = pipeline.process(TEXT, processors="tokenize,mwt,pos,lemma")
    words = [w for s in tagged.sentences for w in s.words]
    for name in ("pos", "depparse"):
        vocabs = pipeline.processors[name].vocab
        columns = {
            "word": [w.text for w in words],
            "char": [c for w in words for c in w.text],
            "upos": [w.upos for w in words],
            "xpos": [w.xpos for w in words],
            "feats": [w.feats or "_" for w in words],
        }
        for key, units in columns.items():
            own = vocabs[key]
            ids = [own.unit2id(u) for u in units]
            back = [own.id2unit(i) for i in ids]
            vocab.remember(own)
            try:
                for _ in range(2):  # the first pass fills the memo, the second reads it
                    assert own.map(units) == ids
                    assert own.unmap(ids) == back
            finally:
                vocab.forget(own)
            assert "map" not in vars(own) and "unmap" not in vars(own)


def test_a_remembered_list_is_the_callers_own():
    class Composite:
        def unit2id(self, unit: str) -> list[int]:
            return [len(unit), 1]

        def id2unit(self, ids: list[int]) -> str:
            return "|".join(map(str, ids))

    from stanza.models.common.vocab import CompositeVocab

    composite = type("Feats", (Composite, CompositeVocab), {})()
    vocab.remember(composite)
    first = composite.map(["a=b"])[0]
    first.append(99)
    assert composite.map(["a=b"]) == [[3, 1]]
    assert composite.unmap([[3, 1], [3, 1]]) == ["3|1", "3|1"]


def test_memos_stay_bounded(monkeypatch):
    monkeypatch.setattr(vocab, "MEMO_LIMIT", 3)
    calls: list[str] = []

    class Plain:
        def unit2id(self, unit: str) -> int:
            calls.append(unit)
            return len(unit)

        def id2unit(self, i: int) -> str:
            return "x" * i

    plain = Plain()
    vocab.remember(plain)
    assert plain.map(["a", "bb", "ccc", "dddd", "a"]) == [1, 2, 3, 4, 1]
    assert calls == ["a", "bb", "ccc", "dddd", "a"]  # cleared when full, so "a" again


def _char_batch(charmodel_vocab, sentences: list[list[str]]):
    """Stanza's character-model inputs for ``sentences``: words sorted longest first."""
    import torch

    words = [w for s in sentences for w in s]
    order = sorted(range(len(words)), key=lambda i: -len(words[i]))
    width = len(words[order[0]])
    rows = [charmodel_vocab.map(list(words[i])) + [0] * (width - len(words[i])) for i in order]
    chars = torch.tensor(rows)
    return chars, chars == 0, order, [len(s) for s in sentences], [len(words[i]) for i in order]


def test_character_vectors_once_per_distinct_word_are_stanzas_within_rounding(parser):
    """Stanza's vectors to float32 rounding, and the same tags and tree from them.

    On fewer rows BLAS may take another path: on an AMD EPYC some values differ
    from Stanza's by one float32 step (6e-8 at most, vectors up to about 2), on
    the machine where the test was written by nothing. A wrong vector (another
    word's, a lost step of the LSTM) differs by far more than the tolerance.
    """
    import torch

    from framing.parsing import chars

    pipeline = parser.load()._pipeline
    sentences = [
        [
            "la",
            "ville",
            "et",
            "la",
            "région",
            "ont",
            "voté",
            "la",
            "motion",
            "de",
            "la",
            "majorité",
        ],
        ["de", "nouveau", "la", "ministre", "de", "la", "santé", "a", "parlé"],
        ["oui"],
    ]
    document = Document(id="t", text=TEXT)
    try:
        for name in chars.PROCESSORS:
            processor = pipeline.processors[name]
            processor.trainer.model.eval()  # no dropout: loaded models are in training mode
            charmodel = processor.trainer.model.charmodel
            chars.uninstall(pipeline)
            batch = _char_batch(processor.vocab["char"], sentences)
            with torch.no_grad():
                own = charmodel(*batch)
                chars.install(pipeline)
                once = charmodel(*batch)
            assert torch.allclose(own.data, once.data, rtol=1e-5, atol=1e-6), name
            assert torch.equal(own.batch_sizes, once.batch_sizes)
        chars.uninstall(pipeline)
        stanzas = parser.parse(document)
        chars.install(pipeline)
        fast = parser.parse(document)
    finally:
        if not parser.fast_decode:
            chars.uninstall(pipeline)
    assert _columns(fast) == _columns(stanzas)


# "desquels" is a multi-word token outside the MWT dictionary (the seq2seq expands it),
# "Vrigny-sur-Orge" and "zigouillé" words outside the lemma dictionary
DICTIONARY_TEXTS = (
    TEXT,
    "Les actionnaires, au rang desquels figurent deux fonds, ont voté.",
    "Les élus, au rang desquels le maire de Vrigny-sur-Orge, ont zigouillé le projet.",
    "Au bout du compte, aux yeux des habitants, rien n'a changé.",
    "Oui.",
)


def test_mwt_and_lemma_without_the_overruled_work_give_stanzas_output(parser):
    from stanza.models.common.doc import LEMMA, UPOS
    from stanza.models.common.doc import TEXT as TEXT_COLUMN

    from framing.parsing import dictionaries

    pipeline = parser.load()._pipeline
    lemmatizer = pipeline.processors["lemma"]
    unknown = 0
    for text in DICTIONARY_TEXTS:
        results = []
        for replaced in (False, True, True):
            (dictionaries.install if replaced else dictionaries.uninstall)(pipeline)
            try:
                doc = pipeline.process(text, processors="tokenize,mwt")
                tokens = [
                    (t.text, [w.text for w in t.words]) for s in doc.sentences for t in s.tokens
                ]
                doc = pipeline.process(doc, processors="pos")
                doc = pipeline.process(doc, processors="lemma")
                results.append((tokens, doc.get([TEXT_COLUMN, UPOS, LEMMA])))
            finally:
                (dictionaries.install if parser.fast_decode else dictionaries.uninstall)(pipeline)
        assert results[0] == results[1] == results[2], text
        pairs = [(w, p) for w, p, _ in results[0][1]]
        unknown += sum(not s for s in lemmatizer.trainer.skip_seq2seq(pairs))
    assert unknown > 0  # the lemmatizer's seq2seq ran on some words


def test_the_mwt_dictionary_path_is_taken_only_when_it_knows_every_token(parser):
    from framing.parsing import dictionaries

    pipeline = parser.load()._pipeline
    expander = pipeline.processors["mwt"]
    calls: list[int] = []
    own_predict = expander.trainer.predict

    def counting(*args, **kwargs):
        calls.append(1)
        return own_predict(*args, **kwargs)

    expander.trainer.predict = counting
    dictionaries.install(pipeline)
    try:
        pipeline.process("Au bout du compte, rien n'a changé aux yeux des élus.", "tokenize,mwt")
        assert not calls
        pipeline.process("Les actionnaires, au rang desquels deux fonds, ont voté.", "tokenize,mwt")
        assert calls
    finally:
        del expander.trainer.predict
        if not parser.fast_decode:
            dictionaries.uninstall(pipeline)


def test_padded_id_tensors_are_stanzas():
    import torch
    from stanza.models.common.data import get_long_tensor

    from framing.parsing import tensors

    cases = [
        ([[5, 6, 7], [1], [2, 3]], 3, None),
        ([[5, 6, 7], [], [2, 3]], 5, None),  # an empty row, more rows than ids
        ([[4], [9, 9]], 2, 7),  # another padding id
        ([[12345678901, -1]], 1, None),
        ([[[1, 2], [3, 4]], [[5, 6]]], 2, None),  # a third axis: Stanza's own
    ]
    for tokens, batch, pad in cases:
        extra = () if pad is None else (pad,)
        own = get_long_tensor(tokens, batch, *extra)
        ours = tensors.long_tensor(tokens, batch, *extra)
        assert ours.dtype == own.dtype == torch.int64
        assert torch.equal(ours, own), tokens
    import stanza.models.depparse.data as depparse_data

    installed = depparse_data.get_long_tensor is tensors.long_tensor  # by a loaded parser
    tensors.install()
    assert depparse_data.get_long_tensor is tensors.long_tensor
    tensors.uninstall()
    assert depparse_data.get_long_tensor is get_long_tensor
    if installed:
        tensors.install()


def test_the_greedy_decoder_gives_stanzas_letters_and_edit_scores(parser):
    import torch
    from stanza.models.common.doc import TEXT as TEXT_COLUMN
    from stanza.models.common.doc import UPOS
    from stanza.models.lemma.data import DataLoader

    from framing.parsing import seq2seq

    pipeline = parser.load()._pipeline
    lemmatizer = pipeline.processors["lemma"]
    model = lemmatizer.trainer.model
    doc = pipeline.process(" ".join(DICTIONARY_TEXTS), processors="tokenize,mwt,pos")
    skip = lemmatizer.trainer.skip_seq2seq(doc.get([TEXT_COLUMN, UPOS]))
    every = [False] * len(skip)  # every word through the seq2seq, not only the unknown ones
    for kept in (skip, every):
        batches = DataLoader(
            doc,
            7,
            lemmatizer.config,
            vocab=lemmatizer.vocab,
            evaluation=True,
            skip=kept,
            expand_unk_vocab=True,
        )
        assert len(batches) > 0
        for batch in batches:
            src, mask, pos, text = batch[0], batch[1], batch[4], batch[7]
            seq2seq.uninstall(pipeline)
            try:
                with torch.no_grad():
                    own, own_edits = model.predict_greedy(src, mask, pos=pos, raw=text)
                    seq2seq.install(pipeline)
                    ours, our_edits = model.predict_greedy(src, mask, pos=pos, raw=text)
            finally:
                (seq2seq.install if parser.fast_decode else seq2seq.uninstall)(pipeline)
            assert ours == own
            assert torch.equal(our_edits, own_edits)


def test_the_tokenizers_character_inputs_are_stanzas(parser):
    import numpy as np
    from stanza.models.tokenization.data import TokenizationDataset

    from framing.parsing import tokenizer

    pipeline = parser.load()._pipeline
    processor = pipeline.processors["tokenize"]
    texts = [*DICTIONARY_TEXTS, "A", "12,5 % du PIB. L'an 2024.\n\nDeuxième paragraphe : « Oui » !"]
    tokenizer.install()
    ours = TokenizationDataset.__dict__["para_to_sentences"]
    tokenizer.uninstall()
    own = TokenizationDataset.__dict__["para_to_sentences"]
    assert ours is not own
    for text in texts:
        dataset = TokenizationDataset(
            processor.config,
            input_text=text,
            vocab=processor.vocab,
            evaluation=True,
            dictionary=processor.trainer.dictionary,
        )
        assert dataset.data
        for para in dataset.data:
            expected, got = own(dataset, para), ours(dataset, para)
            assert len(got) == len(expected) == 1
            for mine, stanzas in zip(got[0][:3], expected[0][:3], strict=True):
                assert mine.dtype == stanzas.dtype and mine.shape == stanzas.shape
                assert np.array_equal(mine, stanzas)
            assert got[0][3] == expected[0][3]
    if parser.fast_decode:
        tokenizer.install()
