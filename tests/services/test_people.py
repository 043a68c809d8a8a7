"""One trainee at a time (enrol from a form, correct personal fields, withdraw) and teachers
(create, link a 教师 account, assign, deactivate; the account sees and marks only its classes),
through the office on a real SQLite database."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from sqlalchemy import select

from desktop_app.domain.actors import Role
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.permissions import PermissionDenied
from desktop_app.domain.roster_outcome import RosterOutcome
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.domain.trainee_input import TraineeInputError
from desktop_app.services.roster import EnrolmentRefused, RosterError, import_roster
from desktop_app.services.teachers import TeacherError
from desktop_app.services.trainees import TraineeEdit, TraineeError
from desktop_app.store.models import AuditEntry, Enrolment, Trainee, TraineeChange
from tests.services.conftest import TODAY, make_class, people, rows_for, write_roster


def _fields(person, **extra):
    return {"name": person.name, "id_number": person.id_number, "phone": person.phone, **extra}


# --- enrolling one trainee --------------------------------------------------------------------


def test_one_trainee_from_a_form_is_enrolled_with_the_next_roll_number_and_audited(office, open_class, tmp_path):
    first = people(2)
    import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01",
                  source=write_roster(tmp_path / "r.xlsx", rows_for(first)), today=TODAY)
    person = people(1, start=910_000)[0]

    enrolled = office.roster.enrol_one("2026-JZ01", _fields(person, key_groups="退役军人"), today=TODAY)

    assert (enrolled.roll_no, enrolled.name, enrolled.status, enrolled.new_person) == (
        3, person.name, RosterOutcome.ENROLLED, True)
    assert [e.name for e in office.trainees.class_roster("2026-JZ01")][-1] == person.name
    detail = office.trainees.get(enrolled.trainee_id)
    assert detail.key_groups == ("退役军人",)
    with office.db.reading() as session:
        created = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "enrolment.created")).all()
    assert created[-1]["source"] == "form"


def test_a_form_with_bad_fields_is_refused_with_the_imports_words_and_changes_nothing(office, open_class, tmp_path):
    person = people(1)[0]
    bad_number = person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1")
    path = write_roster(tmp_path / "r.xlsx", [[1, person.name, bad_number, "1391234", None]])
    report = import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path,
                           today=TODAY)
    import_codes = sorted(p.code for p in report.rejected[0].problems)

    with pytest.raises(TraineeInputError) as refused:
        office.roster.enrol_one("2026-JZ01", {"name": person.name, "id_number": bad_number, "phone": "1391234"},
                                today=TODAY)

    assert sorted(p.code for p in refused.value.problems) == import_codes
    assert " 行" not in refused.value.message()  # a form has no row numbers
    assert office.trainees.class_roster("2026-JZ01") == []


def test_a_form_is_refused_by_the_same_eligibility_rules_as_the_import(office, tmp_path):
    make_class(office, "2026-FULL", capacity=1)
    first, second = people(2)
    office.roster.enrol_one("2026-FULL", _fields(first), today=TODAY)

    with pytest.raises(EnrolmentRefused) as refused:
        office.roster.enrol_one("2026-FULL", _fields(second), today=TODAY)
    assert [p.code for p in refused.value.problems] == ["eligibility.class_full"]
    assert second.name in refused.value.message()

    with pytest.raises(RosterError) as again:
        office.roster.enrol_one("2026-FULL", _fields(first), today=TODAY)
    assert again.value.code == "roster.already_in_class"


# --- withdrawing ---------------------------------------------------------------------------------


def test_a_withdrawn_trainee_leaves_grid_and_results_but_stays_in_the_history(office, open_class):
    a, b = people(2)
    office.roster.enrol_one("2026-JZ01", _fields(a), today=TODAY)
    enrolled_b = office.roster.enrol_one("2026-JZ01", _fields(b), today=TODAY)

    with pytest.raises(RosterError) as no_reason:
        office.roster.withdraw("2026-JZ01", "2", on=date(2026, 12, 8), reason=" ", today=date(2026, 12, 9))
    assert no_reason.value.code == "roster.withdraw_reason_required"
    with pytest.raises(RosterError) as future:
        office.roster.withdraw("2026-JZ01", "2", on=date(2026, 12, 10), reason="外出务工", today=date(2026, 12, 9))
    assert future.value.code == "roster.withdraw_date_future"

    done = office.roster.withdraw("2026-JZ01", b.id_number, on=date(2026, 12, 8), reason="外出务工",
                                  today=date(2026, 12, 9))

    assert (done.roll_no, done.name, done.withdrawn_on) == (2, b.name, date(2026, 12, 8))
    assert [e.name for e in office.trainees.class_roster("2026-JZ01")] == [a.name]
    sessions = office.attendance.sessions("2026-JZ01")
    assert [r.name for r in office.attendance.grid(sessions[0].id).rows] == [a.name]
    assert [r.name for r in office.assessments.list("2026-JZ01")] == [a.name]
    assert [r.name for r in office.attendance.summary("2026-JZ01")] == [a.name]
    assert [c.name for c in office.certificates.candidates("2026-JZ01")] == [a.name]
    history = office.trainees.get(enrolled_b.trainee_id).history
    assert [(h.class_code, h.withdrawn_on, h.withdrawal_reason) for h in history] == [
        ("2026-JZ01", date(2026, 12, 8), "外出务工")]
    with pytest.raises(RosterError) as twice:
        office.roster.withdraw("2026-JZ01", "2", on=date(2026, 12, 8), reason="外出务工", today=date(2026, 12, 9))
    assert twice.value.code == "roster.already_withdrawn"
    with pytest.raises(RosterError) as rejoin:
        office.roster.enrol_one("2026-JZ01", _fields(b), today=TODAY)
    assert rejoin.value.code == "roster.was_withdrawn"
    with office.db.reading() as session:
        entry = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "enrolment.withdrawn")).one()
    assert entry["date"] == "2026-12-08" and entry["reason"] == "外出务工"


def test_a_withdrawal_date_before_a_session_the_trainee_attended_is_refused(office, open_class):
    person = people(1, start=960_000)[0]
    office.roster.enrol_one("2026-JZ01", _fields(person), today=TODAY)
    office.classes.change_status("2026-JZ01", "filed", today=TODAY)
    afternoon = office.attendance.sessions("2026-JZ01")[1]  # 2026-12-01, afternoon
    with time_machine.travel(datetime(2026, 12, 1, 14, 30, tzinfo=CHINA_TZ), tick=False):
        row = office.attendance.grid(afternoon.id).rows[0]
        office.attendance.set_mark(afternoon.id, row.enrolment_id, MarkValue(status=AttendanceStatus.PRESENT))

    with pytest.raises(RosterError) as attended:
        office.roster.withdraw("2026-JZ01", "1", on=date(2026, 11, 30), reason="外出务工", today=date(2026, 12, 3))
    assert attended.value.code == "roster.withdraw_attended_after" and "2026-12-01" in attended.value.message()
    # The last day attended may be the day of leaving (attended in the morning, gone in the afternoon).
    done = office.roster.withdraw("2026-JZ01", "1", on=date(2026, 12, 1), reason="外出务工", today=date(2026, 12, 3))
    assert done.withdrawn_on == date(2026, 12, 1)


def test_withdrawing_someone_not_on_the_roster_names_what_to_give(office, open_class):
    with pytest.raises(RosterError) as missing:
        office.roster.withdraw("2026-JZ01", "7", on=date(2026, 12, 8), reason="外出务工", today=date(2026, 12, 9))
    assert missing.value.code == "roster.trainee_not_in_class"
    assert "学号" in missing.value.message()


# --- editing personal fields -------------------------------------------------------------------


def test_editing_fields_keeps_who_when_why_and_masked_old_and_new_values(office, open_class):
    person = people(1)[0]
    trainee_id = office.roster.enrol_one("2026-JZ01", _fields(person), today=TODAY).trainee_id

    with pytest.raises(TraineeError) as no_reason:
        office.trainees.edit(trainee_id, TraineeEdit(phone="13800001111"), reason="")
    assert no_reason.value.code == "trainee.edit_reason_required"
    detail = office.trainees.edit(
        trainee_id, TraineeEdit(name="王小明", phone="138 0000 1111", bank_name="中国银行",
                                bank_account="6216610100001234567", household_type="农业户口"),
        reason="学员本人申请更正")

    assert detail.row.name == "王小明"
    assert detail.row.phone_masked == "138****1111"
    changes = {c.field: c for c in detail.changes}
    assert set(changes) == {"name", "phone", "bank_name", "bank_account", "household_type"}
    assert changes["phone"].old_value == person.phone[:3] + "****" + person.phone[-4:]
    assert changes["phone"].new_value == "138****1111"
    assert changes["bank_account"].new_value == "*" * 15 + "4567"
    assert changes["name"].old_value == person.name
    assert all(c.reason == "学员本人申请更正" and c.changed_by for c in detail.changes)
    assert office.trainees.reveal_personal_field(trainee_id, "phone", "核对") == "13800001111"
    with office.db.reading() as session:
        stored = " ".join(f"{c.old_value} {c.new_value}" for c in session.scalars(select(TraineeChange)))
        audit = str(session.scalars(select(AuditEntry.details).where(AuditEntry.action == "trainee.edited")).one())
    for secret in ("13800001111", "6216610100001234567", person.phone):
        assert secret not in stored and secret not in audit


def test_new_key_groups_are_stored_but_the_history_keeps_only_how_many(office, open_class):
    person = people(1, start=970_000)[0]
    trainee_id = office.roster.enrol_one("2026-JZ01", _fields(person, key_groups="退役军人"), today=TODAY).trainee_id

    detail = office.trainees.edit(trainee_id, TraineeEdit(key_groups=("退役军人", "残疾人")), reason="补登残疾证")

    assert set(detail.key_groups) == {"退役军人", "残疾人"}
    assert [(c.field, c.old_value, c.new_value) for c in detail.changes] == [("key_groups", "1", "2")]


def test_an_edit_is_checked_by_the_rosters_field_rules(office, open_class):
    person = people(1)[0]
    trainee_id = office.roster.enrol_one("2026-JZ01", _fields(person), today=TODAY).trainee_id

    with pytest.raises(TraineeInputError) as bad_phone:
        office.trainees.edit(trainee_id, TraineeEdit(phone="12345"), reason="更换手机号")
    assert [p.params["field"] for p in bad_phone.value.problems] == ["phone"]
    with pytest.raises(TraineeError) as half_bank:
        office.trainees.edit(trainee_id, TraineeEdit(bank_account="6216610100001234567"), reason="补登账号")
    assert half_bank.value.code == "trainee.bank_pair"
    with office.db.reading() as session:
        assert session.scalars(select(TraineeChange)).all() == []
        assert session.get(Trainee, trainee_id).phone_masked == person.phone[:3] + "****" + person.phone[-4:]


def test_a_trainee_is_found_by_the_full_identity_number(office, open_class):
    person = people(1)[0]
    trainee_id = office.roster.enrol_one("2026-JZ01", _fields(person), today=TODAY).trainee_id
    assert office.trainees.find_by_identity(person.id_number) == trainee_id
    with pytest.raises(TraineeError) as unknown:
        office.trainees.find_by_identity("11010519491231002X")
    assert unknown.value.code == "trainee.not_found_by_id"
    assert "11010519491231002X" not in unknown.value.message()


# --- teachers ------------------------------------------------------------------------------------


def _teacher_account(office, username="lilaoshi"):
    office.accounts.create_user(username, "Teach-2026-pass", Role.TEACHER, display_name="李老师")
    return username


def test_teachers_are_added_linked_to_a_teacher_account_edited_and_deactivated(office):
    account = _teacher_account(office)
    office.accounts.create_user("clerk1", "Clerk-2026-pass", Role.CLERK)

    with pytest.raises(TeacherError) as wrong_role:
        office.teachers.add("张老师", username="clerk1")
    assert wrong_role.value.code == "teacher.user_not_teacher"
    li = office.teachers.add("李明", username=account, phone="025-8320 1234")
    assert (li.name, li.username, li.phone, li.active) == ("李明", account, "025-8320 1234", True)
    with pytest.raises(TeacherError) as same_name:
        office.teachers.add("李明")
    assert same_name.value.code == "teacher.name_taken"
    with pytest.raises(TeacherError) as linked:
        office.teachers.add("王芳", username=account)
    assert linked.value.code == "teacher.user_linked"

    edited = office.teachers.edit("李明", name="李明亮", phone="")
    assert (edited.name, edited.phone) == ("李明亮", None)
    off = office.teachers.edit(edited.id, active=False)
    assert off.active is False
    assert [t.name for t in office.teachers.list(include_inactive=False)] == []
    with office.db.reading() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("teacher.%"))).all()
    assert actions == ["teacher.created", "teacher.edited", "teacher.edited"]


def test_a_teacher_account_sees_and_marks_exactly_its_classes(office):
    make_class(office, "2026-A")
    make_class(office, "2026-B")
    make_class(office, "2026-C")
    for serial, code in enumerate(("2026-A", "2026-B", "2026-C")):
        office.roster.enrol_one(code, _fields(people(1, start=920_000 + serial)[0]), today=TODAY)
        office.classes.change_status(code, "filed", today=TODAY)
    account = _teacher_account(office)
    office.teachers.add("李明", username=account)
    office.teachers.assign("2026-A", "李明")
    office.teachers.assign("2026-B", "李明", session_number=3)

    detail = office.classes.get("2026-A")
    assert detail.teachers == ("李明",) and all(s.teacher == "李明" for s in detail.sessions)
    b_sessions = office.classes.get("2026-B").sessions
    assert [s.teacher for s in b_sessions[:4]] == [None, None, "李明", None]
    c_session = office.attendance.sessions("2026-C")[0]
    c_row = office.attendance.grid(c_session.id).rows[0]

    office.accounts.sign_in(account, "Teach-2026-pass")
    assert {r.code for r in office.classes.list()} == {"2026-A", "2026-B"}
    with pytest.raises(PermissionDenied):
        office.classes.get("2026-C")
    with pytest.raises(PermissionDenied):
        office.attendance.sessions("2026-C")
    with pytest.raises(PermissionDenied):
        office.attendance.grid(c_session.id)
    a_session = office.attendance.sessions("2026-A")[0]
    row = office.attendance.grid(a_session.id).rows[0]
    with time_machine.travel(datetime(2026, 12, 1, 9, 30, tzinfo=CHINA_TZ), tick=False):  # during the first session
        marked = office.attendance.set_mark(a_session.id, row.enrolment_id, MarkValue(status=AttendanceStatus.PRESENT))
        assert marked.value.status is AttendanceStatus.PRESENT
        with pytest.raises(PermissionDenied):
            office.attendance.set_mark(c_session.id, c_row.enrolment_id, MarkValue(status=AttendanceStatus.PRESENT))
    with pytest.raises(PermissionDenied):
        office.teachers.assign("2026-C", "李明")


def test_a_deactivated_teachers_account_sees_no_class_and_cannot_be_assigned(office):
    make_class(office, "2026-A")
    account = _teacher_account(office)
    office.teachers.add("李明", username=account)
    office.teachers.assign("2026-A", "李明")
    office.teachers.edit("李明", active=False)
    with pytest.raises(TeacherError) as inactive:
        office.teachers.assign("2026-A", "李明")
    assert inactive.value.code == "teacher.inactive"
    office.accounts.sign_in(account, "Teach-2026-pass")
    assert office.classes.list() == []


def test_assigning_a_session_that_does_not_exist_names_the_count(office):
    make_class(office, "2026-A")
    office.teachers.add("李明")
    count = len(office.classes.get("2026-A").sessions)
    with pytest.raises(TeacherError) as missing:
        office.teachers.assign("2026-A", "李明", session_number=count + 1)
    assert str(count) in missing.value.message()
    with pytest.raises(TeacherError) as nobody:
        office.teachers.assign("2026-A", "王五")
    assert nobody.value.code == "teacher.not_found"


# --- the same on PostgreSQL (several PCs sharing one database) ---------------------------------

from tests.store.pg_server import postgres_server, postgres_url  # noqa: E402, F401  (fixtures)


@pytest.mark.postgres
def test_on_postgresql_one_trainee_is_added_corrected_withdrawn_and_a_teacher_sees_only_its_class(postgres_url,
                                                                                                  tmp_path):
    from desktop_app.bootstrap import open_office
    from desktop_app.config import load_settings

    office = open_office(load_settings(database_url=postgres_url, data_dir=tmp_path / "data"))
    try:
        make_class(office, "2026-PG01")
        make_class(office, "2026-PG02")
        a, b = people(2, start=950_000)
        enrolled = office.roster.enrol_one("2026-PG01", _fields(a), today=TODAY)
        office.roster.enrol_one("2026-PG01", _fields(b), today=TODAY)
        detail = office.trainees.edit(enrolled.trainee_id, TraineeEdit(phone="13800002222"), reason="换号")
        assert [(c.field, c.new_value) for c in detail.changes] == [("phone", "138****2222")]
        office.roster.withdraw("2026-PG01", b.id_number, on=date(2026, 12, 2), reason="外出务工",
                               today=date(2026, 12, 3))
        assert [e.name for e in office.trainees.class_roster("2026-PG01")] == [a.name]
        _teacher_account(office)
        office.teachers.add("李明", username="lilaoshi")
        office.teachers.assign("2026-PG02", "李明", session_number=1)
        office.accounts.sign_in("lilaoshi", "Teach-2026-pass")
        assert [r.code for r in office.classes.list()] == ["2026-PG02"]
        with pytest.raises(PermissionDenied):
            office.classes.get("2026-PG01")
    finally:
        office.close()
