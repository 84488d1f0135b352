"""Claiming an output folder: one writer at a time, and one clear line when it cannot be.

Two runs writing the same ``--out`` would interleave their records (every id
twice) or crash on each other's temporary files, so each writing command first
claims its folder through a lock file, ``.framing.lock``, holding the pid, host,
command and start time of the run that owns it. The claim is an exclusive
``flock`` on that file: the kernel drops it when the process ends, however it
ends, so a lock left behind by a killed run (``kill -9``) is simply taken over,
and a live one is refused with a line naming its pid and command.

The same step turns the usual ways an output folder cannot be used (it is a
file, or it cannot be created or written) into one ``InputError`` line naming
the path and what to do, instead of a traceback from deep inside a writer.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
import warnings
from pathlib import Path
from types import TracebackType
from typing import Any

from framing.errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: pid checks only
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".framing.lock"


class OutputBusy(InputError):
    """Another live run holds the output folder."""


def check_folder(path: Path, option: str = "--out") -> None:
    """Refuse a path that exists and is not a folder, or a folder that cannot be created."""
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: exists and is not a folder; give {option} a folder path")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(
            f"{path}: a part of this path is a file, not a folder; give {option} another path"
        ) from None
    except OSError as exc:
        raise InputError(
            f"{path}: cannot create the output folder ({exc.strerror}); "
            f"choose another {option} or fix the permissions of {_existing_parent(path)}"
        ) from None


def _existing_parent(path: Path) -> Path:
    for parent in path.absolute().parents:
        if parent.exists():
            return parent
    return Path("/")  # pragma: no cover - "/" always exists


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    except OSError:  # pragma: no cover - e.g. an invalid pid
        return False
    return True


def _read_holder(path: Path) -> dict[str, Any]:
    """The lock file's record, {} when unreadable (being written, or not ours)."""
    for _ in range(3):
        try:
            text = path.read_text(encoding="utf-8")
            record = json.loads(text) if text.strip() else {}
            if isinstance(record, dict) and record:
                return record
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    return {}


def describe_holder(holder: dict[str, Any]) -> str:
    """``pid 123 on host, since ..., running `framing annotate ...``` (what is known)."""
    parts = [f"pid {holder.get('pid', '?')}"]
    if holder.get("host") and holder.get("host") != socket.gethostname():
        parts[0] += f" on {holder['host']}"
    if holder.get("started"):
        parts.append(f"since {holder['started']}")
    if holder.get("command"):
        parts.append(f"running `{holder['command']}`")
    return ", ".join(parts)


class OutputLock:
    """An exclusive claim on an output folder; use as a context manager."""

    def __init__(self, folder: Path, option: str = "--out") -> None:
        self.folder = Path(folder)
        self.option = option
        self.path = self.folder / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        check_folder(self.folder, self.option)
        for _ in range(5):
            fd = self._open()
            if self._try_lock(fd) and self._still_linked(fd):
                self._fd = fd
                self._write_record(fd)
                return self
            os.close(fd)
        raise OutputBusy(  # pragma: no cover - needs five lost races in a row
            f"{self.folder}: could not claim the output folder; try again"
        )

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(
                f"{self.folder}: the output folder is not writable ({exc.strerror}); "
                f"choose another {self.option} or make it writable"
            ) from None

    def _try_lock(self, fd: int) -> bool:
        """Take the lock, or raise ``OutputBusy`` naming the live holder."""
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                self._refuse(_read_holder(self.path))
        holder = _read_holder(self.path)  # pragma: no cover - platforms without flock
        if holder.get("pid") and holder["pid"] != os.getpid() and _pid_alive(int(holder["pid"])):
            self._refuse(holder)
        return True  # pragma: no cover

    def _refuse(self, holder: dict[str, Any]) -> None:
        raise OutputBusy(
            f"{self.folder}: another framing run is writing here ({describe_holder(holder)}); "
            f"wait for it to finish or choose another {self.option}"
        )

    def _still_linked(self, fd: int) -> bool:
        """False when the file was removed by its previous holder after we opened it."""
        try:
            return os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            return False

    def _write_record(self, fd: int) -> None:
        stale = _read_holder(self.path) if os.fstat(fd).st_size else {}
        if stale.get("pid") and stale.get("pid") != os.getpid():
            warnings.warn(
                f"{self.path}: taking over the lock left by an ended run "
                f"({describe_holder(stale)})",
                stacklevel=3,
            )
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "command": " ".join(["framing", *sys.argv[1:]])[:300],
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(record) + "\n").encode("utf-8"), 0)

    def release(self) -> None:
        """Remove the lock file, then let go of the lock (in that order, see ``_still_linked``)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # the folder became read-only meanwhile
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def claim_output(folder: Path, option: str = "--out") -> OutputLock:
    """``with claim_output(out_dir): ...``: check, create and lock an output folder."""
    return OutputLock(folder, option)
