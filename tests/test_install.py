"""A real install: the package finds its data in an installed layout, not beside a checkout.

The installed layout is built here the way pyproject.toml tells setuptools to
build the wheel (its package list, folder mapping and package data), without
the embedded model, and framing runs from it in a separate Python whose
working directory is outside the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from framing import __version__
from framing.resources import bundled_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]


def test_every_subpackage_is_in_the_wheel():
    """The package list is explicit (the data mapping needs it): a new sub-package must join it."""
    on_disk = {
        ".".join(path.parent.relative_to(REPO).parts)
        for path in (REPO / "framing").rglob("__init__.py")
    }
    assert on_disk <= set(SETUPTOOLS["packages"]), sorted(on_disk - set(SETUPTOOLS["packages"]))


def test_the_data_folders_are_mapped_not_copied():
    assert SETUPTOOLS["package-dir"] == {
        "framing.lexicons": "lexicons",
        "framing.schemas": "schemas",
    }
    assert not (REPO / "framing" / "lexicons").exists()
    assert not (REPO / "framing" / "schemas").exists()


def test_the_version_matches_the_package_metadata():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]


def _install_layout(site: Path) -> None:
    """Copy what the wheel holds (minus the model) into ``site``, as setuptools maps it."""
    for package in SETUPTOOLS["packages"]:
        source = REPO / SETUPTOOLS["package-dir"].get(package, package.replace(".", "/"))
        target = site / package.replace(".", "/")
        target.mkdir(parents=True, exist_ok=True)
        for path in source.glob("*.py"):
            shutil.copy2(path, target / path.name)
        for pattern in SETUPTOOLS["package-data"].get(package, []):
            for path in source.glob(pattern):
                if path.is_file() and "embedded" not in path.parts:
                    destination = target / path.relative_to(source)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site-packages")
    _install_layout(site)
    return site


def _python(site: Path, cwd: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRAMING_")}
    env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_installed_package_finds_its_data_inside_itself(installed, tmp_path):
    code = (
        "import json, framing, framing.resources as r, framing.pipeline as p\n"
        "print(json.dumps({'package': framing.__file__, 'lexicons': str(r.lexicon_root()),"
        " 'fr': str(r.default_lexicon_dir('fr')), 'schemas': str(r.schema_dir()),"
        " 'inventory': str(r.inventory_path()), 'schema': r.load_schema('report')['title'],"
        " 'checkout': r.runs_from_checkout(),"
        " 'git': p.provenance(None, None)['git_commit']}))"
    )
    result = _python(installed, tmp_path, code)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    package = installed / "framing"
    assert found["package"] == str(package / "__init__.py")
    assert found["lexicons"] == str(package / "lexicons")
    assert found["fr"] == str(package / "lexicons" / "fr")
    assert found["schemas"] == str(package / "schemas")
    assert found["inventory"] == str(package / "lexicons" / "inventory.yaml")
    assert found["schema"]
    assert found["checkout"] is False and found["git"] is None


def test_the_environment_still_overrides_the_installed_data(installed, tmp_path):
    own = Path(shutil.copytree(REPO / "lexicons", tmp_path / "mine"))
    code = (
        "import os, framing.resources as r\n"
        f"os.environ['FRAMING_LEXICON_DIR'] = {str(own)!r}\n"
        "print(r.default_lexicon_dir('fr'))"
    )
    result = _python(installed, tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(own / "fr")


def test_validate_runs_from_the_installed_layout(installed, tmp_path):
    code = "from framing.cli import main; main()"
    env_code = f"import sys; sys.argv = ['framing', 'lexicon', 'validate']\n{code}"
    result = _python(installed, tmp_path, env_code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: no problems found" in result.stderr
    root = installed / "framing" / "lexicons"
    env_code = f"import sys; sys.argv = ['framing', 'lexicon', 'validate', {str(root)!r}]\n{code}"
    assert _python(installed, tmp_path, env_code).returncode == 0


def test_lexicon_checksums_are_named_the_same_installed_or_not(installed, tmp_path):
    """Provenance names bundled data files relative to their root in both layouts."""
    code = (
        "import json\n"
        "from framing.annotation.annotator import Annotator\n"
        "from framing.pipeline import provenance\n"
        "print(json.dumps(provenance(None, Annotator.from_paths())['lexicon_files']))"
    )
    result = _python(installed, tmp_path, code)
    assert result.returncode == 0, result.stderr
    installed_names = json.loads(result.stdout)
    from framing.annotation.annotator import Annotator
    from framing.pipeline import provenance

    here = provenance(None, Annotator.from_paths())["lexicon_files"]
    assert installed_names == here
    assert "lexicons/fr/actors.yaml" in here


def test_the_checkout_is_found_when_the_package_holds_no_data():
    assert bundled_dir("lexicons") == REPO / "lexicons"
    assert bundled_dir("schemas") == REPO / "schemas"
