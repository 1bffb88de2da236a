"""Small regions and offers built through the real operations, for tests."""

from __future__ import annotations

from desktop.regions import add_language
from models.tables import Category, Municipality, Region

HOURS = [
    {
        "closed": False,
        "all_day": False,
        "appointment_only": False,
        "slots": [["09:00", "12:00"], ["14:00", "16:00"]],
    },
    {"closed": False, "all_day": False, "appointment_only": False, "slots": [["09:00", "12:00"]]},
    {"closed": True, "all_day": False, "appointment_only": False, "slots": []},
    {"closed": False, "all_day": False, "appointment_only": True, "slots": []},
    {"closed": False, "all_day": False, "appointment_only": False, "slots": [["09:00", "12:00"]]},
    {"closed": True, "all_day": False, "appointment_only": False, "slots": []},
    {"closed": True, "all_day": False, "appointment_only": False, "slots": []},
]


def make_region(db, languages=(("de", None), ("en", "de"), ("ar", "de"), ("fa", "de"), ("prs", "fa"))):
    with db.transaction() as session:
        region = Region(
            slug="testregion",
            name="Testregion",
            bbox_lon_min=5.9,
            bbox_lat_min=50.4,
            bbox_lon_max=6.5,
            bbox_lat_max=51.0,
        )
        session.add(region)
        session.flush()
        for position, (code, source) in enumerate(languages):
            add_language(session, region, code, source, position=position)
        category = Category(
            region_id=region.id,
            slug="beratung",
            color="#112233",
            names={"de": "Beratung", "en": "Counselling"},
        )
        town = Municipality(region_id=region.id, name="Aachen", postcode="52062")
        session.add(category)
        session.add(town)
        session.flush()
        return {"region_id": region.id, "category_id": category.id, "municipality_id": town.id}


def offer_facts(ids, **overrides):
    facts = {
        "category_id": ids["category_id"],
        "municipality_id": ids["municipality_id"],
        "street": "Markt 1",
        "postcode": "52062",
        "town": "Aachen",
        "latitude": 50.7753,
        "longitude": 6.0839,
        "contacts": [{"name": "Frau Test", "email": "test@example.org", "phone": "0241 123456"}],
        "opening_hours": HOURS,
        "state": "published",
    }
    facts.update(overrides)
    return facts


GERMAN = {
    "title": "Migrationsberatung",
    "summary": "Beratung für Erwachsene.",
    "content": "<p>Wir beraten Sie <strong>kostenlos</strong>. Telefon 0241 123456.</p>",
}
