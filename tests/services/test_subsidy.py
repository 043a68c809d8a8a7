"""Subsidy use cases on a real database: the bundled city rules (published figures only, the
rest unset), an administrator's audited override, a class's fee, and the estimate built from
attendance, results, certificates, key groups, household and earlier subsidised enrolments."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select, update

from desktop_app.domain.permissions import PermissionDenied
from desktop_app.domain.actors import Role
from desktop_app.domain.subsidy import Payer
from desktop_app.services.assessment import class_assessments, record_assessment
from desktop_app.services.attendance import mark_all_present
from desktop_app.services.certificates import issue_certificates, record_external_certificate
from desktop_app.services.classes import ClassError, change_class_status, parse_fee, update_class
from desktop_app.services.keys import ensure_device_key
from desktop_app.services.roster import import_roster
from desktop_app.services.subsidy import (
    SubsidyError,
    class_estimate,
    parse_yuan,
    set_city_rules,
    show_city_rules,
    write_estimate_workbook,
)
from desktop_app.store.models import AuditEntry, Institution, Trainee
from tests.services.conftest import make_class, people, rows_for, write_roster
from tests.services.test_accounts import actor, add_user

CODE = "2026-JZ01"
AFTER = datetime(2027, 1, 5, tzinfo=timezone.utc)
ISSUED = date(2027, 1, 6)
CLAIM = date(2027, 1, 10)
POOR = "建档立卡低收入农户劳动力"
GRADUATE = "城乡未继续升学初高中毕业生（两后生）"


def _institution_code(office, code: str) -> None:
    with office.db.writing() as session:
        if session.scalar(select(Institution.id)) is None:
            session.add(Institution(code=code, name="无锡市某职业培训学校"))
        session.execute(update(Institution).values(code=code))


def _figures(view) -> dict[str, tuple[int | None, str]]:
    return {f.name: (f.value, f.origin) for f in view.figures}


def test_bundled_rules_hold_only_published_figures_the_rest_unset(office):
    view = show_city_rules(office.db)
    assert view.dataset_version == "bundled-2026.1"
    assert all(origin == "unset" for _, origin in _figures(view).values())
    assert view.flat_fen == {"GYB": 35000, "SYB": 100000, "IYB": 100000, "pre_job": 50000}
    # An institution in Wuxi (3202…) gets Wuxi's published uplift, from 三级 up; nothing else is made up.
    _institution_code(office, "JS3202060001")
    view = show_city_rules(office.db)
    assert view.city_name == "无锡市"
    assert _figures(view)["shortage_uplift_percent"] == (20, "dataset")
    assert view.rules.shortage_from_level == 3 and view.rules.local_factor_percent is None


def test_an_administrator_overrides_figures_audited_and_others_are_refused(office):
    view = set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 110,
                                                                  "training_certificate_fen": 60000})
    assert _figures(view)["local_factor_percent"] == (110, "override")
    # A second override keeps the first one's figures it does not name.
    view = set_city_rules(office.db, actor=office.actor, changes={"living_allowance_fen_per_day": 5000})
    figures = _figures(view)
    assert figures["training_certificate_fen"] == (60000, "override")
    assert figures["living_allowance_fen_per_day"] == (5000, "override")
    assert view.rules.living_allowance_fen_per_day == 5000 and view.rules.local_factor_percent == 110
    with office.db.reading() as session:
        details = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "subsidy.rules_set")
                                  .order_by(AuditEntry.id)).all()
    assert details == [
        {"local_factor_percent": {"from": None, "to": 110}, "training_certificate_fen": {"from": None, "to": 60000}},
        {"living_allowance_fen_per_day": {"from": None, "to": 5000}}]
    with pytest.raises(SubsidyError) as refused:
        set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 150})
    assert "70 到 130" in refused.value.message() and "150" in refused.value.message()
    add_user(office, "liping", Role.REGISTRAR)
    with pytest.raises(PermissionDenied):
        set_city_rules(office.db, actor=actor(office, "liping"), changes={"local_factor_percent": 100})
    assert show_city_rules(office.db).rules.local_factor_percent == 110


@pytest.mark.parametrize("typed, fen", [("0", 0), ("1200", 120000), ("1200.5", 120050), ("980.05", 98005), ("１２００", 120000)])
def test_fees_in_yuan_become_fen(typed, fen):
    assert parse_fee(typed) == fen
    assert parse_yuan(typed, "subsidy.field.living") == fen


@pytest.mark.parametrize("typed", ["-100", "abc", "12.345", "", "1e3", "2²", "１２００元"])
def test_a_negative_or_textual_fee_is_refused_with_a_clear_message(typed):
    with pytest.raises(ClassError) as refused:
        parse_fee(typed)
    assert "0 表示免费" in refused.value.message() and "不能为负数" in refused.value.message()


def test_a_fee_and_who_pays_are_kept_on_the_class_and_audited(office):
    make_class(office, CODE)
    detail = update_class(office.db, actor=office.actor, code=CODE, fee_fen=0, paid_by="enterprise")
    assert (detail.fee_fen, detail.paid_by) == (0, "enterprise")
    with pytest.raises(ClassError) as refused:
        update_class(office.db, actor=office.actor, code=CODE, paid_by="government")
    assert "government" in refused.value.message()
    with office.db.reading() as session:
        details = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "class.updated")).all()[-1]
    assert details == {"fee_fen": ["None", "0"], "paid_by": ["None", "enterprise"]}


@pytest.fixture
def completed(office, tmp_path):
    """A class of 5 (家政服务员 C 类, 四级), everyone present at every session; the fifth failed.
    Trainee 2 is in a 建档立卡 household, trainee 3 a 两后生 (household set per test)."""
    make_class(office, CODE)
    persons = people(5)
    rows = rows_for(persons)
    rows[1][4], rows[2][4] = POOR, GRADUATE
    import_roster(office.db, office.cipher, actor=office.actor, class_code=CODE,
                  source=write_roster(tmp_path / "r.xlsx", rows), today=date(2026, 11, 20))
    change_class_status(office.db, actor=office.actor, code=CODE, target="filed", today=date(2026, 11, 20))
    change_class_status(office.db, actor=office.actor, code=CODE, target="in_training", today=date(2026, 12, 1))
    detail = office.classes.get(CODE)
    for info in detail.sessions:
        mark_all_present(office.db, actor=office.actor, session_id=info.id, now=info.ends_at)
    for index, row in enumerate(class_assessments(office.db, CODE)):
        passed = index != 4
        record_assessment(office.db, actor=office.actor, class_code=CODE, enrolment_id=row.enrolment_id,
                          theory=850 if passed else 450, practical=900 if passed else 500,
                          result="pass" if passed else "fail")
    return detail, persons


def _issue(office, tmp_path):
    key = ensure_device_key(office.db, tmp_path / "keys", actor=office.actor)
    return issue_certificates(office.db, office.cipher, key, actor=office.actor, class_code=CODE, issued_on=ISSUED,
                              as_of=AFTER)


def _estimate(office):
    return class_estimate(office.db, office.cipher, CODE, claim_date=CLAIM, as_of=AFTER)


def _codes(row) -> list[str]:
    return [problem.code for problem in row.reasons]


def test_until_the_city_sets_its_figures_the_amount_is_unset_never_guessed(office, completed, tmp_path):
    _issue(office, tmp_path)
    estimate = _estimate(office)
    first = estimate.rows[0]
    assert first.training.amount.fen is None and "subsidy.unset" in _codes(first)
    assert "培训合格证书补贴：未设置标准" in "；".join(p.message() for p in first.reasons)
    assert estimate.unknown == 4 and estimate.training_total_fen == 0  # the fifth failed: 0, not unknown


def test_the_estimate_follows_completion_results_certificates_fee_and_groups(office, completed, tmp_path):
    detail, persons = completed
    _issue(office, tmp_path)
    set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 100,
                                                           "training_certificate_fen": 60000,
                                                           "living_allowance_fen_per_day": 3000})
    # Trainee 1 also holds the 职业技能等级证书 (四级) from the evaluation body: C 四级 = 1000 元.
    record_external_certificate(office.db, office.cipher, actor=office.actor, id_number=persons[0].id_number,
                                kind="skill_level", number="S000032010000999", issued_on=ISSUED)
    with office.db.writing() as session:
        session.execute(update(Trainee).where(Trainee.name == persons[2].name).values(household_type="非农业户口"))
    estimate = _estimate(office)
    rows = estimate.rows
    assert [row.training.amount.fen for row in rows] == [100000, 60000, 60000, 60000, 0]
    assert _codes(rows[4])[0] == "subsidy.not_passed" and "subsidy.no_certificate" in _codes(rows[4])
    assert all(row.payee is Payer.TRAINEE for row in rows)
    days = len({s.starts_at.date() for s in detail.sessions})
    assert rows[1].living.fen == days * 3000  # 建档立卡: every training day attended
    assert rows[2].living.fen == 0 and "subsidy.living_urban_graduate" in _codes(rows[2])  # urban 两后生
    assert rows[0].living.fen == 0 and "subsidy.living_not_in_group" in _codes(rows[0])
    assert estimate.training_total_fen == 280000 and estimate.living_total_fen == days * 3000

    # A fee of 800 元 paid by the institution: the 1000 is capped, the payee is the institution.
    update_class(office.db, actor=office.actor, code=CODE, fee_fen=80000, paid_by="institution")
    rows = _estimate(office).rows
    assert rows[0].training.amount.fen == 80000 and "subsidy.capped_at_fee" in _codes(rows[0])
    assert rows[1].training.amount.fen == 60000 and "subsidy.capped_at_fee" not in _codes(rows[1])
    assert all(row.payee is Payer.INSTITUTION for row in rows)
    # With a fee of 2000 元 and a city paying 90 % of the baseline, the 1000 becomes 900 and the
    # factor is named as the reason for the reduction.
    update_class(office.db, actor=office.actor, code=CODE, fee_fen=200000)
    set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 90})
    first = _estimate(office).rows[0]
    assert first.training.amount.fen == 90000
    assert "本市标准为省基准的 90%。" in [p.message() for p in first.reasons]
    # A free class (0) caps every amount at nothing.
    update_class(office.db, actor=office.actor, code=CODE, fee_fen=0)
    assert _estimate(office).training_total_fen == 0


def test_an_earlier_subsidy_at_a_higher_level_refuses_the_lower_one(office, completed, tmp_path):
    detail, persons = completed
    _issue(office, tmp_path)
    set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 100,
                                                           "training_certificate_fen": 60000})
    record_external_certificate(office.db, office.cipher, actor=office.actor, id_number=persons[0].id_number,
                                kind="skill_level", number="S000032010000999", issued_on=ISSUED)
    assert _estimate(office).rows[0].training.amount.fen == 100000
    # Trainee 1 was subsidised in an earlier class at 三级 of the same occupation: the 四级
    # certificate earns nothing now, only the training certificate (which has no level) does.
    make_class(office, "2026-JZ00", level=3, start=date(2026, 11, 1), end=date(2026, 11, 28), lessons=None)
    import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ00",
                  source=write_roster(tmp_path / "earlier.xlsx", rows_for(persons[:1])), today=date(2026, 10, 20))
    change_class_status(office.db, actor=office.actor, code="2026-JZ00", target="filed", today=date(2026, 10, 20))
    first = _estimate(office).rows[0]
    assert first.training.amount.fen == 60000
    assert first.training.amount.certificate.kind.value == "training_completion"


def test_the_workbook_has_one_header_row_masked_ids_and_guarded_text(office, completed, tmp_path):
    import openpyxl

    _issue(office, tmp_path)
    set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 100,
                                                           "training_certificate_fen": 60000})
    with office.db.writing() as session:
        session.execute(update(Trainee).where(Trainee.name == completed[1][0].name).values(name="=HYPERLINK(\"x\")"))
    path = tmp_path / "estimate.xlsx"
    write_estimate_workbook(_estimate(office), path)
    sheet = openpyxl.load_workbook(path).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["学号", "姓名", "证件号码", "补贴金额（元）", "生活费补贴（元）", "领取人", "原因"]
    assert len(values) == 6
    assert values[1][1] == "=HYPERLINK(\"x\")" and sheet.cell(row=2, column=2).data_type == "s"
    assert "*" * 10 in values[1][2] and values[1][3] == 600 and values[1][5] == "学员本人"
    assert values[5][3] == 0 and "考核不合格" in values[5][6]


def test_a_new_version_of_the_city_rules_keeps_the_earlier_one_and_null_stays_null(office):
    from desktop_app.store.models import CityRule, ReferenceVersion
    from desktop_app.store.reference import apply_city_rules

    with office.db.writing() as session:
        apply_city_rules(session, {"version": "platform-2027.1", "province": {
            "city_name": "江苏省", "training_certificate_fen": 50000, "living_allowance_fen_per_day": None}},
            origin="platform")
    view = show_city_rules(office.db)
    assert view.dataset_version == "platform-2027.1"
    assert _figures(view)["training_certificate_fen"] == (50000, "dataset")
    assert _figures(view)["living_allowance_fen_per_day"] == (None, "unset")
    with office.db.reading() as session:
        versions = session.scalars(select(ReferenceVersion.version).where(ReferenceVersion.dataset == "city_rules")
                                   .order_by(ReferenceVersion.id)).all()
        kept = session.scalar(select(CityRule.city_name).where(CityRule.city_code == "3209"))
    assert versions == ["bundled-2026.1", "platform-2027.1"] and kept == "盐城市"
    with pytest.raises(ValueError), office.db.writing() as session:
        apply_city_rules(session, {"version": "bad", "province": {"city_name": "江苏省",
                                                                  "training_certificate_fen": 500.5}}, origin="platform")
    assert show_city_rules(office.db).dataset_version == "platform-2027.1"


def test_a_database_made_before_the_city_rules_gets_them_when_opened(settings):
    from desktop_app.bootstrap import open_office
    from desktop_app.store.models import CityRule, ReferenceVersion

    first = open_office(settings)
    with first.db.writing() as session:
        session.query(CityRule).delete()
        session.query(ReferenceVersion).filter(ReferenceVersion.dataset == "city_rules").delete()
    first.close()
    again = open_office(settings)
    try:
        assert show_city_rules(again.db).flat_fen["GYB"] == 35000
    finally:
        again.close()


def test_the_audit_page_words_the_override(office):
    from desktop_app.services.audit_log import summarise_details

    set_city_rules(office.db, actor=office.actor, changes={"local_factor_percent": 95})
    with office.db.reading() as session:
        details = session.scalar(select(AuditEntry.details).where(AuditEntry.action == "subsidy.rules_set"))
    assert summarise_details("subsidy.rules_set", details) == "本市补贴系数（%）：原为=—, 改为=95"
