"""A roster import that gives a known person's bank account or phone differently shows old → new
(masked), changes nothing unless told to, and when told audits both values masked."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop_app.services.roster import import_roster
from desktop_app.store.models import AuditEntry
from tests.services.conftest import TODAY, make_class, people, write_roster

HEADERS = ("序号", "姓名", "身份证号码", "手机号码", "开户银行", "银行账号")


def roster(path, person, *, phone, bank, account):
    return write_roster(path, [[1, person.name, person.id_number, phone, bank, account]], headers=HEADERS)


def imported(office, code, path, **options):
    return import_roster(office.db, office.cipher, actor=office.actor, class_code=code, source=path, today=TODAY,
                         **options)


def stored(office, person):
    with office.db.reading() as session:
        from desktop_app.store.models import Trainee
        from desktop_app.store.trainees import BANK_ACCOUNT, PHONE, identity_lookup_hash

        trainee = session.scalar(select(Trainee).where(Trainee.id_hash == identity_lookup_hash(office.cipher,
                                                                                                 person.id_number)))
        return (office.cipher.decrypt(trainee.phone_enc, field=PHONE),
                office.cipher.decrypt(trainee.bank_account_enc, field=BANK_ACCOUNT), trainee.bank_name)


def test_changed_bank_account_and_phone_are_shown_masked_and_not_written_unless_accepted(office, tmp_path):
    make_class(office, "2026-JZ01")
    make_class(office, "2026-JZ02", start=date(2027, 3, 1), end=date(2027, 3, 31))
    person = people(1, start=860_000)[0]
    imported(office, "2026-JZ01", roster(tmp_path / "a.xlsx", person, phone="13812345678", bank="中国银行南京分行",
                                         account="6217000011112222333"))
    second = roster(tmp_path / "b.xlsx", person, phone="13998765432", bank="中国建设银行南京分行",
                    account="6227000099998888777")
    report = imported(office, "2026-JZ02", second)
    assert report.enrolled == 1 and not report.changes_applied, [o.reasons_text() for o in report.outcomes]
    (outcome,) = report.changed
    assert outcome.changes_text() == ("手机号码 138****5678 → 139****5432；银行账号 6217***********2333 → "
                                      "6227***********8777；开户银行 中国银行南京分行 → 中国建设银行南京分行")
    assert stored(office, person) == ("13812345678", "6217000011112222333", "中国银行南京分行")

    report = imported(office, "2026-JZ02", second, accept_changes=True)  # already enrolled: changes only
    assert report.changes_applied and report.enrolled == 0
    assert stored(office, person) == ("13998765432", "6227000099998888777", "中国建设银行南京分行")
    with office.db.reading() as session:
        details = session.scalar(select(AuditEntry.details).where(AuditEntry.action == "trainee.changed_by_roster"))
    assert details["changes"]["bank_account"] == {"old": "6217***********2333", "new": "6227***********8777"}
    assert details["changes"]["phone"] == {"old": "138****5678", "new": "139****5432"}
    assert "6217000011112222333" not in str(details) and "13998765432" not in str(details)


def test_filling_an_empty_field_is_no_change_to_confirm(office, tmp_path):
    make_class(office, "2026-JZ01")
    make_class(office, "2026-JZ02", start=date(2027, 3, 1), end=date(2027, 3, 31))
    person = people(1, start=861_000)[0]
    imported(office, "2026-JZ01", roster(tmp_path / "a.xlsx", person, phone=None, bank=None, account=None))
    report = imported(office, "2026-JZ02", roster(tmp_path / "b.xlsx", person, phone="13812345678",
                                                  bank="中国银行南京分行", account="6217000011112222333"))
    assert report.changed == [] and report.enrolled == 1
    assert stored(office, person) == ("13812345678", "6217000011112222333", "中国银行南京分行")
