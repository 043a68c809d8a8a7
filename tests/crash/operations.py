"""The operations the crash harness kills, each with the state it must leave whole or absent.

An operation knows how to prepare its inputs in the template database (through the CLI),
how to start itself in a child process, where its work sits in the child's trace, what
state it writes (its fingerprint: the rows it adds or changes, including their audit
entries, without the timestamps and random ids that differ from run to run), which
invariants must hold whatever happened, and how to run itself again.

The template is one demo institution (`skilldesk demo`) shared by all operations; each
operation works on its own class, so they never see each other's rows:

| operation           | class      | what the child does                                             |
|---------------------|------------|-----------------------------------------------------------------|
| roster_import       | CRASH-R01  | `skilldesk roster import` of ROSTER_ROWS new trainees             |
| attendance_import   | 20xx-AI01  | `skilldesk attendance import` of a punch file (every past session)|
| attendance_marks    | 20xx-JZ01  | mark_all_present + single marks, one transaction each            |
| certificates_issue  | 20xx-YL01  | `skilldesk certificates issue` (assessments imported beforehand)  |
| seal                | 20xx-YL01  | `skilldesk seal` (own template: certificates already issued)     |
| sync                | 20xx-YL01  | `skilldesk sync` to tests/platform_server (own template: sealed,  |
|                     |            | device registered; the platform is reset before every run)        |
"""

from __future__ import annotations

import csv
from abc import ABC, abstractmethod
import json
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tests.crash.harness import Span, Workspace, raw_query

ROSTER_CLASS = "CRASH-R01"
ROSTER_ROWS = 400
CHINA = timezone(timedelta(hours=8))


def _year() -> int:
    return date.today().year


def _diff(before, after, limit: int = 3) -> str:
    """A short description of how two fingerprints (dicts) differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = [k for k in sorted(set(before) | set(after), key=str) if before.get(k) != after.get(k)]
        return ", ".join(f"{k}: {before.get(k)!r:.80} vs {after.get(k)!r:.80}" for k in keys[:limit]) + \
            (f" (+{len(keys) - limit} more)" if len(keys) > limit else "")
    return f"{before!r:.200} vs {after!r:.200}"


class Operation(ABC):
    name = "?"
    ok_codes: tuple[int, ...] = (0,)  # exit codes of a run that did the work
    repeat_codes: tuple[int, ...] = ()  # also allowed when re-running an operation that already happened
    template: Path | None = None  # None: the shared template

    def reset(self, ws: Workspace) -> None:
        """Before every run on a fresh copy: put anything outside the database back (the platform)."""

    def derive(self, ws: Workspace) -> None:
        """After the shared template is complete: make this operation's own template, if any."""

    def close(self) -> None:
        """At the end of the run: stop what derive() started."""

    before = None
    after = None

    def prepare(self, ws: Workspace, template: Path) -> None:
        """Make the template ready for this operation (runs once, before any copy is taken)."""

    @abstractmethod
    def child_argv(self, ws: Workspace, db: Path) -> list[str]:
        """The command the killed child runs."""

    def learn_trace(self, events) -> None:
        """Called with the trace of the uninterrupted run, before locate()."""

    @abstractmethod
    def locate(self, events) -> Span:
        """Where the work lies in the uninterrupted run's trace."""

    @abstractmethod
    def fingerprint(self, ws: Workspace, db: Path):
        """What the operation changes, read from the database, to compare before/after."""

    def learn_before(self, ws: Workspace, db: Path) -> None:
        self.before = self.fingerprint(ws, db)

    def learn_after(self, ws: Workspace, db: Path) -> None:
        self.after = self.fingerprint(ws, db)
        if self.after == self.before:
            raise RuntimeError(f"{self.name}: the operation changes nothing the harness can see")

    def state_of(self, ws: Workspace, db: Path) -> tuple[str, str]:
        """("absent" | "whole" | "between" | "partial", detail)."""
        fp = self.fingerprint(ws, db)
        if fp == self.before:
            return "absent", ""
        if fp == self.after:
            return "whole", ""
        return "partial", f"neither before nor after; vs after: {_diff(fp, self.after)}; vs before: {_diff(fp, self.before)}"

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        return []

    @abstractmethod
    def rerun(self, ws: Workspace, db: Path) -> tuple[int, str]:
        """Run the operation again after a kill: (exit code, output)."""

    def platform_duplicates(self, ws: Workspace) -> int | None:
        return None


