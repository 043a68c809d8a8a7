"""Record validation (PROTOCOL.md §7): issue codes, atomic rejection, the cross-institution
subsidy limit and corrections superseding what they replace."""

from __future__ import annotations

import httpx

from desktop_app.domain.identity import mask_identity_number
from tests.platform_server_tests.helpers import (
    batch_document,
    broken_id_number,
    correction_of,
    headers,
    id_number,
    issue_codes,
    register,
    trainee,
    upload,
)


def _receipt(answer: httpx.Response) -> dict:
    assert answer.status_code == 201, answer.text
    return answer.json()["receipt"]


def test_invalid_identity_number(platform_server):
    device = register(platform_server)
    bad = trainee(1, number=broken_id_number(1))
    receipt = _receipt(upload(platform_server, device, batch_document(device, [trainee(2), bad])))
    assert receipt["status"] == "rejected"
    [issue] = receipt["issues"]
    assert (issue["record_type"], issue["record_id"], issue["severity"], issue["code"], issue["field"]) == \
        ("trainee", bad["record_id"], "error", "trainee.id_invalid", "id_number")
    masked = mask_identity_number(bad["id_number"])
    assert "学员1" in issue["message"] and masked in issue["message"]
    assert "学员1" in issue["message_en"] and masked in issue["message_en"] and "correct" in issue["message_en"]
    assert bad["id_number"] not in issue["message"]  # the full number is never echoed


def test_name_checked_against_the_population_registry_only_when_known(platform_server):
    device = register(platform_server)
    platform_server.seed_registry({id_number(1): "张伟", id_number(2): "李娜"})
    wrong = trainee(1, name="张玮")
    right = trainee(2, name="李娜")
    unknown = trainee(3, name="王芳")  # not in the registry: nothing to compare with
    answer = upload(platform_server, device, batch_document(device, [wrong, right, unknown]))
    assert issue_codes(answer) == [("trainee.name_mismatch", "error", "name")]
    assert answer.json()["receipt"]["issues"][0]["record_id"] == wrong["record_id"]
    assert answer.json()["receipt"]["status"] == "rejected"


def test_the_same_person_twice_in_a_class(platform_server):
    device = register(platform_server)
    first, second = trainee(1), trainee(2, number=id_number(1))
    answer = upload(platform_server, device, batch_document(device, [first, second]))
    assert issue_codes(answer) == [("trainee.duplicate", "error", "id_number")]
    assert answer.json()["receipt"]["issues"][0]["record_id"] == second["record_id"]


def test_occupation_must_be_in_the_platform_catalogue(platform_server):
    device = register(platform_server)
    document = batch_document(device, [trainee(1)], occupation_code="9-99-99-99")
    answer = upload(platform_server, device, document)
    assert issue_codes(answer) == [("occupation.not_in_catalogue", "error", "occupation_code")]
    issue = answer.json()["receipt"]["issues"][0]
    assert issue["record_type"] == "class" and issue["record_id"] == document["payload"]["class"]["record_id"]


def test_outdated_reference_data_is_a_warning_only(platform_server):
    device = register(platform_server)
    document = batch_document(device, [trainee(1)], reference_versions={
        "occupations": "2022-bundled-2", "subsidy_rates": "jiangsu-2025-01", "shortage_list": "2025-1"})
    receipt = _receipt(upload(platform_server, device, document))
    assert receipt["status"] == "accepted_with_warnings"
    assert [(i["code"], i["severity"], i["record_type"], i["record_id"], i["field"]) for i in receipt["issues"]] == [
        ("reference.outdated", "warning", "batch", document["batch_id"], "reference_versions")]
    words = receipt["issues"][0]["message"] + receipt["issues"][0]["message_en"]
    assert "职业目录" in words and "occupation list" in words
    assert "skilldesk" not in words and "bundled" not in words  # no command, no version identifier
    assert platform_server.batches()[0]["status"] == "accepted_with_warnings"


