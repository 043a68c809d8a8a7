"""The 设置 screen: preferences, accounts and where the data lives."""

from desktop_app.gui.screens.settings.page import SettingsPage

__all__ = ["SettingsPage"]
