"""What the window offers to choose from, as plain values (desktop/choices.py reads them).

Apart from desktop.choices (which imports SQLAlchemy) so that the list's filters can be built
before the data layer is loaded (desktop/list_snapshot.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    native_name: str
    direction: str
    source_code: str | None


@dataclass
class Choices:
    region_name: str
    root_language: str
    bounding_box: tuple[tuple[float, float], tuple[float, float]] | None
    languages: list[LanguageChoice]
    categories: list[Choice]
    organizations: list[Choice]
    municipalities: list[Choice]

    def language(self, code: str) -> LanguageChoice | None:
        return next((lc for lc in self.languages if lc.code == code), None)
