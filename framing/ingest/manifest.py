"""Folders of articles, described (or not) by a manifest.

The common hand-made corpus is a folder of ``.txt`` files with a small table
saying who published each one and when. ``manifest.csv`` (or ``.yaml``) lists
``file`` (required, relative to the manifest) and optionally ``id``, ``outlet``,
``date``, ``title``, ``url``, ``language``; other columns go to metadata. A
folder without a manifest is every ``*.txt`` in it, id = file stem. A manifest
row may also name an ``.html`` page, which is extracted as ``html.py`` does.
A row naming a file outside the manifest's folder (an absolute path, or one
going up with ``..``) is skipped unless ``allow_outside`` is set: a received
manifest must not be able to pull ``/etc/passwd`` into a corpus unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.ingest.formats import csv_rows, document_text, read_file_text, read_text
from framing.ingest.html import extract_html
from framing.ingest.options import MANIFEST_NAMES, IngestOptions
from framing.ingest.records import Item, RecordError, Skipped, make_document
from framing.io.yamlfile import load_yaml

_HTML = (".html", ".htm")


def read_folder(path: Path, options: IngestOptions) -> Iterator[Item | Skipped]:
    """The folder's manifest if it has one (unless format is "text"), else its .txt files."""
    manifests = [path / name for name in MANIFEST_NAMES if (path / name).is_file()]
    if options.format != "text" and len(manifests) > 1:
        names = " and ".join(m.name for m in manifests)
        raise InputError(f"{path}: has both {names}; keep one manifest")
    if options.format != "text" and manifests:
        yield from read_manifest(manifests[0], options)
        return
    if options.format == "manifest":
        raise InputError(f"{path}: no manifest ({', '.join(MANIFEST_NAMES)}) in this folder")
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise InputError(f"{path}: no .txt files and no manifest in this folder")
    for file in files:
        try:
            yield from read_text(file, options)
        except InputError as exc:
            yield Skipped.from_error(exc, str(file))


def _manifest_entries(path: Path, options: IngestOptions) -> Iterator[tuple[str, Any]]:
    """(location, entry) for each manifest row; whole-manifest problems raise InputError.

    YAML mappings know their line; a YAML entry that is not a mapping (a bare
    string, say) does not, so it is named by its position instead.
    """
    if path.suffix.lower() in (".yaml", ".yml"):
        read_file_text(path, options)  # size, emptiness and encoding checks, as for any file
        data = load_yaml(path)
        if isinstance(data, Mapping) and "documents" in data:
            data = data["documents"]
        if not isinstance(data, list):
            raise InputError(f"{path}: a manifest is a list of entries (or 'documents: [...]')")
        for number, entry in enumerate(data, start=1):
            line = getattr(entry, "line", 0)
            yield (f"line {line}" if line else f"entry {number}"), entry
        return
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    text = read_file_text(path, options)
    yield from csv_rows(path, text, delimiter, ("file",))


def _outside(folder: Path, file_name: str) -> bool:
    """Whether a manifest's ``file`` leads out of its folder (absolute, or via ``..``).

    The check is on the path as written, not on where symbolic links lead: a
    link placed in the folder is the corpus owner's deliberate choice, while
    ``/etc/passwd`` or ``../../secret`` in a received manifest is not.
    """
    if os.path.isabs(file_name) or Path(file_name).drive:
        return True
    normal = os.path.normpath(file_name)
    return normal == ".." or normal.startswith(".." + os.sep) or normal.startswith("../")


def read_manifest(path: Path, options: IngestOptions) -> Iterator[Item | Skipped]:
    """The documents a manifest lists, in its order; a bad row skips only itself."""
    source = str(path)
    for location, entry in _manifest_entries(path, options):
        if isinstance(entry, Skipped):
            yield entry
            continue
        if not isinstance(entry, Mapping):
            yield Skipped(source, location, "entry is not a mapping of fields", "malformed")
            continue
        file_name = entry.get("file")
        if not isinstance(file_name, str) or not file_name.strip():
            yield Skipped(source, location, 'row has no "file"', "missing field")
            continue
        target = path.parent / file_name
        if not options.allow_outside and _outside(path.parent, file_name):
            reason = (
                f'"{file_name}" is outside the manifest\'s folder; '
                "pass --allow-outside to read files named from elsewhere"
            )
            yield Skipped(source, location, reason, "outside folder")
            continue
        if not target.is_file():
            yield Skipped(source, location, f'no such file "{file_name}"', "missing file")
            continue
        given = {k: v for k, v in entry.items() if v is not None and v != ""}
        try:
            if target.suffix.lower() in _HTML:
                page = extract_html(target, options)
                raw = {**page, **given}
                if isinstance(given.get("metadata"), Mapping):
                    raw["metadata"] = {**page["metadata"], **given["metadata"]}
            else:
                raw = {**given, "text": document_text(target, options)}
        except InputError as exc:
            yield Skipped.from_error(exc, str(target))
            continue
        raw.pop("file", None)
        raw.setdefault("id", target.stem)
        try:
            document = make_document(raw, options, mapped=False, metadata={"source": str(target)})
        except RecordError as exc:
            yield Skipped(source, location, exc.reason, exc.kind)
            continue
        yield Item(document, source, location)
