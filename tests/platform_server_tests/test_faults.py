"""The misbehaviour tests can ask for (/_control/faults), and restarts on the same database."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.platform_server_tests.helpers import (
    batch_document,
    error_of,
    headers,
    register,
    trainee,
    upload,
)


def test_drop_after_commit_commits_then_closes_the_connection_without_an_answer(platform_server):
    device = register(platform_server)
    platform_server.set_faults(drop_after_commit=1)
    document = batch_document(device, [trainee(1)])
    with pytest.raises(httpx.TransportError):
        upload(platform_server, device, document)
    # It was committed, exactly once; the receipt can be asked for, and a resend is a duplicate.
    [stored] = platform_server.batches()
    assert stored["batch_id"] == document["batch_id"] and stored["status"] == "accepted"
    fetched = httpx.get(f"{platform_server.url}/api/v1/batches/{document['batch_id']}/receipt", headers=headers())
    assert fetched.status_code == 200 and fetched.json()["receipt"]["status"] == "accepted"
    again = upload(platform_server, device, document)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["receipt"] == fetched.json()["receipt"]
    [stored] = platform_server.batches()
    assert stored["times_received"] == 2
    # Only the next N uploads were affected.
    assert upload(platform_server, device, batch_document(device, [trainee(2)])).status_code == 201


def test_drop_after_commit_counts_only_uploads_that_commit(platform_server):
    device = register(platform_server)
    first = batch_document(device, [trainee(1)])
    assert upload(platform_server, device, first).status_code == 201
    platform_server.set_faults(drop_after_commit=2)
    assert upload(platform_server, device, first).status_code == 200  # a duplicate is answered
    for serial in (2, 3):
        with pytest.raises(httpx.TransportError):
            upload(platform_server, device, batch_document(device, [trainee(serial)]))
    assert upload(platform_server, device, batch_document(device, [trainee(4)])).status_code == 201
    assert len(platform_server.batches()) == 4


def test_busy_answers_503_with_retry_after_for_the_next_n_uploads(platform_server):
    device = register(platform_server)
    platform_server.set_faults(busy=2, retry_after=7)
    document = batch_document(device, [trainee(1)])
    # Other requests are not affected and do not use up the count.
    assert httpx.get(f"{platform_server.url}/api/v1/health").status_code == 200
    for _ in range(2):
        answer = upload(platform_server, device, document)
        assert answer.status_code == 503 and answer.headers["retry-after"] == "7"
        assert error_of(answer) == "platform.busy"
    assert platform_server.batches() == []
    assert upload(platform_server, device, document).status_code == 201


def test_slow_answers_time_out_at_the_client_after_the_commit(platform_server):
    device = register(platform_server)
    platform_server.set_faults(slow_seconds=3)
    document = batch_document(device, [trainee(1)])
    with pytest.raises(httpx.ReadTimeout):
        upload(platform_server, device, document, timeout=1.5)
    # The controls are never slowed: the batch is already there.
    assert [b["batch_id"] for b in platform_server.batches()] == [document["batch_id"]]
    started = time.monotonic()
    answer = httpx.get(f"{platform_server.url}/api/v1/batches/{document['batch_id']}/receipt", headers=headers(),
                       timeout=30)
    assert answer.status_code == 200 and time.monotonic() - started >= 3
    assert httpx.get(f"{platform_server.url}/api/v1/health", timeout=1.5).status_code == 200  # not slowed
    platform_server.set_faults()
    assert upload(platform_server, device, document, timeout=1.5).status_code == 200


def test_max_batch_bytes_and_min_client_can_be_set_and_reset(platform_server):
    assert platform_server.set_faults(max_batch_bytes=100, min_client="1.0")["max_batch_bytes"] == 100
    health = httpx.get(f"{platform_server.url}/api/v1/health").json()
    assert (health["max_batch_bytes"], health["min_client"]) == (100, "1.0")
    defaults = platform_server.set_faults()
    assert defaults["min_client"] == "0.1.0" and defaults["max_batch_bytes"] > 100


def test_restart_keeps_the_database_port_and_platform_key_and_clears_faults(platform_server):
    device = register(platform_server)
    document = batch_document(device, [trainee(1)])
    first = upload(platform_server, device, document).json()
    url, key = platform_server.url, platform_server.public_key_pem
    platform_server.set_faults(busy=5)
    old_pid = platform_server.pid

    platform_server.restart()
    assert platform_server.pid != old_pid and platform_server.running
    assert platform_server.url == url and platform_server.public_key_pem == key
    assert platform_server.faults()["busy"] == 0
    again = upload(platform_server, device, document)
    assert again.status_code == 200 and again.json()["signature"] == first["signature"]
    nxt = upload(platform_server, device, batch_document(device, [trainee(2)]))
    assert nxt.json()["receipt"]["sequence"] == 2


def test_stop_ends_the_process(platform_server):
    platform_server.stop()
    assert not platform_server.running
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{platform_server.url}/api/v1/health", timeout=2)
    platform_server.stop()  # idempotent
