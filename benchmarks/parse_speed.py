"""Parsing speed in one run: before/after by processor, tree identity, spaCy, start-up, load.

Every figure comes from this one run, on the same texts, so that a shared
machine's load moves the before and the after alike:

* **identity**: each text is parsed the whole way (tokenize, mwt, pos, lemma,
  the feature repairs, depparse) with Stanza's own code (before) and with
  framing's replacements of parts of it (``framing.parsing.speedups``, after),
  alternating which goes first; every word's text, lemma, tags, features, head
  and relation must be identical. Texts: the held-out UD test files
  (``../shared/ud``, per SPLITS.md, 20 gold sentences' text per document) and
  ``--identity-articles`` OrangeSum articles;
* **words per CPU second by processor**, before and after, from the same
  passes (totals, and the median of the per-document speed-ups); CPU time
  because on a shared machine the wall clock mostly measures the others;
* **spaCy** ``fr_core_news_sm`` and ``fr_core_news_md`` on the same
  OrangeSum articles, if installed;
* **start-up**: ``framing explain`` on one new sentence and on a cached one, and a
  warm-cache ``framing annotate`` of ``--articles`` articles (medians of 3); with
  ``--before-tree DIR`` (a checkout of older code) its ``explain`` of a new
  sentence alternates with this one's;
* **competing process**: the parse rate of one process alone, then beside a
  second parsing process, with framing's thread policy and with torch's
  default threads (the rate kept is what matters);
* **jobs**: ``--jobs 2`` against ``--jobs 1`` (``ParseEngine``, no cache) on
  ``--jobs-articles`` articles, alternating, medians of 3: wall time, CPU
  seconds and the peak memory of each parsing process.

    python benchmarks/parse_speed.py --articles 20 --identity-articles 200 \
        --before-tree /tmp/framing-before
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, orangesum_texts
from parser_accuracy import TEST_FILES, read_sentences, sentence_text

UD_DIR = REPO.parent / "shared" / "ud"
PROCESSORS = ("tokenize", "pos", "lemma", "depparse")


def ud_documents(ud_dir: Path, per_document: int = 20) -> list[tuple[str, str]]:
    """The held-out UD test files as documents of ``per_document`` sentences' text."""
    documents = []
    for key, name in TEST_FILES.items():
        path = ud_dir / name
        if not path.is_file():
            print(f"identity: {path} not found, skipped", file=sys.stderr)
            continue
        texts = [sentence_text(lines) for lines in read_sentences(path)]
        for start in range(0, len(texts), per_document):
            documents.append((key, " ".join(texts[start : start + per_document])))
    return documents


def _columns(stanza_doc: Any) -> list[tuple[Any, ...]]:
    """Every word's text, lemma, tags, features, head and relation."""
    return [
        (w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel)
        for s in stanza_doc.sentences
        for w in s.words
    ]


def _parse_steps(pipeline: Any, text: str, times: dict[str, float], suffix: str) -> Any:
    """Tokenize, tag, lemmatize, repair and parse ``text`` as framing does, timing each step."""
    from framing.parsing.morphology import repair_features

    doc: Any = text
    for name, processors in (("tokenize", "tokenize,mwt"), ("pos", "pos"), ("lemma", "lemma")):
        start = time.process_time()
        doc = pipeline.process(doc, processors=processors)
        times[name + suffix] = time.process_time() - start
    repair_features((w for s in doc.sentences for w in s.words), "fr")
    start = time.process_time()
    doc = pipeline.process(doc, processors="depparse")
    times["depparse" + suffix] = time.process_time() - start
    return doc


def measure_text(pipeline: Any, text: str, fast_first: bool) -> dict[str, Any]:
    """Parse ``text`` with Stanza's own code (before) and with framing's replacements
    (``framing.parsing.speedups``, after), alternating which goes first; CPU seconds
    per processor, and whether every column of every word agrees. CPU time (this
    process, torch's threads included), not wall time: on a shared machine the wall
    clock mostly measures the others."""
    from framing.parsing import speedups

    times: dict[str, float] = {}
    columns = {}
    for fast in (fast_first, not fast_first):
        if fast:
            speedups.install(pipeline)
        else:
            speedups.uninstall(pipeline)
        doc = _parse_steps(pipeline, text, times, "_after" if fast else "_before")
        columns[fast] = _columns(doc)
    speedups.install(pipeline)
    return {"words": len(columns[True]), "times": times, "same": columns[True] == columns[False]}


