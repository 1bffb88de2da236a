"""An offer's text in one language next to its source, segment by segment, and what
changed in the source since the translation was made."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlmodel import select

from models.blocks import Block, split_blocks
from models.contact_keys import contact_keys
from models.i18n import Text
from models.meaning import DiffSpan, word_diff
from models.richtext import html_to_text
from models.tables import ContentKind, Offer, TextRevision
from models.vocabulary import contact_labels, part_label

from ..db import Database
from ..offers import TextData, get_offer
from ..translation.text_parts import area_key, plain_part, plain_parts


@dataclass
class Segment:
    """One aligned pair: the title, the summary or one block of the content."""

    key: str  # "title", "summary", "content:3", "cost", "area:KEY" (a contact's key)
    source_text: str
    target_text: str
    source_html: str = ""
    target_html: str = ""
    changed_in_source: bool = False
    source_diff: list[DiffSpan] = field(default_factory=list)  # old source -> new source
    label: Text | None = None  # as a reader knows it ("Content 3", "Area of responsibility – NAME")

    def __post_init__(self) -> None:
        if self.label is None:
            self.label = part_label(self.key)


@dataclass
class ReviewText:
    offer_id: int
    language_code: str
    source_code: str
    source: TextData
    target: TextData
    segments: list[Segment]
    aligned: bool  # False when the block structure differs
    made_from_found: bool  # the source version the translation was made from is known
    previous_source: dict[str, str] | None  # that version's title, summary, content


def _blocks_or_whole(content: str) -> list[Block]:
    blocks = split_blocks(content)
    return blocks or ([Block("p", content)] if content else [])


def _find_source_version(
    db: Database, offer_id: int, source_code: str, fingerprint: str | None
) -> TextRevision | None:
    if not fingerprint:
        return None
    with db.transaction() as session:
        return session.exec(
            select(TextRevision)
            .where(
                TextRevision.offer_id == offer_id,
                TextRevision.language_code == source_code,
                TextRevision.fingerprint == fingerprint,
            )
            .order_by(TextRevision.id.desc())
        ).first()


def _changed_blocks(old: list[str], new: list[str]) -> dict[int, str]:
    """New block index -> its old text (or "" if the block is new), for blocks that changed."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changed: dict[int, str] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for offset, j in enumerate(range(j1, j2)):
            changed[j] = old[i1 + offset] if i1 + offset < i2 else ""
    return changed


def review_text(db: Database, offer_id: int, language_code: str) -> ReviewText:
    offer = get_offer(db, offer_id)
    target = offer.texts[language_code]
    with db.transaction() as session:
        from ..regions import language_tree

        source_code = language_tree(session, offer.region_id).get(language_code) or language_code
        row = session.get(Offer, offer_id)
        kind = row.kind if row is not None else ContentKind.OFFER.value
    source = offer.texts[source_code]
    previous = _find_source_version(db, offer_id, source_code, target.source_fingerprint)
    outdated = (
        target.status == "outdated" and previous is not None and previous.fingerprint != source.fingerprint
    )

    source_blocks = _blocks_or_whole(source.content)
    target_blocks = _blocks_or_whole(target.content)
    aligned = len(source_blocks) == len(target_blocks) or not target_blocks
    segments = [Segment("title", source.title, target.title, source.title, target.title)]
    if kind == ContentKind.OFFER.value or source.summary or target.summary:  # pages and events have none
        segments.append(Segment("summary", source.summary, target.summary, source.summary, target.summary))
    if aligned:
        for index, block in enumerate(source_blocks):
            other = target_blocks[index] if index < len(target_blocks) else None
            segments.append(
                Segment(
                    f"content:{index}",
                    block.text,
                    other.text if other else "",
                    block.inner_html,
                    other.inner_html if other else "",
                )
            )
    else:
        segments.append(
            Segment(
                "content",
                html_to_text(source.content),
                html_to_text(target.content),
                source.content,
                target.content,
            )
        )

    # The areas in the contacts' order, each by its contact's key and named by the contact.
    contacts = offer.facts.get("contacts")
    names = contact_labels(contacts)
    for key, words in plain_parts(source, contact_keys(contacts)):
        own = plain_part(target, key)
        if words or own:
            segments.append(Segment(key, words, own, words, own, label=part_label(key, names)))
    if outdated:
        _mark_source_changes(segments, previous, source_blocks, aligned)
    return ReviewText(
        offer_id=offer_id,
        language_code=language_code,
        source_code=source_code,
        source=source,
        target=target,
        segments=segments,
        aligned=aligned,
        made_from_found=previous is not None,
        previous_source={"title": previous.title, "summary": previous.summary, "content": previous.content}
        if previous
        else None,
    )


def _mark_source_changes(
    segments: list[Segment], previous: TextRevision, source_blocks: list[Block], aligned: bool
) -> None:
    by_key = {s.key: s for s in segments}
    plain = [("title", previous.title), ("summary", previous.summary)]
    plain += [
        (key, plain_part(previous, key)) for key in by_key if key == "cost" or area_key(key) is not None
    ]
    for key, old in plain:
        segment = by_key.get(key)
        if segment is not None and old != segment.source_text:
            segment.changed_in_source = True
            segment.source_diff = word_diff(old, segment.source_text)
    old_blocks = [b.text for b in _blocks_or_whole(previous.content)]
    new_blocks = [b.text for b in source_blocks]
    if aligned:
        for index, old in _changed_blocks(old_blocks, new_blocks).items():
            segment = by_key.get(f"content:{index}")
            if segment is not None:
                segment.changed_in_source = True
                segment.source_diff = word_diff(old, segment.source_text)
    elif old_blocks != new_blocks:
        segment = by_key["content"]
        segment.changed_in_source = True
        segment.source_diff = word_diff("\n".join(old_blocks), "\n".join(new_blocks))
