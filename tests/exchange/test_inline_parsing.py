"""The fast reader of cleaned HTML builds exactly the tree html.parser builds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from export.xliff_inline import Node, _parse_clean, _TreeBuilder, parse_html
from models.richtext import clean_html


def _slow(value: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(value)
    builder.close()
    return builder.root


def _shape(node: Node):
    """Tag, attributes and children, adjacent text joined (html.parser may hand text over in pieces)."""
    children: list = []
    for child in node.children:
        if isinstance(child, str):
            if children and isinstance(children[-1], str):
                children[-1] += child
            else:
                children.append(child)
        else:
            children.append(_shape(child))
    return node.tag, dict(node.attrs), children


PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<ul>",
        "</ul>",
        "<ol>",
        "<li>",
        "</li>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<strong>",
        "</em>",
        "<br>",
        "<br/>",
        "<br />",
        '<a href="https://example.org/?a=1&amp;b=2">',
        '<a href="mailto:x@y.de" title="x">',
        "</a>",
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&#39;",
        "&nbsp;",
        "&#x202e;",
        "<!-- c -->",
        "<script>x<y</script>",
        "<P>",
        "<p class=x>",
        "<img src=x onerror=alert(1)>",
        "a < b",
        "c > d",
        "Beratung ",
        "تلفن ٠٢٤١ ",
        "Київ\n",
        "0241 123456",
        " ",
        "\t",
        "<",
        ">",
        '"',
        "'",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=25))
def test_cleaned_html_reads_the_same_and_takes_the_fast_path(pieces):
    cleaned = clean_html("".join(pieces))
    assert _shape(parse_html(cleaned)) == _shape(_slow(cleaned))
    assert _parse_clean(cleaned) is not None  # what we store never needs the slow reader


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(PIECES, max_size=25).map("".join), st.text(max_size=60)))
def test_any_text_reads_as_html_parser_reads_it(value):
    assert _shape(parse_html(value)) == _shape(_slow(value))
