"""Start-up shortcuts of the parse stage: the same objects, sooner."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys

import pytest

from framing.parsing import fastload, lazy
from framing.parsing.models import resolve_model


def _same(a: object, b: object) -> bool:
    import torch

    if type(a) is not type(b):
        return False
    if isinstance(a, torch.Tensor):
        return a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_every_model_file_loads_to_the_same_objects():
    import torch

    model = resolve_model(None)
    files = [model.file_path(f.name) for f in model.files if f.name.endswith(".pt")]
    assert len(files) >= 6
    for path in files:
        slow = torch.load(path, lambda storage, _: storage, weights_only=True)
        assert _same(fastload.load(path, lambda storage, _: storage), slow), path.name


def test_a_pickle_naming_any_other_callable_is_refused(tmp_path):
    import torch

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo owned",))

    path = tmp_path / "evil.pt"
    torch.save({"vocab": Evil()}, path)
    with pytest.raises(pickle.UnpicklingError, match="not allowed"):
        fastload.load(path)
    with pytest.raises(pickle.UnpicklingError):
        fastload.RestrictedUnpickler(io.BytesIO(pickle.dumps(Evil()))).load()


def test_inside_fast_loading_weights_only_loads_take_the_c_path(tmp_path):
    import torch

    path = tmp_path / "w.pt"
    torch.save({"x": torch.arange(3)}, path)
    original = torch.load
    with fastload.fast_loading():
        assert torch.load is not original
        assert torch.equal(torch.load(path, weights_only=True)["x"], torch.arange(3))
    assert torch.load is original


DEFERRED = (
    "import sys\n"
    "from framing.parsing import lazy\n"
    "lazy.defer_unused()\n"
    "import networkx as nx, inspect\n"
    "inspect.getmodule(inspect)\n"  # reads every module's __file__, as torch does
    "loaded = 'networkx.classes' in sys.modules\n"
    "graph = nx.MultiDiGraph()\n"
    "print(loaded, type(graph).__name__, sys.modules['networkx'].MultiDiGraph is type(graph))\n"
)


def test_a_deferred_module_loads_when_used_and_not_before():
    result = subprocess.run(
        [sys.executable, "-c", DEFERRED], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "MultiDiGraph", "True"]


def test_a_module_already_imported_is_not_deferred():
    assert "pickle" in sys.modules
    assert lazy.defer("pickle") is False
    assert lazy.defer("no_such_module_anywhere") is False
