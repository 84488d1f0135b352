"""Ingest: every corpus shape -> Documents with the exact text, bad input set aside."""

from __future__ import annotations

import codecs
import json
import tempfile
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.cli.ingest import ingest_command
from framing.errors import InputError
from framing.ingest import IngestOptions, Skipped, read_corpus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "steppe"


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora are needed for this test")
    return path


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read_all(*inputs: Path, **options):
    corpus = read_corpus(list(inputs), IngestOptions(**options))
    return list(corpus), corpus.skipped


def messages(skipped: list[Skipped]) -> list[str]:
    return [item.message for item in skipped]


# --- plain text and folders ------------------------------------------------------------------


def test_text_file_is_one_document_with_the_exact_text(tmp_path):
    path = write(
        tmp_path / "art-1.txt",
        codecs.BOM_UTF8 + "Titre\r\n\r\nLe\u00a0texte « cité ».\r\n".encode(),
    )
    docs, skipped = read_all(path)
    assert skipped == []
    [doc] = docs
    assert doc.id == "art-1"
    assert doc.text == "Titre\r\n\r\nLe\u00a0texte « cité ».\r\n"
    assert doc.language == "fr" and doc.outlet is None
    assert doc.metadata == {"source": str(path)}


def test_folder_without_manifest_reads_every_txt_in_name_order(tmp_path):
    write(tmp_path / "b.txt", "deux")
    write(tmp_path / "a.txt", "un")
    write(tmp_path / "notes.md", "ignored")
    docs, _ = read_all(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("a", "un"), ("b", "deux")]


def test_folder_with_manifest_csv(tmp_path):
    write(tmp_path / "x.txt", "Texte X")
    write(tmp_path / "y.txt", "Texte Y")
    write(
        tmp_path / "manifest.csv",
        "file,id,outlet,date,title,url,language,section\n"
        "y.txt,,Le Quotidien,2024-01-05,Un titre,https://example.org/y,fr,Monde\n"
        "x.txt,art-x,La Feuille,2024-01,,,,\n",
    )
    docs, skipped = read_all(tmp_path)
    assert skipped == []
    y, x = docs
    assert (y.id, y.outlet, y.date, y.title, y.language) == (
        "y",
        "Le Quotidien",
        "2024-01-05",
        "Un titre",
        "fr",
    )
    assert y.metadata == {
        "section": "Monde",
        "source": str(tmp_path / "y.txt"),
        "url": "https://example.org/y",
    }
    assert (x.id, x.outlet, x.date, x.title, x.text) == (
        "art-x",
        "La Feuille",
        "2024-01",
        None,
        "Texte X",
    )


def test_manifest_yaml_given_directly(tmp_path):
    write(tmp_path / "texts" / "a.txt", "Texte A")
    manifest = write(
        tmp_path / "corpus.yaml",
        "documents:\n  - file: texts/a.txt\n    outlet: Le Soir\n    date: 2024-01-06\n"
        "  - just a string\n",
    )
    docs, skipped = read_all(manifest)
    assert [(d.id, d.outlet, d.date) for d in docs] == [("a", "Le Soir", "2024-01-06")]
    assert messages(skipped) == [f"{manifest}, entry 2: entry is not a mapping of fields"]


def test_manifest_rows_with_problems_skip_only_themselves(tmp_path):
    write(tmp_path / "ok.txt", "Bon texte")
    write(tmp_path / "empty.txt", "")
    manifest = write(
        tmp_path / "manifest.csv",
        "file,outlet,date\nmissing.txt,A,\n,A,\nempty.txt,A,\nok.txt,A,07/01/2024\nok.txt,A,2024-01-07\n",
    )
    docs, skipped = read_all(manifest)
    assert [d.id for d in docs] == ["ok"]
    assert messages(skipped) == [
        f'{manifest}:2: no such file "missing.txt"',
        f'{manifest}:3: row has no "file"',
        f"{tmp_path / 'empty.txt'}: file is empty",
        f'{manifest}:5: "date" must be a date written YYYY-MM-DD, YYYY-MM or YYYY (or null), '
        "got '07/01/2024'",
    ]
    assert skipped[2].location == ""


def test_manifest_without_file_column_is_one_skipped_file(tmp_path):
    manifest = write(tmp_path / "manifest.csv", "id,outlet\na,B\n")
    docs, skipped = read_all(manifest)
    assert docs == []
    assert messages(skipped) == [
        f"{manifest}: no 'file' column (columns: id, outlet); map one with --column"
    ]


