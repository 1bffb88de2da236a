"""Many offers fast: copies of the region's offers and texts inserted in bulk, for
tests and measurements of the list with 10,000 offers."""

from __future__ import annotations

from sqlalchemy import insert, select

from models.tables import Offer, OfferText


def multiply_offers(db, target: int) -> int:
    """Copy existing offers (with their texts) until the region holds ``target`` offers."""
    offer_table, text_table = Offer.__table__, OfferText.__table__
    with db.transaction() as session:
        conn = session.connection()
        offers = [dict(r._mapping) for r in conn.execute(select(offer_table).order_by(offer_table.c.id))]
        texts = [dict(r._mapping) for r in conn.execute(select(text_table))]
        by_offer: dict[int, list[dict]] = {}
        for t in texts:
            by_offer.setdefault(t["offer_id"], []).append(t)
        next_id = max(o["id"] for o in offers) + 1
        new_offers, new_texts = [], []
        copy = 0
        while len(offers) + len(new_offers) < target:
            source = offers[copy % len(offers)]
            round_no = copy // len(offers) + 1
            new_offers.append({**source, "id": next_id, "slug": f"{source['slug']}-{round_no}"})
            for t in by_offer.get(source["id"], []):
                row = {k: v for k, v in t.items() if k != "id"}
                if t["language_code"] == "de":
                    row["title"] = f"{t['title']} {round_no}"
                new_texts.append({**row, "offer_id": next_id})
            next_id += 1
            copy += 1
        for start in range(0, len(new_offers), 2000):
            conn.execute(insert(offer_table), new_offers[start : start + 2000])
        for start in range(0, len(new_texts), 5000):
            conn.execute(insert(text_table), new_texts[start : start + 5000])
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval('offer_id_seq', (SELECT max(id) FROM offer))")
            conn.exec_driver_sql("SELECT setval('offer_text_id_seq', (SELECT max(id) FROM offer_text))")
    return len(offers) + len(new_offers)
