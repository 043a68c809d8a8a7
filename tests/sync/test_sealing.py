"""Sealing: a completed class is frozen and its signed batch written in the same transaction;
refused with every reason while anything blocks completion."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.permissions import PermissionDenied
from desktop_app.platform.device_keys import verify_signature
from desktop_app.platform.protocol import content_hash
from desktop_app.services import sealing
from desktop_app.services.assessment import class_assessments, record_assessment
from desktop_app.services.attendance import set_mark
from desktop_app.services.classes import ClassError, update_class
from desktop_app.services.sealing import SealRefused, batch_bytes
from desktop_app.store.models import OutboxBatch, OutboxBatchContent, TrainingClass
from tests.services.test_attendance import running  # noqa: F401
from tests.sync.conftest import CLASS, finish_class


def test_sealing_freezes_the_class_and_writes_one_signed_encrypted_batch(office, completed_class):
    _, persons = completed_class
    row = office.outbox.seal(CLASS)
    assert row.state == "sealed" and row.kind == "cohort_completion" and row.class_code == CLASS
    with office.db.reading() as session:
        batch = session.scalar(select(OutboxBatch))
        status = session.scalar(select(TrainingClass.status).where(TrainingClass.code == CLASS))
        data = batch_bytes(session, office.cipher, batch)
        stored = session.get(OutboxBatchContent, batch.id).canonical_bytes
        signature, key_id, size = batch.signature, batch.key_id, batch.size_bytes
    assert status == "sealed"
    # At rest the batch is ciphertext: no identity number can be read from the database file.
    assert persons[0].id_number.encode() not in stored and persons[0].id_number.encode() in data
    assert content_hash(data) == row.content_hash and size == len(data)
    assert key_id == office.device.key().key_id
    assert verify_signature(office.device.key().public_key_pem, signature, data)
    document = json.loads(data)
    assert document["schema"] == "skilldesk-batch/1" and document["batch_id"] == row.batch_id
    payload = document["payload"]
    assert payload["class"]["code"] == CLASS and len(payload["trainees"]) == 5
    assert {t["id_number"] for t in payload["trainees"]} == {p.id_number for p in persons}
    assert [a["result"] for a in payload["assessments"]].count("fail") == 1
    assert len(payload["certificates"]) == 4 and all(isinstance(a["rate_permille"], int) for a in payload["attendance"])
    assert document["reference_versions"]["occupations"]


def test_a_sealed_class_cannot_be_changed_or_sealed_twice(office, completed_class):
    detail, _ = completed_class
    office.outbox.seal(CLASS)
    with pytest.raises(ClassError):
        update_class(office.db, actor=office.actor, code=CLASS, name="改名")
    grid_row = class_assessments(office.db, CLASS)[0]
    with pytest.raises(Exception) as refused:
        record_assessment(office.db, actor=office.actor, class_code=CLASS, enrolment_id=grid_row.enrolment_id,
                          theory=100, practical=100, result="fail")
    assert "封存" in str(refused.value) or "sealed" in str(refused.value)
    with pytest.raises(SealRefused) as again:
        office.outbox.seal(CLASS)
    assert "已封存" in str(again.value)
    with office.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboxBatch)) == 1


def test_sealing_is_refused_with_every_blocking_reason_and_changes_nothing(office, running):  # noqa: F811
    detail, persons = running
    finish_class(office, detail, results=False, certificates=False, mark=False)
    with pytest.raises(SealRefused) as refused:
        office.outbox.seal(CLASS)
    text = str(refused.value)
    assert "还不能封存" in text
    assert text.count("没有记考勤") == 5 and text.count("没有考核结果") == 5
    assert persons[0].name in text
    with office.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboxBatch)) == 0
        assert session.scalar(select(TrainingClass.status).where(TrainingClass.code == CLASS)) == "completed"


def test_a_passed_trainee_without_a_certificate_blocks_sealing(office, running):  # noqa: F811
    detail, _ = running
    finish_class(office, detail, certificates=False)
    with pytest.raises(SealRefused) as refused:
        office.outbox.seal(CLASS)
    assert str(refused.value).count("还没有发证") == 4


def test_only_a_completed_class_can_be_sealed(office, running):  # noqa: F811
    with pytest.raises(SealRefused) as refused:
        office.outbox.seal(CLASS)
    assert "培训中" in str(refused.value) and "已结业" in str(refused.value)


def test_a_teacher_may_not_seal(office, completed_class):
    teacher = Actor(user_id=None, username="li", display_name="李老师", role=Role.TEACHER)
    with pytest.raises(PermissionDenied):
        sealing.seal_class(office.db, office.cipher, office.device.key(), actor=teacher, class_code=CLASS)
    with office.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboxBatch)) == 0
