from __future__ import annotations

import pytest

from desktop.translation.http import Limits
from tests.support.fake_mt_server import FakeMTServer

FAST = Limits(timeout=2.0, retries=3, backoff=0.01, requests_per_second=1000, concurrency=8)


@pytest.fixture
def mt_server():
    server = FakeMTServer().start()
    yield server
    server.stop()


@pytest.fixture
def libre(mt_server):
    from desktop.translation.providers import LibreTranslate, ProviderConfig

    return LibreTranslate(ProviderConfig("libretranslate", url=mt_server.url, limits=FAST))
