"""The parts of a flyer every layout shares: the title band, the offer's text, its facts."""

from __future__ import annotations

from .content import FlyerData, isolated, paragraphs, plain
from .layout import Flow, tint
from .wording import cost_text, hours_rows, label, language_name, local_digits, target_group


def title_band(
    flow: Flow, data: FlyerData, *, title_points: float = 17, bleed: float = 0.0, min_height: float = 0.0
) -> float:
    """The category and the title, white on the category colour, across the frame; at least
    ``min_height`` tall (two bands side by side line up). Returns the band's height."""
    language = flow.language
    text = data.text(language)
    category = plain(data.category(language), language)
    title = plain(text.title, language)
    pad = 3.0
    width = flow.frame.width - 2 * pad
    cat_h = (
        flow._measure(lambda: flow._text(category, 8.5, bold=True, width=width, offset=pad))
        if category
        else 0
    )
    title_h = flow._measure(lambda: flow._text(title, title_points, bold=True, width=width, offset=pad))
    height = max(cat_h + title_h + 2 * pad, min_height)
    flow.ensure(height)
    flow._goto()
    if not flow.measuring:
        pdf = flow.pdf
        pdf.set_fill_color(*flow.color)
        pdf.rect(flow.frame.x - bleed, flow.y, flow.frame.width + 2 * bleed, height, style="F")
        if category:
            flow._text(
                category,
                8.5,
                bold=True,
                width=width,
                offset=pad,
                y=flow.y + pad,
                color=tint(flow.color, 0.75),
            )
        flow._text(
            title,
            title_points,
            bold=True,
            width=width,
            offset=pad,
            y=flow.y + pad + cat_h,
            color=(255, 255, 255),
        )
    flow.y += height + 3.5 * flow.scale
    return height


def offer_text(
    flow: Flow, data: FlyerData, *, summary_points: float = 11.5, with_heading: bool = True
) -> None:
    """The summary, then "What we offer" with the content's paragraphs and lists."""
    language = flow.language
    text = data.text(language)
    if text.summary:
        flow.paragraph(plain(text.summary, language), summary_points, gap=3.0, color=(40, 40, 40))
    blocks = paragraphs(text.content, language)
    if blocks and with_heading:
        flow.heading(label(language, "offer"))
    for block in blocks:
        if block.kind == "ul":
            flow.item(block.text)
        elif block.kind == "ol":
            flow.item(block.text, marker=local_digits(language, f"{block.number}."))
        else:
            flow.paragraph(block.text)


def address_lines(data: FlyerData) -> list[str]:
    lines = [data.street, " ".join(p for p in (data.postcode, data.town) if p)]
    return [line for line in lines if line]


def contact_lines(data: FlyerData, language: str) -> list[str]:
    """One line per contact detail, labelled in the flyer's language."""
    lines: list[str] = []
    for index, contact in enumerate(data.contacts):
        # Name and area as one text: German name and German area read as one left-to-right
        # run, a translated area follows the name in the page's direction.
        who = " – ".join(v.strip() for v in (contact.get("name"), data.area_in(language, index)) if v)
        if who:
            lines.append(f"**{plain(who, language)}**")
        for key in ("phone", "mobile", "email", "website"):
            if contact.get(key):
                lines.append(plain(f"{label(language, key)}: {contact[key]}", language))
    return lines


def facts(flow: Flow, data: FlyerData, points: float = 9.5) -> None:
    """Address, opening hours, contacts, languages, target groups, cost."""
    language = flow.language
    address = address_lines(data)
    if address:
        flow.heading(label(language, "address"), 10.5)
        if data.barrier_free:
            address = address + [label(language, "barrier_free")]
        flow.paragraph(plain("\n".join(isolated(line, language) for line in address), language), points)
    rows = hours_rows(language, data.opening_hours)
    if rows:
        flow.heading(label(language, "hours"), 10.5)
        flow.table([(plain(k, language), plain(v, language)) for k, v in rows], points)
    contacts = contact_lines(data, language)
    if contacts:
        flow.heading(label(language, "contact"), 10.5)
        for line in contacts:
            flow.paragraph(line, points, gap=0.8)
        flow.space(1.5)
    if data.languages_spoken:
        flow.heading(label(language, "languages"), 10.5)
        names = [language_name(language, code) for code in data.languages_spoken]
        flow.paragraph(plain(("، " if flow.rtl else ", ").join(names), language), points)
    if data.target_groups:
        flow.heading(label(language, "for_whom"), 10.5)
        groups = [target_group(language, key) for key in data.target_groups]
        flow.paragraph(plain(("، " if flow.rtl else ", ").join(groups), language), points)
    cost = cost_text(language, data.cost_in(language))
    if cost:
        flow.heading(label(language, "cost"), 10.5)
        flow.paragraph(plain(isolated(cost, language), language), points)
