"""One way to say a moment: China time, to the minute or the second, whatever the PC's zone."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from desktop_app.domain.china_time import china_moment, moment_text

MOMENT = datetime(2025, 3, 1, 1, 30, 45, tzinfo=timezone.utc)  # 09:30:45 in Beijing


def test_a_utc_moment_reads_in_china_time_to_the_minute_or_the_second():
    assert moment_text(MOMENT) == "2025-03-01 09:30"
    assert moment_text(MOMENT, seconds=True) == "2025-03-01 09:30:45"


def test_late_evening_utc_is_the_next_day_in_china():
    assert moment_text(datetime(2024, 12, 31, 16, 5, tzinfo=timezone.utc)) == "2025-01-01 00:05"


def test_a_moment_given_in_another_zone_is_the_same_moment():
    new_york = timezone(timedelta(hours=-5))
    assert moment_text(MOMENT.astimezone(new_york)) == "2025-03-01 09:30"


def test_a_naive_moment_is_taken_as_utc_as_the_store_keeps_them():
    assert moment_text(MOMENT.replace(tzinfo=None)) == "2025-03-01 09:30"
    assert china_moment(MOMENT.replace(tzinfo=None)).utcoffset() == timedelta(hours=8)


@pytest.fixture
def pc_in_new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_pc_zone_changes_nothing(pc_in_new_york):
    assert time.strftime("%Z") in ("EST", "EDT")
    assert moment_text(MOMENT) == "2025-03-01 09:30"
    assert moment_text(MOMENT.replace(tzinfo=None)) == "2025-03-01 09:30"
