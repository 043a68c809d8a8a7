"""The audit log as an auditor reads it: filters by person, class and China date, readable words,
and exports (xlsx, csv) in which nothing typed by a person can turn into a formula."""

from __future__ import annotations

import csv
from datetime import date, datetime, timezone

import openpyxl
import pytest

from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.permissions import PermissionDenied
from desktop_app.services import accounts, audit, audit_log
from desktop_app.services.audit_verify import verify_audit_chain
from desktop_app.services.classes import get_class
from desktop_app.services.office import AuditFilter
from tests.services.conftest import make_class

FORMULA = '=HYPERLINK("http://x","y")'


def at(monkeypatch, moment: datetime) -> None:
    """Entries recorded from now on carry `moment` (UTC) as their time."""
    monkeypatch.setattr(audit, "utcnow", lambda: moment)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture
def clerk(office, monkeypatch):
    """Two people and two classes, entries on both sides of China midnight on 2026-03-01
    (UTC 2026-02-28 16:00)."""
    clerk_row = accounts.create_user(office.db, actor=office.actor, username="wangfang", password="Wf-2026-secret",
                                     role=Role.CLERK, display_name="王芳")
    clerk = Actor(user_id=clerk_row.id, username=clerk_row.username, display_name=clerk_row.display_name,
                  role=Role.CLERK)
    at(monkeypatch, utc(2026, 2, 1, 2, 0))
    make_class(office, "2026-JZ01")
    make_class(office, "2026-YL01", occupation="4-10-01-05", level=5)
    ids = {code: get_class(office.db, code).row.id for code in ("2026-JZ01", "2026-YL01")}
    with office.db.writing() as session:
        # 2026-02-28 23:59:59 in China
        at(monkeypatch, utc(2026, 2, 28, 15, 59, 59))
        audit.record(session, clerk, "certificate.voided", entity_type="certificate",
                     entity_id="JS3205060001-2026-000001", class_id=ids["2026-JZ01"],
                     details={"reason": FORMULA})
        # 2026-03-01 00:00:00 in China
        at(monkeypatch, utc(2026, 2, 28, 16, 0, 0))
        audit.record(session, office.actor, "session.cancelled", entity_type="session",
                     entity_id="3f2a0c1e9b8d4e6fa1b2c3d4e5f60718", class_id=ids["2026-YL01"],
                     details={"reason": "教师请假"})
        # 2026-03-01 23:59:59 in China
        at(monkeypatch, utc(2026, 3, 1, 15, 59, 59))
        audit.record(session, clerk, "attendance.marked", entity_type="attendance_mark", entity_id="x" * 32,
                     class_id=ids["2026-JZ01"],
                     details={"session": "s", "enrolment": "e", "from": "absent", "to": "present", "reason": None})
        # 2026-03-02 00:00:00 in China
        at(monkeypatch, utc(2026, 3, 1, 16, 0, 0))
        audit.record(session, clerk, "class.status_changed", entity_type="class", entity_id="u" * 32,
                     class_id=ids["2026-YL01"], details={"from": "draft", "to": "filed"})
    return clerk


def test_filters_by_china_dates_with_both_ends_included(office, clerk):
    rows = office.audit.entries(AuditFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 1)))
    assert [row.action for row in rows] == ["attendance.marked", "session.cancelled"]
    assert rows[0].occurred_at.strftime("%Y-%m-%d %H:%M:%S") == "2026-03-01 23:59:59"
    assert [r.action for r in office.audit.entries(AuditFilter(date_to=date(2026, 2, 28)))][0] == "certificate.voided"
    assert [r.action for r in office.audit.entries(AuditFilter(date_from=date(2026, 3, 2),
                                                               date_to=date(2026, 3, 31)))] == ["class.status_changed"]


def test_filters_by_person_class_and_action_words(office, clerk):
    by_clerk = office.audit.entries(AuditFilter(user_id=clerk.user_id))
    assert {row.person for row in by_clerk} == {"王芳"}
    assert [row.action for row in by_clerk] == ["class.status_changed", "attendance.marked", "certificate.voided"]
    in_jz = office.audit.entries(AuditFilter(class_code="2026-JZ01"))
    assert {row.class_code for row in in_jz} == {"2026-JZ01"}
    assert "certificate.voided" in [row.action for row in in_jz]
    assert "session.cancelled" not in [row.action for row in in_jz]
    assert [row.action for row in office.audit.entries(AuditFilter(action="作废"))] == ["certificate.voided"]
    assert [row.action for row in office.audit.entries(AuditFilter(action="session"))] == ["session.cancelled"]
    both = office.audit.entries(AuditFilter(user_id=clerk.user_id, class_code="2026-YL01"))
    assert [row.action for row in both] == ["class.status_changed"]


def test_rows_read_in_words_without_internal_ids(office, clerk):
    rows = {row.action: row for row in office.audit.entries()}
    voided = rows["certificate.voided"]
    assert voided.action_label == "作废证书"
    assert voided.entity == "证书 JS3205060001-2026-000001"
    assert voided.details == f"原因：{FORMULA}"
    assert rows["session.cancelled"].entity == ""  # a row uid means nothing to a person
    assert rows["attendance.marked"].details == "原为：缺勤；改为：出勤；原因：—"
    assert rows["class.status_changed"].details == "原为：草稿；改为：已备案"
    english = {row.action: row for row in office.audit.entries(language="en")}
    assert english["certificate.voided"].action_label == "Certificate voided"
    assert english["class.status_changed"].details == "from: draft; to: filed"


