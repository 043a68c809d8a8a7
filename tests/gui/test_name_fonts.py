"""Rare name characters (陈䶮 Extension A, 𠮷 Extension B) are drawn in the window, not as boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QRawFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTableView

from desktop_app import resources
from desktop_app.gui.fonts import font_chain, install_application_font

NO_FACE_HAS = "\U00030000"  # CJK Extension G: in none of the bundled faces, so Qt draws a box


def _families_with(char: str) -> list[str]:
    """The families of the application's chain whose own font file holds `char` (no fallback)."""
    found = []
    for family in font_chain():
        raw = QRawFont.fromFont(QFont(family, 10))
        if raw.isValid() and raw.familyName().casefold() == family.casefold() and raw.supportsCharacter(ord(char)):
            found.append(raw.familyName())
    return found


def _label_image(qtbot, text: str, font: QFont | None = None):
    label = QLabel(text)
    if font is not None:
        label.setFont(font)
    label.resize(160, 40)
    qtbot.addWidget(label)
    return label.grab().toImage()


def test_the_fallback_faces_follow_the_main_face(qapp):
    assert install_application_font(qapp) == resources.FONT_FAMILY
    chain = font_chain()
    assert chain[0] == resources.FONT_FAMILY
    assert {"SkillDesk Hanazono A", "SkillDesk Hanazono B"} <= set(chain)
    assert _families_with("陈") == [resources.FONT_FAMILY]
    assert _families_with("䶮") == ["SkillDesk Hanazono A"]
    assert _families_with("𠮷") == ["SkillDesk Hanazono B"]


def test_a_label_draws_rare_characters_in_the_fallback_face(qapp, qtbot):
    install_application_font(qapp)
    tofu = _label_image(qtbot, NO_FACE_HAS)
    for char, face in (("䶮", "SkillDesk Hanazono A"), ("𠮷", "SkillDesk Hanazono B")):
        drawn = _label_image(qtbot, char)
        assert drawn != tofu
        assert drawn == _label_image(qtbot, char, QFont(face, qapp.font().pointSize()))
    # A stylesheet or a widget naming only the main family still gets the fallback (substitution).
    named = QFont(resources.FONT_FAMILY, qapp.font().pointSize())
    assert _label_image(qtbot, "䶮", named) == _label_image(qtbot, "䶮", QFont("SkillDesk Hanazono A", named.pointSize()))


def test_a_table_cell_shows_the_whole_name(qapp, qtbot):
    install_application_font(qapp)
    model = QStandardItemModel(2, 1)
    model.setItem(0, 0, QStandardItem("陈䶮"))
    model.setItem(1, 0, QStandardItem("陈" + NO_FACE_HAS))
    view = QTableView()
    view.setModel(model)
    view.resize(300, 200)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    first = view.viewport().grab(view.visualRect(model.index(0, 0))).toImage()
    second = view.viewport().grab(view.visualRect(model.index(1, 0))).toImage()
    assert first != second  # 䶮 is a glyph, not the box the unknown character gets
