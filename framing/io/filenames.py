"""One policy for turning a document id into a file name.

Document ids come from the data (URLs, paths, titles) and may hold slashes,
spaces or dots; the CoNLL-U files of ``framing parse`` and the viewer's
article pages are both named after them, with the same rule, so a document
has one file name wherever framing writes it.
"""

from __future__ import annotations

import hashlib
import re

_UNSAFE_CHAR = re.compile(r"[^A-Za-z0-9._-]")
MAX_NAME = 150


def safe_filename(identifier: str) -> str:
    """A file name for a document id: characters outside ``[A-Za-z0-9._-]`` become ``_``.

    Very long ids are cut and given a short hash so names stay under file-system limits
    and distinct; ids that would be hidden or special files (``""``, ``.``, ``..``) are
    prefixed so the file is always a normal, visible one.
    """
    name = _UNSAFE_CHAR.sub("_", identifier)
    if len(name) > MAX_NAME:
        digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:10]
        name = f"{name[: MAX_NAME - 11]}-{digest}"
    if not name or name.startswith("."):
        name = "doc" + name
    return name