class CliOperation(Operation):
    """One `skilldesk` command whose work is its last write transaction."""

    command: tuple[str, ...] = ()
    # The work spans write transactions first..last (1-based; 0 = the child's last one).
    first_txn: int = 0
    last_txn: int = 0
    _first: int = 0
    _last: int = 0

    def argv(self, db: Path) -> list[str]:
        return ["--db", str(db), *self.command]

    def child_argv(self, ws: Workspace, db: Path) -> list[str]:
        return ["cli", "--", *self.argv(db)]

    def learn_trace(self, events) -> None:
        count = sum(1 for tag, _ in events if tag == "B")
        self._first = self.first_txn or count
        self._last = self.last_txn or count
        if not 0 < self._first <= self._last <= count:
            raise RuntimeError(f"{self.name}: expected write transactions {self._first}..{self._last}, "
                               f"the uninterrupted run has {count}")

    def locate(self, events) -> Span:
        begins = [i for i, (tag, _) in enumerate(events) if tag == "B"]
        if self._first == 0 or len(begins) < self._first:
            return Span(False, False)
        start = begins[self._first - 1]
        end = None
        if len(begins) >= self._last:
            last = begins[self._last - 1]
            end = next((i for i in range(last + 1, len(events)) if events[i][0] == "C"), None)
        return Span(True, end is not None, events[start][1], events[end][1] if end is not None else None)

    def rerun(self, ws: Workspace, db: Path) -> tuple[int, str]:
        return ws.cli(*self.argv(db))


def demo_class_people(db: Path, class_code: str):
    """The demo's people enrolled in a demo class, with their identity numbers (the database
    only holds them encrypted): the demo draws them from demo_people(155) in order."""
    from desktop_app.services.demo import demo_people

    # Masked number and name tell the demo's 155 apart (the birth date is encrypted, issue 15 item 6).
    people = {(p.id_masked, p.name): p for p in demo_people(155)}
    assert len(people) == 155
    roster = raw_query(db, """
        SELECT t.id_masked, t.name FROM enrolment e JOIN trainee t ON t.id = e.trainee_id
        JOIN training_class c ON c.id = e.class_id WHERE c.code = ? ORDER BY e.roll_no""", (class_code,))
    return [people[row] for row in roster]


def marks_invariants(db: Path, class_code: str) -> list[str]:
    """Every mark of the class is whole: one history row per revision, 1..revision without a
    gap, the last one holding the mark's current value."""
    problems = []
    marks = raw_query(db, """
        SELECT m.id, m.status, m.late_minutes, m.revision FROM attendance_mark m
        JOIN class_session s ON s.id = m.session_id JOIN training_class c ON c.id = s.class_id
        WHERE c.code = ?""", (class_code,))
    history: dict[int, list[tuple[int, dict]]] = {}
    for mark_id, revision, new_value in raw_query(db, """
            SELECT h.mark_id, h.revision, h.new_value FROM attendance_mark_history h
            JOIN attendance_mark m ON m.id = h.mark_id JOIN class_session s ON s.id = m.session_id
            JOIN training_class c ON c.id = s.class_id WHERE c.code = ? ORDER BY h.mark_id, h.revision""",
                                                  (class_code,)):
        history.setdefault(mark_id, []).append((revision, json.loads(new_value)))
    for mark_id, status, late, revision in marks:
        rows = history.get(mark_id, [])
        if [r for r, _ in rows] != list(range(1, revision + 1)):
            problems.append(f"mark {mark_id} at revision {revision} has history revisions {[r for r, _ in rows]}")
        elif rows[-1][1].get("status") != status or rows[-1][1].get("late_minutes", 0) != late:
            problems.append(f"mark {mark_id} is {status}/{late} but its last history row says {rows[-1][1]}")
    return problems


# --- roster import ------------------------------------------------------------------------------


