"""The window's "Connect with an Integreat CMS region" dialog against the real CMS: the proposals
are listed with the sure ones ticked; ticking the similar one too and pressing "Link" links
all of them (an operation, announced); German, looked at as a screenshot."""

from __future__ import annotations

import pytest
from sqlmodel import select

from desktop.context import AppContext
from models.tables import OfferText
from tests.cms.test_link import started_in_lotse  # noqa: F401  (the fixture)

pytestmark = pytest.mark.integreat_cms


def test_link_dialog(qtbot, integreat_cms, started_in_lotse, tmp_path):  # noqa: F811
    from PySide6.QtCore import Qt

    from ui.cms_link_dialog import CmsLinkDialog
    from ui.i18n import set_language
    from ui.operations import Operations

    db, made = started_in_lotse
    set_language("de")
    operations = Operations(AppContext(db=db, user="tester"))
    announced = []
    operations.notifier.changed.connect(announced.append)
    dialog = CmsLinkDialog(AppContext(db=db, user="tester"), operations)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(f"{integreat_cms.base_url}/{integreat_cms.region}/")
    dialog.fetch_button.click()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=120_000)
    rows = {
        dialog.table.item(r, 1).text(): (dialog.table.item(r, 0).checkState(), dialog.table.item(r, 3).text())
        for r in range(dialog.table.rowCount())
    }
    assert rows["Krankenversicherung"] == (Qt.CheckState.Checked, "gleicher Titel")
    assert rows["Migrationsberatung"] == (Qt.CheckState.Checked, "gleicher Titel und gleiche Adresse")
    assert rows["Job-Center"] == (Qt.CheckState.Unchecked, "ähnlicher Titel")
    assert "Nur bei uns" in dialog.status.text()
    dialog.grab().save(str(tmp_path / "cms_link_dialog.png"))
    job = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 1).text() == "Job-Center")
    dialog.table.item(job, 0).setCheckState(Qt.CheckState.Checked)
    dialog.link_button.click()
    qtbot.waitUntil(lambda: dialog.linked is not None, timeout=60_000)
    assert dialog.linked == 5 and "5 Einträge verknüpft" in dialog.status.text()
    assert announced and ("offer", made["job"]) in announced[-1].items
    with db.session() as session:
        slug = session.exec(
            select(OfferText.slug).where(OfferText.offer_id == made["job"], OfferText.language_code == "de")
        ).one()
    assert slug == "jobcenter"
