"""The gold-dev scoring rule and gold-dev files, on a tiny invented gold scored by hand.

Two invented articles (offsets are Python string indices):

A1 = "Paul Dubois a déclaré que les casseurs étaient « des voyous ». M. Dubois a dénoncé
      la répression. Il a ajouté : « Ce rassemblement massif est illégal. » Lire aussi :
      Les émeutes"
A2 = "Selon la préfecture, des violences policières ont éclaté. Les manifestants ont été
      arrêtés."

Gold (speaker PD = "Paul Dubois" 0-11, MD = "M. Dubois" 63-72, LP = "la préfecture" 6-19)
  g1 a déclaré             12-21  reporting_verb  authorial  PD  cue -
  g2 casseurs              30-38  actor_label     indirect   PD  cue "a déclaré"
  g3 voyous                53-59  actor_label     direct     PD  cue "a déclaré"
  g4 a dénoncé             73-82  reporting_verb  authorial  MD  cue -
  g5 répression            86-96  event_label     authorial  -   note "borderline" (soft)
  g6 a ajouté             101-109 reporting_verb  authorial  MD (the "Il" resolved)
  g7 rassemblement massif 117-137 event_label     direct     MD  cue "a ajouté"
  g8 illégal              142-149 evaluative      direct     MD  cue "a ajouté", note "unsure" (soft)
  g9 émeutes              170-177 event_label     boilerplate: ignored
  h1 Selon                  0-5   hedge           authorial  LP  cue "Selon"
  h2 violences policières  25-45  event_label     indirect   LP  cue "Selon"
  h3 manifestants          62-74  actor_label     authorial
  h4 ont été arrêtés       75-90  agentless_passive authorial
  -> 12 gold mentions (g9 left out), 2 soft (g5, g8)

Predictions
  p1 déclaré              14-21  reporting_verb  authorial  PD          overlap 7/min(9,7) = 1    -> g1
  p2 casseurs             30-38  actor_label     authorial  -  cue -                            -> g2
  p3 des voyous           49-59  actor_label     direct     PD cue "a<nbsp>déclaré"  6/min(6,10) = 1 -> g3
  p4 a dénoncé            73-82  reporting_verb  authorial  MD                                  -> g4
  p5 a ajouté            101-109 reporting_verb  authorial  "Il" 98-100 (unresolved)            -> g6
  p6 (shifted by 9)      126-146 event_label     direct     PD cue "a ajouté"  11/20 = 0.55 >= 0.5 -> g7
  p7 illégal             142-149 evaluative      direct     PD cue -                            -> g8
  p8 émeutes             170-177 boilerplate: ignored
  q1 Selon                  0-5  hedge           authorial  LP cue "selon"                      -> h1
  q2 (shifted by 11)       36-56 event_label     indirect   LP  9/20 = 0.45 < 0.5: no match (h2 missed)
  q3 manifestants          62-74 actor_label     authorial                                      -> h3
  q4 préfecture             9-19 actor_label     authorial  (false alarm)
  -> 11 predictions (p8 left out)

Matches: g1 g2 g3 g4 g6 g7 g8 h1 h3 -> tp 9; misses g5 (soft), h2, h4; false alarms q2, q4.
  all gold:      P = 9/11 = 0.818, R = 9/12 = 0.75, F1 = 2*9/(12+11) = 18/23 = 0.783
  soft excluded: the missed soft g5 leaves the gold: R = 9/11, F1 = 18/22 = 9/11 = 0.818
  (g8 is soft but matched: still a hit in both)
  per category: reporting_verb 3/3/3 -> 1; actor_label gold 3 pred 4 tp 3 -> P .75 R 1 F1 6/7;
    event_label gold 3 pred 2 tp 1 -> P .5 R 1/3 F1 .4 (soft excluded: R .5 F1 .5);
    evaluative 1/1/1; hedge 1/1/1; agentless_passive gold 1 pred 0 -> 0
Voice over the 9 pairs: only g2/p2 wrong (indirect vs authorial) -> 8/9
Speaker over the pairs with a speech gold voice (g2 g3 g7 g8) or a reporting verb with a gold
  speaker (g1 g4 g6) = 7; h1 (hedge, authorial) and h3 do not count:
  g1 ok (same span), g4 ok, g6 wrong ("Il" vs "M. Dubois": no overlap, last words differ),
  g2 wrong (null), g3 ok (overlap), g7 ok and g8 ok ("Paul Dubois" vs "M. Dubois": no overlap,
  same last word "dubois") -> 5/7
Cue over the pairs with a gold cue (g2 g3 g7 g8 h1) = 5: g2 wrong (null), g3 ok (no-break space
  folded), g7 ok, g8 wrong (null), h1 ok ("selon" = "Selon" once case is folded) -> 3/5
Voice confusion: authorial->authorial 5 (g1 g4 g6 h1 h3), indirect->authorial 1, direct->direct 3
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from framing.cli.evaluate import evaluate_command
from framing.errors import InputError
from framing.io.annotations import read_annotations, write_annotations
from framing.io.golddev import check_texts, read_gold_folder, text_sha256
from framing.tools.evaluate import GOLDDEV_RULE, evaluate
from framing.tools.golddev_rule import error_lines, last_word, overlap_shorter, same_speaker
from framing.types import AnnotatedDocument, Mention, TextSpan

A1 = (
    "Paul Dubois a déclaré que les casseurs étaient « des voyous ». M. Dubois a dénoncé "
    "la répression. Il a ajouté : « Ce rassemblement massif est illégal. » Lire aussi : "
    "Les émeutes"
)
A2 = "Selon la préfecture, des violences policières ont éclaté. Les manifestants ont été arrêtés."
TEXTS = {"inv-1": A1, "inv-2": A2}
PD, MD, LP = (0, 11), (63, 72), (6, 19)


def _speaker(doc: str, span: tuple[int, int] | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"text": TEXTS[doc][span[0] : span[1]], "start": span[0], "end": span[1]}


def _gold(
    doc: str,
    start: int,
    end: int,
    category: str,
    voice: str,
    speaker: tuple[int, int] | None = None,
    cue: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A gold-dev mention as the files write it."""
    return {
        "start": start,
        "end": end,
        "text": TEXTS[doc][start:end],
        "category": category,
        "voice": voice,
        "speaker": _speaker(doc, speaker),
        "cue": cue,
        **extra,
    }