def measure_corpus(pipeline: Any, label: str, texts: list[str]) -> dict[str, Any]:
    """Run :func:`measure_text` over ``texts``; totals per processor, differing documents."""
    totals = {f"{p}_{when}": 0.0 for p in PROCESSORS for when in ("before", "after")}
    words, differing, ratios = 0, [], []
    for index, text in enumerate(texts):
        result = measure_text(pipeline, text, fast_first=index % 2 == 0)
        words += result["words"]
        for name, seconds in result["times"].items():
            totals[name] += seconds
        times = result["times"]
        ratios.append(
            sum(times[f"{p}_before"] for p in PROCESSORS)
            / sum(times[f"{p}_after"] for p in PROCESSORS)
        )
        if not result["same"]:
            differing.append(index)
    return {
        "corpus": label,
        "documents": len(texts),
        "words": words,
        "whitespace_words": sum(len(t.split()) for t in texts),
        "differing_documents": differing,
        "seconds": {k: round(v, 3) for k, v in totals.items()},
        "median_speedup": round(statistics.median(ratios), 2) if ratios else None,
    }


def print_corpus(row: dict[str, Any]) -> None:
    secs, words = row["seconds"], row["words"]
    before = sum(secs[f"{p}_before"] for p in PROCESSORS)
    after = sum(secs[f"{p}_after"] for p in PROCESSORS)
    same = "identical" if not row["differing_documents"] else f"DIFFER {row['differing_documents']}"
    print(f"\n{row['corpus']}: {row['documents']} documents, {words} words, parses {same}")
    print(f"  {'processor':<10} {'before':>11} {'after':>10}   (words per CPU second)")
    for name in PROCESSORS:
        old, new = secs[f"{name}_before"], secs[f"{name}_after"]
        print(f"  {name:<10} {words / old:>11.0f} {words / new:>10.0f}   ({old / new:.2f}x)")
    print(
        f"  {'all':<10} {words / before:>11.0f} {words / after:>10.0f}"
        f"   ({before / after:.2f}x; median per document {row['median_speedup']}x;"
        " tokenize includes mwt)"
    )
    plain = row["whitespace_words"]
    print(f"  {'all, whitespace words':<10} {plain / before:>11.0f} {plain / after:>10.0f}")


def spacy_rates(texts: list[str]) -> list[str]:
    """Lines for spaCy's French pipelines on ``texts`` (or why they are missing)."""
    lines = []
    try:
        import spacy
    except ImportError:
        return ["spaCy: not installed (pip install 'framing[benchmark]')"]
    plain = sum(len(t.split()) for t in texts)
    for name in ("fr_core_news_sm", "fr_core_news_md"):
        start = time.perf_counter()
        try:
            nlp = spacy.load(name)
        except OSError:
            lines.append(f"{name}: not installed (its package is not in this environment)")
            continue
        load = time.perf_counter() - start
        start = time.process_time()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        elapsed = time.process_time() - start
        lines.append(
            f"{name}: {words / elapsed:.0f} words per CPU second ({words} tokens; "
            f"{plain / elapsed:.0f} whitespace words), load {load:.1f} s wall"
        )
    return lines


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of a command run to its end."""
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}... failed:\n{result.stderr[-1500:]}")
    return time.perf_counter() - start, _children_cpu() - cpu


def _median_pair(runs: list[tuple[float, float]]) -> str:
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    return f"{wall:.2f} s wall, {cpu:.2f} s CPU"


def _explain_new(cli: list[str], env: dict[str, str], number: int) -> tuple[float, float]:
    sentence = f"Le ministre a dénoncé mardi ({number}) une réforme injuste. Elle attend."
    return _timed([*cli, "explain", sentence, "--no-cache"], env)


def startup_lines(texts: list[str], before: Path | None = None, repeats: int = 3) -> list[str]:
    """Wall and CPU times of ``framing explain`` (a new and a cached sentence) and a warm
    annotate; with ``before`` (a checkout of the code before), its ``explain`` of a new
    sentence alternates with this one's."""
    cli = [sys.executable, "-m", "framing.cli"]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "FRAMING_CACHE_DIR": str(Path(tmp) / "cache"), "PYTHONPATH": str(REPO)}
        old_env = {**env, "PYTHONPATH": str(before)} if before else None
        if old_env:
            _explain_new(cli, old_env, -1)  # its compiled annotator, built once
        _explain_new(cli, env, -1)
        new, old = [], []
        for i in range(repeats):
            pair = [(new, env), (old, old_env)] if i % 2 == 0 else [(old, old_env), (new, env)]
            for runs, run_env in pair:
                if run_env is not None:
                    runs.append(_explain_new(cli, run_env, i))
        cached = "Le ministre a dénoncé mardi une réforme injuste, selon ses proches."
        _timed([*cli, "explain", cached], env)  # warm the cache with it
        warm = [_timed([*cli, "explain", cached], env) for _ in range(repeats)]
        corpus = Path(tmp) / "texts.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
            encoding="utf-8",
        )
        command = [*cli, "annotate", str(corpus), "--out", str(Path(tmp) / "out")]
        _timed(command, env)  # parse once into the cache
        annotate = [_timed(command, env) for _ in range(repeats)]
    if old:
        lines.append(f"framing explain, a new sentence, before ({before}): {_median_pair(old)}")
    lines.append(f"framing explain, a new sentence (parsed): {_median_pair(new)}")
    lines.append(f"framing explain, a cached sentence: {_median_pair(warm)}")
    lines.append(
        f"framing annotate, {len(texts)} articles from a warm cache: {_median_pair(annotate)}"
    )
    return lines


