"""The result rule is the same through every door: the grid's record call, the workbook import and
`skilldesk assessment import`; `skilldesk assessment template` writes the roster into the template
that the import reads back."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import select, update

from desktop_app.cli import main
from desktop_app.domain.assessment import AssessmentValueError
from desktop_app.services.assessment import class_assessments, record_assessment
from desktop_app.store.models import AuditEntry, PolicyVersion
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)

CODE = "2026-JZ01"


def _results_sheet(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号码", "理论成绩", "实操成绩", "考核结果"])
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        cells[1].number_format = "@"
    workbook.save(path)
    return path


def test_the_grid_call_follows_the_policys_pass_marks_and_audits_an_override(office, running):  # noqa: F811
    with office.db.writing() as session:  # this institution's policy asks 70 in practice
        session.execute(update(PolicyVersion).where(PolicyVersion.is_active.is_(True)).values(practical_pass_mark=70))
    first = class_assessments(office.db, CODE)[0]
    saved = record_assessment(office.db, actor=office.actor, class_code=CODE, enrolment_id=first.enrolment_id,
                              theory=850, practical=650, result=None)
    assert saved.result == "fail"
    with pytest.raises(AssessmentValueError) as refused:
        record_assessment(office.db, actor=office.actor, class_code=CODE, enrolment_id=first.enrolment_id,
                          theory=850, practical=0, result="pass")
    assert "实操成绩 0 分低于合格线 70 分" in refused.value.message("zh")
    assert class_assessments(office.db, CODE)[0].practical_score == 650  # nothing changed
    saved = record_assessment(office.db, actor=office.actor, class_code=CODE, enrolment_id=first.enrolment_id,
                              theory=850, practical=0, result="pass", override_reason="补考合格")
    assert (saved.result, saved.override_reason) == ("pass", "补考合格")
    with office.db.reading() as session:
        details = session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "assessment.result_overridden")).one()
    assert details["reason"] == "补考合格" and details["before"]["practical"] == 650
    assert details["reason"] == "补考合格"
    # A changed score decides again, and the override lapses.
    saved = record_assessment(office.db, actor=office.actor, class_code=CODE, enrolment_id=first.enrolment_id,
                              theory=850, practical=800, result="pass", result_follows_scores=True)
    assert (saved.result, saved.override_reason) == ("pass", None)


def test_the_cli_template_and_import_apply_the_same_rule(office, running, tmp_path, capsys):  # noqa: F811
    _, persons = running
    template = tmp_path / "成绩.xlsx"
    assert main(["assessment", "template", "--class", CODE, str(template)]) == 0
    assert "5 名学员" in capsys.readouterr().out
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.active
    written = [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=3) if row[0].value]
    assert written == [(p.name, p.id_number) for p in persons]
    assert sheet.cell(row=3, column=2).number_format == "@"  # identity numbers stay text
    # Filled in as a clerk would: 合格 with 实操 0 contradicts the scores; an empty result is decided.
    for row, values in zip(range(3, 6), (("85", "90", None), ("85", "0", "合格"), ("85", "50", None))):
        for column, value in zip((3, 4, 5), values):
            sheet.cell(row=row, column=column, value=value)
    workbook.save(template)
    code = main(["assessment", "import", "--class", CODE, str(template)])
    out = capsys.readouterr().out
    assert code == 3  # done, one row refused
    assert "已导入 2 条" in out and "第 4 行" in out and "实操成绩 0 分低于合格线 60 分" in out
    rows = class_assessments(office.db, CODE)
    assert [(r.practical_score, r.result) for r in rows[:3]] == [(900, "pass"), (None, None), (500, "fail")]
    with office.db.reading() as session:
        details = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "personal_data.exported")).one()
    assert details == {"what": "assessment_template", "trainees": 5, "file": "成绩.xlsx"}
