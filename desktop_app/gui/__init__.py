"""The PySide6 window: pages, table models, and a task runner that keeps slow work off the UI thread."""
