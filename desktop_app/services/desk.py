"""The facade the GUI and CLI hold: one open database, its cipher and the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.domain.actors import SIGNED_OUT, Actor
from desktop_app.platform.reachability import platform_reachable
from desktop_app.services import (
    accounts,
    assessment,
    attendance,
    certificates,
    classes,
    outbox,
    roster,
    sealing,
    trainees,
)
from desktop_app.services.database import OpenedDatabase
from desktop_app.services.status import StatusSnapshot, status_snapshot
from desktop_app.store.engine import Database
from desktop_app.store.protection import PersonalDataCipher


@dataclass
class Desk:
    """What a window or a command works on. Use cases are reached through it, so callers
    never open a database session themselves (Anki's Collection plays the same part).
    Every method may be slow: the GUI calls them through its task runner."""

    db: Database
    cipher: PersonalDataCipher
    actor: Actor
    opened: OpenedDatabase
    key_dir: Path | None = None
    _device_key: object = None

    def __post_init__(self) -> None:
        # Once the first run has retired the built-in local administrator, opening a database no
        # longer acts as anyone: reading works, every change asks for sign_in first.
        try:
            accounts.confirm_acting_user(self.db, self.actor)
        except accounts.SessionEnded:
            self.actor = SIGNED_OUT

    def _acting(self) -> Actor:
        """The acting user, confirmed against the accounts before each action: an account an
        administrator disabled or moved to another role (perhaps on another computer) stops
        acting here at its next action, not only at sign-out or the idle lock. The desk is then
        signed out and SessionEnded says why."""
        try:
            accounts.confirm_acting_user(self.db, self.actor)
        except accounts.SessionEnded:
            self.actor = SIGNED_OUT
            raise
        return self.actor

    @classmethod
    def from_opened(cls, opened: OpenedDatabase, *, key_dir: Path | None = None) -> "Desk":
        return cls(db=opened.db, cipher=opened.cipher, actor=opened.actor, opened=opened, key_dir=key_dir)

    def device_key(self):
        """This device's signing key, made and registered on first use."""
        if self._device_key is None:
            from desktop_app.services.keys import ensure_device_key

            self._device_key = ensure_device_key(self.db, self.key_dir, actor=self._acting())
        return self._device_key

    @property
    def database_name(self) -> str:
        return self.db.display_name()

    def status(self) -> StatusSnapshot:
        return status_snapshot(self.db)

    def platform_online(self, platform_url: str | None) -> bool:
        """Slow (network): call from a background task, never from the UI thread."""
        return platform_reachable(platform_url)

    # --- classes ------------------------------------------------------------------------------

    def list_classes(self, *, search: str | None = None, status: str | None = None) -> list[classes.ClassRow]:
        return classes.list_classes(self.db, search=search, status=status)

    def get_class(self, code: str) -> classes.ClassDetail:
        return classes.get_class(self.db, code)

    def create_class(self, draft: classes.ClassDraft) -> classes.ClassDetail:
        return classes.create_class(self.db, actor=self._acting(), draft=draft)

    def update_class(self, code: str, **changes) -> classes.ClassDetail:
        return classes.update_class(self.db, actor=self._acting(), code=code, **changes)

    def change_class_status(self, code: str, target: str, *, today: date | None = None) -> classes.ClassDetail:
        return classes.change_class_status(self.db, actor=self._acting(), code=code, target=target, today=today)

    def move_session(self, session_id: int, starts_at, ends_at, reason: str) -> classes.SessionRow:
        return classes.move_session(self.db, actor=self._acting(), session_id=session_id, starts_at=starts_at,
                                    ends_at=ends_at, reason=reason)

    def cancel_session(self, session_id: int, reason: str) -> classes.SessionRow:
        return classes.cancel_session(self.db, actor=self._acting(), session_id=session_id, reason=reason)

    def occupation_choices(self) -> list[classes.OccupationChoice]:
        return classes.occupation_choices(self.db)

    def training_type_choices(self) -> list[tuple[str, str]]:
        return classes.training_type_choices(self.db)

    # --- trainees -----------------------------------------------------------------------------

    def search_trainees(self, query: str, *, limit: int = 200) -> list[trainees.TraineeRow]:
        return trainees.search_trainees(self.db, self.cipher, query, limit=limit)

    def class_roster(self, code: str) -> list[trainees.RosterEntry]:
        return trainees.class_roster(self.db, code)

    def get_trainee(self, trainee_id: int) -> trainees.TraineeDetail:
        return trainees.get_trainee(self.db, self.cipher, trainee_id)

    def reveal_personal_field(self, trainee_id: int, field: str, purpose: str) -> str:
        return trainees.reveal_personal_field(self.db, self.cipher, actor=self._acting(), trainee_id=trainee_id,
                                              field=field, purpose=purpose)

    # --- roster workbooks ---------------------------------------------------------------------

    def write_roster_template(self, path: Path) -> None:
        roster.write_template(self.db, path)

    def preview_roster(self, class_code: str, source: Path, *, progress=None, cancelled=None) -> roster.RosterImportReport:
        return roster.preview_roster(self.db, self.cipher, class_code=class_code, source=source, progress=progress,
                                     cancelled=cancelled)

    def import_roster(self, class_code: str, source: Path, *, progress=None, cancelled=None) -> roster.RosterImportReport:
        return roster.import_roster(self.db, self.cipher, actor=self._acting(), class_code=class_code, source=source,
                                    progress=progress, cancelled=cancelled)

    def export_roster(self, class_code: str, path: Path) -> int:
        return roster.export_roster(self.db, self.cipher, actor=self._acting(), class_code=class_code, path=path)

    # --- attendance ---------------------------------------------------------------------------

    def class_sessions(self, class_code: str) -> list[attendance.SessionInfo]:
        return attendance.class_sessions(self.db, class_code)

    def session_grid(self, session_id: int) -> attendance.SessionGrid:
        return attendance.session_grid(self.db, session_id)

    def set_mark(self, session_id: int, enrolment_id: int, value, *, reason: str | None = None,
                 expected_revision: int | None = None) -> attendance.GridRow:
        return attendance.set_mark(self.db, actor=self._acting(), session_id=session_id, enrolment_id=enrolment_id,
                                   value=value, reason=reason, expected_revision=expected_revision)

    def mark_all_present(self, session_id: int) -> int:
        return attendance.mark_all_present(self.db, actor=self._acting(), session_id=session_id)

    def swipe(self, session_id: int, text: str, *, now: datetime | None = None) -> attendance.SwipeResult:
        return attendance.swipe(self.db, self.cipher, actor=self._acting(), session_id=session_id, text=text,
                                now=now)

    def mark_history(self, session_id: int, enrolment_id: int) -> list[attendance.HistoryEntry]:
        return attendance.mark_history(self.db, session_id, enrolment_id)

    def attendance_summary(self, class_code: str, *, as_of=None) -> list[attendance.SummaryRow]:
        return attendance.class_attendance_summary(self.db, class_code, as_of=as_of)

    def import_attendance(self, class_code: str, source: Path) -> attendance.AttendanceImportReport:
        return attendance.import_attendance(self.db, self.cipher, actor=self._acting(), class_code=class_code,
                                            source=source)

    def signin_sheets_pdf(self, class_code: str, *, per_day: bool = False):
        return attendance.signin_sheets_pdf(self.db, class_code, per_day=per_day)

    # --- assessment and certificates ---------------------------------------------------------

    def class_assessments(self, class_code: str) -> list[assessment.AssessmentRowView]:
        return assessment.class_assessments(self.db, class_code)

    def record_assessment(self, class_code: str, enrolment_id: int, **values) -> assessment.AssessmentRowView:
        return assessment.record_assessment(self.db, actor=self._acting(), class_code=class_code,
                                            enrolment_id=enrolment_id, **values)

    def import_assessments(self, class_code: str, source: Path) -> assessment.AssessmentImportReport:
        return assessment.import_assessments(self.db, self.cipher, actor=self._acting(), class_code=class_code,
                                             source=source)

    def certificate_candidates(self, class_code: str) -> list[certificates.CertificateCandidate]:
        return certificates.certificate_candidates(self.db, class_code)

    def issue_certificates(self, class_code: str, *, issued_on: date | None = None) -> certificates.IssueReport:
        return certificates.issue_certificates(self.db, self.cipher, self.device_key(), actor=self._acting(),
                                               class_code=class_code, issued_on=issued_on)

    def void_certificate(self, number: str, reason: str) -> None:
        certificates.void_certificate(self.db, actor=self._acting(), number=number, reason=reason)

    def reissue_certificate(self, number: str, reason: str) -> str:
        return certificates.reissue_certificate(self.db, self.cipher, self.device_key(), actor=self._acting(),
                                                number=number, reason=reason)

    def class_certificates(self, class_code: str) -> list[certificates.CertificateView]:
        return certificates.class_certificates(self.db, class_code)

    def certificates_pdf(self, class_code: str, *, offset_mm=(0.0, 0.0)):
        return certificates.certificates_pdf(self.db, class_code, offset_mm=offset_mm)

    def verify_certificate(self, text: str) -> certificates.VerifyResult:
        return certificates.verify_certificate_text(self.db, text)

    def reprint_certificate(self, number: str) -> tuple[bytes, bool]:
        """(PDF of one certificate from its frozen content, whether it matches the hash stored at issue)."""
        return certificates.reprint_certificate(self.db, number)

    # --- accounts and signing in ---------------------------------------------------------------

    def first_run_needed(self) -> bool:
        """True until the first-run set-up has created a real administrator."""
        return accounts.first_run_needed(self.db)

    def complete_first_run(self, institution: accounts.InstitutionProfile, username: str, display_name: str,
                           password: str) -> Actor:
        """Institution profile and first administrator; the desk then acts as that administrator."""
        self.actor = accounts.complete_first_run(self.db, institution=institution, username=username,
                                                 display_name=display_name, password=password)
        return self.actor

    def sign_in(self, username: str, password: str) -> Actor:
        """Check the password (lockout counted) and act as that user from now on."""
        self.actor = accounts.authenticate(self.db, username, password)
        return self.actor

    def sign_out(self) -> None:
        self.actor = SIGNED_OUT

    def verify_current_user(self, password: str) -> Actor:
        """Unlocking after the idle lock: the same user's password (lockout counted)."""
        if not self.actor.signed_in:
            raise accounts.SignInError("accounts.bad_credentials")
        actor = accounts.authenticate(self.db, self.actor.username, password)
        self.actor = actor
        return actor

    def list_users(self) -> list[accounts.UserRow]:
        return accounts.list_users(self.db, actor=self._acting())

    def create_user(self, username: str, password: str, role, display_name: str | None = None) -> accounts.UserRow:
        return accounts.create_user(self.db, actor=self._acting(), username=username, password=password, role=role,
                                    display_name=display_name)

    def set_user_password(self, username: str, password: str) -> None:
        accounts.set_password(self.db, actor=self._acting(), username=username, password=password)

    def set_user_role(self, username: str, role) -> accounts.UserRow:
        return accounts.set_role(self.db, actor=self._acting(), username=username, role=role)

    def deactivate_user(self, username: str) -> accounts.UserRow:
        return accounts.deactivate(self.db, actor=self._acting(), username=username)

    # --- audit log ----------------------------------------------------------------------------

    def audit_entries(self, **filters):
        """Audit entries newest first; filters: user_id, class_code, date_from, date_to (China dates,
        both included), action (code or words), limit."""
        from desktop_app.services import audit_log

        return audit_log.list_audit_entries(self.db, actor=self._acting(), **filters)

    def export_audit(self, path: Path, **filters):
        """The filtered audit log into `path` (.xlsx or .csv); audited. Returns an AuditExport."""
        from desktop_app.services import audit_log

        return audit_log.export_audit(self.db, actor=self._acting(), path=Path(path), **filters)

    def audit_filter_choices(self):
        from desktop_app.services import audit_log

        return audit_log.audit_filter_choices(self.db, actor=self._acting())

    # --- sealing and the outbox ------------------------------------------------------------

    def seal_class(self, class_code: str) -> outbox.BatchRow:
        """Freeze a completed class and put its signed batch in the outbox (one transaction)."""
        sealed = sealing.seal_class(self.db, self.cipher, self.device_key(), actor=self._acting(), class_code=class_code)
        return self.batch_detail(sealed.batch_id).row

    def seal_correction(self, class_code: str, reason: str) -> outbox.BatchRow:
        """Seal a class the platform returned, after its records were fixed, as a correction."""
        sealed = sealing.seal_class(self.db, self.cipher, self.device_key(), actor=self._acting(), class_code=class_code,
                                    correction_reason=reason)
        return self.batch_detail(sealed.batch_id).row

    def outbox(self) -> list[outbox.BatchRow]:
        return outbox.list_batches(self.db)

    def batch_detail(self, batch_id: str) -> outbox.BatchDetail:
        return outbox.batch_detail(self.db, batch_id)

    def sync(self, platform_url: str | None, *, progress=None, cancelled=None, force: bool = True,
             max_wait: float = 0.0) -> outbox.SyncReport:
        """Upload what is due, fetch missing receipts, then pull reference data. Slow (network)."""
        from desktop_app.services import reference_sync

        actor = self._acting()
        report = outbox.upload_pending(self.db, self.cipher, actor=actor, url=platform_url, force=force,
                                       max_wait=max_wait, progress=progress, cancelled=cancelled)
        if report.offline or report.stopped_reason:
            return report
        return reference_sync.pull_into(self.db, actor=actor, url=platform_url, report=report)

    def export_batch(self, batch_id: str, folder: Path) -> list[Path]:
        return outbox.export_batch(self.db, self.cipher, actor=self._acting(), batch_id=batch_id, folder=folder)

    def import_receipt(self, path: Path) -> outbox.BatchRow:
        return outbox.import_receipt(self.db, actor=self._acting(), path=path)

    def registration(self) -> outbox.Registration | None:
        return outbox.registration(self.db)

    def correct_trainee_name(self, trainee_id: int, name: str, reason: str) -> None:
        trainees.correct_trainee_name(self.db, actor=self._acting(), trainee_id=trainee_id, name=name, reason=reason)

    def set_subsidy_claim(self, enrolment_id: int, claimed: bool, reason: str) -> None:
        trainees.set_subsidy_claim(self.db, actor=self._acting(), enrolment_id=enrolment_id, claimed=claimed,
                                   reason=reason)

    def rotate_device_key(self):
        """Move to a new signing key vouched for by the old one (platform first, then locally)."""
        from desktop_app.services.keys import rotate_device_key

        self._device_key = rotate_device_key(self.db, self.key_dir, actor=self._acting())
        return self._device_key

    def register_device(self, url: str, enrolment_code: str) -> outbox.Registration:
        """Register this computer with an enrolment code. After the platform revoked its key, a
        new key is made for the new registration and the batches still waiting are signed again."""
        from desktop_app.services import keys

        actor = self._acting()
        if keys.key_revoked(self.db):
            self._device_key, registered, _ = keys.register_with_new_key(
                self.db, self.key_dir, self.cipher, actor=actor, url=url, enrolment_code=enrolment_code)
            return registered
        return outbox.register_device(self.db, self.device_key(), actor=actor, url=url,
                                      enrolment_code=enrolment_code)

    def close(self) -> None:
        self.db.dispose()
