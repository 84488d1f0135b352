"""`framing evaluate`: scores on a hand-made gold/pred pair, computed by hand below.

tests/data/tooling/gold.jsonl and pred.jsonl (offsets into the texts):

g1 "Le ministre a déclaré que les émeutiers étaient des terroristes."
   gold G1 "a déclaré"    12-21 reporting_verb authorial  speaker "Le ministre" cue null
   gold G2 "émeutiers"    30-39 actor_label indirect    speaker "Le ministre" cue "a déclaré"
   gold G3 "terroristes"  52-63 actor_label indirect    speaker "Le ministre" cue "a déclaré"
   pred P1 "déclaré"      14-21 reporting_verb authorial  speaker "Le ministre" cue "a déclaré"
   pred P2 "émeutiers"    30-39 actor_label indirect    speaker "Le  ministre" (two spaces)
                                                        cue "a déclaré"
   pred P3 "étaient"      40-47 evaluative               (no gold evaluative: false alarm)
   pred P4 "des terroristes" 48-63 actor_label authorial speaker null cue null
g2 "Selon l’armée, les « bandits » ont été tués."
   gold G4 "bandits"      21-28 actor_label direct_quote speaker "l’armée" cue "Selon"
   gold G5 "ont été tués" 31-43 agentless_passive        (no prediction: miss)
   pred P5 "bandits"      21-28 actor_label direct_quote speaker "l'armée" cue "Selon"
   pred P6 "Selon"        boilerplate: left out
extra: only in pred, not scored.

Overlaps, |∩| / max(|gold|, |pred|):
   G1-P1 = 7/9 = 0.778   G2-P2 = 9/9 = 1   G3-P4 = 11/15 = 0.733   G4-P5 = 7/7 = 1

At 0.3: matches G1-P1, G2-P2, G3-P4, G4-P5: tp 4; gold 5, pred 5 (P1-P5)
   P = R = F1 = 4/5 = 0.8
   voice   G1/P1 ok, G2/P2 ok, G3/P4 no (indirect vs authorial), G4/P5 ok      -> 3/4
   speaker ok, ok (whitespace), no (null), ok (apostrophe)                     -> 3/4
   cue     no (null vs "a déclaré"), ok, no (null), ok                          -> 2/4
   per category: actor_label 3/3/3 -> 1.0; reporting_verb 1/1/1 -> 1.0;
   evaluative gold 0 pred 1 -> 0.0; agentless_passive gold 1 pred 0 -> 0.0
   misses: G5; false alarms: P3
At 0.8: matches G2-P2, G4-P5 only: tp 2 -> P = R = F1 = 2/5 = 0.4
   voice, speaker, cue: 2/2 each
   actor_label: tp 2, gold 3, pred 3 -> P = R = F1 = 2/3
   misses: G1, G3, G5; false alarms: P1, P3, P4
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli.evaluate import evaluate_command
from framing.io.annotations import read_annotations
from framing.tools.evaluate import evaluate, normalize_text, overlap_ratio
from framing.types import AnnotatedDocument, Mention

DATA = Path(__file__).parent / "data" / "tooling"


@pytest.fixture(scope="module")
def result():
    gold = list(read_annotations(DATA / "gold.jsonl"))
    pred = list(read_annotations(DATA / "pred.jsonl"))
    return evaluate(gold, pred)


def test_counts(result):
    assert result["documents"] == 2
    assert result["gold_mentions"] == 5
    assert result["pred_mentions"] == 5  # boilerplate P6 and the extra document left out
    assert result["pred_documents_not_in_gold"] == 1
    assert result["documents_without_prediction"] == []


def test_lenient_threshold(result):
    block = result["thresholds"]["0.3"]
    overall = block["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (4, 1, 1)
    assert overall["precision"] == pytest.approx(0.8)
    assert overall["recall"] == pytest.approx(0.8)
    assert overall["f1"] == pytest.approx(0.8)
    per = block["per_category"]
    assert per["actor_label"]["f1"] == pytest.approx(1.0)
    assert per["reporting_verb"]["f1"] == pytest.approx(1.0)
    assert per["evaluative"]["precision"] == 0.0 and per["evaluative"]["recall"] == 0.0
    assert per["agentless_passive"]["recall"] == 0.0
    attrs = block["attributes"]
    assert (attrs["voice"]["correct"], attrs["voice"]["total"]) == (3, 4)
    assert attrs["voice"]["accuracy"] == pytest.approx(0.75)
    assert attrs["speaker"]["accuracy"] == pytest.approx(0.75)
    assert attrs["cue"]["accuracy"] == pytest.approx(0.5)
    assert [(m["doc"], m["text"]) for m in block["misses"]] == [("g2", "ont été tués")]
    assert [(m["doc"], m["text"]) for m in block["false_alarms"]] == [("g1", "étaient")]
    assert block["false_alarms"][0]["context"] == (
        "Le ministre a déclaré que les émeutiers [étaient] des terroristes."
    )


def test_strict_threshold(result):
    block = result["thresholds"]["0.8"]
    overall = block["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 3, 3)
    assert overall["precision"] == pytest.approx(0.4)
    assert overall["recall"] == pytest.approx(0.4)
    assert overall["f1"] == pytest.approx(0.4)
    actor = block["per_category"]["actor_label"]
    assert actor["precision"] == pytest.approx(2 / 3) and actor["recall"] == pytest.approx(2 / 3)
    assert block["per_category"]["reporting_verb"]["tp"] == 0
    for name in ("voice", "speaker", "cue"):
        assert block["attributes"][name] == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert [m["text"] for m in block["misses"]] == ["a déclaré", "terroristes", "ont été tués"]
    assert [m["text"] for m in block["false_alarms"]] == ["déclaré", "étaient", "des terroristes"]


def _mention(start: int, end: int, category: str = "actor_label") -> Mention:
    return Mention(start, end, "x" * (end - start), 0, category, "conflict", "neutral", "e")


def _doc(mentions: list[Mention]) -> AnnotatedDocument:
    return AnnotatedDocument("d", None, None, None, "fr", 10, 10, mentions)


def test_matching_is_one_to_one_and_prefers_the_larger_overlap():
    # gold 10-20; pred A 12-20 (overlap 0.8), pred B 10-20 (1.0): B wins, A is a false alarm
    gold = [_doc([_mention(10, 20)])]
    pred = [_doc([_mention(12, 20), _mention(10, 20)])]
    block = evaluate(gold, pred, thresholds=[0.3])["thresholds"]["0.3"]
    assert block["overall"]["tp"] == 1
    assert [(m["start"], m["end"]) for m in block["false_alarms"]] == [(12, 20)]


def test_same_span_other_category_does_not_match():
    block = evaluate([_doc([_mention(0, 5)])], [_doc([_mention(0, 5, "event_label")])])
    assert block["thresholds"]["0.3"]["overall"]["tp"] == 0


def test_overlap_and_normalisation():
    assert overlap_ratio(_mention(0, 10), _mention(5, 20)) == pytest.approx(5 / 15)
    assert overlap_ratio(_mention(0, 5), _mention(5, 9)) == 0.0
    assert normalize_text(" M.\u00a0Blinken  d’abord ") == "M. Blinken d'abord"


def test_command_prints_table_and_writes_json(tmp_path):
    out = tmp_path / "scores.json"
    args = ["--gold", DATA / "gold.jsonl", "--pred", DATA / "pred.jsonl", "--json", out]
    run = CliRunner().invoke(evaluate_command, [str(a) for a in args])
    assert run.exit_code == 0, run.output
    assert "overlap >= 0.3" in run.stdout and "overlap >= 0.8" in run.stdout
    overall = [line for line in run.stdout.splitlines() if line.startswith("overall")]
    assert overall[0].split()[1:] == ["5", "5", "4", "0.800", "0.800", "0.800"]
    assert "voice 0.750 (3/4)" in run.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["thresholds"]["0.8"]["overall"]["tp"] == 2


def test_command_reports_bad_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"\n', encoding="utf-8")
    run = CliRunner().invoke(evaluate_command, ["--gold", str(bad), "--pred", str(bad)])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"error: {bad}:1: malformed JSON")
