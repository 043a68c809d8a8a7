"""Writing and finding trainees: personal fields go through the cipher, never in clear."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop_app.store.models import Trainee, TraineeKeyGroup, new_uid, utcnow
from desktop_app.store.protection import PersonalDataCipher

# Field names bound into each ciphertext (AES-GCM associated data) and keyed hash.
ID_NUMBER = "trainee.id_number"
PHONE = "trainee.phone"
BANK_ACCOUNT = "trainee.bank_account"
KEY_GROUP = "trainee.key_group"
BIRTH_DATE = "trainee.birth_date"


@dataclass(frozen=True)
class TraineeRecord:
    """What the store needs to write one trainee; values already validated by the domain."""

    id_number: str
    id_type: str
    id_masked: str
    name: str
    sex: str | None = None
    birth_date: date | None = None
    ethnicity: str | None = None
    phone: str | None = None
    household_type: str | None = None
    education: str | None = None
    employment_status: str | None = None
    pension_status: bool = False
    bank_name: str | None = None
    bank_account: str | None = None
    key_groups: tuple[str, ...] = field(default_factory=tuple)


def mask_phone(phone: str) -> str:
    return phone[:3] + "*" * max(0, len(phone) - 7) + phone[-4:] if len(phone) > 7 else "*" * len(phone)


def encrypt_birth_date(cipher: PersonalDataCipher, value: date | None) -> bytes | None:
    return cipher.encrypt(value.isoformat(), field=BIRTH_DATE) if value is not None else None


def birth_date_of(cipher: PersonalDataCipher, blob: bytes | None) -> date | None:
    """The trainee's birth date from its ciphertext (None when none was recorded)."""
    return date.fromisoformat(cipher.decrypt(blob, field=BIRTH_DATE)) if blob else None


def encrypt_clear_birth_dates(session: Session, cipher: PersonalDataCipher) -> int:
    """Move birth dates still in the clear column (a database from before 0006) into the
    encrypted one and empty the clear column; returns how many. SQLite is told to overwrite the
    freed space (secure_delete), so the old values do not linger in the file's free pages."""
    clear = session.execute(select(Trainee.id, Trainee.birth_date).where(Trainee.birth_date.is_not(None))).all()
    if not clear:
        return 0
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
    for trainee_id, born in clear:
        session.execute(update(Trainee).where(Trainee.id == trainee_id).values(
            birth_date=None, birth_date_enc=encrypt_birth_date(cipher, born)))
    return len(clear)


def identity_lookup_hash(cipher: PersonalDataCipher, id_number: str) -> str:
    return cipher.lookup_hash(id_number, field=ID_NUMBER)


def _row(cipher: PersonalDataCipher, record: TraineeRecord) -> dict:
    now = utcnow()
    return {
        "uid": new_uid(),
        "id_hash": identity_lookup_hash(cipher, record.id_number),
        "id_number_enc": cipher.encrypt(record.id_number, field=ID_NUMBER),
        "id_masked": record.id_masked,
        "id_type": record.id_type,
        "name": record.name,
        "sex": record.sex,
        "birth_date": None,  # never in clear: it is digits 7–14 of the number
        "birth_date_enc": encrypt_birth_date(cipher, record.birth_date),
        "ethnicity": record.ethnicity,
        "phone_enc": cipher.encrypt(record.phone, field=PHONE) if record.phone else None,
        "phone_masked": mask_phone(record.phone) if record.phone else None,
        "household_type": record.household_type,
        "education": record.education,
        "employment_status": record.employment_status,
        "pension_status": record.pension_status,
        "bank_name": record.bank_name,
        "bank_account_enc": cipher.encrypt(record.bank_account, field=BANK_ACCOUNT) if record.bank_account else None,
        "created_at": now,
        "updated_at": now,
    }


def insert_trainees(session: Session, cipher: PersonalDataCipher, records: list[TraineeRecord]) -> list[int]:
    """Insert new trainees in bulk (Core insert: ~10x the ORM's speed); returns their ids in order."""
    if not records:
        return []
    rows = [_row(cipher, record) for record in records]
    session.connection().execute(insert(Trainee.__table__), rows)
    by_hash = dict(_ids_by_hash_chunked(session, [row["id_hash"] for row in rows]))
    ids = [by_hash[row["id_hash"]] for row in rows]
    groups = [
        {
            "trainee_id": trainee_id,
            "group_hash": cipher.lookup_hash(code, field=KEY_GROUP),
            "group_code_enc": cipher.encrypt(code, field=KEY_GROUP),
        }
        for trainee_id, record in zip(ids, records)
        for code in sorted(set(record.key_groups))
    ]
    if groups:
        session.connection().execute(insert(TraineeKeyGroup.__table__), groups)
    return ids


def _ids_by_hash_chunked(session: Session, hashes: list[str]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        found.extend(tuple(row) for row in session.execute(select(Trainee.id_hash, Trainee.id).where(Trainee.id_hash.in_(chunk))).all())
    return found


def find_trainee_by_id_number(session: Session, cipher: PersonalDataCipher, id_number: str) -> Trainee | None:
    return session.scalar(select(Trainee).where(Trainee.id_hash == identity_lookup_hash(cipher, id_number)))


def reveal_id_number(cipher: PersonalDataCipher, trainee: Trainee) -> str:
    return cipher.decrypt(trainee.id_number_enc, field=ID_NUMBER)


def trainee_key_groups(session: Session, cipher: PersonalDataCipher, trainee_id: int) -> list[str]:
    blobs = session.scalars(select(TraineeKeyGroup.group_code_enc).where(TraineeKeyGroup.trainee_id == trainee_id))
    return sorted(cipher.decrypt(blob, field=KEY_GROUP) for blob in blobs)
