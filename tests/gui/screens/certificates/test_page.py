"""The 证书 screen: the results grid saves each edit, issuing fills in numbers, void and reissue need a
reason, the preview shows the real certificate PDF, printing and exporting run in the background,
a scanned QR code is verified, the printer offset is used as given, and the screen reloads for
changes made elsewhere to what it shows."""

from __future__ import annotations

import json
import threading
from datetime import datetime

import pytest
import time_machine
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox, QPushButton
from sqlalchemy import update

from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.certificates import CertificatesPage, stored_certificate_offset
from desktop_app.gui.screens.certificates.models import AssessmentTableModel, CertificateIssueModel, issue_rows
from desktop_app.gui.screens.certificates.preview import CertificatePreview
from desktop_app.gui.screens.certificates.void_reissue import CertificateReasonDialog
from desktop_app.gui.screens.certificates.verify import VerifyCertificateDialog
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.theme import Tone
from desktop_app.gui.widgets import pdf_preview
from desktop_app.gui.widgets.pdf_preview import load_pdf
from desktop_app.preferences import Preferences
from desktop_app.services.changes import Area, report_changes
from desktop_app.store.models import TrainingClass
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)
from tests.services.test_certificates import completed  # noqa: F401  (fixture: its results entered)

CODE = "2026-JZ01"
WAIT = 20_000


def build_page(qtbot, qapp, office, **kwargs) -> CertificatesPage:
    """The screen as the window builds it, shown at the window's size, in Chinese."""
    install_translators(qapp, "zh")
    page = CertificatesPage(office, Operations(TaskRunner()), **kwargs)
    page.resize(1100, 720)
    page.show()
    return page


def close_page(qtbot, qapp, page: CertificatesPage) -> None:
    """Every answer arrives first, then the screen and its dialogs go (see tests/gui/conftest.py)."""
    tasks = page.operations.tasks
    tasks.wait_for_done()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    issuing = page.issuing
    for dialog in (issuing.void_reissue.reason_dialog, page.verifications.dialog, page.reports.dialog,
                   issuing.printing.print_dialog):
        if dialog is not None:
            dialog.close()
    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")


def idle(page) -> bool:
    return page.operations.tasks.pending == 0 and not page.results.saving()


@pytest.fixture
def page(qtbot, qapp, office, completed):  # noqa: F811
    page = build_page(qtbot, qapp, office)
    qtbot.waitUntil(lambda: page.results.model.rowCount() == 5 and page.issuing.model.rowCount() == 5
                    and idle(page), timeout=WAIT)
    yield page
    close_page(qtbot, qapp, page)


def issue_all(qtbot, page):
    page.tabs.setCurrentWidget(page.issuing)
    page.issuing.issue_button.click()
    box = page.issuing.issuer.confirm_box
    assert isinstance(box, QMessageBox) and "4" in box.text()
    with qtbot.waitSignal(page.issuing.issuer.issued, timeout=WAIT) as issued, \
            qtbot.waitSignal(page.issuing.loaded, timeout=WAIT):
        box.button(QMessageBox.StandardButton.Yes).click()
    return issued.args[0]


def select_number(qtbot, page, number: str) -> None:
    position = page.issuing.model.row_of(number)
    assert position >= 0
    with qtbot.waitSignal(page.issuing.preview.loaded, timeout=WAIT, check_params_cb=lambda shown: shown == number):
        page.issuing.view.selectRow(position)


def test_the_models_keep_qts_contract(qtmodeltester, office, completed):  # noqa: F811
    assessments = AssessmentTableModel(office.assessments.list(CODE))
    qtmodeltester.check(assessments)
    office.certificates.issue(CODE)
    number = office.certificates.candidates(CODE)[0].certificate_number
    office.certificates.void(number, "重复发放")
    issues = CertificateIssueModel(issue_rows(office.certificates.candidates(CODE), office.certificates.list(CODE)))
    assert issues.rowCount() == 6  # five trainees and the voided certificate
    qtmodeltester.check(issues)


def test_the_page_offers_the_class_and_shows_its_results(page):
    assert page.current_code() == CODE
    model = page.results.model
    first = model.index(0, AssessmentTableModel.THEORY)
    assert model.data(first) == "85"
    assert model.data(model.index(0, AssessmentTableModel.RESULT)) == "合格"
    assert model.data(model.index(4, AssessmentTableModel.RESULT)) == "不合格"
    assert "5" in page.results.summary.text() and "4" in page.results.summary.text()


