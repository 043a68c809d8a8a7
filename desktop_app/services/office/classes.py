"""`office.classes`: training classes, their lifecycle and their sessions."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.services import classes as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.classes import ClassDetail, ClassDraft, ClassRow, OccupationChoice, SessionRow
from desktop_app.services.office.context import OfficePart
from desktop_app.services.teachers import require_teaches_class, visible_class_ids


class Classes(OfficePart):
    """Open, list, edit and move classes along their lifecycle; move or cancel one session."""

    def list(self, *, search: str | None = None, status: str | None = None) -> list[ClassRow]:
        """Classes newest first; `search` matches code, name or occupation name. A 教师 account
        sees only the classes it teaches."""
        rows = use_cases.list_classes(self._db, search=search, status=status)
        visible = visible_class_ids(self._db, self._context.actor)
        return rows if visible is None else [row for row in rows if row.id in visible]

    def get(self, code: str) -> ClassDetail:
        """One class; a 教师 account is refused a class it does not teach."""
        require_teaches_class(self._db, self._context.actor, code)
        return use_cases.get_class(self._db, code)

    @writes(Area.CLASSES, Area.SESSIONS)
    def create(self, draft: ClassDraft) -> ClassDetail:
        """A new class in 草稿 with the sessions its schedule generates."""
        return use_cases.create_class(self._db, actor=self._acting(), draft=draft)

    @writes(Area.CLASSES)
    def update(self, code: str, *, name: str | None = None, capacity: int | None = None, location: str | None = None,
               start_date: date | None = None, end_date: date | None = None,
               project_based: bool | None = None, fee_fen: int | None = None,
               paid_by: str | None = None) -> ClassDetail:
        """Edit a class's details; None leaves a detail as it is."""
        return use_cases.update_class(self._db, actor=self._acting(), code=code, name=name, capacity=capacity,
                                      location=location, start_date=start_date, end_date=end_date,
                                      project_based=project_based, fee_fen=fee_fen, paid_by=paid_by)

    @writes(Area.CLASSES)
    def change_status(self, code: str, target: str, *, today: date | None = None) -> ClassDetail:
        return use_cases.change_class_status(self._db, actor=self._acting(), code=code, target=target, today=today)

    @writes(Area.SESSIONS)
    def move_session(self, session_id: int, starts_at: datetime, ends_at: datetime, reason: str) -> SessionRow:
        return use_cases.move_session(self._db, actor=self._acting(), session_id=session_id, starts_at=starts_at,
                                      ends_at=ends_at, reason=reason)

    @writes(Area.SESSIONS)
    def cancel_session(self, session_id: int, reason: str) -> SessionRow:
        return use_cases.cancel_session(self._db, actor=self._acting(), session_id=session_id, reason=reason)

    def occupation_choices(self) -> list[OccupationChoice]:
        return use_cases.occupation_choices(self._db)

    def training_type_choices(self) -> list[tuple[str, str]]:
        return use_cases.training_type_choices(self._db)
