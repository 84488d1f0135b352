"""The typed report model and the template renderers (report.html, report.md, viewer)."""

from __future__ import annotations

import json
from pathlib import Path

from framing.report import write_report
from framing.report.build import ReportOptions, build_report
from framing.report.model import CorpusOutlet, DistinctiveTerm, KwicLine, Report
from framing.report.render import render_html, render_markdown
from framing.report.templating import environment, report_html
from framing.types import AnnotatedDocument, Mention

TEMPLATES = Path(__file__).resolve().parents[1] / "framing" / "report" / "templates"


def _document(
    doc_id: str, outlet: str | None, words: list[str], prefix: str = ""
) -> AnnotatedDocument:
    """Each word becomes a delegitimizing actor label (entry ``actor.<word>``)."""
    text = prefix
    mentions = []
    for word in words:
        start = len(text)
        text += word + " "
        mentions.append(
            Mention(
                start=start,
                end=start + len(word),
                text=word,
                sentence=0,
                category="actor_label",
                frame="security_threat",
                valence="delegitimizing",
                entry=f"actor.{word}",
                referent="protesters",
                rules=[f"lexicon:actor.{word}"],
            )
        )
    return AnnotatedDocument(
        id=doc_id,
        outlet=outlet,
        date="2024-01-05",
        title=None,
        language="fr",
        tokens=len(words),
        words=len(words),
        mentions=mentions,
        text=text,
    )


def _corpus(outlet_a: str = "A") -> list[AnnotatedDocument]:
    return [
        _document("a1", outlet_a, ["casseurs", "casseurs", "manifestants"]),
        _document("b1", "B", ["manifestants", "manifestants", "casseurs"]),
    ]


def test_model_reads_the_report_as_built_and_as_loaded_from_json() -> None:
    built = build_report(_corpus(), ReportOptions(bootstrap_replicates=5))
    loaded = json.loads(json.dumps(built))
    a, b = Report.from_dict(built), Report.from_dict(loaded)
    assert a == b
    assert isinstance(a.corpus.outlets[0], CorpusOutlet)
    assert a.corpus.outlets[0].mentions["actor_label"] == 3
    term = a.distinctive.outlets[0].terms[0]
    assert isinstance(term, DistinctiveTerm) and isinstance(term.evidence[0], KwicLine)
    assert term.evidence[0].text in {"casseurs", "manifestants"}
    # Rendering from report.json's text gives the very bytes rendering from the build does.
    assert render_html(a) == render_html(b)
    assert render_markdown(a) == render_markdown(b)


def test_html_escapes_every_value_like_html_escape(tmp_path: Path) -> None:
    title = "He said \"stop\" & 'go' <b>now</b>"
    write_report(_corpus(), tmp_path, ReportOptions(bootstrap_replicates=0, title=title))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    escaped = "He said &quot;stop&quot; &amp; &#x27;go&#x27; &lt;b&gt;now&lt;/b&gt;"
    assert f"<title>{escaped}</title>" in page
    assert f"<h1>{escaped}</h1>" in page
    assert "<b>now" not in page


def test_markdown_and_html_format_numbers_the_same_way(tmp_path: Path) -> None:
    write_report(_corpus(), tmp_path, ReportOptions(bootstrap_replicates=0))
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    rate = report["corpus"]["outlets"][0]["mentions_per_1000_words"]
    assert rate == 1000.0  # three mentions in three words
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "| A | 1 | 3 | 2024-01-05 | 2024-01-05 | 3 | 1000 | 0 |" in markdown
    assert (
        "<td>A</td><td>1</td><td>3</td><td>2024-01-05</td><td>2024-01-05</td><td>3</td><td>1000</td>"
        in page
    )
    # Intervals that could not be computed show as a dash in both.
    assert "[–, –]" in markdown and "[–, –]" in page


def test_a_macro_output_is_not_escaped_twice() -> None:
    env = environment(report_html)
    template = env.from_string(
        "{% macro cell(v) %}<td>{{ v }}</td>{% endmacro %}{{ cell(value) }}|{{ value }}"
    )
    assert template.render(value="a<b") == "<td>a&lt;b</td>|a&lt;b"


def test_every_template_compiles() -> None:
    env = environment(report_html)
    names = sorted(p.name for p in TEMPLATES.glob("*.j2"))
    assert "report.html.j2" in names and "viewer_article.html.j2" in names
    for name in names:
        env.get_template(name)  # raises TemplateSyntaxError on a broken template
