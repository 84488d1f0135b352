"""Model files read by Python's C unpickler, restricted to what a weights-only load allows.

Stanza reads every model file with ``torch.load(..., weights_only=True)``,
whose unpickler is written in Python: reading the pretrained vocabulary
(81,270 words, each a pickled string in a dict and a list) took about 0.34 s
of CPU, a tenth of ``framing explain`` on a new sentence. Python's own
unpickler, written in C, reads the same file in about 0.04 s.

Speed must not cost the safety ``weights_only`` gives (a pickle can name any
callable), so :class:`RestrictedUnpickler` resolves a global only if torch's
weights-only unpickler allows it (its own list plus the globals registered
with ``torch.serialization.add_safe_globals``) and refuses anything else. The
objects built are the same (the tests compare every model file loaded both
ways). Inside :func:`fast_loading`, ``torch.load`` takes this path for the
calls that ask for ``weights_only=True``; every other call is left alone.
"""

from __future__ import annotations

import _compat_pickle
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


def _allowed_globals() -> dict[str, Any]:
    """Every global a weights-only ``torch.load`` accepts, by ``module.name``."""
    from torch import _weights_only_unpickler as weights_only

    return {**weights_only._get_allowed_globals(), **weights_only._get_user_allowed_globals()}


class RestrictedUnpickler(pickle.Unpickler):
    """The C unpickler, resolving only the globals a weights-only load allows."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _compat_pickle.NAME_MAPPING:  # names of Python 2 pickles
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        allowed = _allowed_globals().get(f"{module}.{name}")
        if allowed is None:
            raise pickle.UnpicklingError(
                f"{module}.{name} is not allowed in a weights-only model file"
            )
        return allowed


class _RestrictedPickleModule:
    """What ``torch.load`` needs of a ``pickle_module``: ``Unpickler`` and ``load``."""

    __name__ = "framing.parsing.fastload"
    Unpickler = RestrictedUnpickler

    @staticmethod
    def load(file: IO[bytes], **kwargs: Any) -> Any:
        return RestrictedUnpickler(file, **kwargs).load()


RESTRICTED_PICKLE = _RestrictedPickleModule()


def load(path: Any, map_location: Any = None) -> Any:
    """``torch.load(path, map_location, weights_only=True)``, read by the C unpickler."""
    import torch

    return _ORIGINAL_LOAD.get("load", torch.load)(
        path, map_location, pickle_module=RESTRICTED_PICKLE, weights_only=False
    )


_ORIGINAL_LOAD: dict[str, Any] = {}


def _fast_torch_load(f: Any, map_location: Any = None, *args: Any, **kwargs: Any) -> Any:
    """Stands in for ``torch.load``: weights-only calls go through the restricted C unpickler."""
    original = _ORIGINAL_LOAD["load"]
    if kwargs.get("weights_only") is True and not args and "pickle_module" not in kwargs:
        kwargs = {**kwargs, "weights_only": False, "pickle_module": RESTRICTED_PICKLE}
    return original(f, map_location, *args, **kwargs)


@contextmanager
def fast_loading() -> Iterator[None]:
    """Within: ``torch.load(..., weights_only=True)`` reads with :class:`RestrictedUnpickler`."""
    import torch

    if "load" in _ORIGINAL_LOAD:  # nested: the outer one already swapped it
        yield
        return
    _ORIGINAL_LOAD["load"] = torch.load
    torch.load = _fast_torch_load
    try:
        yield
    finally:
        torch.load = _ORIGINAL_LOAD.pop("load")
