"""Verifying the tamper-evident audit chain: every entry's hash recomputed, every link checked.

`audit.record` stores, with each entry, the hash of the entry before it (`prev_hash`) and a
SHA-256 over its own content plus that previous hash (`entry_hash`, see `audit.entry_digest`).
Walking the log in id order therefore shows:

- an entry whose content was edited behind the application's back (its recomputed hash no
  longer matches the stored one);
- an entry deleted (the next entry's `prev_hash` names a hash that is no longer in the log);
- entries moved or renumbered (an entry's `prev_hash` names an entry that is not the one
  before it).

Only the first break is named (later ones may be consequences of it); the count of all breaks
found is reported too. The table is streamed, so a log of a million entries is verified in
bounded memory.

Limits, stated plainly for auditors: the chain is not keyed. Someone with direct write access
to the database and this source code can rebuild a consistent chain after editing; what it
reliably catches is editing, deleting or reordering rows with ordinary database tools.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import String, select, type_coerce

from desktop_app import messages
from desktop_app.domain.china_time import moment_text
from desktop_app.services.audit import GENESIS_HASH, entry_digest
from desktop_app.store.engine import Database
from desktop_app.store.models import AuditEntry

messages.register(
    {
        "audit.verify.ok": (
            "审计日志完整：共 {count} 条记录，逐条校验通过，没有发现改动、删除或调换顺序的痕迹。",
            "Audit log intact: {count} entries checked, no sign of entries changed, deleted or reordered.",
        ),
        "audit.verify.failed": (
            "审计日志校验未通过：共 {count} 条记录，发现 {broken} 处异常。第一处：",
            "Audit log verification FAILED: {count} entries, {broken} break(s) found. The first:",
        ),
        "audit.verify.altered": (
            "审计日志第 {entry} 条（{time}，{action}）的内容与记录时不一致，说明该条记录在软件之外被改动过。",
            "Audit log entry {entry} ({time}, {action}) no longer matches what was recorded: it was changed "
            "outside SkillDesk.",
        ),
        "audit.verify.unreadable": (
            "审计日志第 {entry} 条（{action}）的内容无法读取（{detail}），说明该条记录在软件之外被改动过。",
            "Audit log entry {entry} ({action}) can no longer be read ({detail}): it was changed outside SkillDesk.",
        ),
        "audit.verify.missing_before": (
            "审计日志第 {entry} 条（{time}，{action}）之前缺少记录：它前面的一条或多条记录已在软件之外被删除或替换。",
            "Entries are missing before audit log entry {entry} ({time}, {action}): one or more entries before it "
            "were deleted or replaced outside SkillDesk.",
        ),
        "audit.verify.missing_start": (
            "审计日志开头缺少记录：第 {entry} 条（{time}，{action}）之前最早的记录已在软件之外被删除。",
            "The start of the audit log is missing: the earliest entries before entry {entry} ({time}, {action}) "
            "were deleted outside SkillDesk.",
        ),
        "audit.verify.reordered": (
            "审计日志第 {entry} 条（{time}，{action}）的顺序或编号被改动过：它记录时紧跟在第 {after} 条之后，"
            "说明记录在软件之外被调换或重新编号。",
            "Audit log entry {entry} ({time}, {action}) was moved or renumbered: it was recorded right after "
            "entry {after}, so entries were reordered or renumbered outside SkillDesk.",
        ),
        "audit.verify.restarted": (
            "审计日志第 {entry} 条（{time}，{action}）另起了一条新的链，它之前的记录与它无关，"
            "说明记录在软件之外被插入或调换过。",
            "Audit log entry {entry} ({time}, {action}) starts a new chain unrelated to the entries before it: "
            "entries were inserted or reordered outside SkillDesk.",
        ),
    }
)

# Office staff read "考勤修改", not "attendance.marked"; unknown actions are shown as recorded.
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "database.created": ("新建数据库", "database created"),
    "database.migrated": ("数据库升级", "database upgraded"),
    "database.restored": ("从备份恢复数据库", "database restored from a backup"),
    "demo.filled": ("写入演示数据", "demo data written"),
    "class.created": ("新建班级", "class created"),
    "class.updated": ("修改班级", "class changed"),
    "class.status_changed": ("班级状态变更", "class status changed"),
    "session.moved": ("调课", "session moved"),
    "session.cancelled": ("取消课次", "session cancelled"),
    "enrolment.created": ("学员报名", "trainee enrolled"),
    "roster.imported": ("花名册导入", "roster imported"),
    "trainee.changed_by_roster": ("按花名册更改学员信息", "trainee details changed from a roster"),
    "attendance.marked": ("考勤修改", "attendance mark changed"),
    "attendance.all_present": ("整班记为出勤", "whole class marked present"),
    "attendance.imported": ("考勤导入", "attendance imported"),
    "personal_data.revealed": ("查看个人信息", "personal data revealed"),
    "personal_data.exported": ("导出个人信息", "personal data exported"),
}

BreakKind = Literal["altered", "unreadable", "missing_before", "missing_start", "reordered", "restarted"]

STREAM_BATCH = 2000


def action_label(action: str | None, language: str | None = None) -> str:
    if not action:
        return "—"
    pair = ACTION_LABELS.get(action)
    if pair is None:
        return action
    return pair[1] if messages.normalise_language(language or messages.current_language()) == "en" else pair[0]


@dataclass(frozen=True)
class BrokenEntry:
    """The first place where the chain does not hold: which entry, and what is wrong with it."""

    entry_id: int
    position: int  # 1-based place of the entry in the log as it is now
    kind: BreakKind
    occurred_at: datetime | None
    action: str | None
    after_entry_id: int | None = None  # reordered: the entry it was recorded after
    detail: str | None = None  # unreadable: what could not be read

    def problem(self, language: str | None = None) -> messages.Problem:
        when = "—" if self.occurred_at is None else moment_text(self.occurred_at)
        params: dict[str, object] = {"entry": self.entry_id, "time": when, "action": action_label(self.action, language)}
        if self.kind == "reordered":
            params["after"] = self.after_entry_id
        if self.kind == "unreadable":
            params = {"entry": self.entry_id, "action": action_label(self.action, language), "detail": self.detail}
        return messages.Problem(f"audit.verify.{self.kind}", params)

    def message(self, language: str | None = None) -> str:
        return self.problem(language).message(language)


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    entries: int
    first_broken: BrokenEntry | None
    breaks: int = 0  # how many breaks in all (the later ones may follow from the first)
    head_hash: str = GENESIS_HASH  # the stored hash of the newest entry

    def message(self, language: str | None = None) -> str:
        if self.ok:
            return messages.render("audit.verify.ok", language, count=self.entries)
        assert self.first_broken is not None
        return (messages.render("audit.verify.failed", language, count=self.entries, broken=self.breaks) + "\n"
                + self.first_broken.message(language))


def verify_audit_chain(db: Database) -> AuditReport:
    """Walk the audit log in id order, recomputing every hash and checking every link."""
    table = AuditEntry.__table__
    c = table.c
    with db.reading() as session:
        dialect = session.get_bind().dialect
        # On SQLite a value edited by hand may not even parse (a date like "yesterday", broken
        # JSON): read those two columns as raw text and convert them here, row by row, with
        # the very converters the ORM uses, so that one bad row is reported instead of
        # aborting the walk. PostgreSQL validates both types itself.
        raw_text = dialect.name == "sqlite"
        if raw_text:
            occurred_column = type_coerce(c.occurred_at, String).label("occurred_at")
            details_column = type_coerce(c.details, String).label("details")
            to_datetime = c.occurred_at.type.dialect_impl(dialect).result_processor(dialect, None)
            to_details = c.details.type.dialect_impl(dialect).result_processor(dialect, None)
        else:
            occurred_column, details_column = c.occurred_at, c.details
        statement = (
            select(c.id, occurred_column, c.actor_name, c.actor_user_id, c.action, c.entity_type, c.entity_id,
                   c.class_id, details_column, c.prev_hash, c.entry_hash)
            .order_by(c.id)
            .execution_options(yield_per=STREAM_BATCH)
        )
        expected_prev = GENESIS_HASH
        previous_id: int | None = None
        count = 0
        breaks = 0
        first: BrokenEntry | None = None
        for row in session.execute(statement):
            count += 1
            occurred_at, details, unreadable = row.occurred_at, row.details, None
            if raw_text:
                try:
                    occurred_at = to_datetime(occurred_at)
                    details = to_details(details)
                except (ValueError, TypeError) as error:  # JSONDecodeError is a ValueError
                    unreadable = _short(error)
                    occurred_at = occurred_at if isinstance(occurred_at, datetime) else None
            broken: BrokenEntry | None = None
            if unreadable is not None or occurred_at is None:
                broken = BrokenEntry(row.id, count, "unreadable", None, row.action, detail=unreadable or "occurred_at")
            else:
                recomputed = _digest(row, occurred_at, details)
                if recomputed != row.entry_hash:
                    broken = BrokenEntry(row.id, count, "altered", occurred_at, row.action)
                elif row.prev_hash != expected_prev:
                    broken = _link_break(session, row, count, occurred_at, previous_id)
            if broken is not None:
                breaks += 1
                if first is None:
                    first = broken
            # Continue from what this entry says, so one break is counted once, not for every
            # entry after it.
            expected_prev = row.entry_hash
            previous_id = row.id
        return AuditReport(ok=first is None, entries=count, first_broken=first, breaks=breaks,
                           head_hash=expected_prev)


def _digest(row, occurred_at: datetime, details) -> str:
    try:
        return entry_digest(row.prev_hash, occurred_at, row.actor_name, row.actor_user_id, row.action,
                            row.entity_type, row.entity_id, row.class_id, details)
    except (TypeError, ValueError):
        # Content json.dumps cannot serialise canonically (edited into a shape the app never
        # writes): it cannot match any recorded hash.
        return hashlib.sha256(repr((row, details)).encode("utf-8", "replace")).hexdigest()


def _link_break(session, row, position: int, occurred_at: datetime, previous_id: int | None) -> BrokenEntry:
    """Why this entry's prev_hash is not the hash of the entry before it."""
    if row.prev_hash == GENESIS_HASH:
        return BrokenEntry(row.id, position, "restarted", occurred_at, row.action)
    chained_after = session.scalar(select(AuditEntry.id).where(AuditEntry.entry_hash == row.prev_hash).limit(1))
    if chained_after is None:
        kind: BreakKind = "missing_start" if previous_id is None else "missing_before"
        return BrokenEntry(row.id, position, kind, occurred_at, row.action)
    return BrokenEntry(row.id, position, "reordered", occurred_at, row.action, after_entry_id=chained_after)


def _short(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]
