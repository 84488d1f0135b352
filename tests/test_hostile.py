"""Hostile conditions (issue #22): two writers, unwritable places, files where folders go.

Each case runs the real command in a subprocess, with invented inputs written
here. Permission cases run without root's power to ignore file modes
(``setpriv`` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), since a root
process would write into a read-only folder and the test would pass wrongly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.io.outdir import LOCK_FILE, OutputBusy, claim_output

RECORDS = [
    {
        "id": "a1",
        "outlet": "Le Matin",
        "date": "2024-01-05",
        "text": "Des émeutiers ont été dispersés.",
    },
    {"id": "b1", "outlet": "Le Soir", "date": "2024-01-05", "text": "Des manifestants ont défilé."},
]


def _jsonl(path: Path, records: list[dict] = RECORDS) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _unprivileged() -> list[str]:
    """A prefix that runs a command without the power to ignore file permissions."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permission cases cannot be tested")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def framing(*args: str, unprivileged: bool = False, **kwargs) -> subprocess.CompletedProcess:
    prefix = _unprivileged() if unprivileged else []
    command = [*prefix, sys.executable, "-m", "framing.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)


def _q(command: str) -> tuple[str, ...]:
    """--quiet, for the commands that show progress (ingest shows none)."""
    return () if command == "ingest" else ("-q",)


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]


# -- 1. one writer per output -------------------------------------------------------------


