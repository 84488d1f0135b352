"""The ``framing`` command line: thin wrappers over the Python API.

Every command calls the same functions a Python user would; this module only
parses options, reports progress and turns ``FramingError`` into one line on
stderr with a non-zero exit code.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from framing import __version__
from framing.cli.common import cache_option, friendly_errors, hold_output, no_cache_option
from framing.errors import FramingError, InputError
from framing.ingest import Corpus
from framing.ingest.skips import echo_skipped, nothing_left
from framing.io.filenames import safe_filename
from framing.io.textfile import DEFAULT_MAX_BYTES
from framing.pipeline import make_engine, open_corpus
from framing.progress import Progress, watch_chunks
from framing.report.options import REPORT_DEFAULTS

if TYPE_CHECKING:
    from framing.parsing.protocol import ParserLike
    from framing.study import Study

F = TypeVar("F", bound=Callable[..., Any])


def _show_warning(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
    click.echo(f"warning: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framing")
def cli() -> None:
    """Annotate how news outlets frame the same event, with evidence."""
    warnings.showwarning = _show_warning


def add_options(options: list[Callable[[F], F]]) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


model_dir_option = click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FRAMING_MODEL_DIR",
    default=None,
    help="Model directory: a framing model (model.json) or Stanza models (resources.json). "
    "Default: $FRAMING_MODEL_DIR, else the model embedded in the package.",
)


scale_options = [
    click.option(
        "--jobs",
        "-j",
        default=1,
        show_default=True,
        type=click.IntRange(1),
        help="Parse in this many worker processes (each loads the model once).",
    ),
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Run parsing locally or on a Dask cluster.",
    ),
    click.option(
        "--scheduler", default=None, help="Dask scheduler address (default: start a local cluster)."
    ),
    click.option("--quiet", "-q", is_flag=True, help="No progress line."),
]


ingest_options = [
    click.option(
        "--format",
        "input_format",
        default=None,
        help="Input format: text, manifest, jsonl, csv, tsv, parquet, html, conllu "
        "(default: by file type).",
    ),
    click.option("--encoding", default=None, help="Text encoding of the inputs (default UTF-8)."),
    click.option("--strict", is_flag=True, help="Stop at the first bad record or duplicate."),
    click.option(
        "--max-bytes",
        type=click.IntRange(0),
        default=None,
        help=f"Largest input file or record text accepted, in bytes (0: no limit; "
        f"default {DEFAULT_MAX_BYTES:,}).",
    ),
    click.option(
        "--allow-outside",
        is_flag=True,
        help="Let a manifest name files outside its own folder.",
    ),
    click.option(
        "--column",
        "columns",
        multiple=True,
        metavar="FIELD=COLUMN",
        help="Map a document field to a source column (CSV/TSV/JSONL/Parquet), repeatable.",
    ),
]


def _ingest_settings(
    input_format: str | None,
    encoding: str | None,
    strict: bool,
    columns: tuple[str, ...],
    max_bytes: int | None = None,
    allow_outside: bool = False,
) -> dict[str, Any]:
    mapping = {}
    for item in columns:
        field, sep, column = item.partition("=")
        if not sep or not field or not column:
            raise InputError(f"--column {item!r}: expected FIELD=COLUMN")
        mapping[field] = column
    settings: dict[str, Any] = {"strict": strict}
    if input_format:
        settings["format"] = input_format
    if encoding:
        settings["encoding"] = encoding
    if mapping:
        settings["columns"] = mapping
    if max_bytes is not None:  # only when given, so earlier runs' fingerprints still match
        settings["max_bytes"] = max_bytes or None
    if allow_outside:
        settings["allow_outside"] = True
    return settings


def _count(corpus: Corpus) -> int | None:
    """Documents in a corpus, when it can be re-read cheaply (for the ETA)."""
    try:
        return sum(1 for _ in corpus)
    except FramingError:
        return None


@cli.command("parse")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the CoNLL-U files, one per document.",
)
@model_dir_option
@click.option("--language", default="fr", show_default=True, help="Language of the texts.")
@click.option("--package", default=None, help="Stanza package name, for Stanza model folders.")
@add_options(ingest_options)
@click.option(
    "--max-chunk-chars",
    default=50_000,
    show_default=True,
    type=click.IntRange(1000),
    help="Longer texts are parsed in chunks of this size.",
)
@click.option(
    "--max-sentence-words",
    default=250,
    show_default=True,
    type=click.IntRange(10),
    help="Longer sentences are cut into pieces before parsing.",
)
@click.option(
    "--no-feature-repairs",
    is_flag=True,
    help="Keep the tagger's morphological features as they are (by default the French "
    "conditional is restored from its spelling before parsing; see framing/parsing/morphology.py).",
)
@cache_option
@no_cache_option
@add_options(scale_options)
@friendly_errors
def parse_command(
    inputs: tuple[Path, ...],
    out_dir: Path,
    model_dir: Path | None,
    language: str,
    package: str | None,
    input_format: str | None,
    encoding: str | None,
    strict: bool,
    max_bytes: int | None,
    allow_outside: bool,
    columns: tuple[str, ...],
    max_chunk_chars: int,
    max_sentence_words: int,
    no_feature_repairs: bool,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Parse texts into CoNLL-U (one file per document, offsets in MISC)."""
    from framing.io.conllu import document_to_conllu
    from framing.parsing.parser import ParseOptions
    from framing.progress import Progress, watch_chunks

    settings = _ingest_settings(input_format, encoding, strict, columns, max_bytes, allow_outside)
    corpus = open_corpus(inputs, language, settings)
    options = ParseOptions(
        max_chunk_chars, max_sentence_words, repair_features=not no_feature_repairs
    )
    hold_output(out_dir)
    written: dict[str, str] = {}
    progress = Progress(None if quiet else _count(corpus), enabled=False if quiet else None)
    with make_engine(
        model_dir, language, cache_dir, no_cache, jobs, engine, scheduler, package, options
    ) as parser:
        watch_chunks(parser, progress)
        for parsed in parser.parse_stream(corpus):
            name = safe_filename(parsed.id) + ".conllu"
            if name in written:
                raise InputError(
                    f"document id {parsed.id!r} would overwrite {name}, already written for {written[name]!r}"
                )
            target = out_dir / name
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_text(document_to_conllu(parsed), encoding="utf-8")
            tmp.replace(target)
            written[name] = parsed.id
            progress(parsed)
            if quiet or not progress.enabled:
                click.echo(
                    f"{target}\t{len(parsed.sentences)} sentences\t{parsed.word_count} words"
                )
    progress.close()
    for skipped in corpus.skipped:
        click.echo(f"skipped: {skipped.message}", err=True)


