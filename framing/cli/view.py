"""``framing view``: browsable HTML pages of annotated articles (see :mod:`framing.report.viewer`)."""

from __future__ import annotations

from pathlib import Path

import click

from framing.cli.common import friendly_errors, hold_output
from framing.errors import InputError
from framing.report.viewer import write_viewer
from framing.types import AnnotatedDocument


@click.command("view")
@click.argument("annotations", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for index.html and articles/<id>.html.",
)
@friendly_errors
def view_command(annotations: tuple[Path, ...], out_dir: Path) -> None:
    """Write browsable HTML pages showing every mention highlighted in its article."""
    from framing.io.annotations import read_annotations

    documents: list[AnnotatedDocument] = []
    for path in annotations:
        if not path.exists():
            raise InputError(f"{path}: no such annotations file")
        documents.extend(read_annotations(path))
    hold_output(out_dir)
    index = write_viewer(documents, out_dir)
    mentions = sum(len(d.mentions) for d in documents)
    click.echo(f"{index}\t{len(documents)} articles\t{mentions} mentions")
