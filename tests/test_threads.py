"""The parser's thread policy: never more threads than free cores, one per worker."""

from __future__ import annotations

import subprocess
import sys

import pytest

from framing.parsing import threads


@pytest.fixture
def no_overrides(monkeypatch):
    monkeypatch.delenv(threads.THREADS_ENV, raising=False)
    monkeypatch.setattr(threads, "_USER_OPENMP_THREADS", "")


def test_free_cores_subtracts_the_load(monkeypatch):
    monkeypatch.setattr(threads, "usable_cores", lambda: 4)
    monkeypatch.setattr(threads.os, "getloadavg", lambda: (1.6, 0.0, 0.0))
    assert threads.free_cores() == 2


def test_free_cores_is_at_least_one_on_a_busy_machine(monkeypatch):
    monkeypatch.setattr(threads, "usable_cores", lambda: 2)
    monkeypatch.setattr(threads.os, "getloadavg", lambda: (7.0, 0.0, 0.0))
    assert threads.free_cores() == 1


def test_one_thread_per_worker(no_overrides, monkeypatch):
    monkeypatch.setattr(threads, "free_cores", lambda: 8)
    assert threads.thread_count(workers=2) == 1
    assert threads.thread_count(workers=1) == 8


def test_user_settings_win(no_overrides, monkeypatch):
    monkeypatch.setattr(threads, "free_cores", lambda: 8)
    monkeypatch.setattr(threads, "_USER_OPENMP_THREADS", "3")
    assert threads.thread_count() == 3
    monkeypatch.setenv(threads.THREADS_ENV, "5")
    assert threads.thread_count() == 5
    assert threads.thread_count(workers=4) == 5


def test_prepare_sets_passive_openmp_before_torch_loads():
    code = (
        "import os, sys\n"
        "for v in ('OMP_NUM_THREADS', 'OMP_WAIT_POLICY', 'FRAMING_THREADS'): os.environ.pop(v, None)\n"
        "from framing.parsing import threads\n"
        "n = threads.prepare(threads=1)\n"
        "assert 'torch' not in sys.modules\n"
        "print(n, os.environ['OMP_NUM_THREADS'], os.environ['OMP_WAIT_POLICY'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "PASSIVE"]


def test_a_pool_the_program_sized_is_not_grown(no_overrides, monkeypatch):
    class FakeTorch:
        @staticmethod
        def get_num_threads() -> int:
            return 1

    monkeypatch.setitem(threads.sys.modules, "torch", FakeTorch)
    monkeypatch.setattr(threads, "free_cores", lambda: 8)
    assert threads.prepare() == 1
    assert threads.prepare(threads=3) == 3
