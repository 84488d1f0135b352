"""Parse cache, worker processes, resume after a kill, and the Dask engine."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from framing.io.conllu import document_to_conllu
from framing.parsing.cache import CacheWarning, ParseCache, decode_parse, encode_parse
from framing.parsing.engine import ParseEngine
from framing.types import Document

TEXTS = [
    "Le ministre a déploré la décision. Les manifestants sont restés sur la place.",
    "« Les émeutiers seront punis », a déclaré le porte-parole du gouvernement.",
    "Selon la police, vingt personnes ont été arrêtées dans la nuit.",
    "Les forces de maintien de la paix sont arrivées à l'aéroport de la capitale.",
    "Le président a qualifié mardi de tentative de coup d'État les violences de janvier.",
    "Des casseurs ont incendié la mairie, a affirmé le préfet.",
]


def _docs() -> list[Document]:
    return [Document(id=f"d{i}", text=t, outlet="A") for i, t in enumerate(TEXTS)]


def test_cache_miss_then_hit_gives_the_same_parse(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    first = cache.parse(Document(id="x", text=TEXTS[0]))
    assert (cache.stats.hits, cache.stats.misses) == (0, 1)
    second = cache.parse(Document(id="y", text=TEXTS[0], outlet="B"))
    assert (cache.stats.hits, cache.stats.misses) == (1, 1)
    assert second.id == "y" and second.outlet == "B"
    assert (
        document_to_conllu(second).replace("y-", "x-").split("\n", 2)[2]
        == (document_to_conllu(first).split("\n", 2)[2])
    )


def test_cache_key_depends_on_text_and_model(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    assert cache.key("a") != cache.key("b")
    assert cache.key("a") == ParseCache(tmp_path / "other", parser).key("a")


def test_corrupt_entry_is_detected_and_replaced(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    doc = Document(id="x", text=TEXTS[1])
    cache.parse(doc)
    entry = cache.path(cache.key(doc.text))
    entry.write_bytes(gzip.compress(b"# newdoc id = x\n1\tgarbage\n"))
    with pytest.warns(CacheWarning, match="corrupt cache entry"):
        again = cache.parse(doc)
    assert cache.stats.corrupt == 1 and cache.stats.misses == 2
    again.check_offsets()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cache.parse(doc).sentences  # the replaced entry reads cleanly


def test_truncated_entry_is_detected(parser, tmp_path):
    cache = ParseCache(tmp_path, parser)
    doc = Document(id="x", text=TEXTS[2])
    cache.parse(doc)
    entry = cache.path(cache.key(doc.text))
    entry.write_bytes(entry.read_bytes()[:20])
    with pytest.warns(CacheWarning):
        cache.parse(doc)


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("first token's end", lambda s: s[0][0].__setitem__(1, s[0][0][1] + 1)),
        ("space after a token", lambda s: s[0][0].__setitem__(2, "  ")),
        ("last sentence dropped", lambda s: s.pop()),
        ("a token's words", lambda s: s[0][0].__setitem__(3, 7)),
    ],
)
def test_entry_that_does_not_rebuild_the_text_is_corrupt(parser, tmp_path, where, change):
    cache = ParseCache(tmp_path, parser)
    doc = Document(id="x", text=TEXTS[0])
    cache.parse(doc)
    entry = cache.path(cache.key(doc.text))
    payload = json.loads(gzip.decompress(entry.read_bytes()))
    change(payload["sentences"])
    entry.write_bytes(gzip.compress(json.dumps(payload).encode("utf-8")))
    with pytest.warns(CacheWarning, match="corrupt cache entry"):
        again = cache.parse(doc)
    assert cache.stats.corrupt == 1, where
    assert document_to_conllu(again) == document_to_conllu(cache.parse(doc))


def test_entry_format_round_trips_exactly(parser):
    text = "  " + TEXTS[1] + "\n\n" + TEXTS[3] + " \n"  # leading and trailing space kept
    parsed = parser.parse(Document(id="x", text=text))
    again = Document(id="x", text=text, sentences=decode_parse(encode_parse(parsed), text))
    for sentence in again.sentences:
        sentence.sent_id = parsed.sentences[sentence.index].sent_id
    assert document_to_conllu(again) == document_to_conllu(parsed)
    with pytest.raises(ValueError, match="tokens end at"):
        decode_parse(encode_parse(parsed), text + "en plus")


def test_jobs_two_equals_jobs_one(parser):
    one = [document_to_conllu(d) for d in ParseEngine(parser, jobs=1).parse_stream(_docs())]
    with ParseEngine(parser, jobs=2, window=4) as engine:
        two = [document_to_conllu(d) for d in engine.parse_stream(_docs())]
    assert one == two


def test_dask_local_cluster_equals_local(parser):
    pytest.importorskip("dask.distributed")
    local = [document_to_conllu(d) for d in ParseEngine(parser).parse_stream(_docs()[:3])]
    with ParseEngine(parser, jobs=1, engine="dask") as engine:
        remote = [document_to_conllu(d) for d in engine.parse_stream(_docs()[:3])]
    assert local == remote


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        text = TEXTS[i % len(TEXTS)] + f" Ceci est l'article numéro {i}."
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _annotate_cmd(corpus: Path, out: Path, cache: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "framing.cli",
        "annotate",
        str(corpus),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--quiet",
    ]


def test_kill_and_resume_gives_the_uninterrupted_output(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 24)
    reference = tmp_path / "reference"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(
        _annotate_cmd(corpus, reference, tmp_path / "cache1"),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "interrupted"
    process = subprocess.Popen(
        _annotate_cmd(corpus, out, tmp_path / "cache2"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    partial = out / "annotations.jsonl.partial"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if partial.is_file() and partial.read_bytes().count(b"\n") >= 5:
            break
        if process.poll() is not None:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (out / "annotations.jsonl").exists()
    resumed = subprocess.run(
        _annotate_cmd(corpus, out, tmp_path / "cache2"),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "annotations.jsonl").read_bytes() == (
        reference / "annotations.jsonl"
    ).read_bytes()
    assert not partial.exists()


def test_cache_info_and_clear_touch_only_cache_files(parser, tmp_path):
    from click.testing import CliRunner

    from framing.cli import cli

    cache = ParseCache(tmp_path, parser)
    for document in _docs()[:2]:
        cache.parse(document)
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    (tmp_path / "ab").mkdir(exist_ok=True)
    (tmp_path / "ab" / ".tmp-123.gz").write_bytes(b"half")  # an interrupted write
    (tmp_path / "ab" / ("ab" + "0" * 62 + ".conllu.gz")).write_bytes(b"old")  # format 1
    runner = CliRunner()

    info = runner.invoke(cli, ["cache", "info", "--cache", str(tmp_path)])
    assert info.exit_code == 0, info.output
    assert "3 parses" in info.output and "1 files left by interrupted writes" in info.output

    refused = runner.invoke(cli, ["cache", "clear", "--cache", str(tmp_path)], input="n\n")
    assert refused.exit_code == 1 and len(list(tmp_path.rglob("*.json.gz"))) == 2

    cleared = runner.invoke(cli, ["cache", "clear", "--cache", str(tmp_path), "--yes"])
    assert cleared.exit_code == 0 and "4 files deleted" in cleared.output
    assert not list(tmp_path.rglob("*.gz"))
    assert keep.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]

    again = runner.invoke(cli, ["cache", "clear", "--cache", str(tmp_path), "--yes"])
    assert "nothing to clear" in again.output


def test_annotating_leaves_no_reference_cycles(annotator, parser):
    """Documents are freed as soon as they are written, without the garbage
    collector: what lets a batch run tune the collector down (pipeline.batch_gc)
    and keeps memory flat. A recursive closure once kept every sentence alive.
    (Only framing's own objects are counted: threads left by other tests, such
    as Dask's, may make garbage of their own meanwhile.)"""
    import gc

    document = parser.parse(Document(id="x", text=" ".join(TEXTS)))
    annotator.annotate(document).to_record()  # once-per-process set-up may leave cycles
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(3):
            annotator.annotate(document).to_record()
        gc.collect()
        ours = [
            o
            for o in gc.garbage
            if (getattr(o, "__module__", None) or type(o).__module__ or "").startswith("framing")
        ]
        assert ours == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_batch_gc_restores_the_collector():
    import gc

    from framing.pipeline import batch_gc

    before = gc.get_threshold()
    with batch_gc():
        assert gc.get_threshold()[0] >= 10_000 and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
