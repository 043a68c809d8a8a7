"""导入花名册 wizard: choose or drop a file, preview with progress, import, save the rejected rows;
cancelling leaves the database as it was, and the window keeps working meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QWizard
from sqlalchemy import func, select

from desktop_app import messages
from desktop_app.domain.identity import check_char
from desktop_app.gui.screens.classes.models import OutcomeTableModel
from desktop_app.gui.screens.classes.roster_import import counts_text
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.store.models import Enrolment, Trainee


def _identity(birth: str, sequence: str) -> str:
    first17 = f"320981{birth}{sequence}"  # 东台市: not among the demo people's regions
    return first17 + check_char(first17)


GOOD = [("陈晓明", _identity("19850312", "011")), ("林美华", _identity("19900704", "022")),
        ("周志强", _identity("19781120", "035"))]


def _bad_checksum() -> str:
    good = _identity("19920101", "046")
    return good[:-1] + ("1" if good[-1] != "1" else "2")


@pytest.fixture
def roster_file(tmp_path) -> Path:
    """Three good rows, one ID with a wrong check character, one person listed twice."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号码", "手机号码"])
    for name, number in GOOD:
        sheet.append([name, number, "13912345678"])
    sheet.append(["吴错号", _bad_checksum(), None])
    sheet.append(["林美华", GOOD[1][1], None])  # the same person again
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "@"
    path = tmp_path / "花名册.xlsx"
    workbook.save(path)
    return path


def _counts(office, class_code: str) -> tuple[int, int, int]:
    """(trainees on record, enrolments in all classes, roster size of the class)."""
    with office.db.reading() as session:
        trainees = session.scalar(select(func.count()).select_from(Trainee))
        enrolments = session.scalar(select(func.count()).select_from(Enrolment))
    return trainees, enrolments, len(office.trainees.class_roster(class_code))


@pytest.fixture
def wizard(qtbot, classes_page, select_class, code, roster_file, monkeypatch):
    """The wizard opened on the draft class PR01 (nobody enrolled), with the file chosen."""
    select_class(code("PR01"))
    assert classes_page.roster_files.import_button.isEnabled()
    classes_page.roster_files.import_button.click()
    wizard = classes_page.roster_files.import_wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.currentPage() is wizard.file_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(roster_file), "")))
    wizard.file_page.choose_button.click()
    assert wizard.source == roster_file
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    return wizard


def _gate(monkeypatch, office, method: str) -> threading.Event:
    """Hold the Office's `method` on its worker thread until the test opens the gate."""
    gate = threading.Event()
    real = getattr(office, method)

    def held(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(office, method, held)
    return gate


def test_import_end_to_end_preview_import_and_rejected_rows(qtbot, wizard, classes_page, code, demo_office, tmp_path,
                                                            monkeypatch):
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.state == "done", timeout=20_000)
    report = wizard.preview_report
    assert report.enrolled == 3 and len(report.rejected) == 2
    assert preview.counts.text() == counts_text(report, preview=True)
    assert "共读取 5 行" in preview.counts.text() and "2 行不能导入" in preview.counts.text()
    # Progress reached the UI thread from the worker (the service reports it in steps, not per row).
    assert preview.last_progress is not None and 0 < preview.last_progress[0] <= preview.last_progress[1]
    model = preview.model
    assert model.rowCount() == 5
    by_row = {model.row_at(i).row_number: i for i in range(model.rowCount())}
    bad = by_row[5]  # header is row 1: the wrong check character is on row 5
    assert model.data(model.index(bad, OutcomeTableModel.RESULT)) == "不能导入"
    assert model.data(model.index(bad, 0), Qt.ItemDataRole.BackgroundRole) == qcolor(Colour.ROW_REJECTED)
    assert "校验" in model.data(model.index(bad, OutcomeTableModel.REASONS))
    duplicate = by_row[6]
    assert "第 3 行" in model.data(model.index(duplicate, OutcomeTableModel.REASONS))
    for number in (2, 3, 4):
        result = model.data(model.index(by_row[number], OutcomeTableModel.RESULT))
        assert result in ("将报名", "将报名（不享受补贴）")
        if result == "将报名（不享受补贴）":
            assert model.data(model.index(by_row[number], 0), Qt.ItemDataRole.BackgroundRole) == qcolor(Colour.ROW_NO_SUBSIDY)
    assert _counts(demo_office, code("PR01"))[2] == 0  # a preview writes nothing
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled() and commit.text() == "导入 3 人"

    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    summary = wizard.summary_page
    assert summary.counts.text() == counts_text(wizard.import_report, preview=False)
    assert summary.counts.text().startswith("已报名 3 人")
    assert [entry.name for entry in demo_office.trainees.class_roster(code("PR01"))] == [name for name, _ in GOOD]
    assert summary.model.rowCount() == 5

    rejected_path = tmp_path / "out" / "未导入.xlsx"
    rejected_path.parent.mkdir()
    chosen_default = {}

    def save_dialog(parent, title, default, filters):
        chosen_default["name"] = Path(default).name
        return str(rejected_path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    summary.save_button.click()
    qtbot.waitUntil(lambda: rejected_path.exists() and not wizard.saving, timeout=20_000)
    assert chosen_default["name"] == f"花名册_未导入_{code('PR01')}.xlsx"
    assert str(rejected_path) in summary.save_note.text()
    rows = [[cell for cell in row] for row in load_workbook(rejected_path).worksheets[0].iter_rows(values_only=True)]
    flat = [str(cell) for row in rows for cell in row if cell is not None]
    assert "吴错号" in flat and "错误原因" in flat
    assert any("校验" in text for text in flat)

    with qtbot.waitSignal(classes_page.detail.loaded, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert classes_page.detail.roster.model.rowCount() == 3
    model = classes_page.model
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(code("PR01")), 6)) == "3/35", timeout=20_000)


