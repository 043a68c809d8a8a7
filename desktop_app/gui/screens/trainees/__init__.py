"""The 学员 screen: search trainees, read one record masked, reveal a full number for a stated purpose."""

from desktop_app.gui.screens.trainees.page import TraineesPage

__all__ = ["TraineesPage"]
