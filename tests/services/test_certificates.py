"""Certificates: only for trainees who completed and passed; gapless numbers never reused;
frozen content with byte-identical reprints; void and reissue with reasons; QR verified offline."""

from __future__ import annotations

import hashlib
import threading
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from desktop_app.platform.device_keys import load_or_create_device_key
from desktop_app.services.assessment import class_assessments, record_assessment
from desktop_app.services.attendance import mark_all_present
from desktop_app.services.certificates import (
    CertificateError,
    certificate_candidates,
    certificates_zip,
    class_certificates,
    issue_certificates,
    reissue_certificate,
    reprint_certificate,
    verify_certificate_text,
    void_certificate,
)
from desktop_app.services.keys import ensure_device_key
from desktop_app.store.models import AuditEntry, Certificate
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)

AFTER = datetime(2027, 1, 5, tzinfo=timezone.utc)
ISSUED = date(2027, 1, 6)


@pytest.fixture
def key(office, tmp_path):
    return ensure_device_key(office.db, tmp_path / "keys", actor=office.actor)


@pytest.fixture
def completed(office, running):  # noqa: F811
    detail, persons = running
    for info in detail.sessions:
        mark_all_present(office.db, actor=office.actor, session_id=info.id, now=info.ends_at)
    rows = class_assessments(office.db, "2026-JZ01")
    for index, row in enumerate(rows):
        passed = index != 4  # the fifth trainee fails
        record_assessment(office.db, actor=office.actor, class_code="2026-JZ01", enrolment_id=row.enrolment_id,
                          theory=850 if passed else 450, practical=900 if passed else 500,
                          result="pass" if passed else "fail")
    return detail, persons


def issue(office, key):
    return issue_certificates(office.db, office.cipher, key, actor=office.actor, class_code="2026-JZ01",
                              issued_on=ISSUED, as_of=AFTER)


def test_only_trainees_who_completed_and_passed_get_a_certificate(office, key, completed):
    candidates = certificate_candidates(office.db, "2026-JZ01", as_of=AFTER)
    assert [c.eligible for c in candidates] == [True, True, True, True, False]
    assert "不合格" in candidates[4].reasons[0].message("zh")
    report = issue(office, key)
    assert len(report.issued) == 4 and len(report.not_eligible) == 1


def test_numbers_are_readable_gapless_and_issuing_twice_issues_nothing(office, key, completed):
    first = issue(office, key)
    prefix = first.issued[0].rsplit("-", 1)[0]
    assert prefix.endswith("-2027")
    assert [int(n.rsplit("-", 1)[1]) for n in first.issued] == [1, 2, 3, 4]
    second = issue(office, key)
    assert second.issued == [] and sorted(second.already) == sorted(first.issued)


def test_two_windows_issuing_at_once_never_share_or_skip_a_number(office, key, completed, running):  # noqa: F811
    results = []
    threads = [threading.Thread(target=lambda: results.append(issue(office, key))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = sorted(n for report in results for n in report.issued)
    assert len(numbers) == 4 and len(set(numbers)) == 4
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == [1, 2, 3, 4]


def test_a_reprint_is_byte_identical_and_matches_the_stored_hash(office, key, completed):
    number = issue(office, key).issued[0]
    pdf_one, matches_one = reprint_certificate(office.db, number)
    pdf_two, matches_two = reprint_certificate(office.db, number)
    assert matches_one and matches_two and pdf_one == pdf_two
    with office.db.reading() as session:
        stored = session.scalar(select(Certificate.pdf_sha256).where(Certificate.number == number))
    assert hashlib.sha256(pdf_one).hexdigest() == stored


def test_void_needs_a_reason_keeps_the_number_and_reissue_links_a_new_one(office, key, completed):
    number = issue(office, key).issued[0]
    with pytest.raises(CertificateError):
        void_certificate(office.db, actor=office.actor, number=number, reason="  ")
    new_number = reissue_certificate(office.db, office.cipher, key, actor=office.actor, number=number, reason="姓名打印错误",
                                     issued_on=ISSUED)
    assert new_number != number and int(new_number.rsplit("-", 1)[1]) == 5  # never reused, no gap
    views = {v.number: v for v in class_certificates(office.db, "2026-JZ01")}
    assert views[number].status == "void" and "姓名打印错误" in views[number].void_reason
    with office.db.reading() as session:
        new = session.scalar(select(Certificate).where(Certificate.number == new_number))
        old_id = session.scalar(select(Certificate.id).where(Certificate.number == number))
        assert new.replaces_id == old_id
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("certificate.%"))).all()
    assert "certificate.reissued" in actions