def test_a_file_dropped_on_the_first_step_is_taken(qtbot, wizard, roster_file, tmp_path):
    other = tmp_path / "另一个.xlsx"
    other.write_bytes(roster_file.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    wizard.file_page.dropEvent(event)
    assert wizard.source == other
    assert str(other) in wizard.file_page.file_label.text()


def test_cancelling_the_preview_changes_nothing_and_the_window_stays_usable(qtbot, wizard, classes_page, code,
                                                                           demo_office, monkeypatch):
    before = _counts(demo_office, code("PR01"))
    gate = _gate(monkeypatch, demo_office.roster, "preview")
    wizard.next()
    preview = wizard.preview_page
    assert preview.state == "running" and preview.cancel_button.isVisible()
    # While the preview is held on its worker, the class list still answers a search.
    classes_page.search_edit.setText("电工")
    qtbot.waitUntil(lambda: [r.code for r in classes_page.model.rows()] == [code("DG01")], timeout=20_000)
    preview.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: preview.state == "cancelled", timeout=20_000)
    assert preview.status_label.text() == messages.render("roster.cancelled")
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert preview.retry_button.isVisible()
    assert _counts(demo_office, code("PR01")) == before
    preview.retry_button.click()  # the gate is open now: the check runs to the end
    qtbot.waitUntil(lambda: preview.state == "done", timeout=20_000)
    assert wizard.preview_report.enrolled == 3


def test_cancelling_the_import_rolls_everything_back(qtbot, wizard, code, demo_office, monkeypatch):
    before = _counts(demo_office, code("PR01"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.state == "done", timeout=20_000)
    gate = _gate(monkeypatch, demo_office.roster, "import_workbook")
    wizard.next()
    page = wizard.import_page
    assert wizard.currentPage() is page and page.state == "running"
    page.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: page.state == "cancelled", timeout=20_000)
    assert messages.render("roster.cancelled") in page.status_label.text()
    assert _counts(demo_office, code("PR01")) == before
    page.retry_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    assert _counts(demo_office, code("PR01"))[2] == 3


def test_closing_the_wizard_mid_preview_stops_the_work(qtbot, wizard, classes_page, demo_office, monkeypatch):
    gate = _gate(monkeypatch, demo_office.roster, "preview")
    wizard.next()
    run = wizard.preview_page.run
    wizard.reject()
    assert run.cancelled() and not wizard.isVisible()
    assert classes_page.roster_files.import_wizard is None
    # The wizard waits for the cancelled check to answer before it lets itself be deleted.
    gone = []
    wizard.destroyed.connect(lambda: gone.append(True))
    gate.set()
    qtbot.waitUntil(lambda: bool(gone), timeout=20_000)


def test_an_unreadable_file_is_explained_in_words(qtbot, wizard, tmp_path):
    fake = tmp_path / "名单.xlsx"
    fake.write_text("姓名,身份证号码\n张三,1\n", encoding="utf-8")
    wizard.file_page.set_source(fake)
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.state == "failed", timeout=20_000)
    assert "名单.xlsx" in preview.status_label.text()
    assert "Traceback" not in preview.status_label.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_changed_details_of_known_people_are_shown_and_changed_only_when_ticked(qtbot, wizard, code, demo_office,
                                                                                roster_file, tmp_path, monkeypatch):
    demo_office.roster.import_workbook(code("PR01"), roster_file)  # the three good rows, phone 139…5678
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号码", "手机号码"])
    sheet.append([GOOD[0][0], GOOD[0][1], "13800001111"])
    sheet.cell(row=2, column=2).number_format = "@"
    changed = tmp_path / "新号码.xlsx"
    workbook.save(changed)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(changed), "")))
    wizard.file_page.choose_button.click()
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.state == "done", timeout=20_000)
    assert preview.changes.isVisible() and preview.accept_changes.isVisible()
    assert "手机号码 139****5678 → 138****1111" in preview.changes.text() and GOOD[0][0] in preview.changes.text()
    assert not preview.accept_changes.isChecked()
    preview.accept_changes.setFocus()
    qtbot.keyClick(preview.accept_changes, Qt.Key.Key_Space, delay=200)
    assert preview.accept_changes.isChecked()
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=20_000)
    assert wizard.import_report.changes_applied
    with demo_office.db.reading() as session:
        phones = set(session.scalars(select(Trainee.phone_masked).where(Trainee.name == GOOD[0][0])))
    assert phones == {"138****1111"}
