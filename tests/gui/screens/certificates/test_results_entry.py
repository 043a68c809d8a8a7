"""Results entry as hands do it: keys sent to whatever has the keyboard focus, a score typed right
after Tab replaces the value whatever the timing, Tab walks the cells that can change only, the
result follows the scores and a result against them needs a written, audited reason; the results
template is written from the window."""

from __future__ import annotations

import random
from datetime import datetime

import pytest
import time_machine
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit
from sqlalchemy import select

from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.screens.certificates.models import AssessmentTableModel as M
from desktop_app.store.models import AuditEntry
from tests.gui.screens.certificates.test_page import CODE, WAIT, build_page, close_page, idle
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)
from tests.services.test_certificates import completed  # noqa: F401  (fixture: its results entered)

# Results are typed after the class's last session (the fixtures' class ends in December 2026).
NOW = datetime(2027, 1, 4, 15, 0, tzinfo=CHINA_TZ)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def page(qtbot, qapp, office, completed):  # noqa: F811
    page = build_page(qtbot, qapp, office)
    qtbot.waitUntil(lambda: page.results.model.rowCount() == 5 and idle(page), timeout=WAIT)
    page.activateWindow()
    yield page
    if page.results.override_dialog is not None:
        page.results.override_dialog.close()
    close_page(qtbot, qapp, page)


def focused():
    return QApplication.focusWidget()


def type_keys(qtbot, text: str, delays) -> None:
    """Each key to whatever has the focus when it is pressed, after its own delay."""
    for char in text:
        press(qtbot, char, next(delays))


def press(qtbot, key, delay_ms: int) -> None:
    """Wait (events go on: saves answer), then press and release `key` on the focused widget.
    (QTest's own delay also waits between press and release, by when a Tab's closed editor is gone.)"""
    if delay_ms:
        qtbot.wait(delay_ms)
    qtbot.keyClick(focused(), key)


def person(delay_ms: int = 200):
    return iter(lambda: delay_ms, None)


def test_a_score_typed_right_after_tab_replaces_the_value_200_times(qtbot, page, office):
    view, model = page.results.view, page.results.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, M.THEORY))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # F2 opens the cell, as a person would
    rng = random.Random(13)  # seeded: a failure can be replayed
    delays = iter(lambda: rng.randint(0, 50), None)
    shown = {M.THEORY: "85", M.PRACTICAL: "90"}
    for attempt in range(200):
        column = M.THEORY if attempt % 2 == 0 else M.PRACTICAL
        editor = focused()
        assert isinstance(editor, QLineEdit) and view.currentIndex().column() == column, attempt
        value = str(rng.choice([n for n in range(60, 101) if str(n) != shown[column]]))
        type_keys(qtbot, value, delays)
        # Whatever answer came back from the previous save meanwhile, the cell holds what was typed.
        assert focused() is editor and editor.text() == value, (attempt, shown[column], value, editor.text())
        shown[column] = value
        # Tab from 理论 to 实操, Shift+Tab back: each commits and saves while the next key comes at once.
        press(qtbot, Qt.Key.Key_Tab if column == M.THEORY else Qt.Key.Key_Backtab, next(delays))
    press(qtbot, Qt.Key.Key_Return, 0)
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    stored = office.assessments.list(CODE)[0]
    assert (stored.theory_score, stored.practical_score) == (int(shown[M.THEORY]) * 10, int(shown[M.PRACTICAL]) * 10)
    assert (model.data(model.index(0, M.THEORY)), model.data(model.index(0, M.PRACTICAL))) == (
        shown[M.THEORY], shown[M.PRACTICAL])


def test_the_first_key_on_a_cell_opens_it_with_that_key(qtbot, page, office):
    view, model = page.results.view, page.results.model
    view.setFocus()
    view.setCurrentIndex(model.index(2, M.PRACTICAL))  # shows 90
    type_keys(qtbot, "73", person())  # a person's speed
    editor = focused()
    assert isinstance(editor, QLineEdit) and editor.text() == "73"
    with qtbot.waitSignal(page.results.saved, timeout=WAIT):
        press(qtbot, Qt.Key.Key_Return, 200)
    assert office.assessments.list(CODE)[2].practical_score == 730


def test_tab_walks_only_the_cells_that_can_change(qtbot, page):
    view, model = page.results.view, page.results.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, M.THEORY))
    walked = []
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        walked.append((view.currentIndex().row(), view.currentIndex().column()))
    assert walked == [(0, M.PRACTICAL), (0, M.RESULT), (0, M.RETAKE), (1, M.THEORY), (1, M.PRACTICAL)]
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, M.RETAKE)
    # Space ticks the retake box of the line, as the mouse would.
    with qtbot.waitSignal(page.results.saved, timeout=WAIT):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.row_at(0).retake


