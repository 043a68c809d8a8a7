"""`office.teachers`: the institution's teachers, their 教师 accounts and what they teach."""

from __future__ import annotations

from desktop_app.services import teachers as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.teachers import TeacherRow


class Teachers(OfficePart):
    """List, add, edit and deactivate teachers; assign them to a class or to one session."""

    def list(self, *, include_inactive: bool = True) -> list[TeacherRow]:
        return use_cases.list_teachers(self._db, include_inactive=include_inactive)

    @writes(Area.TEACHERS)
    def add(self, name: str, *, username: str | None = None, phone: str | None = None,
            title: str | None = None) -> TeacherRow:
        """A new active teacher, linked to a 教师 account when `username` names one."""
        return use_cases.add_teacher(self._db, actor=self._acting(), name=name, username=username, phone=phone,
                                     title=title)

    @writes(Area.TEACHERS, Area.CLASSES)
    def edit(self, teacher: int | str, *, name: str | None = None, username: str | None = None,
             phone: str | None = None, title: str | None = None, active: bool | None = None) -> TeacherRow:
        """None leaves a detail as it is; "" clears phone, title or account; active=False deactivates."""
        return use_cases.edit_teacher(self._db, actor=self._acting(), teacher=teacher, name=name, username=username,
                                      phone=phone, title=title, active=active)

    @writes(Area.TEACHERS, Area.CLASSES, Area.SESSIONS)
    def assign(self, class_code: str, teacher: int | str, *, session_number: int | None = None) -> TeacherRow:
        """A teacher of the whole class, or (with `session_number`, 1-based) of one session."""
        return use_cases.assign_teacher(self._db, actor=self._acting(), class_code=class_code, teacher=teacher,
                                        session_number=session_number)

    @writes(Area.TEACHERS, Area.CLASSES, Area.SESSIONS)
    def unassign(self, class_code: str, teacher: int | str) -> None:
        use_cases.unassign_teacher(self._db, actor=self._acting(), class_code=class_code, teacher=teacher)
