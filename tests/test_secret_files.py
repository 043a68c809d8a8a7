"""Key files appear whole or not at all, and an existing key is never overwritten."""

from __future__ import annotations

import os
import stat

import pytest

from desktop_app.platform.device_keys import PRIVATE_KEY_FILE, load_or_create_device_key
from desktop_app.secret_files import write_new_secret_file


def test_a_new_secret_file_is_whole_user_only_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "keys" / "a.key"
    write_new_secret_file(target, b"secret bytes")
    assert target.read_bytes() == b"secret bytes"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.key"]


def test_an_existing_key_is_never_overwritten(tmp_path):
    target = tmp_path / "a.key"
    write_new_secret_file(target, b"first")
    with pytest.raises(FileExistsError):
        write_new_secret_file(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.key"]


def test_a_stray_temporary_file_from_a_killed_write_does_not_block_the_device_key(tmp_path):
    # What a kill during the first write leaves behind: a temporary file, never the key's name.
    (tmp_path / f".{PRIVATE_KEY_FILE}.0123456789ab.tmp").write_bytes(b"")
    key = load_or_create_device_key(tmp_path)
    assert load_or_create_device_key(tmp_path).key_id == key.key_id


# --- the device key in a keyring ---------------------------------------------------------------
# No operating-system keyring runs on this headless machine (Secret Service needs a desktop
# session), so these tests give the code keyrings.alt's real file backend through the same
# keyring API that Windows Credential Manager and macOS Keychain implement.


@pytest.fixture
def file_keyring(tmp_path):
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    return backend


def test_with_a_keyring_the_device_key_lives_there_not_in_a_file(tmp_path, file_keyring):
    from desktop_app.platform.device_keys import KEYRING_SERVICE, device_key_location

    folder = tmp_path / "keys"
    key = load_or_create_device_key(folder, keyring=file_keyring)
    assert not (folder / PRIVATE_KEY_FILE).exists()
    assert load_or_create_device_key(folder, keyring=file_keyring).key_id == key.key_id
    assert KEYRING_SERVICE in device_key_location(folder, keyring=file_keyring)
    # Another installation (another key folder) gets its own key.
    assert load_or_create_device_key(tmp_path / "other", keyring=file_keyring).key_id != key.key_id


def test_an_existing_key_file_keeps_being_used_when_a_keyring_appears(tmp_path, file_keyring):
    folder = tmp_path / "keys"
    key = load_or_create_device_key(folder)
    assert (folder / PRIVATE_KEY_FILE).exists()
    assert load_or_create_device_key(folder, keyring=file_keyring).key_id == key.key_id


def test_rotation_in_the_keyring_keeps_the_retired_key(tmp_path, file_keyring):
    from desktop_app.platform.device_keys import (
        KEYRING_SERVICE,
        load_or_create_next_key,
        promote_next_key,
    )

    folder = tmp_path / "keys"
    old = load_or_create_device_key(folder, keyring=file_keyring)
    upcoming = load_or_create_next_key(folder, keyring=file_keyring)
    assert load_or_create_next_key(folder, keyring=file_keyring).key_id == upcoming.key_id  # made once
    promoted = promote_next_key(folder, old.key_id, keyring=file_keyring)
    assert promoted.key_id == upcoming.key_id
    assert load_or_create_device_key(folder, keyring=file_keyring).key_id == upcoming.key_id
    from desktop_app.platform.device_keys import _KeyringSlot

    retired = _KeyringSlot(file_keyring, folder, f":retired:{old.key_id}")
    assert file_keyring.get_password(KEYRING_SERVICE, retired.entry)  # the old key is kept
    # The next slot is empty again: a later rotation makes a new key.
    assert file_keyring.get_password(KEYRING_SERVICE, _KeyringSlot(file_keyring, folder, ":next").entry) is None


def test_no_keyring_is_used_when_switched_off_or_only_a_plain_text_backend_exists(monkeypatch):
    from desktop_app.platform.device_keys import os_keyring

    monkeypatch.setenv("SKILLDESK_KEYRING", "1")
    # Here the only backend keyring finds is keyrings.alt's plain-text file: not an OS keyring.
    assert os_keyring() is None
    monkeypatch.setenv("SKILLDESK_KEYRING", "0")
    assert os_keyring() is None
