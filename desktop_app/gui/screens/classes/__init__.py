"""The 班级 screen: the class list and detail, new and edited classes, sessions, status changes and
sealing, and the roster round trip through Excel (with the import wizard)."""

from desktop_app.gui.screens.classes.page import ClassesPage

__all__ = ["ClassesPage"]
