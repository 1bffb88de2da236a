"""A revision's note ("approved by Anna", "machine translation (DeepL)") kept as a message, so
the versions dialog shows it in whatever the interface language is then.

New notes are stored as the JSON of the message (:mod:`models.stored_text`) in the existing note
column: a note starting with ``{`` is read back as a message. Anything else is a note as
written (a free text, or an old database's English note); the English notes that earlier
versions wrote are recognised by the patterns below and shown as the same messages."""

from __future__ import annotations

import json
import re

from .i18n import N_, Message, Text, Verbatim
from .stored_text import text_from_json, text_to_json
from .vocabulary import STATUS_LABELS, part_label

NOTE_LENGTH = 500  # the column's length
_VALUE_LENGTH = 200  # a file name or a person's name is cut, so the JSON always fits

# The notes earlier versions stored in English: one pattern each, the same message new code
# stores (the named groups are its values).
_OLD_NOTES: tuple[tuple[re.Pattern[str], Message], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message)
    for pattern, message in (
        (r"created", N_("Created")),
        (r"moved", N_("Moved in the page tree")),
        (r"undo", N_("Undone")),
        (r"needs work", N_("Marked as needing work")),
        (r"approved by (?P<name>.+)", N_("Approved by {name}")),
        (r"machine translation \((?P<provider>.+)\)", N_("Machine translation ({provider})")),
        (r"re-translated (?P<key>\S+) \((?P<provider>.+)\)", N_("Re-translated {key} ({provider})")),
        (r"edited (?P<key>.+)", N_("Edited {key}")),
        (r"undo re-translation", N_("Re-translation undone")),
        (r"restored revision (?P<id>\d+)", N_("Restored revision {id}")),
        (r"imported from Integreat", N_("Imported from Integreat")),
        (r"XLIFF-Import (?P<file>.+) \((?P<agency>.+)\)", N_("XLIFF import {file} ({agency})")),
        (r"Integreat CMS", N_("Taken over from the Integreat CMS")),
        (r"status: (?P<status>\w+)", N_("Status: {status}")),
        (r"import (?P<file>.+), row (?P<row>\d+)", N_("Import {file}, row {row}")),
        (
            r"bestätigt vom Träger am (?P<date>\S+) \((?P<file>.+)\)",
            N_("Confirmed by the provider on {date} ({file})"),
        ),
    )
)


def status_note(status: str) -> Message:
    """The note of a status change without a note of its own."""
    label = STATUS_LABELS.get(status)
    return N_("Status: {status}", status=Message(label.msgid) if label else status)


def _segment(key: object, contact: object = None) -> object:
    """A text's part by its field's label: "title" as "Titel", "content:2" as "Inhalt 3", a
    contact's area with the contact's name when the note kept it (a key says nothing to a reader)."""
    if not isinstance(key, str):
        return key
    _name, _sep, index = key.partition(":")
    names = {index: Verbatim(contact)} if isinstance(contact, str) and contact else None
    return part_label(key, names)


def _shown(message: Message) -> Message:
    if "key" not in message.values:
        return message
    values = dict(message.values)
    values["key"] = _segment(values["key"], values.pop("contact", None))
    return Message(message.msgid, **values)


def stored_note(message: Message) -> str:
    """``message`` as it is kept in a revision's note column."""
    values = {k: v[:_VALUE_LENGTH] if isinstance(v, str) else v for k, v in message.values.items()}
    text = json.dumps(text_to_json(Message(message.msgid, **values)), ensure_ascii=False)
    return text[:NOTE_LENGTH]


def note_text(stored: str | None) -> Text:
    """What a revision's note column holds, as a text to render in the interface language."""
    note = (stored or "").strip()
    if note.startswith("{"):
        try:
            text = text_from_json(json.loads(note))
            return _shown(text) if isinstance(text, Message) else text
        except ValueError:
            return Verbatim(note)
    for pattern, message in _OLD_NOTES:
        found = pattern.fullmatch(note)
        if found:
            values = found.groupdict()
            if message.msgid == "Status: {status}":
                return status_note(values["status"])
            return _shown(Message(message.msgid, **values))
    return Verbatim(note)


def render_note(stored: str | None, language_code: str | None = None) -> str:
    """A revision's note in ``language_code`` (default: the interface language)."""
    return note_text(stored).render(language_code)
