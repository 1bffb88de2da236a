"""Target groups as providers write them: "12 bis 27 Jahre", "Frauen", "Geflüchtete", "alle".

``read_target_groups`` returns the region's group keys (``models.vocabulary.TARGET_GROUPS``),
an age range if one was named, whether the offer is open to everyone, and the phrases it did
not recognise, as written (the caller keeps them and asks once; the answer is remembered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocabulary import TARGET_GROUPS

# Words people use for the groups besides the labels themselves (German and English).
SYNONYMS: dict[str, str] = {
    "zugewanderte": "all_newcomers",
    "neuzugewanderte": "all_newcomers",
    "zuwanderer": "all_newcomers",
    "migranten": "all_newcomers",
    "migrantinnen": "all_newcomers",
    "migrantinnen und migranten": "all_newcomers",
    "menschen mit migrationsgeschichte": "all_newcomers",
    "newcomers": "all_newcomers",
    "flüchtlinge": "refugees",
    "geflüchtete menschen": "refugees",
    "asylbewerber": "asylum_seekers",
    "asylbewerberinnen": "asylum_seekers",
    "mädchen und frauen": "women",
    "frauen und mädchen": "women",
    "mütter": "women",
    "eltern": "families",
    "kinder und jugendliche": "children",
    "jugendliche und junge erwachsene": "youth",
    "junge erwachsene": "youth",
    "senioren": "seniors",
    "seniorinnen": "seniors",
    "ältere": "seniors",
    "studenten": "students",
}
_EVERYONE = {"alle", "für alle", "offen für alle", "jede und jeder", "alle menschen", "everyone", "all"}
_AGE = re.compile(
    r"(?:(?:von\s+)?(?P<a>\d{1,3})\s*(?:-|–|bis)\s*(?P<b>\d{1,3})|(?P<from>ab|über|from)\s+(?P<c>\d{1,3})"
    r"|(?P<to>bis|unter|up to|under)\s+(?P<d>\d{1,3}))\s*(?:jahren|jahre|j\.|years)?",
    re.IGNORECASE,
)


@dataclass
class Audience:
    groups: list[str] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    everyone: bool = False
    unknown: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip(" .:-")


def _known() -> dict[str, str]:
    known = dict(SYNONYMS)
    for key, names in TARGET_GROUPS.items():
        for name in (key, names["de"], names["en"]):
            known[_norm(name)] = key
    return known


def _group_for_age(low: int | None, high: int | None) -> str | None:
    if high is not None and high <= 13:
        return "children"
    if high is not None and high <= 27 and (low or 0) >= 10:
        return "youth"
    if low is not None and low >= 60:
        return "seniors"
    return None


def read_target_groups(text: str, remembered: dict[str, str] | None = None) -> Audience:
    """``remembered``: phrase (as normalised by this module) -> group key, answers given before."""
    known = _known()
    known.update({_norm(k): v for k, v in (remembered or {}).items()})
    out = Audience()
    for part in re.split(r"\s*[,;/\n]\s*", text or ""):
        phrase = _norm(part)
        if not phrase:
            continue
        if phrase in _EVERYONE:
            out.everyone = True
            continue
        if phrase in known:
            if known[phrase] not in out.groups and known[phrase] != "-":
                out.groups.append(known[phrase])
            continue
        age = _AGE.search(phrase)
        rest = _norm(_AGE.sub(" ", phrase)) if age else phrase
        rest = re.sub(r"^(im alter|alter|age[d]?)\s*|\s*(im alter|alter)$", "", rest).strip()
        if age and (not rest or rest in known):
            low = int(age["a"] or age["c"] or 0) if (age["a"] or age["c"]) else None
            high = int(age["b"] or age["d"]) if (age["b"] or age["d"]) else None
            if age["from"] and age["from"].casefold() == "über" and low is not None:
                low += 1
            if age["to"] and age["to"].casefold() in ("unter", "under") and high is not None:
                high -= 1
            out.age_min = low if out.age_min is None or low is None else min(out.age_min, low)
            out.age_max = high if out.age_max is None or high is None else max(out.age_max, high)
            group = known.get(rest) if rest else _group_for_age(low, high)
            if group and group not in out.groups:
                out.groups.append(group)
            continue
        out.unknown.append(part.strip())
    if out.everyone:
        out.groups = []  # "alle": no restriction, whatever else was named
    return out
