"""Encryption at rest: the cipher, the key file, and no identity number in clear on disk."""

from __future__ import annotations

import base64
import os
import secrets
import stat
from datetime import date
from pathlib import Path

import pytest

from desktop_app.config import sqlite_url
from desktop_app.domain.identity import IdType, check_char, mask_identity_number
from desktop_app.services.database import prepare_database
from desktop_app.store.engine import Database
from desktop_app.store.protection import (
    KEY_FILE_HEADER,
    FileKeyStore,
    PersonalDataCipher,
    PersonalDataKeyError,
    open_cipher,
)
from desktop_app.store.trainees import (
    ID_NUMBER,
    PHONE,
    TraineeRecord,
    find_trainee_by_id_number,
    insert_trainees,
    reveal_id_number,
)

INSTALLATION = "3d0c6f7e-8b1a-4c2d-9e3f-5a6b7c8d9e0f"
OTHER_INSTALLATION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
ID_NUMBER_VALUE = "32010619850615" + "321" + check_char("32010619850615321")
POSIX = os.name == "posix"


@pytest.fixture
def cipher() -> PersonalDataCipher:
    return PersonalDataCipher(secrets.token_bytes(32))


@pytest.fixture
def keystore(tmp_path: Path) -> FileKeyStore:
    return FileKeyStore(tmp_path / "keys")


# --- the cipher ------------------------------------------------------------------------------


@pytest.mark.parametrize("plaintext", [ID_NUMBER_VALUE, "13912345678", "张伟 · 登记失业人员", ""])
def test_encrypted_field_decrypts_to_the_original(cipher: PersonalDataCipher, plaintext: str):
    blob = cipher.encrypt(plaintext, field=ID_NUMBER)

    assert cipher.decrypt(blob, field=ID_NUMBER) == plaintext


def test_encrypting_twice_gives_different_ciphertexts_without_the_plaintext(cipher: PersonalDataCipher):
    first = cipher.encrypt(ID_NUMBER_VALUE, field=ID_NUMBER)
    second = cipher.encrypt(ID_NUMBER_VALUE, field=ID_NUMBER)

    assert first != second  # random nonce: equal values are not recognisable in the table
    assert ID_NUMBER_VALUE.encode() not in first


def test_ciphertext_of_one_field_does_not_decrypt_as_another(cipher: PersonalDataCipher):
    blob = cipher.encrypt("13912345678", field=PHONE)

    with pytest.raises(PersonalDataKeyError) as refused:
        cipher.decrypt(blob, field=ID_NUMBER)

    assert refused.value.code == "key.decrypt_failed"
    assert ID_NUMBER in refused.value.message("zh")


def test_altered_ciphertext_is_refused(cipher: PersonalDataCipher):
    blob = bytearray(cipher.encrypt(ID_NUMBER_VALUE, field=ID_NUMBER))
    blob[15] ^= 0x01

    with pytest.raises(PersonalDataKeyError) as refused:
        cipher.decrypt(bytes(blob), field=ID_NUMBER)

    assert refused.value.code == "key.decrypt_failed"


@pytest.mark.parametrize("blob", [b"", b"short", bytes(11)])
def test_truncated_ciphertext_is_refused_with_a_coded_error(cipher: PersonalDataCipher, blob: bytes):
    with pytest.raises(PersonalDataKeyError) as refused:
        cipher.decrypt(blob, field=ID_NUMBER)

    assert refused.value.code == "key.decrypt_failed"


def test_ciphertext_written_with_another_key_is_refused(cipher: PersonalDataCipher):
    other = PersonalDataCipher(secrets.token_bytes(32))

    with pytest.raises(PersonalDataKeyError) as refused:
        other.decrypt(cipher.encrypt(ID_NUMBER_VALUE, field=ID_NUMBER), field=ID_NUMBER)

    assert refused.value.code == "key.decrypt_failed"


def test_lookup_hash_is_deterministic_and_depends_on_key_and_field():
    master_key = secrets.token_bytes(32)
    cipher = PersonalDataCipher(master_key)
    restarted = PersonalDataCipher(master_key)  # the same key after a restart finds the same people
    other = PersonalDataCipher(secrets.token_bytes(32))

    first = cipher.lookup_hash(ID_NUMBER_VALUE, field=ID_NUMBER)

    assert first == cipher.lookup_hash(ID_NUMBER_VALUE, field=ID_NUMBER)
    assert first == restarted.lookup_hash(ID_NUMBER_VALUE, field=ID_NUMBER)
    assert len(first) == 64 and int(first, 16) >= 0
    assert ID_NUMBER_VALUE not in first
    assert first != other.lookup_hash(ID_NUMBER_VALUE, field=ID_NUMBER)
    assert first != cipher.lookup_hash(ID_NUMBER_VALUE, field=PHONE)
    neighbour = "32010619850615" + "323" + check_char("32010619850615323")  # one sequence number on
    assert first != cipher.lookup_hash(neighbour, field=ID_NUMBER)


def test_master_key_must_be_32_bytes():
    with pytest.raises(ValueError):
        PersonalDataCipher(secrets.token_bytes(16))


# --- the key file ----------------------------------------------------------------------------


def test_key_file_is_created_readable_only_by_its_owner(keystore: FileKeyStore):
    key = keystore.create(INSTALLATION)

    path = keystore.path_for(INSTALLATION)
    assert path.name == f"{INSTALLATION}.key"
    assert keystore.load(INSTALLATION) == key
    assert path.read_text(encoding="ascii").splitlines()[:2] == [KEY_FILE_HEADER, INSTALLATION]
    if POSIX:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(keystore.folder.stat().st_mode) == 0o700


