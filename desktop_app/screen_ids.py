"""The window's screens by name, in navigation order: also the names `skilldesk gui --page`
accepts, and Ctrl+1 … Ctrl+8. No Qt here, so the command line reads them without importing the
window; gui/screen_list.py builds one screen for each."""

SCREEN_IDS = ("classes", "trainees", "attendance", "certificates", "sync", "audit", "reports", "settings")
