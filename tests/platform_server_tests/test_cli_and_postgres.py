"""Starting the platform by hand, and running it on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from tests.platform.golden.make_vectors import golden_key
from tests.platform_server.fixtures import ROOT
from tests.platform_server_tests.helpers import (
    GOLDEN,
    Device,
    batch_document,
    broken_id_number,
    golden_document,
    headers,
    id_number,
    register,
    trainee,
    upload,
    upload_bytes,
)


def test_started_by_hand_it_prints_url_and_code_and_has_no_controls(tmp_path):
    command = [sys.executable, "-m", "tests.platform_server", "--port", "0",
               "--database-url", f"sqlite:///{tmp_path / 'demo.db'}"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [process.stdout.readline() for _ in range(5)]
        url = lines[0].split("listening on ", 1)[1].strip()
        code = next(line for line in lines if line.startswith("enrolment code")).split(": ", 1)[1].split()[0]
        deadline = time.monotonic() + 30
        while True:  # waiting for health
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert httpx.get(f"{url}/_control/info").status_code == 404
        device = Device()
        answer = httpx.post(f"{url}/api/v1/devices", headers=headers(), json={
            "enrolment_code": code, "institution_code": "320106-0042", "key_id": device.key_id,
            "public_key_pem": device.public_key_pem})
        assert answer.status_code == 201, answer.text
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()
    assert (tmp_path / "demo.db").exists()


@pytest.mark.postgres
def test_the_platform_runs_on_postgresql(platform_server_factory, postgres_url):
    platform = platform_server_factory(database_url=postgres_url)
    assert platform.database_url.startswith("postgresql")

    # The golden batch, byte for byte.
    golden = Device(private_key=golden_key())
    register(platform, "320106-0042", golden)
    body = (GOLDEN / "batch.canonical.json").read_bytes()
    accepted = upload_bytes(platform, golden, body, golden_document()["batch_id"])
    assert accepted.status_code == 201 and accepted.json()["receipt"]["status"] == "accepted"
    assert upload_bytes(platform, golden, body, golden_document()["batch_id"]).json()["duplicate"] is True

    # Cross-institution limit, atomic rejection and a correction, on the other backend.
    platform.seed_prior_subsidies(id_number(1), 2025, 2)
    platform.seed_registry({id_number(2): "李娜"})
    device = register(platform, "320106-0001")
    first = batch_document(device, [trainee(1)], certificate_numbers={0: "PG-1"})
    assert upload(platform, device, first).json()["receipt"]["status"] == "accepted"
    bad = batch_document(device, [trainee(1), trainee(2, name="李那"), trainee(3, number=broken_id_number(3))])
    issues = [i["code"] for i in upload(platform, device, bad).json()["receipt"]["issues"]]
    assert issues == ["trainee.subsidy_limit", "trainee.name_mismatch", "trainee.id_invalid"]
    from tests.platform_server_tests.helpers import correction_of

    corrected = correction_of(first)
    assert upload(platform, device, corrected).json()["receipt"]["status"] == "accepted"
    statuses = {b["batch_id"]: b["status"] for b in platform.batches()}
    assert statuses[first["batch_id"]] == "superseded" and statuses[bad["batch_id"]] == "rejected"
    assert [b["sequence"] for b in platform.batches()] == [1, 2, 3, 4]

    platform.restart()
    fetched = httpx.get(f"{platform.url}/api/v1/batches/{corrected['batch_id']}/receipt", headers=headers())
    assert fetched.status_code == 200 and fetched.json()["receipt"]["supersedes"] == first["batch_id"]
