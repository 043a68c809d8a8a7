"""The 考勤 screen: class and session choice, the marks grid with keyboard and card reader, a mark's
history, imports and sign-in sheets, and the summary (see page.py for how the parts fit)."""

from desktop_app.gui.screens.attendance.page import AttendancePage

__all__ = ["AttendancePage"]
