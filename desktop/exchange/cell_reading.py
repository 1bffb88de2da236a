"""One spreadsheet row read into an offer's facts and texts, and every problem in it named.

Nothing here rejects a row for a soft reason: a value that cannot be used leaves its field
empty and becomes an :class:`Issue` (which the import attaches to the offer as a to-do); a
value Lotse cannot put into a field (a language, target group or opening-hour text it does
not know) is kept in the offer's internal notes. Only a row without a title cannot become
an offer (``fatal``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import nh3

from models.audience import read_target_groups
from models.hours import week_to_json
from models.hours_text import parse_hours_text
from models.i18n import N_, Message, Text, Verbatim
from models.language_names import read_languages
from models.richtext import clean_html
from models.validation import SUMMARY_MAX, TITLE_MAX, is_email, is_url, normalise_phone

from .offer_columns import BY_KEY, BadValue, parse_age, parse_bool, parse_date, parse_float

# Kinds of issue: the row cannot be imported / a field was left empty / a value was kept in
# the notes / markup was removed / something to know (a new organization).
FATAL, EMPTIED, KEPT, REMOVED, INFO = "fatal", "emptied", "kept", "removed", "info"


@dataclass(slots=True)  # one or more per row of a 20,000-row preview
class Issue:
    field: str  # the offer field (column key)
    value: str
    kind: str
    text: Text  # what is wrong
    to_do: Text = Verbatim("")  # what to do

    def message(self, language: str | None = None) -> str:
        return self.text.render(language)

    def todo(self, language: str | None = None) -> str:
        return self.to_do.render(language)


@dataclass
class ReadRow:
    facts: dict[str, Any] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    organization_name: str | None = None  # a new organization to create
    issues: list[Issue] = field(default_factory=list)
    unknown_groups: list[str] = field(default_factory=list)


@dataclass
class Lookups:
    """The region's names, read once per import."""

    categories: dict[str, int]  # folded name or slug -> id
    category_names: list[str]
    organizations: dict[str, int]
    municipalities: dict[str, int]
    postcodes: set[str]
    remembered_groups: dict[str, str]


_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_HAS_TAGS = re.compile(r"</?(p|ul|ol|li|br|strong|em|b|i|a)\b", re.IGNORECASE)


def strip_markup(value: str) -> tuple[str, list[str]]:
    """Plain text without tags, script and style content removed with them; and what was removed."""
    if "<" not in value:
        return value, []
    cleaned = html.unescape(nh3.clean(value, tags=set(), clean_content_tags={"script", "style"}))
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned).strip()
    if cleaned == value.strip():
        return value, []
    return cleaned, [m.group(0)[:80] for m in _MARKUP.finditer(value)][:5]


def content_html(text: str) -> str:
    """The description as the editor's HTML: tags kept from the allow-list, plain text in paragraphs."""
    if _HAS_TAGS.search(text):
        return clean_html(nh3.clean(text, clean_content_tags={"script", "style"}))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def _emptied(key: str, value: str, text: Message) -> Issue:
    to_do = N_("Field “{field}” stays empty. Ask the provider and fill it in.", field=BY_KEY[key].name())
    return Issue(key, value, EMPTIED, text, to_do)


def _kept(key: str, value: str, text: Message) -> Issue:
    return Issue(
        key, value, KEPT, text, N_("Kept in the internal notes; please map it or put it into the offer.")
    )


