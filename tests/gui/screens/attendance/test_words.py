"""A session reads with its half-day in the period's own words: 上午/下午/晚上, Morning/Afternoon/Evening."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop_app.domain.schedule import CHINA_TZ, Period, SessionKind
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.screens.attendance.words import period_of, session_text
from desktop_app.services.attendance import SessionInfo

pytestmark = pytest.mark.usefixtures("chinese")


def _session(hour: int, minute: int = 30) -> SessionInfo:
    starts = datetime(2026, 12, 1, hour, minute, tzinfo=CHINA_TZ)
    return SessionInfo(id=1, class_code="2026-KQ01", class_name="考勤测试班", starts_at=starts,
                       ends_at=starts + timedelta(hours=3), kind=SessionKind.THEORY, lessons=4, cancelled=False)


def test_the_half_day_follows_the_start_time():
    assert [period_of(_session(h).starts_at) for h in (8, 11, 12, 13, 17, 18, 19)] == [
        Period.MORNING, Period.MORNING, Period.AFTERNOON, Period.AFTERNOON, Period.AFTERNOON, Period.EVENING,
        Period.EVENING]


@pytest.mark.parametrize("language, words", [("zh", ("上午", "下午", "晚上")), ("en", ("Morning", "Afternoon", "Evening"))])
def test_the_period_word_is_in_the_interface_language(qapp, language, words):
    install_translators(qapp, language)
    texts = [session_text(_session(hour)) for hour in (8, 13, 18)]
    assert all(word in text for word, text in zip(words, texts, strict=True)), texts
