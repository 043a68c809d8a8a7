"""Card-reader swipe rules from the policy: a double read is one mark, a swipe outside the chosen
session's window is not recorded against it (and names the session it belongs to), and a
sign-out counts only after the policy's minimum time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import update

from desktop_app.domain.attendance import AttendanceStatus
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services.attendance import session_grid, swipe
from desktop_app.services.policies import policy_of
from desktop_app.store.models import PolicyVersion, TrainingClass
from tests.services.test_attendance import first_session, running  # noqa: F401 - the fixture

MORNING = datetime(2026, 12, 1, 8, 30, tzinfo=CHINA_TZ)  # the class's first session: 08:30–12:00


def _swipe(office, session_id, text, at):
    return swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text=text, now=at)


def _row(office, session_id, number=0):
    return session_grid(office.db, session_id, now=MORNING).rows[number]


def test_the_bundled_policies_carry_the_documented_swipe_defaults(office):
    with office.db.reading() as session:
        for row in session.query(PolicyVersion):
            policy = policy_of(row)
            assert (policy.swipe_repeat_minutes, policy.swipe_early_minutes, policy.swipe_after_end_minutes,
                    policy.sign_out_after_minutes) == (2, 30, 15, 10)


def test_a_card_read_twice_seconds_apart_is_one_sign_in_not_a_sign_out(office, running):
    detail, persons = running
    session_id = first_session(detail)
    assert detail.sessions[0].starts_at == MORNING and detail.sessions[0].ends_at.hour == 12
    first = _swipe(office, session_id, persons[0].id_number, MORNING + timedelta(minutes=2))
    again = _swipe(office, session_id, persons[0].id_number, MORNING + timedelta(minutes=2, seconds=3))
    assert first.recorded and not again.recorded and again.calm
    assert "重复" in again.message.message("zh") and persons[0].name in again.message.message("zh")
    row = _row(office, session_id)
    assert row.status is AttendanceStatus.PRESENT and row.value.sign_out_at is None and row.revision == 1
    # A minute later still a duplicate (2 minutes); five minutes later it is no duplicate, but a
    # sign-out only counts 10 minutes after the sign-in: said calmly, nothing recorded.
    assert _swipe(office, session_id, persons[0].id_number, MORNING + timedelta(minutes=3, seconds=30)).calm
    soon = _swipe(office, session_id, persons[0].id_number, MORNING + timedelta(minutes=7))
    assert not soon.recorded and soon.calm and "不算签退" in soon.message.message("zh")
    assert "08:42" in soon.message.message("zh")  # from when a swipe signs out
    assert _row(office, session_id).revision == 1
    # The real sign-out at the end of the session.
    out = _swipe(office, session_id, persons[0].id_number, MORNING + timedelta(hours=3, minutes=31))
    assert out.recorded and "签退" in out.message.message("zh")
    row = _row(office, session_id)
    assert row.value.sign_out_at is not None and row.status is AttendanceStatus.PRESENT


def test_a_swipe_outside_the_session_is_not_recorded_and_names_the_session_it_belongs_to(office, running):
    detail, persons = running
    morning, afternoon = detail.sessions[0], detail.sessions[1]
    assert afternoon.starts_at.date() == morning.starts_at.date()
    # Three hours before the start: no session of the class is near, nothing recorded.
    early = _swipe(office, morning.id, persons[1].id_number, MORNING - timedelta(hours=3))
    assert not early.recorded and not early.calm and early.other_session is None
    assert "不在所选课次" in early.message.message("zh") and "开课前 30 分钟" in early.message.message("zh")
    # Half an hour before the start it counts (as present: not late).
    assert _swipe(office, morning.id, persons[1].id_number, MORNING - timedelta(minutes=30)).recorded
    # An afternoon swipe with the morning session still chosen: not recorded against the morning,
    # and the message names the afternoon session, to which the window offers to switch.
    later = afternoon.starts_at - timedelta(minutes=10)
    evening = _swipe(office, morning.id, persons[2].id_number, later)
    assert not evening.recorded and evening.other_session is not None and evening.other_session.id == afternoon.id
    start = afternoon.starts_at.astimezone(CHINA_TZ)
    assert f"{start:%H:%M}" in evening.message.message("zh") and "切换" in evening.message.message("zh")
    assert _row(office, morning.id, 2).value is None
    # A trainee signed in may still sign out a little after the end, not in the evening.
    signed_in = persons[1].id_number
    assert _swipe(office, morning.id, signed_in, morning.ends_at + timedelta(minutes=10)).recorded
    next_morning = _swipe(office, morning.id, persons[3].id_number, MORNING + timedelta(days=1))
    assert not next_morning.recorded
    assert next_morning.other_session is not None and next_morning.other_session.id != morning.id
    assert _row(office, morning.id, 3).value is None


def test_the_swipe_rules_follow_the_policy_of_the_class(office, running):
    detail, persons = running
    session_id = first_session(detail)
    with office.db.writing() as session:
        policy_id = session.query(TrainingClass).filter_by(code="2026-JZ01").one().policy_id
        session.execute(update(PolicyVersion).where(PolicyVersion.id == policy_id).values(
            swipe_repeat_minutes=0, sign_out_after_minutes=0, swipe_early_minutes=240))
    from desktop_app.services import attendance as attendance_service

    attendance_service._POLICIES.clear()  # (policies are cached: versions are never edited in place)
    assert _swipe(office, session_id, persons[0].id_number, MORNING - timedelta(hours=3)).recorded
    out = _swipe(office, session_id, persons[0].id_number, MORNING - timedelta(hours=3) + timedelta(seconds=5))
    assert out.recorded and "签退" in out.message.message("zh")
    attendance_service._POLICIES.clear()


def test_a_late_sign_in_is_said_in_the_language_asked_for(office, running):
    detail, persons = running
    late = _swipe(office, first_session(detail), persons[4].id_number, MORNING + timedelta(minutes=20))
    assert late.recorded
    assert late.message.message("zh").endswith("签到 08:50（迟到 20 分钟）")
    assert late.message.message("en") == f"{persons[4].name} signed in at 08:50 (20 minutes late)"
