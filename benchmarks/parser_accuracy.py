"""Held-out accuracy of the embedded French Stanza model next to spaCy.

Both systems parse the *raw text* of each held-out UD test file (GSD,
Sequoia, ParisStories; see shared/ud/SPLITS.md), so tokenization and sentence
splitting errors count, as they do for the project's real input.  Both
outputs are written as CoNLL-U and scored against the gold file with the
CoNLL 2018 UD shared-task evaluation that Stanza ships (``udtools.udeval``,
used by ``stanza.models.common.utils.ud_scores``).  All figures are F1.

The embedded model is loaded with a plain ``stanza.Pipeline`` call, not
through the ``framing`` package, so system ``stanza`` measures the model files
alone; ``stanza+repairs`` is the same pipeline with the feature repairs that
``framing.parsing.parser`` applies between tagging and parsing
(``framing.parsing.morphology``: the French conditional), i.e. what the annotator
actually reads.  spaCy's ``fr_core_news_sm`` does not split multi-word tokens
(``du`` -> ``de le``), which the word-level metrics count against it: that is
what a UD-style consumer of its output would see.

Usage::

    python benchmarks/parser_accuracy.py [--ud-dir ../shared/ud]
        [--model-dir framing/embedded/fr] [--systems stanza,spacy] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_FILES = {
    "gsd": "UD_French-GSD/fr_gsd-ud-test.conllu",
    "sequoia": "UD_French-Sequoia/fr_sequoia-ud-test.conllu",
    "parisstories": "UD_French-ParisStories/fr_parisstories-ud-test.conllu",
}
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")


def read_sentences(conllu: Path) -> Iterator[list[str]]:
    """Yield each sentence of a CoNLL-U file as its list of lines."""
    block: list[str] = []
    with conllu.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line:
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def sentence_text(lines: list[str]) -> str:
    """Rebuild a sentence's raw text from its tokens and ``SpaceAfter=No``.

    The token forms are what the scorer compares characters against, so this
    is always consistent with the gold file; it equals the ``# text`` line
    whenever that line is present and correct.
    """
    pieces: list[str] = []
    skip_until = 0
    for line in lines:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
        elif int(cols[0]) <= skip_until:
            continue
        pieces.append(cols[1])
        if "SpaceAfter=No" not in cols[9].split("|"):
            pieces.append(" ")
    return "".join(pieces).strip()


def raw_text(conllu: Path) -> str:
    """The raw text of a CoNLL-U file: sentences joined by spaces.

    New documents or paragraphs (``# newdoc`` / ``# newpar``) start a new
    paragraph (blank line); the held-out files used here have none, so each
    is one running text and sentence splitting is evaluated too.
    """
    paragraphs: list[list[str]] = [[]]
    for lines in read_sentences(conllu):
        if any(line.startswith(("# newdoc", "# newpar")) for line in lines) and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(sentence_text(lines))
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def load_stanza(model_dir: Path) -> Any:
    """Load the embedded model exactly as documented in its MODEL_CARD."""
    import stanza

    meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    procs = meta["processors"]
    kwargs: dict[str, str] = {
        "tokenize_model_path": str(model_dir / procs["tokenize"]),
        "mwt_model_path": str(model_dir / procs["mwt"]),
        "pos_model_path": str(model_dir / procs["pos"]),
        "lemma_model_path": str(model_dir / procs["lemma"]),
        "depparse_model_path": str(model_dir / procs["depparse"]),
    }
    if meta.get("pretrain"):
        kwargs["pos_pretrain_path"] = str(model_dir / meta["pretrain"])
        kwargs["depparse_pretrain_path"] = str(model_dir / meta["pretrain"])
    # Stanza 1.15 reads a resources.json from `dir` even with download_method=None
    # and no hub access; an empty one is enough when every model path is given.
    resources_dir = Path(tempfile.mkdtemp(prefix="stanza_res_"))
    (resources_dir / "resources.json").write_text("{}", encoding="utf-8")
    kwargs["dir"] = str(resources_dir)
    return stanza.Pipeline(
        lang="fr",
        processors="tokenize,mwt,pos,lemma,depparse",
        download_method=None,
        use_gpu=False,
        logging_level="WARN",
        **kwargs,
    )


def run_stanza(nlp: Any, text: str, out: Path, repairs: bool = False) -> None:
    """Parse ``text`` with Stanza and write CoNLL-U, with framing's feature repairs or not."""
    from stanza.utils.conll import CoNLL

    if repairs:
        from framing.parsing.parser import tag_and_parse

        doc = tag_and_parse(nlp, nlp.process(text, processors="tokenize,mwt"), "fr")
    else:
        doc = nlp(text)
    CoNLL.write_doc2conll(doc, str(out))


def run_spacy(nlp: Any, text: str, out: Path) -> None:
    """Parse ``text`` with spaCy and write CoNLL-U (one word per spaCy token).

    Whitespace tokens are dropped; a word whose spaCy head is a whitespace
    token is attached to that token's own head instead.
    """
    doc = nlp(text)
    with out.open("w", encoding="utf-8") as handle:
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            if not tokens:
                continue
            index = {t.i: n for n, t in enumerate(tokens, start=1)}
            handle.write(f"# text = {sent.text.strip()}\n")
            for n, tok in enumerate(tokens, start=1):
                head_tok = tok.head
                while head_tok.is_space and head_tok.head.i != head_tok.i:
                    head_tok = head_tok.head
                if head_tok.i == tok.i or head_tok.i not in index:
                    head, deprel = 0, "root"
                else:
                    head, deprel = index[head_tok.i], tok.dep_ or "dep"
                if head == 0:
                    deprel = "root"
                feats = str(tok.morph) or "_"
                misc = "_" if tok.whitespace_ else "SpaceAfter=No"
                cols = [
                    str(n),
                    tok.text,
                    tok.lemma_ or "_",
                    tok.pos_ or "X",
                    tok.tag_ or "_",
                    feats,
                    str(head),
                    deprel,
                    "_",
                    misc,
                ]
                handle.write("\t".join(cols) + "\n")
            handle.write("\n")


def fix_roots(path: Path) -> None:
    """Keep one root per sentence (the first), as the scorer requires.

    spaCy sentences can rarely hold two roots once whitespace tokens are
    dropped; extra roots are attached to the first one with ``dep`` (a
    counted error, never a silent improvement).
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    first_root: str | None = None
    for i, line in enumerate(lines):
        if not line:
            first_root = None
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0] or cols[6] != "0":
            continue
        if first_root is None:
            first_root = cols[0]
        else:
            cols[6], cols[7] = first_root, "dep"
            lines[i] = "\t".join(cols)
    path.write_text("\n".join(lines), encoding="utf-8")


def score(gold: Path, system: Path) -> dict[str, float]:
    """CoNLL 2018 F1 scores (in %) of ``system`` against ``gold``."""
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold), str(system))
    return {m: round(100 * evaluation[m].f1, 2) for m in METRICS}


def main() -> None:
    """Parse each held-out file with each system, score, print, save."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ud-dir", type=Path, default=REPO_ROOT.parent / "shared" / "ud")
    parser.add_argument("--model-dir", type=Path, default=REPO_ROOT / "framing" / "embedded" / "fr")
    parser.add_argument(
        "--systems",
        default="stanza,stanza+repairs,spacy",
        help="comma-separated: stanza, stanza+repairs, spacy",
    )
    parser.add_argument(
        "--files", default=",".join(TEST_FILES), help=f"subset of {','.join(TEST_FILES)}"
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="write the figures to this JSON file"
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep the system CoNLL-U files in this folder"
    )
    args = parser.parse_args()

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    loaded: dict[str, Any] = {}
    if "stanza" in systems or "stanza+repairs" in systems:
        loaded["stanza"] = loaded["stanza+repairs"] = load_stanza(args.model_dir)
    if "spacy" in systems:
        import spacy

        spacy_nlp = spacy.load("fr_core_news_sm")
        spacy_nlp.max_length = 5_000_000
        loaded["spacy"] = spacy_nlp
    names = {
        "stanza": "embedded (stanza)",
        "stanza+repairs": "embedded + framing repairs",
        "spacy": "spaCy fr_core_news_sm",
    }
    if "spacy" in loaded:
        names["spacy"] = f"spaCy fr_core_news_sm {loaded['spacy'].meta.get('version')}"

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for key in [f.strip() for f in args.files.split(",") if f.strip()]:
            gold = args.ud_dir / TEST_FILES[key]
            text = raw_text(gold)
            results[key] = {}
            for system in systems:
                out = out_dir / f"{key}.{system}.conllu"
                start = time.perf_counter()
                if system.startswith("stanza"):
                    run_stanza(loaded[system], text, out, repairs=system == "stanza+repairs")
                else:
                    run_spacy(loaded[system], text, out)
                seconds = time.perf_counter() - start
                fix_roots(out)
                figures: dict[str, Any] = score(gold, out)
                figures["seconds"] = round(seconds, 1)
                results[key][system] = figures
                print(
                    f"{key:13s} {names[system]:32s} "
                    + " ".join(f"{m}={figures[m]:.2f}" for m in METRICS)
                    + f" ({seconds:.0f}s)",
                    flush=True,
                )

    header = f"| file | system | {' | '.join(METRICS)} |"
    print("\n" + header)
    print("|" + "---|" * (len(METRICS) + 2))
    for key, per_system in results.items():
        for system, figures in per_system.items():
            print(
                f"| {key} | {names[system]} | "
                + " | ".join(f"{figures[m]:.2f}" for m in METRICS)
                + " |"
            )
    if args.json:
        payload = {
            "metric": "CoNLL 2018 UD eval F1 (%), raw text input",
            "systems": {s: names[s] for s in systems},
            "results": results,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