@pytest.fixture
def after_the_class():
    """Results are typed once the class's sessions are over (its fixture's dates are fixed)."""
    with time_machine.travel(datetime(2027, 1, 4, 15, 0, tzinfo=CHINA_TZ), tick=True):
        yield


def test_editing_a_score_in_the_grid_saves_it_at_once(after_the_class, qtbot, page, office):
    view, model = page.results.view, page.results.model
    index = model.index(1, AssessmentTableModel.THEORY)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.text() == "85"
    editor.setText("92.5")
    with qtbot.waitSignal(page.results.saved, timeout=WAIT) as saved:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert saved.args[0].theory_score == 925
    stored = office.assessments.list(CODE)[1]
    assert stored.theory_score == 925 and stored.practical_score == 900 and stored.result == "pass"
    assert model.data(index) == "92.5"

    # The result drop-down and the retake box save as well ("fail" against 92.5 and 90 only with a
    # written reason: see test_results_entry.py).
    with qtbot.waitSignal(page.results.saved, timeout=WAIT):
        assert model.setData(model.index(1, AssessmentTableModel.RESULT), "fail")
        qtbot.waitUntil(lambda: page.results.override_dialog is not None, timeout=WAIT)
        page.results.override_dialog.reason_edit.setText("考评机构更正成绩单")
        page.results.override_dialog.ok_button.click()
    with qtbot.waitSignal(page.results.saved, timeout=WAIT):
        assert model.setData(model.index(1, AssessmentTableModel.RETAKE), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    stored = office.assessments.list(CODE)[1]
    assert stored.result == "fail" and stored.retake and stored.theory_score == 925


def test_a_score_out_of_range_is_refused_inline_and_not_saved(qtbot, page, office):
    model = page.results.model
    index = model.index(0, AssessmentTableModel.PRACTICAL)
    assert not model.setData(index, "105")
    assert page.results.error_label.isVisible()
    assert "超过 100 分" in page.results.error_label.text() and "实操成绩" in page.results.error_label.text()
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "超过 100 分" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert not model.setData(index, "85.55")
    assert "一位" in page.results.error_label.text()
    assert page.operations.tasks.pending == 0
    assert office.assessments.list(CODE)[0].practical_score == 900
    # Correcting the cell clears the mark and saves.
    with qtbot.waitSignal(page.results.saved, timeout=WAIT):
        assert model.setData(index, "99")
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None and not page.results.error_label.isVisible()
    assert office.assessments.list(CODE)[0].practical_score == 990


def test_a_sealed_class_is_shown_read_only(qtbot, page, office):
    with office.db.writing() as session:
        session.execute(update(TrainingClass).where(TrainingClass.code == CODE).values(status="sealed"))
    with qtbot.waitSignal(page.results.loaded, timeout=WAIT):
        page.mark_stale()
    model = page.results.model
    index = model.index(0, AssessmentTableModel.THEORY)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "60")
    assert page.read_only_banner.isVisible() and "已封存" in page.read_only_banner.text()
    assert not page.results.import_button.isEnabled()
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)
    assert office.assessments.list(CODE)[0].theory_score == 850