def test_in_a_read_only_grid_tab_leaves_the_grid(qtbot, page):
    page.results.model.set_read_only(True)
    view = page.results.view
    view.setFocus()
    view.setCurrentIndex(page.results.model.index(0, M.NAME))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert focused() is not view


def _choose_result(qtbot, page, row: int, word: str) -> None:
    """Open the result cell with F2 and move the drop-down with the arrow keys to `word`."""
    view, model = page.results.view, page.results.model
    page.activateWindow()  # back from a dialog
    view.setFocus()
    qtbot.waitUntil(lambda: focused() is view, timeout=WAIT)
    view.setCurrentIndex(model.index(row, M.RESULT))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, QComboBox)
    target = combo.findText(word)
    while combo.currentIndex() != target:
        press(qtbot, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up, 50)
    press(qtbot, Qt.Key.Key_Return, 50)


def test_the_result_follows_the_scores_and_against_them_needs_a_written_reason(qtbot, page, office):
    view, model = page.results.view, page.results.model
    # 实操 0 on a line that had passed: the result becomes 不合格 by itself.
    view.setFocus()
    view.setCurrentIndex(model.index(0, M.PRACTICAL))
    with qtbot.waitSignal(page.results.saved, timeout=WAIT) as saved:
        type_keys(qtbot, "0", person())
        press(qtbot, Qt.Key.Key_Return, 200)
    assert saved.args[0].result == "fail"
    qtbot.waitUntil(lambda: model.data(model.index(0, M.RESULT)) == "不合格", timeout=WAIT)

    # 合格 against 实操 0: refused with the reason, and a reason is asked for.
    _choose_result(qtbot, page, 0, "合格")
    qtbot.waitUntil(lambda: page.results.override_dialog is not None
                    and page.results.override_dialog.isVisible(), timeout=WAIT)
    dialog = page.results.override_dialog
    assert "实操成绩 0 分低于合格线 60 分" in dialog.explanation.text()
    assert "没有保存" in page.results.error_label.text()
    dialog.reject()  # cancel: what is stored stays
    qtbot.waitUntil(lambda: idle(page) and model.data(model.index(0, M.RESULT)) == "不合格", timeout=WAIT)
    assert office.assessments.list(CODE)[0].result == "fail"

    # Again, with a reason typed: recorded, marked, and audited with the reason.
    _choose_result(qtbot, page, 0, "合格")
    qtbot.waitUntil(lambda: page.results.override_dialog is not None
                    and page.results.override_dialog is not dialog
                    and page.results.override_dialog.isVisible(), timeout=WAIT)
    dialog = page.results.override_dialog
    assert not dialog.ok_button.isEnabled()  # no reason, no override
    with qtbot.waitSignal(page.results.saved, timeout=WAIT) as saved:
        # Chinese comes whole from the input method (as the other reason prompts' tests write it), then Enter.
        dialog.reason_edit.setText("补考合格")
        qtbot.wait(200)
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert (saved.args[0].result, saved.args[0].override_reason) == ("pass", "补考合格")
    stored = office.assessments.list(CODE)[0]
    assert (stored.practical_score, stored.result, stored.override_reason) == (0, "pass", "补考合格")
    assert model.data(model.index(0, M.RESULT)) == "合格 *"
    assert "补考合格" in model.data(model.index(0, M.RESULT), Qt.ItemDataRole.ToolTipRole)
    assert not page.results.error_label.isVisible()
    with office.db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "assessment.result_overridden")).one()
        assert entry.details["reason"] == "补考合格" and entry.details["after"]["result"] == "pass"

    # Ticking the retake keeps the override; changing a score decides the result again.
    page.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: focused() is view, timeout=WAIT)
    view.setCurrentIndex(model.index(0, M.RETAKE))
    with qtbot.waitSignal(page.results.saved, timeout=WAIT):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert office.assessments.list(CODE)[0].override_reason == "补考合格"
    view.setCurrentIndex(model.index(0, M.PRACTICAL))
    with qtbot.waitSignal(page.results.saved, timeout=WAIT) as saved:
        type_keys(qtbot, "75", person())
        press(qtbot, Qt.Key.Key_Return, 200)
    assert (saved.args[0].result, saved.args[0].override_reason) == ("pass", None)


def test_the_results_template_is_written_with_the_roster(qtbot, page, office, completed, tmp_path, monkeypatch):  # noqa: F811
    _, persons = completed
    target = tmp_path / "成绩模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    assert page.results.template_button.isEnabled() and page.results.template_button.text() == "成绩模板…"
    with qtbot.waitSignal(page.results.template.written, timeout=WAIT):
        page.results.template_button.click()
    assert str(target) in page.notice.text() and "5 名学员" in page.notice.text()
    sheet = load_workbook(target).active
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]]
    assert [(row[0], row[1]) for row in rows] == [(p.name, p.id_number) for p in persons]
    with office.db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "personal_data.exported")).one()
        assert entry.details["what"] == "assessment_template" and entry.details["trainees"] == 5
