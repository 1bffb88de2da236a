from models.blocks import join_blocks, replace_block, split_blocks

HTML = (
    '<p>Erster <strong>Absatz</strong>.</p><ul><li>Punkt 1</li><li>Punkt <a href="https://x.de">2</a></li></ul><p>Ende '
    "&amp; aus</p><ol><li>a</li></ol>"
)


def test_split_and_join_round_trip():
    blocks = split_blocks(HTML)
    assert [b.kind for b in blocks] == ["p", "ul", "ul", "p", "ol"]
    assert blocks[1].list_id == blocks[2].list_id != blocks[4].list_id
    assert blocks[0].text == "Erster Absatz."
    assert join_blocks(blocks) == HTML


def test_stray_text_becomes_a_paragraph_and_one_block_can_be_replaced():
    blocks = split_blocks("Nur Text<br>mit Umbruch")
    assert [b.inner_html for b in blocks] == ["Nur Text<br>mit Umbruch"]
    assert join_blocks(replace_block(split_blocks(HTML), 1, "Punkt eins")).startswith(
        "<p>Erster <strong>Absatz</strong>.</p><ul><li>Punkt eins</li>"
    )