_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "OMP_WAIT_POLICY",
)


def child_parse(articles: int, legacy: bool, forever: bool) -> None:
    """A parsing process for the competing case: prints its words/s, or loops until killed.

    ``legacy``: torch imported first, so its default threads (every core,
    spinning OpenMP waits) stay as they were before framing set them.
    """
    if legacy:
        import torch

        threads: int | None = torch.get_num_threads()
    else:
        threads = None
    from framing.parsing.parser import Parser
    from framing.types import Document

    texts = [r["text"] for r in orangesum_texts(articles)]
    parser = Parser(threads=threads).load()
    parser.parse(Document(id="warm", text=texts[0][:200]))
    print("ready", flush=True)
    while True:
        start = time.perf_counter()
        words = sum(
            parser.parse(Document(id=str(i), text=t)).word_count for i, t in enumerate(texts)
        )
        if not forever:
            print(json.dumps({"words_per_second": words / (time.perf_counter() - start)}))
            return


def _child(articles: int, legacy: bool, forever: bool) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in _THREAD_VARIABLES}
    env.pop("FRAMING_THREADS", None)
    command = [sys.executable, __file__, "--child", "loop" if forever else "rate"]
    command += ["--articles", str(articles)] + (["--legacy-threads"] if legacy else [])
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise SystemExit("competing case: a child process failed to start")
    return process


def _rate(articles: int, legacy: bool) -> float:
    process = _child(articles, legacy, forever=False)
    out, _ = process.communicate()
    return json.loads(out.strip().splitlines()[-1])["words_per_second"]


def competing_lines(articles: int) -> list[str]:
    """The rate one parse keeps beside a second parsing process, per thread policy."""
    lines = []
    for legacy, label in ((False, "framing's thread policy"), (True, "torch default threads")):
        alone = _rate(articles, legacy)
        rival = _child(articles, legacy, forever=True)
        try:
            shared = _rate(articles, legacy)
        finally:
            rival.kill()
            rival.wait()
        lines.append(
            f"{label}: alone {alone:.0f} words/s, beside a second parse {shared:.0f} words/s, "
            f"kept {shared / alone:.2f} of the rate alone"
        )
    return lines


def _process_figures(pid: int) -> tuple[float, float]:
    """CPU seconds and peak resident memory (MB) of a live process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return cpu, int(peak.split()[1]) / 1024


def _engine_run(parser: Any, documents: list[Any], jobs: int) -> dict[str, Any]:
    """Wall seconds of ``ParseEngine(jobs=...)`` over ``documents`` (workers started
    first), with each parsing process's CPU seconds and peak memory."""
    from framing.parsing.engine import ParseEngine

    with ParseEngine(parser, jobs=jobs) as engine:
        if jobs > 1:
            engine._parse_many(documents[:jobs])  # load the model in every worker first
            pids = [p.pid for p in engine._pool._pool]  # type: ignore[union-attr]
        else:
            pids = [os.getpid()]
        before = {pid: _process_figures(pid)[0] for pid in pids}
        start = time.perf_counter()
        words = sum(d.word_count for d in engine.parse_stream(documents))
        wall = time.perf_counter() - start
        figures = {pid: _process_figures(pid) for pid in pids}
    return {
        "jobs": jobs,
        "words": words,
        "wall_s": round(wall, 2),
        "cpu_s": round(sum(figures[p][0] - before[p] for p in pids), 2),
        "peak_mb_per_process": [round(figures[p][1]) for p in pids],
    }