class RosterImport(CliOperation):
    name = "roster_import"
    ok_codes = (0, 3)

    def prepare(self, ws: Workspace, template: Path) -> None:
        import openpyxl

        from desktop_app.services.demo import demo_people

        start = date.today() + timedelta(days=20)
        ws.checked_cli("--db", str(template), "class", "new", "--code", ROSTER_CLASS, "--name", "断电测试班",
                       "--occupation", "4-10-01-06", "--level", "4", "--type", "employment_skills",
                       "--start", start.isoformat(), "--end", (start + timedelta(days=30)).isoformat(),
                       "--capacity", str(ROSTER_ROWS + 10))
        ws.checked_cli("--db", str(template), "roster", "template", str(ws.root / "roster-template.xlsx"))
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "花名册"
        sheet.append(["序号", "姓名", "身份证号码", "手机号码"])
        for number, person in enumerate(demo_people(ROSTER_ROWS, seed=77, start_serial=600_000), start=1):
            sheet.append([number, person.name, person.id_number, person.phone])
            sheet.cell(row=sheet.max_row, column=3).number_format = "@"
        self.source = ws.root / "roster.xlsx"
        workbook.save(self.source)
        self.command = ("roster", "import", "--class", ROSTER_CLASS, str(self.source))

    def fingerprint(self, ws: Workspace, db: Path):
        enrolments = raw_query(db, """
            SELECT e.roll_no, t.id_hash, e.subsidy_status, e.eligibility_reasons FROM enrolment e
            JOIN trainee t ON t.id = e.trainee_id JOIN training_class c ON c.id = e.class_id
            WHERE c.code = ? ORDER BY e.roll_no""", (ROSTER_CLASS,))
        audit = dict(raw_query(db, """
            SELECT a.action, count(*) FROM audit_log a JOIN training_class c ON c.id = a.class_id
            WHERE c.code = ? AND a.action IN ('enrolment.created', 'roster.imported') GROUP BY a.action""",
                               (ROSTER_CLASS,)))
        return {
            "enrolments": enrolments,
            "trainees": raw_query(db, "SELECT count(*) FROM trainee")[0][0],
            "key groups": raw_query(db, "SELECT count(*) FROM trainee_key_group")[0][0],
            "enrolment.created": audit.get("enrolment.created", 0),
            # A re-run of a completed import records a second (empty) import: present or not.
            "roster.imported": bool(audit.get("roster.imported")),
        }

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        fp = self.fingerprint(ws, db)
        problems = []
        if fp["enrolment.created"] != len(fp["enrolments"]):
            problems.append(f"{len(fp['enrolments'])} enrolments but {fp['enrolment.created']} audit entries")
        if fp["roster.imported"] != bool(fp["enrolments"]):
            problems.append(f"roster.imported audit entry {'without' if fp['roster.imported'] else 'missing for'} "
                            f"{len(fp['enrolments'])} enrolments")
        if [r[0] for r in fp["enrolments"]] != list(range(1, len(fp["enrolments"]) + 1)):
            problems.append("roll numbers are not 1..n")
        return problems


# --- attendance import ----------------------------------------------------------------------------


class AttendanceImport(CliOperation):
    name = "attendance_import"

    @property
    def class_code(self) -> str:
        return f"{_year()}-AI01"

    def prepare(self, ws: Workspace, template: Path) -> None:
        # The demo enrols demo_people(155) class by class; AI01 is the fifth (after 32+28+40+25).
        persons = demo_class_people(template, self.class_code)
        now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(" ")
        sessions = raw_query(template, """
            SELECT s.starts_at, s.ends_at FROM class_session s JOIN training_class c ON c.id = s.class_id
            WHERE c.code = ? AND s.ends_at < ? AND s.status != 'cancelled' ORDER BY s.starts_at""",
                             (self.class_code, now))
        assert sessions, "the demo class in training has no past sessions"
        rng = random.Random(2026)
        self.source = ws.root / "punches.csv"
        with self.source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["身份证号", "姓名", "打卡时间"])
            for starts, ends in sessions:
                start = datetime.fromisoformat(starts).replace(tzinfo=timezone.utc).astimezone(CHINA)
                end = datetime.fromisoformat(ends).replace(tzinfo=timezone.utc).astimezone(CHINA)
                for person in persons:
                    roll = rng.random()
                    if roll < 0.1:
                        continue  # absent: no punch
                    arrive = start + timedelta(minutes=rng.randrange(-25, 0) if roll < 0.8 else rng.randrange(5, 40))
                    leave = end + timedelta(minutes=rng.randrange(0, 10) if roll < 0.9 else -rng.randrange(10, 30))
                    writer.writerow([person.id_number, person.name, f"{arrive:%Y-%m-%d %H:%M}"])
                    writer.writerow([person.id_number, person.name, f"{leave:%Y-%m-%d %H:%M}"])
        self.command = ("attendance", "import", "--class", self.class_code, str(self.source))

    def fingerprint(self, ws: Workspace, db: Path):
        marks = raw_query(db, """
            SELECT m.session_id, m.enrolment_id, m.status, m.late_minutes, m.early_leave_minutes, m.leave_reason,
                   m.sign_in_at, m.sign_out_at, m.source, m.revision,
                   (SELECT count(*) FROM attendance_mark_history h WHERE h.mark_id = m.id)
            FROM attendance_mark m JOIN class_session s ON s.id = m.session_id
            JOIN training_class c ON c.id = s.class_id WHERE c.code = ? ORDER BY m.session_id, m.enrolment_id""",
                          (self.class_code,))
        imported = raw_query(db, """
            SELECT count(*) FROM audit_log a JOIN training_class c ON c.id = a.class_id
            WHERE c.code = ? AND a.action = 'attendance.imported'""", (self.class_code,))[0][0]
        return {"marks": marks, "attendance.imported": bool(imported)}

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        return marks_invariants(db, self.class_code)


