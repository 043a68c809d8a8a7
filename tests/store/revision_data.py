"""Realistic rows for every Alembic revision, to prove migrations keep data.

`SEED[revision](connection)` inserts a few rows right after the schema reaches `revision`;
`CHECK[revision](connection)` asserts those rows are still there, unchanged, at that revision
or ANY LATER ONE. test_migrations.py fails if a revision in migrations/versions has no entry
in both dictionaries, so every new revision must come with its data here.

Rules for entries:
  * Tables are described with `sa.table`/`sa.column` as they were AT THAT REVISION, never with
    desktop_app.store.models: old revisions must not depend on today's models.
  * A revision that changes existing columns (rename, move, re-type) must also update the CHECK
    of earlier revisions so that they describe where that data lives after the change — that
    is exactly the promise the migration makes.
  * Values are written as the application writes them: UTC timestamps, money in fen, personal
    fields as opaque ciphertext bytes plus a 64-hex keyed hash (no key is needed here).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

# --- generic machinery -----------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """The surrogate id of another seeded row, found by that row's natural key at run time
    (ids differ between backends and between runs; natural keys do not)."""

    table: str
    key: tuple


@dataclass(frozen=True)
class Schema:
    """The tables of one revision and the natural key that identifies each seeded row."""

    tables: Mapping[str, sa.TableClause]
    natural_keys: Mapping[str, tuple[str, ...]]


def _resolve(connection: Connection, schema: Schema, value: object) -> object:
    if not isinstance(value, Ref):
        return value
    table = schema.tables[value.table]
    columns = schema.natural_keys[value.table]
    clauses = [table.c[name] == _resolve(connection, schema, part) for name, part in zip(columns, value.key)]
    found = connection.execute(sa.select(table.c.id).where(*clauses)).scalars().all()
    assert len(found) == 1, f"{value.table} {value.key}: expected one row, found {len(found)}"
    return found[0]


def seed_rows(connection: Connection, schema: Schema, rows: Sequence[tuple[str, dict]]) -> None:
    for table_name, row in rows:
        values = {name: _resolve(connection, schema, value) for name, value in row.items()}
        connection.execute(sa.insert(schema.tables[table_name]).values(**values))


def _normalise(value: object) -> object:
    # SQLite gives back naive text-stored timestamps; PostgreSQL gives aware ones in the session
    # zone; psycopg may give memoryview for bytea.
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    if isinstance(value, memoryview):
        return value.tobytes()
    return value


def check_rows(connection: Connection, schema: Schema, rows: Sequence[tuple[str, dict]]) -> None:
    """Every seeded row exists exactly once, with every seeded column equal (FKs via natural keys)."""
    for table_name, row in rows:
        table = schema.tables[table_name]
        expected = {name: _normalise(_resolve(connection, schema, value)) for name, value in row.items()}
        key = {name: expected[name] for name in schema.natural_keys[table_name]}
        found = connection.execute(
            sa.select(*(table.c[name] for name in expected)).where(*(table.c[name] == value for name, value in key.items()))
        ).mappings().all()
        assert len(found) == 1, f"{table_name} {key}: expected 1 row, found {len(found)}"
        actual = {name: _normalise(value) for name, value in found[0].items()}
        differences = {name: (expected[name], actual[name]) for name in expected if expected[name] != actual[name]}
        assert not differences, f"{table_name} {key} changed (expected, actual): {differences}"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def fake_hash(text: str) -> str:
    """Stands in for a keyed HMAC: 64 hex digits, like the real column holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fake_ciphertext(text: str) -> bytes:
    """Stands in for AES-GCM output: 12-byte nonce + ciphertext + 16-byte tag, opaque bytes."""
    digest = hashlib.sha512(text.encode("utf-8")).digest()
    return digest[:12] + bytes(b ^ 0x5A for b in text.encode("utf-8")) + digest[12:28]


# --- revision 0001: initial schema ----------------------------------------------------------

_S, _T, _I, _B = sa.String, sa.Text, sa.Integer, sa.Boolean
_TS, _D, _J, _BIN = sa.DateTime(timezone=True), sa.Date, sa.JSON, sa.LargeBinary


def _table(table_name: str, /, **columns) -> sa.TableClause:
    return sa.table(table_name, *(sa.column(column, type_()) if isinstance(type_, type) else sa.column(column, type_)
                            for column, type_ in columns.items()))


