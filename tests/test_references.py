"""Plain institutional names (actor_reference): left out unless asked for (#20 item 1).

The sentence "La police a dispersé les manifestants ." is parsed by hand, so the
tests need no model: with the bundled lexicons, "manifestants" is an actor label
and "police" an actor_reference entry, which becomes a mention only with
include_references (or --references, or a study's ``references = true``), and
which the report never counts among the seven spec categories.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing.annotation.annotator import Annotator
from framing.cli import cli
from framing.errors import InputError
from framing.io.annotations import write_annotations
from framing.io.conllu import document_to_conllu
from framing.io.yamlfile import load_yaml
from framing.report.build import build_report
from framing.resources import inventory_path, load_schema
from framing.study import load_study
from tests.helpers import conllu_doc


def _police_sentence():
    return conllu_doc(
        [
            ("La", "le", "DET", 2, "det"),
            ("police", "police", "NOUN", 4, "nsubj"),
            ("a", "avoir", "AUX", 4, "aux:tense"),
            ("dispersé", "disperser", "VERB", 0, "root"),
            ("les", "le", "DET", 6, "det"),
            ("manifestants", "manifestant", "NOUN", 4, "obj"),
            (".", ".", "PUNCT", 4, "punct"),
        ],
        "p1",
    )


@pytest.fixture(scope="module")
def annotators():
    return Annotator.from_paths(), Annotator.from_paths(include_references=True)


def test_institutional_names_are_left_out_by_default(annotators):
    plain, with_references = annotators
    default = plain.annotate(_police_sentence()).mentions
    assert [(m.text, m.category, m.entry) for m in default] == [
        ("manifestants", "actor_label", "actor.manifestant")
    ]
    asked = with_references.annotate(_police_sentence()).mentions
    assert [(m.text, m.category, m.entry) for m in asked] == [
        ("police", "actor_reference", "actor.police"),
        ("manifestants", "actor_label", "actor.manifestant"),
    ]
    assert asked[0].referent == "security_forces"


def test_reference_mentions_are_valid_annotations(annotators, tmp_path):
    """The writer validates every record against annotations.schema.json."""
    _, with_references = annotators
    path = tmp_path / "annotations.jsonl"
    write_annotations([with_references.annotate(_police_sentence())], path)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert "actor_reference" in {m["category"] for m in record["annotations"]}


def test_report_does_not_count_references(annotators):
    _, with_references = annotators
    document = with_references.annotate(_police_sentence())
    document.outlet = "A"
    report = build_report([document])
    row = report["corpus"]["outlets"][0]
    assert row["mentions_total"] == 1
    assert "actor_reference" not in row["mentions"]
    named = {(f["referent"], f["category"]) for f in report["naming"]}
    assert named == {("protesters", "actor_label")}


def test_study_key_references(tmp_path):
    study = tmp_path / "study.toml"
    study.write_text('inputs = ["in"]\nreferences = true\n', encoding="utf-8")
    loaded = load_study(study)
    assert loaded.references is True
    assert loaded.as_record(tmp_path)["references"] is True
    study.write_text('inputs = ["in"]\n', encoding="utf-8")
    assert load_study(study).references is False
    study.write_text('inputs = ["in"]\nreferences = "yes"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"study\.toml: 'references' must be true or false"):
        load_study(study)


@pytest.mark.parametrize("flag", [[], ["--references"]])
def test_annotate_references_flag(tmp_path, flag):
    corpus = tmp_path / "in.conllu"
    corpus.write_text(document_to_conllu(_police_sentence()), encoding="utf-8")
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["annotate", str(corpus), "--out", str(out), "--quiet", *flag])
    assert run.exit_code == 0, run.output
    (line,) = (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    categories = sorted(m["category"] for m in json.loads(line)["annotations"])
    expected = ["actor_label", "actor_reference"] if flag else ["actor_label"]
    assert categories == expected
    meta = json.loads((out / "annotations.meta.json").read_text(encoding="utf-8"))
    assert meta["options"]["include_references"] is bool(flag)


def test_inventory_documents_the_eighth_category():
    inventory = load_yaml(inventory_path())
    assert "actor_reference" in inventory["categories"]
    schema = load_schema("lexicon")
    assert "actor_reference" in schema["$defs"]["category"]["enum"]


def test_the_compiled_cache_does_not_keep_the_setting():
    """from_paths may load a pickled compilation: the setting is applied after it."""
    assert Annotator.from_paths(include_references=True).include_references is True
    again = Annotator.from_paths()
    assert again.include_references is False
    assert [m.entry for m in again.annotate(_police_sentence()).mentions] == ["actor.manifestant"]
