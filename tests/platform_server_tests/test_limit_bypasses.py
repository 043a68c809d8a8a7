"""The two ways round the subsidy limit found in issue 15 item 12, tried against the reference
platform: another spelling of the same number (unknown identity type, full-width digits, a
trailing space), and a "correction" of an unrelated class retiring an accepted cohort."""

from __future__ import annotations

import httpx
import pytest

from tests.platform_server_tests.helpers import (
    batch_document,
    correction_of,
    issue_codes,
    register,
    trainee,
    upload,
)

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _status(answer: httpx.Response) -> str:
    assert answer.status_code == 201, answer.text
    return answer.json()["receipt"]["status"]


@pytest.fixture
def three_subsidies(platform_server):
    """Person 42 has had three subsidised completions in 2025 (at three institutions)."""
    for code in ("320106-0001", "320106-0002", "320106-0003"):
        device = register(platform_server, code)
        assert _status(upload(platform_server, device, batch_document(device, [trainee(42)]))) == "accepted"
    return register(platform_server, "320106-0004")


@pytest.mark.parametrize("spelling", ["unknown type", "full width", "trailing space", "inner space"])
def test_another_spelling_of_the_number_is_the_same_person(platform_server, three_subsidies, spelling):
    fourth = three_subsidies
    claim = trainee(42)
    if spelling == "unknown type":  # skipped every check, so another spelling was a new person
        claim["id_type"] = "mainland_id"
        claim["id_number"] = claim["id_number"].translate(FULL_WIDTH)
    elif spelling == "full width":
        claim["id_number"] = claim["id_number"].translate(FULL_WIDTH)
    elif spelling == "trailing space":
        claim["id_number"] += " "
    else:
        claim["id_number"] = claim["id_number"][:6] + " " + claim["id_number"][6:]
    answer = upload(platform_server, fourth, batch_document(fourth, [claim]))
    assert _status(answer) == "rejected"
    codes = {code for code, _, _ in issue_codes(answer)}
    assert codes & {"trainee.id_type_unknown", "trainee.id_invalid", "trainee.subsidy_limit"}, codes
    if spelling != "unknown type":
        assert "trainee.subsidy_limit" in codes  # counted as the person it is, whatever the spelling


def test_an_unknown_identity_type_is_refused_even_without_a_claim(platform_server):
    device = register(platform_server)
    person = trainee(7, subsidy=False)
    person["id_type"] = "passport_of_mars"
    answer = upload(platform_server, device, batch_document(device, [person]))
    assert issue_codes(answer) == [("trainee.id_type_unknown", "error", "id_type")]


def test_a_correction_must_be_for_the_same_class_and_kind(platform_server):
    device = register(platform_server)
    cohort = batch_document(device, [trainee(5), trainee(6)], certificate_numbers={0: "C-5"})
    assert _status(upload(platform_server, device, cohort)) == "accepted"

    # An unrelated class with nobody in it, naming the accepted cohort as the batch it corrects.
    unrelated = batch_document(device, [], kind="correction", supersedes=cohort["batch_id"])
    answer = upload(platform_server, device, unrelated)
    assert issue_codes(answer) == [("batch.supersedes_invalid", "error", "supersedes")]
    assert "同一班级的同类批次" in answer.json()["receipt"]["issues"][0]["message"]

    # The same class, but another kind: a class filing cannot be "corrected" into a completion.
    filing = batch_document(device, [trainee(11)], kind="class_filing")
    assert _status(upload(platform_server, device, filing)) == "accepted"
    across = correction_of(cohort, supersedes=filing["batch_id"])
    across["payload"]["class"]["record_id"] = filing["payload"]["class"]["record_id"]
    assert ("batch.supersedes_invalid", "error", "supersedes") in issue_codes(upload(platform_server, device, across))

    statuses = {b["batch_id"]: b["status"] for b in platform_server.batches()}
    assert statuses[cohort["batch_id"]] == "accepted"  # still counts: its subsidies and its certificate number
    again = batch_document(device, [trainee(8)], certificate_numbers={0: "C-5"})
    assert ("certificate.number_taken", "error", "number") in issue_codes(upload(platform_server, device, again))

    # A real correction of that class is accepted and supersedes it.
    assert _status(upload(platform_server, device, correction_of(cohort))) == "accepted"