SCHEMA_0001 = Schema(
    tables={
        "app_meta": _table("app_meta", key=_S, value=_T),
        "app_user": _table("app_user", id=_I, username=_S, display_name=_S, role=_S, password_hash=_S,
                           is_builtin=_B, is_active=_B, created_at=_TS),
        "institution": _table("institution", id=_I, code=_S, name=_S, credit_code=_S, address=_S, contact_name=_S,
                              contact_phone=_S, created_at=_TS),
        "teacher": _table("teacher", id=_I, institution_id=_I, name=_S, title=_S, qualification_no=_S, user_id=_I,
                          is_active=_B),
        "reference_version": _table("reference_version", id=_I, dataset=_S, version=_S, origin=_S, etag=_S,
                                    is_current=_B, loaded_at=_TS),
        "occupation": _table("occupation", id=_I, edition=_S, code=_S, name=_S, levels=_S, subsidy_class=_S,
                             special_ability=_B, shortage=_B, in_subsidy_catalogue=_B, source=_T,
                             reference_version_id=_I),
        "training_type": _table("training_type", code=_S, name=_S, name_en=_S, source=_T),
        "key_group": _table("key_group", code=_S, name=_S, name_en=_S, free_training=_B, living_allowance=_B,
                            sensitive=_B, relatives_extend=_B, source=_T),
        "subsidy_rate": _table("subsidy_rate", id=_I, reference_version_id=_I, subsidy_class=_S, kind=_S, level=_I,
                               amount_fen=_I),
        "policy": _table("policy", id=_I, code=_S, name=_S, effective_from=_D, subsidy_cap=_I, subsidy_window=_S,
                         same_occupation_level_once=_B, pension_excluded=_B, min_attendance_rate_percent=_I,
                         online_hours_cap_percent=_I, min_hours_per_level=_J, min_practice_percent=_I,
                         lesson_minutes=_I, lock_period=_S, min_age=_I, max_age=_I,
                         advance_payment_percent_project_based=_I, work_for_training_max_months=_I, notes=_J,
                         source=_T, is_active=_B, created_at=_TS),
        "training_class": _table("training_class", id=_I, uid=_S, institution_id=_I, code=_S, name=_S,
                                 occupation_id=_I, level=_I, training_type_code=_S, project_based=_B, start_date=_D,
                                 end_date=_D, planned_theory_minutes=_I, planned_practice_minutes=_I,
                                 planned_online_minutes=_I, capacity=_I, location=_S, status=_S, policy_id=_I,
                                 created_at=_TS, created_by=_I, updated_at=_TS),
        "class_teacher": _table("class_teacher", class_id=_I, teacher_id=_I),
        "class_session": _table("class_session", id=_I, uid=_S, class_id=_I, starts_at=_TS, ends_at=_TS, period=_S,
                                kind=_S, lessons=_I, teacher_id=_I, status=_S),
        "trainee": _table("trainee", id=_I, uid=_S, id_hash=_S, id_number_enc=_BIN, id_masked=_S, id_type=_S,
                          name=_S, sex=_S, birth_date=_D, ethnicity=_S, phone_enc=_BIN, phone_masked=_S,
                          household_type=_S, education=_S, employment_status=_S, pension_status=_B, bank_name=_S,
                          bank_account_enc=_BIN, created_at=_TS, updated_at=_TS),
        "trainee_key_group": _table("trainee_key_group", id=_I, trainee_id=_I, group_hash=_S, group_code_enc=_BIN),
        "enrolment": _table("enrolment", id=_I, uid=_S, class_id=_I, trainee_id=_I, roll_no=_I, subsidy_status=_S,
                            eligibility_reasons=_J, override_reason=_T, enrolled_at=_TS, enrolled_by=_I,
                            withdrawn_at=_TS),
        "attendance_mark": _table("attendance_mark", id=_I, uid=_S, session_id=_I, enrolment_id=_I, status=_S,
                                  late_minutes=_I, early_leave_minutes=_I, leave_reason=_T, sign_in_at=_TS,
                                  sign_out_at=_TS, source=_S, revision=_I, updated_at=_TS, updated_by=_I),
        "attendance_mark_history": _table("attendance_mark_history", id=_I, mark_id=_I, revision=_I, old_value=_J,
                                          new_value=_J, reason=_T, changed_at=_TS, changed_by=_I),
        "online_learning": _table("online_learning", id=_I, enrolment_id=_I, minutes=_I, source=_S, recorded_at=_TS,
                                  recorded_by=_I),
        "assessment": _table("assessment", id=_I, uid=_S, enrolment_id=_I, theory_score=_I, practical_score=_I,
                             result=_S, retake=_B, assessed_on=_D, recorded_at=_TS, recorded_by=_I),
        "certificate": _table("certificate", id=_I, uid=_S, enrolment_id=_I, trainee_id=_I, kind=_S, number=_S,
                              issuer=_S, status=_S, issued_on=_D, content=_J, pdf_sha256=_S, void_reason=_T,
                              replaces_id=_I, issued_by=_I, created_at=_TS),
        "outbox_batch": _table("outbox_batch", id=_I, batch_id=_S, kind=_S, class_id=_I, state=_S,
                               canonical_bytes=_BIN, content_hash=_S, signature=_BIN, key_id=_S,
                               supersedes_batch_id=_S, reference_versions=_J, attempts=_I, next_attempt_at=_TS,
                               last_error=_T, receipt=_J, created_at=_TS, updated_at=_TS),
        "audit_log": _table("audit_log", id=_I, occurred_at=_TS, actor_user_id=_I, actor_name=_S, action=_S,
                            entity_type=_S, entity_id=_S, class_id=_I, details=_J, prev_hash=_S, entry_hash=_S),
    },
    natural_keys={
        "app_meta": ("key",),
        "app_user": ("username",),
        "institution": ("code",),
        "teacher": ("qualification_no",),
        "reference_version": ("dataset", "version"),
        "occupation": ("edition", "code"),
        "training_type": ("code",),
        "key_group": ("code",),
        "subsidy_rate": ("reference_version_id", "subsidy_class", "kind", "level"),
        "policy": ("code",),
        "training_class": ("code",),
        "class_teacher": ("class_id", "teacher_id"),
        "class_session": ("uid",),
        "trainee": ("uid",),
        "trainee_key_group": ("trainee_id", "group_hash"),
        "enrolment": ("uid",),
        "attendance_mark": ("uid",),
        "attendance_mark_history": ("mark_id", "revision"),
        "online_learning": ("enrolment_id", "source"),
        "assessment": ("uid",),
        "certificate": ("kind", "number"),
        "outbox_batch": ("batch_id",),
        "audit_log": ("entry_hash",),
    },
)

_CLASS = Ref("training_class", ("NJGL-2025-JN-003",))
_ZHANG = Ref("trainee", ("6f1c8a52-3f0e-4c1b-9d7e-1a2b3c4d5e01",))
_LIU = Ref("trainee", ("6f1c8a52-3f0e-4c1b-9d7e-1a2b3c4d5e02",))
_ENROL_ZHANG = Ref("enrolment", ("0b7d2e91-55aa-4f1e-8c3b-000000000001",))
_ENROL_LIU = Ref("enrolment", ("0b7d2e91-55aa-4f1e-8c3b-000000000002",))
_MORNING = Ref("class_session", ("a4e6c0de-1111-4a5b-9c8d-000000000001",))
_AFTERNOON = Ref("class_session", ("a4e6c0de-1111-4a5b-9c8d-000000000002",))
_ADMIN = Ref("app_user", ("admin",))
_REGISTRAR = Ref("app_user", ("wangfang",))
_OCC_VERSION = Ref("reference_version", ("occupations", "2022-bundled-3"))
_RATE_VERSION = Ref("reference_version", ("subsidy_rates", "jiangsu-2025-01"))
_CANONICAL = (
    '{"class":{"code":"NJGL-2025-JN-003","name":"中式烹调师（四级）就业技能培训班第3期","occupation":"4-03-02-01",'
    '"level":4,"trainees":2},"kind":"class_filing"}'
).encode("utf-8")

