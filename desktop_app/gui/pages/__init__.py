"""One module per screen; `PAGE_IDS` is the navigation order and the `--page` names (desktop_app/screen_ids.py)."""

from desktop_app.screen_ids import SCREEN_IDS as PAGE_IDS

__all__ = ["PAGE_IDS"]
