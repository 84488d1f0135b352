"""Compiled annotators cached per checksum, as parses are, so a command starts fast.

Building the annotator (parsing some 20 YAML files with line numbers, checking
them against their schemas, compiling patterns and rules) took about 2 s of
every command's start. Its result is pickled under a key made of the sha256
of every file it may read (the YAML under the lexicon folders, the inventory,
the rule-family registry, the schemas) and of framing's own source, so any
edit to a lexicon, a rule or the code builds it again; an unreadable entry is rebuilt and replaced. Errors
are never cached: a lexicon with errors fails as it always did.

Folder: ``$FRAMING_COMPILED_DIR``, else ``~/.cache/framing/compiled``
(``$XDG_CACHE_HOME`` respected), the 16 newest entries kept;
``FRAMING_COMPILED_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from framing.annotation.families import REGISTRY_FILE
from framing.resources import default_lexicon_dir, lexicon_root, schema_dir

COMPILED_DIR_ENV = "FRAMING_COMPILED_DIR"
KEEP = 16  # entries kept in the folder (about 0.4 MB each)
_PACKAGE = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def compiled_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get(COMPILED_DIR_ENV, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "framing" / "compiled"


def _source_files(paths: Iterable[str | Path] | None, language: str) -> list[Path]:
    """Every file the annotator may read for these paths, and framing's own code."""
    roots = [Path(p) for p in paths] if paths else [default_lexicon_dir(language)]
    files: list[Path] = []
    for root in roots:
        files.extend(sorted(root.rglob("*.yaml")) if root.is_dir() else [root])
        # a language folder is checked against the inventory of the root it sits in
        if root.is_dir() and (root.parent / "inventory.yaml").is_file():
            files.append(root.parent / "inventory.yaml")
    # the closed lists and the rule-family registry the rules are checked against
    shared = [lexicon_root() / "inventory.yaml", lexicon_root() / REGISTRY_FILE]
    files.extend(p for p in shared if p.is_file())
    files.extend(sorted(schema_dir().glob("*.json")))
    files.extend(sorted(_PACKAGE.rglob("*.py")))
    return files


def cache_key(paths: Iterable[str | Path] | None, language: str) -> str | None:
    """The key of the annotator for ``paths``; None if a source cannot be read."""
    digest = hashlib.sha256(f"{language}\0".encode())
    try:
        for path in _source_files(paths, language):
            digest.update(f"{path.resolve()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:  # a missing path: let the build report it
        return None
    return digest.hexdigest()


def cached(paths: Iterable[str | Path] | None, language: str, build: Callable[[], T]) -> T:
    """The object ``build()`` makes for ``paths``, from the cache when its sources are unchanged."""
    folder = compiled_dir()
    paths = list(paths) if paths else None
    key = cache_key(paths, language) if folder else None
    if folder is None or key is None:
        return build()
    entry = folder / f"{key}.pickle"
    try:
        return pickle.loads(entry.read_bytes())
    except Exception:  # absent, truncated or from another Python: build it again
        pass
    result = build()
    # A file edited while the build read the sources (a linguist saving, another
    # run's edit) would leave under this key an annotator of other sources, served
    # again once the files match the key: store only what the key still names.
    if cache_key(paths, language) == key:
        _store(entry, result)
    return result


def _store(entry: Path, result: Any) -> None:
    """Write atomically; a read-only or full disk only costs the next start its speed."""
    tmp: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        _prune(entry.parent)
    except Exception:  # OSError, or an object that cannot be pickled
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Keep the newest ``KEEP`` entries: each lexicon edit leaves one behind."""
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
