"""The Python API mirrors the commands: framing.parse() and framing.annotate()."""

from __future__ import annotations

import framing
from framing.io.annotations import validate_record


def test_parse_text_and_documents():
    doc = framing.parse("Le ministre a parlé. Il est parti.")
    assert isinstance(doc, framing.Document) and len(doc.sentences) == 2
    docs = framing.parse(["Bonjour.", framing.Document(id="x", text="Au revoir.")])
    assert [d.id for d in docs] == ["text-1", "x"]


def test_annotate_text_returns_the_spec_record():
    annotated = framing.annotate("« Les émeutiers seront punis », a déclaré le ministre.")
    record = annotated.to_record()
    validate_record(record)
    texts = {m["text"]: m for m in record["annotations"]}
    assert texts["émeutiers"]["voice"] == "direct_quote"
    assert texts["a déclaré"]["category"] == "reporting_verb"
    assert all(m["rules"] for m in record["annotations"])
