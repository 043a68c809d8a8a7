"""Every move between batch states that the outbox makes, walked through the real flows against the
real reference platform: each flow makes exactly the moves it lists, every move made is one the
state machine allows (domain/batches.py refuses any other), and every allowed move is made by some
flow, so the allowed set is no wider than the code needs.

(A client killed mid-upload, as in test_upload.py, leaves `sending` from another process; what this
process then does, sending → accepted, is walked here by the other flows.)
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import select

from desktop_app.domain.batches import ALLOWED_TRANSITIONS, BatchState, recording_transitions
from desktop_app.platform.client import PlatformClient
from desktop_app.platform.protocol import b64
from desktop_app.services import outbox
from desktop_app.services.sealing import BATCH_FIELD, batch_bytes
from desktop_app.store.models import OutboxBatch, OutboxBatchContent
from tests.sync.conftest import CLASS, INSTITUTION

S = BatchState
Move = tuple[BatchState, BatchState]


def state_of(office, batch_id: str) -> BatchState:
    return office.outbox.detail(batch_id).row.state


def _verdict(office, platform, verdict: S) -> None:
    """Make the platform's check of the next batch end in `verdict`."""
    if verdict is S.ACCEPTED_WITH_WARNINGS:
        # Newer reference data on the platform than the batch was checked against: a note.
        platform.publish_reference("shortage_list", "2099-01", [{"edition": "2022", "code": "4-10-01-05"}])
    elif verdict is S.REJECTED:
        first = office.trainees.class_roster(CLASS)[0]
        full_id = office.trainees.reveal_personal_field(first.trainee_id, "id_number", "测试：向平台登记核对数据")
        platform.seed_registry({full_id: "王小明"})  # the registry knows another name: an error


def _carried_to_the_platform(office, platform, batch_id: str, folder) -> dict:
    """The batch exported to a USB stick and uploaded from another machine; its receipt envelope."""
    paths = office.outbox.export_batch(batch_id, folder)
    answer = httpx.put(f"{platform.url}/api/v1/batches/{batch_id}", content=paths[0].read_bytes(), headers={
        "Content-Type": "application/json", "X-SkillDesk-Key-Id": office.device.key().key_id,
        "X-SkillDesk-Signature": b64(paths[1].read_bytes()),
        "X-SkillDesk-Content-Hash": office.outbox.detail(batch_id).content_hash, "X-SkillDesk-Client": "0.1.0"})
    assert answer.status_code == 201, answer.text
    return answer.json()


# --- the flows -----------------------------------------------------------------------------------


def upload(verdict: S) -> Callable:
    def flow(office, platform, tmp_path) -> None:
        row = office.outbox.seal(CLASS)
        _verdict(office, platform, verdict)
        office.outbox.sync(platform.url)
        assert state_of(office, row.batch_id) is verdict
    return flow


def answer_lost_after_commit(verdict: S) -> Callable:
    def flow(office, platform, tmp_path) -> None:
        row = office.outbox.seal(CLASS)
        _verdict(office, platform, verdict)
        platform.set_faults(drop_after_commit=1)
        assert office.outbox.sync(platform.url).offline and state_of(office, row.batch_id) is S.SENT_UNCONFIRMED
        platform.set_faults()
        assert office.outbox.sync(platform.url).receipts_fetched == 1
        assert state_of(office, row.batch_id) is verdict
    return flow


def receipt_carried_back(verdict: S) -> Callable:
    def flow(office, platform, tmp_path) -> None:
        row = office.outbox.seal(CLASS)
        _verdict(office, platform, verdict)
        envelope = _carried_to_the_platform(office, platform, row.batch_id, tmp_path / "usb")
        (tmp_path / "receipt.json").write_text(json.dumps(envelope), encoding="utf-8")
        assert office.outbox.import_receipt(tmp_path / "receipt.json").state is verdict
    return flow


