"""The training recipe's finalize step: what model.json records after a continuation.

``training/train_fr.py`` is a script, not part of the package; it is loaded from
its path. Training itself is never run here: the trainers' outputs (model files,
logs, times) are written by hand, small, into a temporary work folder.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

torch = pytest.importorskip("torch")

RECIPE_PATH = Path(__file__).resolve().parent.parent / "training" / "train_fr.py"


@pytest.fixture(scope="module")
def train_fr() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_fr_under_test", RECIPE_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _fake_checkpoint(path: Path, value: float) -> None:
    """A file shaped like a Stanza model: a dict with float32 weights under "model"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": {"w": torch.full((3,), value)}, "config": {}}, path)


@pytest.fixture()
def recipe(train_fr: ModuleType, tmp_path: Path):
    """A shipped model of an earlier version, and a run that continued pos and depparse."""
    ud = tmp_path / "ud"
    for name in (*train_fr.TRAIN_FILES, *train_fr.DEV_FILES, *train_fr.HELD_OUT_FILES):
        (ud / name).parent.mkdir(parents=True, exist_ok=True)
        (ud / name).write_text(f"# {name}\n", encoding="utf-8")
    out = tmp_path / "shipped"
    out.mkdir()
    for name in train_fr.MODEL_FILES.values():
        (out / name).write_bytes(b"old " + name.encode())
    # the earlier model recorded no time for the parser (as in 0.1.0's model.json)
    previous = {
        "version": "0.0.1",
        "scores": {"results": {}},
        "training": {
            "training_seconds": {"tokenize": 1.0, "mwt": 2.0, "lemma": 3.0, "pos": 100.0},
            "dev_scores": {"tokenize": 90.0, "pos": 92.02, "depparse": 79.83},
            "history": [
                {"version": "0.0.1", "retrained": ["pos"], "added_seconds": {}, "note": "first"}
            ],
        },
    }
    (out / "model.json").write_text(json.dumps(previous), encoding="utf-8")
    run = train_fr.Recipe(ud, tmp_path / "work", out, None, 1, False)
    _fake_checkpoint(run.model_path("pos"), 0.1)
    _fake_checkpoint(run.model_path("depparse"), 0.2)
    (run.work / "times.json").write_text(json.dumps({"pos": 10.0, "depparse": 50.0}))
    (run.logs / "depparse.log").write_text("dev_score = 0.8064\ndev_score = 0.8103\n")
    (run.logs / "pos.log").write_text("dev_score = 0.9203\n")
    return run


def _model_json(recipe) -> dict:
    return json.loads((recipe.out / "model.json").read_text(encoding="utf-8"))


def test_continued_stages_are_shipped_in_half_precision_and_others_kept(recipe, train_fr):
    recipe.finalize(None)
    meta = _model_json(recipe)
    for stage in ("pos", "depparse"):
        weights = torch.load(recipe.out / train_fr.MODEL_FILES[stage], weights_only=False)
        assert weights["model"]["w"].dtype == torch.float16
    assert (recipe.out / "mwt.pt").read_bytes() == b"old mwt.pt"
    history = meta["training"]["history"]
    assert history[-1]["version"] == train_fr.MODEL_VERSION
    assert history[-1]["retrained"] == ["pos", "depparse"]
    assert history[-1]["added_seconds"] == {"pos": 10.0, "depparse": 50.0}
    # best dev score read from the new logs, the other stages' kept from before
    assert meta["training"]["dev_scores"] == {"tokenize": 90.0, "pos": 92.03, "depparse": 81.03}
    assert meta["files"]["depparse.pt"]["bytes"] == (recipe.out / "depparse.pt").stat().st_size


def test_continuation_time_adds_only_to_recorded_totals(recipe):
    recipe.finalize(None)
    seconds = _model_json(recipe)["training"]["training_seconds"]
    # pos: shipped 100 s + 10 s continued; depparse's own time was never recorded,
    # so a total of 50 s would understate it: no total at all
    assert seconds == {"tokenize": 1.0, "mwt": 2.0, "lemma": 3.0, "pos": 110.0}


def test_finalize_run_again_replaces_its_history_entry(recipe, train_fr):
    recipe.finalize(None)
    recipe.finalize(None)
    meta = _model_json(recipe)
    assert meta["training"]["training_seconds"]["pos"] == 110.0
    assert "depparse" not in meta["training"]["training_seconds"]
    versions = [step["version"] for step in meta["training"]["history"]]
    assert versions == ["0.0.1", train_fr.MODEL_VERSION]


def _conllu_document(words: list[str]):
    from stanza.utils.conll import CoNLL

    lines = [
        f"{i}\t{w}\t{w}\tNOUN\t_\tNumber=Sing\t{0 if i == 1 else 1}\t{'root' if i == 1 else 'nmod'}\t_\t_"
        for i, w in enumerate(words, 1)
    ]
    return CoNLL.conll2doc(input_str="\n".join(lines) + "\n\n")


