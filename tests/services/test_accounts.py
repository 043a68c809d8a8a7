"""Accounts and roles: hashed passwords, sign-in and lockout, the first run, and every role refused
outside its rights by the services themselves (not only by hidden buttons)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from desktop_app.domain.actors import LOCAL_ADMIN, LOCAL_ADMIN_USERNAME, SIGNED_OUT, Role
from desktop_app.domain.china_time import moment_text
from desktop_app.domain.permissions import ROLE_PERMISSIONS, Permission, PermissionDenied
from desktop_app.services import accounts, assessment, attendance, certificates, classes, roster, trainees
from desktop_app.services.accounts import AccountError, InstitutionProfile, SignInError
from desktop_app.services.demo import fill_demo_institution
from desktop_app.services.office import Office, OfficeContext
from desktop_app.store.models import AppUser, AuditEntry, ClassTeacher, Institution, Teacher, TrainingClass, utcnow

PASSWORD = "correct horse 1"
PROFILE = InstitutionProfile(code="JS3205060001", name="苏州市姑苏区职业培训学校", credit_code="12320508MB1234567X",
                             address="苏州市姑苏区人民路 100 号", contact_name="王老师", contact_phone="0512-65550000")


def set_up(office: Office) -> None:
    office.accounts.complete_first_run(PROFILE, "wang", "王校长", PASSWORD)


def add_user(office: Office, username: str, role: Role) -> None:
    accounts.create_user(office.db, actor=office.actor, username=username, password=PASSWORD, role=role,
                         display_name=f"{role.label_zh}{username}")


def actor(office: Office, username: str):
    return accounts.authenticate(office.db, username, PASSWORD)


def audit_actions(office: Office) -> list[str]:
    with office.db.reading() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


# --- passwords --------------------------------------------------------------------------------

def test_password_hashes_are_scrypt_salted_and_never_the_plaintext():
    first, second = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    assert PASSWORD not in first and first != second  # a new salt each time
    scheme, params, salt, digest = first.split("$")
    assert scheme == "scrypt" and params == f"n={2**15},r=8,p=1"
    assert salt != second.split("$")[2]
    assert accounts.verify_password(PASSWORD, first) and accounts.verify_password(PASSWORD, second)
    assert not accounts.verify_password(PASSWORD + "x", first)
    assert not accounts.verify_password(PASSWORD, "garbage") and not accounts.verify_password(PASSWORD, None)


def test_a_hash_made_with_other_parameters_still_verifies():
    """The parameters travel with the hash, so raising the cost later keeps old passwords valid."""
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"old password", salt=salt, n=2**14, r=8, p=1, dklen=32)
    stored = f"scrypt$n=16384,r=8,p=1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert accounts.verify_password("old password", stored)


def test_stored_password_hash_in_the_database_is_not_the_password(office):
    set_up(office)
    with office.db.reading() as session:
        stored = session.scalar(select(AppUser.password_hash).where(AppUser.username == "wang"))
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert PASSWORD.encode() not in office.db.sqlite_path.read_bytes()


@pytest.mark.parametrize("password, code", [("", "accounts.empty_password"), ("        ", "accounts.password_blank"),
                                            ("short1", "accounts.password_too_short")])
def test_weak_passwords_are_refused_with_a_clear_message(office, password, code):
    with pytest.raises(AccountError) as refused:
        office.accounts.complete_first_run(PROFILE, "wang", "王校长", password)
    assert refused.value.code == code
    assert office.accounts.first_run_needed()


# --- signing in and lockout --------------------------------------------------------------------

def test_right_password_signs_in_and_records_the_time(office):
    set_up(office)
    signed = office.accounts.sign_in("wang", PASSWORD)
    assert signed.role is Role.ADMINISTRATOR and signed.display_name == "王校长" and office.actor == signed
    with office.db.reading() as session:
        assert session.scalar(select(AppUser.last_login_at).where(AppUser.username == "wang")) is not None
    assert "user.signed_in" in audit_actions(office)


def test_wrong_password_and_unknown_user_get_the_same_message(office):
    set_up(office)
    with pytest.raises(SignInError) as wrong:
        office.accounts.sign_in("wang", "not the password")
    with pytest.raises(SignInError) as unknown:
        office.accounts.sign_in("nobody", "not the password")
    assert wrong.value.code == unknown.value.code == "accounts.bad_credentials"
    assert wrong.value.message() == unknown.value.message()
    assert "wang" not in wrong.value.message()


def test_empty_password_is_refused_without_counting_a_failure(office):
    set_up(office)
    with pytest.raises(SignInError) as refused:
        office.accounts.sign_in("wang", "")
    assert refused.value.code == "accounts.empty_password"
    with office.db.reading() as session:
        assert session.scalar(select(AppUser.failed_logins).where(AppUser.username == "wang")) == 0


def test_builtin_local_admin_cannot_sign_in(office):
    with pytest.raises(SignInError) as refused:
        office.accounts.sign_in(LOCAL_ADMIN_USERNAME, "whatever123")
    assert refused.value.code == "accounts.bad_credentials"


T_SIGN_IN = datetime(2026, 12, 2, 4, 0, tzinfo=timezone.utc)  # noon in China


def _attempt(office, name, password, at):
    try:
        accounts.authenticate(office.db, name, password, now=at)
    except SignInError as error:
        return error
    return None


def test_wrong_passwords_make_the_next_attempt_wait_longer_but_never_lock_anyone_out(office):
    set_up(office)
    at = T_SIGN_IN
    codes = []
    for _ in range(accounts.FREE_ATTEMPTS):
        codes.append(_attempt(office, "wang", "wrong password", at).code)
    assert codes == ["accounts.bad_credentials"] * accounts.FREE_ATTEMPTS
    # From then on each wrong password says how long to wait: 1, 2, 4 … seconds, at most a minute.
    waits = []
    for _ in range(10):
        refused = _attempt(office, "wang", "wrong password", at)
        assert refused.code == "accounts.wait"
        waits.append(refused.params["seconds"])
        # Trying again before the wait is over is refused without being tried or counted,
        # even with the right password.
        early = _attempt(office, "wang", PASSWORD, at)
        assert early.code == "accounts.wait" and early.params["seconds"] == refused.params["seconds"]
        assert f"请等 {refused.params['seconds']} 秒后再试" in early.message()
        at += timedelta(seconds=refused.params["seconds"])
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    # The administrator is never shut out for longer than the last wait.
    assert accounts.authenticate(office.db, "wang", PASSWORD, now=at).username == "wang"
    assert _attempt(office, "wang", "wrong password", at).code == "accounts.bad_credentials"  # counting starts over
    assert "user.sign_in_failed" in audit_actions(office)


def test_an_unknown_name_is_answered_exactly_like_a_known_one(office):
    set_up(office)
    add_user(office, "li", Role.CLERK)
    office.accounts.deactivate("li")
    at = T_SIGN_IN
    answers = {}
    for name in ("wang", "nobody", "li", "Nobody2"):
        answers[name] = [(e.code, e.params.get("seconds"), e.message()) for e in
                         (_attempt(office, name, "wrong password", at) for _ in range(6))]
    assert answers["wang"] == answers["nobody"] == answers["li"] == answers["Nobody2"]
    assert answers["nobody"][-1][0] == "accounts.wait"
    for code, _seconds, text in answers["nobody"]:
        assert "nobody" not in text and "锁定" not in text


def test_passwords_that_are_easy_to_guess_are_refused(office):
    set_up(office)
    for weak in ("12345678", "password", "qwertyui", "88888888", "woaini1314", "a1b2c3d4", "zhaoliu2026"):
        with pytest.raises(AccountError) as refused:
            accounts.create_user(office.db, actor=office.actor, username="zhaoliu", password=weak, role=Role.CLERK,
                                 display_name="赵六")
        assert refused.value.code in ("accounts.password_guessable", "accounts.password_too_short"), weak
        assert "太容易被猜到" in refused.value.message() or "太短" in refused.value.message()
    accounts.create_user(office.db, actor=office.actor, username="zhaoliu", password="lantern river 47",
                         role=Role.CLERK, display_name="赵六")


def test_an_administrator_password_reset_lifts_a_lockout(office):
    set_up(office)
    office.accounts.sign_in("wang", PASSWORD)
    add_user(office, "li", Role.CLERK)
    for _ in range(accounts.FREE_ATTEMPTS + 4):
        with pytest.raises(SignInError):
            accounts.authenticate(office.db, "li", "wrong password", now=T_SIGN_IN)
    office.accounts.set_password("li", "new password 2")
    assert accounts.authenticate(office.db, "li", "new password 2", now=T_SIGN_IN).role is Role.CLERK


def test_disabled_account_cannot_sign_in(office):
    set_up(office)
    add_user(office, "li", Role.CLERK)
    office.accounts.deactivate("li")
    with pytest.raises(SignInError) as refused:
        accounts.authenticate(office.db, "li", PASSWORD)
    assert refused.value.code == "accounts.bad_credentials"


# --- first run ----------------------------------------------------------------------------------

def test_fresh_database_needs_the_first_run_and_acts_as_the_local_admin(office):
    assert office.accounts.first_run_needed()
    assert office.actor.username == LOCAL_ADMIN_USERNAME and office.actor.signed_in


def test_first_run_creates_the_administrator_fills_the_institution_and_retires_local_admin(office, settings):
    from desktop_app.bootstrap import open_office

    fill_demo_institution(office.db, office.cipher, actor=office.actor)  # data from before accounts existed
    actor_after = office.accounts.complete_first_run(PROFILE, "wang", "王校长", PASSWORD)
    assert actor_after.role is Role.ADMINISTRATOR and office.actor == actor_after
    assert not office.accounts.first_run_needed()
    with office.db.reading() as session:
        first = session.scalars(select(Institution).order_by(Institution.id)).first()
        assert (first.code, first.name, first.credit_code, first.contact_phone) == (
            PROFILE.code, PROFILE.name, PROFILE.credit_code, PROFILE.contact_phone)
        builtin = session.scalar(select(AppUser).where(AppUser.username == LOCAL_ADMIN_USERNAME))
        assert builtin.is_active is False
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "first_run.completed"))
        assert entry.actor_name == "wang" and entry.details["institution_code"] == PROFILE.code
    # Opening the database again no longer acts as anyone until someone signs in.
    again = open_office(settings)
    try:
        assert again.actor == SIGNED_OUT
        with pytest.raises(PermissionDenied) as refused:
            classes.change_class_status(again.db, actor=again.actor, code=f"{date.today():%Y}-PR01", target="filed")
        assert refused.value.code == "permission.sign_in_required"
        assert again.classes.list()  # reading needs no sign-in
    finally:
        again.close()


def test_first_run_cannot_be_repeated(office):
    set_up(office)
    with pytest.raises(AccountError) as refused:
        office.accounts.complete_first_run(PROFILE, "zhao", "赵某", PASSWORD)
    assert refused.value.code == "accounts.first_run_done"


def test_first_run_refuses_an_incomplete_profile_and_changes_nothing(office):
    with pytest.raises(AccountError) as refused:
        office.accounts.complete_first_run(InstitutionProfile(code="JS1", name=" "), "wang", "王校长", PASSWORD)
    assert refused.value.code == "accounts.institution_name_missing"
    with pytest.raises(AccountError) as bad_credit:
        office.accounts.complete_first_run(InstitutionProfile(code="JS1", name="学校", credit_code="123"), "wang", "王", PASSWORD)
    assert bad_credit.value.code == "accounts.credit_code_invalid"
    assert office.accounts.first_run_needed()


# --- managing accounts ------------------------------------------------------------------------------

def test_user_management_is_audited_as_permission_changes(office):
    set_up(office)
    add_user(office, "li", Role.CLERK)
    office.accounts.set_role("li", "教务")
    office.accounts.set_password("li", "another pass 3")
    office.accounts.deactivate("li")
    with office.db.reading() as session:
        entries = {e.action: (e.actor_name, e.details)
                   for e in session.scalars(select(AuditEntry).where(AuditEntry.action.like("user.%")))}
    assert entries["user.created"] == ("wang", {"username": "li", "role": "clerk"})
    assert entries["user.role_changed"] == ("wang", {"username": "li", "from": "clerk", "to": "registrar"})
    assert entries["user.password_set"][0] == "wang"
    assert entries["user.deactivated"][1]["username"] == "li"
    rows = {r.username: r for r in office.accounts.list_users()}
    assert set(rows) == {"wang", "li"} and rows["li"].is_active is False and rows["li"].role is Role.REGISTRAR


def test_the_last_administrator_cannot_be_disabled_or_demoted(office):
    set_up(office)
    add_user(office, "zhao", Role.ADMINISTRATOR)
    with pytest.raises(AccountError) as self_disable:
        office.accounts.deactivate("wang")
    assert self_disable.value.code == "accounts.self_disable"
    office.accounts.deactivate("zhao")
    with pytest.raises(AccountError) as demote:
        office.accounts.set_role("wang", Role.CLERK)
    assert demote.value.code == "accounts.last_admin"


def test_duplicate_and_unknown_accounts_and_roles_are_named(office):
    set_up(office)
    add_user(office, "li", Role.CLERK)
    with pytest.raises(AccountError) as taken:
        add_user(office, "li", Role.CLERK)
    assert taken.value.code == "accounts.username_taken"
    with pytest.raises(AccountError) as unknown:
        office.accounts.set_role("nobody", Role.CLERK)
    assert unknown.value.code == "accounts.unknown_user"
    with pytest.raises(AccountError) as role:
        office.accounts.set_role("li", "boss")
    assert role.value.code == "accounts.unknown_role" and "auditor" in role.value.message()


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.TEACHER, Role.CLERK, Role.AUDITOR])
def test_only_administrators_manage_accounts(office, role):
    set_up(office)
    add_user(office, "someone", role)
    someone = actor(office, "someone")
    with pytest.raises(PermissionDenied) as refused:
        accounts.create_user(office.db, actor=someone, username="new", password=PASSWORD, role=Role.ADMINISTRATOR)
    assert role.label_zh in refused.value.message() and "管理账号和角色" in refused.value.message()
    with pytest.raises(PermissionDenied):
        accounts.set_role(office.db, actor=someone, username="someone", role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        accounts.list_users(office.db, actor=someone)
    # ... but anyone may change their own password.
    accounts.set_password(office.db, actor=someone, username="someone", password="my own pass 9")
    with pytest.raises(PermissionDenied):
        accounts.set_password(office.db, actor=someone, username="wang", password="taken over 9")


# --- every role, outside its rights, through the service layer ---------------------------------------

@pytest.fixture
def institution(office, code):
    """The demo institution, set up with one account of each role."""
    fill_demo_institution(office.db, office.cipher, actor=office.actor)
    set_up(office)
    for role in (Role.REGISTRAR, Role.TEACHER, Role.CLERK, Role.AUDITOR):
        add_user(office, role.value, role)
    return office


@pytest.fixture
def code():
    return lambda suffix: f"{date.today():%Y}-{suffix}"


def _calls(office, code, tmp_path):
    """One service call per permission, each as a function of the actor."""
    running = code("JZ01")
    session_id = office.attendance.sessions(running)[0].id
    enrolment_id = office.attendance.grid(session_id).rows[0].enrolment_id
    trainee_id = office.trainees.class_roster(running)[0].trainee_id
    return {
        Permission.MANAGE_CLASSES: lambda a: classes.update_class(office.db, actor=a, code=code("PR01"), name="改名"),
        Permission.ENROL_TRAINEES: lambda a: roster.import_roster(office.db, office.cipher, actor=a, class_code=code("PR01"),
                                                                  source=tmp_path / "missing.xlsx"),
        Permission.EXPORT_PERSONAL_DATA: lambda a: roster.export_roster(office.db, office.cipher, actor=a,
                                                                        class_code=running, path=tmp_path / "r.xlsx"),
        Permission.REVEAL_PERSONAL_DATA: lambda a: trainees.reveal_personal_field(
            office.db, office.cipher, actor=a, trainee_id=trainee_id, field="id_number", purpose="核对"),
        Permission.RECORD_ASSESSMENTS: lambda a: assessment.record_assessment(
            office.db, actor=a, class_code=code("YL01"), enrolment_id=0, theory=None, practical=None, result=None),
        Permission.ISSUE_CERTIFICATES: lambda a: certificates.void_certificate(office.db, actor=a, number="X-1",
                                                                               reason="测试"),
        Permission.MARK_ATTENDANCE: lambda a: attendance.mark_all_present(office.db, actor=a, session_id=session_id),
        Permission.MANAGE_USERS: lambda a: accounts.list_users(office.db, actor=a),
        Permission.MANAGE_SETTINGS: lambda a: fill_demo_institution(office.db, office.cipher, actor=a),
    }, enrolment_id


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.TEACHER, Role.CLERK, Role.AUDITOR])
def test_each_role_is_refused_by_the_services_outside_its_rights(institution, role, code, tmp_path):
    office = institution
    who = actor(office, role.value)
    calls, _ = _calls(office, code, tmp_path)
    refused = 0
    for permission, call in calls.items():
        if permission in ROLE_PERMISSIONS[role]:
            continue
        with pytest.raises(PermissionDenied) as denied:
            call(who)
        assert denied.value.code == "permission.denied"
        assert role.label_zh in denied.value.message() and permission.label_zh in denied.value.message()
        refused += 1
    assert refused >= 3


def test_teacher_marks_only_the_classes_they_teach(institution, code):
    office = institution
    teacher = actor(office, "teacher")
    running, other = code("JZ01"), code("AI01")
    with office.db.writing() as session:
        klass = session.scalar(select(TrainingClass).where(TrainingClass.code == running))
        row = Teacher(institution_id=klass.institution_id, name="张老师", user_id=teacher.user_id)
        session.add(row)
        session.flush()
        session.add(ClassTeacher(class_id=klass.id, teacher_id=row.id))
    own = office.attendance.sessions(running)[0].id
    assert attendance.mark_all_present(office.db, actor=teacher, session_id=own) >= 0
    foreign = office.attendance.sessions(other)[0].id
    with pytest.raises(PermissionDenied) as refused:
        attendance.mark_all_present(office.db, actor=teacher, session_id=foreign)
    assert refused.value.code == "attendance.not_your_class" and other in refused.value.message()
    enrolment = office.attendance.grid(foreign).rows[0].enrolment_id
    from desktop_app.domain.attendance import AttendanceStatus, MarkValue

    with pytest.raises(PermissionDenied):
        attendance.set_mark(office.db, actor=teacher, session_id=foreign, enrolment_id=enrolment,
                            value=MarkValue(AttendanceStatus.PRESENT), reason="补录")
    with pytest.raises(PermissionDenied):
        attendance.swipe(office.db, office.cipher, actor=teacher, session_id=foreign, text="1")


def test_a_signed_out_office_reads_but_changes_nothing(institution, code):
    office = institution
    office.accounts.sign_out()
    assert office.classes.list()
    with pytest.raises(PermissionDenied) as refused:
        office.classes.update(code("PR01"), name="改名")
    assert refused.value.code == "permission.sign_in_required"


def other_computer(office: Office, username: str) -> Office:
    """A second office on the same database, as on another PC of the institution, signed in."""
    other = Office(OfficeContext(office.opened, actor=SIGNED_OUT))
    other.accounts.sign_in(username, PASSWORD)
    return other


def test_an_account_disabled_elsewhere_stops_acting_at_its_next_action(institution, code):
    office = institution
    registrar = other_computer(office, "registrar")
    registrar.classes.update(code("PR01"), name="改名一次")  # still allowed
    office.accounts.deactivate("registrar")  # the administrator, at another computer
    with pytest.raises(accounts.SessionEnded) as ended:
        registrar.classes.update(code("PR01"), name="改名两次")
    assert ended.value.code == "accounts.session_disabled"
    assert "registrar" in ended.value.message() and "已被管理员停用" in ended.value.message()
    assert "没有执行" in ended.value.message()
    assert registrar.actor == SIGNED_OUT  # signed out: nothing more happens under that name
    assert office.classes.get(code("PR01")).row.name == "改名一次"


def test_a_role_changed_elsewhere_ends_the_session_naming_the_new_role(institution, code):
    office = institution
    registrar = other_computer(office, "registrar")
    office.accounts.set_role("registrar", Role.AUDITOR)
    with pytest.raises(accounts.SessionEnded) as ended:
        registrar.classes.update(code("PR01"), name="改名")
    assert ended.value.code == "accounts.session_role_changed" and "审计" in ended.value.message()
    assert "auditor" in ended.value.message("en")
    assert registrar.actor == SIGNED_OUT
    assert office.classes.get(code("PR01")).row.name != "改名"
    # Signing in again gives the account its new rights, and only those.
    registrar.accounts.sign_in("registrar", PASSWORD)
    with pytest.raises(PermissionDenied):
        registrar.classes.update(code("PR01"), name="改名")


def test_local_admin_keeps_acting_until_the_first_run(office):
    """Databases from before accounts existed keep working as they did."""
    assert office.actor.username == LOCAL_ADMIN.username
    fill_demo_institution(office.db, office.cipher, actor=office.actor)


def test_failed_sign_in_counts_survive_a_refusal(office):
    set_up(office)
    with pytest.raises(SignInError):
        office.accounts.sign_in("wang", "wrong password")
    with office.db.reading() as session:
        user = session.scalar(select(AppUser).where(AppUser.username == "wang"))
        assert user.failed_logins == 1 and user.locked_until is None
    assert utcnow()  # the clock the services use