ROWS_0001: list[tuple[str, dict]] = [
    ("app_meta", {"key": "installation_id", "value": "3d0c6f7e-8b1a-4c2d-9e3f-5a6b7c8d9e0f"}),
    ("app_meta", {"key": "key_check", "value": fake_hash("key check")}),
    ("institution", {"code": "320106-0042", "name": "南京市鼓楼区新起点职业技能培训学校", "credit_code": "52320106MJ5432187K",
                     "address": "南京市鼓楼区中山北路 283 号 3 楼", "contact_name": "周明", "contact_phone": "025-83451234",
                     "created_at": utc(2025, 1, 6, 1, 30)}),
    ("app_user", {"username": "admin", "display_name": "本机管理员", "role": "administrator", "password_hash": None,
                  "is_builtin": True, "is_active": True, "created_at": utc(2025, 1, 6, 1, 30)}),
    ("app_user", {"username": "wangfang", "display_name": "王芳", "role": "registrar",
                  "password_hash": "scrypt$16384$8$1$c2FsdA==$aGFzaA==", "is_builtin": False, "is_active": True,
                  "created_at": utc(2025, 1, 7, 2, 0, 0, 123456)}),
    ("teacher", {"institution_id": Ref("institution", ("320106-0042",)), "name": "李建国", "title": "高级技师",
                 "qualification_no": "S000032010000123456", "user_id": None, "is_active": True}),
    ("teacher", {"institution_id": Ref("institution", ("320106-0042",)), "name": "陈静", "title": "讲师",
                 "qualification_no": "JS-2019-0458", "user_id": _REGISTRAR, "is_active": False}),
    ("reference_version", {"dataset": "occupations", "version": "2022-bundled-3", "origin": "bundled", "etag": None,
                           "is_current": True, "loaded_at": utc(2025, 1, 6, 1, 30, 5)}),
    ("reference_version", {"dataset": "subsidy_rates", "version": "jiangsu-2025-01", "origin": "platform",
                           "etag": 'W/"5f2a-19c"', "is_current": False, "loaded_at": utc(2025, 2, 1, 8, 0)}),
    ("occupation", {"edition": "2022", "code": "4-03-02-01", "name": "中式烹调师", "levels": "54321",
                    "subsidy_class": "B", "special_ability": False, "shortage": None, "in_subsidy_catalogue": True,
                    "source": "人社部《国家职业分类大典（2022年版）》", "reference_version_id": _OCC_VERSION}),
    ("occupation", {"edition": "2022", "code": "4-10-01-05", "name": "养老护理员", "levels": "54321",
                    "subsidy_class": "A", "special_ability": False, "shortage": True, "in_subsidy_catalogue": True,
                    "source": None, "reference_version_id": _OCC_VERSION}),
    ("occupation", {"edition": "2015", "code": "4-10-01-05", "name": "养老护理员（2015版）", "levels": "54321",
                    "subsidy_class": None, "special_ability": False, "shortage": False, "in_subsidy_catalogue": False,
                    "source": None, "reference_version_id": None}),
    ("training_type", {"code": "employment_skills", "name": "就业技能培训", "name_en": "Employment skills training",
                       "source": "苏人社发〔2024〕号"}),
    ("key_group", {"code": "registered_unemployed", "name": "登记失业人员", "name_en": "Registered unemployed",
                   "free_training": True, "living_allowance": True, "sensitive": False, "relatives_extend": False,
                   "source": None}),
    ("key_group", {"code": "poverty_alleviated", "name": "脱贫人口", "name_en": None, "free_training": True,
                   "living_allowance": True, "sensitive": True, "relatives_extend": True, "source": "苏人社规〔2023〕"}),
    ("subsidy_rate", {"reference_version_id": _RATE_VERSION, "subsidy_class": "B", "kind": "skill_level", "level": 4,
                      "amount_fen": 150000}),
    ("subsidy_rate", {"reference_version_id": _RATE_VERSION, "subsidy_class": "A", "kind": "special_ability",
                      "level": None, "amount_fen": 80000}),
    ("policy", {"code": "jiangsu-2025", "name": "江苏省职业技能培训补贴政策（2025）", "effective_from": date(2025, 1, 1),
                "subsidy_cap": 3, "subsidy_window": "calendar_year", "same_occupation_level_once": True,
                "pension_excluded": True, "min_attendance_rate_percent": 80, "online_hours_cap_percent": 30,
                "min_hours_per_level": {"5": 120, "4": 180, "3": 240}, "min_practice_percent": 40,
                "lesson_minutes": 45, "lock_period": "end_of_day", "min_age": 16, "max_age": 60,
                "advance_payment_percent_project_based": 50, "work_for_training_max_months": 6,
                "notes": {"subsidy_cap": "每人每年最多享受3次", "来源": "省厅文件"}, "source": None, "is_active": True,
                "created_at": utc(2025, 1, 6, 1, 30, 6)}),
    ("training_class", {"uid": "c1a55e00-0000-4000-8000-000000000003", "institution_id": Ref("institution", ("320106-0042",)),
                        "code": "NJGL-2025-JN-003", "name": "中式烹调师（四级）就业技能培训班第3期",
                        "occupation_id": Ref("occupation", ("2022", "4-03-02-01")), "level": 4,
                        "training_type_code": "employment_skills", "project_based": False,
                        "start_date": date(2025, 3, 3), "end_date": date(2025, 4, 11),
                        "planned_theory_minutes": 3600, "planned_practice_minutes": 5400, "planned_online_minutes": 1800,
                        "capacity": 40, "location": "鼓楼区实训基地 2 号烹饪教室", "status": "in_training",
                        "policy_id": Ref("policy", ("jiangsu-2025",)), "created_at": utc(2025, 2, 20, 6, 15),
                        "created_by": _REGISTRAR, "updated_at": utc(2025, 3, 3, 0, 5)}),
    ("class_teacher", {"class_id": _CLASS, "teacher_id": Ref("teacher", ("S000032010000123456",))}),
    ("class_session", {"uid": "a4e6c0de-1111-4a5b-9c8d-000000000001", "class_id": _CLASS,
                       "starts_at": utc(2025, 3, 3, 0, 30), "ends_at": utc(2025, 3, 3, 3, 30), "period": "morning",
                       "kind": "theory", "lessons": 4, "teacher_id": Ref("teacher", ("S000032010000123456",)),
                       "status": "planned"}),
    ("class_session", {"uid": "a4e6c0de-1111-4a5b-9c8d-000000000002", "class_id": _CLASS,
                       "starts_at": utc(2025, 3, 3, 5, 30), "ends_at": utc(2025, 3, 3, 8, 30), "period": "afternoon",
                       "kind": "practice", "lessons": 4, "teacher_id": None, "status": "cancelled"}),
    ("trainee", {"uid": "6f1c8a52-3f0e-4c1b-9d7e-1a2b3c4d5e01", "id_hash": fake_hash("32010619850615321X"),
                 "id_number_enc": fake_ciphertext("32010619850615321X"), "id_masked": "3201**********321X",
                 "id_type": "resident", "name": "张伟", "sex": "M", "birth_date": date(1985, 6, 15),
                 "ethnicity": "汉族", "phone_enc": fake_ciphertext("13912345678"), "phone_masked": "139****5678",
                 "household_type": "农业户口", "education": "初中", "employment_status": "registered_unemployed",
                 "pension_status": False, "bank_name": "中国农业银行南京鼓楼支行",
                 "bank_account_enc": fake_ciphertext("6228480402564890018"),
                 "created_at": utc(2025, 2, 25, 2, 0, 0, 1), "updated_at": utc(2025, 2, 26, 3, 0)}),
    ("trainee", {"uid": "6f1c8a52-3f0e-4c1b-9d7e-1a2b3c4d5e02", "id_hash": fake_hash("H01234567"),
                 "id_number_enc": fake_ciphertext("H01234567"), "id_masked": "H0****567",
                 "id_type": "hmt_permit", "name": "刘嘉怡", "sex": "F", "birth_date": None, "ethnicity": None,
                 "phone_enc": None, "phone_masked": None, "household_type": None, "education": None,
                 "employment_status": None, "pension_status": True, "bank_name": None, "bank_account_enc": None,
                 "created_at": utc(2025, 2, 25, 2, 1), "updated_at": utc(2025, 2, 25, 2, 1)}),
    ("trainee_key_group", {"trainee_id": _ZHANG, "group_hash": fake_hash("registered_unemployed"),
                           "group_code_enc": fake_ciphertext("registered_unemployed")}),
    ("enrolment", {"uid": "0b7d2e91-55aa-4f1e-8c3b-000000000001", "class_id": _CLASS, "trainee_id": _ZHANG,
                   "roll_no": 1, "subsidy_status": "eligible", "eligibility_reasons": [], "override_reason": None,
                   "enrolled_at": utc(2025, 2, 26, 3, 0), "enrolled_by": _REGISTRAR, "withdrawn_at": None}),
    ("enrolment", {"uid": "0b7d2e91-55aa-4f1e-8c3b-000000000002", "class_id": _CLASS, "trainee_id": _LIU,
                   "roll_no": 2, "subsidy_status": "overridden",
                   "eligibility_reasons": [{"code": "eligibility.pension", "params": {"name": "刘嘉怡"}}],
                   "override_reason": "经区人社局书面同意（鼓人社〔2025〕12号）", "enrolled_at": utc(2025, 2, 26, 3, 5),
                   "enrolled_by": _REGISTRAR, "withdrawn_at": utc(2025, 3, 20, 9, 0)}),
    ("attendance_mark", {"uid": "7a11e4d0-0000-4000-8000-000000000001", "session_id": _MORNING,
                         "enrolment_id": _ENROL_ZHANG, "status": "present", "late_minutes": 0,
                         "early_leave_minutes": 0, "leave_reason": None, "sign_in_at": utc(2025, 3, 3, 0, 21),
                         "sign_out_at": utc(2025, 3, 3, 3, 33), "source": "card", "revision": 1,
                         "updated_at": utc(2025, 3, 3, 3, 33), "updated_by": None}),
    ("attendance_mark", {"uid": "7a11e4d0-0000-4000-8000-000000000002", "session_id": _MORNING,
                         "enrolment_id": _ENROL_LIU, "status": "late", "late_minutes": 25,
                         "early_leave_minutes": 0, "leave_reason": "公交晚点", "sign_in_at": utc(2025, 3, 3, 0, 55),
                         "sign_out_at": None, "source": "manual", "revision": 2,
                         "updated_at": utc(2025, 3, 3, 4, 0), "updated_by": _REGISTRAR}),
    ("attendance_mark_history", {"mark_id": Ref("attendance_mark", ("7a11e4d0-0000-4000-8000-000000000002",)),
                                 "revision": 1, "old_value": None, "new_value": {"status": "absent"}, "reason": None,
                                 "changed_at": utc(2025, 3, 3, 0, 45), "changed_by": _REGISTRAR}),
    ("attendance_mark_history", {"mark_id": Ref("attendance_mark", ("7a11e4d0-0000-4000-8000-000000000002",)),
                                 "revision": 2, "old_value": {"status": "absent"},
                                 "new_value": {"status": "late", "late_minutes": 25},
                                 "reason": "学员出示公交晚点证明", "changed_at": utc(2025, 3, 3, 4, 0),
                                 "changed_by": _REGISTRAR}),
    ("online_learning", {"enrolment_id": _ENROL_ZHANG, "minutes": 240, "source": "江苏职业培训网络学院",
                         "recorded_at": utc(2025, 3, 10, 12, 0), "recorded_by": _REGISTRAR}),
    ("assessment", {"uid": "a55e55ed-0000-4000-8000-000000000001", "enrolment_id": _ENROL_ZHANG, "theory_score": 865,
                    "practical_score": 912, "result": "pass", "retake": False, "assessed_on": date(2025, 4, 12),
                    "recorded_at": utc(2025, 4, 12, 9, 30), "recorded_by": _REGISTRAR}),
    ("assessment", {"uid": "a55e55ed-0000-4000-8000-000000000002", "enrolment_id": _ENROL_LIU, "theory_score": None,
                    "practical_score": None, "result": None, "retake": True, "assessed_on": None,
                    "recorded_at": utc(2025, 4, 12, 9, 31), "recorded_by": None}),
    ("certificate", {"uid": "ce87ce87-0000-4000-8000-000000000001", "enrolment_id": _ENROL_ZHANG,
                     "trainee_id": _ZHANG, "kind": "training_completion", "number": "NJGL-2025-JN-003-0001",
                     "issuer": "institution", "status": "void", "issued_on": date(2025, 4, 15),
                     "content": {"name": "张伟", "occupation": "中式烹调师", "level": 4, "hours": 200},
                     "pdf_sha256": fake_hash("pdf v1"), "void_reason": "姓名打印错误", "replaces_id": None,
                     "issued_by": _REGISTRAR, "created_at": utc(2025, 4, 15, 2, 0)}),
    ("certificate", {"uid": "ce87ce87-0000-4000-8000-000000000002", "enrolment_id": _ENROL_ZHANG,
                     "trainee_id": _ZHANG, "kind": "training_completion", "number": "NJGL-2025-JN-003-0002",
                     "issuer": "institution", "status": "issued", "issued_on": date(2025, 4, 16),
                     "content": {"name": "张伟", "occupation": "中式烹调师", "level": 4, "hours": 200},
                     "pdf_sha256": fake_hash("pdf v2"), "void_reason": None,
                     "replaces_id": Ref("certificate", ("training_completion", "NJGL-2025-JN-003-0001")),
                     "issued_by": _REGISTRAR, "created_at": utc(2025, 4, 16, 2, 0)}),
    ("outbox_batch", {"batch_id": "b47c4000-0000-4000-8000-000000000001", "kind": "class_filing", "class_id": _CLASS,
                      "state": "accepted_with_warnings", "canonical_bytes": _CANONICAL,
                      "content_hash": hashlib.sha256(_CANONICAL).hexdigest(), "signature": bytes(range(64)),
                      "key_id": "ed25519:320106-0042:2025-01", "supersedes_batch_id": None,
                      "reference_versions": {"occupations": "2022-bundled-3", "policies": "jiangsu-2025"},
                      "attempts": 2, "next_attempt_at": None, "last_error": "HTTP 503：平台维护中",
                      "receipt": {"receipt_no": "JS-2025-000381", "warnings": ["学员刘嘉怡缺少学历信息"]},
                      "created_at": utc(2025, 2, 28, 7, 0), "updated_at": utc(2025, 3, 1, 1, 12)}),
    ("audit_log", {"occurred_at": utc(2025, 1, 6, 1, 30, 6, 500000), "actor_user_id": _ADMIN, "actor_name": "admin",
                   "action": "database.created", "entity_type": "database",
                   "entity_id": "3d0c6f7e-8b1a-4c2d-9e3f-5a6b7c8d9e0f", "class_id": None,
                   "details": {"reference_versions": {"occupations": "2022-bundled-3"}}, "prev_hash": "0" * 64,
                   "entry_hash": fake_hash("audit 1")}),
    ("audit_log", {"occurred_at": utc(2025, 3, 3, 4, 0), "actor_user_id": _REGISTRAR, "actor_name": "wangfang",
                   "action": "attendance.corrected", "entity_type": "attendance_mark",
                   "entity_id": "7a11e4d0-0000-4000-8000-000000000002", "class_id": _CLASS,
                   "details": {"from": "absent", "to": "late", "reason": "学员出示公交晚点证明"},
                   "prev_hash": fake_hash("audit 1"), "entry_hash": fake_hash("audit 2")}),
]


