"""Images and names the app needs that Lotse's data may lack, made for the package.

- Place categories: the app draws a place with the sprite ``<icon>_<color>``, which exists only
  for the CMS's icon names and palette. A Lotse category's colour goes out as the nearest
  palette colour, its icon (a qtawesome name in Lotse) as the CMS icon that means the same.
  ``icon_url`` points at an SVG the package carries (``static/svg/place-category-icons/``, the
  CMS's path), so no image is referenced that is not there.
- Organizations: the CMS does not allow one without a logo and the app's type is a string, so
  an organization without a logo gets a generated one (its initials on a grey disc).
- Top-level pages are the app's tiles: without a thumbnail they are empty frames, so each
  category page gets a tile in the category's (palette) colour with its initial.

Every image is made from its inputs only, so the same data gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from .app_rules import CMS_COLORS, CMS_ICONS
from .policy import Plan
from .snapshot import RegionSnapshot

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSans-Bold.ttf"
ICON_FOLDER = "static/svg/place-category-icons"
GREY = "#585858"

# Lotse's category icons (qtawesome names) -> the CMS's place-category icon names.
CMS_ICON_FOR = {
    "fa5s.comments": "advice",
    "fa5s.language": "education",
    "fa5s.briefcase": "office",
    "fa5s.home": "house",
    "fa5s.heartbeat": "health",
    "fa5s.child": "daily_routine",
    "fa5s.passport": "office",
    "fa5s.users": "meeting_point",
    "fa5s.graduation-cap": "education",
    "fa5s.shopping-basket": "shopping",
    # names older Lotse versions wrote, which the CMS does not know
    "work": "office",
    "family": "daily_routine",
    "community": "meeting_point",
}


def cms_icon(icon: str | None) -> str:
    """The CMS icon name for a Lotse category icon ("other" when there is no match)."""
    if icon in CMS_ICONS:
        return icon
    return CMS_ICON_FOR.get(icon or "", "other")


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def palette_color(color: str | None) -> str:
    """The nearest colour of the CMS's palette (weighted RGB distance, as the eye sees it);
    what is no colour at all stays as it is, for the format check to name it."""
    try:
        r, g, b = _rgb(color or "")
    except ValueError:
        return (color or "").upper()
    if (color or "").upper() in CMS_COLORS:
        return color.upper()

    def distance(candidate: str) -> float:
        cr, cg, cb = _rgb(candidate)
        mean = (r + cr) / 2
        return (2 + mean / 256) * (r - cr) ** 2 + 4 * (g - cg) ** 2 + (2 + (255 - mean) / 256) * (b - cb) ** 2

    return min(CMS_COLORS, key=distance)


def icon_svg(icon: str) -> bytes:
    """A plain pictogram for a CMS icon name: a disc with the name's initial (Lotse's own
    drawing; the CMS's artwork is not copied)."""
    letter = escape(icon[:1].upper() or "?")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">'
        f'<title>{escape(icon)}</title><circle cx="12" cy="12" r="11" fill="#000000"/>'
        '<text x="12" y="16.5" font-family="sans-serif" font-size="13" font-weight="bold" '
        f'text-anchor="middle" fill="#ffffff">{letter}</text></svg>\n'
    ).encode()


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def initials(name: str, count: int = 2) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha() and w[:1].isascii()]
    skip = {"e.v.", "und", "der", "die", "das", "für", "im", "in", "am", "gmbh", "ggmbh"}
    chosen = [w for w in words if w.lower() not in skip] or words
    return "".join(w[0].upper() for w in chosen[:count]) or "?"


@lru_cache(maxsize=1024)  # organizations share initials; every publish drew each again (7 ms each)
def disc_png(text: str, color: str, size: int = 256) -> bytes:
    """A disc in ``color`` with ``text`` in white, PNG, deterministic."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 5, size - 5), fill=_rgb(color) + (255,))
    font = _font(size // (3 if len(text) > 1 else 2))
    draw.text((size / 2, size / 2), text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def _stored(files: dict[str, bytes], folder: str, stem: str, data: bytes, ext: str = "png") -> str:
    relpath = f"{folder}/{stem}-{hashlib.sha256(data).hexdigest()[:12]}.{ext}"
    files[relpath] = data
    return relpath


def prepare_assets(snapshot: RegionSnapshot, plan: Plan, base_url: str, image_urls: dict) -> dict[str, bytes]:
    """Add to ``image_urls`` what the app needs and the data lacks: ("org", id) default logos,
    ("category", id) tiles; return the files (category icons included)."""
    base = base_url.rstrip("/") + "/"
    files: dict[str, bytes] = {}
    published = {oid for ids in plan.included.values() for oid in ids}
    offers = [o for o in snapshot.offers if o.id in published]
    pages = {pid for ids in plan.pages.values() for pid in ids}
    events = {eid for ids in plan.events.values() for eid in ids}
    content = [p for p in snapshot.pages if p.id in pages] + [e for e in snapshot.events if e.id in events]
    used_orgs = {o.organization_id for o in offers + content}
    for org in snapshot.organizations:
        if org.id in used_orgs and ("org", org.id) not in image_urls:
            data = disc_png(initials(org.name), GREY, 200)
            image_urls[("org", org.id)] = base + _stored(
                files, "media/organizations", f"{org.slug}-logo", data
            )
    categories = {c.id: c for c in snapshot.categories}
    used_categories = {o.category_id if o.category_id in categories else None for o in offers}
    for cid in sorted(used_categories, key=lambda c: (c is None, c or 0)):
        category = categories.get(cid)
        color = palette_color(category.color) if category else "#2E98FB"
        color = color if color in CMS_COLORS else GREY  # no colour at all: the publish stops anyway
        name = category.name(snapshot.root, snapshot.root) if category else "?"
        data = disc_png(initials(name, 1), color)
        stem = category.slug if category else "weitere-angebote"
        image_urls[("category", cid)] = base + _stored(files, "media/categories", stem, data)
    # the app shows the top-level information pages as tiles: one without a picture gets its initial
    page_ids = {p.id for p in snapshot.pages}
    for page in snapshot.pages:
        top = page.parent_id is None or page.parent_id not in page_ids
        if page.id in pages and top and ("offer", page.id) not in image_urls:
            title = page.texts[snapshot.root].title if snapshot.root in page.texts else "?"
            data = disc_png(initials(title, 1), "#2E98FB")
            image_urls[("offer", page.id)] = base + _stored(files, "media/pages", f"seite-{page.id}", data)
    for icon in sorted(
        {cms_icon(categories[c].icon) if c in categories else "other" for c in used_categories}
    ):
        files[f"{ICON_FOLDER}/{icon}.svg"] = icon_svg(icon)
    return files
