"""Importing a roster: every row validated, acceptable rows enrolled in one transaction, the
rest reported with reasons; bad files refused with nothing changed."""

from __future__ import annotations

import sqlite3
import zipfile

import pytest
from sqlalchemy import func, select

from desktop_app.documents.roster_workbook import RosterFileError, read_roster
from desktop_app.services.roster import export_roster, import_roster, preview_roster
from desktop_app.store.models import AuditEntry, Enrolment, Trainee
from tests.services.conftest import TODAY, make_class, people, rows_for, write_roster


def counts(office) -> tuple[int, int, int]:
    with office.db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Trainee, Enrolment, AuditEntry))


def run_import(office, path, code="2026-JZ01"):
    return import_roster(office.db, office.cipher, actor=office.actor, class_code=code, source=path, today=TODAY)


def test_valid_rows_are_enrolled_with_subsidy_and_audited(office, open_class, tmp_path):
    persons = people(12)
    path = write_roster(tmp_path / "roster.xlsx", rows_for(persons, key_group="企业职工"))
    report = run_import(office, path)
    assert (report.count("enrolled"), len(report.rejected)) == (12, 0)
    with office.db.reading() as session:
        statuses = session.scalars(select(Enrolment.subsidy_status)).all()
        actions = session.scalars(select(AuditEntry.action)).all()
    assert statuses == ["eligible"] * 12
    assert actions.count("enrolment.created") == 12 and "roster.imported" in actions


def test_reimporting_the_same_file_enrols_nobody_twice(office, open_class, tmp_path):
    path = write_roster(tmp_path / "roster.xlsx", rows_for(people(5)))
    run_import(office, path)
    before = counts(office)[:2]
    report = run_import(office, path)
    assert report.count("already_enrolled") == 5 and report.enrolled == 0
    assert counts(office)[:2] == before


def test_bad_rows_are_rejected_with_reasons_and_good_ones_still_enrolled(office, open_class, tmp_path):
    good = people(3)
    wrong_check = good[0].id_number[:-1] + ("1" if good[0].id_number[-1] != "1" else "2")
    rows = rows_for(good) + [
        [4, "校验错", wrong_check, None, None],
        [5, "日期错", "32010219900230001X", None, None],
        [6, "数字号", 3.2010219900307e17, None, None],
        [7, "  全角　空格  ", "３２０１０２１９９００３０７００１７", None, None],
        [8, "公式人", '="3201"&"02199003070038"', None, None],
    ]
    report = run_import(office, write_roster(tmp_path / "r.xlsx", rows))
    by_row = {o.row_number: o for o in report.outcomes}
    assert report.count("enrolled") == 4  # the three good rows and the full-width one
    assert by_row[6].rejected and "校验" in by_row[6].reasons_text()
    assert by_row[7].rejected and "19900230" in by_row[7].reasons_text()
    assert by_row[8].rejected and "C8" in by_row[8].reasons_text() and "文本" in by_row[8].reasons_text()
    assert by_row[10].rejected and "公式" in by_row[10].reasons_text()
    # Full-width digits and stray spaces are normalised, not rejected: 320102199003070017 is valid.
    assert by_row[9].status == "enrolled", by_row[9].reasons_text()
    assert by_row[9].name == "全角 空格" or by_row[9].name.replace(" ", "") == "全角空格"


def test_the_15_and_18_digit_forms_of_one_person_in_one_file_are_one_person(office, open_class, tmp_path):
    rows = [[1, "周师傅", "320102700307001", None, None], [2, "周师傅", "320102197003070018", None, None]]
    report = run_import(office, write_roster(tmp_path / "r.xlsx", rows))
    first, second = report.outcomes
    assert first.status == "enrolled"
    assert second.rejected and "第 3 行" in second.reasons_text() and "15 位" in second.reasons_text()