def test_the_qr_payload_verifies_offline_and_any_tampering_is_named(office, key, completed, tmp_path):
    number = issue(office, key).issued[0]
    payload = next(v.content["qr_payload"] for v in class_certificates(office.db, "2026-JZ01") if v.number == number)
    ok = verify_certificate_text(office.db, payload)
    assert ok.valid and number in ok.message.message("zh")
    tampered = payload.replace("|4|", "|3|", 1)
    assert tampered != payload
    bad = verify_certificate_text(office.db, tampered)
    assert not bad.valid and bad.message.code == "verify.bad_signature"
    # Signed by a key this database does not know.
    from desktop_app.domain.certificates import parse_signed_payload

    stranger = load_or_create_device_key(tmp_path / "stranger")
    parsed, _, _ = parse_signed_payload(payload)
    from dataclasses import replace

    forged = replace(parsed, key_id=stranger.key_id)
    forged_text = forged.with_signature(stranger.sign(forged.signed_part().encode("utf-8")))
    unknown = verify_certificate_text(office.db, forged_text)
    assert not unknown.valid and unknown.message.code == "verify.unknown_key"
    # The same forgery under our key id fails the signature check.
    forged_ours = forged_text.replace(stranger.key_id, key.key_id)
    assert verify_certificate_text(office.db, forged_ours).message.code == "verify.bad_signature"
    assert verify_certificate_text(office.db, "hello").message.code == "certificate_payload.malformed"
    void_certificate(office.db, actor=office.actor, number=number, reason="重复发放")
    assert verify_certificate_text(office.db, payload).message.code == "verify.void"


def test_the_cohort_zip_holds_one_pdf_per_trainee_with_sensible_names(office, key, completed):
    import io
    import zipfile

    numbers = issue(office, key).issued
    archive = zipfile.ZipFile(io.BytesIO(certificates_zip(office.db, "2026-JZ01")))
    names = sorted(archive.namelist())
    assert len(names) == 4 and all(name.endswith(".pdf") for name in names)
    assert names[0].startswith(numbers[0])
    pdf, _ = reprint_certificate(office.db, numbers[0])
    assert archive.read(names[0]) == pdf


def test_assessment_results_import_by_identity_number_with_row_problems(office, running, tmp_path):  # noqa: F811
    import openpyxl

    from desktop_app.services.assessment import import_assessments

    _, persons = running
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2026年家政服务员考核成绩"])
    sheet.append(["姓名", "公民身份号码", "理论成绩", "实操成绩", "考核结果"])
    sheet.append([persons[0].name, persons[0].id_number, "85.5", "90", "合格"])
    sheet.append([persons[1].name, persons[1].id_number, "缺考", "", "不合格"])
    sheet.append([persons[2].name, persons[2].id_number, "120", "80", "合格"])
    sheet.append(["陌生人", "11010519491231002X", "80", "80", "合格"])
    for row in sheet.iter_rows(min_row=3):
        row[1].number_format = "@"
    path = tmp_path / "results.xlsx"
    workbook.save(path)
    report = import_assessments(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path)
    assert report.recorded == 2
    texts = [p.message("zh") for p in report.problems]
    assert any(t.startswith("第 5 行") and "120" in t for t in texts)
    assert any("第 6 行" in t and "不是本班学员" in t for t in texts)
    rows = class_assessments(office.db, "2026-JZ01")
    assert (rows[0].theory_score, rows[0].practical_score, rows[0].result) == (855, 900, "pass")
    assert (rows[1].theory_score, rows[1].result) == (None, "fail")


def test_externally_issued_certificates_are_recorded_against_the_trainee(office, running, capsys, settings):  # noqa: F811
    from desktop_app.cli import main
    from desktop_app.services.trainees import get_trainee, search_trainees

    _, persons = running
    office.close()
    code = main(["--db", str(settings.sqlite_path), "certificates", "record-external", "--trainee", persons[0].id_number,
                 "--kind", "skill_level", "--number", "S000032000000261000001", "--issued", "2027-02-01"])
    assert code == 0 and "职业技能等级证书" in capsys.readouterr().out
    with office.db.reading() as session:
        row = session.scalar(select(Certificate).where(Certificate.number == "S000032000000261000001"))
        assert (row.issuer, row.kind) == ("external", "skill_level")
    assert main(["--db", str(settings.sqlite_path), "certificates", "record-external", "--trainee", "11010519491231002X",
                 "--kind", "skill_level", "--number", "X", "--issued", "2027-02-01"]) == 2
    assert get_trainee(office.db, office.cipher, search_trainees(office.db, office.cipher, persons[0].id_number)[0].id)


def test_the_command_line_prints_with_the_printer_offset_the_window_would_use(office, key, completed, settings,
                                                                              capsys):
    """The offset saved in settings.json is read through the same checked preferences as the
    window's: within ±20 mm it shifts the print; beyond it the window refuses the value and
    prints unshifted, and so does the command line."""
    import json

    from desktop_app.cli import main

    issue(office, key)
    unshifted = office.certificates.pdf("2026-JZ01").pdf
    shifted = office.certificates.pdf("2026-JZ01", offset_mm=(3.0, -2.0)).pdf
    assert shifted != unshifted
    office.close()

    def printed(stored_offset) -> bytes:
        settings.settings_file.write_text(json.dumps({"certificate_offset_mm": stored_offset}), encoding="utf-8")
        out = settings.data_dir / "certificates.pdf"
        code = main(["--db", str(settings.sqlite_path), "certificates", "pdf", "--class", "2026-JZ01", "--out", str(out),
                     "--force"])  # the same file each time: replacing it is asked for
        assert code == 0, capsys.readouterr().err
        return out.read_bytes()

    assert printed([3, -2]) == shifted
    assert printed([25, 0]) == unshifted
    assert printed([0, -20.5]) == unshifted
