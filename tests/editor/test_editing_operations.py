"""The editor's operations without Qt: search index, filters, drafts, payload checks and saves."""

from __future__ import annotations

import pytest

from desktop.choices import create_category, create_organization, load_choices
from desktop.drafts import discard_draft, list_drafts, save_draft
from desktop.errors import ConflictError
from desktop.offer_editing import (
    changed_texts,
    empty_payload,
    payload_from_offer,
    problems_in,
    save_over_latest,
    save_payload,
)
from desktop.offer_search import ACTIVE, OfferFilter, build_search_index, collect_search_texts, fold
from desktop.offers import create_offer, get_offer, list_offers, save_offer
from tests.support.factory import GERMAN, make_region, offer_facts


def test_search_finds_words_in_every_language_and_field(demo_db):
    index = build_search_index(demo_db)
    rows = {r.id: r for r in list_offers(demo_db)}
    assert len(index) == len(rows)
    ids = list(rows)
    # Arabic content, without its vowel marks, and a German word without its umlaut.
    arabic = index.matching("مساعدة", ids)
    assert arabic and len(arabic) < len(ids)
    assert index.matching("STADTEREGION", ids) == index.matching("Städteregion", ids)
    # An organization's name and a street find their offers.
    first = next(r for r in rows.values() if r.organization and r.street)
    found = index.matching(f"{first.organization.split()[0]} {first.street.split()[0]}", ids)
    assert first.id in found
    assert index.matching("kein-solches-wort-xyz", ids) == set()


def test_fold_ignores_case_accents_and_arabic_vowel_marks():
    assert fold("Städte") == "stadte"
    assert fold("مُسَاعَدَة") == fold("مساعدة")


def test_filters_combine_state_category_and_translation_status(demo_db):
    rows = list_offers(demo_db)
    index = build_search_index(demo_db)
    active = [r for r in rows if OfferFilter(state=ACTIVE).accepts(r, index)]
    assert all(r.state != "archived" for r in active)
    outdated_ar = [
        r
        for r in rows
        if OfferFilter(state=None, language="ar", language_status="outdated").accepts(r, index)
    ]
    assert outdated_ar and all(r.statuses["ar"] == "outdated" for r in outdated_ar)
    category = rows[0].category_id
    in_category = [r for r in rows if OfferFilter(state=None, category_id=category).accepts(r, index)]
    assert {r.category_id for r in in_category} == {category}


def test_drafts_are_kept_per_user_and_offer_and_replaced_not_piled_up(db):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="a")
    save_draft(db, offer.id, offer.version, {"texts": {"de": {"title": "eins"}}}, author="anna")
    save_draft(db, offer.id, offer.version, {"texts": {"de": {"title": "zwei"}}}, author="anna")
    save_draft(db, None, None, {"texts": {"de": {"title": "Neu"}}}, author="anna")
    save_draft(db, offer.id, offer.version, {"texts": {"de": {"title": "ben"}}}, author="ben")
    drafts = list_drafts(db, author="anna")
    assert sorted((d.offer_id or 0, d.payload["texts"]["de"]["title"]) for d in drafts) == [
        (0, "Neu"),
        (offer.id, "zwei"),
    ]
    assert {d.title for d in drafts} == {GERMAN["title"], "Neu"}
    discard_draft(db, offer.id, author="anna")
    discard_draft(db, None, author="anna")
    assert list_drafts(db, author="anna") == []
    assert len(list_drafts(db, author="ben")) == 1


def test_problems_follow_the_models_rules_and_drafts_may_be_incomplete(sqlite_db):
    make_region(sqlite_db)
    payload = empty_payload(["de", "en"])
    assert [p.code for p in problems_in(payload, root="de")] == ["required"]  # a draft needs only a title
    payload["texts"]["de"]["title"] = "Beratung"
    assert problems_in(payload, root="de") == []
    payload["facts"]["contacts"] = [{"name": "X", "email": "kein-at-zeichen"}]
    payload["facts"]["state"] = "published"
    problems = problems_in(payload, root="de")
    assert {p.field for p in problems} >= {"contacts[0].email", "category", "summary", "content"}


def test_save_payload_creates_saves_only_changes_and_reports_conflicts(db):
    ids = make_region(db)
    payload = empty_payload(["de", "en"])
    payload["facts"].update(category_id=ids["category_id"], street="Markt 1")
    payload["texts"]["de"] = dict(GERMAN)
    created = save_payload(db, None, payload, base=None, base_version=None, author="anna")
    assert get_offer(db, created.id).texts["de"].title == GERMAN["title"]
    base = payload_from_offer(created)
    mine = payload_from_offer(created)
    mine["texts"]["de"]["title"] = "Neuer Titel"
    assert changed_texts(mine, base) == {"de": {**base["texts"]["de"], "title": "Neuer Titel"}}
    # Someone else saves meanwhile: my save over the old version is refused, nothing overwritten.
    save_offer(db, created.id, expected_version=created.version, author="ben", facts={"street": "Dom 2"})
    with pytest.raises(ConflictError) as caught:
        save_payload(db, created.id, mine, base=base, base_version=created.version, author="anna")
    assert caught.value.by == "ben"
    assert get_offer(db, created.id).texts["de"].title == GERMAN["title"]
    saved = save_over_latest(db, created.id, mine, author="anna")
    assert saved.texts["de"].title == "Neuer Titel"


