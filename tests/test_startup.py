"""Start-up: what a command imports and builds before its first sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys

RUN_CLI = (
    "import json, sys\n"
    "from framing.cli.main import cli\n"
    "try:\n"
    "    cli(sys.argv[1:])\n"
    "except SystemExit as exit:\n"
    "    code = exit.code\n"
    "print(json.dumps({m: m in sys.modules for m in ('torch', 'stanza', 'torch._dynamo')}))\n"
)


def _imports(args: list[str], tmp_path) -> dict[str, bool]:
    """Run the CLI in a fresh process; which heavy modules it imported."""
    env = {
        **os.environ,
        "FRAMING_CACHE_DIR": str(tmp_path / "parses"),
        "FRAMING_COMPILED_DIR": str(tmp_path / "compiled"),
    }
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_lexicon_validate_imports_neither_torch_nor_stanza(tmp_path):
    assert _imports(["lexicon", "validate"], tmp_path) == {
        "torch": False,
        "stanza": False,
        "torch._dynamo": False,
    }


def test_explain_of_a_cached_text_never_loads_the_parser(tmp_path):
    text = "Le maire a dénoncé une décision injuste."
    first = _imports(["explain", text], tmp_path)
    assert first["torch"] and first["stanza"]
    assert not first["torch._dynamo"], "no training optimizer is built for parsing"
    assert list((tmp_path / "compiled").glob("*.pickle")), "the annotator was cached"
    again = _imports(["explain", text], tmp_path)
    assert not again["torch"] and not again["stanza"]


def test_explain_without_cache_stores_nothing(tmp_path):
    _imports(["explain", "Il pleut.", "--no-cache"], tmp_path)
    assert not list((tmp_path / "parses").rglob("*.json.gz"))
