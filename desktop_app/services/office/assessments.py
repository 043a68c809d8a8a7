"""`office.assessments`: theory and practical results, entered one by one or imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services import assessment as use_cases
from desktop_app.domain.assessment import PassMarks
from desktop_app.services.assessment import AssessmentImportReport, AssessmentRowView
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart


class Assessments(OfficePart):
    """A class's results: list them, record one trainee's, import a workbook of them."""

    def list(self, class_code: str) -> list[AssessmentRowView]:
        self._reading_personal_data()
        return use_cases.class_assessments(self._db, class_code)

    def pass_marks(self, class_code: str) -> PassMarks:
        """The pass marks of the class's policy, in tenths of a point."""
        return use_cases.pass_marks(self._db, class_code)

    @writes(Area.ASSESSMENTS)
    def record(self, class_code: str, enrolment_id: int, *, theory: int | None, practical: int | None,
               result: str | None, retake: bool = False, assessed_on: date | None = None,
               override_reason: str | None = None, result_follows_scores: bool = False) -> AssessmentRowView:
        """Enter or correct one trainee's results (scores in tenths of a point); a result against
        the scores needs `override_reason` (audited)."""
        return use_cases.record_assessment(self._db, actor=self._acting(), class_code=class_code,
                                           enrolment_id=enrolment_id, theory=theory, practical=practical,
                                           result=result, retake=retake, assessed_on=assessed_on,
                                           override_reason=override_reason,
                                           result_follows_scores=result_follows_scores)

    @writes(Area.ASSESSMENTS)
    def import_workbook(self, class_code: str, source: Path) -> AssessmentImportReport:
        """Results from a workbook, matched to the roster by identity number."""
        return use_cases.import_assessments(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                            source=source)

    @writes(Area.AUDIT)
    def write_template(self, class_code: str, path: Path) -> int:
        """The results template with the class's roster filled in (full identity numbers:
        an audited export). Returns the number of trainees written."""
        return use_cases.write_results_template(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                                path=path)
