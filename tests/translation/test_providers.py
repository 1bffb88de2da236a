"""Providers at their HTTP boundary, against the local fake services: answers,
coverage before sending, timeouts, retries, clear errors, no key in messages."""

from __future__ import annotations

import time

import pytest

from desktop.translation.errors import ProviderError
from desktop.translation.http import Limits
from desktop.translation.providers import DeepL, Google, LibreTranslate, Microsoft, MyMemory, ProviderConfig

from .conftest import FAST


def test_libretranslate_translates_a_batch_in_one_request_and_knows_fa_uk_ps_ti_ku(libre, mt_server):
    assert libre.translate(["Hallo", "Welt"], "de", "ar") == ["[ar] Hallo", "[ar] Welt"]
    assert mt_server.requests == 1
    for code in ("fa", "uk", "ps", "ti", "ku"):
        assert libre.supports("de", code)
    assert libre.code("prs") == "fa"


def test_libretranslate_refuses_an_unknown_language_before_sending(mt_server):
    mt_server.languages = ["de", "en"]
    provider = LibreTranslate(ProviderConfig("libretranslate", url=mt_server.url, limits=FAST))
    with pytest.raises(ProviderError) as caught:
        provider.translate(["Hallo"], "de", "ti")
    assert caught.value.kind == "unsupported"
    assert "LibreTranslate" in caught.value.message("de") and "ti" in caught.value.message("en")
    assert mt_server.requests == 0


def test_retries_with_back_off_on_429_and_500_then_succeed(libre, mt_server):
    mt_server.fail_next(2, 429)
    mt_server.fail_next(1, 503)
    assert libre.translate(["Hallo"], "de", "uk") == ["[uk] Hallo"]
    assert mt_server.requests == 4


def test_persistent_500_ends_in_a_server_error_naming_the_provider(libre, mt_server):
    mt_server.fail_next(10, 500)
    with pytest.raises(ProviderError) as caught:
        libre.translate(["Hallo"], "de", "uk")
    assert caught.value.kind == "server"
    assert "LibreTranslate" in caught.value.message("en") and "500" in caught.value.message("en")
    assert mt_server.requests == 1 + FAST.retries


def test_a_silent_server_times_out_within_the_limit(mt_server):
    limits = Limits(timeout=0.5, retries=3, backoff=0.01, requests_per_second=1000)
    provider = LibreTranslate(ProviderConfig("libretranslate", url=mt_server.url, limits=limits))
    provider.languages()
    mt_server.mode = "silent"
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        provider.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "timeout"
    assert time.monotonic() - started < 2.0


def test_garbage_and_closed_connections_are_reported(libre, mt_server):
    libre.languages()
    mt_server.mode = "garbage"
    with pytest.raises(ProviderError) as caught:
        libre.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "garbage"
    mt_server.mode = "close"
    with pytest.raises(ProviderError) as caught:
        libre.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "network"


def test_no_server_at_all_is_a_network_error(tmp_path):
    provider = LibreTranslate(ProviderConfig("libretranslate", url="http://127.0.0.1:9", limits=FAST))
    with pytest.raises(ProviderError) as caught:
        provider.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "network"


def test_rate_limit_spaces_requests(mt_server):
    limits = Limits(timeout=2, retries=0, requests_per_second=20)
    provider = LibreTranslate(ProviderConfig("libretranslate", url=mt_server.url, limits=limits))
    provider.max_batch = 1
    provider.languages()
    started = time.monotonic()
    provider.translate([f"Satz {i}" for i in range(40)], "de", "en")
    # 20 tokens in the bucket at once, then 20 per second
    assert time.monotonic() - started >= 0.9


def test_deepl_sends_the_key_in_the_header_and_a_wrong_key_is_an_auth_error(mt_server):
    mt_server.key = "right-key"
    good = DeepL(ProviderConfig("deepl", url=mt_server.url, key="right-key", limits=FAST))
    assert good.translate(["Hallo", "Welt"], "de", "uk") == ["[uk] Hallo", "[uk] Welt"]
    assert mt_server.requests == 1
    bad = DeepL(ProviderConfig("deepl", url=mt_server.url, key="wrong-key-123", limits=FAST))
    with pytest.raises(ProviderError) as caught:
        bad.translate(["Hallo"], "de", "uk")
    assert caught.value.kind == "auth"
    assert "wrong-key-123" not in caught.value.message("de") + caught.value.message("en")
    assert not bad.supports("de", "fa") and not bad.supports("de", "ti")


