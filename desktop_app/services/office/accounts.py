"""`office.accounts`: the first run, signing in and out, unlocking, and managing accounts.

Signing in, unlocking and the first run replace the office's acting user in one step (see
OfficeContext); they are marked as writing ACCOUNTS because they do write the account (its last
sign-in, its count of failed attempts, its lock), not because the acting user changed: a window
learns that from `office.actor`. Signing out writes nothing.
"""

from __future__ import annotations

from desktop_app.domain.actors import SIGNED_OUT, Actor, Role
from desktop_app.services import accounts as use_cases
from desktop_app.services.accounts import InstitutionProfile, UserRow
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart


class Accounts(OfficePart):
    """Who may act: the first-run set-up, sign-in, sign-out, unlock, and administering accounts."""

    def first_run_needed(self) -> bool:
        """True until the first-run set-up has created a real administrator."""
        return use_cases.first_run_needed(self._db)

    @writes(Area.INSTITUTION, Area.ACCOUNTS)
    def complete_first_run(self, institution: InstitutionProfile, username: str, display_name: str,
                           password: str) -> Actor:
        """Institution profile and first administrator; the office then acts as that administrator."""
        actor = use_cases.complete_first_run(self._db, institution=institution, username=username,
                                             display_name=display_name, password=password)
        return self._context.act_as(actor)

    @writes(Area.ACCOUNTS)
    def sign_in(self, username: str, password: str) -> Actor:
        """Check the password (lockout counted) and act as that user from now on. Slow (scrypt)."""
        actor = use_cases.authenticate(self._db, username, password)
        return self._context.act_as(actor)

    def sign_out(self) -> None:
        self._context.act_as(SIGNED_OUT)

    @writes(Area.ACCOUNTS)
    def unlock(self, password: str) -> Actor:
        """After the idle lock: the same user's password (lockout counted). Slow (scrypt)."""
        current = self._context.actor
        if not current.signed_in:
            raise use_cases.SignInError("accounts.bad_credentials")
        actor = use_cases.authenticate(self._db, current.username, password)
        return self._context.act_as(actor)

    def list_users(self) -> list[UserRow]:
        return use_cases.list_users(self._db, actor=self._acting())

    @writes(Area.ACCOUNTS)
    def create_user(self, username: str, password: str, role: Role | str,
                    display_name: str | None = None) -> UserRow:
        return use_cases.create_user(self._db, actor=self._acting(), username=username, password=password,
                                     role=role, display_name=display_name)

    @writes(Area.ACCOUNTS)
    def set_password(self, username: str, password: str) -> None:
        """A new password for the account (also lifts a lock)."""
        use_cases.set_password(self._db, actor=self._acting(), username=username, password=password)

    @writes(Area.ACCOUNTS)
    def set_role(self, username: str, role: Role | str) -> UserRow:
        return use_cases.set_role(self._db, actor=self._acting(), username=username, role=role)

    @writes(Area.ACCOUNTS)
    def deactivate(self, username: str) -> UserRow:
        return use_cases.deactivate(self._db, actor=self._acting(), username=username)
