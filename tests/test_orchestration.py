"""One orchestration path: framing annotate, framing run and the API write the same
annotations for the same input, and the report defaults are defined once."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from framing.cli import cli
from framing.cli.main import _study
from framing.parsing.parser import Parser
from framing.pipeline import AnnotateSettings, annotate_corpus
from framing.report.options import REPORT_DEFAULTS, ReportOptions
from framing.study import Study

# Two invented articles, hand-parsed, so no model is loaded to annotate them.
CONLLU = """# newdoc id = a1
# text = Le ministre a déclaré que les casseurs attaquaient.
1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_
2\tministre\tministre\tNOUN\t_\t_\t4\tnsubj\t_\t_
3\ta\tavoir\tAUX\t_\t_\t4\taux:tense\t_\t_
4\tdéclaré\tdéclarer\tVERB\t_\t_\t0\troot\t_\t_
5\tque\tque\tSCONJ\t_\t_\t8\tmark\t_\t_
6\tles\tle\tDET\t_\t_\t7\tdet\t_\t_
7\tcasseurs\tcasseur\tNOUN\t_\t_\t8\tnsubj\t_\t_
8\tattaquaient\tattaquer\tVERB\t_\t_\t4\tccomp\t_\tSpaceAfter=No
9\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

# newdoc id = a2
# text = Les émeutiers seront jugés demain.
1\tLes\tle\tDET\t_\t_\t2\tdet\t_\t_
2\témeutiers\témeutier\tNOUN\t_\t_\t4\tnsubj:pass\t_\t_
3\tseront\têtre\tAUX\t_\t_\t4\taux:pass\t_\t_
4\tjugés\tjuger\tVERB\t_\tVerbForm=Part\t0\troot\t_\t_
5\tdemain\tdemain\tADV\t_\t_\t4\tadvmod\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

"""


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "articles.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def _lines(folder: Path) -> list[dict]:
    text = (folder / "annotations.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_annotate_run_and_the_api_write_the_same_annotations(tmp_path):
    source = _input(tmp_path)
    cache = ["--cache", str(tmp_path / "cache"), "--quiet"]
    runner = CliRunner()
    annotated = runner.invoke(cli, ["annotate", str(source), "--out", str(tmp_path / "a"), *cache])
    assert annotated.exit_code == 0, annotated.output
    ran = runner.invoke(
        cli, ["run", str(source), "--out", str(tmp_path / "r"), "--bootstrap", "0", *cache]
    )
    assert ran.exit_code == 0, ran.output
    outcome = annotate_corpus(AnnotateSettings((source,)), tmp_path / "api", Parser())
    assert outcome.documents == 2
    api = (tmp_path / "api" / "annotations.jsonl").read_bytes()
    assert (tmp_path / "a" / "annotations.jsonl").read_bytes() == api
    assert (tmp_path / "r" / "annotations.jsonl").read_bytes() == api
    entries = [m["entry"] for doc in _lines(tmp_path / "a") for m in doc["annotations"]]
    assert "verb.declarer" in entries and "verb.juger" not in entries
    for folder in ("a", "r", "api"):
        meta = json.loads((tmp_path / folder / "annotations.meta.json").read_text("utf-8"))
        assert meta["documents"] == 2 and meta["options"]["include_text"] is True


def test_run_takes_evidence_and_prior_scale_over_the_study(tmp_path):
    study = _study(
        None,
        (tmp_path,),
        lexicons=(),
        model_dir=None,
        language=None,
        input_format=None,
        encoding=None,
        strict=False,
        max_bytes=None,
        allow_outside=False,
        references=None,
        title=None,
        evidence=1,
        bootstrap=None,
        seed=None,
        prior_scale=50.0,
    )
    assert study.report == {"evidence": 1, "prior_scale": 50.0}
    options = ReportOptions.from_settings(study.report, study.title)
    assert (options.evidence_limit, options.prior_scale) == (1, 50.0)
    assert (options.seed, options.bootstrap_replicates) == (20220107, 1000)


def test_report_defaults_are_one_set():
    assert ReportOptions.from_settings({}, "Framing report") == REPORT_DEFAULTS == ReportOptions()
    assert Study(inputs=[]).title == REPORT_DEFAULTS.title
    help_text = CliRunner().invoke(cli, ["report", "build", "--help"]).output
    assert "20220107" in help_text and "100.0" in help_text
    run_help = CliRunner().invoke(cli, ["run", "--help"]).output
    assert "--evidence" in run_help and "--prior-scale" in run_help


def test_parse_names_its_files_as_the_viewer_names_its_pages(tmp_path):
    """One id-to-filename policy: per-character '_', a 'doc' prefix for hidden names."""
    source = tmp_path / "ids.conllu"
    source.write_text(
        CONLLU.replace("newdoc id = a1", "newdoc id = seed/001  tdg").replace(
            "newdoc id = a2", "newdoc id = .hidden"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "parsed"
    result = CliRunner().invoke(
        cli, ["parse", str(source), "--out", str(out), "--no-cache", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["doc.hidden.conllu", "seed_001__tdg.conllu"]
