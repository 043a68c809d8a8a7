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
