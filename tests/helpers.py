"""Building small parsed documents by hand, for tests that must not depend on the model."""

from __future__ import annotations

from framing.io.conllu import read_conllu
from framing.types import AnnotatedDocument, Document


def conllu_doc(rows: list[tuple], doc_id: str = "t") -> Document:
    """rows: (form, lemma, upos, head, deprel[, feats[, no_space_after]]).

    A form "du=de+le" makes a multiword token of two words.
    """
    lines = ["# sent_id = 1"]
    word_id = 1
    for row in rows:
        form, lemma, upos, head, deprel, *rest = row
        feats = rest[0] if rest else "_"
        misc = "SpaceAfter=No" if len(rest) > 1 and rest[1] else "_"
        if "=" in form:
            surface, parts = form.split("=")
            pieces = parts.split("+")
            lines.append(
                f"{word_id}-{word_id + len(pieces) - 1}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t{misc}"
            )
            lemmas = lemma.split("+")
            uposes = upos.split("+")
            heads = str(head).split("+")
            rels = deprel.split("+")
            for i, piece in enumerate(pieces):
                lines.append(
                    f"{word_id}\t{piece}\t{lemmas[i]}\t{uposes[i]}\t_\t_\t{heads[i]}\t{rels[i]}\t_\t_"
                )
                word_id += 1
            continue
        lines.append(f"{word_id}\t{form}\t{lemma}\t{upos}\t_\t{feats}\t{head}\t{deprel}\t_\t{misc}")
        word_id += 1
    (doc,) = read_conllu("\n".join(lines) + "\n\n")
    doc.id = doc_id
    return doc


def speaker_of_verb(annotated: AnnotatedDocument, text: str) -> str | None:
    """The speaker written for the reporting verb spanned ``text`` (it must exist)."""
    hits = [m for m in annotated.mentions if m.category == "reporting_verb" and m.text == text]
    assert hits, f"no reporting verb {text!r} in {[m.text for m in annotated.mentions]}"
    return hits[0].speaker.text if hits[0].speaker is not None else None
