"""CoNLL-U round trips: the document model must survive a write and a read."""

from __future__ import annotations

import pytest

from framing.errors import InputError
from framing.io.conllu import (
    document_to_conllu,
    escape_spaces,
    read_conllu,
    unescape_spaces,
)
from framing.types import Document, Sentence, Token, Word


def _doc() -> Document:
    """A hand-built parse of two sentences with a contraction and odd whitespace."""
    text = "  Il parle du « coup d'État ».\r\n\nFin\u00a0!"
    spans = []
    pos = 0
    for form in ["Il", "parle", "du", "«", "coup", "d'", "État", "»", ".", "Fin", "!"]:
        start = text.index(form, pos)
        spans.append((form, start, start + len(form)))
        pos = start + len(form)
    s1 = Sentence(index=0, sent_id="d-1")
    wid = 1
    for i, (form, start, end) in enumerate(spans[:9]):
        token = Token(index=i, text=form, start=start, end=end)
        if form == "du":
            token.words = [
                Word(
                    id=wid, text="de", lemma="de", upos="ADP", head=wid + 3, deprel="case", token=i
                ),
                Word(
                    id=wid + 1,
                    text="le",
                    lemma="le",
                    upos="DET",
                    head=wid + 3,
                    deprel="det",
                    feats="Definite=Def|Gender=Masc",
                    token=i,
                ),
            ]
            wid += 2
        else:
            token.words = [
                Word(
                    id=wid,
                    text=form,
                    lemma=form.lower(),
                    upos="X",
                    head=2,
                    deprel="dep",
                    misc="Custom=yes" if form == "coup" else None,
                    token=i,
                )
            ]
            wid += 1
        s1.tokens.append(token)
    s2 = Sentence(index=1, sent_id="d-2")
    for i, (form, start, end) in enumerate(spans[9:]):
        s2.tokens.append(
            Token(
                index=i,
                text=form,
                start=start,
                end=end,
                words=[
                    Word(
                        id=i + 1,
                        text=form,
                        lemma=form,
                        upos="X",
                        head=0 if i == 0 else 1,
                        deprel="root" if i == 0 else "punct",
                        token=i,
                    )
                ],
            )
        )
    tokens = s1.tokens + s2.tokens
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
        token.space_after = text[token.end : nxt]
    return Document(
        id="d",
        text=text,
        outlet="Le Quotidien",
        date="2022-01-07",
        title="Un titre\nsur deux lignes",
        metadata={"url": "http://x", "n": 3},
        sentences=[s1, s2],
    )


def test_round_trip_is_lossless():
    doc = _doc()
    doc.check_offsets()
    content = document_to_conllu(doc)
    (back,) = read_conllu(content)
    assert back == doc
    assert back.text == doc.text
    assert document_to_conllu(back) == content


def test_multiword_token_is_a_range_line_with_offsets():
    content = document_to_conllu(_doc())
    line = next(x for x in content.splitlines() if x.startswith("3-4\t"))
    cols = line.split("\t")
    assert cols[1] == "du"
    start = _doc().text.index("du")
    assert f"start_char={start}" in cols[9] and f"end_char={start + 2}" in cols[9]


def test_exact_whitespace_is_kept_in_spaces_after():
    content = document_to_conllu(_doc())
    assert "SpacesAfter=\\r\\n\\n" in content
    assert "SpacesAfter=\\u00a0" in content


def test_several_documents_in_one_file():
    a, b = _doc(), _doc()
    b.id = "e"
    docs = read_conllu(document_to_conllu(a) + document_to_conllu(b))
    assert [d.id for d in docs] == ["d", "e"]
    assert docs[1] == b


def test_empty_document_round_trips():
    doc = Document(id="empty", text="  \n")
    (back,) = read_conllu(document_to_conllu(doc))
    assert back == doc


def test_plain_ud_file_without_offsets_rebuilds_text():
    content = (
        "# sent_id = 1\n# text = Il va au marché.\n"
        "1\tIl\til\tPRON\t_\t_\t2\tnsubj\t_\t_\n"
        "2\tva\taller\tVERB\t_\t_\t0\troot\t_\t_\n"
        "3-4\tau\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\tà\tà\tADP\t_\t_\t5\tcase\t_\t_\n"
        "4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n"
        "5\tmarché\tmarché\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No\n"
        "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n"
    )
    (doc,) = read_conllu(content)
    assert doc.text == "Il va au marché."
    doc.check_offsets()
    au = doc.sentences[0].tokens[2]
    assert au.text == "au" and [w.text for w in au.words] == ["à", "le"]
    assert doc.sentences[0].token_of(doc.sentences[0].word(4)) is au


@pytest.mark.parametrize("value", ["", " ", "\n\n", "\t|\\", "a b", "\u00a0\u202f", "x\r\n"])
def test_space_escaping_round_trips(value):
    escaped = escape_spaces(value)
    assert not any(c.isspace() for c in escaped)
    assert unescape_spaces(escaped) == value


def test_wrong_column_count_names_the_line():
    with pytest.raises(InputError, match=r"bad\.conllu:2: expected 10 tab-separated columns"):
        read_conllu("# sent_id = 1\n1\tIl\til\n\n", source="bad.conllu")


def test_inconsistent_offsets_are_reported():
    content = document_to_conllu(_doc()).replace("start_char=5|", "start_char=6|", 1)
    with pytest.raises(InputError, match=r"start_char=6 but the rebuilt text puts it at 5"):
        read_conllu(content, source="x.conllu")
