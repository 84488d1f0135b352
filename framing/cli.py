"""The ``framing`` command line: thin wrappers over the Python API.

Every command calls the same functions a Python user would; this module only
parses options, reports progress and turns ``FramingError`` into one line on
stderr with a non-zero exit code.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from framing import __version__
from framing.errors import FramingError, InputError

F = TypeVar("F", bound=Callable[..., Any])


def _show_warning(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
    click.echo(f"warning: {message}", err=True)


def friendly_errors(func: F) -> F:
    """Report ``FramingError`` as ``error: ...`` and exit 1, without a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FramingError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framing")
def cli() -> None:
    """Annotate how news outlets frame the same event, with evidence."""
    warnings.showwarning = _show_warning


model_dir_option = click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FRAMING_MODEL_DIR",
    default=None,
    help="Model directory: a framing model (model.json) or Stanza models (resources.json). "
    "Default: $FRAMING_MODEL_DIR, else the model embedded in the package.",
)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(identifier: str) -> str:
    """A file name for a document id (ids may contain slashes, spaces, ...)."""
    name = _UNSAFE.sub("_", identifier).strip("._") or "document"
    return name[:150]


def _text_documents(paths: tuple[Path, ...], encoding: str | None) -> Iterator[Any]:
    from framing.document import Document
    from framing.textfile import read_text_file

    for path in paths:
        text = read_text_file(path, encoding=encoding)
        yield Document(id=path.stem, text=text, metadata={"source": str(path)})


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
@click.option("--encoding", default=None, help="Text encoding of the inputs (default UTF-8).")
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
@friendly_errors
def parse_command(
    inputs: tuple[Path, ...],
    out_dir: Path,
    model_dir: Path | None,
    language: str,
    package: str | None,
    encoding: str | None,
    max_chunk_chars: int,
    max_sentence_words: int,
) -> None:
    """Parse text files into CoNLL-U (one file per document, offsets in MISC)."""
    from framing.conllu import document_to_conllu
    from framing.parse import ParseOptions, Parser

    for path in inputs:
        if not path.exists():
            raise InputError(f"{path}: no such file")
    parser = Parser(
        model_dir=model_dir,
        language=language,
        package=package,
        options=ParseOptions(max_chunk_chars, max_sentence_words),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    for document in _text_documents(inputs, encoding):
        name = safe_filename(document.id) + ".conllu"
        if name in written:
            raise InputError(
                f"{document.metadata.get('source')}: document id {document.id!r} would overwrite "
                f"{name}, already written for {written[name]}"
            )
        parsed = parser.parse(document)
        target = out_dir / name
        tmp = target.with_suffix(".conllu.tmp")
        tmp.write_text(document_to_conllu(parsed), encoding="utf-8")
        tmp.replace(target)
        written[name] = document.id
        click.echo(f"{target}\t{len(parsed.sentences)} sentences\t{parsed.word_count} words")


lexicon_option = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Lexicon folder or file (repeatable). A folder brings its rules/ and boilerplate/. "
    "Default: the bundled lexicons for the language.",
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
@click.option("--encoding", default=None, help="Text encoding of the inputs (default UTF-8).")
@click.option("--no-text", is_flag=True, help="Do not store article texts in annotations.jsonl.")
@friendly_errors
def annotate_command(
    inputs: tuple[Path, ...],
    out_dir: Path,
    lexicons: tuple[Path, ...],
    model_dir: Path | None,
    language: str,
    encoding: str | None,
    no_text: bool,
) -> None:
    """Annotate framing mentions; writes annotations.jsonl as the spec defines it."""
    from framing.annotate import Annotator
    from framing.annotations_io import ANNOTATIONS_FILE, META_FILE, AnnotationWriter, write_json
    from framing.parse import Parser
    from framing.pipeline import annotate_documents, provenance

    for path in inputs:
        if not path.exists():
            raise InputError(f"{path}: no such file")
    annotator = Annotator.from_paths(lexicons or None, language)
    parser = Parser(model_dir=model_dir, language=language)
    out_dir.mkdir(parents=True, exist_ok=True)
    count = mentions = 0
    with AnnotationWriter(out_dir / ANNOTATIONS_FILE, include_text=not no_text) as writer:
        for annotated in annotate_documents(_text_documents(inputs, encoding), annotator, parser):
            writer.write(annotated)
            count += 1
            mentions += len(annotated.mentions)
    meta = provenance(parser, annotator, {"language": language, "include_text": not no_text})
    meta["documents"] = count
    write_json(out_dir / META_FILE, meta)
    click.echo(f"{out_dir / ANNOTATIONS_FILE}\t{count} documents\t{mentions} mentions")


@cli.group("models")
def models_group() -> None:
    """List and download parsing models."""


@models_group.command("list")
@model_dir_option
@friendly_errors
def models_list(model_dir: Path | None) -> None:
    """Show the available models with their files, sizes and sha256."""
    from framing.models import available_models

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
    from framing.models import download_stanza_models

    target = download_stanza_models(language, package=package, model_dir=model_dir)
    click.echo(f"downloaded Stanza {language} models into {target}")
    click.echo(f"use them with: framing parse ... --model-dir {target}")


def main() -> None:
    cli(prog_name="framing")


if __name__ == "__main__":
    main()
