"""The attendance screen's files: punches or online hours imported from a spreadsheet, and the
sign-in sheets saved as a PDF to print."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.services.attendance import AttendanceImportReport

from .dialogs import AttendanceImportResultDialog, SigninSheetChoiceDialog
from .part import AttendancePart, AttendanceTools
from .sheet import AttendanceSheet


class AttendanceFiles(AttendancePart):
    """导入打卡/线上学时 and 打印签到表 for the chosen class."""

    marks_changed = Signal()

    def __init__(self, tools: AttendanceTools, page: QWidget, sheet: AttendanceSheet) -> None:
        super().__init__(tools, page)
        self.sheet = sheet
        self.choice = sheet.choice
        self.files = FileChooser(purpose="attendance")
        self.import_dialogs: DialogSlot[AttendanceImportResultDialog] = DialogSlot(closed=sheet.view.setFocus)
        self.signin_dialogs: DialogSlot[SigninSheetChoiceDialog] = DialogSlot()
        self.import_button = QPushButton()
        self.import_button.setObjectName("importAttendanceButton")
        self.import_button.clicked.connect(self.import_file)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printSigninButton")
        self.print_button.clicked.connect(self.print_signin_sheets)

    @property
    def import_dialog(self) -> AttendanceImportResultDialog | None:
        return self.import_dialogs.dialog

    @property
    def signin_dialog(self) -> SigninSheetChoiceDialog | None:
        return self.signin_dialogs.dialog

    def update_actions(self) -> None:
        has_class = self.choice.current_code() is not None
        apply_permission(self.import_button, self.office.actor, Permission.MARK_ATTENDANCE, enabled=has_class)
        self.print_button.setEnabled(has_class)

    def _failed(self, error: BaseException) -> None:
        # More than the text: the buttons come back and the "working on it" line goes.
        self.update_actions()
        self.status.say(None)
        self.notice.show_failure(error)

    # --- punches and online hours --------------------------------------------------------------

    def import_file(self) -> None:
        code = self.choice.current_code()
        if code is None:
            return
        path = self.files.open_file(self.page, self.tr("Import punches or online hours into {code}").format(code=code),
                                    self.tr("Attendance files (*.xlsx *.csv);;All files (*)"))
        if path is None:
            return
        self.import_button.setEnabled(False)
        self.status.say(lambda: self.tr("Importing {file} …").format(file=path.name))

        def done(report: AttendanceImportReport) -> None:
            self.update_actions()
            self.status.say(lambda: self.tr("Imported {file}.").format(file=path.name))
            self.import_dialogs.open(AttendanceImportResultDialog(path.name, report, self.page))
            self.marks_changed.emit()
            self.sheet.reload()

        self.run(lambda: self.office.attendance.import_file(code, path), success=done, failure=self._failed)

    # --- sign-in sheets ------------------------------------------------------------------------

    def print_signin_sheets(self) -> None:
        code = self.choice.current_code()
        if code is None:
            return
        dialog = SigninSheetChoiceDialog(self.choice.current_class_text(), self.page)
        dialog.accepted.connect(lambda: self._print_chosen(code, dialog.chosen_per_day()))
        self.signin_dialogs.open(dialog)

    def _print_chosen(self, code: str, per_day: bool) -> None:
        path = self.files.save_file(self.page, self.tr("Save the sign-in sheets of {code}").format(code=code),
                                    self.tr("signin_{code}.pdf").format(code=code),
                                    (self.tr("PDF document (*.pdf)"), ".pdf"))
        if path is None:
            return
        self.print_button.setEnabled(False)
        self.status.say(lambda: self.tr("Preparing the sign-in sheets …"))

        def render_and_write():
            render = self.office.attendance.signin_sheets_pdf(code, per_day=per_day)
            path.write_bytes(render.pdf)
            return render

        def done(render) -> None:
            self.update_actions()
            self.status.say(None)
            text = self.tr("{pages} pages of sign-in sheets were saved to {path}. Open the file to print it.").format(
                pages=render.pages, path=path)
            if render.warnings:
                text += "\n" + "\n".join(f"• {warning.message()}" for warning in render.warnings)
            self.notice.show_note(text, "warning" if render.warnings else "success")

        self.run(render_and_write, success=done, failure=self._failed)

    def retranslate(self) -> None:
        self.import_button.setText(self.tr("Import punches / online hours…"))
        self.print_button.setText(self.tr("Print sign-in sheets…"))