lexicon_option = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Lexicon folder or file (repeatable). A folder brings its rules/ and boilerplate/. "
    "Default: the bundled lexicons for the language.",
)


references_option = click.option(
    "--references",
    is_flag=True,
    default=None,
    help="Also write plain institutional names (police, gouvernement ...) as "
    "actor_reference mentions; they are left out by default (docs/frames.md).",
)


@cli.command("annotate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for annotations.jsonl and annotations.meta.json.",
)
@lexicon_option
@model_dir_option
@click.option("--language", default="fr", show_default=True, help="Language of the texts.")
@add_options(ingest_options)
@click.option("--no-text", is_flag=True, help="Do not store article texts in annotations.jsonl.")
@references_option
@cache_option
@no_cache_option
@add_options(scale_options)
@friendly_errors
def annotate_command(
    inputs: tuple[Path, ...],
    out_dir: Path,
    lexicons: tuple[Path, ...],
    model_dir: Path | None,
    language: str,
    input_format: str | None,
    encoding: str | None,
    strict: bool,
    max_bytes: int | None,
    allow_outside: bool,
    columns: tuple[str, ...],
    no_text: bool,
    references: bool | None,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Annotate framing mentions; writes annotations.jsonl as the spec defines it.

    An interrupted run, restarted with the same command, continues where it stopped.
    """
    from framing.pipeline import AnnotateSettings, annotate_corpus

    ingest = _ingest_settings(input_format, encoding, strict, columns, max_bytes, allow_outside)
    settings = AnnotateSettings(
        tuple(inputs), language, tuple(lexicons), ingest, not no_text, bool(references)
    )
    hold_output(out_dir)
    progress = _progress(quiet)
    with make_engine(model_dir, language, cache_dir, no_cache, jobs, engine, scheduler) as parser:
        watch_chunks(parser, progress)
        outcome = annotate_corpus(settings, out_dir, parser, progress)
    summary = echo_skipped(out_dir, lambda line: click.echo(line, err=True))
    if outcome.documents == 0:
        raise nothing_left(summary, outcome.summary_path)
    click.echo(f"{outcome.path}\t{outcome.documents} documents")


def _progress(quiet: bool) -> Progress:
    """The progress line, unless --quiet (it shows only on a terminal)."""
    return Progress(enabled=False) if quiet else Progress()


class DefaultGroup(click.Group):
    """A group that runs ``default_command`` when the first argument is not a subcommand.

    Lets ``framing report ANNOTATIONS... --out DIR`` and ``framing report verify DIR``
    live side by side.
    """

    default_command = "build"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


report_options = [
    click.option("--title", default=REPORT_DEFAULTS.title, show_default=True, help="Report title."),
    click.option(
        "--evidence",
        "evidence_limit",
        default=REPORT_DEFAULTS.evidence_limit,
        show_default=True,
        type=click.IntRange(0),
        help="Example lines (KWIC) per finding.",
    ),
    click.option(
        "--bootstrap",
        "bootstrap_replicates",
        default=REPORT_DEFAULTS.bootstrap_replicates,
        show_default=True,
        type=click.IntRange(0),
        help="Bootstrap replicates for confidence intervals.",
    ),
    click.option(
        "--seed", default=REPORT_DEFAULTS.seed, show_default=True, type=int, help="Bootstrap seed."
    ),
    click.option(
        "--prior-scale",
        default=REPORT_DEFAULTS.prior_scale,
        show_default=True,
        type=click.FloatRange(min=0, min_open=True),
        help="Scale of the informative Dirichlet prior (log-odds).",
    ),
]


@cli.group("report", cls=DefaultGroup)
def report_group() -> None:
    """Compare framing across outlets: `report ANNOTATIONS... --out DIR`, or `report verify DIR`."""


def _print_notes(messages: list[str]) -> None:
    """The report's messages on stderr; control characters in outlet names are shown as
    symbols, never passed to the terminal (ESC sequences would drive it)."""
    from framing.report.templating import visible

    for message in messages:
        click.echo(f"note: {visible(message)}", err=True)


@report_group.command("build")
@click.argument("annotations", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Report folder (report.json, report.md, report.html, tables/).",
)
@add_options(report_options)
@friendly_errors
def report_build(annotations: tuple[Path, ...], out_dir: Path, **options: Any) -> None:
    """Write a cross-outlet report from annotations.jsonl files (or folders holding one)."""
    from framing.report import load_annotation_inputs, write_report
    from framing.report.options import ReportOptions

    documents, inputs = load_annotation_inputs(annotations)
    hold_output(out_dir)
    report = write_report(documents, out_dir, ReportOptions(**options), inputs)
    _print_notes(report["messages"])
    click.echo(
        f"{out_dir}/report.html\t{len(report['outlets'])} outlets\t{report['corpus']['articles']} articles"
    )


@report_group.command("verify")
@click.argument("report_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@friendly_errors
def report_verify(report_dir: Path) -> None:
    """Recompute a report from its recorded inputs and check every file is identical."""
    from framing.report import verify_report

    results = verify_report(report_dir)
    for name, same in results:
        click.echo(f"{'identical' if same else 'DIFFERS  '}  {name}")
    if not all(same for _, same in results):
        raise FramingError(f"{report_dir}: regenerated files differ from the report")


@cli.command("run")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Report folder (also holds annotations.jsonl). Required unless the study file sets it.",
)
@click.option(
    "--config",
    "config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A study.toml naming inputs, lexicons, model and options.",
)
@lexicon_option
@model_dir_option
@click.option("--language", default=None, help="Language of the texts (default fr).")
@click.option(
    "--format", "input_format", default=None, help="Input format (default: by file type)."
)
@click.option("--encoding", default=None, help="Text encoding of the inputs (default UTF-8).")
@click.option("--strict", is_flag=True, help="Stop at the first bad record or duplicate.")
@click.option(
    "--max-bytes",
    type=click.IntRange(0),
    default=None,
    help="Largest input file or record text accepted, in bytes (0: no limit).",
)
@click.option("--allow-outside", is_flag=True, help="Let a manifest name files outside its folder.")
@click.option("--title", default=None, help="Report title.")
@click.option(
    "--evidence",
    default=None,
    type=click.IntRange(0),
    help=f"Example lines (KWIC) per finding (default {REPORT_DEFAULTS.evidence_limit}).",
)
@click.option(
    "--bootstrap",
    default=None,
    type=click.IntRange(0),
    help=f"Bootstrap replicates (default {REPORT_DEFAULTS.bootstrap_replicates}).",
)
@click.option(
    "--seed", default=None, type=int, help=f"Bootstrap seed (default {REPORT_DEFAULTS.seed})."
)
@click.option(
    "--prior-scale",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="Scale of the informative Dirichlet prior (log-odds; "
    f"default {REPORT_DEFAULTS.prior_scale:g}).",
)
@references_option
@cache_option
@no_cache_option
@add_options(scale_options)
@friendly_errors
def run_command(
    inputs: tuple[Path, ...],
    out_dir: Path | None,
    config: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    **options: Any,
) -> None:
    """Ingest, parse, annotate and report in one go (the main job).

    An interrupted run, restarted with the same command, continues where it stopped.
    """
    study = _study(config, inputs, **options)
    target = out_dir or study.out
    if target is None:
        raise InputError("no output folder: give --out or set 'out' in the study file")
    with make_engine(
        study.model_dir, study.language, cache_dir, no_cache, jobs, engine, scheduler
    ) as parser:
        report = _run_with_progress(study, target, parser, quiet)
    _print_notes(report["messages"])
    click.echo(
        f"{target}/report.html\t{len(report['outlets'])} outlets\t"
        f"{report['corpus']['articles']} articles\t{report['corpus']['mentions']} mentions"
    )


def _study(
    config: Path | None,
    inputs: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    model_dir: Path | None,
    language: str | None,
    input_format: str | None,
    encoding: str | None,
    strict: bool,
    max_bytes: int | None,
    allow_outside: bool,
    references: bool | None,
    title: str | None,
    **report: Any,
) -> Study:
    """The study file (if any) with the command line's options laid over it."""
    from framing.study import Study, load_study

    study = load_study(config) if config else Study(inputs=[])
    study.inputs = list(inputs) or study.inputs
    if not study.inputs:
        raise InputError("no inputs: give INPUT paths or a --config study file with 'inputs'")
    study.lexicons = list(lexicons) or study.lexicons
    study.model_dir = model_dir or study.model_dir
    study.language = language or study.language
    study.ingest.update(_ingest_overrides(input_format, encoding, strict, max_bytes, allow_outside))
    if references:
        study.references = True
    if title:
        study.title = title
        study.report["title"] = title
    study.report.update({key: value for key, value in report.items() if value is not None})
    return study


def _ingest_overrides(
    input_format: str | None,
    encoding: str | None,
    strict: bool,
    max_bytes: int | None,
    allow_outside: bool,
) -> dict[str, Any]:
    """The ``[ingest]`` settings given on the command line (those not given keep the study's)."""
    given: dict[str, Any] = {"format": input_format, "encoding": encoding}
    settings = {key: value for key, value in given.items() if value}
    if strict:
        settings["strict"] = True
    if max_bytes is not None:
        settings["max_bytes"] = max_bytes or None
    if allow_outside:
        settings["allow_outside"] = True
    return settings


def _run_with_progress(
    study: Study, target: Path, parser: ParserLike, quiet: bool
) -> dict[str, Any]:
    """``run_study`` in a claimed ``target``, with the progress line, then the skipped
    inputs listed (even on failure)."""
    from framing.study import run_study

    hold_output(target)
    progress = _progress(quiet)
    watch_chunks(parser, progress)
    started = time.time()
    try:
        return run_study(study, target, parser=parser, progress=progress)
    finally:
        progress.close()
        echo_skipped(target, lambda line: click.echo(line, err=True), started)


@cli.group("models")
def models_group() -> None:
    """List and download parsing models."""


@models_group.command("list")
@model_dir_option
@friendly_errors
def models_list(model_dir: Path | None) -> None:
    """Show the available models with their files, sizes and sha256."""
    from framing.parsing.models import available_models

    models = available_models(model_dir)
    if not models:
        click.echo("no models found")
        return
    for info in models:
        version = f" {info.version}" if info.version else ""
        click.echo(
            f"{info.name}{version}\t{info.language}\t{info.kind}\t"
            f"{info.total_bytes / 1e6:.1f} MB\t{info.directory}"
        )
        for f in info.files:
            click.echo(f"  {f.name}\t{f.bytes:,} bytes\tsha256:{f.sha256}")


@models_group.command("download")
@click.argument("language", default="fr")
@click.option(
    "--package", default=None, help="Stanza package (e.g. gsd); default: Stanza's default."
)
@model_dir_option
@friendly_errors
def models_download(language: str, package: str | None, model_dir: Path | None) -> None:
    """Download Stanza's official models (needs internet)."""
    from framing.parsing.models import download_stanza_models

    target = download_stanza_models(language, package=package, model_dir=model_dir)
    click.echo(f"downloaded Stanza {language} models into {target}")
    click.echo(f"use them with: framing parse ... --model-dir {target}")


@cli.group("cache")
def cache_group() -> None:
    """Inspect or empty the parse cache."""


@cache_group.command("info")
@cache_option
@friendly_errors
def cache_info(cache_dir: Path | None) -> None:
    """Where the parse cache is, how many parses it holds and their size."""
    from framing.parsing.cache import cache_summary

    summary = cache_summary(cache_dir)
    click.echo(f"{summary.directory}")
    click.echo(f"{summary.entries:,} parses, {summary.bytes / 1e6:.1f} MB")
    if summary.leftovers:
        click.echo(f"{summary.leftovers:,} files left by interrupted writes")


@cache_group.command("clear")
@cache_option
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@friendly_errors
def cache_clear(cache_dir: Path | None, yes: bool) -> None:
    """Delete every cached parse (texts are parsed again on their next run).

    Parses made with another model, Stanza version or parse options are never
    used again but stay on disk until cleared. Only the cache's own files are
    deleted.
    """
    from framing.parsing.cache import cache_summary, clear_cache

    summary = cache_summary(cache_dir)
    if summary.entries + summary.leftovers == 0:
        click.echo(f"{summary.directory}: nothing to clear")
        return
    if not yes:
        click.confirm(
            f"Delete {summary.entries:,} parses ({summary.bytes / 1e6:.1f} MB) "
            f"from {summary.directory}?",
            abort=True,
        )
    removed = clear_cache(summary.directory)
    click.echo(f"{summary.directory}: {removed:,} files deleted")


def _register_commands() -> None:
    """Commands defined in their own modules (kept out of this file for size)."""
    from framing.cli.evaluate import evaluate_command
    from framing.cli.ingest import ingest_command
    from framing.cli.lexicon import explain_command, lexicon_group
    from framing.cli.tools import coverage_command, export_command, import_command
    from framing.cli.view import view_command

    for command in (coverage_command, import_command, export_command):
        lexicon_group.add_command(command)
    cli.add_command(lexicon_group)
    cli.add_command(evaluate_command)
    cli.add_command(explain_command)
    cli.add_command(view_command)
    cli.add_command(ingest_command)


_register_commands()


def main() -> None:
    cli(prog_name="framing")


if __name__ == "__main__":
    main()