def test_deepl_without_a_key_says_how_to_provide_one(mt_server, monkeypatch):
    monkeypatch.delenv("LOTSE_DEEPL_KEY", raising=False)
    provider = DeepL(ProviderConfig("deepl", url=mt_server.url, limits=FAST))
    with pytest.raises(ProviderError) as caught:
        provider.translate(["Hallo"], "de", "uk")
    assert caught.value.kind == "no_key"
    assert "LOTSE_DEEPL_KEY" in caught.value.message("en")
    assert mt_server.requests == 0


def test_deepl_key_from_the_environment(mt_server, monkeypatch):
    mt_server.key = "env-key"
    monkeypatch.setenv("LOTSE_DEEPL_KEY", "env-key")
    assert DeepL(ProviderConfig("deepl", url=mt_server.url, limits=FAST)).translate(
        ["Hallo"], "de", "ar"
    ) == ["[ar] Hallo"]


def test_microsoft_through_deep_translator_with_kurmanji_dari_and_tigrinya(mt_server):
    mt_server.key = "ms-key"
    provider = Microsoft(
        ProviderConfig(
            "microsoft", url=mt_server.url + "/microsoft/translate?api-version=3.0", key="ms-key", limits=FAST
        )
    )
    assert provider.translate(["Hallo"], "de", "ti") == ["[ti] Hallo"]
    assert provider.code("ku") == "kmr" and provider.code("prs") == "prs"
    wrong = Microsoft(
        ProviderConfig(
            "microsoft", url=mt_server.url + "/microsoft/translate?api-version=3.0", key="nope", limits=FAST
        )
    )
    with pytest.raises(ProviderError) as caught:
        wrong.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "auth" and "not authorized" in caught.value.message("en")


def test_google_and_mymemory_through_deep_translator(mt_server):
    google = Google(ProviderConfig("google", url=mt_server.url + "/google/m", limits=FAST))
    assert google.translate(["Wir beraten Sie."], "de", "ti") == ["[ti] Wir beraten Sie."]
    memory = MyMemory(ProviderConfig("mymemory", url=mt_server.url + "/mymemory/get", limits=FAST))
    assert memory.translate(["Hallo"], "de", "uk") == ["[uk] Hallo"]


def test_deep_translator_providers_are_bounded_too(mt_server):
    google = Google(
        ProviderConfig(
            "google", url=mt_server.url + "/google/m", limits=Limits(timeout=0.5, retries=2, backoff=0.01)
        )
    )
    mt_server.fail_next(2, 503)
    assert google.translate(["Hallo"], "de", "ar") == ["[ar] Hallo"]
    mt_server.mode = "silent"
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        google.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "timeout" and time.monotonic() - started < 2


def test_a_service_failing_again_and_again_is_given_up_for_the_batch(libre, mt_server):
    libre.languages()
    mt_server.fail_next(1000, 500)
    for _ in range(3):
        with pytest.raises(ProviderError):
            libre.translate(["Hallo"], "de", "ar")
    sent = mt_server.requests
    with pytest.raises(ProviderError) as caught:
        libre.translate(["Hallo"], "de", "ar")
    assert caught.value.kind == "server" and mt_server.requests == sent


def test_dari_from_farsi_is_refused_where_a_service_knows_only_persian(libre, mt_server):
    assert libre.code("prs") == "fa" and not libre.supports("fa", "prs")
    with pytest.raises(ProviderError) as caught:
        libre.translate(["سلام"], "fa", "prs")
    assert caught.value.kind == "unsupported" and "fa → prs" in caught.value.message("en")
    assert mt_server.requests == 0
    microsoft = Microsoft(
        ProviderConfig(
            "microsoft", url=mt_server.url + "/microsoft/translate?api-version=3.0", key="k", limits=FAST
        )
    )
    assert microsoft.supports("fa", "prs") and microsoft.supports("de", "prs")
