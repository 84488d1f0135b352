"""The command line: each command end to end, errors as one clear line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from framing import __version__
from framing.cli import cli
from framing.io.conllu import read_conllu_file


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_version():
    result = _run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"framing, version {__version__}"


def test_parse_writes_one_conllu_per_document(tmp_path):
    text = (
        "Le coup d'État de l'OTSC, qu'il a dénoncé.\r\nIls sont 10'000 aux Pyrénées.Alors « bon » !"
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "article.txt").write_bytes(text.encode("utf-8"))
    result = _run(
        "parse",
        str(tmp_path / "in" / "article.txt"),
        "--out",
        str(tmp_path / "out"),
        "--no-cache",
        "--quiet",
    )
    assert result.exit_code == 0, result.output
    (doc,) = read_conllu_file(tmp_path / "out" / "article.conllu")
    assert doc.text == text
    doc.check_offsets()


def test_parse_no_feature_repairs(tmp_path, monkeypatch):
    import framing.parsing.parser

    calls: list[str] = []
    monkeypatch.setattr(
        framing.parsing.parser,
        "repair_features",
        lambda words, language: calls.append(language) or 0,
    )
    (tmp_path / "a.txt").write_text("Le gouvernement pourrait démissionner.", encoding="utf-8")
    common = [str(tmp_path / "a.txt"), "--no-cache", "--quiet"]
    result = _run("parse", *common, "--out", str(tmp_path / "raw"), "--no-feature-repairs")
    assert result.exit_code == 0, result.output
    assert calls == [] and (tmp_path / "raw" / "a.conllu").exists()
    result = _run("parse", *common, "--out", str(tmp_path / "repaired"))
    assert result.exit_code == 0, result.output
    assert calls == ["fr"]


def test_parse_missing_input_is_one_line(tmp_path):
    result = _run("parse", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'nope.txt'}: no such file or folder\n"


def test_parse_corrupt_model_dir_is_one_line(tmp_path):
    (tmp_path / "model.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Bonjour.", encoding="utf-8")
    result = _run(
        "parse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--model-dir", str(tmp_path)
    )
    assert result.exit_code == 1
    assert (
        result.output.startswith("error: ")
        and "model.json:1: model manifest is not valid JSON" in result.output
    )
    assert len(result.output.strip().splitlines()) == 1


def test_annotate_writes_valid_annotations(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "« Les émeutiers seront punis », a déclaré le ministre.", encoding="utf-8"
    )
    result = _run(
        "annotate",
        str(tmp_path / "in"),
        "--out",
        str(tmp_path / "out"),
        "--cache",
        str(tmp_path / "cache"),
        "--quiet",
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    assert record["id"] == "a"
    assert {"émeutiers", "a déclaré"} <= {m["text"] for m in record["annotations"]}
    meta = json.loads((tmp_path / "out" / "annotations.meta.json").read_text(encoding="utf-8"))
    assert meta["model"]["name"] == "framing-fr-ud" and meta["lexicon_files"]


def test_models_list_shows_sizes_and_checksums():
    result = _run("models", "list")
    assert result.exit_code == 0
    assert (
        "framing-fr-ud" in result.output
        and "sha256:" in result.output
        and "depparse.pt" in result.output
    )


def test_models_download_offline_is_one_sentence(tmp_path):
    # No network here: the hub cannot be reached, and the user gets one line.
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network is unreachable')\n"
        "socket.create_connection = refuse\n"
        "socket.socket.connect = lambda *a, **k: refuse()\n"
        "from framing.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "models",
            "download",
            "fr",
            "--model-dir",
            str(tmp_path / "m"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: could not download Stanza models for 'fr'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("module", ["framing", "framing.cli"])
def test_python_dash_m_runs_the_cli(module):
    result = subprocess.run(
        [sys.executable, "-m", module, "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout
