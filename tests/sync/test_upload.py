"""Upload to the real reference platform on loopback, and the faults it must survive — each
ending with the batch accepted exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest
from sqlalchemy import select

from desktop_app.platform.client import PlatformClient
from desktop_app.platform.device_keys import verify_signature
from desktop_app.platform.protocol import b64
from desktop_app.services import outbox
from desktop_app.services.outbox import OutboxError
from desktop_app.services.sealing import BATCH_FIELD, batch_bytes
from desktop_app.store.models import (
    AuditEntry,
    OutboxBatch,
    OutboxBatchContent,
    ReferenceDocument,
    ReferenceVersion,
    TrainingClass,
)
from tests.sync.conftest import CLASS, INSTITUTION, name_institution


def state_of(office, batch_id):
    return office.outbox.detail(batch_id).row.state


def class_status(office):
    with office.db.reading() as session:
        return session.scalar(select(TrainingClass.status).where(TrainingClass.code == CLASS))


def held_once(platform, batch_id, status="accepted"):
    held = [b for b in platform.batches() if b["batch_id"] == batch_id]
    assert len(held) == 1, held
    assert held[0]["status"] == status
    return held[0]


def test_registration_needs_a_valid_code_and_the_institution(office, completed_class, platform_server):
    # Certificates now need the institution, so the class's fixture set one up: undo it, as on a
    # database where nobody has entered the institution yet.
    name_institution(office, code="UNSET")
    with pytest.raises(OutboxError) as unnamed:
        office.device.register(platform_server.url, "WHATEVER")
    assert "机构信息" in str(unnamed.value)
    name_institution(office)
    with pytest.raises(OutboxError) as wrong:
        office.device.register(platform_server.url, "NOT-A-CODE")
    assert "登记码无效" in str(wrong.value)
    assert office.device.registration() is None
    registration = office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    assert registration.device_id and registration.key_id == office.device.key().key_id


def test_an_upload_without_registration_says_what_to_do(office, completed_class, platform_server):
    row = office.outbox.seal(CLASS)
    report = office.outbox.sync(platform_server.url)
    assert "尚未在省平台登记" in report.stopped_reason or "还没有在省平台登记" in report.stopped_reason
    assert state_of(office, row.batch_id) == "sealed" and platform_server.batches() == []


def test_seal_and_upload_ends_accepted_with_a_verified_receipt_and_the_class_uploaded(office, registered):
    row = office.outbox.seal(CLASS)
    assert class_status(office) == "sealed" and office.status().batches_waiting == 1
    report = office.outbox.sync(registered.url)
    assert (report.uploaded, report.accepted, report.waiting) == (1, 1, 0)
    detail = office.outbox.detail(row.batch_id)
    assert detail.row.state in ("accepted", "accepted_with_warnings") and detail.receipt_verified is True
    assert detail.row.sequence is not None
    assert class_status(office) == "uploaded" and office.status().batches_waiting == 0
    held = held_once(registered, row.batch_id, status=detail.row.state)
    assert held["content_hash"] == row.content_hash and held["times_received"] == 1


def test_connection_dropped_after_the_platform_committed(office, registered):
    row = office.outbox.seal(CLASS)
    registered.set_faults(drop_after_commit=1)
    first = office.outbox.sync(registered.url)
    assert first.offline and state_of(office, row.batch_id) == "sent_unconfirmed"
    assert "连不上" in outbox.error_words("network") or outbox.error_words("network")
    registered.set_faults()
    second = office.outbox.sync(registered.url)
    # The receipt is fetched, not the batch sent again.
    assert second.receipts_fetched == 1 and second.uploaded == 0
    assert state_of(office, row.batch_id) == "accepted" or state_of(office, row.batch_id) == "accepted_with_warnings"
    assert held_once(registered, row.batch_id, status=state_of(office, row.batch_id))["times_received"] == 1


def test_busy_with_retry_after_is_waited_out(office, registered):
    row = office.outbox.seal(CLASS)
    registered.set_faults(busy=1, retry_after=1)
    not_waiting = office.outbox.sync(registered.url, max_wait=0)
    assert not_waiting.retry_after_seconds is not None and not_waiting.retry_after_seconds >= 1
    detail = office.outbox.detail(row.batch_id)
    assert detail.row.state == "sealed" and detail.row.next_attempt_at is not None
    # An automatic (not forced) run respects the platform's Retry-After.
    assert office.outbox.sync(registered.url, force=False).uploaded == 0
    registered.set_faults(busy=1, retry_after=1)
    waited = office.outbox.sync(registered.url, max_wait=5)
    assert waited.accepted == 1
    assert held_once(registered, row.batch_id, status=state_of(office, row.batch_id))["times_received"] == 1


def test_a_timeout_then_the_receipt(office, registered):
    row = office.outbox.seal(CLASS)
    registered.set_faults(slow_seconds=3)
    with PlatformClient(registered.url, timeout=1.0) as impatient:
        report = outbox.upload_pending(office.db, office.cipher, actor=office.actor, url=registered.url, client=impatient)
    assert report.offline and state_of(office, row.batch_id) == "sent_unconfirmed"
    registered.set_faults()
    office.outbox.sync(registered.url)
    assert held_once(registered, row.batch_id, status=state_of(office, row.batch_id))["times_received"] == 1


def test_the_client_killed_mid_upload_asks_for_the_receipt_on_restart(office, registered, settings):
    row = office.outbox.seal(CLASS)
    registered.set_faults(slow_seconds=4)
    env = {"SKILLDESK_DATA_DIR": str(settings.data_dir), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    child = subprocess.Popen([sys.executable, "-m", "desktop_app", "--db", str(settings.sqlite_path), "sync",
                              "--url", registered.url], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while state_of(office, row.batch_id) != "sending":
            assert time.monotonic() < deadline and child.poll() is None, child.communicate()
            time.sleep(0.05)
        child.kill()
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
    assert state_of(office, row.batch_id) == "sending"
    registered.set_faults()
    office.outbox.sync(registered.url)
    assert state_of(office, row.batch_id) in ("accepted", "accepted_with_warnings")
    assert held_once(registered, row.batch_id, status=state_of(office, row.batch_id))["times_received"] == 1


def test_usb_export_verifies_with_openssl_and_a_second_network_upload_is_a_harmless_duplicate(office, registered, tmp_path):
    row = office.outbox.seal(CLASS)
    paths = office.outbox.export_batch(row.batch_id, tmp_path / "usb")
    assert [p.name for p in paths] == [f"{row.batch_id}.json", f"{row.batch_id}.sig", f"{row.batch_id}.pub.pem"]
    assert len(paths[1].read_bytes()) == 64
    verified = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(paths[2]), "-rawin",
                               "-in", str(paths[0]), "-sigfile", str(paths[1])], capture_output=True, text=True)
    assert verified.returncode == 0 and "Signature Verified Successfully" in verified.stdout
    # Another machine uploads the files from the stick...
    data = paths[0].read_bytes()
    answer = httpx.put(f"{registered.url}/api/v1/batches/{row.batch_id}", content=data, headers={
        "Content-Type": "application/json", "X-SkillDesk-Key-Id": office.device.key().key_id,
        "X-SkillDesk-Signature": b64(paths[1].read_bytes()), "X-SkillDesk-Content-Hash": row.content_hash,
        "X-SkillDesk-Client": "0.1.0"})
    assert answer.status_code == 201
    receipt_file = tmp_path / "usb" / "receipt.json"
    receipt_file.write_text(answer.text, encoding="utf-8")
    # ...and this one uploads too: same id, same bytes → the original receipt, marked duplicate.
    report = office.outbox.sync(registered.url)
    assert report.accepted == 1
    assert office.outbox.detail(row.batch_id).receipt_verified is True
    assert held_once(registered, row.batch_id, status=state_of(office, row.batch_id))["times_received"] == 2
    # Importing the carried-back receipt afterwards changes nothing.
    assert office.outbox.import_receipt(receipt_file).state == state_of(office, row.batch_id)


def test_a_receipt_carried_back_on_usb_is_applied_only_if_genuine(office, registered, tmp_path):
    row = office.outbox.seal(CLASS)
    paths = office.outbox.export_batch(row.batch_id, tmp_path / "usb")
    answer = httpx.put(f"{registered.url}/api/v1/batches/{row.batch_id}", content=paths[0].read_bytes(), headers={
        "Content-Type": "application/json", "X-SkillDesk-Key-Id": office.device.key().key_id,
        "X-SkillDesk-Signature": b64(paths[1].read_bytes()), "X-SkillDesk-Content-Hash": row.content_hash,
        "X-SkillDesk-Client": "0.1.0"})
    envelope = answer.json()
    forged = json.loads(json.dumps(envelope))
    forged["receipt"]["sequence"] = 999
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    with pytest.raises(OutboxError) as refused:
        office.outbox.import_receipt(tmp_path / "forged.json")
    assert "签名无法验证" in str(refused.value)
    (tmp_path / "junk.json").write_text("{}", encoding="utf-8")
    with pytest.raises(OutboxError):
        office.outbox.import_receipt(tmp_path / "junk.json")
    assert state_of(office, row.batch_id) == "sealed"
    (tmp_path / "receipt.json").write_text(json.dumps(envelope), encoding="utf-8")
    assert office.outbox.import_receipt(tmp_path / "receipt.json").state in ("accepted", "accepted_with_warnings")
    assert class_status(office) == "uploaded"


def test_a_changed_byte_is_rejected_for_its_signature(office, registered):
    row = office.outbox.seal(CLASS)
    with office.db.writing() as session:
        batch = session.scalar(select(OutboxBatch))
        data = bytearray(batch_bytes(session, office.cipher, batch))
        data[data.index(b'"capacity":') + 11] ^= 0x01  # one digit changes
        session.get(OutboxBatchContent, batch.id).canonical_bytes = office.cipher.encrypt(
            bytes(data).decode("utf-8"), field=BATCH_FIELD)
        batch.content_hash = __import__("hashlib").sha256(bytes(data)).hexdigest()
    report = office.outbox.sync(registered.url)
    assert report.rejected == 1
    detail = office.outbox.detail(row.batch_id)
    assert detail.row.state == "rejected" and "签名" in detail.row.last_error
    assert registered.batches() == []


def test_a_revoked_key_stops_every_upload_and_says_so(office, registered):
    row = office.outbox.seal(CLASS)
    registered.revoke(office.device.key().key_id)
    report = office.outbox.sync(registered.url)
    assert "停用" in report.stopped_reason and report.uploaded == 0
    assert "停用" in office.device.registration().stopped
    again = office.outbox.sync(registered.url)
    assert "停用" in again.stopped_reason
    assert state_of(office, row.batch_id) == "sealed" and registered.batches() == []


def test_after_a_revocation_a_new_enrolment_code_moves_to_a_new_key_and_the_waiting_batch_goes_up_once(
        office, registered, settings):
    row = office.outbox.seal(CLASS)
    revoked = office.device.key()
    registered.revoke(revoked.key_id)
    assert "停用" in office.outbox.sync(registered.url).stopped_reason
    assert "新的登记码" in office.device.registration().stopped  # the message says what will work
    with pytest.raises(OutboxError):  # a wrong code: refused, and nothing changes
        office.device.register(registered.url, registered.enrolment_code(INSTITUTION) + "X")
    assert office.device.key().key_id == revoked.key_id and state_of(office, row.batch_id) == "sealed"

    registration = office.device.register(registered.url, registered.enrolment_code(INSTITUTION))
    new_key = office.device.key()
    assert new_key.key_id != revoked.key_id and registration.key_id == new_key.key_id
    assert office.device.registration().stopped is None
    # The waiting batch was signed again under the new key, as a new batch with the same content.
    assert state_of(office, row.batch_id) == "superseded"
    [old_row] = [b for b in office.outbox.list() if b.batch_id == row.batch_id]
    assert not old_row.last_error  # no stale "uploads are paused" on it
    [again] = [b for b in office.outbox.list() if b.state == "sealed"]
    with office.db.reading() as session:
        old_batch, new_batch = (session.scalar(select(OutboxBatch).where(OutboxBatch.batch_id == batch_id))
                                for batch_id in (row.batch_id, again.batch_id))
        old_doc, new_doc = (json.loads(batch_bytes(session, office.cipher, b)) for b in (old_batch, new_batch))
        assert new_batch.key_id == new_key.key_id and old_batch.superseded_by == again.batch_id
        assert verify_signature(new_key.public_key_pem, new_batch.signature, batch_bytes(session, office.cipher,
                                                                                         new_batch))
    assert new_doc["payload"] == old_doc["payload"] and new_doc["kind"] == old_doc["kind"]
    assert new_doc["device"] == {"device_id": registration.device_id, "key_id": new_key.key_id}
    # Kept: the revoked private key, retired, for re-exporting what it signed.
    assert (settings.key_dir / f"device-ed25519.{revoked.key_id}.retired.pem").exists()

    report = office.outbox.sync(registered.url)
    assert report.accepted == 1 and report.stopped_reason is None
    assert [b["batch_id"] for b in registered.batches()] == [again.batch_id]  # exactly once
    assert class_status(office) == "uploaded"
    with office.db.reading() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"device_key.replaced_after_revocation", "batch.resigned"} <= actions


def test_a_rejected_trainee_is_named_fixed_and_resubmitted_as_a_correction(office, registered):
    first = office.trainees.class_roster(CLASS)[0]
    registered.seed_registry({_full_id(office, first.trainee_id): "王小明"})
    row = office.outbox.seal(CLASS)
    report = office.outbox.sync(registered.url)
    assert report.rejected == 1 and class_status(office) == "returned"
    detail = office.outbox.detail(row.batch_id)
    assert detail.row.state == "rejected"
    [issue] = [i for i in detail.issues if i.severity == "error"]
    assert issue.code == "trainee.name_mismatch" and issue.field == "name" and issue.field_label == "姓名"
    assert issue.trainee_name == first.name and issue.roll_no == first.roll_no
    assert issue.enrolment_id == first.enrolment_id and "身份证" in issue.what_to_do
    assert held_once(registered, row.batch_id, status="rejected")
    assert issue.corrected is None
    office.trainees.correct_name(issue.trainee_id, "王小明", "按省平台意见，以身份证上的姓名为准")
    # The fix is known from the audit log, so it still shows after a restart.
    [fixed] = [i for i in office.outbox.detail(row.batch_id).issues if i.severity == "error"]
    assert fixed.corrected == f"姓名由“{first.name}”改为“王小明”"
    correction = office.outbox.seal_correction(CLASS, "更正第 1 号学员姓名")
    assert correction.kind == "correction" and correction.supersedes == row.batch_id
    report = office.outbox.sync(registered.url)
    assert report.accepted == 1 and class_status(office) == "uploaded"
    assert state_of(office, row.batch_id) == "superseded"
    assert office.outbox.detail(row.batch_id).row.superseded_by == correction.batch_id
    held_once(registered, correction.batch_id, status=state_of(office, correction.batch_id))


def test_a_trainee_subsidised_three_times_this_year_elsewhere_is_withdrawn_then_accepted(office, registered):
    first = office.trainees.class_roster(CLASS)[0]
    registered.seed_prior_subsidies(_full_id(office, first.trainee_id), 2026, 3)  # the class ends in 2026
    row = office.outbox.seal(CLASS)
    office.outbox.sync(registered.url)
    [issue] = [i for i in office.outbox.detail(row.batch_id).issues if i.severity == "error"]
    assert issue.code == "trainee.subsidy_limit" and issue.enrolment_id == first.enrolment_id
    office.trainees.set_subsidy_claim(first.enrolment_id, False, "平台反馈：本年度已在其他机构享受 3 次补贴")
    assert [i.corrected for i in office.outbox.detail(row.batch_id).issues if i.severity == "error"] == ["已改为本次不申请补贴"]
    correction = office.outbox.seal_correction(CLASS, "撤回第 1 号学员的补贴申请")
    assert office.outbox.sync(registered.url).accepted == 1
    assert state_of(office, correction.batch_id) in ("accepted", "accepted_with_warnings")


def test_reference_data_is_pulled_with_etags_and_recorded_in_the_next_batch(office, registered):
    items = [{"edition": "2022", "code": "4-10-01-06", "name": "家政服务员", "levels": [5, 4, 3, 2, 1],
              "subsidy_class": "C", "in_subsidy_catalogue": True},
             {"edition": "2022", "code": "4-10-01-05", "name": "养老护理员", "levels": [5, 4, 3, 2, 1],
              "subsidy_class": "A", "in_subsidy_catalogue": True}]
    registered.publish_reference("occupations", "2027-01", items)
    registered.publish_reference("shortage_list", "2027-01", [{"edition": "2022", "code": "4-10-01-05"}])
    report = office.outbox.sync(registered.url)
    assert set(report.reference_updated) >= {"occupations", "shortage_list"}
    with office.db.reading() as session:
        versions = session.execute(select(ReferenceVersion.version, ReferenceVersion.is_current)
                                   .where(ReferenceVersion.dataset == "occupations")).all()
        documents = [d.document for d in session.scalars(select(ReferenceDocument))]
    assert ("2027-01", True) in versions and any(not current for _, current in versions)  # previous kept
    assert {d["version"] for d in documents} >= {"2027-01"}
    assert office.outbox.sync(registered.url).reference_updated == ()  # ETag: nothing new
    row = office.outbox.seal(CLASS)
    with office.db.reading() as session:
        recorded = session.scalar(select(OutboxBatch.reference_versions).where(OutboxBatch.batch_id == row.batch_id))
    assert recorded["occupations"] == "2027-01" and recorded["shortage_list"] == "2027-01"


def test_reference_data_the_client_cannot_use_is_refused_whole_in_words_and_the_upload_still_counts(
        office, registered):
    before = current_reference_versions(office)
    registered.publish_reference("occupations", "2027-02", [
        {"edition": "2022", "code": "4-10-01-06", "name": "家政服务员", "levels": [5, 4, 3, 2, 1],
         "subsidy_class": "C", "in_subsidy_catalogue": True}])
    registered.publish_reference("subsidy_rates", "2027-02", [{"unexpected": "shape"}])
    office.outbox.seal(CLASS)
    report = office.outbox.sync(registered.url)
    assert report.accepted == 1 and report.reference_updated == ()
    assert "补贴标准" in report.reference_problem and "未予采用" in report.reference_problem
    assert "subsidy_rates" not in report.reference_problem
    # One transaction: the good occupations list of the same pull was not applied either.
    assert current_reference_versions(office) == before


def current_reference_versions(office) -> dict[str, str]:
    with office.db.reading() as session:
        return dict(session.execute(select(ReferenceVersion.dataset, ReferenceVersion.version)
                                    .where(ReferenceVersion.is_current.is_(True))).all())


def _full_id(office, trainee_id):
    return office.trainees.reveal_personal_field(trainee_id, "id_number", "测试：向平台登记核对数据")


def test_key_rotation_is_vouched_for_by_the_old_key_and_later_batches_use_the_new_one(office, registered, settings):
    row = office.outbox.seal(CLASS)
    old = office.device.key()
    with pytest.raises(Exception) as waiting:
        office.device.rotate_key()
    assert "等待上传" in str(waiting.value)
    office.outbox.sync(registered.url)
    new = office.device.rotate_key()
    assert new.key_id != old.key_id
    assert (settings.key_dir / f"device-ed25519.{old.key_id}.retired.pem").exists()
    assert not (settings.key_dir / "device-ed25519.next.pem").exists()
    assert office.device.registration().key_id == new.key_id
    # The old batch still verifies under the old key; the next one is signed by the new key.
    assert office.outbox.detail(row.batch_id).key_id == old.key_id
    first = office.trainees.class_roster(CLASS)[0]
    registered.seed_registry({_full_id(office, first.trainee_id): "王小明"})
    with office.db.writing() as session:
        session.get(TrainingClass, session.scalar(select(TrainingClass.id))).status = "returned"
        session.scalar(select(OutboxBatch)).state = "rejected"
    office.trainees.correct_name(first.trainee_id, first.name + "（更正）", "测试")
    correction = office.outbox.seal_correction(CLASS, "测试新密钥")
    assert office.outbox.detail(correction.batch_id).key_id == new.key_id
    report = office.outbox.sync(registered.url)
    assert report.stopped_reason is None and report.uploaded == 1


def test_a_client_too_old_for_the_platform_stops_and_says_to_upgrade(office, registered):
    row = office.outbox.seal(CLASS)
    registered.set_faults(min_client="99.0.0")
    report = office.outbox.sync(registered.url)
    assert "不再接受这个版本" in report.stopped_reason and report.uploaded == 0
    assert state_of(office, row.batch_id) == "sealed" and registered.batches() == []
    # Automatic uploads stay stopped; after upgrading (here: the platform relents), a person
    # asking to upload tries again and that clears the stop.
    registered.set_faults()
    assert "不再接受这个版本" in office.outbox.sync(registered.url, force=False).stopped_reason
    assert office.outbox.sync(registered.url).accepted == 1
    assert office.device.registration().stopped is None


def test_a_batch_too_large_for_the_platform_is_held_not_resent(office, registered):
    row = office.outbox.seal(CLASS)
    registered.set_faults(max_batch_bytes=1000)
    first = office.outbox.sync(registered.url)
    detail = office.outbox.detail(row.batch_id)
    assert first.uploaded == 0 and detail.row.state == "sealed" and "太大" in detail.row.last_error
    registered.set_faults()
    assert office.outbox.sync(registered.url, force=False).uploaded == 0  # held: not sent again by itself
    assert registered.batches() == []
    # Once the platform takes larger batches, a person asking sends it.
    assert office.outbox.sync(registered.url).accepted == 1


def test_a_platform_that_stays_busy_is_not_hammered(office, registered):
    row = office.outbox.seal(CLASS)
    registered.set_faults(busy=100, retry_after=1)
    report = office.outbox.sync(registered.url, max_wait=2.5)
    assert report.uploaded == 0 and report.retry_after_seconds is not None
    assert office.outbox.detail(row.batch_id).row.attempts <= 3  # within 2.5 s of waiting at 1 s+ each


@pytest.mark.parametrize("content", [
    pytest.param('{"receipt": ' * 50_000 + "1" + "}" * 50_000, id="deeply-nested"),
    pytest.param(None, id="a-float-in-the-receipt"),
    pytest.param("not json at all \x1b[2J", id="not-json"),
    pytest.param('{"receipt": {"schema": "skilldesk-receipt/9"}}', id="unknown-schema"),
    pytest.param('{"receipt": "' + "x" * 3_000_000 + '"}', id="three-megabytes"),
])
def test_a_malformed_receipt_file_is_refused_in_words_and_changes_nothing(office, registered, tmp_path, content):
    row = office.outbox.seal(CLASS)
    if content is None:
        paths = office.outbox.export_batch(row.batch_id, tmp_path / "usb")
        answer = httpx.put(f"{registered.url}/api/v1/batches/{row.batch_id}", content=paths[0].read_bytes(), headers={
            "Content-Type": "application/json", "X-SkillDesk-Key-Id": office.device.key().key_id,
            "X-SkillDesk-Signature": b64(paths[1].read_bytes()), "X-SkillDesk-Content-Hash": row.content_hash,
            "X-SkillDesk-Client": "0.1.0"})
        envelope = answer.json()
        envelope["receipt"]["sequence"] = 1.5
        content = json.dumps(envelope)
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    for language in ("zh", "en"):
        with pytest.raises(OutboxError) as refused:
            office.outbox.import_receipt(tmp_path / "bad.json")
        text = refused.value.message(language)
        assert "bad.json" in text
        for python_words in ("Expecting", "recursion", "float", "schema", "object", "\x1b", "Traceback", "NotCanon"):
            assert python_words not in text, text
    assert "不是省平台的回执" in refused.value.message("zh")
    assert state_of(office, row.batch_id) == "sealed"
