"""The publish snapshot's items read as plain rows (desktop/publish_rows.py) hold the very values
the ORM's objects hold, on SQLite and PostgreSQL: dates, date-times, JSON columns, flags, NULLs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from desktop.demo import install_demo
from desktop.publish import load_snapshot
from desktop.publish_rows import CONTENTS, LIGHT, SUMMARIES, read_contents, read_offers, read_texts
from desktop.regions import current_region
from models.tables import Offer, OfferText


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _orm_offer(o: Offer) -> dict:
    return {
        "id": o.id,
        "slug": o.slug,
        "category_id": o.category_id,
        "organization_id": o.organization_id,
        "street": o.street,
        "postcode": o.postcode,
        "town": o.town,
        "latitude": o.latitude,
        "longitude": o.longitude,
        "contacts": list(o.contacts or []),
        "opening_hours": o.opening_hours,
        "appointment_url": o.appointment_url,
        "barrier_free": o.barrier_free,
        "languages_spoken": list(o.languages_spoken or []),
        "target_groups": list(o.target_groups or []),
        "cost": o.cost,
        "valid_from": o.valid_from,
        "valid_until": o.valid_until,
        "image_path": o.image_path,
        "state": o.state,
        "updated_at": _utc(o.updated_at),
        "kind": o.kind,
        "cms_id": o.cms_id,
        "parent_id": o.parent_id,
        "position": o.position,
        "icon": o.icon,
        "event_start": o.event_start,
        "event_end": o.event_end,
        "all_day": o.all_day,
        "timezone": o.timezone,
        "rrule": o.rrule,
        "exdates": list(o.exdates or []),
        "moved": dict(o.moved or {}),
        "place_id": o.place_id,
        "meeting_url": o.meeting_url,
    }


def _vary(db) -> None:
    """Values the demo may lack: each kind of column with a value, empty and NULL."""
    with db.transaction() as session:
        offers = list(session.exec(select(Offer).order_by(Offer.id)))
        assert len(offers) >= 4
        offers[0].barrier_free, offers[1].barrier_free, offers[2].barrier_free = True, False, None
        offers[0].valid_from, offers[0].valid_until = date(2026, 1, 2), date(2027, 3, 4)
        offers[1].event_start = datetime(2026, 5, 6, 18, 30)
        offers[1].event_end = datetime(2026, 5, 6, 20, 0, 0, 123456)
        offers[1].all_day, offers[1].moved = True, {"2026-05-13": ["2026-05-14T18:00", "2026-05-14T20:00"]}
        offers[1].exdates = ["2026-05-20"]
        offers[2].opening_hours, offers[3].opening_hours = None, [{"closed": True, "slots": []}]
        offers[3].contacts = [{"name": "Ä Ö", "phone": "0241 1", "email": None}]
        text = session.exec(select(OfferText).where(OfferText.offer_id == offers[0].id)).first()
        assert text is not None
        text.old_slugs, text.contact_areas, text.cms_id, text.slug = (
            ["alt", "älter"],
            {"k0000001": "Anmeldung", "k0000002": ""},  # areas by contact key (migration 4500)
            7,
            "s",
        )
        text.content = ""


def test_plain_rows_hold_the_orm_values(db):
    install_demo(db)
    _vary(db)
    with db.transaction() as session:
        region = current_region(session)
        orm = {o.id: _orm_offer(o) for o in session.exec(select(Offer).where(Offer.region_id == region.id))}
        orm_texts = {
            (t.offer_id, t.language_code): t for t in session.exec(select(OfferText).order_by(OfferText.id))
        }
        offers = read_offers(session, region.id)
        assert list(offers) == sorted(orm)
        for oid, snap in offers.items():
            mine = {name: getattr(snap, name) for name in orm[oid]}
            assert mine == orm[oid], oid
            assert [type(v) for v in mine.values()] == [type(v) for v in orm[oid].values()], oid
        codes = {t.language_code for t in orm_texts.values()}
        assert len(codes) > 1
        for what in (CONTENTS, SUMMARIES, LIGHT):
            fresh = read_offers(session, region.id)
            read_texts(session, region.id, fresh, codes, what)
            count = 0
            for oid, snap in fresh.items():
                for code, t in snap.texts.items():
                    o = orm_texts[(oid, code)]
                    content = o.content if what == CONTENTS else ("…" if o.content else "")
                    expected = (o.id, code, o.title, "" if what == LIGHT else o.summary, content, o.status)
                    assert (t.id, t.language_code, t.title, t.summary, t.content, t.status) == expected
                    assert (t.updated_at, t.slug, t.cms_id) == (_utc(o.updated_at), o.slug, o.cms_id)
                    areas = dict(o.contact_areas or {})
                    assert (t.old_slugs, t.contact_areas) == (tuple(o.old_slugs or ()), areas)
                    count += 1
            assert count == len(orm_texts)
        some = sorted(orm)[:3]
        part = read_offers(session, region.id, some)
        assert list(part) == some
        read_texts(session, region.id, part, codes, SUMMARIES, some)
        read_contents(session, part, some)
        for oid in some:
            assert {c: t.content for c, t in part[oid].texts.items()} == {
                c: o.content for (i, c), o in orm_texts.items() if i == oid
            }


def test_a_snapshot_read_light_with_some_contents(db):
    """``contents_for``: those items' contents, the others' placeholders and summaries."""
    install_demo(db)
    with db.transaction() as session:
        whole = load_snapshot(session)
        some = {whole.offers[0].id, whole.offers[-1].id}
        light = load_snapshot(session, contents_for=some)
    assert [o.id for o in light.offers] == [o.id for o in whole.offers]
    for a, b in zip(whole.offers, light.offers, strict=True):
        for code, text in a.texts.items():
            other = b.texts[code]
            assert other.summary == text.summary
            assert other.content == (text.content if a.id in some else ("…" if text.content else ""))
