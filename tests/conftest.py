"""Shared fixtures: paths to ../shared and one parser loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora are needed for this test")
    return SHARED


@pytest.fixture(scope="session")
def parser():
    """The embedded French parser, loaded once for the whole test session."""
    from framing.parsing import Parser

    return Parser()


@pytest.fixture(scope="session")
def annotator():
    """The bundled French lexicons, rules and boilerplate patterns."""
    from framing.annotator import Annotator

    return Annotator.from_paths(None, "fr")


@pytest.fixture(scope="session")
def example_runner(annotator, parser):
    from framing.examples import ExampleRunner

    runner = ExampleRunner(annotator, parser)
    entries = annotator.lexicon.entries
    runner.prepare(
        [s for e in entries for s in (*e.examples_match, *e.examples_no_match)]
        + [s for r in annotator.rules for s in (*r.examples_match, *r.examples_no_match)]
    )
    return runner


@pytest.fixture(scope="session")
def annotate_text(annotator, parser):
    """Parse and annotate one text with the bundled resources."""
    from framing.document import Document

    def run(text: str, doc_id: str = "t"):
        return annotator.annotate(parser.parse(Document(id=doc_id, text=text)))

    return run