def seed_0001(connection: Connection) -> None:
    seed_rows(connection, SCHEMA_0001, ROWS_0001)


def check_0001(connection: Connection) -> None:
    rows = ROWS_0001
    if "canonical_bytes" not in {c["name"] for c in sa.inspect(connection).get_columns("outbox_batch")}:
        # 0005 moved the signed bytes into outbox_batch_content, one row per batch.
        rows = [(table, {k: v for k, v in row.items() if (table, k) != ("outbox_batch", "canonical_bytes")})
                for table, row in ROWS_0001]
        for table, row in ROWS_0001:
            if table == "outbox_batch":
                assert _content_of(connection, row["batch_id"]) == row["canonical_bytes"]
    check_rows(connection, SCHEMA_0001, rows)


# --- 0002: policy lateness rule and grace ----------------------------------------------------

_POLICY_0002 = sa.table("policy", sa.column("code", sa.String), sa.column("late_grace_minutes", sa.Integer),
                        sa.column("lateness_rule", sa.String))


def seed_0002(connection: Connection) -> None:
    # The policy written at 0001 got the defaults; an institution then chose exact minutes.
    connection.execute(_POLICY_0002.update().where(_POLICY_0002.c.code == "jiangsu-2025")
                       .values(late_grace_minutes=10, lateness_rule="minutes"))


