"""Reference names (training types, key groups) in the interface language: the reference data's
name_en in the English window, the Chinese name in the Chinese one."""

from __future__ import annotations

import re

from desktop_app.gui.i18n import install_translators
from desktop_app.gui.screens.classes.models import ClassTableModel

CJK = re.compile(r"[\u4e00-\u9fff]")


def _types(page) -> list[str]:
    model = page.model
    return [model.index(row, ClassTableModel.TRAINING_TYPE).data() for row in range(model.rowCount())]


def test_training_types_follow_the_language(qtbot, qapp, demo_window):
    page = demo_window.pages["classes"]
    assert all(CJK.search(text) for text in _types(page)) and "就业技能培训" in _types(page)
    try:
        install_translators(qapp, "en")
        qtbot.waitUntil(lambda: "Employment skills training" in _types(page), timeout=5_000)
        assert not any(CJK.search(text) for text in _types(page))
    finally:
        install_translators(qapp, "zh")


def test_key_groups_follow_the_language(qtbot, qapp, demo_window, demo_office):
    demo_window.show_page("trainees")
    page = demo_window.pages["trainees"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    trainee_id = next(row.id for row in page.model.rows() if demo_office.trainees.get(row.id).key_groups)
    try:
        install_translators(qapp, "en")
        page.detail.show_trainee(trainee_id)
        label = page.detail.fact_values["key_groups"]
        qtbot.waitUntil(lambda: label.text() not in ("", "None"), timeout=10_000)
        assert not CJK.search(label.text())
    finally:
        install_translators(qapp, "zh")
