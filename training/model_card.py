"""Render ``MODEL_CARD.md`` from ``model.json``.

The card is generated rather than hand-written so that the figures it shows
(sizes, hyper-parameters, held-out scores) are always the ones recorded in
``model.json`` for the files actually shipped.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")
FILE_NAMES = {
    "gsd": "fr_gsd-ud-test",
    "sequoia": "fr_sequoia-ud-test",
    "parisstories": "fr_parisstories-ud-test",
}


def scores_table(scores: dict[str, Any]) -> str:
    """Markdown table of the benchmark figures, or a note if there are none."""
    results = scores.get("results") if scores else None
    if not results:
        return "_Not measured yet: run `benchmarks/parser_accuracy.py --json` and `train_fr.py --stages finalize --scores`._\n"
    names = scores.get("systems", {})
    lines = [
        f"| held-out file | system | {' | '.join(METRICS)} |",
        "|" + "---|" * (len(METRICS) + 2),
    ]
    for key, per_system in results.items():
        for system, figures in per_system.items():
            cells = " | ".join(f"{figures[m]:.2f}" for m in METRICS)
            lines.append(f"| {FILE_NAMES.get(key, key)} | {names.get(system, system)} | {cells} |")
    return "\n".join(lines) + "\n"


def hparams_table(hparams: dict[str, dict[str, Any]]) -> str:
    """One line per processor with its non-default hyper-parameters."""
    lines = ["| processor | hyper-parameters (others: Stanza 1.15 defaults) |", "|---|---|"]
    for proc, values in hparams.items():
        lines.append(f"| {proc} | " + ", ".join(f"`{k}={v}`" for k, v in values.items()) + " |")
    return "\n".join(lines) + "\n"


def render(meta: dict[str, Any]) -> str:
    """The full model card text."""
    training = meta["training"]
    files = meta["files"]
    total = sum(f["bytes"] for f in files.values())
    sizes = "\n".join(
        f"| `{name}` | {info['bytes'] / 1e6:.1f} MB | `{info['sha256'][:16]}…` |"
        for name, info in files.items()
    )
    pretrain = training.get("pretrain_vectors")
    if pretrain:
        vectors = (
            f"Tagger and parser use frozen pretrained word vectors (`pretrain.pt`): {pretrain['source']}, "
            f"licence {pretrain['source_licence']}; {pretrain['vocab_size']:,} lowercased words "
            f"(the {pretrain['frequent_words']:,} most frequent spaCy keys plus the training-split words "
            f"spaCy knows), reduced to {pretrain['dim']} dimensions by PCA (`training/build_pretrain.py`)."
        )
    else:
        vectors = "No pretrained word vectors are used (`--no_pretrain`)."
    seconds = training.get("training_seconds", {})
    minutes = ", ".join(f"{k} {v / 60:.0f} min" for k, v in seconds.items()) or "not recorded"
    dev = training.get("dev_scores", {})
    dev_line = ", ".join(f"{k} {v}" for k, v in dev.items())
    if dev_line:
        minutes += f".  Best dev scores (gold input for each processor): {dev_line}"
    note = training.get("note")
    if note:
        minutes += f".  {note}"
    for step in training.get("history") or []:
        minutes += f"  {step['note']}"
    minutes = minutes.rstrip(".")  # the card adds the full stop
    invented = training.get("invented_sentences")
    invented_line = (
        f"\n* **invented sentences** (`training/augment_fr.py`, seed {invented['seed']}, "
        f"seen by: {', '.join(invented.get('processors') or []) or 'all'}): "
        f"{invented['sentences']:,} sentences, {invented['words']:,} words, written for this project "
        "in the treebanks' conventions, for news constructions the treebanks barely hold "
        '(inserted speech verbs with their subject after them, "qualifier X de Y", hedge '
        "adjectives before the noun, impersonal passives with an agent, conditional main verbs); "
        "none repeats a lexicon or rule example."
        if invented
        else ""
    )
    load_kwargs = "\n".join(
        f'    {proc}_model_path=f"{{d}}/{name}",' for proc, name in meta["processors"].items()
    )
    if meta.get("pretrain"):
        load_kwargs += '\n    pos_pretrain_path=f"{d}/pretrain.pt",\n    depparse_pretrain_path=f"{d}/pretrain.pt",'
    return f"""# {meta["name"]} {meta["version"]}: compact French Stanza pipeline

