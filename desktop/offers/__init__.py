"""Offers: reading (``reading``), the values handed out (``data``), writing facts and whole
offers (``writing``), texts and their status (``texts``), revisions and history (``revisions``).

Every write is one transaction: its own when given a ``Database``, the caller's when given a
``Session``. The names below are the package's interface; import them from here.
"""

from .data import (
    FACT_FIELDS,
    TEXT_FIELDS,
    OfferData,
    OfferRow,
    TextData,
    facts_of,
    jsonable_facts,
    normalise_facts,
)
from .reading import (
    bounding_box,
    count_offers,
    get_offer,
    list_offers,
    load_offer,
    offer_data,
    texts_by_language,
)
from .revisions import (
    RevisionEntry,
    list_offer_revisions,
    list_text_revisions,
    offer_history,
    readable,
    restore,
    restore_offer_revision,
    restore_text_revision,
    restored_note,
)
from .text_store import claim_text_version
from .texts import (
    TextWrite,
    TranslationWrite,
    refresh_statuses,
    save_translation,
    set_review_status,
    write_text,
    write_translation,
)
from .writing import (
    OfferWrite,
    create_offer,
    delete_offer,
    delete_offers,
    duplicate_offer,
    insert_offer,
    save_offer,
    set_state,
    set_states,
    write_offer,
)

__all__ = [
    "FACT_FIELDS",
    "TEXT_FIELDS",
    "OfferData",
    "OfferRow",
    "OfferWrite",
    "RevisionEntry",
    "TextData",
    "TextWrite",
    "TranslationWrite",
    "bounding_box",
    "claim_text_version",
    "count_offers",
    "create_offer",
    "delete_offer",
    "delete_offers",
    "duplicate_offer",
    "facts_of",
    "get_offer",
    "insert_offer",
    "jsonable_facts",
    "list_offer_revisions",
    "list_offers",
    "list_text_revisions",
    "load_offer",
    "normalise_facts",
    "offer_data",
    "offer_history",
    "readable",
    "refresh_statuses",
    "restore",
    "restore_offer_revision",
    "restored_note",
    "restore_text_revision",
    "save_offer",
    "save_translation",
    "set_review_status",
    "set_state",
    "set_states",
    "texts_by_language",
    "write_offer",
    "write_text",
    "write_translation",
]
