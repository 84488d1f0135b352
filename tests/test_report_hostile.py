"""Hostile data in rendered outputs (#22 items 9, 10, 11 and 14): control characters, HTML
in report.md, the report page's Content-Security-Policy, and `report verify` on viewer/."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from framing.cli import cli
from framing.io.annotations import read_annotations, write_annotations
from framing.report import load_annotation_inputs, verify_report, write_report
from framing.report.build import ReportOptions
from framing.report.viewer import write_viewer
from framing.types import AnnotatedDocument, Mention, TextSpan

OUTLET = "<script>alert('outlet')</script>"
BREAKOUT = "</textarea><svg onload=alert(3)>"
# Control characters a hostile or broken feed can carry: C0 (NUL, BEL, ESC), DEL, C1.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _mention(text: str, needle: str, entry: str, **extra: object) -> Mention:
    start = text.index(needle)
    return Mention(
        start=start,
        end=start + len(needle),
        text=needle,
        sentence=0,
        category="actor_label",
        frame="security_threat",
        valence="delegitimizing",
        entry=entry,
        referent="protesters",
        rules=[f"lexicon:{entry}"],
        **extra,  # type: ignore[arg-type]
    )


def _hostile_corpus() -> list[AnnotatedDocument]:
    """Two outlets; HTML, pipes, backticks and control characters in every kind of field."""
    text = (
        f"Les casseurs\x07 ont agi. {BREAKOUT} Selon le chef\x1b[31m <b>Q</b>, "
        "les émeutiers\x00 & les casseurs\x92 fuient."
    )
    speaker = TextSpan("le chef\x1b[31m <b>Q</b>", *_span(text, "le chef\x1b[31m <b>Q</b>"))
    hostile = AnnotatedDocument(
        id="h`1 <i>",
        outlet=OUTLET,
        date="2024-01-05",
        title=f"Titre {BREAKOUT}\x07",
        language="fr",
        tokens=20,
        words=20,
        mentions=[
            _mention(text, "casseurs\x07", "actor.casseurs"),
            _mention(
                text,
                "émeutiers\x00",
                "actor.<emeutiers>&",
                voice="indirect_speech",
                speaker=speaker,
            ),
            _mention(text, "casseurs\x92", "actor.casseurs"),
        ],
        text=text,
    )
    calm_text = "Les manifestants défilent. Les casseurs aussi."
    calm = AnnotatedDocument(
        id="c1",
        outlet="B | calm",
        date="2024-01-06",
        title=None,
        language="fr",
        tokens=8,
        words=8,
        mentions=[
            _mention(calm_text, "manifestants", "actor.manifestants"),
            _mention(calm_text, "casseurs", "actor.casseurs"),
        ],
        text=calm_text,
    )
    return [hostile, calm]


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _write_all(tmp_path: Path) -> Path:
    """annotations.jsonl, a report with provenance, and the viewer beside it."""
    write_annotations(_hostile_corpus(), tmp_path / "ann" / "annotations.jsonl")
    documents, inputs = load_annotation_inputs([tmp_path / "ann"])
    out = tmp_path / "rep"
    extra = {"study": {"title": f"Étude {OUTLET} & co\x1b"}}
    options = ReportOptions(bootstrap_replicates=5, title=f"Rapport {BREAKOUT}")
    write_viewer(documents, out / "viewer")
    write_report(documents, out, options, inputs, extra, "viewer/index.html")
    return out


def _rendered(out: Path) -> dict[str, str]:
    pages = {p.relative_to(out).as_posix(): p for p in (out / "viewer").rglob("*.html")}
    pages["report.html"] = out / "report.html"
    pages["report.md"] = out / "report.md"
    return {name: path.read_text(encoding="utf-8") for name, path in pages.items()}


def test_control_characters_are_kept_in_data_and_shown_as_symbols_when_rendered(
    tmp_path: Path,
) -> None:
    out = _write_all(tmp_path)
    stored = next(iter(read_annotations(tmp_path / "ann" / "annotations.jsonl")))
    assert stored.mentions[0].text == "casseurs\x07" and "\x00" in (stored.text or "")
    assert "\x07" in (out / "tables" / "mentions.csv").read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert OUTLET in report["outlets"]  # report.json is data: kept as is
    rendered = _rendered(out)
    assert len(rendered) == 5  # index, two articles, report.html, report.md
    for name, content in rendered.items():
        assert not CONTROL.search(content), f"{name}: {CONTROL.search(content)!r}"
    article = next(v for k, v in rendered.items() if k.startswith("viewer/articles/h"))
    # One symbol for one character: the highlight still covers exactly the mention.
    assert ">casseurs\u2407</mark>" in article and ">émeutiers\u2400</mark>" in article
    assert "le chef\u241b[31m &lt;b&gt;Q&lt;/b&gt;" in article  # ESC as ␛, in the tooltip too
    assert ">casseurs\ufffd</mark>" in article  # a C1 character as U+FFFD
    assert "**casseurs\u2407**" in rendered["report.md"]
    assert "<mark>casseurs\u2407</mark>" in rendered["report.html"]


def test_report_md_escapes_html_in_every_data_field(tmp_path: Path) -> None:
    out = _write_all(tmp_path)
    markdown = (out / "report.md").read_text(encoding="utf-8")
    for tag in ("<script", "<svg", "</textarea", "<b>", "<i>", "<emeutiers>"):
        assert tag not in markdown
    assert "&lt;script&gt;alert('outlet')&lt;/script&gt;" in markdown  # an outlet heading
    assert "&lt;/textarea&gt;&lt;svg onload=alert(3)&gt;" in markdown  # title, evidence
    assert "| B \\| calm |" in markdown  # pipes in table cells are still escaped
    assert "- `h'1 &lt;i&gt;:" in markdown  # a backtick in an id cannot open a code span
    body, fence = markdown.split("## Provenance\n", 1)
    # Outside the JSON block, every < and > and & from the data is an entity; the only
    # raw > left is the blockquote marker at a line's start.
    assert "<" not in body
    assert all(
        line.startswith("> ") for line in body.splitlines() if ">" in line.replace("&gt;", "")
    )
    assert not re.search(r"&(?!(amp|lt|gt);)", body)
    # Inside the fence, JSON escapes keep the same data without a raw <, > or &.
    block = fence.split("```json\n", 1)[1].split("\n```", 1)[0]
    assert not re.search("[<>&]", block)
    assert json.loads(block)["study"]["title"] == f"Étude {OUTLET} & co\x1b"


def test_report_html_has_the_viewer_content_security_policy(tmp_path: Path) -> None:
    out = _write_all(tmp_path)
    policies = {}
    for name in ("report.html", "viewer/index.html"):
        reader = _Head()
        reader.feed((out / name).read_text(encoding="utf-8"))
        policies[name] = reader
    report, index = policies["report.html"], policies["viewer/index.html"]
    assert report.csp is not None and report.csp == index.csp.replace(
        _style_hash(index.style), _style_hash(report.style)
    )
    assert "default-src 'none'" in report.csp and "script-src 'none'" in report.csp
    assert _style_hash(report.style) in report.csp  # the page's own style is allowed
    assert "unsafe" not in report.csp


def test_verify_also_checks_the_viewer(tmp_path: Path) -> None:
    out = _write_all(tmp_path)
    results = dict(verify_report(out))
    pages = sorted(name for name in results if name.startswith("viewer/"))
    assert pages[0] == "viewer/articles/c1.html" and "viewer/index.html" in pages
    assert len(pages) == 3 and all(results.values())
    article = out / "viewer" / "articles" / "c1.html"
    article.write_text(article.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    (out / "viewer" / "articles" / "stale.html").write_text("old page", encoding="utf-8")
    results = dict(verify_report(out))
    assert results["viewer/articles/c1.html"] is False
    assert results["viewer/articles/stale.html"] is False
    assert results["viewer/index.html"] is True and results["report.md"] is True
    result = CliRunner().invoke(cli, ["report", "verify", str(out)])
    assert result.exit_code == 1
    assert "DIFFERS    viewer/articles/c1.html" in result.output
    assert result.output.strip().splitlines()[-1] == (
        f"error: {out}: regenerated files differ from the report"
    )


def test_verify_without_a_viewer_checks_the_report_files_only(tmp_path: Path) -> None:
    out = _write_all(tmp_path)
    for page in sorted((out / "viewer").rglob("*"), reverse=True):
        page.unlink() if page.is_file() else page.rmdir()
    (out / "viewer").rmdir()
    names = [name for name, _ in verify_report(out)]
    assert names and not any(name.startswith("viewer/") for name in names)


class _Head(HTMLParser):
    """The page's CSP meta content and its inline style."""

    def __init__(self) -> None:
        super().__init__()
        self.csp: str | None = None
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.csp = values.get("content")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def _style_hash(style: str) -> str:
    digest = hashlib.sha256(style.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def test_report_command_notes_show_control_characters_as_symbols(tmp_path: Path) -> None:
    quiet = AnnotatedDocument(
        id="q1",
        outlet="Quiet\x1b[2J",
        date=None,
        title=None,
        language="fr",
        tokens=2,
        words=2,
        mentions=[],
        text="Rien ici.",
    )
    write_annotations([*_hostile_corpus(), quiet], tmp_path / "annotations.jsonl")
    result = CliRunner().invoke(
        cli, ["report", str(tmp_path / "annotations.jsonl"), "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 0, result.output
    assert "note: Outlet Quiet\u241b[2J has no framing mentions" in result.output
    assert "\x1b" not in result.output
