"""An import's to-do is stored as a message (msgid and values), worded when shown in the
interface language of the moment; migration 4700 keeps the to-dos stored earlier as German and
English text, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from desktop.db import _alembic_config, open_database
from desktop.offer_todos import open_todos
from desktop.offers import create_offer
from models.i18n import N_, Joined, Localized, Verbatim
from models.stored_text import text_from_json, text_to_json
from models.tables import OfferTodo
from tests.support.factory import make_region


def test_a_message_comes_back_whole_and_speaks_every_interface_language():
    heading = Localized(lambda code: {"de": "Telefon"}.get(code, "Phone"))  # a sheet's heading
    text = Joined(
        [
            N_("“{email}” is not a valid e-mail address.", email=Verbatim("x@y")),
            N_("Field “{field}” stays empty. Ask the provider and fill it in.", field=heading),
        ],
        " ",
    )
    back = text_from_json(text_to_json(text))
    assert back.render("de") == text.render("de") and back.render("en") == text.render("en")
    assert back.render("de").startswith("„x@y“ ist keine gültige E-Mail-Adresse.")
    assert "Feld „Telefon“ bleibt leer" in back.render("de") and "Field “Phone” stays empty" in back.render(
        "en"
    )
    assert text_from_json({"unexpected": 1}).render("en") == "{'unexpected': 1}"  # shown, not lost


def test_migration_4700_keeps_the_todos_written_as_german_and_english(db_url):
    database = open_database(db_url)
    make_region(database)
    texts = {"de": {"title": "Beratung", "summary": "", "content": "<p>Beratung</p>"}}
    offer = create_offer(database, {}, texts, author="t", validate=False).id
    database.dispose()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "4000")  # as the database was before 4700
        conn.execute(
            sa.text(
                "INSERT INTO offer_todo (offer_id, field, value, message_de, message_en, source, created_at)"
                " VALUES (:o, 'email', 'x@y', 'E-Mail ungültig', 'E-mail not valid', 'Liste',"
                " CURRENT_TIMESTAMP)"
            ),
            {"o": offer},
        )
    engine.dispose()
    database = open_database(db_url)  # migrates to the newest, as Lotse does on start
    try:
        (todo,) = open_todos(database, offer)
        assert (todo.message("de"), todo.message("en"), todo.source) == (
            "E-Mail ungültig",
            "E-mail not valid",
            "Liste",
        )
    finally:
        database.dispose()


def _todo_texts(db_url) -> list[tuple[str, str]]:
    """The to-dos' German and English text columns, at a revision before 4700."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(sa.text("SELECT message_de, message_en FROM offer_todo ORDER BY id"))
            ]
    finally:
        engine.dispose()


def test_migration_4700_down_writes_the_messages_back_as_german_and_english(db_url):
    """Down to 4000 the to-dos keep their words (the message rendered in both languages); up
    again they are the same words in both languages."""
    database = open_database(db_url)
    make_region(database)
    texts = {"de": {"title": "Beratung", "summary": "", "content": "<p>Beratung</p>"}}
    offer = create_offer(database, {}, texts, author="t", validate=False).id
    message = N_("“{email}” is not a valid e-mail address.", email=Verbatim("x@y"))
    with database.transaction() as session:
        session.add(OfferTodo(offer_id=offer, field="email", value="x@y", message=text_to_json(message)))
    database.dispose()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "4000")
    engine.dispose()
    german, english = message.render("de"), message.render("en")
    assert german.startswith("„x@y“ ist keine gültige E-Mail-Adresse") and english != german
    assert _todo_texts(db_url) == [(german, english)]
    database = open_database(db_url)  # up again, as Lotse does on start
    try:
        (todo,) = open_todos(database, offer)
        assert (todo.message("de"), todo.message("en"), todo.value) == (german, english, "x@y")
    finally:
        database.dispose()