# --- single marks -------------------------------------------------------------------------------


MARK_STEPS = 60


class AttendanceMarks(Operation):
    """Many single marks from a script, one transaction each, as the grid saves them: first
    全部出勤 for a session (one transaction of 32 marks), then single changes on three
    sessions, another 全部出勤 in the middle. The plan is deterministic, so the harness knows
    the state after every prefix of it: after a kill the database must equal one of them."""

    name = "attendance_marks"
    REASON = "断电测试"

    @property
    def class_code(self) -> str:
        return f"{_year()}-JZ01"

    def prepare(self, ws: Workspace, template: Path) -> None:
        enrolments = [e for (e,) in raw_query(template, """
            SELECT e.id FROM enrolment e JOIN training_class c ON c.id = e.class_id
            WHERE c.code = ? AND e.withdrawn_at IS NULL ORDER BY e.roll_no""", (self.class_code,))]
        sessions = [s for (s,) in raw_query(template, """
            SELECT s.id FROM class_session s JOIN training_class c ON c.id = s.class_id
            WHERE c.code = ? AND s.status != 'cancelled' ORDER BY s.starts_at DESC LIMIT 3""", (self.class_code,))]
        assert len(sessions) == 3 and not raw_query(
            template, f"SELECT 1 FROM attendance_mark WHERE session_id IN ({','.join('?' * 3)})", sessions), \
            "the last sessions of the demo class must still be unmarked"
        rng = random.Random(7)
        model: dict[tuple[int, int], str] = {}
        steps: list[dict] = [{"op": "all_present", "session": sessions[0]}]
        model.update({(sessions[0], e): "present" for e in enrolments})
        for number in range(1, MARK_STEPS):
            if number == MARK_STEPS // 2:
                steps.append({"op": "all_present", "session": sessions[1]})
                model.update({(sessions[1], e): "present" for e in enrolments if (sessions[1], e) not in model})
                continue
            session = rng.choice(sessions)
            enrolment = rng.choice(enrolments)
            current = model.get((session, enrolment))
            status = rng.choice([s for s in ("present", "absent", "late") if s != current])
            step = {"op": "set", "session": session, "enrolment": enrolment, "status": status}
            if status == "late":
                step["late"] = 10
            steps.append(step)
            model[(session, enrolment)] = status
        self.enrolments = enrolments
        self.sessions = sessions
        self.plan = {"reason": self.REASON, "steps": steps}
        self.plan_file = ws.root / "marks-plan.json"
        self.plan_file.write_text(json.dumps(self.plan), encoding="utf-8")
        self.prefixes = self._prefix_states()

    def _prefix_states(self) -> list[dict]:
        """The expected fingerprint after each prefix of the plan (0 .. len(steps) steps)."""
        marks: dict[tuple[int, int], tuple] = {}  # key -> (status, late, revision, audits)
        all_present: dict[int, int] = {}
        states = [self._freeze(marks, all_present)]
        for step in self.plan["steps"]:
            if step["op"] == "all_present":
                todo = [e for e in self.enrolments if (step["session"], e) not in marks]
                for e in todo:
                    marks[(step["session"], e)] = ("present", 0, 1, 0)
                if todo:
                    all_present[step["session"]] = all_present.get(step["session"], 0) + 1
            else:
                key = (step["session"], step["enrolment"])
                _, _, revision, audits = marks.get(key, (None, 0, 0, 0))
                marks[key] = (step["status"], step.get("late", 0), revision + 1, audits + 1)
            states.append(self._freeze(marks, all_present))
        return states

    @staticmethod
    def _freeze(marks, all_present) -> dict:
        return {"marks": dict(marks), "all_present": dict(all_present)}

    def child_argv(self, ws: Workspace, db: Path) -> list[str]:
        return ["marks", "--db", str(db), "--plan", str(self.plan_file)]

    def locate(self, events) -> Span:
        try:
            started = next(i for i, (tag, _) in enumerate(events) if tag == "S")
        except StopIteration:
            return Span(False, False)
        begins = [i for i in range(started, len(events)) if events[i][0] == "B"]
        commits = [i for i in range(started, len(events)) if events[i][0] == "C"]
        steps = len(self.plan["steps"])
        end = commits[steps - 1] if len(commits) >= steps else None
        return Span(bool(begins), end is not None, events[begins[0]][1] if begins else None,
                    events[end][1] if end is not None else None)

    def fingerprint(self, ws: Workspace, db: Path):
        marks = {}
        for session, enrolment, status, late, revision, audits in raw_query(db, f"""
                SELECT m.session_id, m.enrolment_id, m.status, m.late_minutes, m.revision,
                       (SELECT count(*) FROM audit_log a WHERE a.action = 'attendance.marked' AND a.entity_id = m.uid)
                FROM attendance_mark m WHERE m.session_id IN ({','.join('?' * len(self.sessions))})""",
                                                                              self.sessions):
            marks[(session, enrolment)] = (status, late, revision, audits)
        all_present = dict(raw_query(db, f"""
            SELECT s.id, count(*) FROM audit_log a JOIN class_session s ON s.uid = a.entity_id
            WHERE a.action = 'attendance.all_present' AND s.id IN ({','.join('?' * len(self.sessions))})
            GROUP BY s.id""", self.sessions))
        return {"marks": marks, "all_present": all_present}

    def learn_before(self, ws: Workspace, db: Path) -> None:
        super().learn_before(ws, db)
        assert self.before == self.prefixes[0], "the template does not match the plan's starting state"

    def learn_after(self, ws: Workspace, db: Path) -> None:
        super().learn_after(ws, db)
        if self.after != self.prefixes[-1]:
            raise RuntimeError(f"the uninterrupted marking run does not match the model: {_diff(self.after, self.prefixes[-1])}")

    def committed_steps(self, ws: Workspace, db: Path) -> int | None:
        fp = self.fingerprint(ws, db)
        for done in range(len(self.prefixes) - 1, -1, -1):
            if self.prefixes[done] == fp:
                return done
        return None

    def state_of(self, ws: Workspace, db: Path) -> tuple[str, str]:
        done = self.committed_steps(ws, db)
        if done is None:
            fp = self.fingerprint(ws, db)
            closest = min(range(len(self.prefixes)), key=lambda i: _distance(self.prefixes[i], fp))
            return "partial", f"matches no prefix of the plan; closest is after {closest} steps: " \
                              f"{_diff(fp['marks'], self.prefixes[closest]['marks'])}"
        if done == 0:
            return "absent", ""
        if done == len(self.prefixes) - 1:
            return "whole", ""
        return "between", f"{done} of {len(self.prefixes) - 1} steps committed"

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        return marks_invariants(db, self.class_code)

    def rerun(self, ws: Workspace, db: Path) -> tuple[int, str]:
        """What the clerk does after the power cut: look at the grid and carry on from there."""
        from tests.crash.child import apply_plan

        done = self.committed_steps(ws, db)
        if done is None:
            return 1, "cannot tell where to resume: the marks match no prefix of the plan"
        with ws.environment():
            try:
                return apply_plan(str(db), self.plan, done), ""
            except Exception as error:  # reported as a failed re-run, with the reason
                return 1, f"{type(error).__name__}: {error}"


