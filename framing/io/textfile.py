"""Decoding files into text exactly as read, with errors that say where.

Offsets in every later stage index into the string this module returns, so it
never normalizes anything: CRLF stays CRLF, no-break spaces stay. It only
removes a UTF-8 byte-order mark, which is an encoding signature, not text.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from framing.errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def read_bytes(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing directories, missing and oversized files."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            f"{path}: file is {size:,} bytes, over the {max_bytes:,}-byte limit "
            f"(raise it with --max-bytes)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


_CP1252_ONLY = frozenset(bytes(range(0x80, 0xA0))) - frozenset(b"\x81\x8d\x8f\x90\x9d")
"""Bytes that are printable in cp1252 (’ “ ” – … €, ...) but C1 controls in latin-1."""


def _encoding_advice(data: bytes) -> str:
    """Which ``--encoding`` to suggest for bytes that are not UTF-8.

    Latin-1 decodes any byte, so suggesting it blindly turns cp1252's curly
    quotes and dashes (0x80-0x9F) into invisible C1 control characters; when
    such bytes are present and the whole text is valid cp1252, say cp1252.
    """
    if not _CP1252_ONLY.isdisjoint(data):
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return "its 0x80-0x9F bytes are Windows-1252 quotes and dashes: pass --encoding cp1252"
    return "pass --encoding (e.g. --encoding latin-1) if it is not UTF-8"


def decode_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode file content; UTF-8 (with or without BOM) unless told otherwise.

    Binary content (NUL bytes) and undecodable bytes are errors that name the
    line and column, suggesting ``--encoding``.
    """
    if encoding is None and b"\x00" in data[:8192]:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError(
                f"{source}: looks like UTF-16 text; convert it to UTF-8 or pass --encoding utf-16"
            )
        offset = data.index(b"\x00")
        line, column = _line_and_column(data, offset)
        raise InputError(f"{source}:{line}:{column}: binary content (NUL byte), not a text file")
    codec = encoding or "utf-8"
    if codec.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(codec)
    except LookupError as exc:
        raise InputError(f"{source}: unknown encoding {codec!r}") from exc
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        hint = "" if encoding else f"; {_encoding_advice(data)}"
        raise InputError(
            f"{source}:{line}:{column}: not valid {codec} (byte 0x{bad}){hint}"
        ) from exc


def read_text_file(
    path: str | Path, encoding: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> str:
    path = Path(path)
    return decode_text(read_bytes(path, max_bytes), str(path), encoding)
