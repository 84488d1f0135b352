"""Where parsing models come from, and what exactly they are.

Two kinds of model directory are understood:

* a **framing model**: a folder with ``model.json`` naming one Stanza model
  file per processor. The package embeds one for French (``framing/embedded/fr``),
  trained by ``training/train_fr.py``, so parsing works with no network;
* a **Stanza resources folder** (with ``resources.json``), as filled by
  ``framing models download`` through Stanza's own downloader.

Whatever is loaded is described by a ``ModelInfo`` (name, files and their
sha256, Stanza version) that later stages record as provenance, so a report
says which parse it stands on.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import ModelError

MODEL_DIR_ENV = "FRAMING_MODEL_DIR"
EMBEDDED_ROOT = Path(__file__).parent.parent / "embedded"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")


@dataclass(frozen=True)
class ModelFile:
    """One file of a model, with the facts needed to verify it later."""

    name: str
    path: Path
    bytes: int
    sha256: str


@dataclass(frozen=True)
class ModelInfo:
    """The identity of a parsing model: enough to know two parses agree."""

    name: str
    language: str
    kind: str  # "framing" (model.json) or "stanza" (resources.json)
    directory: Path
    version: str | None = None
    package: str | None = None
    trained_with_stanza: str | None = None
    files: tuple[ModelFile, ...] = ()
    processors: dict[str, str] = field(default_factory=dict)
    pretrain: str | None = None

    @property
    def total_bytes(self) -> int:
        return sum(f.bytes for f in self.files)

    def file_path(self, name: str) -> Path:
        return self.directory / name

    def identity(self) -> dict[str, Any]:
        """A JSON-ready description for provenance records and cache keys."""
        return {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "kind": self.kind,
            "package": self.package,
            "stanza_version": stanza_version(),
            "trained_with_stanza": self.trained_with_stanza,
            "files": {f.name: f.sha256 for f in self.files},
        }


def stanza_version() -> str:
    """Stanza's version without importing it: importing Stanza loads PyTorch (~250 MB),
    which a run served entirely from the parse cache never needs."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stanza")
    except PackageNotFoundError:  # an unusual install: fall back to the module
        import stanza

        return str(stanza.__version__)


