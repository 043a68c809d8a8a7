"""The institution's profile: the code's rule in the domain, changes audited with old and new
values, the subsidy account encrypted and masked, the code fixed once a certificate carries it,
and no certificate before the institution is set up."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.domain.institution import InstitutionError, InstitutionFields, check_institution_code
from desktop_app.services.accounts import InstitutionProfile
from desktop_app.store.models import AuditEntry, Institution
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)
from tests.services.test_certificates import completed, issue, key  # noqa: F401  (fixtures)

FIELDS = InstitutionFields(code="WZ001", name="温州职业技能培训学校", credit_code="52330302mj1234567x",
                           address="温州市鹿城区学院路 1 号", contact_name="陈老师", contact_phone="0577-88880000",
                           bank_name="中国建设银行温州分行", bank_account="3305 0162 7358 0000 0123")


@pytest.mark.parametrize("typed", ["wz 001", "wz001", "WZ 001", "WZ-001", "ＷＺ001", "W", "UNSET", ""])
def test_an_institution_code_is_capital_letters_and_digits_without_spaces(typed):
    with pytest.raises(InstitutionError) as refused:
        check_institution_code(typed)
    assert refused.value.code in ("institution.code_invalid", "institution.code_reserved", "institution.code_missing")
    if typed == "wz 001":
        assert "大写英文字母和数字" in refused.value.message("zh") and "JS3205060001" in refused.value.message("zh")


def test_a_valid_code_is_kept_exactly_as_typed():
    assert check_institution_code("  JS3205060001 ") == "JS3205060001"


def test_the_first_change_records_every_field_and_masks_the_bank_account(office):
    view = office.institution.update(FIELDS)
    assert (view.code, view.name, view.credit_code) == ("WZ001", "温州职业技能培训学校", "52330302MJ1234567X")
    assert view.bank_account_masked == "*" * 16 + "0123" and view.set_up and not view.code_locked
    with office.db.reading() as session:
        row = session.scalar(select(Institution))
        assert b"0123" not in row.bank_account_enc  # encrypted at rest
        details = session.scalar(select(AuditEntry.details).where(AuditEntry.action == "institution.updated"))
    changes = details["changes"]
    assert changes["code"] == {"old": None, "new": "WZ001"}
    assert changes["bank_account"]["new"].endswith("0123") and "33050162" not in str(details)


def test_a_later_change_audits_old_and_new_and_keeps_the_account_unless_given(office):
    office.institution.update(FIELDS)
    view = office.institution.update(InstitutionFields(**{**FIELDS.__dict__, "address": "温州市瓯海区", "bank_account": None}))
    assert view.address == "温州市瓯海区" and view.bank_account_masked.endswith("0123")
    with office.db.reading() as session:
        last = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "institution.updated")
                               .order_by(AuditEntry.id.desc())).first()
    assert last["changes"] == {"address": {"old": "温州市鹿城区学院路 1 号", "new": "温州市瓯海区"}}
    with pytest.raises(InstitutionError) as same:
        office.institution.update(InstitutionFields(**{**FIELDS.__dict__, "address": "温州市瓯海区", "bank_account": None}))
    assert same.value.code == "institution.unchanged"


def test_revealing_the_bank_account_needs_a_purpose_and_is_audited(office):
    office.institution.update(FIELDS)
    with pytest.raises(InstitutionError):
        office.institution.reveal_bank_account("  ")
    assert office.institution.reveal_bank_account("填写补贴申请表") == "33050162735800000123"
    with office.db.reading() as session:
        details = session.scalar(select(AuditEntry.details)
                                 .where(AuditEntry.action == "institution.bank_account_revealed"))
    assert details["purpose"] == "填写补贴申请表"


def test_a_bad_code_typed_in_the_wizard_is_refused_before_any_account_exists(office):
    with pytest.raises(InstitutionError) as refused:
        office.accounts.complete_first_run(InstitutionProfile(code="wz 001", name="温州学校"), "wang", "王校长",
                                           "correct horse 1")
    assert refused.value.code == "institution.code_invalid"
    assert office.accounts.first_run_needed()


def test_no_certificate_is_numbered_before_the_institution_is_set_up(office, tmp_path):
    from desktop_app.services.classes import ClassDraft, create_class
    from desktop_app.domain.schedule import parse_schedule_spec
    from desktop_app.services.keys import ensure_device_key
    from desktop_app.services.certificates import issue_certificates
    from datetime import date

    # A class opened before any set-up hangs off the placeholder institution.
    create_class(office.db, actor=office.actor, draft=ClassDraft(
        code="2026-EARLY", name="早开班", occupation_code="4-10-01-06", level=4, training_type="employment_skills",
        start_date=date(2026, 12, 1), end_date=date(2026, 12, 31), planned_lessons=64,
        schedule=parse_schedule_spec("mon-fri:am,pm/4")))
    assert office.institution.profile().set_up is False
    key = ensure_device_key(office.db, tmp_path / "keys", actor=office.actor)
    with pytest.raises(InstitutionError) as refused:
        issue_certificates(office.db, office.cipher, key, actor=office.actor, class_code="2026-EARLY")
    assert refused.value.code == "institution.not_set_up"
    assert "设置 → 机构信息" in refused.value.message("zh") and "skilldesk" not in refused.value.message("zh")
    # Setting it up fills in the placeholder: the class now belongs to the named institution.
    view = office.institution.update(InstitutionFields(code="WZ001", name="温州职业技能培训学校"))
    assert view.set_up and view.code == "WZ001"
    assert issue_certificates(office.db, office.cipher, key, actor=office.actor, class_code="2026-EARLY").issued == []


def test_the_code_cannot_change_once_a_certificate_carries_it(office, key, completed):  # noqa: F811
    issue(office, key)  # four certificates numbered JS3205060001-…
    view = office.institution.profile()
    assert view.code_locked and view.certificates == 4
    with pytest.raises(InstitutionError) as refused:
        office.institution.update(InstitutionFields(code="JS3205060002", name=view.name))
    assert refused.value.code == "institution.code_locked" and "4 张证书" in refused.value.message("zh")
    # The rest may still change.
    assert office.institution.update(InstitutionFields(code="JS3205060001", name="新名称")).name == "新名称"
