"""The audit chain: a log written by real use verifies (SQLite and PostgreSQL); an entry edited,
deleted or renumbered behind the application's back is named, in words office staff read."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop_app import messages
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services import audit
from desktop_app.services.attendance import set_mark
from desktop_app.services.audit_verify import STREAM_BATCH, verify_audit_chain
from desktop_app.services.database import prepare_database
from desktop_app.services.demo import fill_demo_institution
from desktop_app.services.trainees import reveal_personal_field
from desktop_app.store.engine import Database
from desktop_app.store.models import AuditEntry, ClassSession, Enrolment, TrainingClass
from desktop_app.store.protection import FileKeyStore
from tests.services.test_attendance import running  # noqa: F401  (fixture, for completed_class)
from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.sync.conftest import CLASS, completed_class  # noqa: F401  (fixture: a class ready to seal)


def use_the_app(db: Database, cipher, actor) -> None:
    """Real use cases: the demo institution, two attendance corrections and an audited reveal."""
    fill_demo_institution(db, cipher, actor=actor)
    with db.reading() as session:
        class_id = session.scalar(select(TrainingClass.id).where(TrainingClass.status == "in_training")
                                  .order_by(TrainingClass.id))
        session_id = session.scalar(select(ClassSession.id).where(ClassSession.class_id == class_id)
                                    .order_by(ClassSession.starts_at, ClassSession.id))
        enrolments = session.execute(select(Enrolment.id, Enrolment.trainee_id).where(Enrolment.class_id == class_id)
                                     .order_by(Enrolment.roll_no).limit(2)).all()
    set_mark(db, actor=actor, session_id=session_id, enrolment_id=enrolments[0].id,
             value=MarkValue(AttendanceStatus.LEAVE, leave_reason="病假"), reason="补交病假条")
    set_mark(db, actor=actor, session_id=session_id, enrolment_id=enrolments[1].id,
             value=MarkValue(AttendanceStatus.ABSENT), reason="核对签到表")
    reveal_personal_field(db, cipher, actor=actor, trainee_id=enrolments[0].trainee_id, field="id_number",
                          purpose="核对补贴申请")


def entries(db: Database) -> list:
    """The log's rows, as plain rows that outlive the session."""
    with db.reading() as session:
        return list(session.execute(select(AuditEntry.__table__).order_by(AuditEntry.id)))


def china_minute(moment) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def used(office):
    use_the_app(office.db, office.cipher, office.actor)
    return office


@pytest.fixture
def db_file(used) -> Path:
    return used.db.sqlite_path


@contextmanager
def raw_sqlite(path: Path):
    """sqlite3 behind the application's back, committed and closed at once."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def edit(path: Path, sql: str, *params) -> None:
    """Behind the application's back, as someone with an SQLite tool would."""
    with raw_sqlite(path) as raw:
        assert raw.execute(sql, params).rowcount >= 1


# --- intact chains -------------------------------------------------------------------------


def test_a_chain_written_by_real_use_verifies_on_sqlite(used):
    rows = entries(used.db)
    assert {"database.created", "class.created", "demo.filled", "attendance.marked",
            "personal_data.revealed"} <= {r.action for r in rows}
    report = verify_audit_chain(used.db)
    assert report.ok and report.first_broken is None and report.breaks == 0
    assert report.entries == len(rows)
    assert report.head_hash == rows[-1].entry_hash
    assert report.message() == f"审计日志完整：共 {len(rows)} 条记录，逐条校验通过，没有发现改动、删除或调换顺序的痕迹。"
    assert report.message("en").startswith(f"Audit log intact: {len(rows)} entries")


@pytest.mark.postgres
def test_a_chain_written_by_real_use_verifies_on_postgresql_and_an_edit_is_named(postgres_url, tmp_path):
    db = Database(postgres_url)
    try:
        opened = prepare_database(db, FileKeyStore(tmp_path / "keys"))
        use_the_app(db, opened.cipher, opened.actor)
        rows = entries(db)
        report = verify_audit_chain(db)
        assert report.ok, report.message()
        assert report.entries == len(rows) > 8
        # The round trip through timestamptz and JSON gives back exactly what was hashed.
        target = next(r for r in rows if r.action == "attendance.marked")
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE audit_log SET details = CAST(:d AS json) WHERE id = :id"),
                               {"d": '{"reason": "改过了"}', "id": target.id})
        report = verify_audit_chain(db)
        assert not report.ok
        assert report.first_broken.entry_id == target.id and report.first_broken.kind == "altered"
        assert f"审计日志第 {target.id} 条（{china_minute(target.occurred_at)}，考勤修改）的内容与记录时不一致" in report.message()
    finally:
        db.dispose()


