"""The cross-outlet report on small hand-made corpora (no parser needed)."""

from __future__ import annotations

import json
import math

import jsonschema
import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.errors import InputError
from framing.io.annotations import write_annotations
from framing.report import REPORT_FILES, load_annotation_inputs, verify_report, write_report
from framing.report.build import ReportOptions, build_report
from framing.report.stats import log_odds_dirichlet
from framing.resources import load_schema
from framing.types import AnnotatedDocument, Mention, TextSpan


def _mention(text: str, start: int, entry: str, category: str = "actor_label", **extra) -> Mention:
    return Mention(
        start=start,
        end=start + len(text),
        text=text,
        sentence=0,
        category=category,
        frame="security_threat",
        valence=extra.pop("valence", "delegitimizing"),
        entry=entry,
        referent=extra.pop("referent", "protesters"),
        rules=[f"lexicon:{entry}"],
        **extra,
    )


def _doc(
    doc_id: str, outlet: str | None, words: list[tuple[str, str]], date="2024-01-05", prefix=""
):
    """A document whose text is the given words; each (word, entry) is a mention."""
    text = prefix
    mentions = []
    for word, entry in words:
        start = len(text)
        text += word + " "
        if entry:
            mentions.append(_mention(word, start, entry))
    return AnnotatedDocument(
        id=doc_id,
        outlet=outlet,
        date=date,
        title=None,
        language="fr",
        tokens=len(words),
        words=len(words),
        mentions=mentions,
        text=text,
    )


def _tiny():
    a = _doc("a1", "A", [("casseurs", "actor.x")] * 3 + [("manifestants", "actor.y")])
    b = _doc("b1", "B", [("casseurs", "actor.x")] + [("manifestants", "actor.y")] * 3)
    return [a, b]


def test_log_odds_matches_hand_computation():
    scores = log_odds_dirichlet({"x": 3, "y": 1}, {"x": 1, "y": 3}, prior_scale=4)
    # a_x = a_y = 2; delta_x = ln(5/3) - ln(3/5); var = 1/5 + 1/3
    assert scores["x"].delta == pytest.approx(2 * math.log(5 / 3))
    assert scores["x"].variance == pytest.approx(1 / 5 + 1 / 3)
    assert scores["x"].z == pytest.approx(1.0216512 / 0.7302967, rel=1e-6)
    assert scores["y"].delta == pytest.approx(-scores["x"].delta)


def test_report_statistics_on_tiny_corpus():
    report = build_report(_tiny(), ReportOptions(prior_scale=4, bootstrap_replicates=50))
    terms = {t["entry"]: t for t in report["distinctive"]["outlets"][0]["terms"]}
    assert report["distinctive"]["outlets"][0]["outlet"] == "A"
    assert terms["actor.x"]["delta"] == 1.0217
    assert terms["actor.x"]["z"] == 1.399
    assert terms["actor.x"]["count"] == 3 and terms["actor.x"]["count_rest"] == 1
    corpus = {r["outlet"]: r for r in report["corpus"]["outlets"]}
    assert corpus["A"]["mentions_total"] == 4 and corpus["A"]["words"] == 4
    assert corpus["A"]["mentions_per_1000_words"] == 1000.0
    naming = report["naming"][0]
    assert (naming["referent"], naming["category"]) == ("protesters", "actor_label")
    labels_a = {lab["entry"]: lab["count"] for lab in naming["outlets"][0]["labels"]}
    assert labels_a == {"actor.x": 3, "actor.y": 1}
    voice = {v["outlet"]: v for v in report["voice"]}
    assert voice["A"]["share_authorial"] == 1.0 and voice["A"]["loaded_mentions"] == 4


def test_evidence_lines_point_at_the_text():
    report = build_report(_tiny(), ReportOptions(evidence_limit=2, bootstrap_replicates=0))
    label = report["naming"][0]["outlets"][0]["labels"][0]
    assert len(label["evidence"]) == 2
    line = label["evidence"][0]
    assert line["document"] == "a1" and line["text"] == "casseurs" and line["start"] == 0