GOLD = {
    "inv-1": [
        _gold("inv-1", 12, 21, "reporting_verb", "authorial", PD),
        _gold("inv-1", 30, 38, "actor_label", "indirect_speech", PD, "a déclaré"),
        _gold("inv-1", 53, 59, "actor_label", "direct_quote", PD, "a déclaré"),
        _gold("inv-1", 73, 82, "reporting_verb", "authorial", MD),
        _gold("inv-1", 86, 96, "event_label", "authorial", note="a naming? borderline"),
        _gold("inv-1", 101, 109, "reporting_verb", "authorial", MD),
        _gold("inv-1", 117, 137, "event_label", "direct_quote", MD, "a ajouté"),
        _gold("inv-1", 142, 149, "evaluative", "direct_quote", MD, "a ajouté", note="Unsure."),
        _gold("inv-1", 170, 177, "event_label", "authorial", boilerplate=True),
    ],
    "inv-2": [
        _gold("inv-2", 0, 5, "hedge", "authorial", LP, "Selon"),
        _gold("inv-2", 25, 45, "event_label", "indirect_speech", LP, "Selon"),
        _gold("inv-2", 62, 74, "actor_label", "authorial", note="clear label"),
        _gold("inv-2", 75, 90, "agentless_passive", "authorial"),
    ],
}


def _pred(
    doc: str,
    start: int,
    end: int,
    category: str,
    entry: str,
    voice: str = "authorial",
    speaker: tuple[int, int] | None = None,
    cue: str | None = None,
    bp: bool = False,
) -> Mention:
    """A predicted mention; the cue span's offsets do not matter to the rule."""
    text = TEXTS[doc]
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        sentence=0,
        category=category,
        frame="conflict",
        valence="neutral",
        entry=entry,
        voice=voice,
        speaker=TextSpan(text[speaker[0] : speaker[1]], *speaker) if speaker else None,
        cue=TextSpan(cue, 0, len(cue)) if cue else None,
        boilerplate=bp,
        rules=[f"lexicon:{entry}"],
    )


