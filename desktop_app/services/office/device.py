"""`office.device`: this computer's signing key and its registration with the provincial platform."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.platform.reachability import platform_reachable
from desktop_app.services import outbox
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.outbox import Registration

if TYPE_CHECKING:
    from desktop_app.platform.device_keys import DeviceKey


class Device(OfficePart):
    """The device key (made on first use, rotated, replaced after a revocation) and registration."""

    @writes(Area.DEVICE)
    def key(self) -> DeviceKey:
        """This device's signing key, made and registered on first use."""
        return self._context.device_key()

    @writes(Area.DEVICE)
    def export_public_key(self, path: Path, *, replace: bool = False) -> DeviceKey:
        """Write the device's public key (PEM) into `path` (never into the key folder or over the
        database; over an existing file only when `replace`); returns the key."""
        self._guard.check(Path(path), replace=replace)
        key = self._context.device_key()
        self._guard.write_bytes(Path(path), key.public_key_pem.encode("ascii"), replace=replace)
        return key

    def registration(self) -> Registration | None:
        """The registration; a lost signing key pauses it in words (registering again is the way on)."""
        from dataclasses import replace

        from desktop_app.services import keys

        registration = outbox.registration(self._db)
        if registration is not None and not registration.stopped:
            lost = keys.lost_key_id(self._db, self._context.key_dir)
            if lost is not None:
                registration = replace(registration, stopped=keys.lost_key_words(self._context.key_dir, lost))
        return registration

    @writes(Area.DEVICE)
    def rotate_key(self) -> DeviceKey:
        """Move to a new signing key vouched for by the old one (platform first, then locally)."""
        from desktop_app.services.keys import rotate_device_key

        key = rotate_device_key(self._db, self._context.key_dir, actor=self._acting())
        return self._context.use_device_key(key)

    @writes(Area.DEVICE, Area.OUTBOX)
    def register(self, url: str, enrolment_code: str) -> Registration:
        """Register this computer with an enrolment code. After the platform revoked its key, or
        the key was lost, a new key is made for the new registration and the batches still waiting
        are signed again."""
        from desktop_app.services import keys

        actor = self._acting()
        if keys.key_revoked(self._db) or keys.lost_key_id(self._db, self._context.key_dir) is not None:
            key, registered, _ = keys.register_with_new_key(self._db, self._context.key_dir, self._cipher,
                                                            actor=actor, url=url, enrolment_code=enrolment_code)
            self._context.use_device_key(key)
            return registered
        return outbox.register_device(self._db, self._context.device_key(), actor=actor, url=url,
                                      enrolment_code=enrolment_code)

    def platform_online(self, platform_url: str | None) -> bool:
        """Slow (network): call from a background task, never from the UI thread."""
        return platform_reachable(platform_url)
