"""Lexicon import/export: quanteda YAML, LIWC .dic and CSV, with round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from framing.annotation.lexicon import read_lexicon
from framing.cli.tools import export_command, import_command
from framing.errors import InputError
from framing.tools.exchange import (
    dump_lexicon,
    entries_without_examples,
    export_lexicon,
    import_lexicon,
    parse_defaults,
    parse_map,
    to_globs,
)

DATA = Path(__file__).parent / "data" / "tooling"
QUANTEDA = DATA / "protest_dictionary.yml"
LIWC = DATA / "small.dic"
CSV = DATA / "entries.csv"
TEMPLATE = "Le communiqué évoque {match} dans la capitale."
QUANTEDA_MAP = [
    "protest.negative=actor_label:security_threat:delegitimizing:protesters",
    "protest.neutral=actor_label:legitimate_protest:neutral:protesters",
    "troops=intervention_label:stability_order:legitimizing:foreign_troops",
    "loaded=evaluative",
]
LIWC_MAP = [
    "negemo=evaluative:evaluation:delegitimizing",
    "anger=evaluative:conflict:delegitimizing",
    "troops=intervention_label:stability_order:legitimizing:foreign_troops",
    "function=-",
]
CORE = ("id", "category", "frame", "valence", "referent", "stance", "hedge_type", "match")


def _core(lexicon: dict) -> list[str]:
    """What must survive a round trip, order aside: ``id fields... | match``."""
    rows = []
    for e in lexicon["entries"]:
        fields = " ".join(str(e[k]) for k in CORE[1:-1] if e.get(k))
        rows.append(f"{e['id']} {fields} | {e['match']}")
    return sorted(rows)


def _write(lexicon: dict, path: Path) -> Path:
    path.write_text(dump_lexicon(lexicon), encoding="utf-8")
    return path


def _validates(path: Path) -> None:
    lexicon, problems = read_lexicon([path])
    assert problems == [], "\n".join(map(str, problems))
    assert lexicon.entries


def test_quanteda_import_validates_and_round_trips(tmp_path):
    lexicon = import_lexicon(
        QUANTEDA,
        "quanteda-yaml",
        parse_map(QUANTEDA_MAP),
        parse_defaults(["frame=evaluation", "valence=delegitimizing"]),
        lexicon_name="protest",
        example_template=TEMPLATE,
    )
    assert _core(lexicon) == [
        "actor.casseur actor_label security_threat delegitimizing protesters | casseur*",
        "actor.emeutier actor_label security_threat delegitimizing protesters | émeutier*",
        "actor.manifestant actor_label legitimate_protest neutral protesters | manifestant*",
        "eval.effronte evaluative evaluation delegitimizing | effronté*",
        "eval.flagrant evaluative evaluation delegitimizing | flagrant*",
        "intervention.contingent_de_protection intervention_label stability_order legitimizing "
        "foreign_troops | contingent de protection",
        "intervention.forces_de_maintien intervention_label stability_order legitimizing "
        "foreign_troops | forces de maintien*",
    ]
    by_id = {e["id"]: e for e in lexicon["entries"]}
    assert by_id["intervention.forces_de_maintien"]["examples"] == {
        "match": ["Le communiqué évoque forces de maintien dans la capitale."]
    }
    path = _write(lexicon, tmp_path / "protest.yaml")
    _validates(path)

    exported = export_lexicon([path], "quanteda-yaml")
    tree = yaml.safe_load(exported)
    assert tree["actor_label"]["security_threat"]["delegitimizing"]["protesters"] == [
        "casseur*",
        "émeutier*",
    ]
    again_file = tmp_path / "again.yml"
    again_file.write_text(exported, encoding="utf-8")
    # our own category paths need no --map
    again = import_lexicon(again_file, "quanteda-yaml", example_template=TEMPLATE)
    assert _core(again) == _core(lexicon)


def test_liwc_import_validates_and_round_trips(tmp_path):
    warnings: list[str] = []
    lexicon = import_lexicon(
        LIWC, "liwc-dic", parse_map(LIWC_MAP), example_template=TEMPLATE, warn=warnings.append
    )
    assert _core(lexicon) == [
        "eval.abus evaluative evaluation delegitimizing | abus*",
        "eval.brutal evaluative evaluation delegitimizing | brutal*",
        "intervention.forces_de_maintien intervention_label stability_order legitimizing "
        "foreign_troops | forces de maintien*",
    ]
    # abus* is in negemo and anger, both mapped to evaluative: the first is kept
    assert len(warnings) == 1 and f"{LIWC}:7: 'abus*' (anger)" in warnings[0]
    path = _write(lexicon, tmp_path / "small.yaml")
    _validates(path)

    exported = export_lexicon([path], "liwc-dic")
    assert exported == (
        "%\n1\tevaluative.evaluation.delegitimizing\n"
        "2\tintervention_label.stability_order.legitimizing.foreign_troops\n%\n"
        "abus*\t1\nbrutal*\t1\nforces de maintien*\t2\n"
    )
    again_file = tmp_path / "again.dic"
    again_file.write_text(exported, encoding="utf-8")
    assert _core(import_lexicon(again_file, "liwc-dic")) == _core(lexicon)


def test_csv_import_export_is_lossless(tmp_path):
    lexicon = import_lexicon(CSV, "csv")
    by_id = {e["id"]: e for e in lexicon["entries"]}
    assert by_id["verb.deplorer"]["match"] == {"lemma": "déplorer", "upos": "VERB"}
    assert by_id["verb.deplorer"]["examples"] == {
        "match": ["Le ministre a déploré la décision."],
        "no_match": ["Le ministre a pris la décision."],
    }
    assert by_id["actor.casseur"]["examples"]["match"] == [
        "Des casseurs ont brisé les vitrines.",
        "Les casseurs ont été interpellés.",
    ]
    path = _write(lexicon, tmp_path / "entries.yaml")
    _validates(path)
    exported = export_lexicon([path], "csv")
    again_file = tmp_path / "again.csv"
    again_file.write_text(exported, encoding="utf-8")
    again = import_lexicon(again_file, "csv")
    assert again["entries"] == lexicon["entries"]
    assert export_lexicon([_write(again, tmp_path / "again.yaml")], "csv") == exported


def test_export_reports_every_lossy_entry(tmp_path):
    path = _write(import_lexicon(CSV, "csv"), tmp_path / "entries.yaml")
    warnings: list[str] = []
    text = export_lexicon([path], "quanteda-yaml", warn=warnings.append)
    per_entry = [w for w in warnings if f"{path}:" in w]
    assert [w.split(": ")[1] for w in per_entry] == [
        "actor.casseur",
        "verb.deplorer",
        "intervention.maintien_de_la_paix",
        "hedge.pretendu",
    ]
    assert "lemma 'déplorer' becomes a word form" in per_entry[1]
    assert "gap <0-2> expanded into 3 patterns" in per_entry[2]
    tree = yaml.safe_load(text)
    assert tree["intervention_label"]["stability_order"]["legitimizing"]["foreign_troops"] == [
        "force* de maintien de la paix",
        "force* * de maintien de la paix",
        "force* * * de maintien de la paix",
    ]


def test_to_globs_optional_word():
    patterns, losses = to_globs([{"form": "si"}, {"form": "l'", "optional": True}, {"form": "on"}])
    assert patterns == ["si l' on", "si on"]
    assert losses == ['optional "l\'" expanded into patterns with and without it']


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("%\n1\tneg\n%\nbrutal*\tx\n", ":4: malformed .dic line 'brutal*\\tx'"),
        ("%\n1\tneg\n%\nbrutal*\t7\n", ":4: category 7 is not declared in the header"),
        ("1\tneg\n", ":1: a LIWC .dic file starts with a '%' line"),
        ("%\n1\tneg\nbrutal*\t1\n", ":3: malformed header line"),
    ],
)
def test_malformed_dic_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.dic"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_lexicon(path, "liwc-dic", parse_map(["neg=evaluative:evaluation:neutral"]))
    assert str(caught.value).startswith(f"{path}{message}")


def test_unmapped_and_incomplete_categories_are_errors():
    with pytest.raises(InputError, match=r"no mapping for source categories 'negemo' \(line 7\)"):
        import_lexicon(LIWC, "liwc-dic", parse_map(LIWC_MAP[1:]))
    with pytest.raises(InputError, match="'loaded' -> evaluative: no frame, valence"):
        import_lexicon(QUANTEDA, "quanteda-yaml", parse_map(QUANTEDA_MAP))
    with pytest.raises(InputError, match="unknown frame 'nope'"):
        parse_map(["x=evaluative:nope"])


def test_import_command_lists_entries_without_examples(tmp_path):
    out = tmp_path / "small.yaml"
    args = [str(LIWC), "--format", "liwc-dic", "--out", str(out)]
    args += [a for spec in LIWC_MAP for a in ("--map", spec)]
    run = CliRunner().invoke(import_command, args)
    assert run.exit_code == 1
    assert "wrote" in run.stdout and "3 entries" in run.stdout
    assert "eval.abus, eval.brutal, intervention.forces_de_maintien" in run.stderr
    _, problems = read_lexicon([out])
    assert len(problems) == 3 and all("'examples' is a required" in str(p) for p in problems)

    run = CliRunner().invoke(import_command, [*args, "--example-template", TEMPLATE])
    assert run.exit_code == 1 and "exists; give --force" in run.stderr
    run = CliRunner().invoke(import_command, [*args, "--example-template", TEMPLATE, "--force"])
    assert run.exit_code == 0, run.output
    _validates(out)
    assert entries_without_examples(yaml.safe_load(out.read_text(encoding="utf-8"))) == []


def test_import_command_error_is_one_line(tmp_path):
    run = CliRunner().invoke(
        import_command, [str(LIWC), "--format", "liwc-dic", "--out", str(tmp_path / "x.yaml")]
    )
    assert run.exit_code == 1
    assert run.stderr.startswith(f"error: {LIWC}: no mapping for source categories")
    assert run.stderr.count("\n") == 1
    assert not (tmp_path / "x.yaml").exists()


def test_export_command(tmp_path):
    lexicon = _write(import_lexicon(CSV, "csv"), tmp_path / "entries.yaml")
    out = tmp_path / "entries.dic"
    run = CliRunner().invoke(
        export_command, [str(lexicon), "--format", "liwc-dic", "--out", str(out)]
    )
    assert run.exit_code == 0, run.output
    assert out.read_text(encoding="utf-8").startswith("%\n1\tactor_label.security_threat")
    assert "warning: " in run.stderr and "verb.deplorer" in run.stderr
    run = CliRunner().invoke(export_command, [str(lexicon), "--format", "csv", "--out", "-"])
    assert run.exit_code == 0
    assert run.stdout.startswith("id,category,frame,valence,referent,stance,hedge_type,match,")