def sha256_file(path: Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def default_download_dir() -> Path:
    """Where ``framing models download`` puts Stanza models by default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "framing" / "stanza"


def embedded_model_dir(language: str = "fr") -> Path:
    return EMBEDDED_ROOT / language


def _load_manifest(directory: Path) -> dict[str, Any]:
    manifest = directory / "model.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"{manifest}:{exc.lineno}: model manifest is not valid JSON ({exc.msg})"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{manifest}: cannot read the model manifest ({exc})") from exc
    if not isinstance(data, dict) or "processors" not in data:
        raise ModelError(f"{manifest}: model manifest has no 'processors' table")
    return data


def load_framing_model(directory: Path, verify: bool = True) -> ModelInfo:
    """Describe (and by default verify) a framing model directory."""
    data = _load_manifest(directory)
    processors: dict[str, str] = dict(data["processors"])
    missing = [p for p in PROCESSORS if p not in processors]
    if missing:
        raise ModelError(f"{directory / 'model.json'}: no model file for {', '.join(missing)}")
    names = list(processors.values())
    if data.get("pretrain"):
        names.append(data["pretrain"])
    recorded = data.get("files") or {}
    files = []
    for name in sorted(set(names)):
        path = directory / name
        if not path.is_file():
            raise ModelError(f"{directory}: model file {name} is missing")
        digest = sha256_file(path)
        expected = (recorded.get(name) or {}).get("sha256")
        if verify and expected and expected != digest:
            raise ModelError(
                f"{path}: model file is corrupt (sha256 {digest[:12]}…, "
                f"model.json records {expected[:12]}…)"
            )
        files.append(ModelFile(name=name, path=path, bytes=path.stat().st_size, sha256=digest))
    return ModelInfo(
        name=str(data.get("name") or directory.name),
        version=data.get("version"),
        language=str(data.get("language") or "fr"),
        kind="framing",
        directory=directory,
        trained_with_stanza=data.get("stanza_version"),
        files=tuple(files),
        processors=processors,
        pretrain=data.get("pretrain"),
    )


def load_stanza_resources(directory: Path, language: str, package: str | None) -> ModelInfo:
    """Describe Stanza's downloaded models for one language in ``directory``."""
    lang_dir = directory / language
    if not lang_dir.is_dir():
        raise ModelError(
            f"{directory}: no Stanza models for language {language!r}; "
            f"run `framing models download {language} --model-dir {directory}` first"
        )
    files = []
    for path in sorted(lang_dir.rglob("*.pt")):
        files.append(
            ModelFile(
                name=str(path.relative_to(directory)),
                path=path,
                bytes=path.stat().st_size,
                sha256=sha256_file(path),
            )
        )
    return ModelInfo(
        name=f"stanza-{language}-{package or 'default'}",
        language=language,
        kind="stanza",
        directory=directory,
        package=package or "default",
        files=tuple(files),
    )


def resolve_model(
    model_dir: str | Path | None = None,
    language: str = "fr",
    package: str | None = None,
    verify: bool = True,
) -> ModelInfo:
    """Find the model to parse ``language`` with.

    Order: an explicit ``model_dir``, then ``$FRAMING_MODEL_DIR``, then the
    model embedded in the package.
    """
    chosen = model_dir or os.environ.get(MODEL_DIR_ENV)
    if not chosen:
        directory = embedded_model_dir(language)
        if not (directory / "model.json").is_file():
            raise ModelError(
                f"no embedded model for language {language!r}; download Stanza's with "
                f"`framing models download {language}` and pass --model-dir"
            )
        return load_framing_model(directory, verify=verify)
    directory = Path(chosen).expanduser()
    if not directory.is_dir():
        raise ModelError(f"model directory {directory} does not exist")
    if (directory / "model.json").is_file():
        return load_framing_model(directory, verify=verify)
    if (directory / language / "model.json").is_file():
        return load_framing_model(directory / language, verify=verify)
    if (directory / "resources.json").is_file():
        return load_stanza_resources(directory, language, package)
    raise ModelError(
        f"{directory}: holds neither a framing model (model.json) "
        f"nor Stanza models (resources.json)"
    )


def available_models(model_dir: str | Path | None = None) -> list[ModelInfo]:
    """Every model ``framing models list`` should show."""
    found: list[ModelInfo] = []
    if EMBEDDED_ROOT.is_dir():
        for directory in sorted(EMBEDDED_ROOT.iterdir()):
            if (directory / "model.json").is_file():
                found.append(load_framing_model(directory, verify=False))
    extra = model_dir or os.environ.get(MODEL_DIR_ENV) or default_download_dir()
    extra_dir = Path(extra).expanduser()
    if extra_dir.is_dir():
        if (extra_dir / "model.json").is_file():
            found.append(load_framing_model(extra_dir, verify=False))
        elif (extra_dir / "resources.json").is_file():
            for lang_dir in sorted(p for p in extra_dir.iterdir() if p.is_dir()):
                if any(lang_dir.rglob("*.pt")):
                    found.append(load_stanza_resources(extra_dir, lang_dir.name, None))
    return found


def download_stanza_models(
    language: str = "fr", package: str | None = None, model_dir: str | Path | None = None
) -> Path:
    """Fetch Stanza's official models with Stanza's own downloader.

    Network failures become one ``ModelError`` sentence; Stanza's own
    traceback is of no use to someone who is simply offline.
    """
    import stanza

    target = Path(model_dir or os.environ.get(MODEL_DIR_ENV) or default_download_dir())
    target = target.expanduser()
    try:
        target.mkdir(parents=True, exist_ok=True)
        stanza.download(
            language,
            model_dir=str(target),
            package=package or "default",
            processors="tokenize,mwt,pos,lemma,depparse",
            verbose=False,
        )
    except Exception as exc:
        reason = _download_failure_reason(exc)
        raise ModelError(
            f"could not download Stanza models for {language!r} into {target}: {reason}"
        ) from exc
    return target


def _download_failure_reason(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    lowered = text.lower()
    network_words = ("connection", "resolve", "timed out", "timeout", "network", "unreachable")
    if any(word in lowered for word in network_words):
        return "the model hub cannot be reached (no network?)"
    first_line = text.splitlines()[0] if text else type(exc).__name__
    return first_line[:200]
