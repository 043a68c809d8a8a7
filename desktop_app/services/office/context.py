"""The signed-in context every part of the office shares: one open database and who is acting."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.actors import SIGNED_OUT, Actor
from desktop_app.domain.bilingual import Bilingual
from desktop_app.services import accounts
from desktop_app.services.changes import Area, report_changes
from desktop_app.services.database import OpenedDatabase
from desktop_app.services.output_files import OutputGuard
from desktop_app.store.engine import Database
from desktop_app.store.protection import PersonalDataCipher

if TYPE_CHECKING:
    from desktop_app.platform.device_keys import DeviceKey

PERSONAL_DATA_WORDS = Bilingual("查看学员的个人信息", "read trainees' personal data")


class OfficeContext:
    """One open database, its cipher, the folder of this device's signing key, that key once made,
    and the acting user.

    Constructing it does no I/O: `Office.open` does the opening work. The acting user is an
    immutable Actor behind a lock. Worker threads replace it (sign-in, unlock, first run, an
    account check that ends the session) while the window's UI thread reads it, so a reader takes
    one snapshot (`context.actor`) and works with that: it is always one whole Actor, never half
    of a sign-in."""

    def __init__(self, opened: OpenedDatabase, *, key_dir: Path | None = None, actor: Actor | None = None) -> None:
        self.opened = opened
        self.key_dir = key_dir
        self._actor = opened.actor if actor is None else actor
        self._actor_lock = threading.Lock()
        self._device_key: DeviceKey | None = None
        # Held while the key is made: two first uses on two worker threads must not make two.
        self._device_key_lock = threading.Lock()

    @property
    def db(self) -> Database:
        return self.opened.db

    @property
    def cipher(self) -> PersonalDataCipher:
        return self.opened.cipher

    @property
    def output_guard(self) -> OutputGuard:
        """What no file this office writes may replace: its database file and companions, its key folder."""
        return OutputGuard.for_database(self.db.sqlite_path, self.key_dir)

    # --- the acting user ------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        """Who acts now, as one snapshot (read it once per decision, not field by field)."""
        with self._actor_lock:
            return self._actor

    def act_as(self, actor: Actor) -> Actor:
        """Replace the acting user in one step (sign-in, unlock, first run, sign-out)."""
        with self._actor_lock:
            self._actor = actor
        return actor

    def acting(self) -> Actor:
        """The acting user, confirmed against the accounts before an action: an account an
        administrator disabled or moved to another role (perhaps on another computer) stops
        acting here at its next action, not only at sign-out or the idle lock. The office is
        then signed out and SessionEnded says why."""
        actor = self.actor
        try:
            accounts.confirm_acting_user(self.db, actor)
        except accounts.SessionEnded:
            self._sign_out_if_still(actor)
            raise
        return actor

    def _sign_out_if_still(self, actor: Actor) -> None:
        # Compare and swap: a sign-in another thread finished while this check ran stays.
        with self._actor_lock:
            if self._actor is actor:
                self._actor = SIGNED_OUT

    # --- this device's signing key ----------------------------------------------------------------

    def device_key(self) -> DeviceKey:
        """This device's signing key, made and registered on first use."""
        with self._device_key_lock:
            if self._device_key is None:
                from desktop_app.services.keys import ensure_device_key

                self._device_key = ensure_device_key(self.db, self.key_dir, actor=self.acting())
                # Registered in the database on first use (once per process it is at least looked up).
                report_changes(Area.DEVICE)
            return self._device_key

    def use_device_key(self, key: DeviceKey) -> DeviceKey:
        """Sign with `key` from now on (after a rotation or a registration with a new key)."""
        with self._device_key_lock:
            self._device_key = key
        return key


class OfficePart:
    """One area of the office (`office.classes`, `office.attendance` …) over the shared context."""

    def __init__(self, context: OfficeContext) -> None:
        self._context = context

    @property
    def _db(self) -> Database:
        return self._context.db

    @property
    def _cipher(self) -> PersonalDataCipher:
        return self._context.cipher

    @property
    def _guard(self) -> OutputGuard:
        return self._context.output_guard

    def _acting(self) -> Actor:
        return self._context.acting()

    def _reading_personal_data(self) -> Actor:
        """The acting user, who must be signed in: once accounts exist, names, masked numbers,
        marks and results are read by someone the audit log can name, never by anyone at all
        (the window shows nothing signed out; the command line needs --user)."""
        from desktop_app.domain.permissions import PermissionDenied

        actor = self._acting()
        if not actor.signed_in:
            raise PermissionDenied("permission.sign_in_required", action=PERSONAL_DATA_WORDS)
        return actor
