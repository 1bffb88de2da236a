"""The one-pass readers of a unit's source and target (``source_html``, ``target_html``) give
exactly what the step-by-step functions give (learn, to_html, tag_signature, changed_types),
for any mix of inline elements: duplicate and missing ids, codes without markup, ``bpt``/``ept``,
``mrk``, markers, children inside single codes, unknown elements."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from export.xliff_inline_pass import source_html, target_html
from export.xliff_inline_read import InlineCodes, InlineError, tag_signature, to_html

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


# What lxml writes differently from the walk's escaping, or only the parser can read: a character
# reference ("\r"), quotes and angle brackets in values, a prefixed code, a code declaring a
# namespace, xml:lang; the serialised pass must read them as the walk does, or hand over.
ODD = st.sampled_from(
    [
        "a&#13;b",
        '<g id="1" ctype="link" html:href="https://e.org/?q=&quot;x&quot;&amp;y=&lt;z&gt;\'">l</g>',
        '<g id="2" ctype="link" html:href="a&#10;b">n</g>',
        '<xlf:g id="1" ctype="bold">p</xlf:g>',
        '<g xmlns:o="urn:other" id="2" o:x="1" ctype="bold">d</g>',
        '<x id="3" xml:lang="de" ctype="lb"/>',
        '<g id="1" ctype="x-html-p"/>',
        "<mrk/>",
    ]
)
ODD_CONTENT = st.lists(st.one_of(st.recursive(_leaf(), _inline, max_leaves=6), ODD), max_size=6).map("".join)
ODD_NS = NS + ' xmlns:xlf="urn:oasis:names:tc:xliff:document:1.2"'


def _recorded(element, cut: bool):
    """What a pass hands its visitor, in order, and what it makes of the answers."""
    from export.xliff_inline_pass import _Code, _cut_once, _Uncut, _Unusual, _walk_once

    seen: list[tuple] = []
    codes = _codes()

    def visit(code: _Code):
        seen.append((code.name, code.ident, code.identity, code.markup(codes)))
        if code.name in ("g", "pc"):
            return f"[{code.name}{code.ident}", "]"
        return f"<{code.name}{code.ident}>"

    try:
        return (_cut_once if cut else _walk_once)(element, visit), seen
    except _Uncut:
        return "uncut", None
    except _Unusual:
        return "unusual", seen


@settings(max_examples=400, deadline=None)
@given(ODD_CONTENT)
def test_the_serialised_pass_reads_a_text_as_the_walk_does(content: str) -> None:
    element = etree.fromstring(f"<source {ODD_NS}>{content}</source>")
    cut, walked = _recorded(element, cut=True), _recorded(element, cut=False)
    if cut[0] != "uncut":
        assert cut == walked


def test_lotse_s_own_xliff_is_read_without_walking_its_elements() -> None:
    """A content unit as Lotse writes it (paragraphs, lists, bold, a link with a query) is cut
    from its serialisation, not handed to the walk: that is what makes a region's preview fast."""
    from export.xliff_inline import XLIFF12, fill_12, number_tags, parse_html

    markup = '<p>A &amp; B</p><ul><li>x<br>y</li></ul><p><strong>c</strong> <a href="https://e.org/?a=1&amp;b=2">l</a></p>'
    tree = parse_html(markup)
    number_tags(tree)
    written = etree.Element(
        f"{{{XLIFF12}}}source", nsmap={None: XLIFF12, "html": "http://www.w3.org/1999/xhtml"}
    )
    fill_12(written, tree)
    source = etree.fromstring(etree.tostring(written))
    html, seen = _recorded(source, cut=True)
    assert html not in ("uncut", "unusual") and (html, seen) == _recorded(source, cut=False)
    assert source_html(source, InlineCodes())[0] == markup
