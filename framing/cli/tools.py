"""Commands for lexicon work: ``framing lexicon coverage|import|export``.

The work is done by :mod:`framing.tools`; these functions only read options and
print. (``framing evaluate`` is in :mod:`framing.cli.evaluate`.)"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from framing.annotation.annotator import Annotator
from framing.annotation.lexicon import Inventory
from framing.cli.common import cache_option, friendly_errors, no_cache_option
from framing.errors import InputError
from framing.pipeline import make_engine
from framing.tools.coverage import coverage, summary, write_csv
from framing.tools.exchange import (
    FORMATS,
    dump_lexicon,
    entries_without_examples,
    export_lexicon,
    import_lexicon,
    parse_defaults,
    parse_map,
    slug,
)
from framing.types import Document


@click.command("coverage")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The review CSV to write.",
)
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Lexicon folder or file (repeatable); a folder brings its rules/ and boilerplate/. "
    "Default: the bundled lexicons.",
)
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FRAMING_MODEL_DIR",
    default=None,
    help="Parsing model (default: $FRAMING_MODEL_DIR, else the embedded one).",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N documents.")
@click.option(
    "--min-count",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Candidate terms seen fewer times are left out.",
)
@click.option(
    "--top",
    "top_entries",
    type=click.IntRange(0),
    default=10,
    show_default=True,
    help="How many of the entries that fire most to print, with an example each.",
)
@click.option("--language", default="fr", show_default=True)
@cache_option
@no_cache_option
@friendly_errors
def coverage_command(
    corpus: tuple[Path, ...],
    out: Path,
    lexicons: tuple[Path, ...],
    model_dir: Path | None,
    limit: int | None,
    min_count: int,
    top_entries: int,
    language: str,
    cache_dir: Path | None = None,
    no_cache: bool = False,
) -> None:
    """Which entries fire on CORPUS, which never do, and frequent words the lexicon lacks.

    CORPUS is any input framing reads (text folders, JSONL, CSV, CoNLL-U ...);
    CoNLL-U parses are used as they are, other texts are parsed first, through the
    parse cache that annotate uses (a corpus annotated once is never parsed again).
    """
    from framing.ingest import IngestOptions, read_corpus

    # with references, as annotate --references: their entries are counted too
    annotator = Annotator.from_paths(list(lexicons) or None, language, True)
    source = read_corpus(list(corpus), IngestOptions())
    documents: Iterable[Document] = source
    if limit is not None:
        documents = itertools.islice(documents, limit)
    with make_engine(model_dir, language, cache_dir, no_cache) as engine:
        result = coverage(engine.parse_stream(documents), annotator)
    rows = write_csv(result, out, min_count)
    for skipped in getattr(source, "skipped", []):
        click.echo(f"skipped: {skipped.source} {skipped.location}: {skipped.reason}", err=True)
    click.echo(summary(result, min_count, top_entries=top_entries))
    click.echo(f"wrote {out} ({rows} rows)")


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="Source format.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Lexicon YAML."
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="SOURCE=CATEGORY[:FRAME[:VALENCE[:DETAIL]]]",
    help="Map a source category (or a dotted prefix of one) to ours; SOURCE=- skips it. "
    "DETAIL is the referent, stance or hedge type the category needs. Repeatable.",
)
@click.option(
    "--default",
    "default_specs",
    multiple=True,
    metavar="FIELD=VALUE",
    help="A value for entries whose mapping leaves FIELD unset (frame, valence, referent, "
    "stance, hedge_type). Repeatable.",
)
@click.option("--lexicon-name", default=None, help="The lexicon's name (default: from --out).")
@click.option(
    "--example-template",
    default=None,
    metavar="SENTENCE",
    help="Give each entry without example this sentence, {match} replaced by its words "
    '(e.g. "Le communiqué parle de {match} dans la capitale.").',
)
@click.option("--language", default="fr", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@friendly_errors
def import_command(
    file: Path,
    fmt: str,
    out: Path,
    maps: tuple[str, ...],
    default_specs: tuple[str, ...],
    lexicon_name: str | None,
    example_template: str | None,
    language: str,
    force: bool,
) -> None:
    """Import a quanteda YAML dictionary, a LIWC .dic file or a CSV as a lexicon file.

    Entries that end up without an example sentence are written but listed,
    and the command exits 1: add examples.match to each before using the file.
    """
    if out.exists() and not force:
        raise InputError(f"{out}: exists; give --force to overwrite it")
    inventory = Inventory.load()
    lexicon = import_lexicon(
        file,
        fmt,
        parse_map(maps, inventory),
        parse_defaults(default_specs, inventory),
        lexicon_name=lexicon_name or slug(out.stem) or None,
        language=language,
        example_template=example_template,
        inventory=inventory,
        warn=_warn,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        f"# Imported by framing lexicon import from {file} ({fmt}).\n" + dump_lexicon(lexicon),
        encoding="utf-8",
    )
    click.echo(f"wrote {out}: {len(lexicon['entries'])} entries")
    missing = entries_without_examples(lexicon)
    if missing:
        click.echo(
            f"{len(missing)} entries have no example sentence yet; add examples.match to each "
            f"(framing lexicon validate {out} lists them): {', '.join(missing)}",
            err=True,
        )
        sys.exit(1)


@click.command("export")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="Target format.")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Output file ('-' for standard output).",
)
@click.option("--language", default="fr", show_default=True)
@friendly_errors
def export_command(paths: tuple[Path, ...], fmt: str, out: Path, language: str) -> None:
    """Export lexicons (default: the bundled ones) as quanteda YAML, LIWC .dic or CSV.

    Whatever the format cannot hold (gaps, UPOS tags, lemmas ...) is reported
    as a warning naming the entry.
    """
    text = export_lexicon(list(paths) or None, fmt, warn=_warn, language=language)
    if str(out) == "-":
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="")
    click.echo(f"wrote {out}", err=True)
