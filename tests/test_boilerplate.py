"""Boilerplate patterns: every pattern's own examples are tests, plus the seed article."""

from __future__ import annotations

import pytest

from framing.annotation.boilerplate import find_boilerplate, read_boilerplate

PATTERNS, _, PROBLEMS = read_boilerplate()


def test_bundled_patterns_are_valid():
    assert PROBLEMS == []
    assert len(PATTERNS) >= 5


@pytest.mark.parametrize(
    ("pattern", "example", "expected"),
    [(p, e, True) for p in PATTERNS for e in p.examples_match]
    + [(p, e, False) for p in PATTERNS for e in p.examples_no_match],
    ids=lambda v: getattr(v, "id", None) or (str(v)[:30] if isinstance(v, str) else None),
)
def test_pattern_examples(pattern, example, expected):
    spans = find_boilerplate(example, [pattern])
    assert bool(spans) is expected


def test_lines_are_marked_in_place_and_text_is_untouched():
    text = "Accueil Dernières minutes Monde\r\n\r\nVrai texte de l'article.\r\nLire aussi : autre chose\r\nAFP"
    spans = find_boilerplate(text, PATTERNS)
    assert [text[s.start : s.end] for s in spans] == [
        "Accueil Dernières minutes Monde",
        "Lire aussi : autre chose",
        "AFP",
    ]
    assert [s.pattern for s in spans] == [
        "boilerplate.navigation",
        "boilerplate.read_also",
        "boilerplate.byline",
    ]


def test_seed_article_navigation_and_links(shared_dir):
    text = (shared_dir / "corpora/seeds/000_500be365c57d552d.txt").read_text(encoding="utf-8")
    spans = find_boilerplate(text, PATTERNS)
    kinds = [s.pattern for s in spans]
    assert kinds.count("boilerplate.read_also") == 2
    assert "boilerplate.previous_next" in kinds and "boilerplate.navigation" in kinds
    hedge_at = text.index("prétendu")
    assert any(s.start <= hedge_at < s.end for s in spans)
