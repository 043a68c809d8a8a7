"""Finding trainees without exposing them, and revealing personal data only on purpose, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.services.roster import import_roster
from desktop_app.services.trainees import TraineeError, class_roster, get_trainee, reveal_personal_field, search_trainees
from desktop_app.store.models import AuditEntry
from tests.services.conftest import TODAY, people, rows_for, write_roster


@pytest.fixture
def enrolled(office, open_class, tmp_path):
    persons = people(6)
    path = write_roster(tmp_path / "r.xlsx", rows_for(persons, key_group="退役军人"))
    import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path, today=TODAY)
    return persons


def test_search_by_name_full_number_and_last_four_shows_only_masked_numbers(office, enrolled):
    person = enrolled[2]
    by_name = search_trainees(office.db, office.cipher, person.name[:2])
    assert person.name in [r.name for r in by_name]
    by_number = search_trainees(office.db, office.cipher, person.id_number)
    assert [r.name for r in by_number] == [person.name]
    assert by_number[0].id_masked == person.id_number[:4] + "*" * 10 + person.id_number[-4:]
    by_tail = search_trainees(office.db, office.cipher, person.id_number[-4:])
    assert person.name in [r.name for r in by_tail]
    assert search_trainees(office.db, office.cipher, "110105194912310021") == []


def test_a_trainees_detail_lists_key_groups_and_training_history(office, enrolled):
    row = search_trainees(office.db, office.cipher, enrolled[0].id_number)[0]
    detail = get_trainee(office.db, office.cipher, row.id)
    assert detail.key_groups == ("退役军人",)
    assert [h.class_code for h in detail.history] == ["2026-JZ01"]
    assert class_roster(office.db, "2026-JZ01")[0].roll_no == 1


def test_revealing_a_number_needs_a_purpose_and_is_audited(office, enrolled):
    row = search_trainees(office.db, office.cipher, enrolled[0].id_number)[0]
    with pytest.raises(TraineeError):
        reveal_personal_field(office.db, office.cipher, actor=office.actor, trainee_id=row.id, field="id_number", purpose="")
    value = reveal_personal_field(office.db, office.cipher, actor=office.actor, trainee_id=row.id, field="id_number",
                                  purpose="核对证件")
    assert value == enrolled[0].id_number
    phone = reveal_personal_field(office.db, office.cipher, actor=office.actor, trainee_id=row.id, field="phone",
                                  purpose="电话通知")
    assert phone == enrolled[0].phone
    with office.db.reading() as session:
        details = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "personal_data.revealed").order_by(AuditEntry.id)
        ).all()
    assert [(d["field"], d["purpose"]) for d in details] == [("id_number", "核对证件"), ("phone", "电话通知")]
    assert all(enrolled[0].id_number not in str(d) for d in details)
