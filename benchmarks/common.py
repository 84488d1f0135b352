"""Shared helpers for the benchmarks: corpus sampling and measurement."""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORANGESUM = REPO.parent / "shared" / "corpora" / "orangesum" / "sample.jsonl"


def orangesum_texts(limit: int | None = None, path: Path = ORANGESUM) -> Iterator[dict]:
    """The first ``limit`` records of the OrangeSum sample, in file order."""
    if not path.is_file():
        sys.exit(f"{path} not found: the benchmarks read ../shared/corpora/orangesum/sample.jsonl")
    with path.open(encoding="utf-8") as handle:
        for count, line in enumerate(handle):
            if limit is not None and count >= limit:
                return
            yield json.loads(line)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
