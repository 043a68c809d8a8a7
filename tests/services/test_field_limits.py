"""One set of field limits (length and characters) for 民族, 开户银行 and the class code, name and
location, checked before writing: the same refusal on SQLite and on PostgreSQL, never a value
stored on one and an aborted import (意外错误) on the other."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop_app.domain.field_limits import COLUMNS, LIMITS, LimitedField, text_problem
from desktop_app.services.classes import ClassError, update_class
from desktop_app.services.database import prepare_database
from desktop_app.services.office import Office
from desktop_app.services.roster import import_roster
from desktop_app.store.engine import Database
from desktop_app.store.models import Base, Enrolment, Trainee, TrainingClass
from desktop_app.store.protection import FileKeyStore
from tests.services.conftest import TODAY, make_class, people
from tests.store.conftest import database_url  # noqa: F401  (the fixture: SQLite and PostgreSQL)
from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.services.conftest import write_roster

HEADERS = ("序号", "姓名", "身份证号码", "手机号码", "民族", "开户银行")


@pytest.fixture
def backend_office(database_url, tmp_path):  # noqa: F811
    db = Database(database_url)
    office = Office.open(prepare_database(db, FileKeyStore(tmp_path / "keys")), key_dir=tmp_path / "keys")
    yield office
    office.close()


def test_every_limit_fits_the_column_it_is_stored_in():
    for field, (table, column) in COLUMNS.items():
        length = Base.metadata.tables[table].c[column].type.length
        assert length is not None and LIMITS[field].maximum <= length, (field, length)
    assert set(COLUMNS) == set(LimitedField)


def test_the_rules_name_the_field_the_value_and_the_limit():
    problem = text_problem(LimitedField.ETHNICITY, "族" * 21)
    assert problem.code == "field.too_long"
    assert problem.message() == f"民族“{'族' * 21}”有 21 个字，最多只能 20 个字，请改短后再试。"
    assert "Ethnicity" in problem.message("en")
    assert text_problem(LimitedField.BANK_NAME, "中国银行\x1b[2J").code == "field.not_text"
    assert "U+001B" in text_problem(LimitedField.BANK_NAME, "中国银行\x1b[2J").message()
    assert text_problem(LimitedField.CLASS_NAME, "家政\u202e班").code == "field.not_text"
    assert text_problem(LimitedField.CLASS_CODE, "2026 JZ/01").code == "field.code_characters"
    assert text_problem(LimitedField.CLASS_CODE, "2026-JZ_01.a") is None
    assert text_problem(LimitedField.ETHNICITY, "维吾尔族") is None


def test_a_21_character_ethnicity_and_a_control_character_in_the_bank_are_rejected_rows_on_both(
        backend_office, tmp_path):
    make_class(backend_office)
    good, long_ethnicity, escape_bank = people(3, start=880_000)
    rows = [[1, good.name, good.id_number, good.phone, "汉族", "中国银行南京分行"],
            [2, long_ethnicity.name, long_ethnicity.id_number, None, "族" * 21, None],
            [3, escape_bank.name, escape_bank.id_number, None, None, "中国银行\x1b]0;x\x07"]]
    path = write_roster(tmp_path / "roster.xlsx", [r[:5] + [r[5].replace("\x1b", "_x001B_").replace("\x07", "_x0007_")
                                                            if r[5] else None] for r in rows], headers=HEADERS)
    report = import_roster(backend_office.db, backend_office.cipher, actor=backend_office.actor,
                           class_code="2026-JZ01", source=path, today=TODAY)
    by_row = {o.row_number: o for o in report.outcomes}
    assert report.enrolled == 1
    assert by_row[4].rejected and "民族" in by_row[4].reasons_text() and "最多只能 20 个字" in by_row[4].reasons_text()
    assert by_row[5].rejected and "开户银行" in by_row[5].reasons_text() and "U+001B" in by_row[5].reasons_text()
    with backend_office.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Trainee)) == 1
        assert session.scalar(select(func.count()).select_from(Enrolment)) == 1


def test_class_code_name_and_location_beyond_the_limits_are_refused_alike_on_both(backend_office):
    with pytest.raises(ClassError) as refused:
        make_class(backend_office, "2026-JZ01", name_suffix="班" * 300)
    assert refused.value.code == "field.too_long" and "班级名称" in refused.value.message()
    with pytest.raises(ClassError) as refused:
        make_class(backend_office, "2026 JZ01")
    assert refused.value.code == "field.code_characters"
    with pytest.raises(ClassError) as refused:
        make_class(backend_office, "J" * 41)
    assert refused.value.code == "field.too_long"
    make_class(backend_office, "2026-JZ02", name_suffix="班" * 60)
    with pytest.raises(ClassError) as refused:
        update_class(backend_office.db, actor=backend_office.actor, code="2026-JZ02", location="地" * 201)
    assert refused.value.code == "field.too_long" and "上课地点" in refused.value.message()
    with backend_office.db.reading() as session:
        assert list(session.scalars(select(TrainingClass.code))) == ["2026-JZ02"]
