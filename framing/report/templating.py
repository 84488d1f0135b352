"""Jinja2 environments for the report and viewer pages, and their escaping policy.

Every ``{{ value }}`` in a template is escaped unless it is already markup (a macro's
output). HTML environments run with autoescape on and a ``finalize`` that escapes with
``html.escape`` semantics (quotes as ``&quot;`` and ``&#x27;``), so pages match what the
hand-written renderers produced byte for byte. The Markdown environment runs the same
way with the Markdown policy in its ``finalize``: autoescape only marks macro output as
already escaped, so nothing is escaped twice.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def fmt(value: Any) -> str:
    """A report number or value as people read it: floats to three decimals, None as –."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


def _is_markup(value: Any) -> bool:
    return hasattr(value, "__html__")


def report_html(value: Any) -> Any:
    """The report's HTML policy: format like :func:`fmt`, then escape."""
    return value if _is_markup(value) else Markup(html.escape(fmt(value), quote=True))


def viewer_html(value: Any) -> Any:
    """The viewer's HTML policy: text as is (None as nothing), then escape."""
    if _is_markup(value):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def html_text(value: str) -> Markup:
    """Article text between tags: quotes need no escaping there."""
    return Markup(html.escape(value, quote=False))


def markdown_value(value: Any) -> Any:
    """The Markdown policy for any value written into report.md."""
    return value if _is_markup(value) else Markup(fmt(value))


def markdown_cell(value: Any) -> str:
    """A table cell: pipes escaped and line breaks joined, so the row stays one row."""
    return fmt(value).replace("|", "\\|").replace("\n", " ")


def markdown_code(value: Any) -> str:
    """Text shown next to inline code: backticks would open a code span."""
    return fmt(value).replace("`", "'")


def joined(values: Iterable[Any], separator: str) -> str:
    """Join as plain text, left for the policy to escape (Jinja's ``join`` escapes its own
    way under autoescape, which would bypass the policy)."""
    return separator.join(str(v) for v in values)


def environment(finalize: Callable[[Any], Any], autoescape: bool = True) -> Environment:
    """An environment over the package's templates with the given escaping policy."""
    env = Environment(
        loader=PackageLoader("framing.report", "templates"),
        autoescape=autoescape,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(text=html_text, cell=markdown_cell, code=markdown_code, joined=joined)
    return env


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str | None) -> str:
    """A policy that allows exactly our inline style and script and nothing else."""
    script_src = _csp_hash(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {script_src}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
