"""The one output guard: database, companions, key folder and source refused; an existing file
kept unless replacing was asked for; a failed write leaves the old file and no temporary."""

from __future__ import annotations

import os

import pytest

from desktop_app.services.output_files import OutputGuard, OutputRefused


def guard_for(tmp_path):
    database = tmp_path / "office.db"
    database.write_bytes(b"SQLite format 3\x00")
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "installation.key").write_bytes(b"secret")
    return OutputGuard.for_database(database, keys), database, keys


def test_a_hard_link_or_a_dotted_path_to_the_database_is_still_the_database(tmp_path):
    guard, database, _ = guard_for(tmp_path)
    link = tmp_path / "report.xlsx"
    os.link(database, link)
    for path in (link, tmp_path / "sub" / ".." / "office.db"):
        with pytest.raises(OutputRefused) as refused:
            guard.write_bytes(path, b"x", replace=True)
        assert refused.value.code == "output.is_database"
    assert database.read_bytes() == b"SQLite format 3\x00"


def test_a_symbolic_link_into_the_key_folder_is_refused(tmp_path):
    guard, _, keys = guard_for(tmp_path)
    (tmp_path / "innocent.pem").symlink_to(keys / "installation.key")
    with pytest.raises(OutputRefused) as refused:
        guard.write_bytes(tmp_path / "innocent.pem", b"x", replace=True)
    assert refused.value.code == "output.in_key_folder"
    assert (keys / "installation.key").read_bytes() == b"secret"


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary(tmp_path):
    guard, _, _ = guard_for(tmp_path)
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the old sheets")

    def produce(temporary):
        temporary.write_bytes(b"half of the new")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        guard.write_with(target, produce, replace=True)
    assert target.read_bytes() == b"the old sheets"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys", "office.db", "sheet.pdf"]


def test_the_file_appears_only_whole_and_replacing_needs_asking(tmp_path):
    guard, _, _ = guard_for(tmp_path)
    target = tmp_path / "out" / "sheet.pdf"
    seen = []
    guard.write_with(target, lambda temporary: (temporary.write_bytes(b"new"), seen.append(target.exists())))
    assert seen == [False] and target.read_bytes() == b"new"
    with pytest.raises(OutputRefused) as refused:
        guard.write_bytes(target, b"newer")
    assert refused.value.code == "output.exists" and str(target) in refused.value.message()
    guard.write_bytes(target, b"newer", replace=True)
    assert target.read_bytes() == b"newer"


def test_the_file_being_read_and_a_folder_are_refused(tmp_path):
    guard, _, _ = guard_for(tmp_path)
    source = tmp_path / "roster.xlsx"
    source.write_bytes(b"roster")
    with pytest.raises(OutputRefused) as refused:
        guard.write_bytes(source, b"errors", replace=True, sources=(source,))
    assert refused.value.code == "output.is_source" and source.read_bytes() == b"roster"
    with pytest.raises(OutputRefused) as refused:
        guard.write_bytes(tmp_path, b"x", replace=True)
    assert refused.value.code == "output.is_folder"
