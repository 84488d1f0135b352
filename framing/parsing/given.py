"""A parse written by hand for a rule example, in a compact row format.

Some rules exist for one way a tagger or parser misreads a construction (a
"que" clause hung as a conjunct, a prenominal adjective read as the noun).
Their example sentence tests the parser rather than the rule: it passes only
while the shipped model makes that very mistake. Such an example can carry the
reading it is for, one row per syntactic word::

    form lemma UPOS head deprel [feats]

for instance ``confirmé confirmer VERB 0 root Tense=Past|VerbForm=Part``. The
forms must spell the sentence in order (spaces between them are taken from
the sentence), so the given parse cannot drift from its text.
"""

from __future__ import annotations

from framing.io.conllu import read_conllu
from framing.types import Document


class GivenParseError(ValueError):
    """A row that cannot be read or does not line up with the sentence."""


def _conllu_rows(text: str, rows: str) -> list[str]:
    lines = []
    position = 0
    numbered = [line.split() for line in rows.splitlines() if line.strip()]
    if not numbered:
        raise GivenParseError("the parse has no rows")
    for number, fields in enumerate(numbered, start=1):
        if len(fields) not in (5, 6):
            raise GivenParseError(
                f"row {number}: expected 'form lemma UPOS head deprel [feats]', got {' '.join(fields)!r}"
            )
        form, lemma, upos, head, deprel = fields[:5]
        feats = fields[5] if len(fields) == 6 else "_"
        if not head.isdigit() or int(head) > len(numbered):
            raise GivenParseError(f"row {number}: head {head!r} is not a row number or 0")
        while position < len(text) and text[position].isspace():
            position += 1
        if not text.startswith(form, position):
            raise GivenParseError(
                f"row {number}: form {form!r} is not the next word of the sentence "
                f"(which goes on {text[position : position + 20]!r})"
            )
        position += len(form)
        space_after = position < len(text) and text[position].isspace()
        misc = "_" if space_after or position == len(text) else "SpaceAfter=No"
        lines.append(f"{number}\t{form}\t{lemma}\t{upos}\t_\t{feats}\t{head}\t{deprel}\t_\t{misc}")
    if text[position:].strip():
        raise GivenParseError(f"the rows stop before the end of the sentence: {text[position:]!r}")
    return lines


def given_parse(text: str, rows: str) -> Document:
    """The document for ``text`` with the hand-written parse ``rows``."""
    lines = ["# sent_id = given-1", f"# text = {text}", *_conllu_rows(text, rows)]
    (document,) = read_conllu("\n".join(lines) + "\n\n", source="given parse")
    document.id = "example"
    if document.text != text:
        raise GivenParseError(f"the rows spell {document.text!r}, not the sentence")
    return document
