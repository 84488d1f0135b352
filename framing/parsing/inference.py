"""Stanza models loaded for inference only: no optimizer is built.

Each Stanza trainer builds its training optimizer when a model loads, even in
a pipeline that only predicts. The first ``torch.optim.Adam`` of a process
imports ``torch._dynamo``, which took 1.5-6 s of every start-up (more than
loading the five models). Inside :func:`without_optimizers` the optimizer
factories return nothing; prediction never reads them, so the parses are the
same (the tests compare them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _no_optimizer(*_: Any, **__: Any) -> None:
    return None


def _no_optimizers(*_: Any, **__: Any) -> dict[str, Any]:
    return {}


@contextmanager
def without_optimizers() -> Iterator[None]:
    """Build Stanza processors without their optimizers (restored on exit)."""
    from stanza.models.common import utils

    saved = (utils.get_optimizer, utils.get_split_optimizer)
    utils.get_optimizer, utils.get_split_optimizer = _no_optimizer, _no_optimizers
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = saved
