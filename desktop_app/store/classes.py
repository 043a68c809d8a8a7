"""Finding a class by its code: the lookup most use cases start from (each says in its own words when there is none)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.messages import UserFacingError
from desktop_app.store.models import TrainingClass


def find_class(session: Session, code: str) -> TrainingClass | None:
    """The class with this code, or None; the code as typed, surrounding spaces ignored (codes are stored trimmed)."""
    return session.scalar(select(TrainingClass).where(TrainingClass.code == code.strip()))


def require_class(session: Session, code: str, *, error: type[UserFacingError], message: str) -> TrainingClass:
    """The class with this code; when there is none, raises `error(message, code=code)`: the caller's area and words."""
    found = find_class(session, code)
    if found is None:
        raise error(message, code=code)
    return found
