"""Checks a written package: every file against the manifest's SHA-256, every API file
against the format rules and the Integreat app's rules (app_rules.py). For ``lotse publish
verify DIR`` and after copying a package. Problems with severity "warning" do not make a
package invalid."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from models.i18n import N_, Message

from .app_rules import AppContext, check_file
from .manifest_parts import ManifestError, listed_files, parts_of
from .package import FORMAT
from .validate import PackageProblem, check_imprint, check_list, check_pages, check_places, check_region


def _problem(file: str, problem: Message) -> PackageProblem:
    return PackageProblem(file, "", "(file)", problem)


def verify_package(folder: str | Path) -> list[PackageProblem]:
    root = Path(folder)
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [_problem("manifest.json", N_("missing or not JSON"))]
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return [_problem("manifest.json", N_("not a Lotse package manifest"))]
    problems: list[PackageProblem] = []
    try:
        listed = listed_files(root, manifest)
    except ManifestError as exc:
        return [_problem("manifest.json", N_("a part of the list of files is wrong: {why}", why=str(exc)))]
    parts = {str(p["path"]) for p in parts_of(manifest) or []}
    present = {str(p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file()} - {
        "manifest.json",
        *parts,
    }
    for rel in sorted(present - set(listed)):
        problems.append(_problem(rel, N_("not listed in the manifest")))
    for rel, entry in sorted(listed.items()):
        path = root / rel
        if not path.is_file():
            problems.append(_problem(rel, N_("listed in the manifest but missing")))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            problems.append(
                _problem(
                    rel,
                    N_("SHA-256 differs from the manifest: changed or damaged"),
                )
            )
    region = (manifest.get("region") or {}).get("slug", "")
    app = AppContext(str(manifest.get("base_url") or ""), set(listed), manifest.get("local_preview") is True)
    for rel in sorted(listed):
        parts = rel.split("/")
        if parts[:2] != ["api", "v3"] or not (root / rel).is_file():
            continue
        if rel.endswith(".ics"):  # the calendars beside events/: checked by their SHA-256 above
            continue
        try:
            value = json.loads((root / rel).read_text(encoding="utf-8"))
        except ValueError:
            problems.append(_problem(rel, N_("not valid JSON")))
            continue
        problems += check_file(rel, value, app)
        if parts[2] == "regions":
            for item in value if isinstance(value, list) else [value]:
                problems += check_region(item, rel)
        elif len(parts) == 6 and parts[2] == region:
            lang, kind = parts[3], parts[4]
            if kind == "pages":
                problems += check_pages(value, region, lang, rel)
            elif kind == "locations":
                problems += check_places(value, region, lang, rel)
            elif kind in ("imprint", "disclaimer"):
                problems += check_imprint(value, region, lang, rel)
            elif kind in ("events", "news"):
                problems += check_list(value, rel)
    return problems