def test_more_entries_than_one_streamed_batch_verify(office):
    items = [audit.AuditItem("attendance.marked", "attendance_mark", i, 1, {"n": i, "reason": "批量"})
             for i in range(STREAM_BATCH * 2 + 17)]
    with office.db.writing() as session:
        audit.record_many(session, office.actor, items)
    report = verify_audit_chain(office.db)
    assert report.ok and report.entries == len(items) + 1  # + database.created


# --- tampering -----------------------------------------------------------------------------


def test_editing_one_rows_details_names_that_entry(used, db_file):
    target = next(r for r in entries(used.db) if r.action == "attendance.marked")
    edit(db_file, "UPDATE audit_log SET details = json_set(details, '$.reason', '随手改的') WHERE id = ?", target.id)
    report = verify_audit_chain(used.db)
    assert not report.ok and report.breaks == 1
    broken = report.first_broken
    assert (broken.entry_id, broken.kind, broken.action) == (target.id, "altered", "attendance.marked")
    assert broken.message() == (f"审计日志第 {target.id} 条（{china_minute(target.occurred_at)}，考勤修改）"
                                "的内容与记录时不一致，说明该条记录在软件之外被改动过。")
    assert broken.message("en") == (f"Audit log entry {target.id} ({china_minute(target.occurred_at)}, attendance "
                                    "mark changed) no longer matches what was recorded: it was changed outside "
                                    "SkillDesk.")
    assert report.message().startswith(f"审计日志校验未通过：共 {report.entries} 条记录，发现 1 处异常。")


@pytest.mark.parametrize("column, value", [("actor_name", "someone_else"), ("occurred_at", "2026-01-01 08:00:00.000000"),
                                           ("class_id", 999), ("action", "class.updated")])
def test_editing_any_column_is_detected(used, db_file, column, value):
    target = entries(used.db)[3]
    edit(db_file, f"UPDATE audit_log SET {column} = ? WHERE id = ?", value, target.id)
    broken = verify_audit_chain(used.db).first_broken
    assert (broken.entry_id, broken.kind) == (target.id, "altered")


def test_a_time_edited_into_something_that_is_not_a_time_is_reported_not_a_crash(used, db_file):
    target = entries(used.db)[2]
    edit(db_file, "UPDATE audit_log SET occurred_at = '昨天下午' WHERE id = ?", target.id)
    report = verify_audit_chain(used.db)
    assert report.first_broken.entry_id == target.id and report.first_broken.kind == "unreadable"
    assert "无法读取" in report.message() and report.entries == len(entries_raw(db_file))


def entries_raw(path: Path) -> list[tuple]:
    with raw_sqlite(path) as raw:
        return raw.execute("SELECT id FROM audit_log ORDER BY id").fetchall()


def test_deleting_a_middle_row_names_the_entry_after_the_gap(used, db_file):
    rows = entries(used.db)
    gone, after = rows[4], rows[5]
    edit(db_file, "DELETE FROM audit_log WHERE id = ?", gone.id)
    report = verify_audit_chain(used.db)
    assert report.entries == len(rows) - 1 and report.breaks == 1
    broken = report.first_broken
    assert (broken.entry_id, broken.kind) == (after.id, "missing_before")
    assert broken.message() == (f"审计日志第 {after.id} 条（{china_minute(after.occurred_at)}，"
                                f"{'新建班级' if after.action == 'class.created' else after.action}）之前缺少记录："
                                "它前面的一条或多条记录已在软件之外被删除或替换。")


def test_deleting_the_first_rows_is_named(used, db_file):
    rows = entries(used.db)
    edit(db_file, "DELETE FROM audit_log WHERE id <= ?", rows[1].id)
    broken = verify_audit_chain(used.db).first_broken
    assert (broken.entry_id, broken.kind) == (rows[2].id, "missing_start")
    assert "审计日志开头缺少记录" in broken.message()


def test_deleting_the_newest_rows_cannot_be_seen_in_the_chain_alone(used, db_file):
    """Stated limit: truncating the tail leaves a valid (shorter) chain. The head hash, kept in
    each backup's manifest, is what shows it; the report exposes it for that comparison."""
    rows = entries(used.db)
    edit(db_file, "DELETE FROM audit_log WHERE id = ?", rows[-1].id)
    report = verify_audit_chain(used.db)
    assert report.ok and report.head_hash == rows[-2].entry_hash


def test_renumbering_a_row_is_named_as_moved(used, db_file):
    rows = entries(used.db)
    moved, follower = rows[3], rows[4]
    edit(db_file, "UPDATE audit_log SET id = 9999 WHERE id = ?", moved.id)
    report = verify_audit_chain(used.db)
    broken = report.first_broken
    assert (broken.entry_id, broken.kind, broken.after_entry_id) == (follower.id, "reordered", 9999)
    assert "紧跟在第 9999 条之后" in broken.message()
    assert report.breaks == 2  # the moved row no longer follows its predecessor either