def test_a_continued_tagger_and_parser_index_new_data_with_the_models_vocabulary(
    train_fr, tmp_path
):
    """Data with words the model never saw (the invented sentences) must not grow
    the vocabulary, or the model's embeddings and the data's indices disagree."""
    import stanza.models.depparse.data as depparse_data
    import stanza.models.pos.data as pos_data

    args = {"shorthand": "fr_test", "word_cutoff": 0, "pretrain": False, "augment_nopunct": 0.0}
    old_data = _conllu_document(["paix", "guerre"] * 2)
    new_data = _conllu_document(["paix", "occuperaient", "insurgés"])
    builders = {
        "tagger": lambda doc: pos_data.Dataset.init_vocab([doc], args),
        "parser": lambda doc: depparse_data.Dataset(doc, args, None).vocab,
    }
    saved = (pos_data.Dataset.__dict__["init_vocab"], depparse_data.Dataset.init_vocab)
    for name, build in builders.items():
        model_vocab = build(old_data)
        assert build(new_data).state_dict() != model_vocab.state_dict()
        model_file = tmp_path / f"{name}.pt"
        torch.save({"vocab": model_vocab.state_dict()}, model_file)
        try:
            exec(train_fr._model_vocab_patch(model_file), {"torch": torch})
            continued = build(new_data)
        finally:
            pos_data.Dataset.init_vocab = saved[0]
            depparse_data.Dataset.init_vocab = saved[1]
        assert continued.state_dict() == model_vocab.state_dict(), name
        assert continued["word"].unit2id("occuperaient") == continued["word"].unit2id("<UNK>")


def test_finalize_records_the_invented_sentences_it_trained_on(recipe, train_fr):
    recipe.finalize(None)
    assert _model_json(recipe)["training"]["invented_sentences"] is None
    block = (
        "# sent_id = augment-incise-0001\n# text = Oui.\n1\tOui\toui\tINTJ\t_\t_\t0\troot\t_\t_\n"
    )
    (recipe.data / "augment.conllu").write_text(block + "\n" + block.replace("0001", "0002"))
    recipe.finalize(None)
    record = _model_json(recipe)["training"]["invented_sentences"]
    assert record["recipe"] == "training/augment_fr.py" and record["seed"] == train_fr.SEED
    assert record["sentences"] == 2 and record["words"] == 2
    assert record["sha256"] == train_fr.sha256_of(recipe.data / "augment.conllu")
    assert record["processors"] == ["pos", "depparse"]  # the stages this run retrained
    # a later finalize without prepared data keeps what the model was trained on
    (recipe.data / "augment.conllu").unlink()
    recipe.finalize(None)
    assert _model_json(recipe)["training"]["invented_sentences"] == record


def test_fine_tune_runs_the_trainers_with_their_late_stage_optimizer(
    train_fr, recipe, tmp_path, monkeypatch
):
    """--fine-tune adds the optimizer options to a continued tagger's and parser's command."""
    commands: dict[str, list[str]] = {}

    def fake_run(cmd, **kwargs):
        commands[cmd[cmd.index("--save_name") + 1]] = cmd

    monkeypatch.setattr(train_fr.subprocess, "run", fake_run)
    tuned = train_fr.Recipe(
        recipe.ud_dir, recipe.work, recipe.out, None, 1, True, warm_start=recipe.out, fine_tune=True
    )
    for stage in ("pos", "depparse"):
        tuned.run_trainer(stage, "stanza.models.x", ["--save_name", train_fr.MODEL_FILES[stage]])
    plain = train_fr.Recipe(recipe.ud_dir, recipe.work, recipe.out, None, 1, True, recipe.out)
    plain.run_trainer("pos", "stanza.models.x", ["--save_name", "plain.pt"])
    assert commands["pos.pt"][-5:] == ["--optim", "amsgrad", "--lr", "0.001", "--no_second_optim"]
    assert commands["depparse.pt"][-5:] == [
        "--optim",
        "adam",
        "--lr",
        "0.0002",
        "--no_second_optim",
    ]
    assert "--optim" not in commands["plain.pt"]
    with pytest.raises(SystemExit, match="--warm-start"):
        train_fr.Recipe(recipe.ud_dir, recipe.work, recipe.out, None, 1, True, fine_tune=True)


def test_finalize_can_ship_the_parsers_last_checkpoint(recipe):
    """--parser-checkpoint: the last checkpoint's weights, without the optimizer, and
    that checkpoint's own dev score rather than the best in the log."""
    checkpoint = {
        "model": {"w": torch.full((3,), 0.7)},
        "config": {},
        "dev_score_history": [0.8064, 0.8103, 0.8098],
        "optimizer_state_dict": {"general": {"state": {}}},
        "scheduler_state_dict": {},
    }
    torch.save(checkpoint, recipe.models / "depparse_checkpoint.pt")
    recipe.finalize(None, parser_checkpoint=True)
    shipped = torch.load(recipe.out / "depparse.pt", map_location="cpu", weights_only=False)
    assert "optimizer_state_dict" not in shipped and "scheduler_state_dict" not in shipped
    assert shipped["model"]["w"].dtype == torch.float16
    assert torch.allclose(shipped["model"]["w"].float(), torch.full((3,), 0.7), atol=1e-3)
    assert _model_json(recipe)["training"]["dev_scores"]["depparse"] == 80.98
    recipe.finalize(None)  # the best model on dev again (0.2 in the fixture)
    shipped = torch.load(recipe.out / "depparse.pt", map_location="cpu", weights_only=False)
    assert torch.allclose(shipped["model"]["w"].float(), torch.full((3,), 0.2), atol=1e-3)
    assert _model_json(recipe)["training"]["dev_scores"]["depparse"] == 81.03
