"""Which region an import takes: its facts, municipalities and languages (the source language first)."""

from __future__ import annotations

from typing import Any

from models.i18n import N_

from .import_plan import NewLanguage
from .import_values import number_of, str_or_none, text_of
from .reader import IntegreatData, ReadError, norm_path


def choose_region(data: IntegreatData, slug: str | None) -> dict[str, Any]:
    wanted = slug or (next(iter(sorted(data.region_slugs))) if len(data.region_slugs) == 1 else None)
    if wanted is None and data.region_slugs:
        raise ReadError(
            N_(
                "The data holds several regions ({items}); name one with --region.",
                items=", ".join(sorted(data.region_slugs)),
            ),
        )
    region = next((r for r in data.regions if norm_path(r.get("path")) == wanted), None)
    if region is None:
        if not wanted:
            raise ReadError(N_("No region found in the data."))
        data.warn(
            N_("No region data for “{wanted}”; name and languages taken from the paths.", wanted=wanted),
        )
        region = {"path": wanted, "name": wanted, "languages": []}
    return region


def plan_languages(data: IntegreatData, region: dict[str, Any]) -> list[NewLanguage]:
    candidates = region.get("languages")
    if not isinstance(candidates, list) or not candidates:
        candidates = data.languages if isinstance(data.languages, list) else []
    listed = [lang for lang in candidates if isinstance(lang, dict) and lang.get("code")]
    codes_with_content = set(data.pages) | set(data.places)
    by_code = {str(lang["code"]).lower()[:20]: lang for lang in listed}
    for code in sorted(codes_with_content - set(by_code)):
        by_code[code] = {"code": code}
    order = list(by_code)
    root = "de" if "de" in by_code else order[0]
    sources = {}
    if data.lotse_offers:
        sources = {
            lang.get("code"): lang.get("source")
            for lang in data.lotse_offers.get("languages", [])
            if isinstance(lang, dict)
        }
    out = []
    for code in [root] + [c for c in order if c != root]:
        entry = by_code[code]
        source = None if code == root else (sources.get(code) if sources.get(code) in by_code else root)
        direction = "rtl" if entry.get("dir") == "RIGHT_TO_LEFT" else "ltr"
        out.append(
            NewLanguage(
                code,
                str(entry.get("bcp47_tag") or code)[:35],
                text_of(entry.get("native_name"), 100) or code,
                direction,
                source,
            )
        )
    return out


def region_facts(region: dict[str, Any], slug: str) -> dict[str, Any]:
    """The region's own facts (name, prefix, postcode, centre, bounding box)."""
    box = region.get("bounding_box")
    bounding = None
    if (
        isinstance(box, list)
        and len(box) == 2
        and all(isinstance(p, list) and len(p) == 2 and all(number_of(v) is not None for v in p) for p in box)
    ):
        bounding = (tuple(map(float, box[0])), tuple(map(float, box[1])))
    return {
        "slug": slug,
        "name": text_of(region.get("name"), 200) or slug,
        "prefix": str_or_none(region.get("prefix"), 100),
        "name_without_prefix": str_or_none(region.get("name_without_prefix"), 200),
        "postcode": str_or_none(region.get("plz"), 10),
        "latitude": number_of(region.get("latitude")),
        "longitude": number_of(region.get("longitude")),
        "bounding_box": bounding,
    }


def municipalities_of(region: dict[str, Any]) -> list[dict[str, Any]]:
    """The region's aliases as municipalities, one per name."""
    raw = region.get("aliases")
    aliases = raw if isinstance(raw, dict) else {}
    return list(
        {
            text_of(name, 200): {
                "name": text_of(name, 200),
                "latitude": number_of(v.get("latitude")),
                "longitude": number_of(v.get("longitude")),
            }
            for name, v in sorted(aliases.items())
            if isinstance(v, dict) and text_of(name, 200)
        }.values()
    )
