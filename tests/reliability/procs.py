"""Real child processes for the reliability tests, forked from a fork server that has
imported the data layer once (so 50 kills take seconds, not minutes) and never Qt."""

from __future__ import annotations

import multiprocessing
import os
import signal

_context = None


def context():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["tests.reliability.workers"])
    return _context


def start(target, *args):
    process = context().Process(target=target, args=args, daemon=True)
    process.start()
    return process


def sigkill(process) -> None:
    """SIGKILL, as a crash or a pulled plug would, and reap the child."""
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=30)
    assert process.exitcode == -signal.SIGKILL, process.exitcode


def soak() -> bool:
    return bool(os.environ.get("LOTSE_SOAK"))


def scaled(normal: int, soaked: int) -> int:
    """How many times to repeat: bounded in `make test`, large in `make soak`."""
    return soaked if soak() else normal