def test_certificate_numbers_are_unique_across_batches(platform_server):
    device = register(platform_server)
    first = batch_document(device, [trainee(1)], certificate_numbers={0: "320106-0042-2025-000001"})
    assert _receipt(upload(platform_server, device, first))["status"] == "accepted"
    second = batch_document(device, [trainee(2)], certificate_numbers={0: "320106-0042-2025-000001"})
    answer = upload(platform_server, device, second)
    assert issue_codes(answer) == [("certificate.number_taken", "error", "number")]
    issue = answer.json()["receipt"]["issues"][0]
    assert issue["record_type"] == "certificate"
    assert issue["record_id"] == second["payload"]["certificates"][0]["record_id"]


def test_rejection_is_atomic_nothing_of_a_rejected_batch_is_applied(platform_server):
    device = register(platform_server)
    person = id_number(7)
    platform_server.seed_prior_subsidies(person, 2025, 2)
    # A subsidised completion and a certificate number, in a batch rejected for another trainee.
    rejected = batch_document(device, [trainee(7), trainee(8, number=broken_id_number(8))],
                              certificate_numbers={0: "CERT-1"})
    assert _receipt(upload(platform_server, device, rejected))["status"] == "rejected"
    # Had anything been applied, the certificate number would be taken and the person at 3.
    retry = batch_document(device, [trainee(7)], certificate_numbers={0: "CERT-1"})
    assert _receipt(upload(platform_server, device, retry))["status"] == "accepted"
    statuses = {b["batch_id"]: b["status"] for b in platform_server.batches()}
    assert statuses == {rejected["batch_id"]: "rejected", retry["batch_id"]: "accepted"}


def test_subsidy_limit_counts_accepted_completions_at_all_institutions(platform_server):
    person = id_number(42)
    institutions = ["320106-0001", "320106-0002", "320106-0003"]
    devices = [register(platform_server, code) for code in institutions]
    for device in devices:
        receipt = _receipt(upload(platform_server, device, batch_document(device, [trainee(42)])))
        assert receipt["status"] == "accepted"
    fourth = register(platform_server, "320106-0004")
    claim = trainee(42)
    answer = upload(platform_server, fourth, batch_document(fourth, [claim, trainee(43)]))
    assert issue_codes(answer) == [("trainee.subsidy_limit", "error", "subsidy_claimed")]
    issue = answer.json()["receipt"]["issues"][0]
    assert issue["record_id"] == claim["record_id"] and issue["record_type"] == "trainee"
    assert "3" in issue["message"] and "2025" in issue["message"] and mask_identity_number(person) in issue["message"]
    assert "not claiming a subsidy" in issue["message_en"]

    # Not claiming, or another calendar year, or at the first institution again: all decided alike.
    assert _receipt(upload(platform_server, fourth, batch_document(fourth, [trainee(42, subsidy=False)])))["status"] \
        == "accepted"
    assert _receipt(upload(platform_server, fourth, batch_document(fourth, [trainee(42)], year=2026)))["status"] \
        == "accepted"
    assert _receipt(upload(platform_server, devices[0], batch_document(devices[0], [trainee(42)])))["status"] \
        == "rejected"


def test_only_completed_claims_count_and_prior_subsidies_are_included(platform_server):
    device = register(platform_server)
    platform_server.seed_prior_subsidies(id_number(5), 2025, 2, institution_code="320999-0001")
    # A claim that did not complete does not count...
    unfinished = batch_document(device, [trainee(5)], completed=False)
    assert _receipt(upload(platform_server, device, unfinished))["status"] == "accepted"
    # ... so the third subsidised completion is still allowed, and the fourth is not.
    assert _receipt(upload(platform_server, device, batch_document(device, [trainee(5)])))["status"] == "accepted"
    answer = upload(platform_server, device, batch_document(device, [trainee(5)]))
    assert issue_codes(answer) == [("trainee.subsidy_limit", "error", "subsidy_claimed")]


