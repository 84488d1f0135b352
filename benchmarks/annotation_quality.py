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


def score_splits(gold: list[Any], pred: list[Any]) -> dict[str, dict[str, Any]]:
    """The gold-dev scores of the tuning, held-out and all articles."""
    from framing.io.golddev import check_texts
    from framing.tools.evaluate import GOLDDEV_RULE, evaluate

    check_texts(gold, pred)
    members = {
        "tuning": lambda i: i not in HELDOUT,
        "heldout": lambda i: i in HELDOUT,
        "all": lambda i: True,
    }
    return {
        split: evaluate(
            [d for d in gold if keep(d.id)], [d for d in pred if keep(d.id)], rule=GOLDDEV_RULE
        )
        for split, keep in members.items()
    }


def figure_lines(splits: dict[str, dict[str, Any]]) -> list[str]:
    """Scores, attribute accuracies and the voice confusion table of every split."""
    from framing.tools.golddev_rule import format_attributes, format_confusion, format_scores

    titles = {
        "tuning": "TUNING (18 articles)",
        "heldout": "HELD-OUT (6 articles)",
        "all": "ALL (24 articles)",
    }
    lines: list[str] = []
    for split in SPLITS:
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
    for split in SPLITS:
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


def entry_lines(tuning: dict[str, Any]) -> list[str]:
    """True and false matches per predicted entry on the tuning articles, most false first."""
    rows = sorted(
        tuning["by_entry"].items(), key=lambda kv: (-kv[1]["false"], -kv[1]["true"], kv[0])
    )
    lines = [
        "per entry on the TUNING articles (predicted mentions: true = matched gold, false = not)",
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
        if split == "tuning":
            figures["by_entry"] = result["by_entry"]
        out[split] = figures
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--errors", action="store_true", help="list every error of the TUNING articles"
    )
    parser.add_argument(
        "--by-entry", action="store_true", help="true/false matches per entry (tuning)"
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
    if args.pred is not None:
        pred = read_predictions(args.pred)
    else:
        pred = annotate(
            load_documents([d.id for d in gold], args.corpus),
            args.lexicon,
            args.model_dir,
            args.cache,
        )
    splits = score_splits(gold, pred)
    lines = figure_lines(splits)
    if args.errors:
        from framing.tools.golddev_rule import error_lines

        lines += ["", "errors on the TUNING articles (held-out errors are never shown)"]
        lines += error_lines(splits["tuning"])
    if args.by_entry:
        lines += ["", *entry_lines(splits["tuning"])]
    print("\n".join(lines))
    if args.json is not None:
        args.json.write_text(
            json.dumps(figures_json(splits), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