def test_importing_results_shows_what_was_recorded_and_the_problems(qtbot, page, office, completed, tmp_path,  # noqa: F811
                                                                    monkeypatch):
    _detail, persons = completed
    path = tmp_path / "成绩.csv"
    path.write_text("姓名,身份证号码,理论成绩,实操成绩,考核结果\n"
                    f"{persons[4].name},{persons[4].id_number},75,80,合格\n"
                    f"{persons[0].name},{persons[0].id_number},120,80,合格\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), "")))
    with qtbot.waitSignal(page.results.loaded, timeout=WAIT):
        page.results.import_button.click()
    dialog = page.reports.dialog
    assert dialog is not None and "1" in dialog.summary.text()
    assert any("120" in line for line in dialog.messages())
    assert office.assessments.list(CODE)[4].result == "pass"
    assert page.results.model.data(page.results.model.index(4, AssessmentTableModel.RESULT)) == "合格"


def test_issuing_from_the_page_fills_in_the_numbers(qtbot, page, office):
    assert page.issuing.issue_button.isEnabled()
    report = issue_all(qtbot, page)
    assert len(report.issued) == 4 and len(report.not_eligible) == 1
    numbers = [page.issuing.model.data(page.issuing.model.index(row, CertificateIssueModel.NUMBER)) for row in range(5)]
    assert numbers[:4] == report.issued and numbers[4] == ""
    assert page.issuing.model.data(page.issuing.model.index(0, CertificateIssueModel.STATUS)) == "已发证"
    assert page.issuing.model.data(page.issuing.model.index(4, CertificateIssueModel.ELIGIBLE)).startswith("✗")
    assert not page.issuing.issue_button.isEnabled()  # nobody else can receive one
    assert "4" in page.reports.dialog.summary.text()
    assert [c.certificate_number for c in office.certificates.candidates(CODE)][:4] == report.issued


def test_void_needs_a_reason_and_then_shows_the_certificate_as_void(qtbot, page, office):
    number = issue_all(qtbot, page).issued[0]
    select_number(qtbot, page, number)
    assert page.issuing.void_button.isEnabled()
    page.issuing.void_button.click()
    dialog = page.issuing.void_reissue.reason_dialog
    assert isinstance(dialog, CertificateReasonDialog) and number in dialog.explanation.text()
    assert not dialog.ok_button.isEnabled()
    dialog.submit()  # Enter with nothing written
    assert dialog.error_label.isVisible() and dialog.isVisible() and page.operations.tasks.pending == 0
    dialog.reason_combo.setEditText("   ")
    assert not dialog.ok_button.isEnabled()
    assert office.certificates.list(CODE)[0].status == "issued"
    dialog.reason_combo.setEditText("重复发放")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.issuing.loaded, timeout=WAIT):
        dialog.ok_button.click()
    view = next(v for v in office.certificates.list(CODE) if v.number == number)
    assert view.status == "void" and view.void_reason == "重复发放"
    position = page.issuing.model.row_of(number)
    assert page.issuing.model.data(page.issuing.model.index(position, CertificateIssueModel.STATUS)) == "已作废"
    assert "重复发放" in page.issuing.model.data(page.issuing.model.index(position, CertificateIssueModel.STATUS),
                                            Qt.ItemDataRole.ToolTipRole)
    assert not page.issuing.void_button.isEnabled()  # a void certificate cannot be voided again
    assert page.issuing.issue_button.isEnabled()  # the trainee may now receive a new one


def test_reissue_gives_a_new_number_and_selects_it(qtbot, page, office):
    number = issue_all(qtbot, page).issued[1]
    select_number(qtbot, page, number)
    page.issuing.reissue_button.click()
    dialog = page.issuing.void_reissue.reason_dialog
    dialog.reason_combo.setEditText("证书遗失")
    with qtbot.waitSignal(page.issuing.preview.loaded, timeout=WAIT) as shown:
        dialog.ok_button.click()
    new_number = shown.args[0]
    assert new_number != number and page.issuing.selected_row().number == new_number
    assert new_number in page.notice.text() and number in page.notice.text()
    statuses = {v.number: v.status for v in office.certificates.list(CODE)}
    assert statuses[number] == "void" and statuses[new_number] == "issued"


def test_the_preview_shows_the_real_pdf_of_an_issued_certificate(qtbot, page, office):
    number = issue_all(qtbot, page).issued[2]
    select_number(qtbot, page, number)
    assert page.issuing.preview.pdf.showing_pdf()
    assert page.issuing.preview.pdf.document.pageCount() == 1
    assert number in page.issuing.preview.title.text()
    assert page.issuing.preview.note.isHidden()  # the reprint matches the hash stored at issue
    # A trainee without a certificate: a sentence saying why, not a page.
    page.issuing.view.selectRow(4)
    qtbot.waitUntil(lambda: not page.issuing.preview.pdf.showing_pdf(), timeout=WAIT)
    assert "不合格" in page.issuing.preview.pdf.message_text()


def test_without_qtpdf_the_preview_explains_itself(qtbot, monkeypatch, office):
    monkeypatch.setattr(pdf_preview, "QPdfDocument", None)
    monkeypatch.setattr(pdf_preview, "QPdfView", None)
    preview = CertificatePreview(office, Operations(TaskRunner()))
    qtbot.addWidget(preview)
    assert not preview.available
    assert not preview.pdf.show_pdf(b"%PDF-1.4")
    assert "PySide6-Addons" in preview.pdf.message_text()


def test_printing_sends_every_page_to_the_printer_in_the_background(qtbot, page, tmp_path):
    issue_all(qtbot, page)
    render = page.office.certificates.pdf(CODE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)  # a PDF "printer" defaults to 1200 dpi: slow to compress, no better a test
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    pdf_preview.prepare_printer(printer, load_pdf(render.pdf)[0].pagePointSize(0), "test")
    with qtbot.waitSignal(page.issuing.batch.finished, timeout=60_000) as finished:
        page.issuing.printing.start_printing(render.pdf, printer, range(render.pages))
        assert not page.issuing.print_button.isEnabled()  # one batch at a time
    outcome = finished.args[0]
    assert outcome.started and outcome.printed == 4 and not outcome.cancelled
    document, _buffer = load_pdf(target.read_bytes())
    assert document.pageCount() == 4
    size = document.pagePointSize(0)
    assert size.width() > size.height()  # A4 landscape, as the certificate
    assert "4" in page.notice.text()


