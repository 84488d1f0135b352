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
    from framing.parsing.parser import Parser

    return Parser()


@pytest.fixture(scope="session")
def annotator():
    """The bundled French lexicons, rules and boilerplate patterns."""
    from framing.annotation.annotator import Annotator

    return Annotator.from_paths(None, "fr")


@pytest.fixture(scope="session")
def example_runner(parser):
    """Runs entry examples; actor_reference entries must see their own mentions."""
    from framing.annotation.annotator import Annotator
    from framing.tools.examples import ExampleRunner

    annotator = Annotator.from_paths(None, "fr", include_references=True)
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
    from framing.types import Document

    def run(text: str, doc_id: str = "t"):
        return annotator.annotate(parser.parse(Document(id=doc_id, text=text)))

    return run


KNOWN_FAILURES = Path(__file__).parent / "known_model_failures.txt"


def _known_failures() -> dict[str, str]:
    """Test ids that fail because of the embedded model's current accuracy.

    Each line: ``test node id  # reason``. They are marked strict xfail: when a
    better model makes one pass, the suite fails until the line is removed, so
    the list only ever shrinks with evidence.
    """
    known: dict[str, str] = {}
    if KNOWN_FAILURES.is_file():
        for line in KNOWN_FAILURES.read_text(encoding="utf-8").splitlines():
            node, _, reason = line.partition("#")
            if node.strip():
                known[node.strip()] = reason.strip() or "embedded model error"
    return known


def pytest_collection_modifyitems(config, items):
    known = _known_failures()
    if not known:
        return
    for item in items:
        reason = known.get(item.nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