def returned_then_corrected(office, platform, tmp_path) -> None:
    row = office.outbox.seal(CLASS)
    _verdict(office, platform, S.REJECTED)
    office.outbox.sync(platform.url)
    [issue] = [i for i in office.outbox.detail(row.batch_id).issues if i.severity == "error"]
    office.trainees.correct_name(issue.trainee_id, "王小明", "按省平台意见，以身份证上的姓名为准")
    correction = office.outbox.seal_correction(CLASS, "更正第 1 号学员姓名")
    office.outbox.sync(platform.url)
    assert state_of(office, correction.batch_id) is S.ACCEPTED and state_of(office, row.batch_id) is S.SUPERSEDED


def refused_whole_for_its_signature(office, platform, tmp_path) -> None:
    row = office.outbox.seal(CLASS)
    with office.db.writing() as session:
        batch = session.scalar(select(OutboxBatch))
        data = bytearray(batch_bytes(session, office.cipher, batch))
        data[data.index(b'"capacity":') + 11] ^= 0x01
        session.get(OutboxBatchContent, batch.id).canonical_bytes = office.cipher.encrypt(
            bytes(data).decode("utf-8"), field=BATCH_FIELD)
        batch.content_hash = __import__("hashlib").sha256(bytes(data)).hexdigest()
    assert office.outbox.sync(platform.url).rejected == 1 and state_of(office, row.batch_id) is S.REJECTED


def not_delivered_then_sent(office, platform, tmp_path) -> None:
    """Busy (not delivered: back to waiting), then a platform too strict to take it (held), then sent."""
    row = office.outbox.seal(CLASS)
    platform.set_faults(busy=1, retry_after=1)
    office.outbox.sync(platform.url, max_wait=0)
    platform.set_faults(max_batch_bytes=1000)
    office.outbox.sync(platform.url)
    assert state_of(office, row.batch_id) is S.SEALED
    platform.set_faults()
    office.outbox.sync(platform.url)
    assert state_of(office, row.batch_id) is S.ACCEPTED


def answer_lost_for_a_batch_the_platform_refused(office, platform, tmp_path) -> None:
    """The answer (a refusal) is lost; asking for the receipt finds none, so the batch is sent again."""
    row = office.outbox.seal(CLASS)
    platform.set_faults(slow_seconds=3, max_batch_bytes=1000)
    with PlatformClient(platform.url, timeout=1.0) as impatient:
        outbox.upload_pending(office.db, office.cipher, actor=office.actor, url=platform.url, client=impatient)
    assert state_of(office, row.batch_id) is S.SENT_UNCONFIRMED
    platform.set_faults()
    report = office.outbox.sync(platform.url)
    assert (report.receipts_fetched, report.uploaded) == (0, 1) and state_of(office, row.batch_id) is S.ACCEPTED


def receipt_query_refused(office, platform, tmp_path) -> None:
    """The platform refuses the receipt query of an unconfirmed batch: it waits again, and goes up once."""
    row = office.outbox.seal(CLASS)
    platform.set_faults(drop_after_commit=1)
    office.outbox.sync(platform.url)
    platform.set_faults()
    with PlatformClient(platform.url, client_version="not-a-version") as malformed:
        outbox.upload_pending(office.db, office.cipher, actor=office.actor, url=platform.url, client=malformed)
    assert state_of(office, row.batch_id) is S.SEALED
    office.outbox.sync(platform.url)
    assert state_of(office, row.batch_id) is S.ACCEPTED
    assert [b["times_received"] for b in platform.batches()] == [2]  # the second time, a duplicate


def revoked_key_signed_again(office, platform, tmp_path) -> None:
    row = office.outbox.seal(CLASS)
    platform.revoke(office.device.key().key_id)
    assert "停用" in office.outbox.sync(platform.url).stopped_reason
    office.device.register(platform.url, platform.enrolment_code(INSTITUTION))
    [again] = [b for b in office.outbox.list() if b.state is S.SEALED]
    office.outbox.sync(platform.url)
    assert state_of(office, row.batch_id) is S.SUPERSEDED and state_of(office, again.batch_id) is S.ACCEPTED


def usb_copy_then_network_duplicate(office, platform, tmp_path) -> None:
    row = office.outbox.seal(CLASS)
    envelope = _carried_to_the_platform(office, platform, row.batch_id, tmp_path / "usb")
    office.outbox.sync(platform.url)
    (tmp_path / "receipt.json").write_text(json.dumps(envelope), encoding="utf-8")
    # The receipt carried back afterwards is known already: no move.
    assert office.outbox.import_receipt(tmp_path / "receipt.json").state is S.ACCEPTED


