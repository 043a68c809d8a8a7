"""Two rows of a results workbook for one trainee that disagree: both refused, each naming the
other; the same result repeated is recorded once."""

from __future__ import annotations

import openpyxl

from desktop_app.services.assessment import class_assessments, import_assessments
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)


def results_workbook(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "公民身份号码", "理论成绩", "实操成绩", "考核结果"])
    for row in rows:
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=2).number_format = "@"
    workbook.save(path)
    return path


def test_disagreeing_rows_of_one_trainee_are_both_refused_naming_each_other(office, running, tmp_path):  # noqa: F811
    _, persons = running
    first, second = persons[0], persons[1]
    path = results_workbook(tmp_path / "results.xlsx", [
        [first.name, first.id_number, "85", "90", "合格"],
        [second.name, second.id_number, "70", "75", "合格"],
        [first.name, first.id_number, "40", "50", "不合格"],
        [second.name, second.id_number, "70", "75", "合格"],  # the same again: no conflict
    ])
    report = import_assessments(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path)
    assert report.recorded == 1
    texts = [p.message() for p in report.problems]
    assert len(texts) == 2
    assert texts[0].startswith("第 2 行") and "第 4 行" in texts[0] and first.name in texts[0]
    assert texts[1].startswith("第 4 行") and "第 2 行" in texts[1] and "都没有导入" in texts[1]
    recorded = {row.name: row for row in class_assessments(office.db, "2026-JZ01") if row.result}
    assert first.name not in recorded
    assert (recorded[second.name].theory_score, recorded[second.name].result) == (700, "pass")
