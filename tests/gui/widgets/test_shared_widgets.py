"""The pieces the screens share (gui/widgets): the reason prompt's rule (a reason first, a refusal
inline, no closing while saving), the file dialogs' memory and endings, the report dialog's lists
and the one open dialog of a kind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.file_chooser import FileChooser, documents_folder
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt
from desktop_app.gui.widgets.report_dialog import ReportDialog
from desktop_app.messages import UserFacingError

WAIT = 10_000


class Refused(UserFacingError):
    def message(self) -> str:
        return "规则不允许"


class NotePrompt(ReasonPrompt):
    """A prompt whose change writes the reason down (or is refused while `refuse` is set)."""

    def __init__(self, operations: Operations) -> None:
        super().__init__(operations, reason_name="noteReason", width=200)
        self.written: list[str] = []
        self.refuse = False
        self.gate: threading.Event | None = None
        self.ask_reason()

    def reason_missing(self) -> str:
        return "先写原因"

    def change(self):
        reason, refuse, gate, written = self.reason(), self.refuse, self.gate, self.written

        def write() -> str:
            if gate is not None:
                gate.wait(WAIT / 1000)
            if refuse:
                raise Refused("test.refused")
            written.append(reason)
            return reason
        return write


@pytest.fixture
def operations(qapp):
    operations = Operations(TaskRunner())
    yield operations
    operations.tasks.wait_for_done()


def test_a_reason_prompt_asks_for_the_reason_first_and_runs_nothing_without_one(qtbot, operations):
    prompt = NotePrompt(operations)
    qtbot.addWidget(prompt)
    prompt.show()
    assert not prompt.ok_button.isEnabled()
    prompt.accept()  # Enter, or a caller, with nothing written
    assert prompt.isVisible() and prompt.error_label.text() == "先写原因" and operations.tasks.pending == 0
    prompt.reason_edit.setText("  写了  原因 ")
    assert prompt.ok_button.isEnabled() and not prompt.error_label.isVisible()
    with qtbot.waitSignal(prompt.saved, timeout=WAIT) as saved:
        prompt.ok_button.click()
    assert saved.args == ["写了 原因"] and prompt.written == ["写了 原因"]
    assert prompt.result() == QDialog.DialogCode.Accepted and not prompt.isVisible()


def test_a_refusal_is_said_in_the_prompt_which_stays_open_to_try_again(qtbot, operations):
    prompt = NotePrompt(operations)
    qtbot.addWidget(prompt)
    prompt.show()
    prompt.refuse = True
    prompt.reason_edit.setText("原因")
    prompt.ok_button.click()
    qtbot.waitUntil(lambda: not prompt.busy, timeout=WAIT)
    assert prompt.isVisible() and prompt.error_label.text() == "规则不允许" and prompt.ok_button.isEnabled()
    assert prompt.written == []


def test_a_prompt_that_is_saving_cannot_be_closed(qtbot, operations):
    prompt = NotePrompt(operations)
    qtbot.addWidget(prompt)
    prompt.show()
    prompt.gate = threading.Event()
    prompt.reason_edit.setText("原因")
    prompt.ok_button.click()
    assert prompt.busy and not prompt.ok_button.isEnabled()
    prompt.reject()  # Esc, Cancel or ×
    assert prompt.isVisible()
    prompt.gate.set()
    qtbot.waitUntil(lambda: not prompt.isVisible(), timeout=WAIT)
    assert prompt.written == ["原因"]


def test_file_dialogs_start_in_documents_then_where_the_person_last_was(qapp, tmp_path, monkeypatch):
    files = FileChooser()
    assert files.folder == documents_folder()
    asked = {}

    def save_dialog(parent, title, suggested, filters):
        asked.update(suggested=suggested, filters=filters)
        return str(tmp_path / "out" / "审计"), "CSV 文件 (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    path = files.save_file(None, "导出", "audit.xlsx", ("Excel 工作簿 (*.xlsx)", ".xlsx"), ("CSV 文件 (*.csv)", ".csv"))
    assert path == tmp_path / "out" / "审计.csv"  # typed without an ending: the chosen kind's
    assert asked["suggested"] == str(documents_folder() / "audit.xlsx")
    assert asked["filters"] == "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"
    assert files.folder == tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, folder, filters: (str(Path(folder) / "a.xlsx"), "")))
    assert files.open_file(None, "导入", "Excel (*.xlsx)") == tmp_path / "out" / "a.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: ("", "")))
    assert files.open_file(None, "导入", "Excel (*.xlsx)") is None and files.folder == tmp_path / "out"


def test_a_report_lists_only_the_kinds_of_line_it_has(qtbot):
    report = ReportDialog("testReport", "testSummary")
    qtbot.addWidget(report)
    problems_title, problems = report.add_list("problems", ["第 3 行：身份证号码无效"])
    notes_title, notes = report.add_list("notes", [])
    report.finish(600, 400, 150)
    report.show()
    assert problems.isVisible() and problems_title.isVisible()
    assert not notes.isVisible() and not notes_title.isVisible()
    assert report.messages() == ["第 3 行：身份证号码无效"] and report.height() == 400


def test_a_slot_keeps_one_dialog_of_a_kind_and_forgets_it_once_closed(qtbot):
    closed = []
    slot: DialogSlot[QDialog] = DialogSlot(closed=lambda: closed.append(True))
    first, second = QDialog(), QDialog()
    slot.open(first)
    assert slot.dialog is first and slot.raise_open()
    slot.open(second)  # the first one closes
    assert slot.dialog is second and not first.isVisible()
    second.reject()
    assert slot.dialog is None and not slot.raise_open() and len(closed) == 2