def _distance(a: dict, b: dict) -> int:
    keys = set(a["marks"]) | set(b["marks"])
    return sum(1 for k in keys if a["marks"].get(k) != b["marks"].get(k))


# --- certificates -------------------------------------------------------------------------------


class CertificatesIssue(CliOperation):
    name = "certificates_issue"

    @property
    def class_code(self) -> str:
        return f"{_year()}-YL01"

    def prepare(self, ws: Workspace, template: Path) -> None:
        self.command = ("certificates", "issue", "--class", self.class_code)

    def fingerprint(self, ws: Workspace, db: Path):
        certificates = raw_query(db, """
            SELECT e.roll_no, x.number, x.status, x.kind, x.issued_on, x.pdf_sha256,
                   (SELECT count(*) FROM audit_log a WHERE a.action = 'certificate.issued' AND a.entity_id = x.number)
            FROM certificate x JOIN enrolment e ON e.id = x.enrolment_id JOIN training_class c ON c.id = e.class_id
            WHERE c.code = ? ORDER BY e.roll_no""", (self.class_code,))
        counters = raw_query(db, "SELECT institution_id, year, next_serial FROM certificate_counter ORDER BY 1, 2")
        return {"certificates": certificates, "counters": counters,
                "all certificates": raw_query(db, "SELECT count(*) FROM certificate")[0][0]}

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        problems = []
        numbers = [n for (n,) in raw_query(db, "SELECT number FROM certificate WHERE issuer = 'institution'")]
        by_prefix: dict[str, list[int]] = {}
        for number in numbers:
            prefix, serial = number.rsplit("-", 1)
            by_prefix.setdefault(prefix, []).append(int(serial))
        counters = {year: serial for _, year, serial in
                    raw_query(db, "SELECT institution_id, year, next_serial FROM certificate_counter")}
        for prefix, serials in by_prefix.items():
            if sorted(serials) != list(range(1, len(serials) + 1)):
                problems.append(f"numbers {prefix}-… are not gapless: {sorted(serials)[:10]}…")
            year = int(prefix.rsplit("-", 1)[1])
            if counters.get(year) != len(serials) + 1:
                problems.append(f"counter for {year} is {counters.get(year)} after {len(serials)} certificates")
        for number, sha, audits in raw_query(db, """
                SELECT x.number, x.pdf_sha256,
                       (SELECT count(*) FROM audit_log a WHERE a.action = 'certificate.issued' AND a.entity_id = x.number)
                FROM certificate x WHERE x.issuer = 'institution'"""):
            if not sha or len(sha) != 64:
                problems.append(f"certificate {number} has no PDF hash")
            if audits != 1:
                problems.append(f"certificate {number} has {audits} certificate.issued audit entries")
        return problems


