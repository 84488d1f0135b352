"""Annotation quality on the 24 hand-annotated gold-dev articles (issues #21 and #20).

Annotates the articles of ../shared/gold-dev (texts from
../shared/corpora/orangesum/sample.jsonl, matched by id) the way `framing
annotate` does (same annotator, parse engine and parse cache) and scores them
with `framing evaluate`'s gold-dev rule (framing/tools/golddev_rule.py: same
category, overlap >= half the shorter span, one to one; see docs/evaluation.md).

Figures are printed for three splits: the 18 tuning articles, the 6 held-out
articles and all 24. The held-out six were fixed before any tuning by a rule
that needs no judgement: sort the 24 ids by sha256("framing-heldout:" + id)
and take the first six. Their errors are never printed (not by --errors, not
by --by-entry, not in --json): only their figures, so they stay a fair check.

    python benchmarks/annotation_quality.py                 # figures
    python benchmarks/annotation_quality.py --errors        # + every tuning error in context
    python benchmarks/annotation_quality.py --by-entry      # + true/false matches per entry
    python benchmarks/annotation_quality.py --json before.json
    python benchmarks/annotation_quality.py --pred out/annotations.jsonl   # score, no annotating
    python benchmarks/annotation_quality.py --errors dev2   # every error of the dev2 articles

When benchmarks/dev2/annotations holds files (the project's own second set:
other OrangeSum articles annotated blind under the same conventions, see
benchmarks/dev2/README.md), they are annotated too and scored as a fourth
block, DEV2, apart from the gold-dev figures; their errors may be read.
When benchmarks/blind/annotations holds files (more articles annotated the
same way, see benchmarks/blind/README.md), they are scored as a fifth block,
BLIND, and treated like the held-out six: figures only, never an error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_DIR = SHARED / "gold-dev" / "annotations"
# The project's own second development set (benchmarks/dev2/README.md): other
# OrangeSum articles, annotated blind under the same conventions. Scored apart,
# never mixed into the gold-dev figures the issues track.
DEV2_DIR = REPO / "benchmarks" / "dev2" / "annotations"
# The project's blind set (benchmarks/blind/README.md): more OrangeSum articles
# annotated the same way, whose errors nobody reads. Like the held-out six, only
# their figures are printed; they check whether work on the readable sets
# carries over to unseen text.
BLIND_DIR = REPO / "benchmarks" / "blind" / "annotations"
CORPUS = SHARED / "corpora" / "orangesum" / "sample.jsonl"

HELDOUT_SALT = "framing-heldout:"
HELDOUT_SIZE = 6
# The first six of the 24 gold-dev ids sorted by sha256(HELDOUT_SALT + id).
HELDOUT: tuple[str, ...] = (
    "orangesum-25795",
    "orangesum-11602",
    "orangesum-36208",
    "orangesum-24201",
    "orangesum-36172",
    "orangesum-4031",
)
SPLITS = ("tuning", "heldout", "all")
# Splits whose errors may be read (--errors, --by-entry): never the held-out six.
READABLE = ("tuning", "dev2")


def heldout_rule(ids: Iterable[str], size: int = HELDOUT_SIZE) -> list[str]:
    """The held-out ids: the first ``size`` ids by sha256(salt + id), a draw nobody chose."""
    digest = lambda i: hashlib.sha256((HELDOUT_SALT + i).encode("utf-8")).hexdigest()  # noqa: E731
    return sorted(ids, key=lambda i: (digest(i), i))[:size]


def load_gold(gold_dir: Path) -> list[Any]:
    """The gold-dev documents; exits with a message when ../shared is not there."""
    if not gold_dir.is_dir():
        sys.exit(f"{gold_dir} not found: this benchmark needs ../shared/gold-dev beside the repo")
    from framing.io.golddev import read_gold_folder

    gold = read_gold_folder(gold_dir)
    ids = [doc.id for doc in gold]
    if sorted(heldout_rule(ids)) != sorted(HELDOUT):
        sys.exit(
            f"{gold_dir}: the gold articles changed (the held-out rule now draws "
            f"{', '.join(heldout_rule(ids))}); update HELDOUT on purpose, not silently"
        )
    return gold


def load_dev2(folder: Path, name: str = "dev2", others: Sequence[Any] = ()) -> list[Any]:
    """The project's own gold files in ``folder`` (none when it is empty or missing).

    Used for dev2 and for the blind set; each must hold articles of its own, so
    an article is never scored twice or read in one set and blind in another."""
    from framing.io.golddev import read_gold_folder

    if not folder.is_dir() or not any(folder.glob("*.json")):
        return []
    docs = read_gold_folder(folder)
    taken = {p.stem for p in GOLD_DIR.glob("*.json")} | {d.id for d in others}
    clash = sorted({d.id for d in docs} & taken)
    if clash:
        sys.exit(
            f"{folder}: {', '.join(clash)} are gold-dev or dev2 articles; {name} must hold others"
        )
    return docs


def load_documents(ids: Sequence[str], corpus: Path) -> list[Any]:
    """The gold articles' texts from the OrangeSum sample, in the order of ``ids``."""
    if not corpus.is_file():
        sys.exit(f"{corpus} not found: this benchmark reads ../shared/corpora/orangesum")
    from framing.types import Document

    wanted = set(ids)
    found: dict[str, Any] = {}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("id") in wanted:
                found[record["id"]] = Document(
                    id=record["id"],
                    text=record["text"],
                    outlet=record.get("outlet"),
                    date=record.get("date"),
                    title=record.get("title"),
                )
    missing = [i for i in ids if i not in found]
    if missing:
        sys.exit(f"{corpus}: no text for gold article(s) {', '.join(missing)}")
    return [found[i] for i in ids]


