"""The cross-outlet framing report: build, write, verify.

``write_report`` turns annotated documents into a report folder::

    report.json      findings + provenance, validated against schemas/report.schema.json
    report.md        the same for people (tables, evidence lines)
    report.html      one self-contained page with charts; all article text escaped
    tables/*.csv     mentions, per-outlet aggregates, naming choices, distinctive terms
    inputs.json      what to re-read to regenerate the report (paths + sha256)

Every file is deterministic: sorted keys, stable order, seeded bootstrap, no
wall-clock time. Inputs are recorded relative to the report folder (with their
sha256), never as absolute paths, so the same inputs give byte-identical
files in any folder and a shared report does not publish its author's home
directory. ``verify_report`` recomputes everything from the recorded inputs,
read relative to wherever the report folder now is, and compares byte by byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.errors import FramingError, InputError
from framing.io.annotations import read_annotations, validate_record, write_json
from framing.report.build import ReportOptions, build_report
from framing.report.model import Report
from framing.report.render import (
    distinctive_table,
    mentions_table,
    naming_table,
    outlets_table,
    render_html,
    render_markdown,
    table_csv,
)
from framing.types import AnnotatedDocument

REPORT_FILES = (
    "report.json",
    "report.md",
    "report.html",
    "tables/mentions.csv",
    "tables/outlets.csv",
    "tables/naming.csv",
    "tables/distinctive.csv",
)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def load_annotation_inputs(
    paths: Sequence[str | Path],
) -> tuple[list[AnnotatedDocument], list[dict[str, Any]]]:
    """Read annotation files (or folders holding annotations.jsonl) and their metadata."""
    documents: list[AnnotatedDocument] = []
    inputs: list[dict[str, Any]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            path = path / "annotations.jsonl"
        if not path.is_file():
            raise InputError(f"{path}: no such annotations file")
        documents.extend(read_annotations(path))
        meta_path = path.with_name("annotations.meta.json")
        meta = None
        if meta_path.is_file():
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise InputError(f"{meta_path}:{exc.lineno}: malformed JSON ({exc.msg})") from exc
        inputs.append({"path": str(path), "sha256": sha256_file(path), "meta": meta})
    return documents, inputs


def _report_provenance(
    inputs: list[dict[str, Any]], extra: dict[str, Any] | None
) -> dict[str, Any]:
    metas = [i["meta"] for i in inputs if i.get("meta")]
    first = metas[0] if metas else {}
    record: dict[str, Any] = {
        "inputs": [{"path": i["path"], "sha256": i["sha256"]} for i in inputs],
        "annotation": {
            key: first.get(key)
            for key in (
                "framing_version",
                "git_commit",
                "python_version",
                "stanza_version",
                "model",
                "lexicon_files",
                "parse_options",
            )
        },
    }
    from framing import __version__

    record["framing_version"] = __version__
    record.update(extra or {})
    return record


def write_report(
    documents: Sequence[AnnotatedDocument],
    out_dir: Path,
    options: ReportOptions | None = None,
    inputs: list[dict[str, Any]] | None = None,
    extra_provenance: dict[str, Any] | None = None,
    viewer_index: str | None = None,
    base: Path | None = None,
) -> dict[str, Any]:
    """Build the report and write every file; returns the report dictionary.

    ``viewer_index`` is the relative link to the annotated-article viewer, when
    one was written beside the report. Input paths are recorded relative to
    ``base`` (default ``out_dir``, the folder the report is read from).
    """
    options = options or ReportOptions()
    inputs = None if inputs is None else _relative_inputs(inputs, base or out_dir)
    provenance = _report_provenance(inputs or [], extra_provenance)
    report = build_report(documents, options, provenance)
    if viewer_index:
        report["viewer_index"] = viewer_index
    validate_record(report, schema="report")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "tables").mkdir(exist_ok=True)
    write_json(out_dir / "report.json", report)
    model = Report.from_dict(report)
    _write_text(out_dir / "report.md", render_markdown(model))
    _write_text(out_dir / "report.html", render_html(model))
    _write_text(out_dir / "tables/mentions.csv", table_csv(mentions_table(documents)))
    _write_text(out_dir / "tables/outlets.csv", table_csv(outlets_table(model)))
    _write_text(out_dir / "tables/naming.csv", table_csv(naming_table(model)))
    _write_text(out_dir / "tables/distinctive.csv", table_csv(distinctive_table(model)))
    if inputs is not None:
        record: dict[str, Any] = {
            "annotations": [i["path"] for i in inputs],
            "options": options.as_dict(),
        }
        if viewer_index:
            record["viewer_index"] = viewer_index
        write_json(out_dir / "inputs.json", record)
    return report


def _relative_inputs(inputs: list[dict[str, Any]], base: Path) -> list[dict[str, Any]]:
    """The inputs with their paths relative to ``base``, in POSIX form."""
    start = base.resolve()
    return [
        {**item, "path": Path(os.path.relpath(Path(item["path"]).resolve(), start)).as_posix()}
        for item in inputs
    ]


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


def verify_report(report_dir: Path) -> list[tuple[str, bool]]:
    """Regenerate a report from its recorded inputs; return (file, identical) pairs."""
    record_path = report_dir / "inputs.json"
    if not record_path.is_file():
        raise FramingError(f"{report_dir}: no inputs.json, so the report cannot be regenerated")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    recorded = [i["sha256"] for i in report["provenance"].get("inputs", [])]
    # Relative paths are read from the report folder, wherever it now is;
    # absolute ones (older reports) as they are.
    paths = [report_dir / path for path in record["annotations"]]
    documents, inputs = load_annotation_inputs(paths)
    for item, digest in zip(inputs, recorded, strict=False):
        if digest != item["sha256"]:
            raise FramingError(
                f"{item['path']}: input changed since the report was written (sha256 differs)"
            )
    extra = {
        k: v
        for k, v in report["provenance"].items()
        if k not in ("inputs", "annotation", "framing_version")
    }
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        write_report(
            documents,
            fresh,
            ReportOptions(**record["options"]),
            inputs,
            extra,
            record.get("viewer_index"),
            base=report_dir,
        )
        results = []
        for name in REPORT_FILES:
            old, new = report_dir / name, fresh / name
            same = old.is_file() and new.is_file() and old.read_bytes() == new.read_bytes()
            results.append((name, same))
    if (report_dir / "viewer").is_dir():
        from framing.report.viewer import compare_viewer

        results += compare_viewer(documents, report_dir / "viewer")
    return results
