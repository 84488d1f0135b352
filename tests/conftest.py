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
    from framing.parse import Parser

    return Parser()
