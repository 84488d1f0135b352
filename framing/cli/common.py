"""What every command module shares: one-line errors.

Kept apart from ``framing.cli`` so that command modules (ingest, view,
coverage, ...) can use it without importing the CLI group itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from framing.errors import FramingError
from framing.io.outdir import claim_output

F = TypeVar("F", bound=Callable[..., Any])

# The parse-cache options of every command that parses (annotate, parse, run, coverage).
cache_option = click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Parse cache folder (default: $FRAMING_CACHE_DIR or ~/.cache/framing/parses).",
)
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Parse everything again, store nothing."
)


def friendly_errors(func: F) -> F:
    """Report ``FramingError`` as ``error: ...`` on stderr and exit 1, without a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FramingError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except OSError as exc:
            # A safety net: the places a user can make unwritable are checked
            # up front (``hold_output``), but a disk can fill up or a folder
            # change mid-run; that still deserves a line, not a traceback.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def hold_output(folder: Path, option: str = "--out") -> None:
    """Claim an output folder for the rest of the command (see ``framing.io.outdir``).

    The lock is released when the click context closes; if the process dies
    instead, the kernel releases it and the next run takes it over.
    """
    lock = claim_output(folder, option).acquire()
    click.get_current_context().call_on_close(lock.release)
