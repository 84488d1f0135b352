"""Modules Stanza imports at start-up but a parse never uses, loaded only if touched.

``import stanza`` imports every processor's module, and with them
``networkx`` (enhanced-dependency graphs), ``requests`` (model downloads) and
``emoji`` (language identification): about 0.2 s of CPU on every start of a
parse, for modules framing's pipeline never calls (models are read from disk,
with ``download_method=None``). :func:`defer_unused` puts a stand-in module in
their place: the import statement succeeds, and the real module is imported
the first time an attribute it does not have is read, so any code that uses
them still gets them whole.

``importlib.util.LazyLoader`` does not do here: Python 3.11's import statement
reads ``__spec__`` of a module already imported, and ``inspect.getmodule``
(which torch calls while it starts) reads ``__file__`` of every module, and
either loads a lazy module. The stand-in carries those attributes itself.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

UNUSED_BY_PARSING = ("networkx", "requests", "emoji")


class DeferredModule(types.ModuleType):
    """Stands in for a module until an attribute it lacks is read, then becomes it."""

    def __getattr__(self, attribute: str) -> Any:
        real = _load(self)
        return getattr(real, attribute)


def _load(stand_in: types.ModuleType) -> types.ModuleType:
    """Import the real module, put it in ``sys.modules``, and fill the stand-in with it."""
    name = stand_in.__name__
    if sys.modules.get(name) is stand_in:
        del sys.modules[name]
    real = importlib.import_module(name)
    stand_in.__dict__.update(real.__dict__)  # references taken earlier see the real names
    return real


def defer(name: str) -> bool:
    """Make ``import name`` cheap in this process; False if already imported or absent."""
    if name in sys.modules:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return False
    stand_in = DeferredModule(name)
    stand_in.__spec__ = spec
    stand_in.__file__ = spec.origin
    stand_in.__loader__ = spec.loader
    if spec.submodule_search_locations is not None:
        stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = stand_in
    return True


def defer_unused() -> None:
    """Defer the modules Stanza imports that parsing never uses (call before ``import stanza``)."""
    for name in UNUSED_BY_PARSING:
        defer(name)
