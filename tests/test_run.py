"""The main job end to end: the bundled example study and the two seed articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.resources import load_schema

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _run_example(out: Path, cache: Path) -> Path:
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--config",
            str(REPO / "examples" / "study.toml"),
            "--out",
            str(out),
            "--cache",
            str(cache),
            "--quiet",
            "--bootstrap",
            "200",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def example_report(tmp_path_factory, example_cache):
    return _run_example(tmp_path_factory.mktemp("steppe"), example_cache)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _report(folder: Path) -> dict:
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_example_run_writes_every_file(example_report):
    for name in (
        "report.json",
        "report.md",
        "report.html",
        "annotations.jsonl",
        "annotations.meta.json",
        "ingest_summary.json",
        "tables/mentions.csv",
        "tables/outlets.csv",
        "viewer/index.html",
    ):
        assert (example_report / name).is_file(), name
    jsonschema.validate(_report(example_report), load_schema("report"))


def test_example_report_contrasts_the_outlets(example_report):
    report = _report(example_report)
    assert report["outlets"] == ["Dépêche Centrale", "La Gazette libre", "Le Courrier des Steppes"]
    protesters = {(f["referent"], f["category"]): f for f in report["naming"]}[
        ("protesters", "actor_label")
    ]
    labels = {o["outlet"]: {lab["entry"] for lab in o["labels"]} for o in protesters["outlets"]}
    assert any("casseur" in e or "emeutier" in e for e in labels["Le Courrier des Steppes"])
    assert any("manifestant" in e or "protestataire" in e for e in labels["La Gazette libre"])
    distinctive = {o["outlet"]: o["terms"] for o in report["distinctive"]["outlets"]}
    for outlet, terms in distinctive.items():
        assert terms, outlet
        assert terms[0]["evidence"], outlet
    gazette = {t["entry"] for t in distinctive["La Gazette libre"][:10]}
    courrier = {t["entry"] for t in distinctive["Le Courrier des Steppes"][:10]}
    assert gazette != courrier


def test_example_report_is_reproducible(example_report):
    result = CliRunner().invoke(cli, ["report", "verify", str(example_report)])
    assert result.exit_code == 0, result.output


def test_the_same_study_into_another_folder_gives_identical_files(
    example_report, example_cache, tmp_path
):
    other = _run_example(tmp_path / "elsewhere" / "deeper" / "B", example_cache)
    first, second = _files(example_report), _files(other)
    assert sorted(first) == sorted(second)
    assert "inputs.json" in first and "viewer/index.html" in first
    assert [name for name in first if first[name] != second[name]] == []
    for name, data in first.items():
        if name.endswith((".json", ".md", ".html")):
            assert str(example_report).encode() not in data, name
    inputs = json.loads(first["inputs.json"])
    assert inputs["annotations"] == ["annotations.jsonl"]
    study = _report(example_report)["provenance"]["study"]
    assert study["study_file"] == "study.toml" and study["inputs"] == ["steppe"]


def test_a_moved_report_folder_verifies(example_cache, tmp_path):
    written = _run_example(tmp_path / "A", example_cache)
    moved = Path(shutil.move(str(written), str(tmp_path / "archive" / "moved")))
    assert not written.exists()
    result = CliRunner().invoke(cli, ["report", "verify", str(moved)])
    assert result.exit_code == 0, result.output
    assert "DIFFERS" not in result.output
    assert "identical  report.html" in result.output and "viewer/" in result.output


def test_seed_articles_report_compares_two_outlets(shared_dir, tmp_path):
    manifest = shared_dir / "corpora" / "seeds" / "manifest.csv"
    if not manifest.is_file():
        pytest.skip("seed articles absent")
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(manifest),
            "--out",
            str(tmp_path / "seeds"),
            "--cache",
            str(tmp_path / "c"),
            "--quiet",
            "--bootstrap",
            "100",
        ],
    )
    assert result.exit_code == 0, result.output
    report = _report(tmp_path / "seeds")
    assert report["outlets"] == ["site-a", "swiss-daily"]
    assert len(report["distinctive"]["outlets"]) == 2
    corpus = {r["outlet"]: r for r in report["corpus"]["outlets"]}
    assert corpus["site-a"]["boilerplate_mentions_excluded"] >= 1
    assert all(r["mentions_total"] > 0 for r in corpus.values())
