"""Saying what was left out of a run, and refusing to call an empty run a success.

``ingest``, ``annotate`` and ``run`` all read through a ``Corpus`` that sets
bad records aside; each command lists them the same way (one ``skipped:`` line
per item, from ``ingest_summary.json``), and when nothing is left each fails
with one line giving the count and the reasons, instead of "0 documents" (exit
0) or "the corpus is empty" (no reason).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.ingest.corpus import SUMMARY_FILE
from framing.ingest.records import where


class NothingLeft(InputError):
    """Every input was skipped: there is nothing to annotate or report on."""


def skipped_lines(summary: dict[str, Any]) -> list[str]:
    """``skipped: file:line: reason`` for each item an ingest summary lists."""
    return [
        f"skipped: {where(item['source'], item.get('location', ''))}: {item['reason']}"
        for item in summary.get("skipped_items", [])
    ]


def nothing_left(summary: dict[str, Any], summary_path: Path | None = None) -> NothingLeft:
    """The error for a run whose every input was skipped, with the reasons counted."""
    reasons = ", ".join(f"{n} {kind}" for kind, n in summary.get("skipped_by_reason", {}).items())
    count = summary.get("skipped", 0)
    where = f"; see {summary_path}" if summary_path else ""
    if not count:
        return NothingLeft(f"no documents in the inputs{where}")
    return NothingLeft(
        f"no documents left: {count} input(s) skipped ({reasons or 'see above'}){where}"
    )


def echo_skipped(
    out_dir: Path, echo: Callable[[str], None], since: float | None = None
) -> dict[str, Any]:
    """Print the skipped items recorded in ``out_dir``'s ingest summary; return the summary.

    ``since`` (a ``time.time()``) ignores a summary older than that, left by an
    earlier run in the same folder.
    """
    path = out_dir / SUMMARY_FILE
    try:
        if since is not None and path.stat().st_mtime < since - 1:
            return {}
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    for line in skipped_lines(summary):
        echo(line)
    return summary
