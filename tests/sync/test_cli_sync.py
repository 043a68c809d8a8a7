"""The platform commands of the command line: platform register, seal, sync, batch list/show/export/import-receipt."""

from __future__ import annotations

import json
import subprocess

import httpx

from desktop_app.cli import main
from tests.sync.conftest import CLASS, INSTITUTION, name_institution


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_register_seal_export_sync_show_from_the_command_line(office, completed_class, platform_server, settings,
                                                              capsys, tmp_path):
    name_institution(office)
    db = ["--db", str(settings.sqlite_path)]
    code, out, err = run(capsys, *db, "platform", "register", "--url", platform_server.url, "--code", "BAD")
    assert code == 2 and "登记码无效" in err
    code, out, _ = run(capsys, *db, "platform", "register", "--url", platform_server.url,
                       "--code", platform_server.enrolment_code(INSTITUTION))
    assert code == 0 and "已在省平台登记" in out
    code, out, _ = run(capsys, *db, "seal", "--class", CLASS)
    assert code == 0 and "已封存" in out
    code, out, _ = run(capsys, *db, "batch", "list")
    [line] = out.strip().splitlines()
    batch_id = line.split("\t")[0]
    assert "待上传" in line
    code, out, _ = run(capsys, *db, "batch", "export", batch_id, str(tmp_path / "usb"))
    assert code == 0 and "openssl pkeyutl" in out
    verify = out.strip().splitlines()[-1].strip().split()
    checked = subprocess.run(verify, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    code, out, _ = run(capsys, *db, "sync", "--url", platform_server.url)
    assert code == 0 and "接收 1 个" in out
    # The reference data that came with it is named in words, not by its protocol codes.
    assert "已更新参考数据：职业目录" in out and "紧缺职业目录" in out and "shortage_list" not in out
    code, out, _ = run(capsys, *db, "batch", "show", batch_id)
    assert code == 0 and "已上传" in out and "receipt verified: True" in out
    code, out, err = run(capsys, *db, "--lang", "en", "seal", "--class", CLASS)
    assert code == 2 and "only a completed class" in err


def test_a_receipt_file_and_a_rejection_from_the_command_line(office, completed_class, platform_server, settings,
                                                              capsys, tmp_path):
    name_institution(office)
    db = ["--db", str(settings.sqlite_path)]
    run(capsys, *db, "platform", "register", "--url", platform_server.url,
        "--code", platform_server.enrolment_code(INSTITUTION))
    first = office.trainees.class_roster(CLASS)[0]
    platform_server.seed_registry({office.trainees.reveal_personal_field(first.trainee_id, "id_number", "测试"): "王小明"})
    run(capsys, *db, "seal", "--class", CLASS)
    batch_id = office.outbox.list()[0].batch_id
    run(capsys, *db, "batch", "export", batch_id, str(tmp_path / "usb"))
    folder = tmp_path / "usb"
    answer = httpx.put(f"{platform_server.url}/api/v1/batches/{batch_id}",
                       content=(folder / f"{batch_id}.json").read_bytes(), headers={
                           "Content-Type": "application/json", "X-SkillDesk-Client": "0.1.0",
                           "X-SkillDesk-Key-Id": office.device.key().key_id,
                           "X-SkillDesk-Signature": __import__("base64").b64encode(
                               (folder / f"{batch_id}.sig").read_bytes()).decode(),
                           "X-SkillDesk-Content-Hash": office.outbox.list()[0].content_hash})
    (folder / "receipt.json").write_text(json.dumps(answer.json()), encoding="utf-8")
    code, out, _ = run(capsys, *db, "batch", "import-receipt", str(folder / "receipt.json"))
    assert code == 0 and "被退回" in out
    code, out, _ = run(capsys, *db, "batch", "show", batch_id)
    assert f"第 {first.roll_no} 号 {first.name}" in out and "姓名" in out and "处理办法" in out
    code, out, err = run(capsys, *db, "seal", "--class", CLASS, "--correction", "  ")
    assert code == 2 and "更正原因" in err
