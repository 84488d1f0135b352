"""How many threads the parser may use, decided before PyTorch is imported.

PyTorch's CPU build runs its operators on an OpenMP pool sized to every core,
and its idle threads spin-wait for the next operator. That is the fastest
choice on an otherwise idle machine, and a collapse on a shared one: with a
second parse (or any CPU-bound process) beside it, the spinning threads fight
the other process for the same cores and a parse kept 0.13 of its idle rate.

So the parse stage sets its threads deliberately:

* never more threads than the cores that are free when the model loads (the
  usable cores less the one-minute load average), and one thread per worker
  process when there are several workers;
* idle OpenMP threads sleep instead of spinning (``OMP_WAIT_POLICY=PASSIVE``),
  so a thread that loses its core costs nothing while it waits.

The OpenMP variables only take effect if they are in the environment before
PyTorch loads its OpenMP runtime, which is why :func:`prepare` runs before the
first ``import torch``; a user's own settings (``OMP_NUM_THREADS``,
``FRAMING_THREADS``) always win.
"""

from __future__ import annotations

import contextlib
import os
import sys

THREADS_ENV = "FRAMING_THREADS"
_OPENMP_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
# The user's own OMP_NUM_THREADS, read before :func:`prepare` sets its default.
_USER_OPENMP_THREADS = os.environ.get("OMP_NUM_THREADS", "").strip()


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def free_cores() -> int:
    """Usable cores not already busy, judged by the one-minute load average (at least 1)."""
    cores = usable_cores()
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform
        busy = 0.0
    return max(1, min(cores, cores - int(busy + 0.5)))


def _positive(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) > 0 else None


def thread_count(workers: int = 1) -> int:
    """Threads for one parsing process of ``workers``: ``FRAMING_THREADS`` if set,
    else one per worker when there are several, else the user's
    ``OMP_NUM_THREADS``, else the free cores."""
    requested = _positive(os.environ.get(THREADS_ENV, "").strip())
    if requested:
        return requested
    if workers > 1:
        return 1
    return _positive(_USER_OPENMP_THREADS) or free_cores()


def prepare(workers: int = 1, threads: int | None = None) -> int:
    """Set the thread environment for this process and return the thread count
    (``threads`` if given, else :func:`thread_count`).

    Call before importing torch. Variables the user set are left alone; once
    torch is imported only :func:`apply` can still resize its pool, and never
    beyond the size the program gave it.
    """
    if threads is None:
        threads = thread_count(workers)
        torch = sys.modules.get("torch")
        if torch is not None:  # the program sized torch's pool itself: stay within it
            threads = min(threads, torch.get_num_threads())
    if "torch" not in sys.modules:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        for name in _OPENMP_VARIABLES:
            os.environ.setdefault(name, str(threads))
    return threads


def apply(threads: int) -> None:
    """Size torch's pools to ``threads`` (after import); inter-op work stays on one thread."""
    import torch

    torch.set_num_threads(threads)
    # already set, or parallel work has started: keep it
    with contextlib.suppress(RuntimeError):
        torch.set_num_interop_threads(1)