def test_key_file_is_never_overwritten(keystore: FileKeyStore):
    keystore.create(INSTALLATION)
    path = keystore.path_for(INSTALLATION)
    original = path.read_bytes()

    with pytest.raises(FileExistsError):
        keystore.create(INSTALLATION)

    assert path.read_bytes() == original


def test_missing_key_file_is_reported_with_its_path(keystore: FileKeyStore):
    with pytest.raises(PersonalDataKeyError) as refused:
        keystore.load(INSTALLATION)

    assert refused.value.code == "key.missing"
    assert str(keystore.path_for(INSTALLATION)) in refused.value.message("zh")


def test_key_file_of_another_installation_is_a_mismatch(keystore: FileKeyStore):
    keystore.create(OTHER_INSTALLATION)
    keystore.path_for(OTHER_INSTALLATION).rename(keystore.path_for(INSTALLATION))

    with pytest.raises(PersonalDataKeyError) as refused:
        keystore.load(INSTALLATION)

    assert refused.value.code == "key.mismatch"


GARBAGE_KEY_FILES = {
    "random_bytes": bytes(range(256)) * 4,
    "empty": b"",
    "wrong_header": f"SOMETHING-ELSE\n{INSTALLATION}\n{base64.b64encode(bytes(32)).decode()}\n".encode(),
    "not_base64": f"{KEY_FILE_HEADER}\n{INSTALLATION}\nthis is not base64!\n".encode(),
    "short_key": f"{KEY_FILE_HEADER}\n{INSTALLATION}\n{base64.b64encode(bytes(16)).decode()}\n".encode(),
    "header_only": f"{KEY_FILE_HEADER}\n".encode(),
}


@pytest.mark.parametrize("kind", GARBAGE_KEY_FILES)
def test_damaged_key_file_is_unreadable(keystore: FileKeyStore, kind: str):
    keystore.folder.mkdir(parents=True)
    keystore.path_for(INSTALLATION).write_bytes(GARBAGE_KEY_FILES[kind])

    with pytest.raises(PersonalDataKeyError) as refused:
        keystore.load(INSTALLATION)

    assert refused.value.code == "key.unreadable"


def test_open_cipher_accepts_the_right_check_value(keystore: FileKeyStore):
    check_value = PersonalDataCipher(keystore.create(INSTALLATION)).check_value

    assert open_cipher(keystore, INSTALLATION, check_value).check_value == check_value


@pytest.mark.parametrize("stored_check", ["", "0" * 64, "wrong"])
def test_open_cipher_with_a_wrong_check_value_is_a_mismatch(keystore: FileKeyStore, stored_check: str):
    keystore.create(INSTALLATION)

    with pytest.raises(PersonalDataKeyError) as refused:
        open_cipher(keystore, INSTALLATION, stored_check)

    assert refused.value.code == "key.mismatch"


def test_open_cipher_with_a_replaced_key_file_is_a_mismatch(keystore: FileKeyStore):
    check_value = PersonalDataCipher(keystore.create(INSTALLATION)).check_value
    keystore.path_for(INSTALLATION).unlink()
    keystore.create(INSTALLATION)  # a new key under the same name: the data's key is lost

    with pytest.raises(PersonalDataKeyError) as refused:
        open_cipher(keystore, INSTALLATION, check_value)

    assert refused.value.code == "key.mismatch"


# --- nothing personal in clear on disk -------------------------------------------------------


def test_identity_number_is_nowhere_in_the_database_files(tmp_path: Path):
    path = tmp_path / "data" / "skilldesk.db"
    db = Database(sqlite_url(path))
    try:
        opened = prepare_database(db, FileKeyStore(tmp_path / "keys"))
        record = TraineeRecord(
            id_number=ID_NUMBER_VALUE, id_type=IdType.RESIDENT.value, id_masked=mask_identity_number(ID_NUMBER_VALUE),
            name="张伟", sex="M", birth_date=date(1985, 6, 15), phone="13912345678",
            bank_name="中国农业银行南京鼓楼支行", bank_account="6228480402564890018",
            key_groups=("registered_unemployed",),
        )
        with db.writing() as session:
            [trainee_id] = insert_trainees(session, opened.cipher, [record])
        with db.reading() as session:
            found = find_trainee_by_id_number(session, opened.cipher, ID_NUMBER_VALUE)
            assert found is not None and found.id == trainee_id
            assert reveal_id_number(opened.cipher, found) == ID_NUMBER_VALUE
        # PASSIVE copies the WAL into the main file but keeps the WAL: both hold the rows now.
        # A checkpoint cannot run inside a transaction, so go under SQLAlchemy's autobegin.
        raw = db.engine.raw_connection()
        try:
            busy, frames, copied = raw.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            raw.close()
        assert busy == 0 and frames > 0 and copied == frames
        files = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}
    finally:
        db.dispose()
    files["after close"] = path.read_bytes()

    assert {"skilldesk.db", "skilldesk.db-wal"} <= set(files)
    secrets_in_clear = {
        "identity number": ID_NUMBER_VALUE,
        "identity number, middle part": ID_NUMBER_VALUE[4:14],
        "phone": "13912345678",
        "bank account": "6228480402564890018",
    }
    for name, content in files.items():
        # The control: the files are readable and do hold the trainee's row.
        assert "张伟".encode("utf-8") in content or name.endswith("-shm"), name
        for what, value in secrets_in_clear.items():
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert value.encode(encoding) not in content, f"{what} in clear ({encoding}) in {name}"
