"""Use cases for teachers (授课教师): create, edit, deactivate, link a 教师 account, assign to a
class or to one session, and the one answer to "which classes does this teacher account teach",
which the class list, the class page and attendance all ask before a teacher sees or marks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission, PermissionDenied, require
from desktop_app.services import audit
from desktop_app.store.classes import require_class
from desktop_app.store.engine import Database
from desktop_app.store.models import AppUser, ClassSession, ClassTeacher, Institution, Teacher, TrainingClass

messages.register(
    {
        "teacher.name_required": ("请填写教师姓名。", "Enter the teacher's name."),
        "teacher.name_too_long": ("教师姓名最多 {limit} 个字。", "A teacher's name has at most {limit} characters."),
        "teacher.name_taken": (
            "已有一位名叫“{name}”的在职教师。同名的两位教师请在姓名后加以区分，例如“{name}（烹饪）”。",
            "There is already an active teacher named “{name}”. Tell two teachers of the same name apart, "
            "e.g. “{name} (cookery)”.",
        ),
        "teacher.not_found": ("找不到名为“{name}”的教师。请先在教师名单中添加这位教师。",
                              "No teacher is named “{name}”. Add the teacher to the list first."),
        "teacher.inactive": ("教师“{name}”已停用，不能安排课程。如需安排，请先重新启用。",
                             "The teacher “{name}” is deactivated and cannot be assigned; reactivate them first."),
        "teacher.user_not_found": ("找不到账号“{user}”。请先由管理员创建这个账号（角色为“教师”）。",
                                   "There is no account “{user}”. Ask an administrator to create it (role Teacher)."),
        "teacher.user_not_teacher": (
            "账号“{user}”的角色是“{role:zh}”，不是“教师”，不能关联为授课教师。请让管理员把角色改为“教师”，或选择另一个账号。",
            "The account “{user}” has the role “{role:en}”, not Teacher, so it cannot be linked to a teacher. "
            "Ask an administrator to change its role, or choose another account.",
        ),
        "teacher.user_linked": ("账号“{user}”已关联教师“{teacher}”，一个账号只能关联一位教师。",
                                "The account “{user}” is already linked to the teacher “{teacher}”; one account, one teacher."),
        "teacher.phone_invalid": ("电话“{value}”无法识别：只能包含数字、空格和“-”，最多 {limit} 位。",
                                  "The phone “{value}” is not understood: digits, spaces and “-” only, at most {limit}."),
        "teacher.session_not_found": ("班级 {code} 没有第 {number} 次课（共 {count} 次）。",
                                      "Class {code} has no session {number} (it has {count})."),
        "teacher.class_read_only": ("班级 {code} 的状态是“{status:zh}”，不能再更改授课教师。",
                                    "Class {code} is “{status:en}”; its teachers can no longer change."),
        "teacher.not_your_class": (
            "“{user}”不是班级 {code} 的授课教师，看不到这个班。请让教务把您安排为本班教师。",
            "“{user}” does not teach class {code} and cannot see it. Ask the registrar to assign you to the class.",
        ),
    }
)

NAME_LIMIT = 50
PHONE_LIMIT = 30


class TeacherError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class TeacherRow:
    """A teacher as the list shows them: the linked account by name, the classes they teach."""

    id: int
    name: str
    title: str | None
    phone: str | None
    username: str | None
    active: bool
    classes: tuple[str, ...]


# --- who teaches what --------------------------------------------------------------------------


def taught_class_ids(session: Session, user_id: int | None) -> set[int]:
    """The classes an account teaches: as a teacher of the class or of any one of its sessions,
    through an active teacher linked to the account."""
    if user_id is None:
        return set()
    teacher_ids = select(Teacher.id).where(Teacher.user_id == user_id, Teacher.is_active.is_(True))
    by_class = session.scalars(select(ClassTeacher.class_id).where(ClassTeacher.teacher_id.in_(teacher_ids)))
    by_session = session.scalars(select(ClassSession.class_id).where(ClassSession.teacher_id.in_(teacher_ids)))
    return set(by_class) | set(by_session)


def visible_class_ids(db: Database, actor: Actor) -> set[int] | None:
    """The classes `actor` may see: None for every role but 教师 (all of them)."""
    if actor.role is not Role.TEACHER or not actor.signed_in:
        return None
    with db.reading() as session:
        return taught_class_ids(session, actor.user_id)


def require_teaches(session: Session, actor: Actor, c: TrainingClass) -> None:
    """Refuse a 教师 account a class it does not teach (other roles pass)."""
    if actor.role is not Role.TEACHER or not actor.signed_in:
        return
    if c.id not in taught_class_ids(session, actor.user_id):
        raise PermissionDenied("teacher.not_your_class", user=actor.display_name, code=c.code)


def require_teaches_class(db: Database, actor: Actor, class_code: str) -> None:
    if actor.role is not Role.TEACHER or not actor.signed_in:
        return
    with db.reading() as session:
        c = require_class(session, class_code, error=TeacherError, message="roster.class_not_found")
        require_teaches(session, actor, c)


def require_teaches_session(db: Database, actor: Actor, session_id: int) -> None:
    if actor.role is not Role.TEACHER or not actor.signed_in:
        return
    with db.reading() as session:
        s = session.get(ClassSession, session_id)
        if s is not None:
            require_teaches(session, actor, session.get(TrainingClass, s.class_id))


# --- reading ------------------------------------------------------------------------------------


def list_teachers(db: Database, *, include_inactive: bool = True) -> list[TeacherRow]:
    """Active teachers first, by name; each with the codes of the classes they teach."""
    with db.reading() as session:
        query = select(Teacher, AppUser.username).outerjoin(AppUser, AppUser.id == Teacher.user_id)
        if not include_inactive:
            query = query.where(Teacher.is_active.is_(True))
        rows = session.execute(query.order_by(Teacher.is_active.desc(), Teacher.name, Teacher.id)).all()
        classes: dict[int, set[str]] = {}
        for teacher_id, code in session.execute(
            select(ClassTeacher.teacher_id, TrainingClass.code).join(TrainingClass, TrainingClass.id == ClassTeacher.class_id)
        ):
            classes.setdefault(teacher_id, set()).add(code)
        for teacher_id, code in session.execute(
            select(ClassSession.teacher_id, TrainingClass.code).join(TrainingClass, TrainingClass.id == ClassSession.class_id)
            .where(ClassSession.teacher_id.is_not(None)).distinct()
        ):
            classes.setdefault(teacher_id, set()).add(code)
        return [TeacherRow(id=t.id, name=t.name, title=t.title, phone=t.phone, username=username, active=t.is_active,
                           classes=tuple(sorted(classes.get(t.id, ()))))
                for t, username in rows]


# --- writing ------------------------------------------------------------------------------------


def _name(value: str | None) -> str:
    name = unicodedata.normalize("NFC", " ".join((value or "").split()))
    if not name:
        raise TeacherError("teacher.name_required")
    if len(name) > NAME_LIMIT:
        raise TeacherError("teacher.name_too_long", limit=NAME_LIMIT)
    return name


def _phone(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    if not text:
        return None
    if len(text) > PHONE_LIMIT or not all(ch.isdigit() or ch in " -" for ch in text) or not any(ch.isdigit() for ch in text):
        raise TeacherError("teacher.phone_invalid", value=value, limit=PHONE_LIMIT)
    return text


def _name_free(session: Session, name: str, *, except_id: int | None = None) -> None:
    query = select(Teacher.id).where(Teacher.name == name, Teacher.is_active.is_(True))
    if except_id is not None:
        query = query.where(Teacher.id != except_id)
    if session.scalar(query.limit(1)) is not None:
        raise TeacherError("teacher.name_taken", name=name)


def _account(session: Session, username: str, *, teacher_id: int | None) -> AppUser:
    user = session.scalar(select(AppUser).where(AppUser.username == username.strip()))
    if user is None:
        raise TeacherError("teacher.user_not_found", user=username.strip())
    if user.role != Role.TEACHER.value:
        raise TeacherError("teacher.user_not_teacher", user=user.username, role=Role(user.role).words)
    other = session.scalar(select(Teacher).where(Teacher.user_id == user.id, Teacher.is_active.is_(True),
                                                 *([Teacher.id != teacher_id] if teacher_id else [])))
    if other is not None:
        raise TeacherError("teacher.user_linked", user=user.username, teacher=other.name)
    return user


def find_teacher(session: Session, name: str) -> Teacher:
    """The teacher of this name, the active one first."""
    wanted = _name(name)
    teacher = session.scalar(select(Teacher).where(Teacher.name == wanted)
                             .order_by(Teacher.is_active.desc(), Teacher.id.desc()).limit(1))
    if teacher is None:
        raise TeacherError("teacher.not_found", name=wanted)
    return teacher


def _teacher(session: Session, teacher: int | str) -> Teacher:
    if isinstance(teacher, int):
        row = session.get(Teacher, teacher)
        if row is None:
            raise TeacherError("teacher.not_found", name=teacher)
        return row
    return find_teacher(session, teacher)


def _row_of(session: Session, teacher: Teacher) -> TeacherRow:
    username = session.scalar(select(AppUser.username).where(AppUser.id == teacher.user_id)) if teacher.user_id else None
    codes = set(session.scalars(select(TrainingClass.code).join(ClassTeacher, ClassTeacher.class_id == TrainingClass.id)
                                .where(ClassTeacher.teacher_id == teacher.id)))
    codes |= set(session.scalars(select(TrainingClass.code).join(ClassSession, ClassSession.class_id == TrainingClass.id)
                                 .where(ClassSession.teacher_id == teacher.id)))
    return TeacherRow(id=teacher.id, name=teacher.name, title=teacher.title, phone=teacher.phone, username=username,
                      active=teacher.is_active, classes=tuple(sorted(codes)))


def add_teacher(db: Database, *, actor: Actor, name: str, username: str | None = None, phone: str | None = None,
                title: str | None = None) -> TeacherRow:
    """A new active teacher, linked to a 教师 account when one is named."""
    require(actor, Permission.MANAGE_CLASSES)
    clean_name, clean_phone = _name(name), _phone(phone)
    with db.writing() as session:
        institution = session.scalar(select(Institution).order_by(Institution.id).limit(1))
        if institution is None:
            # Before the first-run wizard names the institution, as a new class does.
            from desktop_app.services.classes import _placeholder_institution

            institution = _placeholder_institution(session)
        _name_free(session, clean_name)
        user = _account(session, username, teacher_id=None) if username and username.strip() else None
        teacher = Teacher(institution_id=institution.id, name=clean_name, phone=clean_phone,
                          title=(title or "").strip() or None, user_id=user.id if user else None, is_active=True)
        session.add(teacher)
        session.flush()
        audit.record(session, actor, "teacher.created", entity_type="teacher", entity_id=str(teacher.id),
                     details={"name": clean_name, "user": user.username if user else None,
                              "phone": bool(clean_phone), "title": teacher.title})
        return _row_of(session, teacher)


def edit_teacher(db: Database, *, actor: Actor, teacher: int | str, name: str | None = None,
                 username: str | None = None, phone: str | None = None, title: str | None = None,
                 active: bool | None = None) -> TeacherRow:
    """Change a teacher's details; None leaves a detail as it is, "" clears the phone, title or
    linked account. A deactivated teacher keeps their past classes but can no longer be assigned,
    and their account no longer sees or marks any class."""
    require(actor, Permission.MANAGE_CLASSES)
    with db.writing() as session:
        row = _teacher(session, teacher)
        changes: dict[str, dict[str, object]] = {}
        if name is not None:
            new_name = _name(name)
            if new_name != row.name:
                if row.is_active or active:
                    _name_free(session, new_name, except_id=row.id)
                changes["name"] = {"from": row.name, "to": new_name}
                row.name = new_name
        if phone is not None:
            new_phone = _phone(phone)
            if new_phone != row.phone:
                changes["phone"] = {"from": bool(row.phone), "to": bool(new_phone)}
                row.phone = new_phone
        if title is not None:
            new_title = title.strip() or None
            if new_title != row.title:
                changes["title"] = {"from": row.title, "to": new_title}
                row.title = new_title
        if username is not None:
            old_user = session.scalar(select(AppUser.username).where(AppUser.id == row.user_id)) if row.user_id else None
            user = _account(session, username, teacher_id=row.id) if username.strip() else None
            if (user.id if user else None) != row.user_id:
                changes["user"] = {"from": old_user, "to": user.username if user else None}
                row.user_id = user.id if user else None
        if active is not None and active != row.is_active:
            if active:
                _name_free(session, row.name, except_id=row.id)
                if row.user_id:
                    linked = session.get(AppUser, row.user_id)
                    _account(session, linked.username, teacher_id=row.id)
            changes["active"] = {"from": row.is_active, "to": active}
            row.is_active = active
        if changes:
            audit.record(session, actor, "teacher.edited", entity_type="teacher", entity_id=str(row.id),
                         details={"name": row.name, "changes": changes})
        return _row_of(session, row)


def assign_teacher(db: Database, *, actor: Actor, class_code: str, teacher: int | str,
                   session_number: int | None = None) -> TeacherRow:
    """Make `teacher` a teacher of the class (and of its sessions that have none yet), or, with
    `session_number` (1-based, in the order the class page lists its sessions), the teacher of
    that one session only."""
    require(actor, Permission.MANAGE_CLASSES)
    with db.writing() as session:
        c = require_class(session, class_code, error=TeacherError, message="roster.class_not_found")
        status = ClassStatus(c.status)
        if status.is_read_only:
            raise TeacherError("teacher.class_read_only", code=c.code, status=status.words)
        row = _teacher(session, teacher)
        if not row.is_active:
            raise TeacherError("teacher.inactive", name=row.name)
        sessions = session.scalars(select(ClassSession).where(ClassSession.class_id == c.id)
                                   .order_by(ClassSession.starts_at, ClassSession.id)).all()
        if session_number is not None:
            if not 1 <= session_number <= len(sessions):
                raise TeacherError("teacher.session_not_found", code=c.code, number=session_number, count=len(sessions))
            target = sessions[session_number - 1]
            previous = target.teacher_id
            target.teacher_id = row.id
            audit.record(session, actor, "teacher.assigned", entity_type="class_session", entity_id=target.uid,
                         class_id=c.id, details={"teacher": row.name, "session": session_number,
                                                 "previous_teacher_id": previous})
        else:
            exists = session.scalar(select(ClassTeacher.teacher_id).where(
                ClassTeacher.class_id == c.id, ClassTeacher.teacher_id == row.id))
            if exists is None:
                session.add(ClassTeacher(class_id=c.id, teacher_id=row.id))
            filled = 0
            for s in sessions:
                if s.teacher_id is None:
                    s.teacher_id = row.id
                    filled += 1
            audit.record(session, actor, "teacher.assigned", entity_type="class", entity_id=c.code, class_id=c.id,
                         details={"teacher": row.name, "sessions_filled": filled})
        session.flush()
        return _row_of(session, row)


def unassign_teacher(db: Database, *, actor: Actor, class_code: str, teacher: int | str) -> None:
    """Take a teacher off a class: off its list and off every session they were given in it."""
    require(actor, Permission.MANAGE_CLASSES)
    with db.writing() as session:
        c = require_class(session, class_code, error=TeacherError, message="roster.class_not_found")
        status = ClassStatus(c.status)
        if status.is_read_only:
            raise TeacherError("teacher.class_read_only", code=c.code, status=status.words)
        row = _teacher(session, teacher)
        session.query(ClassTeacher).filter(ClassTeacher.class_id == c.id, ClassTeacher.teacher_id == row.id).delete()
        cleared = 0
        for s in session.scalars(select(ClassSession).where(ClassSession.class_id == c.id,
                                                            ClassSession.teacher_id == row.id)):
            s.teacher_id = None
            cleared += 1
        audit.record(session, actor, "teacher.unassigned", entity_type="class", entity_id=c.code, class_id=c.id,
                     details={"teacher": row.name, "sessions_cleared": cleared})


__all__ = ["TeacherError", "TeacherRow", "add_teacher", "assign_teacher", "edit_teacher", "find_teacher",
           "list_teachers", "require_teaches", "taught_class_ids", "unassign_teacher", "visible_class_ids"]
