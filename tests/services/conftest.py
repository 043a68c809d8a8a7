"""Fixtures for the use cases: a real database with a class ready for enrolment, and real
roster workbooks written with openpyxl the way Excel users fill them in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop_app.domain.schedule import parse_schedule_spec
from desktop_app.services.classes import ClassDraft, create_class
from desktop_app.services.demo import demo_people

TODAY = date(2026, 11, 20)


INSTITUTION_CODE = "JS3205060001"


def ensure_institution(office, code: str = INSTITUTION_CODE) -> None:
    """The institution the first-run wizard records (certificates are numbered with its code),
    set directly so that the tests of other use cases need no sign-in."""
    from sqlalchemy import select

    from desktop_app.store.models import Institution

    with office.db.writing() as session:
        if session.scalar(select(Institution.id).limit(1)) is None:
            session.add(Institution(code=code, name="姑苏职业培训学校"))


def make_class(office, code: str = "2026-JZ01", *, occupation: str = "4-10-01-06", level: int = 4,
               start: date = date(2026, 12, 1), end: date = date(2026, 12, 31), capacity: int = 60,
               lessons: int | None = 64, name_suffix: str = "家政服务员培训班"):
    ensure_institution(office)
    draft = ClassDraft(code=code, name=f"{code} {name_suffix}", occupation_code=occupation, level=level,
                       training_type="employment_skills", start_date=start, end_date=end, capacity=capacity,
                       planned_lessons=lessons, schedule=parse_schedule_spec("mon-fri:am,pm/4"))
    return create_class(office.db, actor=office.actor, draft=draft)


@pytest.fixture
def open_class(office):
    return make_class(office)


def people(count: int, *, start: int = 900_000):
    return demo_people(count, seed=start, start_serial=start)


def write_roster(path: Path, rows: list[list[object]], *, headers=("序号", "姓名", "身份证号码", "手机号码", "人员类别"),
                 title: str | None = "培训学员花名册") -> Path:
    if len(rows) > 1000:
        return _write_big_roster(path, rows, headers)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(list(headers))
    id_column = next((i for i, h in enumerate(headers, start=1) if "证" in h and "号" in h), None)
    for row in rows:
        sheet.append(row)
        if id_column:
            sheet.cell(row=sheet.max_row, column=id_column).number_format = "@"
    workbook.save(path)
    return path


def rows_for(persons, *, key_group: str | None = None) -> list[list[object]]:
    return [[i, p.name, p.id_number, p.phone, key_group] for i, p in enumerate(persons, start=1)]


def _write_big_roster(path: Path, rows: list[list[object]], headers) -> Path:
    # openpyxl's ordinary mode takes minutes for tens of thousands of rows; write-only streams.
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    sheet.append(list(headers))
    for row in rows:
        sheet.append([None if v is None else str(v) if isinstance(v, str) else v for v in row])
    workbook.save(path)
    return path
