"""CoNLL-U reading and writing that round-trips the document model without loss.

Plain CoNLL-U cannot hold a document's exact text, so we keep three things in
standard places that other UD tools ignore safely:

* each token's character span, as ``start_char=..|end_char=..`` in MISC (on the
  range line for a multiword token), the convention Stanza itself uses;
* the exact whitespace after a token: ``SpaceAfter=No`` for none, nothing for a
  single space, ``SpacesAfter=\\n\\n`` (UD's escaped form) for anything else;
* document metadata, and any text before the first token, as one JSON comment
  ``# framing.doc = {...}`` after the usual ``# newdoc id = ...``.

Reading a file without those (a UD treebank, say) still works: the text is
rebuilt from the forms and ``SpaceAfter`` and the offsets are computed from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from framing.errors import InputError
from framing.types import Document, Sentence, Token, Word

_ESCAPES = {"\\": "\\\\", " ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r", "|": "\\p"}
_UNESCAPES = {"\\": "\\", "s": " ", "t": "\t", "n": "\n", "r": "\r", "p": "|"}
_DOC_HEADER = "framing.doc"
_OFFSET_KEYS = ("start_char", "end_char", "SpaceAfter", "SpacesAfter", "Text")


def escape_spaces(value: str) -> str:
    """Escape whitespace for a MISC value (UD's ``SpacesAfter`` convention).

    Other whitespace characters (no-break spaces, common in French typography)
    become ``\\uXXXX`` so that every MISC value is free of blanks.
    """
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char.isspace() or not char.isprintable():
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def unescape_spaces(value: str) -> str:
    """Inverse of :func:`escape_spaces`."""
    out = []
    i = 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            code = value[i + 1]
            if code == "u" and i + 6 <= len(value):
                out.append(chr(int(value[i + 2 : i + 6], 16)))
                i += 6
                continue
            if code in _UNESCAPES:
                out.append(_UNESCAPES[code])
                i += 2
                continue
        out.append(char)
        i += 1
    return "".join(out)


def _field(value: str | int | None) -> str:
    if value is None or value == "":
        return "_"
    return str(value)


def _clean_form(text: str) -> str:
    """A form safe for a CoNLL-U column (no tabs or newlines)."""
    return " ".join(text.split()) if any(c in text for c in "\t\n\r") else text


def _token_misc(token: Token) -> str:
    parts = [f"start_char={token.start}", f"end_char={token.end}"]
    if token.space_after == "":
        parts.append("SpaceAfter=No")
    elif token.space_after != " ":
        parts.append(f"SpacesAfter={escape_spaces(token.space_after)}")
    if _clean_form(token.text) != token.text:
        parts.append(f"Text={escape_spaces(token.text)}")
    return "|".join(parts)


def _merge_misc(own: str, extra: str | None) -> str:
    if not extra or extra == "_":
        return own
    return f"{own}|{extra}"


def _word_line(word: Word, misc: str | None) -> str:
    return "\t".join(
        [
            str(word.id),
            _clean_form(word.text) or "_",
            _field(word.lemma),
            _field(word.upos),
            _field(word.xpos),
            _field(word.feats),
            _field(word.head),
            _field(word.deprel),
            _field(word.deps),
            _field(misc),
        ]
    )


def document_to_conllu(document: Document) -> str:
    """Serialize one document (parsed or not) as CoNLL-U text."""
    tokens = list(document.tokens())
    leading = document.text[: tokens[0].start] if tokens else document.text
    header = {
        "id": document.id,
        "outlet": document.outlet,
        "date": document.date,
        "title": document.title,
        "language": document.language,
        "metadata": document.metadata,
        "leading": leading,
    }
    lines = [
        f"# newdoc id = {_clean_form(document.id)}",
        f"# {_DOC_HEADER} = {json.dumps(header, ensure_ascii=False, sort_keys=True)}",
    ]
    for sentence in document.sentences:
        sent_id = sentence.sent_id or f"{document.id}-{sentence.index + 1}"
        lines.append(f"# sent_id = {_clean_form(sent_id)}")
        lines.append(f"# text = {' '.join(sentence.text_in(document.text).split())}")
        for token in sentence.tokens:
            misc = _token_misc(token)
            if token.is_multiword:
                first, last = token.words[0].id, token.words[-1].id
                lines.append(
                    "\t".join([f"{first}-{last}", _clean_form(token.text)] + ["_"] * 7 + [misc])
                )
                for word in token.words:
                    lines.append(_word_line(word, word.misc))
            else:
                word = token.words[0]
                lines.append(_word_line(word, _merge_misc(misc, word.misc)))
        lines.append("")
    if not document.sentences:
        lines.append("")
    return "\n".join(lines) + "\n"


def documents_to_conllu(documents: Iterable[Document]) -> str:
    return "".join(document_to_conllu(doc) for doc in documents)


def _split_misc(misc: str) -> tuple[dict[str, str], str | None]:
    """Separate our offset/space keys from the rest of a MISC column."""
    ours: dict[str, str] = {}
    rest: list[str] = []
    if misc and misc != "_":
        for part in misc.split("|"):
            key, sep, value = part.partition("=")
            if sep and key in _OFFSET_KEYS:
                ours[key] = value
            else:
                rest.append(part)
    return ours, ("|".join(rest) if rest else None)


class _DocumentBuilder:
    """Accumulates sentences of one document while reading CoNLL-U."""

    def __init__(self, doc_id: str, header: dict | None, source: str) -> None:
        self.doc_id = doc_id
        self.header = header or {}
        self.source = source
        self.sentences: list[Sentence] = []
        self.pieces: list[str] = [self.header.get("leading", "")]
        self.length = len(self.pieces[0])
        self.has_offsets = True

    def add_sentence(self, rows: list[tuple[int, list[str]]], sent_id: str | None) -> None:
        sentence = Sentence(index=len(self.sentences), sent_id=sent_id)
        pending_range: tuple[int, int, list[str]] | None = None
        for line_no, cols in rows:
            word_id = cols[0]
            if "." in word_id:
                continue  # empty nodes (enhanced UD) carry no surface text
            ours, rest = _split_misc(cols[9])
            if "-" in word_id:
                first, last = (int(x) for x in word_id.split("-"))
                pending_range = (first, last, cols)
                token = self._new_token(sentence, cols[1], ours, line_no)
                continue
            wid = int(word_id)
            lemma, upos, xpos, feats, head, deprel, deps = [
                None if value == "_" else value for value in cols[2:9]
            ]
            word = Word(
                wid,
                cols[1],
                lemma,
                upos,
                xpos,
                feats,
                None if head is None else int(head),
                deprel,
                deps,
                rest,
            )
            if pending_range and pending_range[0] <= wid <= pending_range[1]:
                token = sentence.tokens[-1]
                word.token = token.index
                token.words.append(word)
                if wid == pending_range[1]:
                    pending_range = None
                continue
            token = self._new_token(sentence, cols[1], ours, line_no)
            word.token = token.index
            token.words.append(word)
        if sentence.tokens:
            self.sentences.append(sentence)

    def _new_token(
        self, sentence: Sentence, form: str, ours: dict[str, str], line_no: int
    ) -> Token:
        text = unescape_spaces(ours["Text"]) if "Text" in ours else form
        if "SpaceAfter" in ours and ours["SpaceAfter"] == "No":
            space_after = ""
        elif "SpacesAfter" in ours:
            space_after = unescape_spaces(ours["SpacesAfter"])
        else:
            space_after = " "
        start = self.length
        if "start_char" in ours:
            try:
                recorded = int(ours["start_char"])
            except ValueError as exc:
                raise InputError(
                    f"{self.source}:{line_no}: start_char is not a number: {ours['start_char']!r}"
                ) from exc
            if recorded != start:
                raise InputError(
                    f"{self.source}:{line_no}: token {text!r} has start_char={recorded} "
                    f"but the rebuilt text puts it at {start}"
                )
        token = Token(len(sentence.tokens), text, start, start + len(text), space_after=space_after)
        sentence.tokens.append(token)
        self.pieces.append(text)
        self.pieces.append(space_after)
        self.length += len(text) + len(space_after)
        return token

    def finish(self) -> Document:
        text = "".join(self.pieces)
        if self.sentences and self.sentences[-1].tokens:
            last = self.sentences[-1].tokens[-1]
            # Without our header the last token's trailing default space is an
            # artefact of the format, not text that was read.
            if not self.header and last.space_after == " ":
                last.space_after = ""
                text = text[:-1]
        header = self.header
        return Document(
            id=header.get("id", self.doc_id),
            text=text,
            outlet=header.get("outlet"),
            date=header.get("date"),
            title=header.get("title"),
            language=header.get("language") or "fr",
            metadata=header.get("metadata") or {},
            sentences=self.sentences,
        )


def read_conllu(content: str, source: str = "<conllu>") -> list[Document]:
    """Parse CoNLL-U text into documents (split on ``# newdoc``)."""
    documents: list[Document] = []
    builder: _DocumentBuilder | None = None
    rows: list[tuple[int, list[str]]] = []
    sent_id: str | None = None
    pending_newdoc: str | None = None

    def flush_sentence() -> None:
        nonlocal rows, sent_id, builder
        if rows:
            if builder is None:
                builder = _DocumentBuilder(Path(source).stem or "doc", None, source)
            builder.add_sentence(rows, sent_id)
        rows = []
        sent_id = None

    for line_no, raw_line in enumerate(content.splitlines(), start=1):
        line = raw_line.rstrip("\r")
        if not line.strip():
            flush_sentence()
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition("=")
            key, value = key.strip(), value.strip()
            if key == "newdoc id" or (key == "newdoc" and not sep):
                flush_sentence()
                if builder is not None:
                    documents.append(builder.finish())
                    builder = None
                pending_newdoc = value or f"doc{len(documents) + 1}"
            elif key == _DOC_HEADER:
                try:
                    header = json.loads(value)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"{source}:{line_no}: malformed {_DOC_HEADER} comment: {exc.msg}"
                    ) from exc
                builder = _DocumentBuilder(header.get("id", pending_newdoc), header, source)
            elif key == "sent_id":
                sent_id = value
            if builder is None and pending_newdoc is not None and key != "newdoc id":
                builder = _DocumentBuilder(pending_newdoc, None, source)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise InputError(
                f"{source}:{line_no}: expected 10 tab-separated columns, found {len(cols)}"
            )
        if builder is None and pending_newdoc is not None:
            builder = _DocumentBuilder(pending_newdoc, None, source)
        rows.append((line_no, cols))
    flush_sentence()
    if builder is not None:
        documents.append(builder.finish())
    return documents


def read_conllu_file(path: str | Path) -> list[Document]:
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    return read_conllu(content, source=str(path))
