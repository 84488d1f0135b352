"""Wiring the stages together: documents -> parses -> annotated documents.

The CLI and the Python API both go through these functions, so a command
and its API call do exactly the same work.
"""

from __future__ import annotations

import platform
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from framing import __version__
from framing.annotate import Annotator
from framing.document import Document
from framing.mentions import AnnotatedDocument
from framing.parse import Parser


def annotate_documents(
    documents: Iterable[Document], annotator: Annotator, parser: Any = None
) -> Iterator[AnnotatedDocument]:
    """Parse (unless already parsed) and annotate each document, lazily, in order."""
    for document in documents:
        if not document.sentences and document.text.strip():
            if parser is None:
                parser = Parser(language=document.language)
            document = parser.parse(document)
        yield annotator.annotate(document)


def git_commit(path: Path) -> str | None:
    """The commit of the checkout framing runs from, if it is one (for provenance)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and len(commit) == 40 else None


def provenance(
    parser: Any, annotator: Annotator | None, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What produced an output: versions, model identity, data checksums, options."""
    import stanza

    from framing.resources import REPO_ROOT

    record: dict[str, Any] = {
        "framing_version": __version__,
        "git_commit": git_commit(REPO_ROOT),
        "python_version": platform.python_version(),
        "stanza_version": stanza.__version__,
        "options": options or {},
    }
    if parser is not None:
        record["model"] = parser.model.identity()
        record["parse_options"] = parser.options.as_dict()
    if annotator is not None:
        record["lexicon_files"] = {
            _relative(path): digest for path, digest in annotator.checksums.items()
        }
    return record


def _relative(path: str) -> str:
    from framing.resources import REPO_ROOT

    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
