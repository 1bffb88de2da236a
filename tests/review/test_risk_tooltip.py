"""The review list's "Risiko" number is explained: the column header says how it is made,
each cell lists its parts, and the parts add up to the number shown (issue 18 item 8)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.translation.assist import review_assist

TIP = Qt.ItemDataRole.ToolTipRole


def test_the_risk_column_says_what_makes_up_its_number(qtbot, demo_db):
    from ui.review.queue_dialog import ReviewQueueDialog

    dialog = ReviewQueueDialog(AppContext(db=demo_db, user="rita"), review_assist(demo_db, author="rita"))
    qtbot.addWidget(dialog)
    model = dialog.model
    header = model.headerData(0, Qt.Orientation.Horizontal, TIP)
    assert header and "10" in header and "5" in header, header
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Risiko"
    assert "Prüfung" in header  # in the interface language
    assert model.rowCount() > 3
    seen_reasons = set()
    for row in range(model.rowCount()):
        shown = float(model.data(model.index(row, 0)))
        tip = model.data(model.index(row, 0), TIP)
        parts = [float(p) for p in re.findall(r": \+(\d+\.\d)$", tip, flags=re.M)]
        assert abs(sum(parts) - shown) < 0.06 * max(1, len(parts)), (shown, tip)
        seen_reasons.update(line.split(":")[0] for line in tip.splitlines()[1:])
        assert model.data(model.index(row, 2), TIP) is None  # only the risk column explains itself
    assert len(seen_reasons) >= 2, seen_reasons
