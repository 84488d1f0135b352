"""Decoding input files: exact text, clear errors naming the place."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import InputError
from framing.io.textfile import read_text_file


def test_utf8_with_bom_drops_only_the_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Élan\r\nsuite".encode())
    assert read_text_file(path) == "Élan\r\nsuite"


def test_crlf_is_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"un\r\ndeux\r\n")
    assert read_text_file(path) == "un\r\ndeux\r\n"


def test_latin1_is_reported_with_line_and_column(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("première ligne\nla société".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert str(info.value) == (
        f"{path}:1:6: not valid utf-8 (byte 0xe8); pass --encoding (e.g. --encoding latin-1) "
        "if it is not UTF-8"
    )


def test_explicit_encoding_decodes(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("la société".encode("latin-1"))
    assert read_text_file(path, encoding="latin-1") == "la société"


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "img.txt"
    path.write_bytes(b"GIF89a\n\x00\x01\x02")
    with pytest.raises(InputError, match=r"img\.txt:2:1: binary content \(NUL byte\)"):
        read_text_file(path)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match=r"big\.txt: file is 2,000 bytes, over the 1,000-byte"):
        read_text_file(path, max_bytes=1000)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_text_file(tmp_path / "nope.txt")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")))
def test_text_read_is_exactly_the_decoded_content(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("h") / "t.txt"
    data = text.encode("utf-8")
    path.write_bytes(data)
    assert read_text_file(path) == data.decode("utf-8").removeprefix("\ufeff")
