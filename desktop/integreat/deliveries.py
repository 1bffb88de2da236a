"""Translations and page content from the Lotse database into a hosted Integreat CMS, for the
pages that came from that CMS (they know their CMS page id):

- ``export_cms_xliff(db, lang, out)``: an XLIFF zip for the CMS's page XLIFF upload
  (cms_xliff.py), one file per page that the publishing policy lets out in ``lang``;
- ``push_pages(db, base_url, lang)``: each such page's content through ``pushpage``
  (push.py), with the page's token from the keyring.

Pages made in Lotse have no CMS page to go to: they are listed as left out, with the reason
(new pages can only be made in the CMS; README, "Lotse und das gehostete Integreat").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from export.integreat.policy import Plan, plan_publication
from export.integreat.snapshot import OfferSnap, RegionSnapshot, TextSnap
from export.safe_input import atomic_write
from models.i18n import N_, Joined, Text, Verbatim, render

from ..db import Database
from ..errors import LotseError
from ..team.publishing import authorize_publish
from .cms_base import bases, remember
from .cms_xliff import CmsPageText, xliff_zip
from .push import PushFailed, page_token, push_content


@dataclass
class Delivery:
    """What went to the CMS (titles) and what was left out, with why."""

    language: str
    delivered: list[str] = field(default_factory=list)
    left_out: list[tuple[str, Text]] = field(default_factory=list)  # title, why
    path: Path | None = None
    unchanged: int = 0  # pages not sent: the CMS already has their content

    def report(self, lang: str = "de") -> str:
        count, language = len(self.delivered), self.language
        head = (
            N_("{count} pages in {language} in {path}", count=count, language=language, path=str(self.path))
            if self.path
            else N_("{count} pages in {language}", count=count, language=language)
        )
        lines = [render(head, lang)]
        if self.unchanged:
            lines.append(
                render(
                    N_(
                        "{count} pages unchanged since the CMS last had them: not sent (--all sends them).",
                        count=self.unchanged,
                    ),
                    lang,
                )
            )
        lines += [f"  - {title}: " + render(why, lang) for title, why in self.left_out]
        return "\n".join(lines)


def _plan(db: Database, region_slug: str | None, policy: str | None) -> tuple[RegionSnapshot, Plan]:
    from ..publish import _check_policy, failed_checks, load_snapshot

    _check_policy(policy)
    with db.transaction() as session:
        snapshot = load_snapshot(session, region_slug)
        failed = failed_checks(session, snapshot, policy)
    return snapshot, plan_publication(snapshot, today=date.today(), override=policy, failed_checks=failed)


def cms_path(snapshot: RegionSnapshot, page: OfferSnap, code: str) -> str | None:
    """The page's path in the CMS in ``code`` (``/{region}/{code}/a/b/``) from the slugs the
    import kept; None when the page or an ancestor has no CMS slug in that language."""
    by_id = {p.id: p for p in snapshot.pages}
    slugs: list[str] = []
    node: OfferSnap | None = page
    seen: set[int] = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        text = node.texts.get(code)
        if text is None or not text.slug or text.cms_id is None:
            return None
        slugs.append(text.slug)
        node = by_id.get(node.parent_id) if node.parent_id else None
    return f"/{snapshot.slug}/{code}/" + "/".join(reversed(slugs)) + "/"


def _pages(
    snapshot: RegionSnapshot, plan: Plan, lang: str, delivery: Delivery
) -> Iterator[tuple[OfferSnap, TextSnap]]:
    """(page, text) of every page that goes out in ``lang`` and came from the CMS."""
    codes = {language.code for language in snapshot.languages}
    if lang not in codes:
        raise LotseError(N_("The region has no language “{code}”.", code=lang))
    chosen = set(plan.pages.get(lang, []))
    for page in snapshot.pages:
        text = page.texts.get(lang)
        if text is None:
            continue
        title = text.title
        if page.id not in chosen:
            delivery.left_out.append((title, N_("not released by the publishing policy")))
        elif page.cms_id is None and cms_path(snapshot, page, snapshot.root) is None:
            delivery.left_out.append((title, N_("made in Lotse, the CMS has no such page (create it there)")))
        else:
            yield page, text


def export_cms_xliff(
    db: Database, lang: str, out: str | Path, *, policy: str | None = None, region_slug: str | None = None
) -> Delivery:
    authorize_publish(db, "publish.cms.xliff", {"language": lang, "out": str(out)})
    snapshot, plan = _plan(db, region_slug, policy)
    tree = {language.code: language for language in snapshot.languages}
    if lang not in tree:
        raise LotseError(N_("The region has no language “{code}”.", code=lang))
    source = tree[lang].source_code
    delivery = Delivery(lang)
    if source is None:
        raise LotseError(
            N_("“{code}” is the source language: the CMS takes XLIFF for translations only.", code=lang)
        )
    texts = []
    for page, text in _pages(snapshot, plan, lang, delivery):
        original = page.texts.get(source)
        if original is None:
            delivery.left_out.append((text.title, N_("no text in {language}", language=source)))
            continue
        texts.append(
            CmsPageText(
                page_id=page.cms_id,
                page_path=cms_path(snapshot, page, snapshot.root),
                source_code=source,
                target_code=lang,
                source_tag=tree[source].bcp47_tag,
                target_tag=tree[lang].bcp47_tag,
                source_title=original.title,
                source_content=original.content,
                target_title=text.title,
                target_content=text.content,
                slug=original.slug or page.slug,
            )
        )
        delivery.delivered.append(text.title)
    if not texts:
        raise LotseError(
            N_(
                "No page in {language} for the CMS: {reasons}",
                language=lang,
                reasons=Joined(Joined([Verbatim(f"{t}:"), why], " ") for t, why in delivery.left_out[:3]),
            )
        )
    delivery.path = atomic_write(Path(out), xliff_zip(snapshot.slug, texts))
    return delivery


def push_pages(
    db: Database,
    base_url: str,
    lang: str,
    *,
    policy: str | None = None,
    region_slug: str | None = None,
    everything: bool = False,
) -> Delivery:
    """Push the content of every page in ``lang`` that has a token and changed since the CMS
    last had it (the last import or successful push, ``CmsBase``); ``everything`` sends the
    unchanged ones too. The others are listed."""
    authorize_publish(db, "publish.cms.push", {"language": lang, "cms": base_url})
    snapshot, plan = _plan(db, region_slug, policy)
    delivery = Delivery(lang)
    candidates = list(_pages(snapshot, plan, lang, delivery))
    with db.session() as session:
        known = {key: row.content for key, row in bases(session, [p.id for p, _ in candidates]).items()}
    for page, text in candidates:
        if not everything and known.get((page.id, lang)) == text.content:
            delivery.unchanged += 1
            continue
        if text.cms_id is None:  # pushpage changes an existing translation only (else the CMS fails)
            delivery.left_out.append(
                (
                    text.title,
                    N_(
                        "the CMS has no {language} translation of this page: deliver it as XLIFF",
                        language=lang,
                    ),
                )
            )
            continue
        key = page.cms_id if page.cms_id is not None else page.texts[snapshot.root].slug or ""
        token = page_token(snapshot.slug, key)
        if not token:
            delivery.left_out.append((text.title, N_("no API token stored (CMS page {page})", page=key)))
            continue
        try:
            push_content(base_url, snapshot.slug, lang, token, text.content)
        except PushFailed as exc:
            delivery.left_out.append((text.title, exc.text))
            continue
        with db.transaction() as session:  # what the CMS has now: the next push skips it
            remember(session, page.id, lang, content=text.content)
        delivery.delivered.append(text.title)
    return delivery
