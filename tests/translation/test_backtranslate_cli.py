"""``lotse backtranslate`` says what it really sent, and finds its service the way the docs
say: per language in the settings, a service set up in the settings, or the environment
(``LOTSE_<SERVICE>_KEY`` / ``LOTSE_<SERVICE>_URL``), not only ``--provider/--url`` (issue 18 item 9)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from desktop.cli import main
from desktop.db import open_database
from desktop.errors import LotseError
from desktop.translation.settings import ServiceSettings, save_service
from models.richtext import word_count


def _demo(demo_template, tmp_path) -> str:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return str(path)


def _words_received(server) -> int:
    # The service receives masked segments: placeholders ⟦n⟧ stand for numbers, URLs, phones.
    return sum(word_count(re.sub(r"<[^>]+>|⟦\d+⟧", " ", text)) for text in server.texts)


def test_backtranslate_reports_the_words_it_sent(demo_template, tmp_path, mt_server, capsys):
    db = _demo(demo_template, tmp_path)
    where = ["--db", db, "--lang", "ar", "--provider", "libretranslate", "--url", mt_server.url]
    mt_server.reset_counts()
    assert main(["backtranslate", *where]) == 0
    out = capsys.readouterr().out
    sent, words = map(int, re.search(r"(\d+) Abschnitte gesendet, (\d+) Wörter", out).groups())
    assert sent == mt_server.segments > 20
    received = _words_received(mt_server)
    assert words > 0 and abs(words - received) <= 0.1 * received, (words, received)
    # Asked again, most comes from the memory (damaged answers were not kept): the count is
    # what went out this time.
    mt_server.reset_counts()
    assert main(["backtranslate", *where, "--json", "--force"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["segments_sent"] == mt_server.segments < sent
    assert report["words_sent"] < words
    assert report["segments_from_memory"] > 20


def test_backtranslate_uses_the_service_from_the_environment(
    demo_template, tmp_path, mt_server, capsys, monkeypatch
):
    db = _demo(demo_template, tmp_path)
    monkeypatch.setenv("LOTSE_LIBRETRANSLATE_URL", mt_server.url)
    assert main(["backtranslate", "--db", db, "--lang", "uk", "--offer", "1", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["failed"] == 0 and report["translated"] == 2 and mt_server.requests > 0


def test_translate_uses_the_service_set_up_in_the_settings(demo_template, tmp_path, mt_server, capsys):
    db = _demo(demo_template, tmp_path)
    database = open_database(db)
    try:
        save_service(database, ServiceSettings("libretranslate", url=mt_server.url))
    finally:
        database.dispose()
    assert main(["translate", "--db", db, "--lang", "fa", "--offer", "1", "--json", "--force"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["failed"] == 0 and report["translated"] == 1 and mt_server.requests > 0
    assert report["words_sent"] > 0


def test_a_service_key_in_the_environment_chooses_that_service(monkeypatch, sqlite_db):
    from desktop.demo import install_demo
    from desktop.translation.settings import Providers

    install_demo(sqlite_db)
    monkeypatch.setenv("LOTSE_DEEPL_KEY", "k-123:fx")
    providers = Providers(sqlite_db)
    try:
        assert providers.name_for("uk") == "deepl"
        # DeepL has no Tigrinya: not chosen for it, and the message says how to choose one.
        with pytest.raises(LotseError, match="LOTSE_"):
            providers.name_for("ti")
    finally:
        providers.close()


def test_the_window_counts_a_service_set_up_in_the_settings_as_configured(sqlite_db, mt_server):
    from desktop.demo import install_demo
    from desktop.translation.settings import is_configured, served_languages

    install_demo(sqlite_db)
    assert not is_configured(sqlite_db) and served_languages(sqlite_db) == []
    save_service(sqlite_db, ServiceSettings("libretranslate", url=mt_server.url))
    assert is_configured(sqlite_db)
    assert {"ar", "uk", "fa", "ti"} <= set(served_languages(sqlite_db))
