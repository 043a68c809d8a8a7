"""The certificates screen's tables read results and certificate states through the domain's words,
the same in Chinese and English as the screen always showed them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.assessment import AssessmentResult
from desktop_app.domain.certificates import CertificateStatus
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.screens.certificates.models import AssessmentTableModel, CertificateIssueModel, IssueRow
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.services.assessment import AssessmentRowView

pytestmark = pytest.mark.usefixtures("chinese")

WORDS = {
    "zh": {"pass": "合格", "fail": "不合格", None: "—", "issued": "已发证", "void": "已作废", "none": "未发证"},
    "en": {"pass": "Pass", "fail": "Fail", None: "—", "issued": "Issued", "void": "Void", "none": "Not issued"},
}


def _result(enrolment_id: int, result: AssessmentResult | None) -> AssessmentRowView:
    return AssessmentRowView(enrolment_id=enrolment_id, roll_no=enrolment_id, name=f"学员{enrolment_id}",
                             id_masked="3201**********0011", theory_score=800, practical_score=750, result=result,
                             retake=False)


def _issue(number: str | None, status: CertificateStatus | None) -> IssueRow:
    return IssueRow(enrolment_id=1, roll_no=1, name="王芳", id_masked="3201**********0011", eligible=True, reasons=(),
                    number=number, status=status)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_results_and_certificate_states_read_in_the_interface_language(qapp, language):
    install_translators(qapp, language)
    words = WORDS[language]
    results = AssessmentTableModel([_result(1, AssessmentResult.PASS), _result(2, AssessmentResult.FAIL),
                                    _result(3, None)])
    shown = [results.data(results.index(row, AssessmentTableModel.RESULT)) for row in range(3)]
    assert shown == [words["pass"], words["fail"], words[None]]
    issues = CertificateIssueModel([_issue("C1", CertificateStatus.ISSUED), _issue("C2", CertificateStatus.VOID),
                                    _issue(None, None)])
    shown = [issues.data(issues.index(row, CertificateIssueModel.STATUS)) for row in range(3)]
    assert shown == [words["issued"], words["void"], words["none"]]


def test_a_result_is_chosen_by_its_code_and_an_unknown_one_is_refused(qtbot):
    model = AssessmentTableModel([_result(1, None), _result(2, AssessmentResult.PASS)])
    cell = model.index(0, AssessmentTableModel.RESULT)
    with qtbot.waitSignal(model.edited) as edited:
        assert model.setData(cell, "fail")
    assert edited.args[0].result is AssessmentResult.FAIL
    assert model.data(cell, Qt.ItemDataRole.EditRole) == "fail"
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole) == qcolor(Colour.ERROR)
    assert not model.setData(cell, "excellent")
    assert model.setData(model.index(1, AssessmentTableModel.RESULT), "")  # back to no result
    assert model.counts() == (1, 0, 1)


def test_issued_and_voided_certificates_look_apart():
    model = CertificateIssueModel([_issue("C1", CertificateStatus.ISSUED), _issue("C2", CertificateStatus.VOID)])
    assert model.data(model.index(0, CertificateIssueModel.STATUS), Qt.ItemDataRole.ForegroundRole) == \
        qcolor(Colour.SUCCESS)
    assert model.data(model.index(1, CertificateIssueModel.STATUS), Qt.ItemDataRole.ForegroundRole) == \
        qcolor(Colour.TEXT_FAINT)
    assert model.data(model.index(1, CertificateIssueModel.NUMBER), Qt.ItemDataRole.FontRole).strikeOut()
    assert [row.number for row in model.issued()] == ["C1"]