def test_duplicate_rows_are_reported_once_enrolled_once(office, open_class, tmp_path):
    person = people(1)[0]
    rows = [[1, person.name, person.id_number, None, None], [2, person.name, person.id_number, None, None]]
    report = run_import(office, write_roster(tmp_path / "r.xlsx", rows))
    assert [o.status for o in report.outcomes] == ["enrolled", "rejected"]


def test_a_full_class_rejects_the_rows_beyond_its_capacity(office, tmp_path):
    make_class(office, "2026-SMALL", capacity=3)
    report = run_import(office, write_roster(tmp_path / "r.xlsx", rows_for(people(5))), code="2026-SMALL")
    assert report.enrolled == 3
    assert [o.status for o in report.rejected] == ["rejected", "rejected"]
    assert all("已满" in o.reasons_text() or "满" in o.reasons_text() for o in report.rejected)


def test_a_trainee_subsidised_three_times_this_year_is_enrolled_without_subsidy(office, tmp_path):
    person = people(1)[0]
    file = write_roster(tmp_path / "one.xlsx", rows_for([person]))
    # Three earlier classes in 2026 (different occupations so only the yearly cap applies).
    for code, occupation, start in (("A1", "4-10-01-05", "2026-02-02"), ("A2", "4-03-02-01", "2026-04-06"),
                                     ("A3", "4-10-03-02", "2026-06-01")):
        from datetime import date, timedelta

        day = date.fromisoformat(start)
        make_class(office, code, occupation=occupation, level=5, start=day, end=day + timedelta(days=20), lessons=40)
        assert run_import(office, file, code=code).count("enrolled") == 1
    make_class(office, "2026-JZ01")
    report = run_import(office, file)
    outcome = report.outcomes[0]
    assert outcome.status == "enrolled_without_subsidy"
    text = "；".join(w.message() for w in outcome.warnings)
    assert "3" in text and "A1" in text and "A3" in text
    with office.db.reading() as session:
        assert session.scalars(select(Enrolment.subsidy_status).order_by(Enrolment.id.desc())).first() == "not_eligible"


def test_the_same_occupation_and_level_twice_is_not_subsidised_again(office, tmp_path):
    from datetime import date

    person = people(1)[0]
    file = write_roster(tmp_path / "one.xlsx", rows_for([person]))
    make_class(office, "2025-JZ01", start=date(2025, 3, 3), end=date(2025, 4, 3))
    assert run_import(office, file, code="2025-JZ01").count("enrolled") == 1
    make_class(office, "2026-JZ01")
    outcome = run_import(office, file).outcomes[0]
    assert outcome.status == "enrolled_without_subsidy"
    assert "2025-JZ01" in "；".join(w.message() for w in outcome.warnings)


def test_a_known_identity_number_under_another_name_is_rejected(office, open_class, tmp_path):
    person = people(1)[0]
    run_import(office, write_roster(tmp_path / "a.xlsx", rows_for([person])))
    make_class(office, "2026-JZ02")
    rows = [[1, "别人名", person.id_number, None, None]]
    outcome = run_import(office, write_roster(tmp_path / "b.xlsx", rows), code="2026-JZ02").outcomes[0]
    assert outcome.rejected and person.name in outcome.reasons_text()


@pytest.mark.parametrize("maker", ["csv_renamed", "empty_sheet", "no_header", "random_bytes"])
def test_files_that_are_not_rosters_are_refused_and_change_nothing(office, open_class, tmp_path, maker):
    path = tmp_path / "bad.xlsx"
    if maker == "csv_renamed":
        path.write_text("姓名,身份证号码\n张三,320102199003070038\n", encoding="utf-8")
    elif maker == "empty_sheet":
        import openpyxl

        openpyxl.Workbook().save(path)
    elif maker == "no_header":
        write_roster(path, [[1, 2, 3]], headers=("a", "b", "c"))
    else:
        path.write_bytes(bytes(range(256)) * 8)
    before = counts(office)
    with pytest.raises(RosterFileError) as refused:
        run_import(office, path)
    assert refused.value.message("zh") and "Traceback" not in refused.value.message("zh")
    assert counts(office) == before