def check_0002(connection: Connection) -> None:
    row = connection.execute(sa.select(_POLICY_0002.c.late_grace_minutes, _POLICY_0002.c.lateness_rule)
                             .where(_POLICY_0002.c.code == "jiangsu-2025")).one()
    assert tuple(row) == (10, "minutes"), row


# --- 0003: certificate counters and device keys ---------------------------------------------

_COUNTER_0003 = sa.table("certificate_counter", sa.column("institution_id", sa.Integer), sa.column("year", sa.Integer),
                         sa.column("next_serial", sa.Integer))
_KEY_0003 = sa.table("device_key", sa.column("key_id", sa.String), sa.column("public_key_pem", sa.Text),
                     sa.column("created_at", sa.DateTime(timezone=True)), sa.column("own", sa.Boolean))
_INSTITUTION_0003 = sa.table("institution", sa.column("id", sa.Integer), sa.column("code", sa.String))


def seed_0003(connection: Connection) -> None:
    institution = connection.execute(sa.select(_INSTITUTION_0003.c.id).order_by(_INSTITUTION_0003.c.id)).scalar()
    connection.execute(_COUNTER_0003.insert().values(institution_id=institution, year=2026, next_serial=42))
    connection.execute(_KEY_0003.insert().values(
        key_id="skd-0123456789abcdef", own=True, created_at=utc(2026, 3, 1, 8, 0),
        public_key_pem="-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"))


def check_0003(connection: Connection) -> None:
    assert connection.execute(sa.select(_COUNTER_0003.c.next_serial).where(_COUNTER_0003.c.year == 2026)).scalar() == 42
    assert connection.execute(sa.select(_KEY_0003.c.key_id)).scalar() == "skd-0123456789abcdef"


# --- 0004: sign-in lockout, reference documents, outbox receipt facts -----------------------

_USER_0004 = sa.table("app_user", sa.column("username", sa.String), sa.column("failed_logins", sa.Integer),
                      sa.column("locked_until", sa.DateTime(timezone=True)))
_REFDOC_0004 = sa.table("reference_document", sa.column("reference_version_id", sa.Integer),
                        sa.column("document", sa.JSON), sa.column("content_hash", sa.String))
_REFVER_0004 = sa.table("reference_version", sa.column("id", sa.Integer), sa.column("dataset", sa.String),
                        sa.column("version", sa.String))
_OUTBOX_0004 = sa.table("outbox_batch", sa.column("batch_id", sa.String), sa.column("sequence", sa.Integer),
                        sa.column("last_error_code", sa.String), sa.column("sent_at", sa.DateTime(timezone=True)))
_BATCH_0004 = "b47c4000-0000-4000-8000-000000000001"