def test_reversed_dates_and_unknown_class_are_explained(office, clerk):
    with pytest.raises(audit_log.AuditLogError) as reversed_dates:
        office.audit.entries(AuditFilter(date_from=date(2026, 3, 2), date_to=date(2026, 3, 1)))
    assert "早于开始日期" in reversed_dates.value.message()
    with pytest.raises(audit_log.AuditLogError) as unknown:
        office.audit.entries(AuditFilter(class_code="2099-XX99"))
    assert "2099-XX99" in unknown.value.message()


def test_filter_choices_list_people_and_classes(office, clerk):
    choices = office.audit.filter_choices()
    assert {user.display_name for user in choices.users} >= {"王芳", "本机管理员"}
    assert {c.code for c in choices.classes} == {"2026-JZ01", "2026-YL01"}


def test_xlsx_export_keeps_formula_like_text_as_text_and_is_audited(office, clerk, tmp_path):
    target = tmp_path / "审计.xlsx"
    result = office.audit.export(target, AuditFilter(class_code="2026-JZ01"))
    assert result.rows == 3  # opened, certificate voided, attendance marked
    sheet = openpyxl.load_workbook(target).active
    assert [cell.value for cell in sheet[1]] == ["时间", "操作人", "操作", "对象", "班级", "详情"]
    values = [[cell for cell in row] for row in sheet.iter_rows(min_row=2)]
    voided = next(row for row in values if row[2].value == "作废证书")
    assert voided[5].value == f"原因：{FORMULA}"
    assert voided[1].value == "王芳"
    assert voided[0].value == "2026-02-28 23:59:59"
    assert all(cell.data_type == "s" for row in values for cell in row if cell.value is not None)
    newest = office.audit.entries(limit=1)[0]
    assert newest.action == "audit.exported" and newest.class_code == "2026-JZ01"
    assert "审计.xlsx" in newest.details and "行数：3" in newest.details
    assert verify_audit_chain(office.db).ok


def test_a_formula_in_a_person_name_stays_text_in_xlsx(office, tmp_path):
    row = accounts.create_user(office.db, actor=office.actor, username="mallory", password="mallory river kite 26",
                               role=Role.CLERK, display_name=FORMULA)
    mallory = Actor(user_id=row.id, username="mallory", display_name=FORMULA, role=Role.CLERK)
    with office.db.writing() as session:
        audit.record(session, mallory, "certificate.voided", details={"reason": "-1+1"})
    target = tmp_path / "a.xlsx"
    office.audit.export(target, AuditFilter(user_id=row.id))
    cells = list(openpyxl.load_workbook(target).active.iter_rows(min_row=2))[0]
    assert cells[1].value == FORMULA and cells[1].data_type == "s"
    assert cells[5].value == "原因：-1+1"


def test_csv_export_is_utf8_with_bom_and_quotes_formula_like_cells(office, clerk, tmp_path):
    target = tmp_path / "audit.csv"
    with office.db.writing() as session:
        audit.record(session, office.actor, "@SUM(1+1)", details={"reason": "\tcmd"})
    office.audit.export(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["时间", "操作人", "操作", "对象", "班级", "详情"]
    assert ["'@SUM(1+1)"] == [row[2] for row in rows[1:] if "SUM" in row[2]]
    voided = next(row for row in rows if row[2] == "作废证书")
    assert voided[5] == f"原因：{FORMULA}"  # does not start with "=": nothing to guard
    assert voided[1] == "王芳"


def test_csv_guard_prefixes_every_formula_trigger():
    from desktop_app.documents.spreadsheet_safety import safe_csv_row

    assert safe_csv_row(["=1+1", "+1", "-1", "@a", "\t=1", "\r=1", " =1", "＝1", "ok", None, -5, 2.5]) == [
        "'=1+1", "'+1", "'-1", "'@a", "'\t=1", "'\r=1", "' =1", "'＝1", "ok", "", -5, 2.5]


def test_export_refuses_other_formats_and_unwritable_places(office, tmp_path):
    with pytest.raises(audit_log.AuditLogError) as wrong:
        office.audit.export(tmp_path / "audit.pdf")
    assert ".xlsx" in wrong.value.message()
    with pytest.raises(audit_log.AuditLogError) as missing:
        office.audit.export(tmp_path / "no-such-folder" / "audit.xlsx")
    assert "无法写入文件" in missing.value.message()


def test_viewing_and_exporting_need_the_audit_permissions(office, tmp_path):
    teacher = Actor(user_id=None, username="t", display_name="李老师", role=Role.TEACHER)
    with pytest.raises(PermissionDenied):
        audit_log.list_audit_entries(office.db, actor=teacher)
    registrar = Actor(user_id=None, username="r", display_name="教务", role=Role.REGISTRAR)
    assert audit_log.list_audit_entries(office.db, actor=registrar)
    with pytest.raises(PermissionDenied):
        audit_log.export_audit(office.db, actor=registrar, path=tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()
