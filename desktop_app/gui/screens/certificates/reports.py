"""What an issue run or a results import did, shown once it is done: new numbers, who could not
receive a certificate and why, and every row of a results file that could not be used."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.services.assessment import AssessmentImportReport
from desktop_app.services.certificates import IssueReport


def _list(object_name: str, lines: list[str]) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(object_name)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    for line in lines:
        widget.addItem(QListWidgetItem(line))
    widget.setVisible(bool(lines))
    return widget


class IssueReportDialog(QDialog):
    """What an issue run did: new numbers, certificates already issued, who could not receive one and why."""

    def __init__(self, class_code: str, report: IssueReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueReportDialog")
        self.class_code = class_code
        self.report = report
        self.summary = QLabel()
        self.summary.setObjectName("issueSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.not_eligible_title = QLabel()
        self.not_eligible = _list("notEligibleList", [
            f"{c.roll_no}. {c.name}：{'；'.join(p.message() for p in c.reasons)}" for c in report.not_eligible])
        self.warnings_title = QLabel()
        self.warnings = _list("issueWarnings", [w.message() for w in report.warnings])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        for title, items in ((self.not_eligible_title, self.not_eligible), (self.warnings_title, self.warnings)):
            title.setVisible(items.count() > 0)
            layout.addWidget(title)
            layout.addWidget(items, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 320 if report.not_eligible or report.warnings else 150)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        r = self.report
        self.setWindowTitle(self.tr("Certificates issued for {code}").format(code=self.class_code))
        if r.issued:
            numbers = r.issued[0] if len(r.issued) == 1 else f"{r.issued[0]} – {r.issued[-1]}"
            text = self.tr("{count} certificates were issued ({numbers}).").format(count=len(r.issued), numbers=numbers)
        else:
            text = self.tr("No new certificate was issued.")
        if r.already:
            text += " " + self.tr("{count} trainees already had one.").format(count=len(r.already))
        if r.not_eligible:
            text += " " + self.tr("{count} trainees cannot receive one yet (listed below).").format(
                count=len(r.not_eligible))
        self.summary.setText(text)
        self.not_eligible_title.setText(self.tr("Cannot receive a certificate yet"))
        self.warnings_title.setText(self.tr("Check these certificates before printing"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))


class AssessmentImportResultDialog(QDialog):
    """What an import of assessment results recorded, and every row it could not use."""

    def __init__(self, file_name: str, report: AssessmentImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentImportResult")
        self.file_name = file_name
        self.report = report
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_title = QLabel()
        self.problems = _list("importProblems", [p.message() for p in report.problems])
        self.problems_title.setVisible(bool(report.problems))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 420 if report.problems else 160)
        self.retranslate()

    def messages(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        r = self.report
        self.setWindowTitle(self.tr("Results import: {file}").format(file=self.file_name))
        text = self.tr("{rows} rows read; results of {recorded} trainees were recorded.").format(
            rows=r.rows, recorded=r.recorded)
        if r.problems:
            text += " " + self.tr("The rows listed below could not be used; fix them in the file and import it "
                                  "again, or type those results into the grid.")
        self.summary.setText(text)
        self.problems_title.setText(self.tr("Not used"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
