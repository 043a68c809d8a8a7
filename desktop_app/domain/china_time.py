"""A moment as office staff read it: China time, "YYYY-MM-DD HH:MM", whatever zone the PC is set to.

Every moment the application stores is UTC (the store hands back aware UTC datetimes); people
read them in China time, the zone of every class and every regulation. One function turns one
into the other, so the upload screen, the audit log, backups and the command line say the same
time for the same moment — a PC left on another zone must not shift some of them by hours.
"""

from __future__ import annotations

from datetime import datetime, timezone

from desktop_app.domain.schedule import CHINA_TZ

MINUTES = "%Y-%m-%d %H:%M"
SECONDS = "%Y-%m-%d %H:%M:%S"


def china_moment(moment: datetime) -> datetime:
    """The same moment in China time. A naive datetime is taken as UTC (how moments are stored),
    never as the PC's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(CHINA_TZ)


def moment_text(moment: datetime, *, seconds: bool = False) -> str:
    """`moment` in China time, to the minute ("2025-03-01 09:30") or to the second."""
    return china_moment(moment).strftime(SECONDS if seconds else MINUTES)
