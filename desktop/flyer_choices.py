"""What the flyer and brochure window offers to choose from: the region's languages,
categories and municipalities, its publishing policy and app URL."""

from __future__ import annotations

from dataclasses import dataclass

from models.languages import display_name

from .app_links import region_app_url
from .db import Database
from .regions import region_languages


@dataclass
class FlyerChoices:
    languages: list[tuple[str, str]]  # (code, "Arabisch – العربية")
    categories: list[tuple[str, str]]  # (slug, name in the UI language or German)
    municipalities: list[str]
    policy: str  # the region's publishing policy
    app_url: str = ""  # where QR codes lead unless a template is given


def flyer_choices(db: Database, ui_language: str = "de") -> FlyerChoices:
    from .regions import categories, current_region, municipalities

    with db.transaction() as session:
        region = current_region(session)
        assert region.id is not None
        languages = [
            (rl.code, f"{display_name(rl.code, ui_language)} – {rl.native_name}")
            for rl in region_languages(session, region.id)
        ]
        cats = [
            (c.slug, c.names.get(ui_language) or c.names.get("de") or c.slug)
            for c in categories(session, region.id)
        ]
        munis = [m.name for m in municipalities(session, region.id)]
        return FlyerChoices(languages, cats, munis, region.publish_policy, region_app_url(region))