def test_folder_with_two_manifests_is_refused(tmp_path):
    write(tmp_path / "manifest.csv", "file\n")
    write(tmp_path / "manifest.yaml", "[]\n")
    _, skipped = read_all(tmp_path)
    assert messages(skipped) == [
        f"{tmp_path}: has both manifest.csv and manifest.yaml; keep one manifest"
    ]


def test_seeds_manifest_loads():
    manifest = shared("corpora", "seeds", "manifest.csv")
    docs, skipped = read_all(manifest)
    assert skipped == []
    assert [(d.id, d.outlet, d.date, d.language) for d in docs] == [
        ("seed-000", "site-a", "2022-01-07", "fr"),
        ("seed-003", "swiss-daily", "2022-01-11", "fr"),
    ]
    for doc in docs:
        raw = Path(doc.metadata["source"]).read_bytes().decode("utf-8-sig")
        assert doc.text == raw


def test_example_corpus_loads_with_three_outlets():
    docs, skipped = read_all(EXAMPLES)
    assert skipped == []
    outlets = {d.outlet for d in docs}
    assert outlets == {"Le Courrier des Steppes", "La Gazette libre", "Dépêche Centrale"}
    for outlet in outlets:
        assert sum(d.outlet == outlet for d in docs) >= 3
    for doc in docs:
        assert 250 <= len(doc.text.split()) <= 470, (doc.id, len(doc.text.split()))
        assert doc.date.startswith("2024-01-") and doc.title


# --- JSONL -----------------------------------------------------------------------------------


def test_jsonl_fields_and_metadata(tmp_path):
    path = write(
        tmp_path / "corpus.jsonl",
        json.dumps(
            {
                "id": 7,
                "text": "Un texte\r\nsur deux lignes",
                "outlet": "A",
                "date": "2024-01-05T08:30:00Z",
                "url": "https://example.org/7",
                "section": "Monde",
                "metadata": {"author": "X"},
            },
            ensure_ascii=False,
        )
        + "\n\n",
    )
    [doc], skipped = read_all(path)
    assert skipped == []
    assert (doc.id, doc.text, doc.outlet, doc.date) == (
        "7",
        "Un texte\r\nsur deux lignes",
        "A",
        "2024-01-05",
    )
    assert doc.metadata == {"author": "X", "section": "Monde", "url": "https://example.org/7"}


def test_jsonl_bad_records_are_skipped_one_by_one(tmp_path):
    path = write(
        tmp_path / "corpus.jsonl",
        '{"id": "a", "text": "Premier"}\n'
        '{"id": "b", "text": "Deuxième", "language": "french"}\n'
        '{"id": "c", "text" "x"}\n'
        '["not", "an", "object"]\n'
        '{"id": "e", "title": "sans texte"}\n'
        '{"id": "f", "text": "   "}\n'
        '{"text": "sans id"}\n'
        '{"id": "h", "text": "Dernier"}\n'
        '{"id": "i", "text": "coupé au mil',
    )
    docs, skipped = read_all(path)
    assert [d.id for d in docs] == ["a", "h"]
    assert messages(skipped) == [
        f'{path}:2: "language" must be a 2- or 3-letter lowercase language code such as fr, '
        "got 'french'",
        f"{path}:3: malformed JSON (Expecting ':' delimiter, column 20)",
        f"{path}:4: record is a list, not a JSON object",
        f'{path}:5: record has no "text"',
        f'{path}:6: record has an empty "text"',
        f'{path}:7: record has no "id"',
        f"{path}:9: truncated JSON: the file ends inside this record "
        "(Unterminated string starting at column 21)",
    ]
    assert [s.kind for s in skipped] == [
        "invalid field",
        "malformed",
        "malformed",
        "missing field",
        "empty",
        "missing field",
        "truncated",
    ]
    assert skipped[1].location == "line 3"


def test_jsonl_malformed_json_names_the_column(tmp_path):
    path = write(
        tmp_path / "corpus.jsonl",
        '{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n{"id": "c" "text": "z"}\n',
    )
    docs, skipped = read_all(path)
    assert [d.id for d in docs] == ["a", "b"]
    assert messages(skipped) == [f"{path}:3: malformed JSON (Expecting ',' delimiter, column 12)"]


