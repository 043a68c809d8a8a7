"""What an issue run or a results import did, shown once it is done: new numbers, who could not
receive a certificate and why, and every row of a results file that could not be used."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.gui.widgets.report_dialog import ReportDialog
from desktop_app.services.assessment import AssessmentImportReport
from desktop_app.services.certificates import IssueReport


class IssueReportDialog(ReportDialog):
    """What an issue run did: new numbers, certificates already issued, who could not receive one and why."""

    def __init__(self, class_code: str, report: IssueReport, parent: QWidget | None = None) -> None:
        super().__init__("issueReportDialog", "issueSummary", parent)
        self.class_code = class_code
        self.report = report
        self.not_eligible_title, self.not_eligible = self.add_list("notEligibleList", [
            f"{c.roll_no}. {c.name}：{'；'.join(p.message() for p in c.reasons)}" for c in report.not_eligible])
        self.warnings_title, self.warnings = self.add_list("issueWarnings", [w.message() for w in report.warnings])
        self.finish(640, 320, 150)

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
        super().retranslate()


class AssessmentImportResultDialog(ReportDialog):
    """What an import of assessment results recorded, and every row it could not use."""

    def __init__(self, file_name: str, report: AssessmentImportReport, parent: QWidget | None = None) -> None:
        super().__init__("assessmentImportResult", "importSummary", parent)
        self.file_name = file_name
        self.report = report
        self.problems_title, self.problems = self.add_list("importProblems", [p.message() for p in report.problems])
        self.finish(680, 420, 160)

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
        super().retranslate()
