"""How domain values read on screen (status, level, sex, subsidy …) in the current language."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app import messages
from desktop_app.domain.assessment import AssessmentResult
from desktop_app.domain.batches import BatchState
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.certificates import CertificateStatus
from desktop_app.domain.china_time import moment_text
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.identity import IdType, Sex
from desktop_app.domain.labelled import LabelledEnum, LabelledIntEnum
from desktop_app.domain.levels import SkillLevel
from desktop_app.domain.roster_outcome import RosterOutcome
from desktop_app.domain.schedule import SessionKind, SessionStatus


def english() -> bool:
    return messages.current_language() == "en"


def _words(kind: type[LabelledEnum] | type[LabelledIntEnum], value: object) -> str:
    """The member's word in the current language; a value the enum does not know, as it is."""
    try:
        return kind(value).label(messages.current_language())
    except ValueError:
        return str(value)


def reference_name(value: object) -> str:
    """A reference-data name (training type, key group) in the interface language: a Bilingual
    from the services carries the reference data's name_en; a plain name shows as it is."""
    if value is None:
        return ""
    if isinstance(value, Bilingual):
        return value.in_language(messages.current_language())
    return str(value)


def class_status(status: ClassStatus | str) -> str:
    return ClassStatus(status).label(messages.current_language())


def level(value: int | None) -> str:
    if value is None:
        return ""
    try:
        return _words(SkillLevel, int(value))
    except ValueError:
        return str(value)


def sex(value: str | None) -> str:
    return _words(Sex, value) if value else ""


def id_type(value: str | None) -> str:
    return _words(IdType, value) if value else ""


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
    return _words(SessionKind, kind)


def session_status(status: str) -> str:
    return _words(SessionStatus, status)


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
    if not preview:
        return _words(RosterOutcome, status)
    try:
        return RosterOutcome(status).preview_words.in_language(messages.current_language())
    except ValueError:
        return status


def assessment_result(result: str | None) -> str:
    """合格 / 不合格, or a dash while there is no result."""
    return _words(AssessmentResult, result) if result else "—"


def certificate_status(status: str | None) -> str:
    """已发证 / 已作废, or 未发证 for a trainee without a certificate."""
    if not status:
        return QCoreApplication.translate("ValueLabels", "Not issued")
    return _words(CertificateStatus, status)


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def date_range(start: date, end: date) -> str:
    return QCoreApplication.translate("ValueLabels", "{start} to {end}").format(start=start.isoformat(), end=end.isoformat())


def time_span(starts_at: datetime, ends_at: datetime) -> str:
    return f"{starts_at:%H:%M}–{ends_at:%H:%M}"


# --- the upload page: batches and their states ---------------------------------------------------

def batch_state(state: str) -> str:
    """Where a batch is on its way to the platform (PROTOCOL §10), in the words clerks use."""
    return _words(BatchState, state)


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