def test_printing_can_be_cancelled_between_pages(qtbot, page, tmp_path):
    issue_all(qtbot, page)
    render = page.office.certificates.pdf(CODE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    printer.setResolution(150)
    with qtbot.waitSignal(page.issuing.batch.finished, timeout=60_000) as finished:
        page.issuing.printing.start_printing(render.pdf, printer, range(render.pages))
        page.issuing.batch.progress_dialog.findChild(QPushButton).click()  # its Cancel button
    assert finished.args[0].cancelled and finished.args[0].printed < 4
    assert page.issuing.print_button.isEnabled()


def test_the_print_button_prepares_the_class_and_opens_the_print_dialog(qtbot, page):
    number = issue_all(qtbot, page).issued[1]
    select_number(qtbot, page, number)
    page.issuing.print_button.click()
    qtbot.waitUntil(lambda: page.issuing.printing.print_dialog is not None, timeout=WAIT)
    dialog = page.issuing.printing.print_dialog
    assert dialog.minPage() == 1 and dialog.maxPage() == 4
    assert page.issuing.printing.selected_page() == 1
    # The selected certificate is that page of the class PDF.
    document, _buffer = load_pdf(page.office.certificates.pdf(CODE).pdf)
    assert number in document.getAllText(1).text()
    dialog.reject()


def test_export_writes_the_class_pdf_with_the_saved_offset(qtbot, page, tmp_path, monkeypatch):
    issue_all(qtbot, page)
    target = tmp_path / "证书"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    page.set_offset((1.5, -2.0))
    with qtbot.waitSignal(page.issuing.batch.finished, timeout=60_000) as finished:
        page.issuing.export_button.click()
    written = finished.args[0]
    assert written == target.with_name("证书.pdf") and written.exists()
    assert written.read_bytes() == page.office.certificates.pdf(CODE, offset_mm=(1.5, -2.0)).pdf
    assert "1.5" in page.notice.text()


def test_the_verify_dialog_says_valid_for_a_real_qr_and_invalid_for_a_tampered_one(qtbot, page, office):
    number = issue_all(qtbot, page).issued[0]
    payload = next(v.content["qr_payload"] for v in office.certificates.list(CODE) if v.number == number)
    page.verify_button.click()
    dialog = page.verifications.dialog
    assert isinstance(dialog, VerifyCertificateDialog) and not dialog.verify_button.isEnabled()
    dialog.text_edit.setPlainText(payload)
    with qtbot.waitSignal(dialog.verified, timeout=WAIT):
        dialog.verify_button.click()
    assert dialog.valid() is True and number in dialog.result_label.text() and "有效" in dialog.result_label.text()
    assert dialog.result_label.property("tone") == Tone.SCAN_OK  # green
    dialog.text_edit.setPlainText(payload.replace("|4|", "|3|", 1))
    assert dialog.result_label.isHidden()  # the old answer was about other text
    with qtbot.waitSignal(dialog.verified, timeout=WAIT):
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)  # the scanner's Enter verifies
    assert dialog.valid() is False and "签名不符" in dialog.result_label.text()
    assert dialog.result_label.property("tone") == Tone.SCAN_BAD  # red
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_in_the_smallest_window_the_issue_table_shows_every_column_beside_the_preview(qtbot, qapp, page, language):
    install_translators(qapp, language)
    page.resize(920, 720)  # a 1100 × 720 window less its navigation
    page.tabs.setCurrentWidget(page.issuing)
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    view, preview = page.issuing.view, page.issuing.preview
    qtbot.waitUntil(lambda: view.horizontalHeader().length() <= view.viewport().width(), timeout=WAIT)
    assert preview.width() >= 260 and preview.width() < view.width()
    header = view.horizontalHeader()
    for column in range(header.count()):  # a heading cut short still reads in full as its tooltip
        assert page.issuing.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_the_screen_prints_and_exports_with_the_offset_it_was_given(qtbot, qapp, office, settings, completed):  # noqa: F811
    """The window saves the offset chosen on the settings page and hands it on (`set_offset`); a
    screen built later reads it back from settings.json (tests/gui/test_printer_offset.py: the window)."""
    Preferences.update(settings.settings_file, certificate_offset_mm=(2.5, -1.0))
    stored = json.loads(settings.settings_file.read_text(encoding="utf-8"))
    assert stored["certificate_offset_mm"] == [2.5, -1.0]
    assert stored_certificate_offset(settings) == (2.5, -1.0)
    page = build_page(qtbot, qapp, office, offset_mm=stored_certificate_offset(settings))
    try:
        assert page.offset_mm == (2.5, -1.0)
        page.set_offset((1, -0.5))
        assert page.offset_mm == (1.0, -0.5)
    finally:
        close_page(qtbot, qapp, page)


