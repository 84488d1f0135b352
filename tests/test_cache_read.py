"""Reading parse-cache entries fast without reading them differently
(framing/parsing/cache.py: zlib for one gzip member, orjson where installed)."""

from __future__ import annotations

import gzip
import json

import pytest

import framing.parsing.cache as cache_module
from framing.io.conllu import document_to_conllu
from framing.parsing.cache import decode_parse, decompress, encode_parse
from framing.types import Document
from tests.helpers import conllu_doc

# "Le maire du village a démissionné hier ." (invented)
PARSED = conllu_doc(
    [
        ("Le", "le", "DET", 2, "det"),
        ("maire", "maire", "NOUN", 6, "nsubj"),
        ("du=de+le", "de+le", "ADP+DET", "4+4", "case+det"),
        ("village", "village", "NOUN", 2, "nmod"),
        ("a", "avoir", "AUX", 6, "aux:tense"),
        ("démissionné", "démissionner", "VERB", 0, "root", "Tense=Past|VerbForm=Part"),
        ("hier", "hier", "ADV", 6, "advmod", "_", True),
        (".", ".", "PUNCT", 6, "punct"),
    ]
)


def _decoded(data: bytes) -> str:
    document = Document(id="t", text=PARSED.text, sentences=decode_parse(data, PARSED.text))
    document.sentences[0].sent_id = PARSED.sentences[0].sent_id
    return document_to_conllu(document)


def test_both_json_decoders_give_the_same_parse(monkeypatch):
    data = encode_parse(PARSED)
    fast = _decoded(data)
    monkeypatch.setattr(cache_module, "_orjson", None)
    assert _decoded(data) == fast == document_to_conllu(PARSED)


def test_gzip_members_read_by_zlib_or_by_gzip_alike():
    data = encode_parse(PARSED)
    one = gzip.compress(data, mtime=0)
    assert decompress(one) == data
    # two members (another writer's gzip): the gzip module reads them all
    assert decompress(gzip.compress(data[:10]) + gzip.compress(data[10:])) == data
    with pytest.raises((OSError, EOFError)):
        decompress(one[:-12])  # cut short


def test_a_word_row_of_the_wrong_width_is_refused():
    payload = json.loads(encode_parse(PARSED))
    del payload["sentences"][0][1][3][0][9]  # one column short: no silent shift
    with pytest.raises(ValueError, match="columns"):
        decode_parse(json.dumps(payload).encode("utf-8"), PARSED.text)