# --- sealing ------------------------------------------------------------------------------------


def _derived_template(ws: Workspace, name: str, *commands: tuple[str, ...]) -> Path:
    """The shared template plus some CLI commands, as another template file."""
    path = ws.root / f"template-{name}.db"
    ws.fresh_copy(ws.template, path)
    for command in commands:
        ws.checked_cli("--db", str(path), *command)
    ws.seal_template(path)
    return path


def class_batches(db: Path, class_code: str) -> list[tuple]:
    return raw_query(db, """
        SELECT b.batch_id, b.kind, b.state, b.key_id, b.supersedes_batch_id, b.content_hash, b.sequence,
               b.receipt IS NOT NULL, b.last_error_code
        FROM outbox_batch b JOIN training_class c ON c.id = b.class_id WHERE c.code = ? ORDER BY b.id""",
                     (class_code,))


def batch_problems(ws: Workspace, db: Path, class_code: str) -> list[str]:
    """Sealed ⇔ exactly one batch, with its audit entry; each batch's bytes hash to its
    content hash and carry a valid signature of the device key (decrypted by the app)."""
    problems = []
    status = raw_query(db, "SELECT status FROM training_class WHERE code = ?", (class_code,))[0][0]
    batches = class_batches(db, class_code)
    frozen = status in ("sealed", "uploaded", "returned", "archived")
    if frozen != (len(batches) == 1) or len(batches) > 1:
        problems.append(f"class is {status} with {len(batches)} outbox batch(es)")
    audited = [e for (e,) in raw_query(db, """
        SELECT a.entity_id FROM audit_log a JOIN training_class c ON c.id = a.class_id
        WHERE c.code = ? AND a.action = 'batch.sealed' ORDER BY a.id""", (class_code,))]
    if audited != [b[0] for b in batches]:
        problems.append(f"batch.sealed audit entries {audited} for batches {[b[0] for b in batches]}")
    if batches:
        from desktop_app.platform.device_keys import verify_signature
        from desktop_app.platform.protocol import content_hash
        from desktop_app.services.sealing import decrypt_batch

        with ws.environment():
            from desktop_app.bootstrap import open_office
            from desktop_app.config import load_settings

            office = open_office(load_settings(db_path=db))
            try:
                cipher = office.cipher
            finally:
                office.close()
        for batch_id, stored, digest, signature, public in raw_query(db, """
                SELECT b.batch_id, s.canonical_bytes, b.content_hash, b.signature, k.public_key_pem
                FROM outbox_batch b JOIN training_class c ON c.id = b.class_id
                LEFT JOIN outbox_batch_content s ON s.outbox_batch_id = b.id
                LEFT JOIN device_key k ON k.key_id = b.key_id WHERE c.code = ?""", (class_code,)):
            if stored is None:
                problems.append(f"batch {batch_id}: sealed without its signed bytes")
                continue
            data = decrypt_batch(cipher, stored)
            if content_hash(data) != digest:
                problems.append(f"batch {batch_id}: its bytes do not hash to its content hash")
            if not public or not verify_signature(public, signature, data):
                problems.append(f"batch {batch_id}: the signature does not verify")
            if json.loads(data)["batch_id"] != batch_id:
                problems.append(f"batch {batch_id}: the document names another batch")
    return problems


