"""One package per screen of the main window: its page, its table models and its dialogs."""