def test_a_correction_supersedes_and_its_predecessor_no_longer_counts(platform_server):
    device = register(platform_server)
    person = id_number(9)
    platform_server.seed_prior_subsidies(person, 2025, 2)
    original = batch_document(device, [trainee(9)], certificate_numbers={0: "C-9"})
    assert _receipt(upload(platform_server, device, original))["status"] == "accepted"  # the 3rd

    # The whole cohort again: its own claim and certificate number do not count against it.
    same = correction_of(original, reason="更正电话号码")
    receipt = _receipt(upload(platform_server, device, same))
    assert receipt["status"] == "accepted" and receipt["supersedes"] == original["batch_id"]
    listed = {b["batch_id"]: b for b in platform_server.batches()}
    assert listed[original["batch_id"]]["status"] == "superseded"
    assert listed[original["batch_id"]]["superseded_by"] == same["batch_id"]
    # The superseded batch keeps its original signed receipt.
    kept = httpx.get(f"{platform_server.url}/api/v1/batches/{original['batch_id']}/receipt", headers=headers())
    assert kept.json()["receipt"]["status"] == "accepted"

    # A batch already superseded cannot be corrected again; the latest one can.
    stale = upload(platform_server, device, correction_of(original))
    assert stale.json()["receipt"]["status"] == "rejected"
    assert issue_codes(stale)[0] == ("batch.supersedes_invalid", "error", "supersedes")

    # Correcting the claim away frees the slot for another institution.
    released = correction_of(same)
    released["payload"]["trainees"][0]["subsidy_claimed"] = False
    assert _receipt(upload(platform_server, device, released))["status"] == "accepted"
    other = register(platform_server, "320106-0077")
    assert _receipt(upload(platform_server, other, batch_document(other, [trainee(9)])))["status"] == "accepted"


def test_a_rejected_batch_can_be_corrected(platform_server):
    device = register(platform_server)
    rejected = batch_document(device, [trainee(1, number=broken_id_number(1))])
    assert _receipt(upload(platform_server, device, rejected))["status"] == "rejected"
    fixed = correction_of(rejected)
    fixed["payload"]["trainees"][0]["id_number"] = id_number(1)
    assert _receipt(upload(platform_server, device, fixed))["status"] == "accepted"
    assert {b["batch_id"]: b["status"] for b in platform_server.batches()} == {
        rejected["batch_id"]: "superseded", fixed["batch_id"]: "accepted"}


def test_a_correction_must_name_a_batch_of_the_same_institution_on_the_platform(platform_server):
    mine, theirs = register(platform_server), register(platform_server, "320106-0555")
    their_batch = batch_document(theirs, [trainee(1)])
    assert _receipt(upload(platform_server, theirs, their_batch))["status"] == "accepted"
    hijack = correction_of(their_batch)
    hijack["institution"]["code"] = mine.institution_code
    hijack["device"] = {"device_id": mine.device_id, "key_id": mine.key_id}
    assert issue_codes(upload(platform_server, mine, hijack)) == [("batch.supersedes_invalid", "error", "supersedes")]
    orphan = correction_of(batch_document(mine, [trainee(2)]))
    assert issue_codes(upload(platform_server, mine, orphan)) == [("batch.supersedes_invalid", "error", "supersedes")]
    assert [b["status"] for b in platform_server.batches()] == ["accepted", "rejected", "rejected"]


def test_sequence_numbers_count_accepted_and_rejected_batches_but_not_duplicates(platform_server):
    device = register(platform_server)
    accepted = batch_document(device, [trainee(1)])
    rejected = batch_document(device, [trainee(2, number=broken_id_number(2))])
    filing = batch_document(device, [trainee(3)], kind="class_filing")
    sequences = [_receipt(upload(platform_server, device, doc))["sequence"] for doc in (accepted, rejected)]
    assert upload(platform_server, device, accepted).json()["receipt"]["sequence"] == sequences[0]
    sequences.append(_receipt(upload(platform_server, device, filing))["sequence"])
    assert sequences == [1, 2, 3]
    assert [b["sequence"] for b in platform_server.batches()] == [1, 2, 3]
