"""The upload screen and the audit log say the same time for the same moment, on any PC."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from desktop_app.domain.china_time import moment_text
from desktop_app.gui import value_labels as labels


@pytest.fixture
def pc_in_new_york(monkeypatch):
    """A PC left on New York time (eight hours or more from China, either side of daylight saving)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_upload_times_are_china_time_not_the_pcs(pc_in_new_york):
    moment = datetime(2025, 3, 1, 1, 30, tzinfo=timezone.utc)
    assert labels.local_time(moment) == "2025-03-01 09:30"
    assert labels.local_time("2025-03-01T01:30:00Z") == "2025-03-01 09:30"
    assert labels.local_time(moment.replace(tzinfo=None)) == "2025-03-01 09:30"  # stored moments are UTC
    assert labels.local_time(None) == "" and labels.local_time("not a time") == "not a time"


def test_the_upload_screen_and_the_audit_log_agree_on_a_pc_set_to_new_york(pc_in_new_york, office):
    """The audit log shows `occurred_at` in China time; the upload screen formats UTC moments with
    value_labels.local_time. Both must name the same minute for the same entry."""
    entry = office.audit.entries(limit=1)[0]  # opening the database wrote at least one entry
    audit_log_text = f"{entry.occurred_at:%Y-%m-%d %H:%M}"  # as the audit screen shows it, minus seconds
    upload_text = labels.local_time(entry.occurred_at.astimezone(timezone.utc))
    assert upload_text == audit_log_text == moment_text(entry.occurred_at)
    assert entry.occurred_at.utcoffset().total_seconds() == 8 * 3600