def test_swapping_the_contents_of_two_rows_is_detected(used, db_file):
    rows = entries(used.db)
    a, b = rows[2], rows[3]
    with raw_sqlite(db_file) as raw:
        raw.execute("UPDATE audit_log SET id = -1 WHERE id = ?", (a.id,))
        raw.execute("UPDATE audit_log SET id = ? WHERE id = ?", (a.id, b.id))
        raw.execute("UPDATE audit_log SET id = ? WHERE id = -1", (b.id,))
    broken = verify_audit_chain(used.db).first_broken
    assert broken.entry_id == a.id and broken.kind == "reordered" and broken.after_entry_id == b.id


def test_an_entry_chained_onto_genesis_in_the_middle_is_named(used, db_file):
    rows = entries(used.db)
    target = rows[5]
    # A forged entry with a correct hash of its own, but starting a new chain.
    # (With the key, as someone holding the key folder too would: without it, it is "rebuilt".)
    forged = audit.entry_digest(audit.GENESIS_HASH, target.occurred_at, target.actor_name, target.actor_user_id,
                                target.action, target.entity_type, target.entity_id, target.class_id, target.details,
                                key=audit.key_of(used.db))
    edit(db_file, "UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?", audit.GENESIS_HASH, forged,
         target.id)
    broken = verify_audit_chain(used.db).first_broken
    assert (broken.entry_id, broken.kind) == (target.id, "restarted")


def test_every_break_message_exists_in_both_languages():
    for kind in ("ok", "failed", "altered", "unreadable", "missing_before", "missing_start", "reordered", "restarted",
                 "rebuilt", "keyed_start_missing", "anchor_cut", "anchor_rebuilt", "anchors"):
        assert f"audit.verify.{kind}" in messages.known_codes()


def test_verify_counts_entries_like_sql(used):
    with used.db.reading() as session:
        assert verify_audit_chain(used.db).entries == session.scalar(select(func.count()).select_from(AuditEntry))


# --- rebuilt and cut: the key and the anchors ---------------------------------------------------


def _rehash_everything(path: Path, *, key: bytes | None = None, change=None) -> None:
    """The 25-line script an attacker writes: change rows, then recompute the whole chain with
    this project's own `entry_digest` (without the key, unless they also took the key folder)."""
    import json as json_module

    from desktop_app.store.models import UTCDateTime  # noqa: F401  (the stored time format below)

    with raw_sqlite(path) as raw:
        if change is not None:
            change(raw)
        rows = raw.execute("SELECT id, occurred_at, actor_name, actor_user_id, action, entity_type, entity_id, "
                           "class_id, details FROM audit_log ORDER BY id").fetchall()
        previous = audit.GENESIS_HASH
        from datetime import datetime as dt, timezone as tz

        for row in rows:
            at = dt.fromisoformat(row[1]).replace(tzinfo=tz.utc)
            digest = audit.entry_digest(previous, at, row[2], row[3], row[4], row[5], row[6], row[7],
                                        json_module.loads(row[8]), key=key)
            raw.execute("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?", (previous, digest, row[0]))
            previous = digest


def test_an_edited_log_rehashed_with_the_source_code_does_not_verify(used, db_file):
    assert verify_audit_chain(used.db).ok
    _rehash_everything(db_file, change=lambda raw: raw.execute(
        "UPDATE audit_log SET details = json_set(details, '$.reason', '补签') WHERE action = 'attendance.marked'"))
    report = verify_audit_chain(used.db)
    assert not report.ok
    assert report.chain_problems or report.first_broken.kind == "rebuilt"
    assert "重新计算" in report.message() or "被改写" in report.message()


def test_deleting_the_newest_entries_after_a_backup_is_named_by_the_backup(used, db_file, settings):
    from desktop_app.services.backups import backup_database, backup_folder

    backup = backup_database(used.db, settings_data_dir=settings.data_dir)
    last = entries(used.db)[-1].id
    edit(db_file, "DELETE FROM audit_log WHERE id > ?", last - 3)  # the chain that is left is consistent
    report = used.audit.verify(backups_folder=backup_folder(settings.data_dir))
    assert not report.ok and report.first_broken is None and report.anchors_checked == 1
    text = report.message()
    assert backup.path.name in text and f"第 {last} 条" in text and f"只到第 {last - 3} 条" in text
    assert "deleted" in report.message("en")


def test_a_log_rebuilt_with_the_key_after_a_sealed_batch_is_named_by_the_batch(office, completed_class):
    office.outbox.seal(CLASS)
    key = audit.key_of(office.db)
    _rehash_everything(office.db.sqlite_path, key=key, change=lambda raw: raw.execute(
        "DELETE FROM audit_log WHERE id = (SELECT min(id) + 1 FROM audit_log)"))
    report = office.audit.verify()
    assert report.first_broken is None  # consistent and keyed: only the anchor can tell
    assert not report.ok and report.anchors_checked == 1
    assert "上报批次" in report.message() and "改写或重建" in report.message()