def test_jsonl_column_mapping(tmp_path):
    path = write(
        tmp_path / "c.jsonl",
        '{"key": "k1", "body": "Texte", "source": "Le Monde", "text": "autre"}\n'
        '{"key": "k2", "content": "oublié"}\n',
    )
    columns = {"id": "key", "text": "body", "outlet": "source"}
    docs, skipped = read_all(path, columns=columns)
    assert [(d.id, d.text, d.outlet, d.metadata) for d in docs] == [
        ("k1", "Texte", "Le Monde", {"text": "autre"})
    ]
    assert messages(skipped) == [f'{path}:2: record has no "body" (mapped to text)']


def test_orangesum_sample_streams():
    path = shared("corpora", "orangesum", "sample.jsonl")
    corpus = read_corpus([path])
    docs = list(islice(corpus, 50))
    assert len(docs) == 50
    assert all(d.text and d.id.startswith("orangesum-") for d in docs)
    assert len({d.id for d in docs}) == 50


# --- CSV / TSV / Parquet ---------------------------------------------------------------------


def test_csv_with_column_mapping_and_bad_rows(tmp_path):
    path = write(
        tmp_path / "x.csv",
        "key,body,source,published\r\n"
        'a,"Texte, avec virgule\r\net retour",Le Soir,2024-01-05\r\n'
        "b,Deux,Le Soir,hier\r\n"
        "c,Trois,Le Soir\r\n"
        "\r\n"
        'd,"Quatre ""cité""",Le Soir,\r\n'
        'e,"jamais fermé,X,2024\r\n',
    )
    columns = {"id": "key", "text": "body", "outlet": "source", "date": "published"}
    docs, skipped = read_all(path, columns=columns)
    assert [(d.id, d.text, d.date) for d in docs] == [
        ("a", "Texte, avec virgule\r\net retour", "2024-01-05"),
        ("d", 'Quatre "cité"', None),
    ]
    assert messages(skipped) == [
        f'{path}:4: "published" (mapped to date) must be a date written YYYY-MM-DD, YYYY-MM or '
        "YYYY (or null), got 'hier'",
        f"{path}:5: row has 3 cells, the header has 4",
        f"{path}:8: truncated: the file ends inside a quoted cell",
    ]


def test_csv_without_the_text_column_is_one_skipped_file(tmp_path):
    bad = write(tmp_path / "bad.csv", "id,body\na,Texte\n")
    good = write(tmp_path / "good.csv", "id,text\nb,Texte B\n")
    docs, skipped = read_all(bad, good)
    assert [d.id for d in docs] == ["b"]
    assert messages(skipped) == [
        f"{bad}: no 'text' column (columns: id, body); map one with --column"
    ]
    assert skipped[0].location == ""


def test_tsv(tmp_path):
    path = write(tmp_path / "x.tsv", "id\ttext\toutlet\n1\tUn texte\tA\n2\tAutre\t\n")
    docs, skipped = read_all(path)
    assert skipped == []
    assert [(d.id, d.text, d.outlet) for d in docs] == [
        ("1", "Un texte", "A"),
        ("2", "Autre", None),
    ]


def test_parquet_in_batches(tmp_path):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "x.parquet"
    table = pa.table(
        {
            "id": [f"p{i}" for i in range(600)],
            "text": [f"Texte {i}\r\n" if i != 3 else None for i in range(600)],
            "date": [datetime.date(2024, 1, 5)] * 600,
            "views": list(range(600)),
        }
    )
    pq.write_table(table, path)
    docs, skipped = read_all(path)
    assert len(docs) == 599
    assert (docs[0].id, docs[0].text, docs[0].date, docs[0].metadata) == (
        "p0",
        "Texte 0\r\n",
        "2024-01-05",
        {"views": 0},
    )
    assert messages(skipped) == [f'{path}, row 4: record has no "text"']


def test_invalid_parquet_is_one_skipped_file(tmp_path):
    path = write(tmp_path / "x.parquet", b"PAR1 this is not parquet at all")
    docs, skipped = read_all(path)
    assert docs == []
    [item] = skipped
    assert item.location == "" and item.kind == "malformed"
    assert item.reason.startswith("not a valid Parquet file (")
    assert item.message == f"{path}: {item.reason}"


