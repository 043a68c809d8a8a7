"""One module per screen; `PAGE_IDS` is the navigation order and the `--page` names."""

PAGE_IDS = ("classes", "trainees", "attendance", "certificates", "sync", "audit", "reports", "settings")