PRED = {
    "inv-1": [
        _pred("inv-1", 14, 21, "reporting_verb", "verb.declarer", speaker=PD),
        _pred("inv-1", 30, 38, "actor_label", "actor.casseur"),
        _pred("inv-1", 49, 59, "actor_label", "actor.voyou", "direct_quote", PD, "a\u00a0déclaré"),
        _pred("inv-1", 73, 82, "reporting_verb", "verb.denoncer", speaker=MD),
        _pred("inv-1", 101, 109, "reporting_verb", "verb.ajouter", speaker=(98, 100)),
        _pred(
            "inv-1", 126, 146, "event_label", "event.rassemblement", "direct_quote", PD, "a ajouté"
        ),
        _pred("inv-1", 142, 149, "evaluative", "eval.illegal", "direct_quote", PD),
        _pred("inv-1", 170, 177, "event_label", "event.emeute", bp=True),
    ],
    "inv-2": [
        _pred("inv-2", 0, 5, "hedge", "hedge.selon", speaker=LP, cue="selon"),
        _pred("inv-2", 36, 56, "event_label", "event.violences", "indirect_speech", LP, "Selon"),
        _pred("inv-2", 62, 74, "actor_label", "actor.manifestant"),
        _pred("inv-2", 9, 19, "actor_label", "actor.prefecture"),
    ],
}


