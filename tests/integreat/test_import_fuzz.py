"""Whatever shape the JSON has, the import plan either comes out or stops with a clear
ReadError: never a crash (TypeError, KeyError...) halfway."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from export.integreat.mapping import build_import_plan
from export.integreat.reader import IntegreatData, ReadError, _add_items, _kind

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
VALID = [
    f"/r/{lang}/{p}"
    for lang in ("de", "ar", "en")
    for p in ("a/", "a/x/", "a/x/y/", "b/", "b/z/", "locations/a/", "%C3%A4/")
]
valid = st.sampled_from(VALID)
paths = st.one_of(valid, valid, valid, junk, st.sampled_from(["/r/DE/A/", "/r/de/", "r/de/a"]))
links = st.one_of(
    junk,
    st.dictionaries(
        st.sampled_from(["de", "ar", "en"]),
        st.one_of(junk, st.fixed_dictionaries({"path": paths})),
        max_size=3,
    ),
)
pages = st.lists(
    st.fixed_dictionaries(
        {
            "path": paths,
            "title": junk,
            "content": st.one_of(junk, st.just("<p>Hallo <script>x()</script></p>")),
            "parent": st.one_of(junk, st.fixed_dictionaries({"id": junk, "path": paths})),
            "order": junk,
            "available_languages": links,
            "organization": st.one_of(junk, st.fixed_dictionaries({"name": junk, "slug": junk})),
        }
    ),
    min_size=1,
    max_size=6,
)
places = st.lists(
    st.fixed_dictionaries(
        {
            "path": paths,
            "title": junk,
            "content": junk,
            "meta_description": junk,
            "available_languages": links,
            "location": st.one_of(
                junk,
                st.fixed_dictionaries(
                    {"address": junk, "latitude": junk, "longitude": junk, "postcode": junk}
                ),
            ),
            "category": st.one_of(junk, st.fixed_dictionaries({"name": junk, "color": junk, "icon": junk})),
            "opening_hours": st.one_of(
                junk,
                st.lists(
                    st.one_of(
                        junk,
                        st.fixed_dictionaries(
                            {
                                "timeSlots": st.one_of(
                                    junk,
                                    st.lists(
                                        st.one_of(junk, st.fixed_dictionaries({"start": junk, "end": junk})),
                                        max_size=2,
                                    ),
                                ),
                                "closed": junk,
                            }
                        ),
                    ),
                    min_size=7,
                    max_size=7,
                ),
            ),
            "contacts": st.one_of(
                junk,
                st.lists(
                    st.one_of(junk, st.fixed_dictionaries({"name": junk, "phone_number": junk})), max_size=2
                ),
            ),
            "barrier_free": junk,
        }
    ),
    min_size=1,
    max_size=4,
)
regions = st.lists(
    st.fixed_dictionaries(
        {
            "path": st.one_of(junk, st.just("r")),
            "name": junk,
            "languages": st.one_of(
                junk,
                st.lists(
                    st.one_of(junk, st.fixed_dictionaries({"code": junk, "native_name": junk, "dir": junk})),
                    max_size=3,
                ),
            ),
            "bounding_box": junk,
            "aliases": st.one_of(
                junk,
                st.dictionaries(
                    st.text(max_size=5), st.one_of(junk, st.fixed_dictionaries({"latitude": junk}))
                ),
            ),
        }
    ),
    max_size=2,
)


@settings(max_examples=150, deadline=None)
@given(pages, places, regions)
def test_any_shape_gives_a_plan_or_a_clear_error(page_list, place_list, region_list):
    data = IntegreatData()
    for name, value in (("pages.json", page_list), ("locations.json", place_list)):
        value = json.loads(json.dumps(value))  # as it would come from a file
        if _kind(value) == "pages":
            _add_items(data, data.pages, value, name)
        elif _kind(value) == "places":
            _add_items(data, data.places, value, name)
    data.regions = [r for r in region_list if _kind(r) == "region"]
    try:
        plan = build_import_plan(data)
    except ReadError as exc:
        assert exc.de and exc.en
        return
    for offer in plan.offers:
        for text in offer.texts.values():
            assert isinstance(text.title, str) and "<script" not in text.content
        assert offer.facts.get("latitude") is None or isinstance(offer.facts["latitude"], float)


def test_the_page_tree_keeps_order_bad_orders_and_clashing_aliases():
    data = IntegreatData()
    _add_items(
        data,
        data.pages,
        [
            {"path": "/r/de/a/", "title": "A", "parent": {"id": 0, "path": None}, "order": "x"},
            {"path": "/r/de/b/", "title": "B", "parent": None, "order": 1},
            {"path": "/r/de/a/x/", "title": "AX", "parent": {"path": "/r/de/a/"}},
            {"path": "/r/de/b/y/", "title": "BY", "parent": {"path": "/r/de/b/"}},
        ],
        "pages.json",
    )
    data.regions = [
        {
            "path": "r",
            "name": "R",
            "languages": [],
            "aliases": {"Ort ": {"latitude": 1}, "Ort": {"latitude": 2}},
        }
    ]
    plan = build_import_plan(data)
    # a CMS's pages are the page tree (an order that is no number counts as 0), parents first
    assert [(p.key, p.parent, p.position) for p in plan.pages] == [
        ("/r/de/a/", None, 0),
        ("/r/de/a/x/", "/r/de/a/", 0),
        ("/r/de/b/", None, 1),
        ("/r/de/b/y/", "/r/de/b/", 0),
    ]
    assert plan.categories == [] and plan.offers == []
    assert [m["name"] for m in plan.municipalities] == ["Ort"]


def test_time_slots_that_are_no_list_give_a_day_without_slots():
    """The example the fuzzing above once found: ``"timeSlots": true`` failed the whole plan."""
    from export.integreat.import_values import hours_of

    days = hours_of([{"timeSlots": True, "closed": None}, {"timeSlots": "9-12"}] + [{}] * 5)
    assert days is not None and [d["slots"] for d in days] == [[]] * 7
    assert hours_of([{"timeSlots": [{"start": "09:00:00", "end": "12:00:00"}]}] + [{}] * 6)[0]["slots"] == [
        ["09:00", "12:00"]
    ]
