"""Reproducible training recipe for the embedded French Stanza pipeline.

The project ships its own small French model instead of downloading Stanza's
official one at run time (the model hub is not reachable where the project
runs, and we want to know exactly what data the model saw).  This script is
the single source of truth for how ``framing/embedded/fr/`` is produced:

1. ``prepare``: builds the training and development files from the UD
   treebanks, using exactly the splits of ``shared/ud/SPLITS.md``.  The
   held-out test files are never read here (only hashed), so they stay a fair
   benchmark.
2. ``tokenize``, ``mwt``, ``pos``, ``lemma``, ``depparse``: train each
   processor with Stanza's own trainers (``python -m stanza.models.*``) with
   fixed seeds and the hyper-parameters recorded in :data:`HPARAMS`.
3. ``finalize``: copies the best model of each processor into the output
   folder and writes ``model.json`` (hyper-parameters, seeds, input hashes,
   versions, timings, and the hash and size of every shipped file).

Every stage can be resumed: a stage whose model file already exists is
skipped (``--force`` retrains it), and the dependency parser, the slowest
stage, also resumes from its own checkpoint.  Stages may be run in separate
processes at the same time (for instance the parser in one and everything
else in another) because each writes only its own files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import augment_fr
from model_card import render as render_model_card

REPO_ROOT = Path(__file__).resolve().parent.parent
SHORTHAND = "fr_framing"
STAGES = ("prepare", "tokenize", "mwt", "lemma", "pos", "depparse", "finalize")
MODEL_NAME = "framing-fr-ud"
MODEL_VERSION = "0.6.0"

# Splits from shared/ud/SPLITS.md.  GSD has no train file here, so its dev
# file is training data; model selection uses Sequoia and ParisStories dev.
TRAIN_FILES = (
    "UD_French-Sequoia/fr_sequoia-ud-train.conllu",
    "UD_French-GSD/fr_gsd-ud-dev.conllu",
    "UD_French-ParisStories/fr_parisstories-ud-train.conllu",
)
DEV_FILES = (
    "UD_French-Sequoia/fr_sequoia-ud-dev.conllu",
    "UD_French-ParisStories/fr_parisstories-ud-dev.conllu",
)
HELD_OUT_FILES = (
    "UD_French-GSD/fr_gsd-ud-test.conllu",
    "UD_French-Sequoia/fr_sequoia-ud-test.conllu",
    "UD_French-ParisStories/fr_parisstories-ud-test.conllu",
)

# Final file name of each processor in the output folder.
MODEL_FILES = {
    "tokenize": "tokenizer.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}

SEED = 1234

# Free-text remark recorded in model.json and the model card.
TRAINING_NOTE = (
    "pos and depparse were stopped at the 2-hour CPU budget (their max_steps below is the "
    "step reached); the model kept is the best on dev up to that step."
)

# Recorded in model.json's training history when finalize keeps some shipped files.
CONTINUATION_NOTE = (
    "0.6.0: the parser was fine-tuned from 0.5.0 (train_fr.py --warm-start --fine-tune: "
    "Adam, lr 0.0002, the optimizer Stanza's parser switches to late in training, which "
    "the CPU-budget runs never reached; 1 thread to step 500, then 2) on the treebanks plus "
    "augment_fr.py's invented sentences: the 1,630 of 0.5.0 up to step 600, then 1,830 with "
    "200 speech gerunds ('en affirmant que P'). Stopped after step 1300, the best on dev. Dev LAS (gold "
    "input) 82.74 -> 83.55. Held-out LAS (raw text) 0.5.0 -> 0.6.0: GSD 81.90 -> 82.64, "
    "Sequoia 84.54 -> 85.05, ParisStories 72.70 -> 73.16. The tagger, lemmatizer, MWT "
    "expander and tokenizer are 0.4.1's: a tagger fine-tuned the same way (AMSGrad, lr "
    "0.001) stayed below it on dev (AllTags 92.25 at best against 92.39) and was not kept."
)

# Processors whose weights are shipped as float16 (see store_half_precision).
HALF_PRECISION = ("pos", "depparse")

# Hyper-parameters per processor, passed verbatim to Stanza's trainers.  They
# are smaller than Stanza's defaults because the recipe must run on a 2-core
# CPU in about two hours and the shipped files must stay small; the values
# not listed are Stanza 1.15 defaults.
HPARAMS: dict[str, dict[str, Any]] = {
    "tokenize": {
        # Stanza default architecture (it is already small); fewer steps.
        "steps": 3000,
        "eval_steps": 300,
        "max_steps_before_stop": 1500,
        "batch_size": 32,
    },
    "mwt": {
        # French MWTs are a closed class (du, des, au, aux, duquel...): the
        # dictionary does most of the work, the seq2seq covers case variants.
        "num_epoch": 15,
        "hidden_dim": 100,
    },
    "pos": {
        # No XPOS in these treebanks, so UPOS + UFeats only.  A small char
        # model is kept because it is what tags unseen words well.
        "hidden_dim": 200,
        "char_hidden_dim": 200,
        "word_emb_dim": 75,
        "max_steps": 1000,
        "eval_interval": 100,
        "batch_size": 100,  # sentences per batch (Stanza default 250 is GPU-sized)
        "max_steps_before_stop": 500,
    },
    "lemma": {
        # Dictionary + seq2seq ensemble (Stanza default), fewer epochs.
        "num_epoch": 8,
        "decay_epoch": 4,
        "hidden_dim": 100,
        "batch_size": 100,
    },
    "depparse": {
        # Biaffine graph parser, smaller than Stanza's default (400, 3).
        "hidden_dim": 200,
        "num_layers": 2,
        "char_hidden_dim": 100,
        "deep_biaff_hidden_dim": 200,
        "word_emb_dim": 75,
        "batch_size": 3000,
        "max_steps": 1800,
        "eval_interval": 100,
        "checkpoint_interval": 50,
        "max_steps_before_stop": 1000,
    },
}


# Stages that --warm-start can continue from a shipped model.
WARM_STARTABLE = ("pos", "depparse")

# --fine-tune: a continued tagger or parser starts where Stanza's own schedule
# would end, with the second-stage optimizer at a small learning rate and no
# later switch. The shipped models were stopped early on a CPU budget, before
# their trainers ever reached that stage (the parser switches after 10,000
# steps or a 1,000-step plateau; the tagger after a 500-step plateau).
FINE_TUNE: dict[str, list[str]] = {
    "pos": ["--optim", "amsgrad", "--lr", "0.001", "--no_second_optim"],
    "depparse": ["--optim", "adam", "--lr", "0.0002", "--no_second_optim"],
}


def _model_vocab_patch(model_file: Path) -> str:
    """Python that makes the tagger's and parser's data use ``model_file``'s vocabulary.

    Both trainers build their vocabulary from the training data. A continued
    model must keep its own, or the indices of the data and of the model's
    embeddings disagree as soon as the data holds words the model never saw
    (the invented sentences of ``augment_fr.py`` do). Words outside the model's
    vocabulary are then unknown to its trainable word embedding and still reach
    it through their characters and pretrained vectors.
    """
    return (
        "import stanza.models.pos.data as _pd, stanza.models.depparse.data as _dd\n"
        "from stanza.models.pos.vocab import MultiVocab as _MV\n"
        f"_vocab = torch.load({str(model_file)!r}, map_location='cpu', weights_only=False)['vocab']\n"
        "_pd.Dataset.init_vocab = staticmethod(lambda *a, **k: _MV.load_state_dict(_vocab))\n"
        "_dd.Dataset.init_vocab = lambda self, data: _MV.load_state_dict(_vocab)\n"
    )


def _warm_start_patch(model_file: Path) -> str:
    """Python run before the tagger trainer so that training starts from an existing model.

    Stanza's tagger has no "continue from" option: its ``train()`` builds a
    fresh ``Trainer``. The patch makes that first construction load
    ``model_file`` instead (weights stored as float16 are read back into the
    float32 model). The training data is indexed with the model's own
    vocabulary (:func:`_model_vocab_patch`), so the vocabulary the trainer
    built from the data is the model's by construction and is dropped.
    """
    return (
        "import stanza.models.tagger as _t; _Orig = _t.Trainer; _done = []\n"
        f"{_model_vocab_patch(model_file)}"
        "def _Warm(*a, **k):\n"
        "    if _done or k.get('model_file') is not None: return _Orig(*a, **k)\n"
        "    _done.append(1); k.pop('vocab')\n"
        f"    return _Orig(model_file={str(model_file)!r}, **k)\n"
        "_t.Trainer = _Warm\n"
    )


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file, so model.json pins exact inputs/outputs."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def store_half_precision(src: Path, dst: Path) -> None:
    """Copy a Stanza model file with its float32 weights stored as float16.

    Halves the two largest files so the shipped model stays under 60 MB.
    Stanza loads the weights with ``load_state_dict``, which casts them back
    to the float32 parameters, so inference still runs in float32; the
    rounding changes held-out scores by a few hundredths at most.
    """
    import torch

    checkpoint = torch.load(src, map_location="cpu", weights_only=False)
    checkpoint["model"] = {
        key: value.half() if value.dtype == torch.float32 else value
        for key, value in checkpoint["model"].items()
    }
    torch.save(checkpoint, dst)


def concat_conllu(sources: list[Path], target: Path) -> None:
    """Concatenate CoNLL-U files, making sure each ends with a blank line."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        for source in sources:
            text = source.read_text(encoding="utf-8").rstrip("\n")
            out.write(text + "\n\n")


