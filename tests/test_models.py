"""Model resolution: clear errors for missing or corrupt model folders."""

from __future__ import annotations

import json
import shutil

import pytest

from framing.errors import ModelError
from framing.parsing.models import embedded_model_dir, resolve_model


def test_missing_model_dir(tmp_path):
    with pytest.raises(ModelError, match=r"model directory .*nowhere does not exist"):
        resolve_model(tmp_path / "nowhere")


def test_folder_without_model(tmp_path):
    with pytest.raises(ModelError, match=r"holds neither a framing model \(model.json\)"):
        resolve_model(tmp_path)


def test_malformed_manifest(tmp_path):
    (tmp_path / "model.json").write_text('{"processors": ', encoding="utf-8")
    with pytest.raises(ModelError, match=r"model\.json:1: model manifest is not valid JSON"):
        resolve_model(tmp_path)


def test_missing_model_file(tmp_path):
    manifest = {
        "name": "x",
        "processors": {p: f"{p}.pt" for p in ("tokenize", "mwt", "pos", "lemma", "depparse")},
    }
    (tmp_path / "model.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match=r"model file depparse\.pt is missing"):
        resolve_model(tmp_path)


def test_embedded_model_is_complete():
    info = resolve_model()
    assert info.kind == "framing"
    assert info.language == "fr"
    assert {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(info.processors)
    assert info.total_bytes <= 60 * 1024 * 1024
    identity = info.identity()
    assert set(identity["files"]) == {f.name for f in info.files}
    assert all(len(digest) == 64 for digest in identity["files"].values())


def test_corrupt_model_file_is_detected(tmp_path):
    copy = tmp_path / "fr"
    shutil.copytree(embedded_model_dir("fr"), copy)
    with (copy / "mwt.pt").open("r+b") as handle:
        handle.seek(100)
        handle.write(b"garbage!")
    with pytest.raises(ModelError, match=r"mwt\.pt: model file is corrupt \(sha256"):
        resolve_model(copy)


def test_env_var_selects_model_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_MODEL_DIR", str(tmp_path / "elsewhere"))
    with pytest.raises(ModelError, match="elsewhere does not exist"):
        resolve_model()
