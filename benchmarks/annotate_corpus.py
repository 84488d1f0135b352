"""Annotate the OrangeSum sample and print mention rates by category.

Runs the full pipeline (parse + annotate) over the 2,009 real articles of
../shared/corpora/orangesum/sample.jsonl (or the first --limit), checks that
no article fails, and prints mentions per 1,000 words by category and the
share of mentions that have a speaker.

    python benchmarks/annotate_corpus.py --limit 200
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import orangesum_texts, peak_rss_mb


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", type=Path, default=None, help="also save the figures here")
    parser.add_argument("--jobs", type=int, default=1, help="parse in this many processes")
    parser.add_argument(
        "--cache", type=Path, default=None, help="parse cache folder (default: none)"
    )
    args = parser.parse_args()

    from framing.annotation.annotator import Annotator
    from framing.parsing.cache import ParseCache
    from framing.parsing.engine import ParseEngine
    from framing.parsing.parser import Parser
    from framing.types import Document

    annotator = Annotator.from_paths()
    base = Parser()
    engine = ParseEngine(base, ParseCache(args.cache, base) if args.cache else None, jobs=args.jobs)
    by_category: Counter[str] = Counter()
    with_speaker: Counter[str] = Counter()
    words = articles = failures = 0
    parse_seconds = annotate_seconds = 0.0
    documents = (
        Document(id=r["id"], text=r["text"], outlet=r.get("outlet"))
        for r in orangesum_texts(args.limit)
    )
    stream = engine.parse_stream(documents)
    while True:
        start = time.perf_counter()
        try:
            parsed = next(stream)
        except StopIteration:
            break
        middle = time.perf_counter()
        try:
            annotated = annotator.annotate(parsed)
        except Exception as exc:  # a benchmark reports failures instead of stopping
            failures += 1
            print(f"{parsed.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        end = time.perf_counter()
        parse_seconds += middle - start
        annotate_seconds += end - middle
        articles += 1
        words += annotated.words - annotated.boilerplate_words
        for mention in annotated.mentions:
            if mention.boilerplate:
                continue
            by_category[mention.category] += 1
            if mention.speaker is not None:
                with_speaker[mention.category] += 1
    engine.close()
    total = sum(by_category.values())
    print(f"articles {articles}, failures {failures}, words {words:,}, mentions {total:,}")
    print(
        f"parse {parse_seconds:.1f} s, annotate {annotate_seconds:.1f} s "
        f"({annotate_seconds / max(parse_seconds, 1e-9):.1%} of parse time), peak {peak_rss_mb():.0f} MB"
    )
    print(f"{'category':<20} {'mentions':>9} {'per 1,000 words':>16} {'with speaker':>13}")
    for category in sorted(by_category):
        count = by_category[category]
        print(
            f"{category:<20} {count:>9} {1000 * count / max(words, 1):>16.2f} "
            f"{with_speaker[category] / count:>13.1%}"
        )
    share = sum(with_speaker.values()) / total if total else 0.0
    print(f"{'all':<20} {total:>9} {1000 * total / max(words, 1):>16.2f} {share:>13.1%}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "articles": articles,
                    "failures": failures,
                    "words": words,
                    "mentions": dict(sorted(by_category.items())),
                    "with_speaker": dict(sorted(with_speaker.items())),
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
