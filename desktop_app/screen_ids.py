"""The window's screens by name, in navigation order: also the names `skilldesk gui --page`
accepts. No Qt here, so the command line reads them without importing the window."""

SCREEN_IDS = ("classes", "trainees", "attendance", "certificates", "sync", "audit", "reports", "settings")
