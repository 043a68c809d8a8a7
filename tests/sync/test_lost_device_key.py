"""A lost device key is never replaced silently (issue 15 item 11).

The key folder loses the device key (a deleted file, a wiped keyring) while the database still
knows the key it signed certificates and batches with. Nothing may sign with a freshly made key
behind a person's back: every use says the registered key is gone and what to do, and a new key
is made only when an administrator asks — registering again, or on a computer never registered,
changing the key."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.bootstrap import open_office
from desktop_app.cli import main
from desktop_app.platform.device_keys import PRIVATE_KEY_FILE, DeviceKeyError
from desktop_app.store.models import AuditEntry, OutboxBatch
from tests.sync.conftest import CLASS, INSTITUTION, name_institution


def lose_the_key(office, settings):
    """The office signed with its key; then the key file goes. A new office (the next start) opens."""
    lost = office.device.key()
    office.close()
    (settings.key_dir / PRIVATE_KEY_FILE).unlink()
    return lost, open_office(settings)


def key_files(settings) -> list[str]:
    return sorted(p.name for p in settings.key_dir.glob("device-ed25519*"))


def test_a_lost_key_is_named_and_no_new_key_is_made(office, completed_class, settings, capsys):
    lost, again = lose_the_key(office, settings)
    try:
        with pytest.raises(DeviceKeyError) as refused:
            again.device.key()
        words = refused.value.message()
        assert lost.key_id in words and "不见了" in words and "备份" in words and "重新登记" in words
        with pytest.raises(DeviceKeyError):  # sealing would sign: refused the same way
            again.outbox.seal(CLASS)
        with pytest.raises(DeviceKeyError):  # so would a certificate
            again.certificates.issue(CLASS, issued_on=date(2027, 1, 7))
        assert key_files(settings) == []
        with again.db.reading() as session:
            assert session.scalars(select(OutboxBatch)).all() == []
    finally:
        again.close()

    code = main(["--db", str(settings.sqlite_path), "keys", "export-public", str(settings.data_dir / "pub.pem")])
    err = capsys.readouterr().err
    assert code != 0 and lost.key_id in err and "不见了" in err
    assert key_files(settings) == [] and not (settings.data_dir / "pub.pem").exists()


def test_registering_again_makes_the_new_key_and_the_next_batch_is_signed_with_it(
        office, completed_class, platform_server, settings):
    name_institution(office)
    office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    lost, again = lose_the_key(office, settings)
    try:
        stopped = again.device.registration().stopped
        assert stopped and lost.key_id in stopped  # the upload page says it and offers registering
        with pytest.raises(DeviceKeyError):
            again.outbox.seal(CLASS)
        assert key_files(settings) == []

        registration = again.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
        new_key = again.device.key()
        assert new_key.key_id != lost.key_id and registration.key_id == new_key.key_id
        assert again.device.registration().stopped is None
        sealed = again.outbox.seal(CLASS)
        assert again.outbox.detail(sealed.batch_id).key_id == new_key.key_id
        report = again.outbox.sync(None)
        assert report.uploaded == 1 and report.accepted == 1
        with again.db.reading() as session:
            actions = session.scalars(select(AuditEntry.action)).all()
        assert "device_key.replaced_after_loss" in actions
    finally:
        again.close()


def test_an_unregistered_computer_gets_a_new_key_when_an_administrator_changes_it(office, completed_class,
                                                                                 settings):
    lost, again = lose_the_key(office, settings)
    try:
        with pytest.raises(DeviceKeyError):
            again.device.key()
        new_key = again.device.rotate_key()
        assert new_key.key_id != lost.key_id and again.device.key().key_id == new_key.key_id
        assert key_files(settings) == [PRIVATE_KEY_FILE]
        with again.db.reading() as session:
            actions = session.scalars(select(AuditEntry.action)).all()
        assert "device_key.replaced_after_loss" in actions
    finally:
        again.close()


def test_a_registered_computer_cannot_change_a_lost_key_without_registering(office, completed_class,
                                                                           platform_server, settings):
    name_institution(office)
    office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    lost, again = lose_the_key(office, settings)
    try:
        with pytest.raises(Exception) as refused:
            again.device.rotate_key()
        assert "重新登记" in refused.value.message()
        assert key_files(settings) == []
    finally:
        again.close()