def seed_0004(connection: Connection) -> None:
    # Existing users start with no failures (server default); one then failed three times.
    assert connection.execute(sa.select(_USER_0004.c.failed_logins).where(_USER_0004.c.username == "admin")).scalar() == 0
    connection.execute(_USER_0004.update().where(_USER_0004.c.username == "admin")
                       .values(failed_logins=3, locked_until=utc(2026, 11, 27, 3, 0)))
    version = connection.execute(sa.select(_REFVER_0004.c.id).where(_REFVER_0004.c.dataset == "subsidy_rates")).scalar()
    connection.execute(_REFDOC_0004.insert().values(reference_version_id=version, content_hash=fake_hash("rates doc"),
                                                    document={"dataset": "subsidy_rates", "version": "jiangsu-2025-01",
                                                              "items": [{"class": "B", "level": 4, "fen": 150000}]}))
    connection.execute(_OUTBOX_0004.update().where(_OUTBOX_0004.c.batch_id == _BATCH_0004)
                       .values(sequence=381, last_error_code="platform.busy", sent_at=utc(2025, 3, 1, 1, 10)))


def check_0004(connection: Connection) -> None:
    user = connection.execute(sa.select(_USER_0004.c.failed_logins, _USER_0004.c.locked_until)
                              .where(_USER_0004.c.username == "admin")).one()
    assert user.failed_logins == 3 and user.locked_until is not None
    document = connection.execute(sa.select(_REFDOC_0004.c.document)).scalar()
    assert document["items"][0]["fen"] == 150000
    batch = connection.execute(sa.select(_OUTBOX_0004.c.sequence, _OUTBOX_0004.c.last_error_code)
                               .where(_OUTBOX_0004.c.batch_id == _BATCH_0004)).one()
    assert tuple(batch) == (381, "platform.busy")


# --- 0005: the signed bytes of a batch in their own table -----------------------------------

_OUTBOX_0005 = sa.table("outbox_batch", sa.column("id", sa.Integer), sa.column("batch_id", sa.String),
                        sa.column("kind", sa.String), sa.column("state", sa.String), sa.column("size_bytes", sa.Integer),
                        sa.column("content_hash", sa.String), sa.column("signature", sa.LargeBinary),
                        sa.column("key_id", sa.String), sa.column("reference_versions", sa.JSON),
                        sa.column("attempts", sa.Integer), sa.column("created_at", sa.DateTime(timezone=True)),
                        sa.column("updated_at", sa.DateTime(timezone=True)))
_CONTENT_0005 = sa.table("outbox_batch_content", sa.column("outbox_batch_id", sa.Integer),
                         sa.column("canonical_bytes", sa.LargeBinary))
_BATCH_0005 = "b47c5000-0000-4000-8000-000000000002"
_STORED_0005 = fake_ciphertext('{"kind":"cohort_completion","payload":{"trainees":[]}}')
# AES-GCM's nonce and tag: the size recorded is that of the signed bytes inside.
_AEAD_OVERHEAD = 28


def _content_of(connection: Connection, batch_id: str) -> bytes | None:
    value = connection.execute(
        sa.select(_CONTENT_0005.c.canonical_bytes).join(_OUTBOX_0005, _OUTBOX_0005.c.id == _CONTENT_0005.c.outbox_batch_id)
        .where(_OUTBOX_0005.c.batch_id == batch_id)).scalar()
    return _normalise(value)


def seed_0005(connection: Connection) -> None:
    row = connection.execute(_OUTBOX_0005.insert().values(
        batch_id=_BATCH_0005, kind="cohort_completion", state="sealed",
        size_bytes=len(_STORED_0005) - _AEAD_OVERHEAD, content_hash=fake_hash("cohort batch"),
        signature=bytes(range(64, 128)), key_id="skd-0123456789abcdef", reference_versions={"policies": "jiangsu-2025"},
        attempts=0, created_at=utc(2026, 11, 27, 5, 0), updated_at=utc(2026, 11, 27, 5, 0))
        .returning(_OUTBOX_0005.c.id)).scalar()
    connection.execute(_CONTENT_0005.insert().values(outbox_batch_id=row, canonical_bytes=_STORED_0005))


def check_0005(connection: Connection) -> None:
    # The batch sealed at 0001 had its bytes moved and its size worked out from them.
    size = connection.execute(sa.select(_OUTBOX_0005.c.size_bytes).where(
        _OUTBOX_0005.c.batch_id == "b47c4000-0000-4000-8000-000000000001")).scalar()
    assert size == len(_CANONICAL) - _AEAD_OVERHEAD
    assert _content_of(connection, _BATCH_0005) == _STORED_0005
    assert connection.execute(sa.select(_OUTBOX_0005.c.size_bytes).where(
        _OUTBOX_0005.c.batch_id == _BATCH_0005)).scalar() == len(_STORED_0005) - _AEAD_OVERHEAD



# --- 0006: failed sign-ins under names that match no account ------------------------

_THROTTLE_0006 = sa.table("sign_in_throttle", sa.column("name_key", sa.String), sa.column("failures", sa.Integer),
                          sa.column("wait_until", sa.DateTime(timezone=True)),
                          sa.column("last_failure_at", sa.DateTime(timezone=True)))
_NAME_KEY_0006 = hashlib.sha256(b"nobody").hexdigest()


def seed_0006_throttle(connection: Connection) -> None:
    connection.execute(_THROTTLE_0006.insert().values(name_key=_NAME_KEY_0006, failures=4,
                                                      wait_until=utc(2026, 12, 2, 11, 0, 2),
                                                      last_failure_at=utc(2026, 12, 2, 11, 0)))


def check_0006_throttle(connection: Connection) -> None:
    row = connection.execute(sa.select(_THROTTLE_0006.c.failures, _THROTTLE_0006.c.wait_until)
                             .where(_THROTTLE_0006.c.name_key == _NAME_KEY_0006)).one()
    assert row.failures == 4 and _normalise(row.wait_until) == _normalise(utc(2026, 12, 2, 11, 0, 2))

# --- 0007: teacher phone, withdrawal date and reason, trainee change history ---------

_TEACHER_0007 = sa.table("teacher", sa.column("id", sa.Integer), sa.column("phone", sa.String))
_ENROLMENT_0007 = sa.table("enrolment", sa.column("uid", sa.String), sa.column("withdrawn_on", sa.Date),
                           sa.column("withdrawal_reason", sa.Text), sa.column("withdrawn_by", sa.Integer))
