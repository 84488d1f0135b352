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
    """Peak resident memory of this process so far, in MB.

    Reads VmHWM from /proc on Linux: ``ru_maxrss`` survives ``exec`` and so
    reports the *parent's* peak in a child started from a big process (here,
    one holding the parsing model). Elsewhere falls back to ``ru_maxrss``.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024