class SealClass(CliOperation):
    """`skilldesk seal`: freeze the completed class and put its signed batch in the outbox."""

    name = "seal"
    repeat_codes = (2,)  # sealing a sealed class again is refused: nothing changes

    @property
    def class_code(self) -> str:
        return f"{_year()}-YL01"

    def derive(self, ws: Workspace) -> None:
        self.template = _derived_template(ws, "seal", ("certificates", "issue", "--class", self.class_code))
        self.command = ("seal", "--class", self.class_code)

    def fingerprint(self, ws: Workspace, db: Path):
        status = raw_query(db, "SELECT status FROM training_class WHERE code = ?", (self.class_code,))[0][0]
        batches = [b[1:5] for b in class_batches(db, self.class_code)]
        return {"status": status, "batches": batches}

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        return batch_problems(ws, db, self.class_code)


# --- upload -------------------------------------------------------------------------------------


class SyncUpload(CliOperation):
    """`skilldesk sync` of one sealed batch to the reference platform (tests/platform_server).

    Every run starts from the same platform state (the device registered, no batch): the
    platform is stopped, its database put back from a snapshot and started again. After a
    kill the local batch may be waiting (sealed), in flight (sending / sent_unconfirmed, the
    platform holding it or not) or accepted; a re-run must end with the batch accepted locally
    and held exactly once by the platform."""

    name = "sync"
    first_txn = 2  # 1 opens the database; 2 marks the batch "sending"; 3 stores the receipt
    last_txn = 3
    INSTITUTION = "JS3205060001"

    def __init__(self) -> None:
        self.platform = None
        self.duplicates = 0
        self.resent = 0

    @property
    def class_code(self) -> str:
        return f"{_year()}-YL01"

    def derive(self, ws: Workspace) -> None:
        from tests.platform_server.fixtures import start_platform_server

        self.platform = start_platform_server(ws.root / "platform")
        code = self.platform.enrolment_code(self.INSTITUTION)
        self.template = _derived_template(ws, "sync", ("certificates", "issue", "--class", self.class_code),
                                          ("seal", "--class", self.class_code),
                                          ("platform", "register", "--url", self.platform.url, "--code", code))
        self.platform.stop()
        self.snapshot = ws.root / "platform-snapshot"
        self.snapshot.mkdir(exist_ok=True)
        self._platform_files(self.platform.folder, self.snapshot)
        self.platform.start()
        self.command = ("sync", "--url", self.platform.url)

    @staticmethod
    def _platform_files(source: Path, target: Path) -> None:
        import shutil

        for suffix in ("", "-wal", "-shm"):
            (target / f"platform.db{suffix}").unlink(missing_ok=True)
            if (source / f"platform.db{suffix}").exists():
                shutil.copyfile(source / f"platform.db{suffix}", target / f"platform.db{suffix}")

    def reset(self, ws: Workspace) -> None:
        self.platform.stop()
        self._platform_files(self.snapshot, self.platform.folder)
        self.platform.start()

    def close(self) -> None:
        if self.platform is not None:
            self.platform.stop()

    def _platform_view(self) -> list[tuple]:
        return [(b["batch_id"], b["content_hash"], b["status"]) for b in self.platform.batches()]

    def fingerprint(self, ws: Workspace, db: Path):
        status = raw_query(db, "SELECT status FROM training_class WHERE code = ?", (self.class_code,))[0][0]
        batches = [(b[0], b[2], b[5], b[6], b[7], b[8]) for b in class_batches(db, self.class_code)]
        receipts = raw_query(db, """
            SELECT count(*) FROM audit_log a JOIN training_class c ON c.id = a.class_id
            WHERE c.code = ? AND a.action = 'batch.receipt'""", (self.class_code,))[0][0]
        return {"status": status, "batches": batches, "receipt audited": receipts, "platform": self._platform_view()}

    def state_of(self, ws: Workspace, db: Path) -> tuple[str, str]:
        state, detail = super().state_of(ws, db)
        if state != "partial":
            return state, detail
        fp = self.fingerprint(ws, db)
        local = fp["batches"][0] if len(fp["batches"]) == 1 else None
        held = fp["platform"]
        if (local is not None and local[1] in ("sending", "sent_unconfirmed") and fp["status"] == "sealed"
                and fp["receipt audited"] == 0 and len(held) <= 1
                and all(h[0] == local[0] and h[1] == local[2] for h in held)):
            return "between", f"in flight: local {local[1]}, platform holds {len(held)}"
        return state, detail

    def invariants(self, ws: Workspace, db: Path) -> list[str]:
        problems = batch_problems(ws, db, self.class_code)
        held = self.platform.batches()
        ids = [b["batch_id"] for b in held]
        hashes = [b["content_hash"] for b in held]
        if len(held) > 1 or len(set(ids)) != len(ids) or len(set(hashes)) != len(hashes):
            problems.append(f"platform holds {len(held)} batches: {ids}")
        return problems

    def rerun(self, ws: Workspace, db: Path) -> tuple[int, str]:
        result = super().rerun(ws, db)
        held = self.platform.batches()
        self.duplicates += max(0, len(held) - 1)
        self.resent += sum(b["times_received"] - 1 for b in held)
        return result

    def platform_duplicates(self, ws: Workspace) -> int | None:
        return self.duplicates


