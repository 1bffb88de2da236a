"""How far each language is: counts of missing, machine, checked, approved, outdated and
in-translation texts over all offers (archived offers left out)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..db import Database
from ..offers import list_offers

ORDER = ("missing", "machine", "in_translation", "outdated", "checked", "approved")


@dataclass
class LanguageCoverage:
    language_code: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: str) -> float:
        return self.counts.get(status, 0) / self.total if self.total else 0.0


def coverage(db: Database) -> list[LanguageCoverage]:
    rows = [r for r in list_offers(db) if r.state != "archived"]
    languages = list(rows[0].statuses) if rows else []
    result = []
    for code in languages:
        counts = Counter(r.statuses.get(code, "missing") for r in rows)
        if counts.get("source"):
            continue  # the source language is not translated
        result.append(LanguageCoverage(code, {status: counts.get(status, 0) for status in ORDER}))
    return result