# --- HTML and CoNLL-U ------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Des manifestations à Tarsk | La Gazette</title>
<meta property="og:site_name" content="La Gazette libre">
<meta property="article:published_time" content="2024-01-06T10:00:00+00:00"></head>
<body><nav>Accueil &gt; International</nav><article><h1>Des manifestations à Tarsk</h1>
<p>Des milliers de manifestants se sont rassemblés samedi sur la place centrale de Tarsk pour
protester contre la hausse du prix du carburant, selon des témoins présents sur place.</p>
<p>« Nous ne sommes pas des terroristes », a déclaré un enseignant de quarante ans, venu avec
ses deux enfants. La police a dispersé la foule dans la soirée, sans faire de blessés.</p>
</article><footer>Mentions légales</footer></body></html>
"""


def test_html_main_text_and_metadata(tmp_path):
    pytest.importorskip("trafilatura", reason="trafilatura (with lxml_html_clean) is needed")
    path = write(tmp_path / "page.html", PAGE)
    [doc], skipped = read_all(path)
    assert skipped == []
    assert (doc.id, doc.title, doc.date, doc.outlet) == (
        "page",
        "Des manifestations à Tarsk",
        "2024-01-06",
        "La Gazette libre",
    )
    assert "« Nous ne sommes pas des terroristes »" in doc.text
    assert "Mentions légales" not in doc.text and "<p>" not in doc.text


def test_html_without_article_text(tmp_path):
    pytest.importorskip("trafilatura", reason="trafilatura (with lxml_html_clean) is needed")
    path = write(tmp_path / "blank.html", "<html><body></body></html>")
    _, skipped = read_all(path)
    assert messages(skipped) == [f"{path}: no article text found in the HTML"]


def test_conllu_documents_keep_their_parse(tmp_path):
    from framing.io.conllu import document_to_conllu
    from tests.helpers import conllu_doc

    doc = conllu_doc([("Bonjour", "bonjour", "INTJ", 0, "root")], doc_id="c1")
    doc.outlet = "A"
    path = write(tmp_path / "c.conllu", document_to_conllu(doc))
    [read], skipped = read_all(path)
    assert skipped == []
    assert (read.id, read.text, read.outlet) == ("c1", doc.text, "A")
    assert read.sentences and read.sentences[0].tokens[0].text == "Bonjour"


# --- bad input files -------------------------------------------------------------------------


def test_empty_and_blank_files(tmp_path):
    empty = write(tmp_path / "a.txt", b"")
    bom_only = write(tmp_path / "b.txt", codecs.BOM_UTF8)
    blank = write(tmp_path / "c.txt", " \r\n\t\n")
    jsonl = write(tmp_path / "d.jsonl", "\n\n")
    docs, skipped = read_all(empty, bom_only, blank, jsonl)
    assert docs == []
    assert messages(skipped) == [
        f"{empty}: file is empty",
        f"{bom_only}: file is empty",
        f"{blank}: file has only whitespace, no text",
        f"{jsonl}: no records (only blank lines)",
    ]
    assert {s.kind for s in skipped} == {"empty"}


def test_wrong_encoding_is_reported_then_decoded_when_named(tmp_path):
    path = write(tmp_path / "latin.txt", "première ligne\nla société".encode("latin-1"))
    docs, skipped = read_all(path)
    assert docs == []
    [item] = skipped
    assert (item.location, item.kind) == ("", "encoding")
    assert item.reason == (
        "line 1, column 6: not valid utf-8 (byte 0xe8); pass --encoding (e.g. --encoding latin-1) "
        "if it is not UTF-8"
    )
    assert item.message == (
        f"{path}:1:6: not valid utf-8 (byte 0xe8); pass --encoding (e.g. --encoding latin-1) "
        "if it is not UTF-8"
    )
    [doc], _ = read_all(path, encoding="latin-1")
    assert doc.text == "première ligne\nla société"


def test_binary_file(tmp_path):
    path = write(tmp_path / "img.jsonl", b"GIF89a\n\x00\x01\x02")
    _, skipped = read_all(path)
    assert messages(skipped) == [f"{path}:2:1: binary content (NUL byte), not a text file"]
    assert skipped[0].kind == "binary"


def test_oversized_file(tmp_path):
    path = write(tmp_path / "big.txt", b"x" * 2000)
    _, skipped = read_all(path, max_bytes=1000)
    assert messages(skipped) == [
        f"{path}: file is 2,000 bytes, over the 1,000-byte limit (raise it with --max-bytes)"
    ]
    assert skipped[0].kind == "too large"


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    first = write(tmp_path / "1.txt", "Un")
    bad = write(tmp_path / "2.txt", b"\xff\xfe\x00")
    last = write(tmp_path / "3.jsonl", '{"id": "z", "text": "Trois"}\n')
    docs, skipped = read_all(first, bad, last)
    assert [d.id for d in docs] == ["1", "z"]
    assert [s.source for s in skipped] == [str(bad)]


def test_usage_mistakes_fail_at_once(tmp_path):
    write(tmp_path / "a.docx", "x")
    with pytest.raises(InputError) as info:
        read_corpus([tmp_path / "a.docx"])
    assert str(info.value) == (
        f"{tmp_path / 'a.docx'}: unknown file type '.docx'; pass --format "
        "(one of: text, manifest, jsonl, csv, tsv, parquet, html, conllu)"
    )
    with pytest.raises(InputError, match=r"nope: no such file or folder"):
        read_corpus([tmp_path / "nope"])
    with pytest.raises(InputError, match=r"^unknown input format 'xml'"):
        read_corpus([tmp_path], IngestOptions(format="xml"))
    with pytest.raises(InputError, match=r"^--column body=texte: unknown field 'body'"):
        read_corpus([tmp_path], IngestOptions(columns={"body": "texte"}))
    with pytest.raises(InputError, match=r"^language 'French' is not a 2- or 3-letter"):
        read_corpus([tmp_path], IngestOptions(language="French"))
    with pytest.raises(InputError, match=r"^unknown encoding 'klingon'"):
        read_corpus([tmp_path], IngestOptions(encoding="klingon"))


def test_explicit_format_overrides_the_extension(tmp_path):
    path = write(tmp_path / "export.dat", '{"id": "a", "text": "A"}\n')
    docs, _ = read_all(path, format="jsonl")
    assert [d.id for d in docs] == ["a"]


def test_folder_with_an_explicit_format_reads_its_files_of_that_type(tmp_path):
    write(tmp_path / "b.jsonl", '{"id": "b", "text": "B"}\n')
    write(tmp_path / "a.ndjson", '{"id": "a", "text": "A"}\n')
    write(tmp_path / "c.txt", "C")
    docs, _ = read_all(tmp_path, format="jsonl")
    assert [d.id for d in docs] == ["a", "b"]


# --- duplicates, strict mode, laziness -------------------------------------------------------


def test_duplicates_keep_the_first(tmp_path):
    path = write(
        tmp_path / "d.jsonl",
        '{"id": "a", "text": "Même texte"}\n'
        '{"id": "a", "text": "Autre texte"}\n'
        '{"id": "b", "text": "Même texte"}\n',
    )
    other = write(tmp_path / "a.txt", "Encore autre")
    docs, skipped = read_all(path, other)
    assert [(d.id, d.text) for d in docs] == [("a", "Même texte")]
    assert messages(skipped) == [
        f'{path}:2: duplicate id "a" (first read at {path}:1)',
        f'{path}:3: duplicate text: same as "a" (first read at {path}:1)',
        f'{other}: duplicate id "a" (first read at {path}:1)',
    ]
    assert [s.kind for s in skipped] == ["duplicate id", "duplicate text", "duplicate id"]


def test_strict_raises_at_the_first_problem_and_keeps_what_was_read(tmp_path):
    path = write(
        tmp_path / "d.jsonl",
        '{"id": "a", "text": "Un"}\n{"id": "a", "text": "Deux"}\n{"id": "c", "text": "Trois"}\n',
    )
    corpus = read_corpus([path], IngestOptions(strict=True))
    seen = []
    with pytest.raises(InputError) as info:
        for doc in corpus:
            seen.append(doc)
    assert str(info.value) == f'{path}:2: duplicate id "a" (first read at {path}:1)'
    assert [(d.id, d.text) for d in seen] == [("a", "Un")]


def test_strict_keeps_the_exact_decoding_error(tmp_path):
    path = write(tmp_path / "latin.txt", "é".encode("latin-1"))
    with pytest.raises(InputError) as info:
        list(read_corpus([path], IngestOptions(strict=True)))
    assert str(info.value).startswith(f"{path}:1:1: not valid utf-8 (byte 0xe9)")


def test_corpus_is_lazy_and_reiterable(tmp_path):
    first = write(tmp_path / "a.txt", "Un")
    second = write(tmp_path / "b.txt", "Deux")
    corpus = read_corpus([first, second])
    iterator = iter(corpus)
    assert next(iterator).id == "a"
    second.unlink()  # not opened yet: the corpus streams
    assert list(iterator) == []
    assert messages(corpus.skipped) == [f"{second}: no such file"]
    write(second, "Deux")
    assert [d.id for d in corpus] == ["a", "b"]
    assert corpus.skipped == []


def test_summary_and_its_file(tmp_path):
    path = write(
        tmp_path / "d.jsonl",
        '{"id": "a", "text": "Un", "outlet": "B"}\n{"id": "a", "text": "Deux"}\n{"id": "c"}\n',
    )
    bad = write(tmp_path / "e.txt", b"")
    corpus = read_corpus([path, bad])
    summary = corpus.summary()  # runs a pass when none has run
    assert summary["records"] == 3 and summary["kept"] == 1 and summary["skipped"] == 3
    assert summary["complete"] is True
    assert summary["files_skipped"] == 1
    assert summary["kept_by_outlet"] == {"B": 1}
    assert summary["skipped_by_reason"] == {"duplicate id": 1, "empty": 1, "missing field": 1}
    assert summary["skipped_items"][0] == {
        "source": str(path),
        "location": "line 2",
        "reason": f'duplicate id "a" (first read at {path}:1)',
        "kind": "duplicate id",
    }
    target = corpus.write_summary(tmp_path / "out")
    assert target == tmp_path / "out" / "ingest_summary.json"
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == summary
    assert list(json.loads(text)) == sorted(summary)


# --- exact text, whatever the encoding details -----------------------------------------------

_TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
).filter(lambda t: t.strip() and not t.startswith("\ufeff"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, bom=st.booleans(), crlf=st.booleans())
def test_text_is_exactly_the_decoded_content(text, bom, crlf):
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(data)
        [doc] = list(read_corpus([path]))
        assert doc.text == text
        record = json.dumps({"id": "j", "text": text}, ensure_ascii=bom)
        jsonl = Path(folder) / "t.jsonl"
        jsonl.write_bytes((codecs.BOM_UTF8 if bom else b"") + record.encode("utf-8") + b"\r\n")
        [doc] = list(read_corpus([jsonl]))
        assert doc.text == text


# --- the command -----------------------------------------------------------------------------


def test_ingest_command_writes_corpus_and_summary(tmp_path):
    write(tmp_path / "in" / "a.txt", "Le texte\r\n")
    write(tmp_path / "in" / "manifest.csv", "file,outlet,title\na.txt,La Feuille,Titre\n")
    jsonl = write(tmp_path / "more.jsonl", '{"key": "k", "body": "Autre"}\n{"key": "k"}\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(
        ingest_command,
        [
            str(tmp_path / "in"),
            str(jsonl),
            "--out",
            str(out),
            "--column",
            "id=key",
            "--column",
            "text=body",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0] == {
        "date": None,
        "id": "a",
        "language": "fr",
        "metadata": {"source": str(tmp_path / "in" / "a.txt")},
        "outlet": "La Feuille",
        "text": "Le texte\r\n",
        "title": "Titre",
    }
    assert list(records[0]) == sorted(records[0])
    assert records[1]["id"] == "k" and records[1]["text"] == "Autre"
    summary = json.loads((out / "ingest_summary.json").read_text(encoding="utf-8"))
    assert (summary["kept"], summary["skipped"]) == (2, 1)
    assert "ingest: 2 documents kept, 1 skipped (1 missing field)" in result.stderr
    assert f'skipped: {jsonl}:2: record has no "body" (mapped to text)' in result.stderr
    assert result.stdout == f"{out / 'corpus.jsonl'}\t2 documents\n"


def test_ingest_command_strict_failure_is_one_line(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"id": "a", "text": "Un"}\n{"id": "a" "text": "x"}\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(ingest_command, [str(path), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert (
        result.stderr == f"error: {path}:2: malformed JSON (Expecting ',' delimiter, column 12)\n"
    )
    assert not (out / "corpus.jsonl").exists()
    assert not (out / "corpus.jsonl.tmp").exists()


def test_ingest_command_fatal_errors(tmp_path):
    empty = write(tmp_path / "e.txt", "")
    runner = CliRunner()
    result = runner.invoke(ingest_command, [str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: no documents kept from the inputs; see {tmp_path / 'o' / 'ingest_summary.json'}"
    )
    result = runner.invoke(
        ingest_command, [str(empty), "--out", str(tmp_path / "o"), "--column", "text"]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "error: --column 'text': expected FIELD=COLUMN\n",
    )
    result = runner.invoke(ingest_command, [str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {tmp_path / 'nope.txt'}: no such file or folder\n",
    )
