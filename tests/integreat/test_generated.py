"""Generated regions (odd characters, right-to-left text, emoji, long texts, empty optional
fields, overnight hours, reserved and clashing slugs) always give packages that pass the checks."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.integreat.package import build_files
from export.integreat.policy import plan_publication
from export.integreat.snapshot import (
    CategorySnap,
    LanguageSnap,
    OfferSnap,
    OrganizationSnap,
    RegionSnapshot,
    TextSnap,
)

LANGUAGES = [
    LanguageSnap(1, "de", "de-DE", "Deutsch", "ltr", None, 0),
    LanguageSnap(2, "ar", "ar", "العربية", "rtl", "de", 1, "machine"),
    LanguageSnap(3, "uk", "uk-UA", "Українська", "ltr", "de", 2),
]
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
words = st.text(alphabet=ALPHABET, max_size=40) | st.sampled_from(
    [
        "مركز الاستشارة 0241 94927-310",
        "👨‍👩‍👧 Familie",
        "a/b?c#d%20",
        "  ",
        "Ünïcödé–Straße",
        "x" * 3000,
        "<script>alert(1)</script>",
    ]
)
times = st.sampled_from(["00:00", "06:30", "09:00", "12:00", "17:45", "22:00", "23:59", "24:00"])
day = st.one_of(
    st.just({"closed": True, "all_day": False, "appointment_only": False, "slots": []}),
    st.just({"closed": False, "all_day": True, "appointment_only": False, "slots": []}),
    st.builds(
        lambda a, b, ap: {"closed": False, "all_day": False, "appointment_only": ap, "slots": [[a, b]]},
        times,
        times,
        st.booleans(),
    ),
)
statuses = st.sampled_from(["approved", "checked", "machine", "outdated", "in_translation"])
slugs = st.sampled_from(["beratung", "news", "events", "weitere-angebote", "Ärger", "a b", "locations", "x"])


@st.composite
def offers(draw, index: int):
    texts = {}
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    for n, lang in enumerate(LANGUAGES):
        if n and not draw(st.booleans()):
            continue
        body = draw(words)
        texts[lang.code] = TextSnap(
            id=index * 10 + n,
            language_code=lang.code,
            title=draw(words),
            summary=draw(words),
            content=f"<p>{html.escape(body)}</p>" if body else "",
            status="source" if n == 0 else draw(statuses),
            updated_at=stamp,
        )
    has_place = draw(st.booleans())
    return OfferSnap(
        id=index,
        slug=draw(slugs),
        category_id=draw(st.sampled_from([None, 1, 2, 99])),
        organization_id=draw(st.sampled_from([None, 1])),
        street=draw(st.sampled_from([None, "Markt 1", ""])) if has_place else None,
        postcode=draw(st.sampled_from([None, "52062"])),
        town=draw(st.sampled_from([None, "Aachen", "Eschweiler"])),
        latitude=50.77 if has_place else draw(st.sampled_from([None, 50.8])),
        longitude=6.08 if has_place else None,
        contacts=draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": st.sampled_from([None, "Frau A.", "أحمد"]),
                        "phone": st.sampled_from([None, "0241 1234"]),
                        "email": st.sampled_from([None, "a@b.de"]),
                    }
                ),
                max_size=2,
            )
        ),
        opening_hours=draw(st.none() | st.lists(day, min_size=7, max_size=7)),
        appointment_url=None,
        barrier_free=draw(st.sampled_from([None, True, False])),
        languages_spoken=[],
        target_groups=[],
        cost=None,
        valid_from=draw(st.sampled_from([None, date(2020, 1, 1), date(2030, 1, 1)])),
        valid_until=draw(st.sampled_from([None, date(2025, 1, 1), date(2031, 1, 1)])),
        image_path=None,
        state=draw(st.sampled_from(["published", "published", "draft"])),
        updated_at=stamp,
        texts=texts,
    )


@st.composite
def regions(draw):
    count = draw(st.integers(min_value=0, max_value=8))
    return RegionSnapshot(
        id=1,
        slug="testregion",
        name=draw(words) or "R",
        prefix=None,
        name_without_prefix=None,
        postcode=None,
        latitude=50.7,
        longitude=6.1,
        bounding_box=((5.9, 50.4), (6.5, 51.0)),
        imprint_html=draw(st.sampled_from(["", "<p>Impressum</p>"])),
        policy="checked",
        languages=LANGUAGES,
        categories=[
            CategorySnap(1, draw(slugs), "fa5s.home", "#1f6fb2", 0, {"de": draw(words)}),
            CategorySnap(2, draw(slugs), None, "#00AA00", 1, {"de": "Arbeit", "ar": "عمل"}),
        ],
        organizations=[OrganizationSnap(1, "org", draw(words), None)],
        offers=[draw(offers(i + 1)) for i in range(count)],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regions())
def test_generated_regions_give_valid_packages(snapshot):
    plan = plan_publication(snapshot, today=date(2026, 12, 1))
    files = build_files(snapshot, plan, "https://app.example.org", {})  # raises PackageInvalid on any problem
    pages = files["api/v3/testregion/de/pages/index.json"]
    published_de = plan.included["de"]
    assert len([p for p in pages if p["parent"]["path"] is not None]) == len(published_de)
    for code in plan.languages:
        places = files[f"api/v3/testregion/{code}/locations/index.json"]
        for place in places:
            for d in place["opening_hours"] or []:
                assert all(s["start"] < s["end"] for s in d["timeSlots"])