_CHANGE_0007 = sa.table("trainee_change", sa.column("trainee_id", sa.Integer), sa.column("field", sa.String),
                        sa.column("old_value", sa.Text), sa.column("new_value", sa.Text),
                        sa.column("reason", sa.Text), sa.column("changed_at", sa.DateTime(timezone=True)),
                        sa.column("changed_by", sa.Integer))
_WITHDRAWN_0007 = "0b7d2e91-55aa-4f1e-8c3b-000000000002"


def seed_0007(connection: Connection) -> None:
    # Rows from before the revision have no phone and no withdrawal details.
    assert connection.execute(sa.select(_TEACHER_0007.c.phone)).scalars().all() == [None] * len(
        connection.execute(sa.select(_TEACHER_0007.c.id)).all())
    teacher = connection.execute(sa.select(_TEACHER_0007.c.id).order_by(_TEACHER_0007.c.id)).scalars().first()
    connection.execute(_TEACHER_0007.update().where(_TEACHER_0007.c.id == teacher).values(phone="025-83201234"))
    connection.execute(_ENROLMENT_0007.update().where(_ENROLMENT_0007.c.uid == _WITHDRAWN_0007)
                       .values(withdrawn_on=date(2025, 3, 20), withdrawal_reason="外出务工",
                               withdrawn_by=_resolve(connection, SCHEMA_0001, _REGISTRAR)))
    connection.execute(_CHANGE_0007.insert().values(trainee_id=_resolve(connection, SCHEMA_0001, _ZHANG), field="phone",
                                                    old_value="139****5678", new_value="138****0000",
                                                    reason="学员更换手机号", changed_at=utc(2025, 3, 5, 2, 0),
                                                    changed_by=_resolve(connection, SCHEMA_0001, _REGISTRAR)))


def check_0007(connection: Connection) -> None:
    assert "025-83201234" in connection.execute(sa.select(_TEACHER_0007.c.phone)).scalars().all()
    withdrawn = connection.execute(sa.select(_ENROLMENT_0007.c.withdrawn_on, _ENROLMENT_0007.c.withdrawal_reason)
                                   .where(_ENROLMENT_0007.c.uid == _WITHDRAWN_0007)).one()
    assert tuple(withdrawn) == (date(2025, 3, 20), "外出务工")
    change = connection.execute(sa.select(_CHANGE_0007.c.field, _CHANGE_0007.c.old_value, _CHANGE_0007.c.new_value)).one()
    assert tuple(change) == ("phone", "139****5678", "138****0000")


# --- 0008: pass marks in the policy, an override's reason on an assessment -----------

_POLICY_0008 = sa.table("policy", sa.column("code", sa.String), sa.column("theory_pass_mark", sa.Integer),
                        sa.column("practical_pass_mark", sa.Integer))
_ASSESSMENT_0008 = sa.table("assessment", sa.column("uid", sa.String), sa.column("override_reason", sa.Text))


def seed_0008(connection: Connection) -> None:
    # Existing policies got 60/60; an institution then raised the practical mark.
    assert tuple(connection.execute(sa.select(_POLICY_0008.c.theory_pass_mark, _POLICY_0008.c.practical_pass_mark)
                                    .where(_POLICY_0008.c.code == "jiangsu-2025")).one()) == (60, 60)
    connection.execute(_POLICY_0008.update().where(_POLICY_0008.c.code == "jiangsu-2025").values(practical_pass_mark=70))
    connection.execute(_ASSESSMENT_0008.update().where(_ASSESSMENT_0008.c.uid == "a55e55ed-0000-4000-8000-000000000002")
                       .values(override_reason="补考合格，成绩单另附"))


def check_0008(connection: Connection) -> None:
    row = connection.execute(sa.select(_POLICY_0008.c.theory_pass_mark, _POLICY_0008.c.practical_pass_mark)
                             .where(_POLICY_0008.c.code == "jiangsu-2025")).one()
    assert tuple(row) == (60, 70), row
    assert connection.execute(sa.select(_ASSESSMENT_0008.c.override_reason).where(
        _ASSESSMENT_0008.c.uid == "a55e55ed-0000-4000-8000-000000000002")).scalar() == "补考合格，成绩单另附"


# --- 0009: the card-reader swipe rules of a policy --------------------------------------

_POLICY_0009 = sa.table("policy", sa.column("code", sa.String), sa.column("swipe_repeat_minutes", sa.Integer),
                        sa.column("swipe_early_minutes", sa.Integer), sa.column("swipe_after_end_minutes", sa.Integer),
                        sa.column("sign_out_after_minutes", sa.Integer))


def seed_0009(connection: Connection) -> None:
    # Policies written before got the documented defaults; an institution then allowed earlier sign-ins.
    row = connection.execute(sa.select(_POLICY_0009.c.swipe_repeat_minutes, _POLICY_0009.c.swipe_early_minutes,
                                       _POLICY_0009.c.swipe_after_end_minutes, _POLICY_0009.c.sign_out_after_minutes)
                             .where(_POLICY_0009.c.code == "jiangsu-2025")).one()
    assert tuple(row) == (2, 30, 15, 10), row
    connection.execute(_POLICY_0009.update().where(_POLICY_0009.c.code == "jiangsu-2025").values(swipe_early_minutes=45))


def check_0009(connection: Connection) -> None:
    early = connection.execute(sa.select(_POLICY_0009.c.swipe_early_minutes)
                               .where(_POLICY_0009.c.code == "jiangsu-2025")).scalar()
    assert early == 45


# --- 0010: an encrypted birth date column beside the (emptied) clear one -----------

_TRAINEE_0010 = sa.table("trainee", sa.column("uid", sa.String), sa.column("birth_date", sa.Date),
                         sa.column("birth_date_enc", sa.LargeBinary))
_BORN_0010 = fake_ciphertext("1985-06-15")


def seed_0010(connection: Connection) -> None:
    # What the application writes from 0006 on: the clear column empty, the date encrypted.
    connection.execute(_TRAINEE_0010.update().where(_TRAINEE_0010.c.birth_date.is_(None))
                       .values(birth_date_enc=_BORN_0010))


def check_0010(connection: Connection) -> None:
    # The migration itself moves nothing (it has no key): the clear dates of earlier rows are
    # still there for the first open with the key (store/trainees.encrypt_clear_birth_dates).
    rows = connection.execute(sa.select(_TRAINEE_0010.c.birth_date, _TRAINEE_0010.c.birth_date_enc)).all()
    assert rows and all(enc in (None, _BORN_0010) for _, enc in rows)
    assert any(enc == _BORN_0010 for _, enc in rows)