def test_preview_decides_everything_and_writes_nothing(office, open_class, tmp_path):
    path = write_roster(tmp_path / "r.xlsx", rows_for(people(4)) + [[5, "坏", "123", None, None]])
    before = counts(office)
    report = preview_roster(office.db, office.cipher, class_code="2026-JZ01", source=path, today=TODAY)
    assert (report.count("enrolled"), len(report.rejected), report.applied) == (4, 1, False)
    assert counts(office) == before


def test_cancelling_an_import_changes_nothing(office, open_class, tmp_path):
    from desktop_app.services.roster import RosterImportCancelled

    path = write_roster(tmp_path / "r.xlsx", rows_for(people(300)))
    before = counts(office)
    with pytest.raises(RosterImportCancelled):
        import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path, today=TODAY,
                      cancelled=lambda: True)
    assert counts(office) == before


def test_rejected_rows_workbook_can_be_fixed_and_reimported(office, open_class, tmp_path):
    good = people(2)
    rows = rows_for(good) + [[3, "号码错", "320102199003070011", None, None]]
    report = run_import(office, write_roster(tmp_path / "r.xlsx", rows))
    errors = tmp_path / "errors.xlsx"
    assert report.write_rejected_rows(errors) == 1
    sheet = read_roster(errors)
    assert [r.values["name"] for r in sheet.rows] == ["号码错"]
    assert "错误原因" in sheet.headers and "错误原因" in sheet.ignored_headers
    import openpyxl

    workbook = openpyxl.load_workbook(errors)
    ws = workbook.active
    fix_row = next(row for row in ws.iter_rows() if row[1].value == "号码错")
    fix_row[2].value = "320102199003070033"
    workbook.save(errors)
    assert run_import(office, errors).count("enrolled") == 1


def test_identity_numbers_never_reach_the_database_file_in_clear(office, open_class, tmp_path, settings):
    persons = people(20)
    run_import(office, write_roster(tmp_path / "r.xlsx", rows_for(persons)))
    office.db.dispose()
    with sqlite3.connect(settings.sqlite_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = settings.sqlite_path.read_bytes()
    wal = settings.sqlite_path.with_name(settings.sqlite_path.name + "-wal")
    if wal.exists():
        blob += wal.read_bytes()
    for person in persons:
        assert person.id_number.encode() not in blob
        assert person.phone.encode() not in blob
    assert persons[0].name.encode("utf-8") in blob  # the search did read real rows


def test_export_writes_the_full_roster_and_is_audited_as_personal_data(office, open_class, tmp_path):
    persons = people(3)
    run_import(office, write_roster(tmp_path / "r.xlsx", rows_for(persons, key_group="企业职工")))
    out = tmp_path / "export.xlsx"
    assert export_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", path=out) == 3
    sheet = read_roster(out)
    assert [r.values["id_number"] for r in sheet.rows] == [p.id_number for p in persons]
    assert sheet.rows[0].values["key_groups"] == "企业职工"
    with office.db.reading() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "personal_data.exported")) is not None
    # The export is a valid roster: importing it into a later class enrols the same people.
    from datetime import date

    make_class(office, "2027-JZ02", level=3, start=date(2027, 3, 1), end=date(2027, 3, 31))
    assert run_import(office, out, code="2027-JZ02").count("enrolled") == 3


def test_a_workbook_that_is_a_zip_of_something_else_is_refused(office, open_class, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a workbook")
    with pytest.raises(RosterFileError):
        run_import(office, path)


@pytest.mark.slow
def test_a_50000_row_file_is_imported_up_to_capacity_with_the_rest_reported(office, tmp_path):
    make_class(office, "2026-BIG", capacity=1000)
    path = write_roster(tmp_path / "big.xlsx", rows_for(people(50_000, start=2_000_000)))
    report = run_import(office, path, code="2026-BIG")
    assert report.enrolled == 1000 and len(report.rejected) == 49_000
    assert counts(office)[1] == 1000