def test_an_unusable_stored_offset_falls_back_to_none(settings):
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    for value in ("left", [1], [30, 0], ["nan", 0], None):
        settings.settings_file.write_text(json.dumps({"certificate_offset_mm": value}), encoding="utf-8")
        assert stored_certificate_offset(settings) == (0.0, 0.0)


# --- reloading: changes made elsewhere, answers that come late ------------------------------------


def count_class_reads(monkeypatch, office) -> list[int]:
    reads: list[int] = []
    real = office.classes.list

    def counted():
        reads.append(1)
        return real()

    monkeypatch.setattr(office.classes, "list", counted)
    return reads


def test_the_screen_reloads_when_an_operation_elsewhere_changes_attendance_or_classes(qtbot, page, monkeypatch):
    operations = page.operations
    operations.did_execute.connect(page.on_operation_did_execute)  # as the window connects every screen
    reads = count_class_reads(monkeypatch, page.office)
    for area in (Area.ATTENDANCE, Area.CLASSES):
        with qtbot.waitSignal(page.issuing.loaded, timeout=WAIT), qtbot.waitSignal(page.results.loaded, timeout=WAIT):
            operations.run(None, lambda area=area: report_changes(area))
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    assert len(reads) == 2
    assert page.current_code() == CODE and page.results.model.rowCount() == 5


def test_the_screen_does_not_reload_for_the_audit_log_or_for_its_own_changes(qtbot, page, monkeypatch):
    operations = page.operations
    operations.did_execute.connect(page.on_operation_did_execute)
    reads = count_class_reads(monkeypatch, page.office)
    loaded: list[str] = []
    page.results.loaded.connect(loaded.append)
    with qtbot.waitSignal(operations.did_execute, timeout=WAIT):
        operations.run(None, lambda: report_changes(Area.AUDIT))
    # A score saved on the results tab changes assessments, which the screen shows: the tab already
    # shows it, so the screen does not read everything again.
    with qtbot.waitSignal(operations.did_execute, timeout=WAIT):
        operations.run(page.results, lambda: report_changes(Area.ASSESSMENTS))
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    assert reads == [] and loaded == []


def test_a_hidden_screen_reloads_when_it_is_next_shown(qtbot, page, monkeypatch):
    operations = page.operations
    operations.did_execute.connect(page.on_operation_did_execute)
    reads = count_class_reads(monkeypatch, page.office)
    page.hide()
    with qtbot.waitSignal(operations.did_execute, timeout=WAIT):
        operations.run(None, lambda: report_changes(Area.CERTIFICATES))
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    assert reads == []
    with qtbot.waitSignal(page.classes_loaded, timeout=WAIT):
        page.show()
    assert len(reads) == 1


def test_a_late_answer_for_a_class_chosen_before_is_dropped(qtbot, qapp, demo_office, code, monkeypatch):
    page = build_page(qtbot, qapp, demo_office)
    try:
        qtbot.waitUntil(lambda: page.results.model.rowCount() > 0 and idle(page), timeout=WAIT)
        assert page.current_code() == code("YL01")  # the completed class comes first
        first, second = code("JZ01"), code("AI01")
        release = threading.Event()
        real = demo_office.assessments.list

        def slow_for_the_first(class_code):  # worker thread
            rows = real(class_code)
            if class_code == first:
                release.wait(WAIT / 1000)
            return rows

        monkeypatch.setattr(demo_office.assessments, "list", slow_for_the_first)
        loaded: list[str] = []
        page.results.loaded.connect(loaded.append)
        assert page.select_class(first)
        with qtbot.waitSignal(page.results.loaded, timeout=WAIT, check_params_cb=lambda shown: shown == second):
            assert page.select_class(second)
        expected = [row.name for row in real(second)]
        release.set()  # the first class's answer comes now, after the second's
        qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
        assert loaded == [second]
        assert [page.results.model.row_at(n).name for n in range(page.results.model.rowCount())] == expected
        assert page.current_code() == second
    finally:
        release.set()
        close_page(qtbot, qapp, page)
