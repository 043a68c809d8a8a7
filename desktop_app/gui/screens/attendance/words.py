"""What the attendance screen says about marks, sessions and completion, in the current language
(shared by its models, dialogs and parts; the translation contexts are the ones these words
always had, so the Chinese stays where it is)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app import messages
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ, Period
from desktop_app.gui import value_labels as labels
from desktop_app.services.attendance import SessionInfo, SummaryRow


def status_label(status: AttendanceStatus | None) -> str:
    if status is None:
        return QCoreApplication.translate("AttendanceGrid", "Not marked")
    return status.label_en.capitalize() if labels.english() else status.label_zh


def china_time(moment: datetime | None) -> datetime | None:
    """A stored moment in China time (a naive one is taken to be China time already)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ)


def clock(moment: datetime | None) -> str:
    local = china_time(moment)
    return f"{local:%H:%M}" if local else ""


def minutes_text(value: MarkValue | None) -> str:
    """What the 迟到/早退 column says: "迟到 17", "早退 5", or both."""
    if value is None:
        return ""
    parts = []
    if value.late_minutes:
        parts.append(QCoreApplication.translate("AttendanceGrid", "late {minutes}").format(minutes=value.late_minutes))
    if value.early_leave_minutes:
        parts.append(QCoreApplication.translate("AttendanceGrid", "early {minutes}").format(
            minutes=value.early_leave_minutes))
    return " · ".join(parts)


def describe_mark(value: MarkValue | None) -> str:
    """One mark in a sentence fragment, for the history: "迟到 17 分钟（签到 08:47）"."""
    if value is None:
        return status_label(None)
    text = status_label(value.status)
    details = []
    if value.late_minutes:
        details.append(QCoreApplication.translate("AttendanceGrid", "{minutes} min late").format(
            minutes=value.late_minutes))
    if value.early_leave_minutes:
        details.append(QCoreApplication.translate("AttendanceGrid", "left {minutes} min early").format(
            minutes=value.early_leave_minutes))
    if value.leave_reason:
        details.append(value.leave_reason)
    if value.sign_in_at:
        details.append(QCoreApplication.translate("AttendanceGrid", "in {time}").format(time=clock(value.sign_in_at)))
    if value.sign_out_at:
        details.append(QCoreApplication.translate("AttendanceGrid", "out {time}").format(time=clock(value.sign_out_at)))
    return f"{text}（{'，'.join(details)}）" if details else text


def eligibility_state(row: SummaryRow) -> str:
    """The standing, the same as the CLI's summary and the workbook say (domain.attendance.Standing):
    while sessions remain, in training, needs attention or cannot complete; once the class has
    run, eligible or not."""
    return row.standing.value


def eligibility_label(row: SummaryRow) -> str:
    return {
        "on_track": QCoreApplication.translate("AttendanceGrid", "In training"),
        "needs_attention": QCoreApplication.translate("AttendanceGrid", "Needs attention"),
        "cannot_complete": QCoreApplication.translate("AttendanceGrid", "Cannot complete"),
        "eligible": QCoreApplication.translate("AttendanceGrid", "Eligible"),
        "not_eligible": QCoreApplication.translate("AttendanceGrid", "Not eligible"),
    }[eligibility_state(row)]


def period_of(starts_at: datetime) -> Period:
    """The half-day a sitting belongs to, from its start time (SessionInfo has no period of its own)."""
    if starts_at.hour < 12:
        return Period.MORNING
    if starts_at.hour < 18:
        return Period.AFTERNOON
    return Period.EVENING


def period_label(starts_at: datetime) -> str:
    """上午/下午/晚上 (Morning/Afternoon/Evening): the period's own words."""
    return period_of(starts_at).label(messages.current_language())


def session_text(info: SessionInfo, today: date | None = None) -> str:
    """"12月1日 周二 上午 08:30–12:00 理论 4课时"."""
    start = info.starts_at
    template = QCoreApplication.translate("AttendancePage",
                                          "{month}/{day} {weekday} {period} {time} {kind} {lessons} lessons")
    text = template.format(
        month=start.month, day=start.day, weekday=labels.weekday(start.date()), period=period_label(start),
        time=labels.time_span(info.starts_at, info.ends_at), kind=labels.session_kind(info.kind), lessons=info.lessons)
    if info.cancelled:
        return QCoreApplication.translate("AttendancePage", "{session} (cancelled)").format(session=text)
    if today is not None and start.date() == today:
        return QCoreApplication.translate("AttendancePage", "{session} (today)").format(session=text)
    return text


def keys_text() -> str:
    """The status keys and H, for the help under the grid: "1/P 出勤 · … · H 查看记录"."""
    keys = [f"{s.shortcut}/{s.letter} {status_label(s)}" for s in AttendanceStatus]
    return " · ".join(keys) + " · " + QCoreApplication.translate("AttendancePage", "H history")
