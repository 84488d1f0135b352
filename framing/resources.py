"""Where the data files that ship with framing live (schemas, lexicons).

The lexicons and schemas sit at the top of the repository, where linguists edit
them. An installed wheel carries them inside the package (``framing/lexicons``,
``framing/schemas``: pyproject.toml maps the top-level folders there), so the
package looks for them through ``importlib.resources`` first and falls back to
the folders beside itself (a checkout, an editable install). ``$FRAMING_LEXICON_DIR``
/ ``$FRAMING_SCHEMA_DIR`` (and ``--lexicon``) override both.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema_rs

from framing.errors import FramingError

# The checkout the package runs from, when it runs from one (the folder above
# the package); in an installed layout this is site-packages and holds no data.
REPO_ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR_ENV = "FRAMING_LEXICON_DIR"
SCHEMA_DIR_ENV = "FRAMING_SCHEMA_DIR"


def bundled_dir(name: str, package: str = "framing") -> Path:
    """The bundled data folder ``name`` (``lexicons`` or ``schemas``).

    Inside the installed package when it is there, else the checkout's
    top-level folder. A wheel installs as plain files, so the resource is a
    real folder that YAML readers and error messages can name by path.
    """
    packaged = files(package).joinpath(name)
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return REPO_ROOT / name


def runs_from_checkout() -> bool:
    """Whether the data comes from a source checkout rather than an installed package."""
    return bundled_dir("lexicons") == REPO_ROOT / "lexicons"


def lexicon_root() -> Path:
    root = Path(os.environ.get(LEXICON_DIR_ENV) or bundled_dir("lexicons"))
    if not root.is_dir():
        raise FramingError(
            f"lexicon folder {root} not found; set ${LEXICON_DIR_ENV} or pass --lexicon"
        )
    return root


def default_lexicon_dir(language: str = "fr") -> Path:
    directory = lexicon_root() / language
    if not directory.is_dir():
        raise FramingError(f"no lexicons for language {language!r} in {directory.parent}")
    return directory


def inventory_path() -> Path:
    return lexicon_root() / "inventory.yaml"


def schema_dir() -> Path:
    return Path(os.environ.get(SCHEMA_DIR_ENV) or bundled_dir("schemas"))


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load ``schemas/<name>.schema.json`` once per process."""
    path = schema_dir() / f"{name}.schema.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FramingError(f"schema {path} cannot be read ({exc.strerror})") from exc


@cache
def _compiled_schema(name: str) -> Any:
    return jsonschema_rs.validator_for(load_schema(name))


def matches_schema(instance: Any, name: str) -> bool:
    """Whether ``instance`` is valid against ``schemas/<name>.schema.json``.

    A fast yes/no (jsonschema-rs, compiled once): every record of every run is
    checked, and the pure-Python validator alone cost more per article than
    annotating it from a warm parse cache. Callers explain a failure with
    ``jsonschema``, whose messages and paths the project's errors are built on.
    """
    return bool(_compiled_schema(name).is_valid(instance))