def read_row(values: dict[str, str], lookups: Lookups) -> ReadRow:
    """``values``: field key -> cell text as read."""
    out = ReadRow()
    notes: list[str] = []
    clean: dict[str, str] = {}
    for key, raw in values.items():
        raw = (raw or "").strip()
        if key == "content":
            clean[key] = raw
            if re.search(r"<(script|style)\b|<(?!/?(p|ul|ol|li|br|strong|em|b|i|a|u)\b)[a-z]", raw, re.I):
                _, removed = strip_markup(raw)
                out.issues.append(_removed(key, raw, removed))
            continue
        text, removed = strip_markup(raw)
        if removed:
            out.issues.append(_removed(key, raw, removed))
        clean[key] = text
    facts: dict[str, Any] = {"state": "draft"}
    title = clean.get("title", "")
    if not title:
        out.issues.append(
            Issue(
                "title",
                "",
                FATAL,
                N_("The title is missing: no offer is created without one."),
                N_("Add the title in the file and read it again."),
            )
        )
    elif len(title) > TITLE_MAX:
        out.issues.append(
            Issue(
                "title",
                title,
                FATAL,
                N_(
                    "The title is too long ({count} characters, at most {most}).",
                    count=len(title),
                    most=TITLE_MAX,
                ),
                N_("Shorten the title in the file."),
            )
        )
    summary, content = clean.get("summary", ""), clean.get("content", "")
    if len(summary) > SUMMARY_MAX:  # too long for the app's teaser: it opens the description instead
        out.issues.append(
            Issue(
                "summary",
                summary[:60] + "…",
                EMPTIED,
                N_(
                    "The summary is too long ({count} characters, at most {most}); it now "
                    "opens the description.",
                    count=len(summary),
                    most=SUMMARY_MAX,
                ),
                N_("Please write a short summary."),
            )
        )
        if _HAS_TAGS.search(content):
            content = f"<p>{html.escape(summary)}</p>{content}"
        else:
            content = f"{summary}\n\n{content}".strip()
        summary = ""
    out.text = {"title": title, "summary": summary, "content": content_html(content)}
    for key in ("street", "town", "cost", "internal_notes"):
        if clean.get(key):
            facts[key] = clean[key]
    _read_parsed(clean, facts, out)
    _read_address(clean, facts, out, lookups)
    _read_contact(clean, facts, out)
    _read_names(clean, facts, out, lookups)
    if clean.get("target_groups"):
        audience = read_target_groups(clean["target_groups"], lookups.remembered_groups)
        facts["target_groups"] = audience.groups
        # an age column of its own wins over an age in the target-group phrase
        if audience.age_min is not None:
            facts.setdefault("age_min", audience.age_min)
        if audience.age_max is not None:
            facts.setdefault("age_max", audience.age_max)
        if audience.unknown:
            out.unknown_groups = audience.unknown
            notes.append("Zielgruppe laut Träger: " + ", ".join(audience.unknown))
            phrases = ", ".join(audience.unknown)
            out.issues.append(
                _kept(
                    "target_groups",
                    phrases,
                    N_(
                        "Target group “{phrases}” is not mapped to one of the region's target groups.",
                        phrases=phrases,
                    ),
                )
            )
    if clean.get("languages_spoken"):
        codes, unknown = read_languages(clean["languages_spoken"])
        facts["languages_spoken"] = codes
        if unknown:
            names = ", ".join(unknown)
            notes.append("Sprachen laut Träger (nicht erkannt): " + names)
            out.issues.append(
                _kept("languages_spoken", names, N_("Language “{names}” not recognised.", names=names))
            )
    if clean.get("opening_hours"):
        hours = parse_hours_text(clean["opening_hours"])
        if hours.week is not None:
            facts["opening_hours"] = week_to_json(hours.week)
        if hours.kept:
            kept = "; ".join(hours.kept)
            notes.append("Öffnungszeiten (nicht übernommen): " + kept)
            out.issues.append(
                _kept("opening_hours", kept, N_("Opening hours “{kept}” not understood.", kept=kept))
            )
    if notes:
        facts["internal_notes"] = "\n".join([facts.get("internal_notes", ""), *notes]).strip()
    out.facts = facts
    return out


def _removed(key: str, raw: str, removed: list[str]) -> Issue:
    what = ", ".join(removed) or "HTML"
    return Issue(
        key,
        raw,
        REMOVED,
        N_("Markup removed (with script and style content): {what}", what=what),
        N_("Nothing to do; please check the text in the offer."),
    )


