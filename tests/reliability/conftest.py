"""The reliability tests report their counts (kills, saves, conflicts, inputs) at the end of the run."""

from __future__ import annotations

from collections import defaultdict

import pytest

_counts: dict[str, int] = defaultdict(int)


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and "reliability" in report.nodeid:
        backend = (
            "postgres" if "[postgres" in report.nodeid else "sqlite" if "[sqlite" in report.nodeid else ""
        )
        for name, value in report.user_properties:
            if isinstance(value, int):
                _counts[f"{name} ({backend})" if backend else name] += value


def pytest_terminal_summary(terminalreporter):
    if _counts:
        terminalreporter.write_sep("-", "reliability counts (passed tests)")
        for name, value in sorted(_counts.items()):
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture
def mt_server():
    """The local fake translation server (tests/support/fake_mt_server.py) on 127.0.0.1."""
    from tests.support.fake_mt_server import FakeMTServer

    server = FakeMTServer().start()
    yield server
    server.stop()