def test_second_writer_is_refused_and_the_first_output_is_intact(tmp_path):
    """The first run blocks on a named pipe while it holds the folder; the second is refused."""
    article = tmp_path / "article.txt"
    os.mkfifo(article)
    out = tmp_path / "out"
    first = subprocess.Popen(
        [sys.executable, "-m", "framing.cli", "annotate", str(article), "--out", str(out), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (out / LOCK_FILE).is_file() and time.monotonic() < deadline:
            assert first.poll() is None, first.communicate()
            time.sleep(0.05)
        second = framing("annotate", str(article), "--out", str(out), "-q")
        assert_one_line_error(second, str(out), f"pid {first.pid}", "another framing run")
        writer = threading.Thread(
            target=article.write_text, args=("Des émeutiers ont été dispersés.\n", "utf-8")
        )
        writer.start()
        _, stderr = first.communicate(timeout=240)
        writer.join()
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, stderr
    lines = (out / "annotations.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["article"]
    assert not (out / LOCK_FILE).exists()
    assert not (out / "annotations.jsonl.partial").exists()


def test_a_live_holder_is_named_and_a_finished_output_is_left_alone(tmp_path):
    out = tmp_path / "out"
    done = framing("annotate", str(_jsonl(tmp_path / "in.jsonl")), "--out", str(out), "-q")
    assert done.returncode == 0, done.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from framing.io.outdir import claim_output;"
            " lock = claim_output(__import__('pathlib').Path(sys.argv[1])).acquire();"
            " print('held', flush=True); time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        for command in ("annotate", "run", "ingest"):
            result = framing(command, str(tmp_path / "in.jsonl"), "--out", str(out), *_q(command))
            assert_one_line_error(result, f"pid {holder.pid}", "choose another --out")
        viewer = framing("view", str(out / "annotations.jsonl"), "--out", str(out))
        assert_one_line_error(viewer, f"pid {holder.pid}", "choose another --out")
    finally:
        holder.kill()
        holder.wait()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != LOCK_FILE} == before


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text(json.dumps({"pid": dead.pid, "command": "framing run x"}))
    result = framing("ingest", str(_jsonl(tmp_path / "in.jsonl")), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"taking over the lock left by an ended run (pid {dead.pid}" in result.stderr
    assert not (out / LOCK_FILE).exists()


def test_claims_in_one_process_exclude_each_other(tmp_path):
    with claim_output(tmp_path / "out"), pytest.raises(OutputBusy, match=f"pid {os.getpid()}"):
        claim_output(tmp_path / "out").acquire()
    with claim_output(tmp_path / "out"):  # released: free again
        pass


# -- 2. unwritable places ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["ingest", "annotate", "run"])
def test_read_only_out_is_one_line(tmp_path, command):
    source = _jsonl(tmp_path / "in.jsonl")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    inside = framing(
        command, str(source), "--out", str(locked / "new"), *_q(command), unprivileged=True
    )
    assert_one_line_error(inside, str(locked / "new"), "Permission denied", "choose another --out")
    itself = framing(command, str(source), "--out", str(locked), *_q(command), unprivileged=True)
    assert_one_line_error(itself, str(locked), "not writable", "choose another --out")


def test_read_only_cache_degrades_to_no_cache(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl")
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    result = framing(
        "run",
        str(source),
        "--out",
        str(tmp_path / "out"),
        "--cache",
        str(cache),
        "--bootstrap",
        "10",
        "-q",
        unprivileged=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warning = [line for line in result.stderr.splitlines() if str(cache) in line]
    assert len(warning) == 1 and "parsing without storing parses" in warning[0]
    assert (tmp_path / "out" / "report.md").is_file()
    assert list(cache.iterdir()) == []


# -- 3. --out names an existing file -------------------------------------------------------


def test_out_that_is_a_file_is_one_line(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl")
    done = framing("annotate", str(source), "--out", str(tmp_path / "ann"), "-q")
    assert done.returncode == 0, done.stderr
    target = tmp_path / "existing.txt"
    target.write_text("keep me\n")
    for args in (
        ("annotate", str(source)),
        ("run", str(source)),
        ("report", str(tmp_path / "ann")),
        ("report", "build", str(tmp_path / "ann")),
    ):
        result = framing(*args, "--out", str(target), unprivileged=True)
        assert_one_line_error(result, str(target), "not a folder")
    ingest = framing("ingest", str(source), "--out", str(target), unprivileged=True)
    assert ingest.returncode == 2 and "Traceback" not in ingest.stderr  # click's own usage error
    assert f"Directory '{target}' is a file" in ingest.stderr
    assert target.read_text() == "keep me\n"


# -- 5. size limit on annotate and run -----------------------------------------------------


def test_max_bytes_applies_to_annotate_and_run_per_file_and_per_record(tmp_path):
    """A compressed Parquet file can hold a record far larger than the file: checked per text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from framing.ingest import IngestOptions, read_corpus

    table = tmp_path / "records.parquet"
    pq.write_table(
        pa.table({"id": ["small", "big"], "text": ["Des émeutiers.", "Les émeutiers. " * 2000]}),
        table,
    )
    assert table.stat().st_size < 10_000
    corpus = read_corpus([table], IngestOptions(max_bytes=10_000))
    assert [d.id for d in corpus] == ["small"]
    (skipped,) = corpus.skipped
    assert skipped.message == (
        f"{table}, row 2: text is 32,000 bytes, over the 10,000-byte limit "
        "(raise it with --max-bytes)"
    )
    source = _jsonl(tmp_path / "in.jsonl")
    for command in ("annotate", "run"):
        result = framing(
            command, str(source), "--out", str(tmp_path / command), "-q", "--max-bytes", "100"
        )
        assert_one_line_error(result, "no documents left: 1 input(s) skipped (1 too large)")
        assert f"skipped: {source}: file is " in result.stderr
        assert "over the 100-byte limit (raise it with --max-bytes)" in result.stderr


# -- 6. skipped records are listed by run too; nothing left is an error -----------------------


def test_run_lists_skipped_records_and_nothing_left_fails(tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        json.dumps(RECORDS[0], ensure_ascii=False) + '\n{"id": "no-text"}\n{broken\n', "utf-8"
    )
    run = framing("run", str(source), "--out", str(tmp_path / "run"), "-q", "--bootstrap", "10")
    assert run.returncode == 0, run.stderr
    assert f'skipped: {source}:2: record has no "text"' in run.stderr
    assert f"skipped: {source}:3: malformed JSON" in run.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"id": "no-text"}\n{broken\n', "utf-8")
    for command in ("annotate", "run"):
        result = framing(command, str(empty), "--out", str(tmp_path / f"{command}-empty"), "-q")
        assert_one_line_error(
            result, "no documents left: 2 input(s) skipped (1 malformed, 1 missing field)"
        )
        assert f'skipped: {empty}:1: record has no "text"' in result.stderr
        assert f"skipped: {empty}:2: malformed JSON" in result.stderr


# -- 7. encoding advice ----------------------------------------------------------------------


def test_cp1252_bytes_get_cp1252_advice(tmp_path):
    from framing.io.textfile import read_text_file

    windows = tmp_path / "windows.txt"
    windows.write_bytes("L’émeute – « jamais vue »…".encode("cp1252"))
    with pytest.raises(InputError, match="Windows-1252 quotes and dashes: pass --encoding cp1252"):
        read_text_file(windows)
    assert read_text_file(windows, encoding="cp1252") == "L’émeute – « jamais vue »…"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("la société".encode("latin-1"))  # no 0x80-0x9F byte: latin-1 is fine
    with pytest.raises(InputError, match=r"e\.g\. --encoding latin-1"):
        read_text_file(latin)


# -- 12. manifest paths outside the manifest's folder ------------------------------------------


def test_manifest_paths_outside_its_folder_are_refused_unless_allowed(tmp_path):
    from framing.ingest import IngestOptions, read_corpus

    secret = tmp_path / "secret.txt"
    secret.write_text("Un texte privé hors du corpus.", "utf-8")
    corpus_dir = tmp_path / "corpus" / "inner"
    corpus_dir.mkdir(parents=True)
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "ok.txt").write_text("Des manifestants ont défilé.", "utf-8")
    (corpus_dir / "manifest.csv").write_text(
        f"file,outlet\n{secret},X\n../../secret.txt,X\nsub/../sub/ok.txt,Y\n", "utf-8"
    )
    corpus = read_corpus([corpus_dir])
    assert [d.id for d in corpus] == ["ok"]
    assert [s.kind for s in corpus.skipped] == ["outside folder", "outside folder"]
    assert corpus.skipped[1].message == (
        f'{corpus_dir / "manifest.csv"}:3: "../../secret.txt" is outside the manifest\'s '
        "folder; pass --allow-outside to read files named from elsewhere"
    )
    allowed = read_corpus([corpus_dir], IngestOptions(allow_outside=True))
    assert [d.id for d in allowed] == ["secret", "ok"]  # the second "secret" is a duplicate id
    result = framing("ingest", str(corpus_dir), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "2 skipped (2 outside folder)" in result.stderr


# -- 13. deeply nested HTML ---------------------------------------------------------------------


@pytest.mark.parametrize("depth", [200, 300])
def test_deep_html_nesting_is_named_as_such(tmp_path, depth):
    from framing.ingest import read_corpus

    paragraph = "<p>" + "Les manifestants ont défilé dans le calme toute la journée. " * 6 + "</p>"
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body><article>"
        + "<div>" * depth
        + paragraph * 3
        + "</div>" * depth
        + "</article></body></html>",
        "utf-8",
    )
    corpus = read_corpus([page])
    documents = list(corpus)
    if depth == 200:
        assert len(documents) == 1 and "manifestants" in documents[0].text
        return
    assert documents == []
    (skipped,) = corpus.skipped
    assert f"HTML elements nested {depth + 4} levels deep" in skipped.message
    assert "limit of 255" in skipped.message and "no article text" not in skipped.message


def test_shallow_page_without_text_still_says_no_text(tmp_path):
    from framing.ingest.html import nesting_depth

    assert nesting_depth("<html><body>" + "<p>un<p>deux" * 400 + "</body></html>") < 10


# -- 14. a YAML quote left open ------------------------------------------------------------------


def test_yaml_open_quote_is_reported_where_it_opens(tmp_path):
    from framing.io.yamlfile import load_yaml

    path = tmp_path / "entries.yaml"
    lines = [f"key{n}: value {n}" for n in range(1, 25)]
    lines += ['key25: "an open quote', "key26: more", "key27: and more", "key28: end"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as error:
        load_yaml(path)
    message = str(error.value)
    assert message.startswith(f"{path}:25: YAML syntax error: a quote opened on this line")
    assert "at line 29" in message


# -- 8. Unicode: decomposed accents and soft hyphens -----------------------------------------


def test_decomposed_accents_and_soft_hyphens_match_with_exact_offsets(annotate_text):
    article = "Les e\u0301meutiers ont été disper\u00adsés hier soir."
    document = annotate_text(article)
    label = next(m for m in document.mentions if m.category == "actor_label")
    assert (label.text, label.entry) == ("e\u0301meutiers", "actor.emeutier")
    passive = next(m for m in document.mentions if m.category == "agentless_passive")
    assert passive.text == "ont été disper\u00adsés"
    for mention in document.mentions:
        assert mention.text == article[mention.start : mention.end]
    plain = annotate_text("Les émeutiers ont été dispersés hier soir.")
    assert [(m.category, m.entry) for m in plain.mentions] == [
        (m.category, m.entry) for m in document.mentions
    ]


def test_view_maps_every_token_back_onto_the_original(parser, tmp_path):
    from framing.parsing.cache import ParseCache
    from framing.types import Document

    article = "Le pre\u0301fet a parle\u0301 des ve\u0301hi\u00adcules incendie\u0301s.\n"
    parsed = parser.parse(Document(id="v", text=article))
    parsed.check_offsets()
    surfaces = [token.text for token in parsed.tokens()]
    assert "pre\u0301fet" in surfaces and "ve\u0301hi\u00adcules" in surfaces
    words = [word.text for token in parsed.tokens() for word in token.words]
    assert "préfet" in words and "véhicules" in words
    cache = ParseCache(tmp_path / "cache", parser)
    cache.put(parsed)
    again = cache.get(Document(id="v", text=article))
    assert again is not None
    assert [(t.start, t.end, [w.text for w in t.words]) for t in again.tokens()] == [
        (t.start, t.end, [w.text for w in t.words]) for t in parsed.tokens()
    ]


def test_texts_without_decomposed_accents_or_soft_hyphens_parse_as_before(parser, tmp_path):
    """No view, and the very cache key the earlier code computed: old entries still hit."""
    import hashlib

    from framing.parsing.cache import ParseCache
    from framing.parsing.textview import text_view

    plain = "Les émeutiers ont été dispersés. L’État « réagit »\u00a0!"
    assert text_view(plain) is None
    cache = ParseCache(tmp_path / "cache", parser)
    old_key = hashlib.sha256((cache._salt + plain).encode("utf-8")).hexdigest()
    assert cache.key(plain) == old_key
    decomposed = "Les e\u0301meutiers."
    assert cache.key(decomposed) != hashlib.sha256((cache._salt + decomposed).encode()).hexdigest()


def test_text_view_spans():
    from framing.parsing.textview import text_view

    article = "a\u00adb e\u0301t\u00e9"
    view = text_view(article)
    assert view is not None and view.text == "ab été"
    assert view.original_span(0, 2) == (0, 3)  # "ab" covers the soft hyphen
    assert view.original_span(3, 6) == (4, 8)  # "été": the composed é spans two characters
    assert article[4:8] == "e\u0301t\u00e9"


# -- 5. long documents: progress inside the document, chunks kept across an interrupt -----------


def _long_article() -> str:
    paragraphs = [
        f"Paragraphe {n}. Les manifestants ont défilé dans la ville numéro {n}. "
        f"Des émeutiers ont été dispersés près de la place {n}, selon la préfecture."
        for n in range(1, 25)
    ]
    return "\n\n".join(paragraphs) + "\n"


def _small_chunk_parser(parser):
    """The session's model with 1,000-character chunks (the loaded pipeline is shared)."""
    from framing.parsing.parser import ParseOptions, Parser

    small = Parser(model=parser.model, options=ParseOptions(max_chunk_chars=1000))
    small._loaded = parser._pipeline
    return small


def test_an_interrupted_long_document_continues_from_its_last_chunk(parser, tmp_path):
    from framing.parsing.cache import ParseCache, encode_parse
    from framing.parsing.parser import ParseWarning, split_into_chunks
    from framing.types import Document

    article = _long_article()
    chunks = len(split_into_chunks(article, 1000))
    assert chunks >= 4
    document = Document(id="long", text=article)
    with pytest.warns(ParseWarning):
        reference = _small_chunk_parser(parser).parse(document)

    interrupted = _small_chunk_parser(parser)
    cache = ParseCache(tmp_path / "cache", interrupted)
    assert interrupted.chunk_store is cache
    seen: list[tuple[str, int, int]] = []

    def stop_after_two(document_id: str, done: int, total: int) -> None:
        seen.append((document_id, done, total))
        if done == 2:
            raise KeyboardInterrupt

    interrupted.on_chunk = stop_after_two
    with pytest.warns(ParseWarning), pytest.raises(KeyboardInterrupt):
        cache.parse(document)
    assert seen == [("long", 1, chunks), ("long", 2, chunks)]
    assert cache.get(document) is None  # the document is not done ...
    assert len(list((tmp_path / "cache").glob("*/*.json.gz"))) == 2  # ... two chunks are

    resumed = _small_chunk_parser(parser)
    cache = ParseCache(tmp_path / "cache", resumed)
    parsed_chunks: list[str] = []
    original = resumed._parse_chunk
    resumed._parse_chunk = lambda doc, chunk, offset: (
        parsed_chunks.append(chunk) or original(doc, chunk, offset)
    )
    with pytest.warns(ParseWarning):
        result = cache.parse(document)
    assert len(parsed_chunks) == chunks - 2
    assert encode_parse(result) == encode_parse(reference)
    assert [s.sent_id for s in result.sentences] == [s.sent_id for s in reference.sentences]


def test_progress_line_shows_the_chunk_inside_a_long_document():
    import io

    from framing.progress import Progress

    stream = io.StringIO()
    progress = Progress(total=3, enabled=True, stream=stream)
    progress.chunk("long", 1, 404)
    progress._last = 0.0
    progress.chunk("long", 2, 404)
    assert "0/3 documents" in stream.getvalue()
    assert "long: chunk 2/404, ETA" in stream.getvalue()
    quiet = io.StringIO()
    Progress(enabled=False, stream=quiet).chunk("long", 1, 404)
    assert quiet.getvalue() == ""


def test_text_view_spans_never_overlap_and_cover_the_original():
    """Seeded random strings of bases, marks, soft hyphens, singletons and spaces."""
    import itertools
    import random
    import unicodedata

    from framing.parsing.textview import text_view

    pieces = ["a", "e", "\u0301", "\u0300", "\u0327", "\u00ad", " ", "é", "\u212b", "\n", "c"]
    generator = random.Random(22)
    checked = 0
    for _ in range(2000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 24)))
        view = text_view(text)
        if view is None:
            assert "\u00ad" not in text and unicodedata.is_normalized("NFC", text)
            continue
        checked += 1
        assert "\u00ad" not in view.text
        assert view.text == unicodedata.normalize("NFC", view.text)
        assert unicodedata.normalize("NFC", text.replace("\u00ad", "")) == view.text
        spans = [view.original_span(i, i + 1) for i in range(len(view.text))]
        for (start, end), (next_start, next_end) in itertools.pairwise(spans):
            assert next_start >= end or (start, end) == (next_start, next_end)
        assert view.original_span(0, len(view.text))[1] <= len(text)
    assert checked > 1000
