"""The 报表 screen, still a placeholder: what it will offer, until it is built."""

from desktop_app.gui.screens.reports.page import ReportsPage

__all__ = ["ReportsPage"]
