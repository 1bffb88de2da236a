"""The publish report in words: per language what goes out, and what is left out and why.
Shared by the command line (text) and the Publish dialog (a table)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from export.integreat.policy import ALL_LANGUAGES, STATUS_NAMES, Omission, Plan
from export.integreat.snapshot import RegionSnapshot

POLICY_NAMES = {
    "approved": ("nur freigegebene", "approved only"),
    "checked": ("geprüfte und freigegebene", "checked and approved"),
    "machine": ("auch maschinelle (gekennzeichnet)", "machine translations too (marked)"),
}


@dataclass(frozen=True)
class LanguageLine:
    code: str
    native_name: str
    policy: str
    published: bool
    offers: int
    statuses: dict[str, int]
    left_out: dict[str, int]

    def statuses_text(self, lang: str) -> str:
        pick = 1 if lang == "en" else 0
        return ", ".join(f"{STATUS_NAMES.get(s, (s, s))[pick]} {n}" for s, n in self.statuses.items())

    def left_out_text(self, lang: str) -> str:
        return ", ".join(f"{_reason_word(r, lang)} {n}" for r, n in sorted(self.left_out.items()))

    def text(self, lang: str) -> str:
        statuses, left = self.statuses_text(lang), self.left_out_text(lang)
        if lang == "en":
            head = f"{self.code} ({self.native_name}), policy {POLICY_NAMES[self.policy][1]}: "
            body = f"{self.offers} offers go out" + (f" ({statuses})" if statuses else "")
            tail = f"; left out: {left}" if left else ""
            return head + (body if self.published else "not published, nothing may go out") + tail
        head = f"{self.code} ({self.native_name}), Regel {POLICY_NAMES[self.policy][0]}: "
        body = f"{self.offers} Angebote gehen hinaus" + (f" ({statuses})" if statuses else "")
        tail = f"; ausgelassen: {left}" if left else ""
        return head + (body if self.published else "wird nicht veröffentlicht, nichts darf hinaus") + tail


_REASON_WORDS = {
    "missing": ("fehlt", "missing"),
    "outdated": ("veraltet", "outdated"),
    "below_policy": ("Status reicht nicht", "status not enough"),
    "required_empty": ("Pflichtfeld leer", "required field empty"),
}


def _reason_word(reason: str, lang: str) -> str:
    pair = _REASON_WORDS.get(reason, (reason, reason))
    return pair[1] if lang == "en" else pair[0]


def language_lines(snapshot: RegionSnapshot, plan: Plan) -> list[LanguageLine]:
    counts = plan.status_counts(snapshot)
    out = []
    for language in snapshot.languages:
        left = Counter(
            o.reason for o in plan.omissions if o.language == language.code and o.reason != "language_empty"
        )
        out.append(
            LanguageLine(
                language.code,
                language.native_name,
                plan.policies[language.code],
                language.code in plan.languages,
                len(plan.included[language.code]),
                counts.get(language.code, {}),
                dict(left),
            )
        )
    return out


def omission_rows(plan: Plan, lang: str, *, include_missing: bool = True) -> list[tuple[str, str, str]]:
    """(offer, language, reason) rows: whole offers first, then per language."""
    rows = []
    ordered = sorted(
        plan.omissions,
        key=lambda o: (o.language != ALL_LANGUAGES, o.language, o.title.casefold(), o.offer_slug),
    )
    for o in ordered:
        if o.reason == "missing" and not include_missing:
            continue
        everywhere = "alle" if lang != "en" else "all"
        rows.append(
            (
                o.title or o.offer_slug or "—",
                everywhere if o.language == ALL_LANGUAGES else o.language,
                o.message(lang),
            )
        )
    return rows


def omissions_of(plan: Plan) -> list[Omission]:
    return list(plan.omissions)
