"""The one-pass readers of a unit's source and target (``source_html``, ``target_html``) give
exactly what the step-by-step functions give (learn, to_html, tag_signature, changed_types),
for any mix of inline elements: duplicate and missing ids, codes without markup, ``bpt``/``ept``,
``mrk``, markers, children inside single codes, unknown elements."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from export.xliff_inline_read import (
    InlineCodes,
    InlineError,
    source_html,
    tag_signature,
    target_html,
    to_html,
)

IDS = st.sampled_from(['id="1"', 'id="2"', 'id="3"', ""])
TEXT = st.sampled_from(["", "a", "b &amp; c", "&lt;", " ", "x&gt;y", "Ünïcode"])
CTYPE = st.sampled_from(
    ['ctype="x-html-p"', 'ctype="bold"', 'ctype="link" html:href="https://e.org/?a=1&amp;b"', ""]
)


def _leaf() -> st.SearchStrategy[str]:
    return st.one_of(
        TEXT,
        st.builds(lambda i, c: f"<x {i} {c}/>", IDS, st.sampled_from(['ctype="lb"', ""])),
        st.builds(lambda i, t: f"<ph {i}>{t}</ph>", IDS, st.sampled_from(["&lt;br/&gt;", ""])),
        st.builds(lambda i: f"<ph {i}>&lt;b&gt;<sub>t</sub></ph>", IDS),
        st.builds(lambda i: f'<ph {i}>&lt;b&gt;<sub><g id="2" ctype="bold">s</g></sub></ph>', IDS),
        st.builds(lambda i: f"<bpt {i}>&lt;b&gt;</bpt>t<ept {i}>&lt;/b&gt;</ept>", IDS),
        st.builds(lambda i: f'<bx {i} rid="1" ctype="bold"/><ex {i} rid="1" ctype="bold"/>', IDS),
        st.builds(lambda i: f'<ph {i} dataRef="d3"/>', IDS),
        st.sampled_from(
            ['<sm id="m1"/>', "<em/>", '<em startRef="m1"><g id="9" ctype="bold"/></em>', "<foo/>"]
        ),
    )


def _inline(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    many = st.lists(children, max_size=4).map("".join)
    return st.one_of(
        st.builds(lambda i, c, inner: f"<g {i} {c}>{inner}</g>", IDS, CTYPE, many),
        st.builds(lambda i, inner: f'<pc {i} dataRefStart="d1" dataRefEnd="d2">{inner}</pc>', IDS, many),
        st.builds(lambda inner: f'<mrk mtype="seg" mid="1">{inner}</mrk>', many),
    )


CONTENT = st.lists(st.recursive(_leaf(), _inline, max_leaves=12), max_size=6).map("".join)
NS = 'xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:html="http://www.w3.org/1999/xhtml"'
DATA = {"d1": "<b>", "d2": "</b>", "d3": "<br>"}


def _element(name: str, content: str):
    return etree.fromstring(f"<{name} {NS}>{content}</{name}>")


def _codes() -> InlineCodes:
    return InlineCodes(paired={"3": ("<u>", "</u>")}, data=dict(DATA))  # "3": a Trados tag-def


def _step_by_step_source(source, codes: InlineCodes):
    codes.learn(source)
    try:
        return to_html(source, codes), tag_signature(source)
    except InlineError as exc:
        return ("error", str(exc)), None


def _one_pass_source(source, codes: InlineCodes):
    try:
        return source_html(source, codes)
    except InlineError as exc:
        return ("error", str(exc)), None


@settings(max_examples=400, deadline=None)
@given(CONTENT, CONTENT)
def test_one_pass_reads_a_unit_as_the_steps_do(source_text: str, target_text: str) -> None:
    source, target = _element("source", source_text), _element("target", target_text)
    slow, fast = _codes(), _codes()
    assert _one_pass_source(source, fast) == _step_by_step_source(source, slow)
    assert (fast.paired, fast.single, fast.by_element) == (slow.paired, slow.single, slow.by_element)

    html, error, signature, changed = target_html(target, fast)
    assert signature == tag_signature(target)
    assert changed == slow.changed_types(target)
    try:
        expected, expected_error = to_html(target, slow), None
    except InlineError as exc:
        expected, expected_error = None, str(exc)
    assert (html, str(error) if error else None) == (expected, expected_error)


def test_the_one_pass_reader_meets_the_cases_it_leaves_to_the_steps() -> None:
    """A code without markup resolved by a later code of the same id, a single code with a child,
    an unknown element: the one pass hands over and the answer is the steps' answer."""
    source = _element(
        "source", '<x id="1"/>a<ph id="1">&lt;br/&gt;</ph><ph id="2">&lt;i&gt;<sub>s</sub></ph>'
    )
    assert source_html(source, InlineCodes()) == ("<br/>a<br/><i>s", [("x", "1"), ("ph", "1"), ("ph", "2")])
    target = _element("target", '<g id="1" ctype="bold">a</g><foo/>')
    codes = InlineCodes()
    html, error, signature, changed = target_html(target, codes)
    assert (html, str(error), signature, changed) == (
        None,
        "unexpected element <foo> inside a text",
        [("g", "1")],
        [],
    )