def _read_parsed(clean: dict[str, str], facts: dict[str, Any], out: ReadRow) -> None:
    for key, parse in (
        ("latitude", parse_float),
        ("longitude", parse_float),
        ("valid_from", parse_date),
        ("valid_until", parse_date),
        ("barrier_free", parse_bool),
        ("age_min", parse_age),
        ("age_max", parse_age),
    ):
        if clean.get(key):
            try:
                facts[key] = parse(clean[key], BY_KEY[key].name())
            except BadValue as exc:
                out.issues.append(_emptied(key, clean[key], exc.text))


def _read_address(clean: dict[str, str], facts: dict[str, Any], out: ReadRow, lookups: Lookups) -> None:
    postcode = clean.get("postcode", "")
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        out.issues.append(
            _emptied(
                "postcode",
                postcode,
                N_("“{postcode}” is not a German postcode (five digits).", postcode=postcode),
            )
        )
    elif postcode:
        facts["postcode"] = postcode
    elif clean.get("street") or clean.get("town"):
        out.issues.append(_emptied("postcode", "", N_("The postcode is missing.")))
    town = clean.get("municipality") or clean.get("town") or ""
    municipality = lookups.municipalities.get(town.casefold()) if town else None
    if municipality:
        facts["municipality_id"] = municipality
    elif clean.get("municipality"):
        out.issues.append(
            _emptied(
                "municipality",
                clean["municipality"],
                N_(
                    "The municipality “{municipality}” is not in the region.",
                    municipality=clean["municipality"],
                ),
            )
        )
    known_postcode = not lookups.postcodes or facts.get("postcode") in lookups.postcodes
    if facts.get("postcode") and not municipality and not known_postcode:
        out.issues.append(
            Issue(
                "postcode",
                postcode,
                INFO,
                N_(
                    "Town “{town}” and postcode {postcode} belong to no municipality of the region.",
                    town=town,
                    postcode=postcode,
                ),
                N_("Check the address."),
            )
        )


def _read_contact(clean: dict[str, str], facts: dict[str, Any], out: ReadRow) -> None:
    contact: dict[str, str | None] = {"name": clean.get("contact_name") or None}
    email = clean.get("email", "")
    if email and not is_email(email):
        out.issues.append(
            _emptied("email", email, N_("“{email}” is not a valid e-mail address.", email=email))
        )
        email = ""
    contact["email"] = email or None
    phone = clean.get("phone", "")
    if phone:
        normal = normalise_phone(phone)
        if normal is None:
            out.issues.append(
                _emptied("phone", phone, N_("“{phone}” is not a valid phone number.", phone=phone))
            )
        phone = normal or ""
    contact["phone"] = phone or None
    for key, target in (("website", contact), ("appointment_url", facts)):
        url = clean.get(key, "")
        if url and re.match(r"^www\.", url, re.I):
            url = "https://" + url
        if url and not is_url(url):
            out.issues.append(_emptied(key, url, N_("“{url}” is not a web address.", url=url)))
            url = ""
        if key == "website":
            contact["website"] = url or None
        elif url:
            target[key] = url
    if any(contact.values()):
        facts["contacts"] = [contact]


def _read_names(clean: dict[str, str], facts: dict[str, Any], out: ReadRow, lookups: Lookups) -> None:
    category = clean.get("category", "")
    if category:
        facts["category_id"] = lookups.categories.get(category.casefold())
        if facts["category_id"] is None:
            known = ", ".join(lookups.category_names)
            out.issues.append(
                _emptied(
                    "category",
                    category,
                    N_("There is no category “{category}” (known: {known}).", category=category, known=known),
                )
            )
    organization = clean.get("organization", "")
    if organization:
        facts["organization_id"] = lookups.organizations.get(organization.casefold())
        if facts["organization_id"] is None:
            out.organization_name = organization
            out.issues.append(
                Issue(
                    "organization",
                    organization,
                    INFO,
                    N_("A new organization “{organization}” will be created.", organization=organization),
                )
            )
