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

Rebuilding: the chain is keyed (HMAC with a secret derived from the database's key in the key
folder, see `audit`), so a chain edited and re-hashed with this source code alone does not
verify; entries written before keying keep plain SHA-256, and from the first keyed entry (in
app_meta) on, a plain-hashed entry is reported as rebuilt.

Cutting: deleting the newest entries leaves a consistent chain, so the log is also compared
with anchors kept outside the table: every backup's manifest records the head (place and
hash) at backup time, and every sealed batch carries the head at sealing, signed with the
batch (and covered by the platform's signed receipt). An anchor whose entry is gone says the
log was cut since; one whose entry now has another hash says it was rebuilt since.

Limits, stated plainly for auditors: someone holding both the database and the key folder can
still rebuild a keyed chain; the anchors then still catch it, unless every backup and every
batch were also rewritten — and batches already received by the platform cannot be.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from sqlalchemy import String, func, select, type_coerce

from desktop_app import messages
from desktop_app.domain.china_time import moment_text
from desktop_app.domain.batches import RECEIPT_STATES
from desktop_app.services import audit
from desktop_app.services.audit import GENESIS_HASH, entry_digest
from desktop_app.services.backups import list_backups
from desktop_app.services.sealing import batch_bytes
from desktop_app.store.engine import Database
from desktop_app.store.models import AppMeta, AuditEntry, OutboxBatch

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
        "audit.verify.rebuilt": (
            "审计日志第 {entry} 条（{time}，{action}）不是本软件用本机密钥写入的，说明日志在软件之外被改写并重新计算过。",
            "Audit log entry {entry} ({time}, {action}) was not written by SkillDesk with this database's key: "
            "the log was rewritten and re-hashed outside SkillDesk.",
        ),
        "audit.verify.keyed_start_missing": (
            "审计日志中本应有一条用本机密钥写入的起始记录，现在找不到了，说明日志在软件之外被改写过。",
            "The audit log's first entry written with this database's key is gone: the log was rewritten outside "
            "SkillDesk.",
        ),
        "audit.verify.anchors": (
            "另与 {count} 个外部记录（备份清单、上报批次）核对了日志的结尾。",
            "The log's end was also checked against {count} records kept outside it (backup manifests, batches).",
        ),
        "audit.verify.anchor_cut": (
            "{anchor}（{time}）时审计日志已有第 {entry} 条记录，现在只到第 {last} 条：此后的记录在软件之外被删除了。",
            "When {anchor} was made ({time}) the audit log already reached entry {entry}; now it ends at entry "
            "{last}: the entries since were deleted outside SkillDesk.",
        ),
        "audit.verify.anchor_rebuilt": (
            "审计日志第 {entry} 条与 {anchor}（{time}）时记下的不一致：日志在此后被改写或重建过。",
            "Audit log entry {entry} no longer matches what {anchor} recorded ({time}): the log was rewritten or "
            "rebuilt since.",
        ),
        "audit.anchor.backup": ("备份 {name}", "the backup {name}"),
        "audit.anchor.batch": ("上报批次 {batch}", "the batch {batch}"),
        "audit.anchor.batch_received": ("上报批次 {batch}（省平台已签收）", "the batch {batch} (received by the platform)"),
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

BreakKind = Literal["altered", "unreadable", "missing_before", "missing_start", "reordered", "restarted", "rebuilt"]

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
    anchors_checked: int = 0
    anchor_problems: tuple[messages.Problem, ...] = ()  # what the anchors say was cut or rebuilt
    chain_problems: tuple[messages.Problem, ...] = ()  # beyond single entries (the keyed start gone)

    def message(self, language: str | None = None) -> str:
        lines = []
        if self.ok:
            lines.append(messages.render("audit.verify.ok", language, count=self.entries))
        else:
            found = self.breaks + len(self.anchor_problems) + len(self.chain_problems)
            lines.append(messages.render("audit.verify.failed", language, count=self.entries, broken=found))
            if self.first_broken is not None:
                lines.append(self.first_broken.message(language))
            lines.extend(problem.message(language) for problem in self.chain_problems + self.anchor_problems)
        if self.anchors_checked:
            lines.append(messages.render("audit.verify.anchors", language, count=self.anchors_checked))
        return "\n".join(lines)


def verify_audit_chain(db: Database, *, key: bytes | None = None, cipher=None,
                       backups_folder: Path | None = None) -> AuditReport:
    """Walk the audit log in id order, recomputing every hash and checking every link; then
    compare it with the anchors outside it (the manifests in `backups_folder`, the batches in
    the outbox when `cipher` can read them). `key` defaults to the one the database was opened
    with."""
    key = key if key is not None else audit.key_of(db)
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
        keyed_from = session.scalar(select(AppMeta.value).where(AppMeta.key == audit.META_KEYED_FROM))
        keyed = False  # from the first keyed entry on, every entry must be keyed
        keyed_start_seen = keyed_from is None
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
                if row.entry_hash == keyed_from:
                    keyed_start_seen = True
                if key is not None and _digest(row, occurred_at, details, key) == row.entry_hash:
                    keyed = True
                    matches = True
                else:
                    matches = _digest(row, occurred_at, details, None) == row.entry_hash
                    if matches and key is not None and (keyed or keyed_start_seen and keyed_from is not None):
                        broken = BrokenEntry(row.id, count, "rebuilt", occurred_at, row.action)
                if broken is None and not matches:
                    broken = BrokenEntry(row.id, count, "altered", occurred_at, row.action)
                elif broken is None and row.prev_hash != expected_prev:
                    broken = _link_break(session, row, count, occurred_at, previous_id)
            if broken is not None:
                breaks += 1
                if first is None:
                    first = broken
            # Continue from what this entry says, so one break is counted once, not for every
            # entry after it.
            expected_prev = row.entry_hash
            previous_id = row.id
        chain_problems = ()
        if key is not None and not keyed_start_seen:
            chain_problems = (messages.Problem("audit.verify.keyed_start_missing"),)
        anchors = list(_anchors(session, cipher, backups_folder))
        anchor_problems = tuple(problem for anchor in anchors
                                if (problem := _check_anchor(session, anchor)) is not None)
        return AuditReport(ok=first is None and not anchor_problems and not chain_problems, entries=count,
                           first_broken=first, breaks=breaks, head_hash=expected_prev,
                           anchors_checked=len(anchors), anchor_problems=anchor_problems,
                           chain_problems=chain_problems)


@dataclass(frozen=True)
class _Anchor:
    """What a record outside the log says its end was: entry `entry` had hash `hash` at `at`."""

    name: messages.Problem
    at: datetime | None
    entry: int
    hash: str


def _anchors(session, cipher, backups_folder: Path | None) -> Iterator[_Anchor]:
    installation = session.scalar(select(AppMeta.value).where(AppMeta.key == "installation_id"))
    # A restore replaces the log on purpose by the backup's (and says so in a keyed entry, which
    # nobody can forge without the key): backups made before it describe the log it replaced.
    restored_at = session.scalar(select(func.max(AuditEntry.occurred_at))
                                 .where(AuditEntry.action == "database.restored"))
    if restored_at is not None and restored_at.tzinfo is None:
        restored_at = restored_at.replace(tzinfo=timezone.utc)
    if backups_folder is not None:
        for backup in list_backups(Path(backups_folder)):
            manifest = _manifest(backup.manifest)
            if manifest.get("installation_id") != installation:
                continue  # another database's backup, or one restored from elsewhere
            if restored_at is not None and backup.created_at <= restored_at:
                continue
            entry, head_hash = manifest.get("audit_head_entry"), manifest.get("audit_head")
            if isinstance(entry, int) and isinstance(head_hash, str):
                yield _Anchor(messages.Problem("audit.anchor.backup", {"name": backup.path.name}),
                              backup.created_at, entry, head_hash)
    if cipher is None:
        return
    for batch in session.scalars(select(OutboxBatch).order_by(OutboxBatch.id)):
        try:
            document = json.loads(batch_bytes(session, cipher, batch))
        except (ValueError, messages.UserFacingError):
            continue  # unreadable bytes are the outbox's own finding (db check), not the log's
        anchor = document.get("audit_anchor") if isinstance(document, dict) else None
        if not (isinstance(anchor, dict) and isinstance(anchor.get("entry"), int)
                and isinstance(anchor.get("hash"), str)):
            continue  # sealed before batches carried the head
        received = batch.state in {state.value for state in RECEIPT_STATES}
        name = "audit.anchor.batch_received" if received else "audit.anchor.batch"
        yield _Anchor(messages.Problem(name, {"batch": batch.batch_id}), batch.created_at, anchor["entry"],
                      anchor["hash"])


def _manifest(path: Path) -> dict:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}


def _check_anchor(session, anchor: _Anchor) -> messages.Problem | None:
    stored = session.scalar(select(AuditEntry.entry_hash).where(AuditEntry.id == anchor.entry))
    if stored == anchor.hash:
        return None
    when = "—" if anchor.at is None else moment_text(anchor.at)
    if stored is None:
        last = session.scalar(select(func.max(AuditEntry.id))) or 0
        if last < anchor.entry:
            return messages.Problem("audit.verify.anchor_cut", {"anchor": anchor.name, "time": when,
                                                                "entry": anchor.entry, "last": last})
    return messages.Problem("audit.verify.anchor_rebuilt", {"anchor": anchor.name, "time": when,
                                                            "entry": anchor.entry})


def _digest(row, occurred_at: datetime, details, key: bytes | None) -> str:
    try:
        return entry_digest(row.prev_hash, occurred_at, row.actor_name, row.actor_user_id, row.action,
                            row.entity_type, row.entity_id, row.class_id, details, key=key)
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