# --- 0011: the institution's subsidy bank account -------------------------------

_INSTITUTION_0011 = sa.table("institution", sa.column("code", sa.String), sa.column("bank_name", sa.String),
                             sa.column("bank_account_enc", sa.LargeBinary), sa.column("bank_account_masked", sa.String))
_ACCOUNT_0011 = fake_ciphertext("32001881236052500123")


def seed_0011(connection: Connection) -> None:
    connection.execute(_INSTITUTION_0011.update().where(_INSTITUTION_0011.c.code == "320106-0042").values(
        bank_name="中国建设银行南京鼓楼支行", bank_account_enc=_ACCOUNT_0011, bank_account_masked="****************0123"))


def check_0011(connection: Connection) -> None:
    row = connection.execute(sa.select(_INSTITUTION_0011.c.bank_name, _INSTITUTION_0011.c.bank_account_enc,
                                       _INSTITUTION_0011.c.bank_account_masked)
                             .where(_INSTITUTION_0011.c.code == "320106-0042")).one()
    assert row.bank_name == "中国建设银行南京鼓楼支行"
    assert _normalise(row.bank_account_enc) == _ACCOUNT_0011 and row.bank_account_masked.endswith("0123")


# --- 0012: city rules (dataset + local override), a class's fee and who pays ---------

_REFVER_0012S = sa.table("reference_version", sa.column("id", sa.Integer), sa.column("dataset", sa.String),
                         sa.column("version", sa.String), sa.column("origin", sa.String), sa.column("etag", sa.String),
                         sa.column("is_current", sa.Boolean), sa.column("loaded_at", sa.DateTime(timezone=True)))
_CITY_RULE_0012S = sa.table(
    "city_rule", sa.column("id", sa.Integer), sa.column("reference_version_id", sa.Integer),
    sa.column("city_code", sa.String), sa.column("city_name", sa.String), sa.column("local_factor_percent", sa.Integer),
    sa.column("shortage_uplift_percent", sa.Integer), sa.column("shortage_from_level", sa.Integer),
    sa.column("training_certificate_fen", sa.Integer), sa.column("flat_fen", sa.JSON),
    sa.column("living_allowance_fen_per_day", sa.Integer), sa.column("work_for_training_fen_per_month", sa.Integer),
    sa.column("source", sa.Text))
_OVERRIDE_0012S = sa.table(
    "city_rule_override", sa.column("id", sa.Integer), sa.column("local_factor_percent", sa.Integer),
    sa.column("shortage_uplift_percent", sa.Integer), sa.column("training_certificate_fen", sa.Integer),
    sa.column("living_allowance_fen_per_day", sa.Integer), sa.column("work_for_training_fen_per_month", sa.Integer),
    sa.column("set_at", sa.DateTime(timezone=True)), sa.column("set_by", sa.Integer))
_CLASS_0012S = sa.table("training_class", sa.column("id", sa.Integer), sa.column("code", sa.String),
                        sa.column("fee_fen", sa.Integer), sa.column("paid_by", sa.String))
_USER_0012S = sa.table("app_user", sa.column("id", sa.Integer), sa.column("username", sa.String))
_WUXI_0012S = {"city_code": "3202", "city_name": "无锡市", "local_factor_percent": None, "shortage_uplift_percent": 20,
               "shortage_from_level": 3, "training_certificate_fen": None, "flat_fen": {"GYB": 35000},
               "living_allowance_fen_per_day": None, "work_for_training_fen_per_month": None, "source": "转载"}


def seed_0012(connection: Connection) -> None:
    version = connection.execute(_REFVER_0012S.insert().values(
        dataset="city_rules", version="bundled-2026.1", origin="bundled", etag=None, is_current=True,
        loaded_at=utc(2026, 12, 2, 8, 0)).returning(_REFVER_0012S.c.id)).scalar()
    connection.execute(_CITY_RULE_0012S.insert().values(reference_version_id=version, **_WUXI_0012S))
    admin = connection.execute(sa.select(_USER_0012S.c.id).where(_USER_0012S.c.username == "admin")).scalar()
    connection.execute(_OVERRIDE_0012S.insert().values(local_factor_percent=110, training_certificate_fen=60000,
                                                       set_at=utc(2026, 12, 2, 9, 0), set_by=admin))
    # The seeded class (opened at 0001, no fee then) gets one now, as `class edit --fee` writes it.
    connection.execute(_CLASS_0012S.update().where(_CLASS_0012S.c.code == "NJGL-2025-JN-003")
                       .values(fee_fen=120050, paid_by="institution"))


def check_0012(connection: Connection) -> None:
    row = connection.execute(sa.select(*(_CITY_RULE_0012S.c[name] for name in _WUXI_0012S))
                             .where(_CITY_RULE_0012S.c.city_code == "3202")).mappings().one()
    assert dict(row) == _WUXI_0012S
    override = connection.execute(sa.select(_OVERRIDE_0012S)).mappings().one()
    assert (override["local_factor_percent"], override["training_certificate_fen"], override["shortage_uplift_percent"]) \
        == (110, 60000, None)
    assert _normalise(override["set_at"]) == utc(2026, 12, 2, 9, 0)
    fee = connection.execute(sa.select(_CLASS_0012S.c.fee_fen, _CLASS_0012S.c.paid_by)
                             .where(_CLASS_0012S.c.code == "NJGL-2025-JN-003")).one()
    assert tuple(fee) == (120050, "institution")


# --- the registry test_migrations.py walks ---------------------------------------------------

SEED: dict[str, Callable[[Connection], None]] = {
    "0001": seed_0001,
    "0002": seed_0002,
    "0003": seed_0003,
    "0004": seed_0004,
    "0005": seed_0005,
    "0006": seed_0006_throttle,
    "0007": seed_0007,
    "0008": seed_0008,
    "0009": seed_0009,
    "0010": seed_0010,
    "0011": seed_0011,
    "0012": seed_0012,
}

CHECK: dict[str, Callable[[Connection], None]] = {
    "0001": check_0001,
    "0002": check_0002,
    "0003": check_0003,
    "0004": check_0004,
    "0005": check_0005,
    "0006": check_0006_throttle,
    "0007": check_0007,
    "0008": check_0008,
    "0009": check_0009,
    "0010": check_0010,
    "0011": check_0011,
    "0012": check_0012,
}