SENT = (S.SEALED, S.SENDING)
LOST = (S.SENDING, S.SENT_UNCONFIRMED)

FLOWS: dict[str, tuple[Callable, set[Move]]] = {
    "upload accepted": (upload(S.ACCEPTED), {SENT, (S.SENDING, S.ACCEPTED)}),
    "upload accepted with notes": (upload(S.ACCEPTED_WITH_WARNINGS), {SENT, (S.SENDING, S.ACCEPTED_WITH_WARNINGS)}),
    "returned, then a correction supersedes it": (returned_then_corrected, {
        SENT, (S.SENDING, S.REJECTED), (S.REJECTED, S.SUPERSEDED), (S.SENDING, S.ACCEPTED)}),
    "refused whole for its signature": (refused_whole_for_its_signature, {SENT, (S.SENDING, S.REJECTED)}),
    "answer lost, receipt fetched: accepted": (answer_lost_after_commit(S.ACCEPTED), {
        SENT, LOST, (S.SENT_UNCONFIRMED, S.ACCEPTED)}),
    "answer lost, receipt fetched: with notes": (answer_lost_after_commit(S.ACCEPTED_WITH_WARNINGS), {
        SENT, LOST, (S.SENT_UNCONFIRMED, S.ACCEPTED_WITH_WARNINGS)}),
    "answer lost, receipt fetched: returned": (answer_lost_after_commit(S.REJECTED), {
        SENT, LOST, (S.SENT_UNCONFIRMED, S.REJECTED)}),
    "answer lost, no receipt: sent again": (answer_lost_for_a_batch_the_platform_refused, {
        SENT, LOST, (S.SENT_UNCONFIRMED, S.SENDING), (S.SENDING, S.ACCEPTED)}),
    "receipt query refused": (receipt_query_refused, {
        SENT, LOST, (S.SENT_UNCONFIRMED, S.SEALED), (S.SENDING, S.ACCEPTED)}),
    "receipt carried back on USB: accepted": (receipt_carried_back(S.ACCEPTED), {(S.SEALED, S.ACCEPTED)}),
    "receipt carried back on USB: with notes": (receipt_carried_back(S.ACCEPTED_WITH_WARNINGS), {
        (S.SEALED, S.ACCEPTED_WITH_WARNINGS)}),
    "receipt carried back on USB: returned": (receipt_carried_back(S.REJECTED), {(S.SEALED, S.REJECTED)}),
    "USB copy, then a network duplicate": (usb_copy_then_network_duplicate, {SENT, (S.SENDING, S.ACCEPTED)}),
    "busy, then held as too large, then sent": (not_delivered_then_sent, {
        SENT, (S.SENDING, S.SEALED), (S.SENDING, S.ACCEPTED)}),
    "revoked key: signed again, the original superseded": (revoked_key_signed_again, {
        SENT, (S.SENDING, S.SEALED), (S.SEALED, S.SUPERSEDED), (S.SENDING, S.ACCEPTED)}),
}


@pytest.mark.parametrize("name", FLOWS)
def test_a_flow_makes_exactly_its_moves_and_each_is_allowed(name, registered, office, tmp_path):
    flow, expected = FLOWS[name]
    # The platform's reference data first, so that a batch without faults is accepted without notes.
    assert office.outbox.sync(registered.url).reference_updated
    with recording_transitions() as moves:
        flow(office, registered, tmp_path)
    assert all(target in ALLOWED_TRANSITIONS[current] for current, target in moves)
    assert set(moves) == expected


def test_every_allowed_move_is_made_by_some_flow():
    allowed = {(current, target) for current, targets in ALLOWED_TRANSITIONS.items() for target in targets}
    walked = set().union(*(moves for _, moves in FLOWS.values()))
    assert walked <= allowed, walked - allowed
    assert allowed <= walked, f"allowed but made by no flow: {sorted(allowed - walked)}"