def test_every_file_is_valid_and_regeneration_is_byte_identical(tmp_path):
    docs = _tiny()
    write_annotations(docs, tmp_path / "ann" / "annotations.jsonl")
    loaded, inputs = load_annotation_inputs([tmp_path / "ann"])
    options = ReportOptions(bootstrap_replicates=100)
    write_report(loaded, tmp_path / "r1", options, inputs, {"study": {"a": 1}}, "viewer/index.html")
    write_report(loaded, tmp_path / "r2", options, inputs, {"study": {"a": 1}}, "viewer/index.html")
    report = json.loads((tmp_path / "r1" / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, load_schema("report"))
    for name in REPORT_FILES:
        assert (tmp_path / "r1" / name).read_bytes() == (tmp_path / "r2" / name).read_bytes(), name
    assert all(same for _, same in verify_report(tmp_path / "r1"))


def test_verify_detects_a_tampered_file(tmp_path):
    write_annotations(_tiny(), tmp_path / "annotations.jsonl")
    loaded, inputs = load_annotation_inputs([tmp_path / "annotations.jsonl"])
    write_report(loaded, tmp_path / "r", ReportOptions(bootstrap_replicates=20), inputs)
    path = tmp_path / "r" / "report.md"
    path.write_text(path.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    results = dict(verify_report(tmp_path / "r"))
    assert results["report.md"] is False and results["report.json"] is True


def test_hostile_article_text_is_escaped_in_html(tmp_path):
    hostile = '<script>alert(1)</script> "><img onerror=alert(2) src=x> '
    docs = [_doc("h1", "<b>Evil</b>", [("casseurs", "actor.x")], prefix=hostile), _tiny()[1]]
    write_report(docs, tmp_path, ReportOptions(bootstrap_replicates=0))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    external = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in external and "https://" not in external
    assert "<link" not in page and "src=" not in page.replace("src=x", "")


def test_single_outlet_is_reported_with_a_clear_message():
    report = build_report([_tiny()[0]], ReportOptions(bootstrap_replicates=0))
    assert report["messages"][0].startswith("Only one outlet (A)")
    assert report["distinctive"]["outlets"] == [] and report["distinctive"]["note"]


def test_empty_corpus_is_an_error():
    with pytest.raises(InputError, match="the corpus is empty"):
        build_report([], ReportOptions())


def test_outlet_with_zero_mentions_is_kept_with_a_message():
    quiet = _doc("c1", "C", [("rien", ""), ("ici", "")])
    report = build_report([*_tiny(), quiet], ReportOptions(bootstrap_replicates=0))
    assert "Outlet C has no framing mentions in its articles." in report["messages"]
    corpus = {r["outlet"]: r for r in report["corpus"]["outlets"]}
    assert corpus["C"]["mentions_total"] == 0
    assert {v["outlet"]: v["share_authorial"] for v in report["voice"]}["C"] is None


def test_boilerplate_mentions_are_not_counted():
    doc = _tiny()[0]
    doc.mentions[0].boilerplate = True
    report = build_report([doc, _tiny()[1]], ReportOptions(bootstrap_replicates=0))
    corpus = {r["outlet"]: r for r in report["corpus"]["outlets"]}
    assert corpus["A"]["mentions_total"] == 3
    assert corpus["A"]["boilerplate_mentions_excluded"] == 1


def test_sources_count_reporting_verbs_by_stance():
    speaker = TextSpan("Le ministre", 0, 11)
    doc = _doc("s1", "A", [("Le", ""), ("ministre", ""), ("a", ""), ("déploré", "")])
    doc.mentions = [
        _mention(
            "a déploré",
            12,
            "verb.deplorer",
            category="reporting_verb",
            referent=None,
            valence="neutral",
            stance="critical",
            speaker=speaker,
        )
    ]
    report = build_report([doc, _tiny()[1]], ReportOptions(bootstrap_replicates=0))
    sources = {s["outlet"]: s for s in report["sources"]}["A"]
    assert sources["speakers"][0]["speaker"] == "Le ministre"
    assert sources["speakers"][0]["stances"] == {"critical": 1}
    assert sources["stances"] == {"critical": 1}


def test_report_command_and_verify_command(tmp_path):
    write_annotations(_tiny(), tmp_path / "annotations.jsonl")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "report",
            str(tmp_path / "annotations.jsonl"),
            "--out",
            str(tmp_path / "rep"),
            "--bootstrap",
            "20",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rep" / "report.html").is_file()
    result = runner.invoke(cli, ["report", "verify", str(tmp_path / "rep")])
    assert result.exit_code == 0 and "identical  report.json" in result.output


def test_report_command_on_missing_file_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(
        cli, ["report", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such annotations file"


def test_sources_are_one_row_per_source_across_an_outlets_articles():
    def verb_doc(doc_id: str, speaker_text: str, source: str) -> AnnotatedDocument:
        doc = _doc(doc_id, "A", [(w, "") for w in speaker_text.split()] + [("a", ""), ("dit", "")])
        start = len(speaker_text) + 1
        doc.mentions = [
            _mention(
                "a dit",
                start,
                "verb.dire",
                category="reporting_verb",
                referent=None,
                valence="neutral",
                stance="neutral",
                speaker=TextSpan(speaker_text, 0, len(speaker_text)),
                speaker_source=source,
            )
        ]
        return doc

    docs = [
        verb_doc("s1", "Ana Lind", "Ana Lind"),
        verb_doc("s2", "Mme Lind", "Ana Lind, porte-parole du syndicat"),
        verb_doc("s3", "le maire", "le maire"),
        _tiny()[1],
    ]
    report = build_report(docs, ReportOptions(bootstrap_replicates=0))
    speakers = {s["outlet"]: s for s in report["sources"]}["A"]["speakers"]
    assert [(s["speaker"], s["reporting_verbs"]) for s in speakers] == [
        ("Ana Lind", 2),
        ("le maire", 1),
    ]
