"""Opening and running classes: validation with reasons, generated schedules checked against
the policy, a lifecycle that refuses illegal steps, sessions moved or cancelled with a reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop_app.domain.class_status import ClassStatus, ClassStatusError
from desktop_app.domain.schedule import CHINA_TZ, ScheduleError, parse_schedule_spec
from desktop_app.services.classes import (
    ClassDraft,
    ClassError,
    cancel_session,
    change_class_status,
    create_class,
    get_class,
    list_classes,
    move_session,
    update_class,
)
from desktop_app.store.models import AuditEntry
from tests.services.conftest import make_class


def draft(**overrides) -> ClassDraft:
    values = dict(code="2026-JZ01", name="家政服务员四级培训班", occupation_code="4-10-01-06", level=4,
                  training_type="就业技能培训", start_date=date(2026, 12, 1), end_date=date(2026, 12, 31),
                  capacity=40, planned_lessons=64, schedule=parse_schedule_spec("mon-fri:am,pm/4"))
    values.update(overrides)
    return ClassDraft(**values)


def test_a_new_class_starts_as_draft_with_a_schedule_meeting_the_policy(office):
    detail = create_class(office.db, actor=office.actor, draft=draft())
    assert detail.row.status is ClassStatus.DRAFT
    assert detail.planned_theory_lessons + detail.planned_practice_lessons == 64
    # The default practice share is the policy's minimum (60%), never less.
    assert detail.planned_practice_lessons * 100 >= 60 * 64
    assert detail.schedule_problems == ()
    assert len(detail.sessions) == 16 and all(s.starts_at.tzinfo is not None for s in detail.sessions)
    assert detail.sessions[0].starts_at == datetime(2026, 12, 1, 8, 30, tzinfo=CHINA_TZ)


def test_occupation_codes_are_accepted_in_full_width_and_by_training_type_name(office):
    detail = create_class(office.db, actor=office.actor, draft=draft(occupation_code="４－１０－０１－０６"))
    assert detail.occupation_code == "4-10-01-06"
    assert detail.row.training_type == "就业技能培训"


@pytest.mark.parametrize("overrides, words", [
    ({"occupation_code": "4-99-99-99"}, "不在职业目录中"),
    ({"level": 1}, "没有一级/高级技师"),
    ({"training_type": "跳舞"}, "培训类型“跳舞”无法识别"),
    ({"end_date": date(2026, 11, 1)}, "早于开始日期"),
    ({"capacity": 0}, "1 到 10000"),
    ({"code": "  "}, "请填写班级编号"),
])
def test_invalid_classes_are_refused_with_a_reason_and_nothing_is_saved(office, overrides, words):
    with pytest.raises(ClassError) as refused:
        create_class(office.db, actor=office.actor, draft=draft(**overrides))
    assert words in refused.value.message("zh")
    assert list_classes(office.db) == []


def test_a_class_code_is_unique(office):
    create_class(office.db, actor=office.actor, draft=draft())
    with pytest.raises(ClassError) as refused:
        create_class(office.db, actor=office.actor, draft=draft(name="另一个"))
    assert "已被使用" in refused.value.message("zh")


def test_too_few_hours_for_the_level_is_reported_and_blocks_filing(office, tmp_path):
    detail = create_class(office.db, actor=office.actor, draft=draft(code="SHORT", planned_lessons=24))
    assert any(p.code == "schedule_rules.too_few_lessons" for p in detail.schedule_problems)
    _enrol_one(office, "SHORT", tmp_path)
    with pytest.raises(ClassStatusError) as refused:
        change_class_status(office.db, actor=office.actor, code="SHORT", target="filed", today=date(2026, 11, 20))
    assert "56" in refused.value.message("zh")


def test_a_schedule_that_cannot_hold_the_planned_hours_is_refused(office):
    with pytest.raises(ScheduleError) as refused:
        create_class(office.db, actor=office.actor, draft=draft(end_date=date(2026, 12, 2)))
    assert "最多只能排" in refused.value.message("zh")


def _enrol_one(office, code, tmp_path):
    from desktop_app.services.roster import import_roster
    from tests.services.conftest import people, rows_for, write_roster

    path = write_roster(tmp_path / f"{code}.xlsx", rows_for(people(1)))
    import_roster(office.db, office.cipher, actor=office.actor, class_code=code, source=path, today=date(2026, 11, 20))


def test_the_lifecycle_moves_forward_only_when_the_facts_allow(office, tmp_path):
    make_class(office)
    with pytest.raises(ClassStatusError) as refused:
        change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="filed", today=date(2026, 11, 20))
    assert "学员" in refused.value.message("zh")
    _enrol_one(office, "2026-JZ01", tmp_path)
    detail = change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="filed", today=date(2026, 11, 20))
    assert detail.row.status is ClassStatus.FILED
    with pytest.raises(ClassStatusError):  # not started yet
        change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="in_training", today=date(2026, 11, 30))
    with pytest.raises(ClassStatusError):  # cannot skip ahead
        change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="completed", today=date(2027, 1, 5))
    change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="in_training", today=date(2026, 12, 1))
    detail = change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="completed", today=date(2027, 1, 5))
    assert detail.row.status is ClassStatus.COMPLETED
    with office.db.reading() as session:
        changes = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "class.status_changed")).all()
    assert [c["to"] for c in changes] == ["filed", "in_training", "completed"]


def test_sessions_move_and_cancel_only_with_a_reason_and_are_audited(office):
    detail = make_class(office)
    first = detail.sessions[0]
    with pytest.raises(ClassError):
        cancel_session(office.db, actor=office.actor, session_id=first.id, reason=" ")
    cancelled = cancel_session(office.db, actor=office.actor, session_id=first.id, reason="教师病假")
    assert cancelled.status == "cancelled"
    second = detail.sessions[1]
    moved = move_session(office.db, actor=office.actor, session_id=second.id,
                         starts_at=datetime(2026, 12, 5, 9, 0), ends_at=datetime(2026, 12, 5, 12, 30), reason="场地冲突")
    assert moved.starts_at == datetime(2026, 12, 5, 9, 0, tzinfo=CHINA_TZ)
    after = get_class(office.db, "2026-JZ01")
    # A cancelled session no longer counts towards the planned hours.
    assert after.planned_theory_lessons + after.planned_practice_lessons == 60
    with office.db.reading() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "session")).all()
    assert actions == ["session.cancelled", "session.moved"]


def test_editing_a_class_records_what_changed(office):
    make_class(office)
    detail = update_class(office.db, actor=office.actor, code="2026-JZ01", capacity=45, location="二楼实训室")
    assert (detail.row.capacity, detail.location) == (45, "二楼实训室")
    with office.db.reading() as session:
        details = session.scalar(select(AuditEntry.details).where(AuditEntry.action == "class.updated"))
    assert details["capacity"] == ["60", "45"]


def test_the_list_searches_code_name_and_occupation_and_filters_by_status(office):
    make_class(office, "2026-JZ01")
    make_class(office, "2026-YL01", occupation="4-10-01-05", level=5, lessons=40)
    assert [r.code for r in list_classes(office.db, search="养老")] == ["2026-YL01"]
    assert [r.code for r in list_classes(office.db, search="JZ")] == ["2026-JZ01"]
    assert len(list_classes(office.db, status="draft")) == 2
    assert list_classes(office.db, status="filed") == []