def _write_gold(folder: Path, gold: dict[str, list[dict[str, Any]]] = GOLD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc, mentions in gold.items():
        record = {"id": doc, "text_sha256": text_sha256(TEXTS[doc]), "mentions": mentions}
        (folder / f"{doc}.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8"
        )
    return folder


def _pred_docs(texts: dict[str, str] = TEXTS) -> list[AnnotatedDocument]:
    return [
        AnnotatedDocument(doc, None, None, None, "fr", 20, 20, PRED[doc], text=texts[doc])
        for doc in PRED
    ]


@pytest.fixture()
def result(tmp_path: Path) -> dict[str, Any]:
    gold = read_gold_folder(_write_gold(tmp_path / "gold"))
    check_texts(gold, _pred_docs())
    return evaluate(gold, _pred_docs(), rule=GOLDDEV_RULE)


def test_counts_and_overall_scores(result):
    assert (result["gold_mentions"], result["soft_gold_mentions"], result["pred_mentions"]) == (
        12,
        2,
        11,
    )
    counted = result["scores"]["all_gold"]["overall"]
    assert (counted["tp"], counted["gold"], counted["pred"]) == (9, 12, 11)
    assert counted["precision"] == pytest.approx(9 / 11)
    assert counted["recall"] == pytest.approx(0.75)
    assert counted["f1"] == pytest.approx(18 / 23)
    excluded = result["scores"]["soft_excluded"]["overall"]
    assert (excluded["tp"], excluded["gold"], excluded["pred"]) == (9, 11, 11)
    assert excluded["recall"] == pytest.approx(9 / 11)
    assert excluded["f1"] == pytest.approx(9 / 11)


def test_per_category_scores(result):
    per = result["scores"]["all_gold"]["per_category"]
    assert per["reporting_verb"]["f1"] == pytest.approx(1.0)
    actor = per["actor_label"]
    assert (actor["precision"], actor["recall"], actor["f1"]) == pytest.approx((0.75, 1.0, 6 / 7))
    event = per["event_label"]
    assert (event["precision"], event["recall"], event["f1"]) == pytest.approx((0.5, 1 / 3, 0.4))
    soft_event = result["scores"]["soft_excluded"]["per_category"]["event_label"]
    assert (soft_event["recall"], soft_event["f1"]) == pytest.approx((0.5, 0.5))
    assert per["agentless_passive"]["recall"] == 0.0 and per["agentless_passive"]["pred"] == 0
    assert result["soft_per_category"]["event_label"] == {"soft": 1, "missed": 1}
    assert result["soft_per_category"]["evaluative"] == {"soft": 1, "missed": 0}


def test_attribute_accuracies_and_confusion(result):
    attrs = result["attributes"]
    assert (attrs["voice"]["correct"], attrs["voice"]["total"]) == (8, 9)
    assert (attrs["speaker"]["correct"], attrs["speaker"]["total"]) == (5, 7)
    assert (attrs["cue"]["correct"], attrs["cue"]["total"]) == (3, 5)
    assert attrs["speaker"]["accuracy"] == pytest.approx(5 / 7)
    assert result["voice_confusion"] == {
        "authorial": {"authorial": 5},
        "direct_quote": {"direct_quote": 3},
        "indirect_speech": {"authorial": 1},
    }


def test_itemised_errors_and_entries(result):
    assert [(m["doc"], m["text"], m["soft"]) for m in result["misses"]] == [
        ("inv-1", "répression", True),
        ("inv-2", "violences policières", False),
        ("inv-2", "ont été arrêtés", False),
    ]
    assert [m["entry"] for m in result["false_alarms"]] == ["actor.prefecture", "event.violences"]
    assert [m["text"] for m in result["wrong_voice"]] == ["casseurs"]
    wrong = [(m["text"], m["speaker"], m["pred"]["speaker"]) for m in result["wrong_speaker"]]
    assert wrong == [("casseurs", "Paul Dubois", None), ("a ajouté", "M. Dubois", "Il")]
    assert result["by_entry"]["event.violences"] == {
        "category": "event_label",
        "true": 0,
        "false": 1,
    }
    assert result["by_entry"]["verb.declarer"]["true"] == 1
    assert "event.emeute" not in result["by_entry"]  # boilerplate
    lines = error_lines(result)
    # by article, then position, then kind (miss, false alarm, wrong voice, wrong
    # speaker, wrong cue)
    assert [line.split("\t")[:2] for line in lines] == [
        ["inv-1", "wrong_voice"],  # casseurs 30
        ["inv-1", "wrong_speaker"],  # casseurs 30
        ["inv-1", "wrong_cue"],  # casseurs 30
        ["inv-1", "miss"],  # répression 86
        ["inv-1", "wrong_speaker"],  # a ajouté 101
        ["inv-1", "wrong_cue"],  # illégal 142
        ["inv-2", "false_alarm"],  # préfecture 9
        ["inv-2", "miss"],  # violences policières 25
        ["inv-2", "false_alarm"],  # 36-56
        ["inv-2", "miss"],  # ont été arrêtés 75
    ]
    assert lines[3].startswith("inv-1\tmiss\tevent_label\t'répression' (soft)\t")
    assert lines[3].endswith(
        "\t« des voyous ». M. Dubois a dénoncé la [répression]. Il a ajouté : « Ce rassemblement massi"
    )
    assert "gold='M. Dubois' pred='Il' (authorial)" in lines[4]
    assert "gold='a déclaré' pred=None (indirect_speech)" in lines[2]
    assert [(m["text"], m["cue"], m["pred"]["cue"]) for m in result["wrong_cue"]] == [
        ("casseurs", "a déclaré", None),
        ("illégal", "a ajouté", None),
    ]
    assert "\n" not in "".join(lines)


def test_overlap_is_over_the_shorter_span():
    gold = _pred("inv-1", 117, 137, "event_label", "e")
    assert overlap_shorter(gold, _pred("inv-1", 126, 146, "event_label", "e")) == pytest.approx(
        0.55
    )
    assert overlap_shorter(gold, _pred("inv-1", 128, 148, "event_label", "e")) == pytest.approx(
        0.45
    )
    assert overlap_shorter(gold, _pred("inv-1", 100, 160, "event_label", "e")) == 1.0
    assert overlap_shorter(gold, _pred("inv-1", 137, 140, "event_label", "e")) == 0.0


def test_speaker_agreement():
    assert last_word("l’Armée") == "armée" and last_word("M.\u00a0Blinken ") == "blinken"
    assert same_speaker(TextSpan("Antony Blinken", 10, 24), TextSpan("M. Blinken", 80, 90))
    assert same_speaker(TextSpan("le ministre Lavrov", 0, 18), TextSpan("ministre", 3, 11))
    assert not same_speaker(TextSpan("M. Dubois", 63, 72), TextSpan("Il", 98, 100))
    assert same_speaker(None, None) and not same_speaker(TextSpan("il", 0, 2), None)


def test_matching_is_one_to_one_best_overlap_first(tmp_path):
    # gold "violences policières" 25-45; pred A 25-45 (1.0) and B 25-35 (1.0 of the shorter,
    # but A comes first on ties by position and end) -> one match, one false alarm
    gold = {"inv-2": [_gold("inv-2", 25, 45, "event_label", "authorial")]}
    preds = [
        _pred("inv-2", 30, 45, "event_label", "b"),
        _pred("inv-2", 25, 45, "event_label", "a"),
    ]
    docs = [AnnotatedDocument("inv-2", None, None, None, "fr", 5, 5, preds, text=A2)]
    out = evaluate(read_gold_folder(_write_gold(tmp_path, gold)), docs, rule=GOLDDEV_RULE)
    assert out["scores"]["all_gold"]["overall"]["tp"] == 1
    assert [m["entry"] for m in out["false_alarms"]] == ["b"]


def _write_pred(path: Path, texts: dict[str, str] = TEXTS) -> Path:
    write_annotations(_pred_docs(texts), path)
    return path


def test_cli_scores_a_gold_folder(tmp_path):
    gold = _write_gold(tmp_path / "gold")
    pred = _write_pred(tmp_path / "annotations.jsonl")
    out = tmp_path / "scores.json"
    args = ["--gold", gold, "--pred", pred, "--json", out, "--show", "1"]
    run = CliRunner().invoke(evaluate_command, [str(a) for a in args])
    assert run.exit_code == 0, run.output
    overall = [line for line in run.stdout.splitlines() if line.startswith("all ")]
    assert overall[0].split() == [
        "all", "12", "2", "11", "9", "0.818", "0.750", "0.783", "|", "0.818", "0.818"
    ]  # fmt: skip
    assert "voice 0.889 (8/9)  speaker 0.714 (5/7)  cue 0.600 (3/5)" in run.stdout
    assert "misses: 3" in run.stdout and "... and 2 more (see --json)" in run.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rule"] == "gold-dev" and data["scores"]["all_gold"]["overall"]["tp"] == 9


def test_cli_rejects_threshold_with_the_golddev_rule(tmp_path):
    gold, pred = _write_gold(tmp_path / "gold"), _write_pred(tmp_path / "a.jsonl")
    run = CliRunner().invoke(
        evaluate_command, ["--gold", str(gold), "--pred", str(pred), "--threshold", "0.3"]
    )
    assert run.exit_code == 1
    assert (
        run.stderr == "error: --threshold applies to --rule thresholds only (gold-dev fixes 0.5)\n"
    )


def test_cli_names_the_gold_file_when_the_text_differs(tmp_path):
    gold = _write_gold(tmp_path / "gold")
    pred = _write_pred(tmp_path / "a.jsonl", {**TEXTS, "inv-2": A2.replace("Selon", "D'après")})
    run = CliRunner().invoke(evaluate_command, ["--gold", str(gold), "--pred", str(pred)])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"error: {gold / 'inv-2.json'}: text_sha256 ")
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "inv-1",\n "mentions": [', "inv-1.json:2: malformed JSON"),
        ('{"id": "inv-1", "mentions": []}', "inv-1.json: top level: missing field 'text_sha256'"),
        (
            '{"id": "inv-9", "text_sha256": "x", "mentions": []}',
            "inv-1.json: id 'inv-9' differs from the file name 'inv-1'",
        ),
        (
            '{"id": "inv-1", "text_sha256": "x", "mentions": [{"start": 0, "end": 4, '
            '"text": "Paul", "category": "actor_label", "voice": "quoted", "speaker": null, '
            '"cue": null}]}',
            "inv-1.json: mentions[0].voice: 'quoted' is not one of authorial,",
        ),
        (
            '{"id": "inv-1", "text_sha256": "x", "mentions": [{"start": 0, "end": 4, '
            '"text": "Paul", "category": "actor_label", "voice": "authorial", '
            '"speaker": {"text": "P", "start": "0", "end": 1}, "cue": null}]}',
            "inv-1.json: mentions[0].speaker.start: expected int, got '0'",
        ),
    ],
)
def test_malformed_gold_files_get_one_line(tmp_path, content, message):
    (tmp_path / "inv-1.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gold_folder(tmp_path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_gold_span_that_is_not_the_text_is_reported(tmp_path):
    bad = {"inv-1": [{**_gold("inv-1", 12, 21, "reporting_verb", "authorial"), "text": "a dit"}]}
    gold = read_gold_folder(_write_gold(tmp_path, bad))
    with pytest.raises(InputError, match=r"inv-1\.json: mentions\[0\]: text 'a dit' is not"):
        check_texts(gold, _pred_docs())


def test_gold_notes_survive_a_jsonl_round_trip(tmp_path):
    gold = read_gold_folder(_write_gold(tmp_path / "gold"))
    assert [m.note for m in gold[0].mentions][4] == "a naming? borderline"
    path = tmp_path / "g.jsonl"
    for doc in gold:
        for m in doc.mentions:
            m.rules = ["gold"]
    write_annotations(gold, path)
    again = list(read_annotations(path))
    assert again[0].mentions[4].note == "a naming? borderline"
    assert evaluate(again, _pred_docs(), rule=GOLDDEV_RULE)["soft_gold_mentions"] == 2


# The benchmark script: its held-out rule, and that its error listing never shows held-out ids.

BENCH_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "annotation_quality.py"
GOLD_DEV_NUMBERS = (
    "11602 11783 13465 14290 16331 20806 23405 24201 24816 25795 26048 27879 "
    "29145 29417 32955 33016 33982 34576 34994 36172 36208 4031 6213 868"
)
GOLD_DEV_IDS = [f"orangesum-{n}" for n in GOLD_DEV_NUMBERS.split()]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("annotation_quality", BENCH_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout_list_is_what_the_sha256_rule_draws(bench):
    assert len(GOLD_DEV_IDS) == 24
    assert bench.heldout_rule(GOLD_DEV_IDS) == list(bench.HELDOUT)
    assert bench.heldout_rule(reversed(GOLD_DEV_IDS)) == list(bench.HELDOUT)


def _perturbed(doc: AnnotatedDocument, text: str) -> AnnotatedDocument:
    """Predictions made from gold so that every article has every kind of error."""
    mentions = []
    for index, gold in enumerate(doc.mentions):
        kind = index % 4
        if kind == 0:
            continue  # a miss
        pred = _copy_gold(gold)
        if kind == 1:
            pred.voice = "direct_quote" if gold.voice == "authorial" else "authorial"
        if kind == 2:
            pred.speaker = TextSpan("quelqu'un", 0, 0)
        if kind == 3:
            pred.cue = TextSpan("a murmuré", 0, 0)
        mentions.append(pred)
    mentions.append(_copy_gold(doc.mentions[0], category="hedge", start=0, end=1, text=text[0]))
    return AnnotatedDocument(doc.id, None, None, None, "fr", 10, 10, mentions, text=text)


def _copy_gold(gold: Mention, **changes: Any) -> Mention:
    fields = {**gold.__dict__, "frame": "x", "entry": "test.entry", "rules": ["test"], **changes}
    fields["voice"] = fields["voice"] if fields["category"] != "hedge" else "authorial"
    return Mention(**fields)


def test_errors_never_show_heldout_articles(bench, shared_dir, tmp_path, capsys):
    gold = read_gold_folder(shared_dir / "gold-dev" / "annotations")
    texts = {d.id: d.text for d in bench.load_documents([d.id for d in gold], bench.CORPUS)}
    pred = tmp_path / "annotations.jsonl"
    write_annotations([_perturbed(doc, texts[doc.id]) for doc in gold], pred)
    bench.main(["--pred", str(pred), "--errors", "--by-entry", "--json", str(tmp_path / "f.json")])
    out = capsys.readouterr().out
    errors = out[out.index("errors on the TUNING articles") :].splitlines()[1:]
    kinds = {line.split("\t")[1] for line in errors if "\t" in line}
    assert kinds == {"miss", "false_alarm", "wrong_voice", "wrong_speaker", "wrong_cue"}
    assert {line.split("\t")[0] for line in errors if "\t" in line} == set(GOLD_DEV_IDS) - set(
        bench.HELDOUT
    )
    for held in bench.HELDOUT:
        assert held not in out
    figures = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert figures["heldout"]["errors"]["misses"] > 0 and "misses" not in figures["heldout"]
    assert "by_entry" not in figures["heldout"] and "by_entry" in figures["tuning"]
    for held in bench.HELDOUT:
        assert held not in json.dumps({k: v for k, v in figures.items() if k != "heldout_ids"})


def _dev2_gold(doc_id: str, text: str) -> dict[str, Any]:
    """A one-mention dev2 gold file for a real article (its text is read, never stored)."""
    import hashlib

    start = text.index(" ") + 1
    end = text.index(" ", start)
    return {
        "id": doc_id,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "mentions": [
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "category": "event_label",
                "voice": "authorial",
                "speaker": None,
                "cue": None,
            }
        ],
    }


def test_dev2_is_scored_apart_and_its_errors_can_be_listed(bench, shared_dir, tmp_path, capsys):
    gold = read_gold_folder(shared_dir / "gold-dev" / "annotations")
    dev2_id = "orangesum-2"  # an OrangeSum article outside gold-dev
    ids = [d.id for d in gold] + [dev2_id]
    texts = {d.id: d.text for d in bench.load_documents(ids, bench.CORPUS)}
    dev2 = tmp_path / "dev2"
    dev2.mkdir()
    (dev2 / f"{dev2_id}.json").write_text(
        json.dumps(_dev2_gold(dev2_id, texts[dev2_id])), encoding="utf-8"
    )
    preds = [_perturbed(doc, texts[doc.id]) for doc in gold]
    preds.append(
        AnnotatedDocument(dev2_id, None, None, None, "fr", 10, 10, [], text=texts[dev2_id])
    )
    pred = tmp_path / "annotations.jsonl"
    write_annotations(preds, pred)
    bench.main(["--pred", str(pred), "--dev2", str(dev2), "--errors", "dev2"])
    out = capsys.readouterr().out
    assert "== DEV2 (1 articles" in out
    errors = out[out.index("errors on the DEV2 articles") :].splitlines()[1:]
    assert [line.split("\t")[:2] for line in errors if "\t" in line] == [[dev2_id, "miss"]]
    assert "  dev2: F1 0.000" in out
    # the gold-dev figures do not move when dev2 is scored beside them
    bench.main(["--pred", str(pred), "--dev2", str(dev2)])
    with_dev2 = capsys.readouterr().out
    bench.main(["--pred", str(pred), "--no-dev2"])
    without = capsys.readouterr().out
    assert with_dev2.split("== DEV2")[0] == without.split("headline (all gold counted)\n")[0]
    assert with_dev2.count("\n  ") - 1 == without.count("\n  ")  # one more headline line


def test_dev2_refuses_a_gold_dev_article(bench, shared_dir, tmp_path):
    gold_id = "orangesum-868"
    text = bench.load_documents([gold_id], bench.CORPUS)[0].text
    dev2 = tmp_path / "dev2"
    dev2.mkdir()
    (dev2 / f"{gold_id}.json").write_text(json.dumps(_dev2_gold(gold_id, text)), encoding="utf-8")
    with pytest.raises(SystemExit, match="are gold-dev or dev2 articles; dev2 must"):
        bench.load_dev2(dev2)


def test_blind_set_is_scored_but_its_errors_are_never_shown(bench, shared_dir, tmp_path, capsys):
    gold = read_gold_folder(shared_dir / "gold-dev" / "annotations")
    dev2_id, blind_id = "orangesum-2", "orangesum-31"  # OrangeSum articles outside gold-dev
    ids = [d.id for d in gold] + [dev2_id, blind_id]
    texts = {d.id: d.text for d in bench.load_documents(ids, bench.CORPUS)}
    folders = {}
    for name, doc_id in (("dev2", dev2_id), ("blind", blind_id)):
        folders[name] = tmp_path / name
        folders[name].mkdir()
        (folders[name] / f"{doc_id}.json").write_text(
            json.dumps(_dev2_gold(doc_id, texts[doc_id])), encoding="utf-8"
        )
    preds = [_perturbed(doc, texts[doc.id]) for doc in gold]
    preds += [
        AnnotatedDocument(i, None, None, None, "fr", 10, 10, [], text=texts[i])
        for i in (dev2_id, blind_id)
    ]
    pred = tmp_path / "annotations.jsonl"
    write_annotations(preds, pred)
    figures_path = tmp_path / "f.json"
    common = ["--pred", str(pred), "--dev2", str(folders["dev2"]), "--blind", str(folders["blind"])]
    bench.main([*common, "--errors", "dev2", "--by-entry", "dev2", "--json", str(figures_path)])
    out = capsys.readouterr().out
    assert "== BLIND (1 articles" in out and "  blind: F1 0.000" in out
    assert blind_id not in out  # its one miss is counted, never listed
    assert dev2_id in out
    figures = json.loads(figures_path.read_text(encoding="utf-8"))
    assert figures["blind"]["errors"]["misses"] == 1
    assert "misses" not in figures["blind"] and "by_entry" not in figures["blind"]
    assert blind_id not in json.dumps(figures)
    with pytest.raises(SystemExit):  # there is no way to ask for them
        bench.main([*common, "--errors", "blind"])
    capsys.readouterr()
    # an article cannot be read in dev2 and blind in the blind set
    (folders["blind"] / f"{dev2_id}.json").write_text(
        json.dumps(_dev2_gold(dev2_id, texts[dev2_id])), encoding="utf-8"
    )
    with pytest.raises(SystemExit, match="the blind set must hold others"):
        bench.main(common)
