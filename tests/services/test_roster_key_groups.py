"""A realistic roster: 人员类别 written as the plan and registrars write them are accepted, the
allowed names are listed once in the error workbook's instructions (not in every reason),
identity numbers are masked in every reason, and the progress follows the rows."""

from __future__ import annotations

import openpyxl

from desktop_app.services.roster import import_roster, preview_roster
from tests.services.conftest import TODAY, people, rows_for, write_roster

# How 17 of 43 rows of a real roster wrote their groups; each one was refused before.
AS_PEOPLE_WRITE_THEM = [
    "农村转移就业劳动者", "城乡未继续升学初高中毕业生", "两后生", "新生代农民工", "低保", "建档立卡", "退役军人",
    "农村转移就业劳动者(含新生代农民工)", "城乡未继续升学初高中毕业生【两后生】", "建档立卡低收入农户",
    "城乡低保对象", "下岗人员", "就业困难人员（含残疾人）", "两后生、低保", "贫困家庭子女", "特种作业人员",
    "高危行业领域从业人员",
]


def test_a_real_roster_with_the_plans_wording_is_enrolled(office, open_class, tmp_path):
    persons = people(43)
    rows = rows_for(persons, key_group="企业职工")
    for row, text in zip(rows, AS_PEOPLE_WRITE_THEM):
        row[4] = text
    report = import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01",
                           source=write_roster(tmp_path / "roster.xlsx", rows), today=TODAY)
    assert len(report.rejected) == 0 and report.enrolled == 43


def test_refused_rows_name_the_words_not_the_list_and_mask_identity_numbers(office, open_class, tmp_path):
    persons = people(4)
    rows = rows_for(persons)
    rows[0][4] = "学生"  # not a key group
    rows[1][4] = "毕业生"  # fits two
    wrong_check = persons[2].id_number[:-1] + ("1" if persons[2].id_number[-1] != "1" else "2")
    rows[2][2] = wrong_check
    report = preview_roster(office.db, office.cipher, class_code="2026-JZ01",
                            source=write_roster(tmp_path / "r.xlsx", rows), today=TODAY)
    reasons = {o.row_number: o.reasons_text("zh") for o in report.rejected}
    assert len(reasons) == 3
    unknown, ambiguous, bad_number = (reasons[n] for n in sorted(reasons))
    assert "“学生”" in unknown and "填写说明" in unknown and "企业职工" not in unknown
    assert "高校毕业生" in ambiguous and "城乡未继续升学初高中毕业生" in ambiguous and "企业职工" not in ambiguous
    assert wrong_check not in bad_number and wrong_check[:4] + "*" * 10 + wrong_check[-4:] in bad_number

    errors = tmp_path / "errors.xlsx"
    assert report.write_rejected_rows(errors) == 3
    book = openpyxl.load_workbook(errors)
    assert book.sheetnames[-1] == "填写说明"
    help_text = "\n".join(str(cell.value) for row in book["填写说明"].iter_rows() for cell in row if cell.value)
    assert "城乡未继续升学初高中毕业生（两后生）" in help_text and "两后生" in help_text and "建档立卡" in help_text
    reason_column = [row[-1].value for row in book.worksheets[0].iter_rows(min_row=3)]
    assert all("企业职工" not in reason for reason in reason_column)  # the list is not repeated per row


def test_the_progress_follows_the_rows_of_a_small_roster(office, open_class, tmp_path):
    path = write_roster(tmp_path / "roster.xlsx", rows_for(people(43), key_group="企业职工"))
    seen: list[tuple[int, int]] = []
    preview_roster(office.db, office.cipher, class_code="2026-JZ01", source=path, today=TODAY,
                   progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 86) and seen[-1] == (86, 86)
    assert len(seen) > 80  # row by row, not 0 % then 100 %
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    seen.clear()
    import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path, today=TODAY,
                  progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (129, 129) and {total for _, total in seen} == {129}
    assert max(done for done, _ in seen[:-1]) < 129  # full only once the rows are written
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
