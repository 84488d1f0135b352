"""Scale benchmarks on OrangeSum: throughput ratios and memory growth.

Prints, on the same texts:

1. `framing annotate` (parse + annotate, no cache) vs raw Stanza (the same
   pipeline called directly), as a throughput ratio (target >= 0.9);
2. re-annotation with a warm parse cache vs the cold parse (target >= 100x):
   the warm run is what a linguist gets after a lexicon edit, a fresh process
   running the annotate pipeline (cache read, annotation, schema check,
   writing annotations.jsonl) over the same texts; its one-time start (imports
   and compiling the lexicons and rules) is reported apart;
3. `--jobs 2` vs `--jobs 1` parse throughput (target >= 1.7x on 2 cores);
4. peak memory of a streaming annotate run at 200, 1,000 and 2,000 articles,
   each in a fresh process (target: flat within 15%), using a warm cache so
   that the run measures the streaming pipeline rather than parsing time.

    python benchmarks/scale.py --articles 40 --memory-sizes 200,1000,2000

``--warm-only`` measures the re-annotation alone, in CPU seconds of its own
process (on a shared machine the wall clock mostly measures the others):
``--runs`` fresh processes annotate the first ``--articles`` texts from the
cache (which must hold them), and the median is printed with the sha256 of
their annotations.jsonl, which must not change when only speed is worked on.
``--cold`` adds the cold run it is compared with: a fresh process parsing
(one torch thread) and annotating the same texts into an empty cache.

    python benchmarks/scale.py --warm-only --articles 100 --runs 3 --cold
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ORANGESUM, orangesum_texts, peak_rss_mb


def _stream(limit: int) -> Iterator:
    """Documents read one by one from the JSONL (the memory runs must not hold the corpus)."""
    from framing.types import Document

    for r in orangesum_texts(limit):
        yield Document(id=r["id"], text=r["text"], outlet=r.get("outlet"), date=r.get("date"))


def _documents(limit: int) -> list:
    return list(_stream(limit))


def throughput(articles: int, cache_dir: Path) -> dict:
    import torch

    from framing.annotation.annotator import Annotator
    from framing.parsing.cache import ParseCache
    from framing.parsing.engine import ParseEngine
    from framing.parsing.parser import Parser

    torch.set_num_threads(1)
    docs = _documents(articles)
    parser = Parser().load()
    pipeline = parser._pipeline
    words = sum(len(d.text.split()) for d in docs)

    start = time.perf_counter()
    for d in docs:
        pipeline(d.text)
    raw = time.perf_counter() - start

    annotator = Annotator.from_paths()
    start = time.perf_counter()
    for d in docs:
        annotator.annotate(parser.parse(d))
    framing_time = time.perf_counter() - start

    cache = ParseCache(cache_dir, parser)
    start = time.perf_counter()
    for d in docs:
        cache.parse(d)
    cold = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as out:
        warm_run = _child_run(len(docs), cache_dir, Path(out))
    warm = warm_run["annotate_s"]

    one_start = time.perf_counter()
    list(ParseEngine(parser, jobs=1).parse_stream(docs))
    one = time.perf_counter() - one_start
    with ParseEngine(parser, jobs=2) as engine:
        engine._parse_many(docs[:2])  # start the workers (model loading) before timing
        two_start = time.perf_counter()
        list(engine.parse_stream(docs))
        two = time.perf_counter() - two_start
    return {
        "articles": len(docs),
        "whitespace_words": words,
        "raw_stanza_words_per_s": round(words / raw, 1),
        "framing_annotate_words_per_s": round(words / framing_time, 1),
        "annotate_vs_raw_ratio": round(raw / framing_time, 3),
        "cold_parse_s": round(cold, 2),
        "warm_reannotate_s": round(warm, 3),
        "warm_start_s": warm_run["load_s"],
        "warm_vs_cold_speedup": round(cold / warm, 1),
        "jobs1_s": round(one, 2),
        "jobs2_s": round(two, 2),
        "jobs2_vs_jobs1_speedup": round(one / two, 2),
    }


def memory_child(size: int, cache_dir: Path, out_dir: Path, load_model: bool = False) -> dict:
    """One annotate run from ``cache_dir``; its start (imports, compiled rules and,
    with ``load_model``, the parsing model) is timed apart from the annotate loop."""
    from framing.annotation.annotator import Annotator
    from framing.parsing.cache import ParseCache
    from framing.parsing.engine import ParseEngine
    from framing.parsing.parser import Parser
    from framing.pipeline import annotate_to_file

    start = time.perf_counter()
    docs = _stream(size)
    parser = Parser()
    engine = ParseEngine(parser, ParseCache(cache_dir, parser))
    annotator = Annotator.from_paths()
    if load_model:
        parser.load()
    loaded = time.perf_counter()
    cpu = time.process_time()
    output = out_dir / "annotations.jsonl"
    count = annotate_to_file(docs, annotator, engine, output, "bench")
    done = time.perf_counter()
    return {
        "sha256": hashlib.sha256(output.read_bytes()).hexdigest(),
        "articles": count,
        "load_s": round(loaded - start, 2),
        "annotate_s": round(done - loaded, 3),
        # CPU seconds too: on a loaded machine the wall time is mostly waiting
        "annotate_cpu_s": round(time.process_time() - cpu, 3),
        "ms_per_article": round(1000 * (done - loaded) / max(count, 1), 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _child_run(size: int, cache_dir: Path, out_dir: Path, cold: bool = False) -> dict:
    """:func:`memory_child` in a fresh interpreter (nothing loaded, nothing memoized)."""
    run = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            str(size),
            "--cache",
            str(cache_dir),
            "--out",
            str(out_dir),
            *(["--load-model"] if cold else []),
        ],
        capture_output=True,
        text=True,
        check=False,
        # the cold run parses on one torch thread, as the ratio's definition says
        env={**os.environ, "FRAMING_THREADS": "1"} if cold else None,
    )
    if run.returncode != 0:
        raise RuntimeError(f"warm run on {size} articles failed:\n{run.stderr[-1500:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def warm_only(articles: int, runs: int, cache_dir: Path, cold: bool) -> dict:
    """Median CPU seconds of ``runs`` warm re-annotations (fresh processes), and
    with ``cold`` the CPU seconds of one cold parse + annotate of the same texts."""
    found = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            found.append(_child_run(articles, cache_dir, Path(out)))
        print(f"warm: {found[-1]}", file=sys.stderr)
    if len({run["sha256"] for run in found}) != 1:
        raise SystemExit("the warm runs wrote different annotations.jsonl")
    cpu = statistics.median(run["annotate_cpu_s"] for run in found)
    result = {
        "articles": found[0]["articles"],
        "sha256": found[0]["sha256"],
        "load_avg": round(os.getloadavg()[0], 1),
        "warm_cpu_s": [run["annotate_cpu_s"] for run in found],
        "warm_cpu_median_s": cpu,
        "warm_cpu_ms_per_article": round(1000 * cpu / max(found[0]["articles"], 1), 2),
        "warm_start_s": statistics.median(run["load_s"] for run in found),
    }
    if cold:
        with tempfile.TemporaryDirectory() as tmp:
            cold_run = _child_run(articles, Path(tmp) / "cache", Path(tmp), cold=True)
        if cold_run["sha256"] != result["sha256"]:
            raise SystemExit("the cold run wrote another annotations.jsonl than the warm runs")
        result["cold_cpu_s"] = cold_run["annotate_cpu_s"]
        result["warm_vs_cold_cpu"] = round(cold_run["annotate_cpu_s"] / cpu, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", type=int, default=40, help="articles for the throughput ratios"
    )
    parser.add_argument("--memory-sizes", default="200,1000,2000")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="parse cache for the memory runs (warm it first with framing annotate)",
    )
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--warm-only", action="store_true", help="measure re-annotation from the cache alone"
    )
    parser.add_argument("--runs", type=int, default=3, help="warm runs (--warm-only)")
    parser.add_argument(
        "--cold", action="store_true", help="with --warm-only: time the cold run too"
    )
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--load-model", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(memory_child(args.child, args.cache, args.out, args.load_model)))
        return
    if not ORANGESUM.is_file():
        sys.exit(f"{ORANGESUM} not found")
    if args.warm_only:
        from framing.parsing.cache import default_cache_dir

        found = warm_only(args.articles, args.runs, args.cache or default_cache_dir(), args.cold)
        print(json.dumps(found, indent=2))
        if args.json:
            args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        return
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["throughput"] = throughput(args.articles, Path(tmp) / "cache")
    print(json.dumps(results["throughput"], indent=2))
    cache = args.cache or Path(tempfile.mkdtemp()) / "cache"
    memory = []
    for size in [int(s) for s in args.memory_sizes.split(",") if s]:
        with tempfile.TemporaryDirectory() as out:
            try:
                memory.append(_child_run(size, cache, Path(out)))
            except RuntimeError as exc:
                print(f"memory run at {size} failed: {exc}", file=sys.stderr)
                continue
        print(f"memory: {memory[-1]}")
    if memory:
        low = min(m["peak_rss_mb"] for m in memory)
        high = max(m["peak_rss_mb"] for m in memory)
        print(f"peak memory spread: {100 * (high - low) / low:.1f}% (target <= 15%)")
    results["memory"] = memory
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
