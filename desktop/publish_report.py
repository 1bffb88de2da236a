"""The publish report in words: per language what goes out, and what is left out and why.
Shared by the command line (text) and the Publish dialog (a table)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from export.integreat.policy import ALL_LANGUAGES, STATUS_NAMES, Omission, Plan
from export.integreat.snapshot import RegionSnapshot
from models.i18n import N_, Joined, Verbatim, render

POLICY_NAMES = {
    "approved": N_("approved only"),
    "checked": N_("checked and approved"),
    "machine": N_("machine translations too (marked)"),
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

    def statuses_text(self, lang: str | None = None) -> str:
        return ", ".join(f"{render(STATUS_NAMES.get(s, s), lang)} {n}" for s, n in self.statuses.items())

    def left_out_text(self, lang: str | None = None) -> str:
        return ", ".join(
            f"{render(_REASON_WORDS.get(r, r), lang)} {n}" for r, n in sorted(self.left_out.items())
        )

    def text(self, lang: str | None = None) -> str:
        statuses, left = self.statuses_text(lang), self.left_out_text(lang)
        head = N_(
            "{code} ({name}), policy {policy}: ",
            code=self.code,
            name=self.native_name,
            policy=POLICY_NAMES[self.policy],
        )
        if not self.published:
            body = N_("not published, nothing may go out")
        elif statuses:
            body = N_("{count} offers go out ({statuses})", count=self.offers, statuses=statuses)
        else:
            body = N_("{count} offers go out", count=self.offers)
        tail = N_("; left out: {left}", left=left) if left else Verbatim("")
        return Joined([head, body, tail], "").render(lang)


_REASON_WORDS = {
    "missing": N_("missing"),
    "outdated": N_("outdated"),
    "below_policy": N_("status not enough"),
    "required_empty": N_("required field empty"),
}


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


def omission_rows(
    plan: Plan, lang: str | None = None, *, include_missing: bool = True
) -> list[tuple[str, str, str]]:
    """(offer, language, reason) rows: whole offers first, then per language."""
    rows = []
    ordered = sorted(
        plan.omissions,
        key=lambda o: (o.language != ALL_LANGUAGES, o.language, o.title.casefold(), o.offer_slug),
    )
    for o in ordered:
        if o.reason == "missing" and not include_missing:
            continue
        everywhere = N_("all").render(lang)
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
