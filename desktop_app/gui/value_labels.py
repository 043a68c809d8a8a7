"""How domain values read on screen (status, level, sex, subsidy …) in the current language."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app import messages
from desktop_app.domain.china_time import moment_text
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.identity import IdType, Sex
from desktop_app.domain.levels import SkillLevel

def english() -> bool:
    return messages.current_language() == "en"


def class_status(status: ClassStatus | str) -> str:
    status = ClassStatus(status)
    return status.label_en if english() else status.label_zh


def level(value: int | None) -> str:
    if value is None:
        return ""
    try:
        skill = SkillLevel(int(value))
    except ValueError:
        return str(value)
    return skill.label_en if english() else skill.label_zh


def sex(value: str | None) -> str:
    if not value:
        return ""
    try:
        parsed = Sex(value)
    except ValueError:
        return value
    return parsed.label_en if english() else parsed.label_zh


def id_type(value: str | None) -> str:
    if not value:
        return ""
    try:
        parsed = IdType(value)
    except ValueError:
        return value
    return parsed.label_en if english() else parsed.label_zh


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("ValueLabels", "Yes") if value else QCoreApplication.translate("ValueLabels", "No")


def subsidy(status: str) -> str:
    if status == "eligible":
        return QCoreApplication.translate("ValueLabels", "Subsidised")
    if status == "not_eligible":
        return QCoreApplication.translate("ValueLabels", "Not subsidised")
    if status == "overridden":
        return QCoreApplication.translate("ValueLabels", "Subsidised (approved by hand)")
    return status


def subsidised(status: str) -> bool:
    return status in ("eligible", "overridden")


def session_kind(kind: str) -> str:
    if kind == "theory":
        return QCoreApplication.translate("ValueLabels", "Theory")
    if kind == "practice":
        return QCoreApplication.translate("ValueLabels", "Practice")
    return kind


def session_status(status: str) -> str:
    if status == "cancelled":
        return QCoreApplication.translate("ValueLabels", "Cancelled")
    if status == "planned":
        return QCoreApplication.translate("ValueLabels", "Scheduled")
    return status


def weekday(day: date) -> str:
    names = (
        QCoreApplication.translate("ValueLabels", "Mon"),
        QCoreApplication.translate("ValueLabels", "Tue"),
        QCoreApplication.translate("ValueLabels", "Wed"),
        QCoreApplication.translate("ValueLabels", "Thu"),
        QCoreApplication.translate("ValueLabels", "Fri"),
        QCoreApplication.translate("ValueLabels", "Sat"),
        QCoreApplication.translate("ValueLabels", "Sun"),
    )
    return names[day.weekday()]


def roster_outcome(status: str, *, preview: bool) -> str:
    """What an import did (or, in a preview, will do) with one spreadsheet row."""
    if preview:
        texts = {
            "enrolled": QCoreApplication.translate("ValueLabels", "Will enrol"),
            "enrolled_without_subsidy": QCoreApplication.translate("ValueLabels", "Will enrol (no subsidy)"),
            "already_enrolled": QCoreApplication.translate("ValueLabels", "Already in the class"),
            "rejected": QCoreApplication.translate("ValueLabels", "Cannot import"),
        }
    else:
        texts = {
            "enrolled": QCoreApplication.translate("ValueLabels", "Enrolled"),
            "enrolled_without_subsidy": QCoreApplication.translate("ValueLabels", "Enrolled (no subsidy)"),
            "already_enrolled": QCoreApplication.translate("ValueLabels", "Already in the class"),
            "rejected": QCoreApplication.translate("ValueLabels", "Not imported"),
        }
    return texts.get(status, status)


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def date_range(start: date, end: date) -> str:
    return QCoreApplication.translate("ValueLabels", "{start} to {end}").format(start=start.isoformat(), end=end.isoformat())


def time_span(starts_at: datetime, ends_at: datetime) -> str:
    return f"{starts_at:%H:%M}–{ends_at:%H:%M}"


# --- the upload page: batches and their states ---------------------------------------------------

def batch_state(state: str) -> str:
    """Where a batch is on its way to the platform (PROTOCOL §10), in the words clerks use."""
    texts = {
        "sealed": QCoreApplication.translate("ValueLabels", "Waiting to upload"),
        "sending": QCoreApplication.translate("ValueLabels", "Uploading"),
        "sent_unconfirmed": QCoreApplication.translate("ValueLabels", "Sent, awaiting confirmation"),
        "accepted": QCoreApplication.translate("ValueLabels", "Uploaded"),
        "accepted_with_warnings": QCoreApplication.translate("ValueLabels", "Uploaded (with notes)"),
        "rejected": QCoreApplication.translate("ValueLabels", "Returned"),
        "superseded": QCoreApplication.translate("ValueLabels", "Replaced by a newer batch"),
    }
    return texts.get(state, state)


def batch_kind(kind: str) -> str:
    if kind == "cohort_completion":
        return QCoreApplication.translate("ValueLabels", "Completion report")
    if kind == "correction":
        return QCoreApplication.translate("ValueLabels", "Correction")
    return kind


def local_time(value: datetime | str | None) -> str:
    """A UTC moment (or its ISO text) in China time, to the minute, as everywhere else in the
    application (not in this PC's zone); "" for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return moment_text(value)