def jobs_lines(articles: int, repeats: int = 3) -> list[str]:
    """``--jobs 2`` against ``--jobs 1`` on the same articles (no cache), alternating, medians."""
    from framing.parsing.parser import Parser
    from framing.types import Document

    documents = [Document(id=r["id"], text=r["text"]) for r in orangesum_texts(articles)]
    parser = Parser(threads=1).load()
    parser.parse(documents[0])
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for repeat in range(repeats):
        for jobs in (1, 2) if repeat % 2 == 0 else (2, 1):
            runs[jobs].append(_engine_run(parser, documents, jobs))
    one, two = (statistics.median(r["wall_s"] for r in runs[j]) for j in (1, 2))
    lines = []
    for jobs in (1, 2):
        rows = runs[jobs]
        lines.append(
            f"--jobs {jobs}: {statistics.median(r['wall_s'] for r in rows):.1f} s wall "
            f"(runs {', '.join(str(r['wall_s']) for r in rows)}), "
            f"{statistics.median(r['cpu_s'] for r in rows):.1f} s CPU, "
            f"peak per parsing process {max(max(r['peak_mb_per_process']) for r in rows)} MB"
        )
    lines.append(
        f"--jobs 2 vs --jobs 1: {one / two:.2f}x wall on {articles} articles "
        f"({runs[1][0]['words']} words; usable cores {os.cpu_count()})"
    )
    return lines


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20, help="texts for the warm annotate")
    parser.add_argument(
        "--identity-articles", type=int, default=200, help="OrangeSum texts for identity and spaCy"
    )
    parser.add_argument("--competing-articles", type=int, default=4)
    parser.add_argument("--jobs-articles", type=int, default=12, help="texts for the --jobs case")
    parser.add_argument("--ud-dir", type=Path, default=UD_DIR)
    parser.add_argument(
        "--before-tree",
        type=Path,
        default=None,
        help="a checkout of the code before (git worktree add): its explain alternates with this",
    )
    parser.add_argument(
        "--cases", default="identity,spacy,startup,competing,jobs", help="which parts to run"
    )
    parser.add_argument("--json", type=Path, default=None, help="also save the figures here")
    parser.add_argument("--child", choices=("rate", "loop"), help=argparse.SUPPRESS)
    parser.add_argument("--legacy-threads", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _identity(args: argparse.Namespace) -> list[dict[str, Any]]:
    from framing.parsing.parser import Parser

    pipeline = Parser().load()._pipeline
    rows = []
    articles = [r["text"] for r in orangesum_texts(args.identity_articles)]
    rows.append(measure_corpus(pipeline, f"OrangeSum, first {len(articles)} articles", articles))
    print_corpus(rows[-1])
    documents = ud_documents(args.ud_dir)
    for key in TEST_FILES:
        texts = [text for name, text in documents if name == key]
        if texts:
            rows.append(measure_corpus(pipeline, f"UD {key} test", texts))
            print_corpus(rows[-1])
    return rows


def main() -> None:
    args = _arguments()
    if args.child:
        child_parse(args.articles, args.legacy_threads, forever=args.child == "loop")
        return
    cases = set(args.cases.split(","))
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    figures: dict[str, Any] = {}
    if "identity" in cases:
        figures["identity"] = _identity(args)
    texts = [r["text"] for r in orangesum_texts(args.articles)]
    identity_texts = [r["text"] for r in orangesum_texts(args.identity_articles)]
    for case, function in (
        ("spacy", lambda: spacy_rates(identity_texts)),
        ("startup", lambda: startup_lines(texts, args.before_tree)),
        ("competing", lambda: competing_lines(args.competing_articles)),
        ("jobs", lambda: jobs_lines(args.jobs_articles)),
    ):
        if case in cases:
            print(f"\n{case} (load average {os.getloadavg()[0]:.2f}):")
            figures[case] = function()
            print("\n".join(f"  {line}" for line in figures[case]))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    differing = [r for r in figures.get("identity", []) if r["differing_documents"]]
    if differing:
        raise SystemExit(
            "trees differ between the decoders: " + ", ".join(r["corpus"] for r in differing)
        )


if __name__ == "__main__":
    main()