A small French pipeline (tokenize, mwt, pos, lemma, depparse) for the
`framing` annotator, trained from scratch on CPU with Stanza {meta["stanza_version"]}'s own
trainers by `training/train_fr.py` (see `training/README.md`).  It exists so
that the project can parse French offline with a model whose data and recipe
are known.

## Loading

```python
import stanza
d = "framing/embedded/fr"
nlp = stanza.Pipeline(
    lang="fr", processors="tokenize,mwt,pos,lemma,depparse",
    download_method=None, use_gpu=False,
{load_kwargs}
    dir=resources_dir,  # see below
)
```

Stanza 1.15 reads `resources.json` from its resources folder (`dir`, default
`~/stanza_resources` or `$STANZA_RESOURCES_DIR`) even with `download_method=None`;
without one it raises `ResourcesFileNotFoundError`.  Since every model path is
given, an empty file is enough: write `{{}}` to `resources_dir/resources.json`
(a temporary folder is fine).  Stanza then logs a harmless
`Unsupported language: fr` warning.  `pos.pt` and `depparse.pt` store their
weights as float16 to halve their size; Stanza casts them back to float32 on load.

## Data

Universal Dependencies French treebanks, with the splits of `shared/ud/SPLITS.md`:

* **train**: UD_French-Sequoia train + UD_French-GSD dev (GSD train is not available) + UD_French-ParisStories train (about 108,000 words);
* **dev** (model selection and early stopping only): Sequoia dev + ParisStories dev (about 20,000 words);
* **held out** (never used for training or tuning, only for the scores below): GSD test, Sequoia test, ParisStories test.{invented_line}

The sha256 of every input file is in `model.json` (`training.train_files`, `dev_files`, `held_out_files`).
The tokenizer's copy of the training data gets Stanza's standard punctuation augmentation
(some quotes/apostrophes replaced by typographic variants, seed {training["seed"]}).

## Licence

The model is derived from its training data and is distributed under the terms of those treebanks:
**CC BY-SA 4.0** (UD_French-GSD, UD_French-ParisStories) and **LGPL-LR** (UD_French-Sequoia).
{"The word vectors come from spaCy `fr_core_news_md` (Explosion fastText vectors, CC0)." if pretrain else ""}

## Intended use

Sentence splitting, tokenization (with French contractions expanded: du → de le, aux → à les),
UPOS, morphological features, lemmas and basic UD dependencies for French news text, as input to
the rule-based framing annotator.  Not intended for other languages, for enhanced dependencies,
or where near state-of-the-art parsing accuracy is required.

## Limitations

* Trained on about 108k words without contextual embeddings or a character language model, on CPU
  in about two hours: accuracy is well below Stanza's official French models.
* The parser is trained on gold tags and sees predicted tags at run time.
* No XPOS (the treebanks have none).  Spoken-style text (ParisStories) and long news sentences are the
  hardest cases; headlines, lists and all-caps text are under-represented.
* {vectors}

## Hyper-parameters

Seed {training["seed"]} for every processor.  Training time: {minutes}.

{hparams_table(training["hyperparameters"])}
## Files

| file | size | sha256 |
|---|---|---|
{sizes}

Total: {total / 1e6:.1f} MB.

## Held-out scores (raw text in)

Each held-out test file is turned back into raw text (token forms + `SpaceAfter=No`), parsed by each
system, and scored with the CoNLL 2018 UD shared-task evaluation shipped with Stanza
(`udtools.udeval` via `stanza.models.common.utils.ud_scores`).  All figures are F1 (%), so
tokenization and sentence-splitting errors are counted.  spaCy `fr_core_news_sm` does not split
contractions (du, au, des...) into syntactic words, which lowers its Words score and every
word-level score after it; it is measured exactly the same way.  (Stanza 1.15 no longer has
`stanza.utils.conll18_ud_eval`; `udtools.udeval` is the same CoNLL 2018 script, as updated for IWPT 2020.)  Reproduce with
`python benchmarks/parser_accuracy.py`.  Rows "embedded + framing repairs", where present, are the same
model with the feature repairs `framing` applies between tagging and parsing (`framing/parsing/morphology.py`:
the conditional mood restored from the verb's spelling), which is what the annotator reads.

{scores_table(meta.get("scores", {}))}"""


def main() -> None:
    """CLI: write MODEL_CARD.md next to model.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir", type=Path)
    args = parser.parse_args()
    meta = json.loads((args.model_dir / "model.json").read_text(encoding="utf-8"))
    (args.model_dir / "MODEL_CARD.md").write_text(render(meta), encoding="utf-8")


if __name__ == "__main__":
    main()