def test_new_categories_and_organizations_are_created_once(db):
    make_region(db)
    first = create_category(db, "Sprachkurse")
    assert create_category(db, "sprachkurse").id == first.id
    org = create_organization(db, "Caritas Testregion")
    choices = load_choices(db)
    assert first in choices.categories and org in choices.organizations
    assert choices.root_language == "de" and [lc.code for lc in choices.languages][:2] == ["de", "en"]


def test_revision_diffs_read_as_before_and_after_not_word_salad():
    from desktop.offers import readable
    from models.meaning import word_diff

    spans = readable(word_diff("Offene Sprechstunde am Dienstag", "Beratung nur am Mittwoch"))
    assert [(s.op, s.text) for s in spans] == [
        ("delete", "Offene Sprechstunde"),
        ("insert", "Beratung nur"),
        ("equal", " am "),
        ("delete", "Dienstag"),
        ("insert", "Mittwoch"),
    ]


def test_search_index_narrows_while_typing_and_remembers_when_deleting():
    from desktop.offer_search import SearchIndex

    index = SearchIndex()
    index.set(1, "Beratung in Aachen")
    index.set(2, "Beratung in Stolberg")
    index.set(3, "Sprachkurs Aachen")
    assert index.matching("bera") == {1, 2}
    assert index.matching("beratung aach") == {1}  # narrowed from the last hits
    assert index.matching("bera") == {1, 2}  # back again: the remembered answer
    index.set(2, "Sprachcafe")
    assert index.matching("bera") == {1}  # a change forgets the remembered answers
    assert index.matching("aachen", [3]) == {3}


def test_the_index_streamed_from_the_database_finds_every_offer_on_both_backends(db):
    """Texts arrive offer by offer from a streamed query (a server-side cursor on PostgreSQL)."""
    from desktop.offers import save_translation

    ids = make_region(db)
    made = []
    for number in range(7):
        offer = create_offer(
            db,
            offer_facts(ids, street=f"Weg {number}"),
            {"de": {**GERMAN, "title": f"Beratung Nummer{number}"}},
            author="t",
            validate=False,
        )
        save_translation(
            db,
            offer.id,
            "ar",
            {"title": f"استشارة رقم{number}", "summary": "", "content": ""},
            author="t",
            review_status="machine",
        )
        made.append(offer.id)
    index = build_search_index(db)
    assert len(index) == 7
    for number, offer_id in enumerate(made):
        assert index.matching(f"nummer{number}") == {offer_id}
        assert index.matching(f"رقم{number}") == {offer_id}
        assert index.matching(f"weg {number} beratung") >= {offer_id}
    assert collect_search_texts(db, made[2:4]).keys() == set(made[2:4])


def test_the_index_finds_an_offer_by_its_cost_and_contact_areas_in_every_language(db):
    """Cost and a contact's area of responsibility are texts per language (issue 18 item 11):
    the list's search finds them in German and in the other languages like titles."""
    from desktop.offers import save_translation
    from tests.support.areas import keyed

    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {"name": "Herr B"}]
    offer = create_offer(
        db,
        facts,
        {
            "de": {
                **GERMAN,
                "cost": "Kostenbeitrag Monatskarte",
                "contact_areas": ["Wohnungssuche", "Schulden"],
            }
        },
        author="t",
        validate=False,
    )
    other = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="t", validate=False)
    save_translation(
        db,
        offer.id,
        "ar",
        {
            "title": "استشارة",
            "summary": "",
            "content": "",
            "cost": "اشتراك شهري",
            "contact_areas": keyed(offer, ["", "الديون"]),
        },
        author="t",
        review_status="machine",
    )
    index = build_search_index(db)
    assert len(index) == 2
    for word in ("monatskarte", "wohnungssuche", "schulden", "شهري", "الديون"):
        assert index.matching(word) == {offer.id}, word
    # after a save the offer's words are read again (the list's index follows each change)
    save_translation(
        db,
        offer.id,
        "ar",
        {"title": "استشارة", "summary": "", "content": "", "cost": "مجاني", "contact_areas": {}},
        author="t",
        review_status="machine",
    )
    for offer_id, text in collect_search_texts(db, [offer.id, other.id]).items():
        index.set(offer_id, text)
    assert index.matching("مجاني") == {offer.id} and not index.matching("الديون")


def test_a_new_page_and_a_new_offer_keep_a_draft_each(db):
    """Neither has an id yet: a crash draft of one must not replace the other's."""
    make_region(db)
    save_draft(
        db, None, None, {"kind": "offer", "payload": {"texts": {"de": {"title": "Kurs"}}}}, author="anna"
    )
    save_draft(
        db, None, None, {"kind": "page", "payload": {"texts": {"de": {"title": "Seite"}}}}, author="anna"
    )
    save_draft(
        db, None, None, {"kind": "page", "payload": {"texts": {"de": {"title": "Seite 2"}}}}, author="anna"
    )
    assert sorted(d.title for d in list_drafts(db, author="anna")) == ["Kurs", "Seite 2"]
    discard_draft(db, None, author="anna", kind="page")
    assert [d.title for d in list_drafts(db, author="anna")] == ["Kurs"]