def annotate(
    documents: list[Any], lexicons: list[Path], model_dir: Path | None, cache: Path | None
) -> list[Any]:
    """Annotate as `framing annotate` does: its annotator, parse engine and parse cache."""
    from framing.annotation.annotator import Annotator
    from framing.cli.main import make_engine
    from framing.pipeline import annotate_documents

    annotator = Annotator.from_paths(lexicons or None, "fr")
    with make_engine(model_dir, "fr", cache, no_cache=False) as engine:
        return list(annotate_documents(documents, annotator, engine))


def read_predictions(path: Path) -> list[Any]:
    """Predictions already written by `framing annotate` (for scoring without annotating)."""
    from framing.io.annotations import read_annotations

    return list(read_annotations(path))


def score_splits(
    gold: list[Any],
    pred: list[Any],
    dev2: list[Any] | None = None,
    blind: list[Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """The gold-dev scores of the tuning, held-out and all articles, and dev2's and
    the blind set's when given."""
    from framing.io.golddev import check_texts
    from framing.tools.evaluate import GOLDDEV_RULE, evaluate

    check_texts(gold + (dev2 or []) + (blind or []), pred)
    gold_ids = {d.id for d in gold}
    members = {
        "tuning": lambda i: i not in HELDOUT,
        "heldout": lambda i: i in HELDOUT,
        "all": lambda i: True,
    }
    splits = {
        split: evaluate(
            [d for d in gold if keep(d.id)],
            [d for d in pred if d.id in gold_ids and keep(d.id)],
            rule=GOLDDEV_RULE,
        )
        for split, keep in members.items()
    }
    if dev2:
        dev2_ids = {d.id for d in dev2}
        splits["dev2"] = evaluate(dev2, [d for d in pred if d.id in dev2_ids], rule=GOLDDEV_RULE)
    if blind:
        blind_ids = {d.id for d in blind}
        splits["blind"] = evaluate(blind, [d for d in pred if d.id in blind_ids], rule=GOLDDEV_RULE)
    return splits


def figure_lines(splits: dict[str, dict[str, Any]]) -> list[str]:
    """Scores, attribute accuracies and the voice confusion table of every split."""
    from framing.tools.golddev_rule import format_attributes, format_confusion, format_scores

    titles = {
        "tuning": "TUNING (18 articles)",
        "heldout": "HELD-OUT (6 articles)",
        "all": "ALL (24 articles)",
        "dev2": f"DEV2 ({splits['dev2']['documents'] if 'dev2' in splits else 0} articles "
        "annotated by the project, benchmarks/dev2)",
        "blind": f"BLIND ({splits['blind']['documents'] if 'blind' in splits else 0} articles "
        "annotated by the project, benchmarks/blind: figures only)",
    }
    lines: list[str] = []
    for split in splits:
        result = splits[split]
        lines += [
            f"== {titles[split]}: {result['gold_mentions']} gold mentions "
            f"({result['soft_gold_mentions']} soft), {result['pred_mentions']} predicted",
            *format_scores(result),
            format_attributes(result),
            *format_confusion(result),
            "",
        ]
    lines.append(headline(splits))
    return lines


def headline(splits: dict[str, dict[str, Any]]) -> str:
    """One line per split with the figures the issues track."""
    parts = []
    for split in splits:
        result = splits[split]
        overall = result["scores"]["all_gold"]["overall"]
        verbs = result["scores"]["all_gold"]["per_category"].get("reporting_verb", {})
        attrs = result["attributes"]
        parts.append(
            f"{split}: F1 {overall['f1']:.3f} (P {overall['precision']:.3f} R {overall['recall']:.3f}) "
            f"voice {attrs['voice']['accuracy']:.3f} speaker {attrs['speaker']['accuracy']:.3f} "
            f"cue {attrs['cue']['accuracy']:.3f} reporting-verb R {verbs.get('recall', 0.0):.3f} "
            f"F1 {verbs.get('f1', 0.0):.3f}"
        )
    return "headline (all gold counted)\n  " + "\n  ".join(parts)


def entry_lines(result: dict[str, Any], split: str = "tuning") -> list[str]:
    """True and false matches per predicted entry on one readable split, most false first."""
    rows = sorted(
        result["by_entry"].items(), key=lambda kv: (-kv[1]["false"], -kv[1]["true"], kv[0])
    )
    lines = [
        f"per entry on the {split.upper()} articles "
        "(predicted mentions: true = matched gold, false = not)",
        f"{'entry':<40} {'category':<20} {'true':>5} {'false':>5} {'P':>6}",
    ]
    for entry, row in rows:
        total = row["true"] + row["false"]
        lines.append(
            f"{entry:<40} {row['category']:<20} {row['true']:>5} {row['false']:>5} "
            f"{row['true'] / total:>6.3f}"
        )
    return lines


def figures_json(splits: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every figure of every split, without any itemised error (held-out errors stay unread)."""
    from framing.tools.golddev_rule import ERROR_KINDS

    out: dict[str, Any] = {
        "heldout_ids": sorted(HELDOUT),
        "heldout_rule": f"first {HELDOUT_SIZE} by sha256('{HELDOUT_SALT}' + id)",
    }
    for split, result in splits.items():
        figures = {k: v for k, v in result.items() if k not in ERROR_KINDS and k != "by_entry"}
        figures["errors"] = {kind: len(result[kind]) for kind in ERROR_KINDS}
        if split in READABLE:
            figures["by_entry"] = result["by_entry"]
        out[split] = figures
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--errors",
        nargs="?",
        const="tuning",
        choices=READABLE,
        default=None,
        help="list every error of the TUNING articles (or of DEV2: --errors dev2)",
    )
    parser.add_argument(
        "--by-entry",
        nargs="?",
        const="tuning",
        choices=READABLE,
        default=None,
        help="true/false matches per entry (tuning, or --by-entry dev2)",
    )
    parser.add_argument(
        "--no-dev2",
        action="store_true",
        help="score the 24 gold-dev articles only (leave out benchmarks/dev2 and benchmarks/blind)",
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="write every figure to this JSON file"
    )
    parser.add_argument(
        "--lexicon",
        type=Path,
        action="append",
        default=[],
        help="lexicon folder or file (repeatable), as framing annotate",
    )
    parser.add_argument(
        "--model-dir", type=Path, default=None, help="model folder, as framing annotate"
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="parse cache folder (default: framing's)"
    )
    parser.add_argument(
        "--pred", type=Path, default=None, help="score this annotations.jsonl instead of annotating"
    )
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--dev2", type=Path, default=DEV2_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--blind", type=Path, default=BLIND_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark; a bad input (lexicon, model, gold, predictions) is one line, exit 1."""
    from framing.errors import FramingError

    args = parse_args(argv)
    try:
        run(args)
    except FramingError as exc:
        sys.exit(f"error: {exc}")


def run(args: argparse.Namespace) -> None:
    """Annotate (or read) the predictions, score the three splits and print what was asked."""
    gold = load_gold(args.gold)
    dev2 = load_dev2(args.dev2) if not args.no_dev2 else []
    blind = load_dev2(args.blind, "the blind set", dev2) if not args.no_dev2 else []
    if args.pred is not None:
        pred = read_predictions(args.pred)
        predicted = {p.id for p in pred}
        dev2 = [d for d in dev2 if d.id in predicted]
        blind = [d for d in blind if d.id in predicted]
    else:
        pred = annotate(
            load_documents([d.id for d in gold + dev2 + blind], args.corpus),
            args.lexicon,
            args.model_dir,
            args.cache,
        )
    splits = score_splits(gold, pred, dev2, blind)
    lines = figure_lines(splits)
    for split in (args.errors, args.by_entry):
        if split is not None and split not in splits:
            sys.exit(f"no {split} articles to show ({args.dev2} holds none, or --no-dev2)")
    if args.errors:
        from framing.tools.golddev_rule import error_lines

        lines += [
            "",
            f"errors on the {args.errors.upper()} articles (held-out errors are never shown)",
        ]
        lines += error_lines(splits[args.errors])
    if args.by_entry:
        lines += ["", *entry_lines(splits[args.by_entry], args.by_entry)]
    print("\n".join(lines))
    if args.json is not None:
        args.json.write_text(
            json.dumps(figures_json(splits), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
