"""A study: inputs, lexicons, model and options in one file, run end to end.

``framing run`` is ingest -> parse -> annotate -> report. A study file
(``study.toml``) names everything that run needs, so that anyone can re-run a
study from one file; the resolved study is recorded in the report.

Example ``study.toml``::

    title = "Fuel-price protests, January 2024"
    inputs = ["steppe"]            # paths relative to this file
    out = "../reports/steppe"      # optional; --out wins
    language = "fr"
    lexicons = []                  # default: the bundled lexicons
    references = false             # true: also write actor_reference mentions
    # model_dir = "..."            # default: the embedded model

    [ingest]
    format = "manifest"            # optional; chosen by file type otherwise
    strict = false
    # max_bytes = 52428800         # largest file or record text (0: no limit)
    # allow_outside = false        # let a manifest name files outside its folder

    [report]
    evidence = 3
    bootstrap = 1000
    seed = 20220107
    prior_scale = 100.0
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import InputError
from framing.report.options import REPORT_DEFAULTS

if TYPE_CHECKING:
    from framing.parsing.protocol import ParserLike
    from framing.pipeline import AnnotateSettings
    from framing.progress import Progress

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_TOP_KEYS = {
    "title",
    "inputs",
    "out",
    "language",
    "lexicons",
    "references",
    "model_dir",
    "ingest",
    "report",
}
_INGEST_KEYS = {"format", "encoding", "max_bytes", "strict", "columns", "allow_outside"}
_REPORT_KEYS = {"evidence", "bootstrap", "seed", "prior_scale", "title"}


@dataclass
class Study:
    """Everything ``framing run`` needs, with paths resolved."""

    inputs: list[Path]
    out: Path | None = None
    title: str = REPORT_DEFAULTS.title
    language: str = "fr"
    lexicons: list[Path] = field(default_factory=list)
    model_dir: Path | None = None
    references: bool = False  # write actor_reference mentions (institutional names)
    ingest: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def annotate_settings(self) -> AnnotateSettings:
        """What the annotation step of the study reads (a study keeps article texts)."""
        from framing.pipeline import AnnotateSettings

        return AnnotateSettings(
            inputs=tuple(self.inputs),
            language=self.language,
            lexicons=tuple(self.lexicons),
            ingest=self.ingest,
            include_text=True,
            references=self.references,
        )

    def base(self) -> Path:
        """The folder the study's paths are recorded relative to."""
        return self.source.parent if self.source is not None else Path.cwd()

    def as_record(self, base: Path | None = None) -> dict[str, Any]:
        """JSON-ready description for provenance.

        Paths are relative to ``base``, by default the study file's folder, so
        the record is the same whichever folder the study is run from.
        """
        start = base or self.base()

        def rel(path: Path | None) -> str | None:
            return None if path is None else relative_name(path, start)

        return {
            "study_file": rel(self.source),
            "title": self.title,
            "inputs": [rel(p) for p in self.inputs],
            "language": self.language,
            "lexicons": [rel(p) for p in self.lexicons],
            "references": self.references,
            "model_dir": rel(self.model_dir),
            "ingest": dict(sorted(self.ingest.items())),
            "report": dict(sorted(self.report.items())),
        }


def relative_name(path: Path | str, base: Path) -> str:
    """``path`` relative to ``base`` when it lies below it (POSIX form), else as given."""
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def located_summary(summary: dict[str, Any], base: Path) -> dict[str, Any]:
    """The ingest summary with its input paths relative to ``base`` (the study's folder)."""
    return {
        **summary,
        "inputs": [relative_name(path, base) for path in summary["inputs"]],
        "skipped_items": [
            {**item, "source": relative_name(item["source"], base)}
            for item in summary["skipped_items"]
        ],
    }


def load_study(path: Path) -> Study:
    """Read and check a study file; errors name the file and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML ({exc})") from exc
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)}")
    for section, allowed in (("ingest", _INGEST_KEYS), ("report", _REPORT_KEYS)):
        extra = sorted(set(data.get(section) or {}) - allowed)
        if extra:
            raise InputError(f"{path}: unknown key(s) in [{section}]: {', '.join(extra)}")
    inputs = data.get("inputs")
    if not isinstance(inputs, list) or not inputs or not all(isinstance(i, str) for i in inputs):
        raise InputError(f"{path}: 'inputs' must be a non-empty list of paths")
    references = data.get("references", False)
    if not isinstance(references, bool):
        raise InputError(f"{path}: 'references' must be true or false")
    base = path.parent
    return Study(
        inputs=[Path(os.path.normpath(base / i)) for i in inputs],
        out=Path(os.path.normpath(base / data["out"])) if data.get("out") else None,
        title=str(data.get("title") or REPORT_DEFAULTS.title),
        language=str(data.get("language") or "fr"),
        lexicons=[base / p for p in data.get("lexicons") or []],
        references=references,
        model_dir=base / data["model_dir"] if data.get("model_dir") else None,
        ingest=dict(data.get("ingest") or {}),
        report=dict(data.get("report") or {}),
        source=path,
    )


def run_study(
    study: Study,
    out_dir: Path,
    parser: ParserLike | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Ingest, parse, annotate and report; returns the report dictionary."""
    from framing.ingest.skips import nothing_left
    from framing.io.annotations import write_json
    from framing.parsing.parser import Parser
    from framing.pipeline import annotate_corpus
    from framing.report import load_annotation_inputs, write_report
    from framing.report.options import ReportOptions
    from framing.report.viewer import write_viewer

    parser = parser or Parser(model_dir=study.model_dir, language=study.language)
    outcome = annotate_corpus(study.annotate_settings(), out_dir, parser, progress)
    # the summary as a study records it: paths relative to the study, so it moves with it
    summary = located_summary(outcome.corpus.summary(), study.base())
    write_json(outcome.summary_path, summary)
    if outcome.documents == 0:
        raise nothing_left(summary, outcome.summary_path)
    documents, inputs = load_annotation_inputs([outcome.path])
    options = ReportOptions.from_settings(study.report, study.title)
    write_viewer(documents, out_dir / "viewer")
    extra = {"study": study.as_record(), "ingest_summary": summary}
    return write_report(
        documents, out_dir, options, inputs, extra, viewer_index="viewer/index.html"
    )
