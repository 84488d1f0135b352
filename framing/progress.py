"""A quiet-by-default progress line: documents done, documents/s and ETA.

Shown only when stderr is a terminal (and not --quiet), so batch logs and CI
output stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self, total: int | None = None, enabled: bool | None = None, stream: TextIO | None = None
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._chunk_document: str | None = None
        self._chunk_started = self.started

    def __call__(self, _item: object = None) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.5 or self.done == self.total):
            self._last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        text = (
            f"{self.done}"
            + (f"/{self.total}" if self.total else "")
            + f" documents  {rate:.2f} docs/s"
        )
        if self.total and rate > 0:
            remaining = max(self.total - self.done, 0) / rate
            text += f"  ETA {int(remaining // 60):d}:{int(remaining % 60):02d}"
        return text

    def chunk(self, document_id: str, done: int, total: int) -> None:
        """Progress inside one long document (parsed chunk by chunk), on the same line.

        A 20 MB article is hours of parsing; without this the line would sit
        still on the same document count the whole time.
        """
        now = time.monotonic()
        if done == 1 or self._chunk_document != document_id:
            self._chunk_document = document_id
            self._chunk_started = now
        if not self.enabled or (now - self._last <= 0.5 and done != total):
            return
        self._last = now
        rate = done / max(now - self._chunk_started, 1e-9)
        remaining = (total - done) / rate if rate > 0 else 0
        eta = f"{int(remaining // 3600):d}:{int(remaining % 3600 // 60):02d}:{int(remaining % 60):02d}"
        self.stream.write(
            f"\r{self.line(now)}  | {document_id}: chunk {done}/{total}, ETA {eta}\x1b[K"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()


def watch_chunks(engine: object, progress: Progress) -> None:
    """Send a parse engine's chunk progress (long documents) to ``progress``."""
    parser = getattr(engine, "parser", engine)
    if hasattr(parser, "on_chunk"):
        parser.on_chunk = progress.chunk
