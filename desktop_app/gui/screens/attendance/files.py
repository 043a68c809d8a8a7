"""The attendance screen's files: punches or online hours imported from a spreadsheet, and the
sign-in sheets — of the chosen session, one date or the whole class — printed directly or saved as
a PDF."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.gui.widgets.pdf_preview import PrintOutcome, load_pdf, prepare_printer, print_pdf
from desktop_app.services.attendance import AttendanceImportReport

from .dialogs import AttendanceImportResultDialog, SigninSheetChoiceDialog
from .part import AttendancePart, AttendanceTools
from .punch_reason import PunchReasonDialog
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
        self.printer_dialogs: DialogSlot[QPrintDialog] = DialogSlot()
        self._printer: QPrinter | None = None
        self.reason_prompt: PunchReasonDialog | None = None  # open after a file met locked sessions
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

        def show(report: AttendanceImportReport) -> None:
            self.import_dialogs.open(AttendanceImportResultDialog(path.name, report, self.page))
            self.marks_changed.emit()
            self.sheet.reload()

        def done(report: AttendanceImportReport) -> None:
            self.update_actions()
            self.status.say(lambda: self.tr("Imported {file}.").format(file=path.name))
            locked = sum(1 for problem in report.problems if problem.code == "attendance_import.reason_needed")
            if not locked:
                show(report)
                return
            # Past sessions: asked for a reason as the sheet asks; the file again with it, or not.
            prompt = PunchReasonDialog(code, path, locked, self.office, self.tools.operations, self.page)
            self.reason_prompt = prompt
            prompt.saved.connect(show)
            prompt.rejected.connect(lambda: show(report))
            prompt.open()

        self.run(lambda: self.office.attendance.import_file(code, path), success=done, failure=self._failed)

    # --- sign-in sheets ------------------------------------------------------------------------

    @property
    def print_dialog(self) -> QPrintDialog | None:
        """The printer dialog for the sign-in sheets, while it is open."""
        return self.printer_dialogs.dialog

    def print_signin_sheets(self) -> None:
        code = self.choice.current_code()
        if code is None:
            return
        days = [s.starts_at.date() for s in self.choice.sessions]
        dialog = SigninSheetChoiceDialog(self.choice.current_class_text(), self.choice.current_session(),
                                         first_day=min(days, default=None), last_day=max(days, default=None),
                                         parent=self.page)
        dialog.accepted.connect(lambda: self._chosen(code, dialog))
        self.signin_dialogs.open(dialog)

    def _chosen(self, code: str, dialog: SigninSheetChoiceDialog) -> None:
        per_day, day, session_id = dialog.chosen_per_day(), dialog.chosen_day(), dialog.chosen_session_id()

        def render():
            return self.office.attendance.signin_sheets_pdf(code, per_day=per_day, day=day, session_id=session_id)

        if dialog.action == SigninSheetChoiceDialog.PRINT:
            self._print_chosen(code, render)
        else:
            self._save_chosen(code, render)

    def _save_chosen(self, code: str, render_sheets) -> None:
        path = self.files.save_file(self.page, self.tr("Save the sign-in sheets of {code}").format(code=code),
                                    self.tr("signin_{code}.pdf").format(code=code),
                                    (self.tr("PDF document (*.pdf)"), ".pdf"))
        if path is None:
            return
        self.print_button.setEnabled(False)
        self.status.say(lambda: self.tr("Preparing the sign-in sheets …"))

        def render_and_write():
            render = render_sheets()
            self.office.files.save(path, render.pdf, replace=True)  # the save dialog asked before replacing
            return render

        def done(render) -> None:
            self.update_actions()
            self.status.say(None)
            text = self.tr("{pages} pages of sign-in sheets were saved to {path}. Open the file to print it.").format(
                pages=render.pages, path=path)
            self._say_done(text, render)

        self.run(render_and_write, success=done, failure=self._failed)

    def _say_done(self, text: str, render) -> None:
        if render.warnings:
            text += "\n" + "\n".join(f"• {warning.message()}" for warning in render.warnings)
        self.notice.show_note(text, "warning" if render.warnings else "success")

    def _print_chosen(self, code: str, render_sheets) -> None:
        self.print_button.setEnabled(False)
        self.status.say(lambda: self.tr("Preparing the sign-in sheets …"))
        self.run(render_sheets, success=lambda render: self._ask_printer(code, render), failure=self._failed)

    def _ask_printer(self, code: str, render) -> None:
        self.status.say(None)
        document, buffer = load_pdf(render.pdf)
        page_size = document.pagePointSize(0)
        document.close()
        buffer.close()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, page_size, self.tr("Sign-in sheets {code}").format(code=code))
        dialog = QPrintDialog(printer, self.page)
        dialog.setObjectName("signinPrintDialog")
        dialog.setWindowTitle(self.tr("Print the sign-in sheets of {code}").format(code=code))
        dialog.setMinMax(1, render.pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        # QPrintDialog.accepted also comes as accepted(QPrinter*): take whatever it carries.
        dialog.accepted.connect(lambda *_args: self._printer_chosen(dialog, printer, render))
        dialog.rejected.connect(self.update_actions)
        self.printer_dialogs.open(dialog)

    def _printer_chosen(self, dialog: QPrintDialog, printer: QPrinter, render) -> None:
        pages = list(range(render.pages))
        if dialog.printRange() == QAbstractPrintDialog.PrintRange.PageRange and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, min(printer.toPage(), render.pages)))
        self.start_printing(render, printer, pages)

    def start_printing(self, render, printer: QPrinter, pages) -> None:
        """Send `pages` (0-based) of the rendered sheets to `printer` in the background."""
        pages = list(pages)
        self.print_button.setEnabled(False)
        self.status.say(lambda: self.tr("Printing {count} pages of sign-in sheets …").format(count=len(pages)))
        pdf = render.pdf
        self._printer = printer  # lives until its job is done

        def printed(outcome: PrintOutcome) -> None:
            self._printer = None
            self.update_actions()
            self.status.say(None)
            if not outcome.started:
                self.notice.show_note(self.tr("The printer could not be started. Check that it is switched on and "
                                              "connected, then try again."), "error")
                return
            self._say_done(self.tr("{count} pages of sign-in sheets were sent to the printer.").format(
                count=outcome.printed), render)

        def failed(error: BaseException) -> None:
            self._printer = None
            self._failed(error)

        self.run(lambda: print_pdf(pdf, printer, pages), success=printed, failure=failed)

    def retranslate(self) -> None:
        self.import_button.setText(self.tr("Import punches / online hours…"))
        self.print_button.setText(self.tr("Print sign-in sheets…"))
