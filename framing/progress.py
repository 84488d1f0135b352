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

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()