def all_operations() -> list[Operation]:
    return [RosterImport(), AttendanceImport(), AttendanceMarks(), CertificatesIssue(), SealClass(), SyncUpload()]


def prepare_completed_class(ws: Workspace, template: Path) -> None:
    """Results for every trainee of the completed demo class (all pass), and the device key,
    made and registered here rather than inside an operation under test."""
    import openpyxl

    class_code = f"{_year()}-YL01"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "公民身份号码", "理论成绩", "实操成绩", "考核结果"])
    for person in demo_class_people(template, class_code):
        sheet.append([person.name, person.id_number, "86", "91", "合格"])
        sheet.cell(row=sheet.max_row, column=2).number_format = "@"
    results = ws.root / "results.xlsx"
    workbook.save(results)
    ws.checked_cli("--db", str(template), "assessment", "import", "--class", class_code, str(results))
    ws.checked_cli("--db", str(template), "keys", "export-public", str(ws.root / "device.pem"))


def build_template(ws: Workspace, operations: list[Operation], *, log=None) -> None:
    """The demo institution plus every operation's preparation, folded into one file."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{ws.template}{suffix}").unlink(missing_ok=True)
    ws.checked_cli("--db", str(ws.template), "demo")
    prepare_completed_class(ws, ws.template)
    for op in operations:
        op.prepare(ws, ws.template)
    ws.seal_template()
    for op in operations:
        op.derive(ws)
    if log:
        log(f"[crash] template ready: {ws.template} ({ws.template.stat().st_size // 1024} KiB)")