def entry_module(module: str) -> str:
    """Python that runs ``module`` as ``__main__`` with the script's arguments."""
    return (
        f"import runpy; sys.argv=['{module}']+sys.argv[1:]; "
        f"runpy.run_module('{module}', run_name='__main__')"
    )


class Recipe:
    """Paths and stage runners of one training run."""

    def __init__(
        self,
        ud_dir: Path,
        work_dir: Path,
        out_dir: Path,
        pretrain: Path | None,
        threads: int,
        force: bool,
        warm_start: Path | None = None,
        augment: bool = False,
        fine_tune: bool = False,
    ) -> None:
        if fine_tune and warm_start is None:
            raise SystemExit("--fine-tune continues a model: give --warm-start too")
        self.warm_start = warm_start
        self.fine_tune = fine_tune
        self.augment = augment
        self.ud_dir = ud_dir
        self.work = work_dir
        self.out = out_dir
        self.pretrain = pretrain
        self.threads = threads
        self.force = force
        self.data = work_dir / "data"
        self.models = work_dir / "models"
        self.logs = work_dir / "logs"
        for folder in (self.data, self.models, self.logs):
            folder.mkdir(parents=True, exist_ok=True)

    # ----------------------------------------------------------------- data
    def path(self, name: str) -> Path:
        """Path of a prepared data file in the work folder."""
        return self.data / name

    def prepare(self) -> None:
        """Build train/dev files and the tokenizer's character labels.

        The tokenizer's training copy gets Stanza's punctuation augmentation
        (some quotes and apostrophes swapped for their typographic variants,
        which French news uses a lot); the other processors get the gold
        sentences unchanged.
        """
        from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data
        from stanza.utils.datasets.common import (
            read_sentences_from_conllu,
            write_sentences_to_conllu,
        )
        from stanza.utils.datasets.contract_mwt import contract_mwt
        from stanza.utils.datasets.prepare_tokenizer_treebank import augment_punct

        train_ud = self.path("train_ud.conllu")
        train = self.path("train.conllu")
        dev = self.path("dev.conllu")
        concat_conllu([self.ud_dir / f for f in TRAIN_FILES], train_ud)
        concat_conllu([self.ud_dir / f for f in DEV_FILES], dev)
        # With --augment the word-level processors also learn the invented
        # sentences of augment_fr.py; the tokenizer learns from the treebanks'
        # raw text only. Without it no stale file stays for finalize to record.
        augment = self.path("augment.conllu")
        augment.unlink(missing_ok=True)
        parts = [train_ud]
        if self.augment:
            count = augment_fr.write(
                augment, [self.ud_dir / f for f in TRAIN_FILES], REPO_ROOT / "lexicons", SEED
            )
            print(f"[prepare] {count} invented sentences in {augment}")
            parts.append(augment)
        concat_conllu(parts, train)

        random.seed(SEED)  # augment_punct samples with the global RNG
        sents = augment_punct(read_sentences_from_conllu(str(train_ud)))
        write_sentences_to_conllu(str(self.path("tok_train.conllu")), sents)
        shutil.copyfile(dev, self.path("tok_dev.conllu"))
        for split in ("train", "dev"):
            conllu = self.path(f"tok_{split}.conllu")
            txt = self.path(f"tok_{split}.txt")
            conllu_to_text.main([str(conllu), str(txt)])
            prepare_tokenizer_data.main(
                [
                    str(txt),
                    str(conllu),
                    "-o",
                    str(self.path(f"tok_{split}.toklabels")),
                    "-m",
                    str(self.path(f"tok_{split}-mwt.json")),
                ]
            )
        # MWT dev input: the gold file with its MWTs contracted to one token.
        contract_mwt(str(dev), str(self.path("mwt_dev.in.conllu")))

    # --------------------------------------------------------------- stages
    def model_path(self, stage: str) -> Path:
        """Where the trainer of ``stage`` saves its best model."""
        return self.models / MODEL_FILES[stage]

    def run_trainer(self, stage: str, module: str, args: list[str]) -> None:
        """Run one Stanza trainer in a subprocess with a bounded thread count.

        A subprocess keeps each trainer's global state (seeds, logging) apart
        and lets the caller limit threads through OMP_NUM_THREADS, which the
        shared 2-core machine needs.
        """
        if self.model_path(stage).exists() and not self.force and stage != "depparse":
            print(f"[{stage}] {self.model_path(stage)} exists, skipping (use --force to retrain)")
            return
        env = dict(
            os.environ,
            OMP_NUM_THREADS=str(self.threads),
            MKL_NUM_THREADS=str(self.threads),
            PYTHONHASHSEED=str(SEED),
        )
        start_from = self.warm_start / MODEL_FILES[stage] if self.warm_start else None
        if start_from and stage not in WARM_STARTABLE:
            raise SystemExit(
                f"--warm-start supports the {', '.join(WARM_STARTABLE)} stages, not {stage}"
            )
        if start_from and stage == "depparse":
            entry = f"{_model_vocab_patch(start_from)}{entry_module(module)}"
        elif start_from and stage == "pos":
            # The trainer's own module is patched, then its main() called: runpy
            # would run a fresh copy of the module and miss the patch.
            entry = f"{_warm_start_patch(start_from)}_t.main(sys.argv[1:])"
        else:
            entry = entry_module(module)
        cmd = [
            sys.executable,
            "-c",
            f"import torch,sys; torch.set_num_threads({self.threads})\n{entry}",
            *args,
            "--seed",
            str(SEED),
            "--shorthand",
            SHORTHAND,
            "--mode",
            "train",
        ]
        for key, value in HPARAMS[stage].items():
            cmd += [f"--{key}", str(value)]
        if start_from and stage == "depparse":
            # Stanza's parser has its own option; its saved resumable checkpoint,
            # when there is one, still takes precedence (an interrupted continuation
            # resumes instead of starting over from the shipped weights).
            cmd += ["--continue_from", str(start_from)]
        if start_from and self.fine_tune:
            cmd += FINE_TUNE[stage]
        log = self.logs / f"{stage}.log"
        if start_from:
            print(f"[{stage}] continuing from {start_from}")
        print(f"[{stage}] training, log in {log}")
        start = time.time()
        try:
            with log.open("a", encoding="utf-8") as handle:
                handle.write(
                    f"\n=== {dt.datetime.now(dt.timezone.utc).isoformat()} {' '.join(cmd)}\n"
                )
                handle.flush()
                subprocess.run(cmd, check=True, stdout=handle, stderr=subprocess.STDOUT, env=env)
        finally:
            # also when stopped at a time budget: the best model so far is kept
            self.record_time(stage, time.time() - start)

    def best_dev_scores(self) -> dict[str, float]:
        """Best dev score of each stage, read from the trainers' logs.

        Scores are what each trainer selects on: tokenizer (token/sentence
        F1 mix), MWT and lemma accuracy-like F1, tagger AllTags F1, parser
        LAS; each processor is scored on gold input of the dev split.
        """
        patterns = {
            "tokenize": r"Dev score: ([0-9.]+)",
            "mwt": r"Ensemble dev F1 = ([0-9.]+)",
            "lemma": r"dev_score = ([0-9.]+)",
            "pos": r"dev_score = ([0-9.]+)",
            "depparse": r"dev_score = ([0-9.]+)",
        }
        best: dict[str, float] = {}
        for stage, pattern in patterns.items():
            log = self.logs / f"{stage}.log"
            if not log.exists():
                continue
            values = [float(v) for v in re.findall(pattern, log.read_text(encoding="utf-8"))]
            if values:
                top = max(values)
                best[stage] = round(top * 100 if top <= 1.0 else top, 2)
        return best

    def record_time(self, stage: str, seconds: float) -> None:
        """Accumulate wall-clock training time per stage (resumed runs add up)."""
        times_file = self.work / "times.json"
        times = json.loads(times_file.read_text()) if times_file.exists() else {}
        times[stage] = round(times.get(stage, 0.0) + seconds, 1)
        times_file.write_text(json.dumps(times, indent=2))

    def pretrain_args(self) -> list[str]:
        """Word-vector arguments shared by the tagger and the parser."""
        if self.pretrain is None:
            return ["--no_pretrain"]
        return ["--wordvec_pretrain_file", str(self.pretrain)]

    def tokenize(self) -> None:
        """Character-level tokenizer + sentence splitter with MWT detection."""
        from stanza.utils.avg_sent_len import avg_sent_len

        labels = self.path("tok_train.toklabels")
        # Stanza's recipe: windows of ~3 average sentences, rounded to 100.
        seqlen = -(-avg_sent_len(str(labels)) * 3 // 100) * 100
        self.run_trainer(
            "tokenize",
            "stanza.models.tokenizer",
            [
                "--label_file",
                str(labels),
                "--txt_file",
                str(self.path("tok_train.txt")),
                "--dev_txt_file",
                str(self.path("tok_dev.txt")),
                "--dev_label_file",
                str(self.path("tok_dev.toklabels")),
                "--dev_conll_gold",
                str(self.path("tok_dev.conllu")),
                "--mwt_json_file",
                str(self.path("tok_dev-mwt.json")),
                "--lang",
                "fr",
                "--max_seqlen",
                str(int(seqlen)),
                "--save_dir",
                str(self.models),
                "--save_name",
                MODEL_FILES["tokenize"],
            ],
        )

    def mwt(self) -> None:
        """Multi-word token expander (du -> de le, aux -> à les, ...)."""
        self.run_trainer(
            "mwt",
            "stanza.models.mwt_expander",
            [
                "--train_file",
                str(self.path("train.conllu")),
                "--eval_file",
                str(self.path("mwt_dev.in.conllu")),
                "--gold_file",
                str(self.path("dev.conllu")),
                "--output_file",
                str(self.work / "mwt_dev.pred.conllu"),
                "--lang",
                "fr",
                "--max_dec_len",
                "20",
                "--save_dir",
                str(self.models),
                "--save_name",
                MODEL_FILES["mwt"],
            ],
        )

    def pos(self) -> None:
        """UPOS + UFeats tagger."""
        self.run_trainer(
            "pos",
            "stanza.models.tagger",
            [
                "--train_file",
                str(self.path("train.conllu")),
                "--eval_file",
                str(self.path("dev.conllu")),
                "--output_file",
                str(self.work / "pos_dev.pred.conllu"),
                "--lang",
                "fr",
                *self.pretrain_args(),
                "--save_dir",
                str(self.models),
                "--save_name",
                MODEL_FILES["pos"],
            ],
        )

    def lemma(self) -> None:
        """Lemmatizer: training-data dictionary ensembled with a seq2seq model."""
        self.run_trainer(
            "lemma",
            "stanza.models.lemmatizer",
            [
                "--train_file",
                str(self.path("train.conllu")),
                "--eval_file",
                str(self.path("dev.conllu")),
                "--output_file",
                str(self.work / "lemma_dev.pred.conllu"),
                "--save_dir",
                str(self.models),
                "--save_name",
                MODEL_FILES["lemma"],
            ],
        )

    def depparse(self) -> None:
        """Biaffine dependency parser, trained on gold tags, resumable."""
        self.run_trainer(
            "depparse",
            "stanza.models.parser",
            [
                "--train_file",
                str(self.path("train.conllu")),
                "--eval_file",
                str(self.path("dev.conllu")),
                "--output_file",
                str(self.work / "depparse_dev.pred.conllu"),
                "--lang",
                "fr",
                *self.pretrain_args(),
                "--save_dir",
                str(self.models),
                "--save_name",
                MODEL_FILES["depparse"],
                "--checkpoint_save_name",
                str(self.models / "depparse_checkpoint.pt"),
            ],
        )

    # ------------------------------------------------------------- finalize
    def augmentation_record(
        self, previous_training: dict[str, Any], retrained: list[str]
    ) -> dict[str, Any] | None:
        """What model.json says about augment_fr.py's sentences in the training data.

        Read from the prepared file when there is one and some processor was
        trained here (``retrained``, recorded as the ones that saw them);
        otherwise the shipped model's record is kept (finalize can run without
        ``prepare``, or keep every processor).
        """
        augment = self.path("augment.conllu")
        if not augment.exists() or not retrained:
            return previous_training.get("invented_sentences")
        text = augment.read_text(encoding="utf-8")
        return {
            "recipe": "training/augment_fr.py",
            "seed": SEED,
            "sentences": text.count("# sent_id = "),
            "words": sum(1 for line in text.splitlines() if line[:1].isdigit() and "\t" in line),
            "sha256": sha256_of(augment),
            "processors": retrained,
        }

    def parser_checkpoint_model(self) -> tuple[Path, float]:
        """The parser's last checkpoint as a model file, and its dev LAS.

        The checkpoint holds the weights at the last evaluation plus the
        optimizer's state; the model file written next to it
        (``depparse_from_checkpoint.pt``) drops the optimizer, as Stanza's own
        best-model files do.
        """
        import torch

        checkpoint = torch.load(
            self.models / "depparse_checkpoint.pt", map_location="cpu", weights_only=False
        )
        for key in ("optimizer_state_dict", "scheduler_state_dict"):
            checkpoint.pop(key, None)
        target = self.models / "depparse_from_checkpoint.pt"
        torch.save(checkpoint, target)
        return target, round(100 * checkpoint["dev_score_history"][-1], 2)

    def finalize(self, scores_file: Path | None, parser_checkpoint: bool = False) -> None:
        """Copy the best models to the output folder and write model.json.

        With ``parser_checkpoint`` the parser shipped is its last checkpoint
        rather than its best model on dev (see :meth:`parser_checkpoint_model`).
        """
        import stanza
        import torch

        self.out.mkdir(parents=True, exist_ok=True)
        previous: dict[str, Any] = {}
        model_json = self.out / "model.json"
        if model_json.exists():
            previous = json.loads(model_json.read_text(encoding="utf-8"))
        previous_training = previous.get("training", {})
        kept: list[str] = []
        chosen_dev: dict[str, float] = {}
        for stage, name in MODEL_FILES.items():
            src = self.model_path(stage)
            if stage == "depparse" and parser_checkpoint:
                src, chosen_dev[stage] = self.parser_checkpoint_model()
            if not src.exists():
                # A stage not retrained here keeps the shipped file (e.g. only
                # the tagger was continued with --warm-start).
                if (self.out / name).exists() and previous:
                    kept.append(stage)
                    continue
                raise FileNotFoundError(f"{stage} model missing: {src}")
            if stage in HALF_PRECISION:
                store_half_precision(src, self.out / name)
            else:
                shutil.copyfile(src, self.out / name)
        shipped = list(MODEL_FILES.values())
        if self.pretrain is not None:
            if self.pretrain.resolve() != (self.out / "pretrain.pt").resolve():
                shutil.copyfile(self.pretrain, self.out / "pretrain.pt")
            shipped.append("pretrain.pt")

        scores = previous.get("scores", {})
        if scores_file is not None:
            scores = json.loads(scores_file.read_text(encoding="utf-8"))
        times_file = self.work / "times.json"
        times = dict(previous_training.get("training_seconds") or {})
        for step in previous_training.get("history") or []:
            if step.get("version") == MODEL_VERSION:  # finalize run again: undo its addition
                for stage, seconds in (step.get("added_seconds") or {}).items():
                    if stage in times:
                        times[stage] = round(times[stage] - seconds, 1)
        added: dict[str, float] = {}
        if times_file.exists():
            added = json.loads(times_file.read_text())
            for stage, seconds in added.items():
                if not kept:
                    times[stage] = seconds
                elif stage in times:
                    # a stage continued from the shipped weights adds to their time
                    times[stage] = round(times[stage] + seconds, 1)
                # else: the shipped weights' own time was never recorded, so a total
                # would mislead; the history entry keeps the continuation's time
        pretrain_info = previous_training.get("pretrain_vectors")
        info_file = self.work / "pretrain_info.json"
        if self.pretrain is not None and info_file.exists():
            pretrain_info = json.loads(info_file.read_text(encoding="utf-8"))
        dev_scores = {
            **(previous_training.get("dev_scores") or {}),
            **self.best_dev_scores(),
            **chosen_dev,
        }
        history = [
            step
            for step in previous_training.get("history") or []
            if step.get("version") != MODEL_VERSION  # finalize run again: replace, not repeat
        ]
        if kept:
            history.append(
                {
                    "version": MODEL_VERSION,
                    "retrained": [s for s in MODEL_FILES if s not in kept],
                    "added_seconds": added,
                    "note": CONTINUATION_NOTE,
                }
            )

        meta = {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "language": "fr",
            "stanza_version": stanza.__version__,
            "torch_version": torch.__version__,
            "processors": dict(MODEL_FILES),
            "pretrain": "pretrain.pt" if self.pretrain is not None else None,
            "files": {
                name: {
                    "sha256": sha256_of(self.out / name),
                    "bytes": (self.out / name).stat().st_size,
                }
                for name in shipped
            },
            "training": {
                "recipe": "training/train_fr.py",
                "shorthand": SHORTHAND,
                "seed": SEED,
                "hyperparameters": HPARAMS,
                "pretrain_vectors": pretrain_info,
                "train_files": {f: sha256_of(self.ud_dir / f) for f in TRAIN_FILES},
                "invented_sentences": self.augmentation_record(
                    previous_training, [s for s in MODEL_FILES if s not in kept]
                ),
                "dev_files": {f: sha256_of(self.ud_dir / f) for f in DEV_FILES},
                "held_out_files": {f: sha256_of(self.ud_dir / f) for f in HELD_OUT_FILES},
                "training_seconds": times,
                "dev_scores": dev_scores,
                "note": TRAINING_NOTE,
                "history": history,
                "device": "cpu",
                "weights_stored_as_float16": list(HALF_PRECISION),
                "finalized_utc": dt.datetime.now(dt.timezone.utc)
                .replace(microsecond=0)
                .isoformat(),
            },
            "licence": "CC BY-SA 4.0 (UD_French-GSD, UD_French-ParisStories) and LGPL-LR (UD_French-Sequoia)",
            "scores": scores,
        }
        model_json.write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (self.out / "MODEL_CARD.md").write_text(render_model_card(meta), encoding="utf-8")
        print(f"wrote {model_json} and MODEL_CARD.md")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; defaults rebuild the shipped model."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--ud-dir",
        type=Path,
        default=REPO_ROOT.parent / "shared" / "ud",
        help="folder holding the UD_French-* treebanks (default ../shared/ud)",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=REPO_ROOT / "training" / "work",
        help="prepared data, checkpoints and logs (git-ignored)",
    )
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "framing" / "embedded" / "fr")
    parser.add_argument(
        "--stages", default=",".join(STAGES), help=f"comma-separated subset of {','.join(STAGES)}"
    )
    parser.add_argument(
        "--pretrain",
        type=Path,
        default=None,
        help="Stanza pretrain .pt for the tagger and parser (see build_pretrain.py); "
        "omit to train without pretrained word vectors",
    )
    parser.add_argument(
        "--scores",
        type=Path,
        default=None,
        help="JSON of held-out scores (benchmarks/parser_accuracy.py --json) for model.json",
    )
    parser.add_argument("--threads", type=int, default=1, help="torch/OpenMP threads per trainer")
    parser.add_argument(
        "--force", action="store_true", help="retrain stages whose model already exists"
    )
    parser.add_argument(
        "--warm-start",
        type=Path,
        default=None,
        help="model folder to continue training from (e.g. framing/embedded/fr; pos and "
        "depparse stages): more steps for an under-trained tagger or parser without "
        "starting over",
    )
    parser.add_argument(
        "--augment",
        action="store_true",
        help="prepare: add augment_fr.py's invented sentences to the word-level training "
        "data (the shipped parser was continued with them; see training/README.md)",
    )
    parser.add_argument(
        "--fine-tune",
        action="store_true",
        help="with --warm-start: continue the tagger or parser with the small-step optimizer "
        "Stanza switches to late in training (pos: AMSGrad, lr 0.001; depparse: Adam, "
        "lr 0.0002), instead of the first-stage optimizer",
    )
    parser.add_argument(
        "--parser-checkpoint",
        action="store_true",
        help="finalize: ship the parser's last checkpoint (its weights at the last "
        "evaluation) instead of its best model on dev; model.json records that "
        "checkpoint's dev score",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the requested stages in recipe order."""
    args = parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise SystemExit(f"unknown stages: {sorted(unknown)}")
    recipe = Recipe(
        args.ud_dir.resolve(),
        args.work_dir.resolve(),
        args.out_dir.resolve(),
        args.pretrain.resolve() if args.pretrain else None,
        args.threads,
        args.force,
        args.warm_start.resolve() if args.warm_start else None,
        args.augment,
        args.fine_tune,
    )
    for stage in STAGES:
        if stage not in stages:
            continue
        if stage == "finalize":
            recipe.finalize(args.scores, args.parser_checkpoint)
        else:
            getattr(recipe, stage)()


if __name__ == "__main__":
    main()
