"""What the status bar and the home screen show: database, platform reachability, work waiting."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop_app.domain.batches import PENDING_STATES
from desktop_app.services.outbox import registered_url
from desktop_app.store.engine import Database
from desktop_app.store.models import Institution, OutboxBatch, Trainee, TrainingClass


@dataclass(frozen=True)
class StatusSnapshot:
    database: str
    institution: str | None
    classes: int
    trainees: int
    batches_waiting: int
    # Where this computer was registered (`skilldesk platform register` may have done it): the
    # platform address to use when the settings name none.
    registered_platform_url: str | None = None


def status_snapshot(db: Database) -> StatusSnapshot:
    """A handful of cheap counts (indexed), safe to call at start-up on a large database."""
    with db.reading() as session:
        institution = session.scalar(select(Institution.name).order_by(Institution.id).limit(1))
        classes = session.scalar(select(func.count()).select_from(TrainingClass)) or 0
        trainees = session.scalar(select(func.count()).select_from(Trainee)) or 0
        waiting = session.scalar(
            select(func.count()).select_from(OutboxBatch).where(OutboxBatch.state.in_(PENDING_STATES))
        ) or 0
        registered = registered_url(session)
    return StatusSnapshot(database=db.display_name(), institution=institution, classes=classes,
                          trainees=trainees, batches_waiting=waiting, registered_platform_url=registered or None)
