"""Parsing speed and peak memory: the embedded Stanza model vs spaCy fr_core_news_sm.

Each system runs in its own subprocess on the same OrangeSum texts, so that
peak memory is measured separately. Prints words per second (words as each
system counts them, and the same whitespace word count for both) and peak RSS.

    python benchmarks/parse_speed.py --articles 100
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import orangesum_texts, peak_rss_mb


def run_system(system: str, articles: int, threads: int) -> dict:
    import torch

    torch.set_num_threads(threads)
    texts = [r["text"] for r in orangesum_texts(articles)]
    plain_words = sum(len(t.split()) for t in texts)
    load_start = time.perf_counter()
    if system == "stanza":
        from framing.parsing.parser import Parser
        from framing.types import Document

        parser = Parser()
        load = time.perf_counter() - load_start
        start = time.perf_counter()
        words = 0
        for i, text in enumerate(texts):
            words += parser.parse(Document(id=str(i), text=text)).word_count
    else:
        import spacy

        nlp = spacy.load("fr_core_news_sm")
        load = time.perf_counter() - load_start
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    elapsed = time.perf_counter() - start
    return {
        "system": system,
        "articles": len(texts),
        "words": words,
        "whitespace_words": plain_words,
        "seconds": round(elapsed, 2),
        "load_seconds": round(load, 2),
        "words_per_second": round(words / elapsed, 1),
        "whitespace_words_per_second": round(plain_words / elapsed, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1, help="torch threads per process")
    parser.add_argument("--systems", default="stanza,spacy")
    parser.add_argument("--json", type=Path, default=None, help="also save the figures here")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_system(args.child, args.articles, args.threads)))
        return
    rows = []
    for system in args.systems.split(","):
        result = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                system,
                "--articles",
                str(args.articles),
                "--threads",
                str(args.threads),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(f"{system}: failed\n{result.stderr[-2000:]}", file=sys.stderr)
            continue
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
    header = f"{'system':<8} {'articles':>8} {'words':>8} {'sec':>8} {'words/s':>9} {'ws-words/s':>10} {'peak MB':>8}"
    print(header)
    for r in rows:
        print(
            f"{r['system']:<8} {r['articles']:>8} {r['words']:>8} {r['seconds']:>8} "
            f"{r['words_per_second']:>9} {r['whitespace_words_per_second']:>10} {r['peak_rss_mb']:>8}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
