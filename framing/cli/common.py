"""What every command module shares: one-line errors and the category palette.

Kept apart from ``framing.cli`` so that command modules (ingest, view,
coverage, ...) can use it without importing the CLI group itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from framing.errors import FramingError

F = TypeVar("F", bound=Callable[..., Any])

CATEGORY_COLOURS: dict[str, str] = {
    "actor_label": "#4e79a7",
    "event_label": "#f28e2b",
    "intervention_label": "#59a14f",
    "evaluative": "#e15759",
    "reporting_verb": "#76b7b2",
    "hedge": "#edc948",
    "agentless_passive": "#b07aa1",
}
"""One colour per mention category, shared by the report charts and the viewer."""


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

    return wrapper  # type: ignore[return-value]
