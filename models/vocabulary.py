"""Fixed vocabularies with their German and English labels."""

from __future__ import annotations

TARGET_GROUPS: dict[str, dict[str, str]] = {
    "all_newcomers": {"de": "Alle Neuzugewanderten", "en": "All newcomers"},
    "refugees": {"de": "Geflüchtete", "en": "Refugees"},
    "asylum_seekers": {"de": "Asylsuchende", "en": "Asylum seekers"},
    "women": {"de": "Frauen", "en": "Women"},
    "families": {"de": "Familien", "en": "Families"},
    "children": {"de": "Kinder", "en": "Children"},
    "youth": {"de": "Jugendliche", "en": "Young people"},
    "seniors": {"de": "Ältere Menschen", "en": "Older people"},
    "skilled_workers": {"de": "Fachkräfte", "en": "Skilled workers"},
    "students": {"de": "Studierende", "en": "Students"},
    "eu_citizens": {"de": "EU-Bürgerinnen und -Bürger", "en": "EU citizens"},
    "people_with_disabilities": {"de": "Menschen mit Behinderung", "en": "People with disabilities"},
    "lgbtiq": {"de": "LSBTIQ*", "en": "LGBTIQ*"},
}

PUBLICATION_STATES: dict[str, dict[str, str]] = {
    "draft": {"de": "Entwurf", "en": "Draft"},
    "published": {"de": "Veröffentlicht", "en": "Published"},
    "archived": {"de": "Archiviert", "en": "Archived"},
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "missing": {"de": "fehlt", "en": "missing"},
    "machine": {"de": "maschinell", "en": "machine"},
    "checked": {"de": "geprüft", "en": "checked"},
    "approved": {"de": "freigegeben", "en": "approved"},
    "outdated": {"de": "veraltet", "en": "outdated"},
    "in_translation": {"de": "in Übersetzung", "en": "in translation"},
    "source": {"de": "Quelle", "en": "source"},
}

PUBLISH_POLICIES = ("approved", "checked", "machine")
