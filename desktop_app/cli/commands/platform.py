"""The provincial platform from the command line: `skilldesk platform register` (this computer's
key), `seal` (a completed class into a signed batch), `sync` (upload, receipts, reference data)
and `batch …` (the outbox: list, show, export for USB, import a receipt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from desktop_app.cli.opening import opened, settings_from
from desktop_app.cli.output import language, moment, say, say_problem, text

messages.register(
    {
        "cli.help.platform_register": ("用省平台发放的登记码登记本机的签名公钥", "register this device's key with an enrolment code"),
        "cli.help.url": ("省平台地址（默认取设置或上次登记时的地址）", "platform address (default: settings or the registration's)"),
        "cli.help.correction": ("被省平台退回的班级改正后，封存更正批次（须填原因）", "seal a returned class again as a correction (reason required)"),
        "cli.help.wait": ("平台要求稍后重试时，最多在本次命令中等待的秒数", "seconds to wait within this run when the platform asks to retry later"),
        "cli.help.batch_list": ("列出上传队列中的批次", "list the outbox"),
        "cli.help.batch_show": ("查看一个批次、回执和逐条问题", "show one batch, its receipt and per-record issues"),
        "cli.help.batch_export": ("导出批次（ID.json、ID.sig、ID.pub.pem）以便用U盘报送", "export ID.json, ID.sig and ID.pub.pem for USB transport"),
        "cli.help.batch_import_receipt": ("导入U盘带回的省平台回执", "apply a receipt carried back from the platform"),
        "cli.platform.registered": ("本机已在省平台登记：设备编号 {device}，签名密钥 {key}。",
                                    "Registered with the platform: device {device}, signing key {key}."),
        "cli.seal.done": ("班级 {code} 已封存，批次 {batch} 已放入上传队列（{size} 字节，摘要 {hash}）。运行 skilldesk sync 或在联网时自动上传。",
                          "Class {code} is sealed; batch {batch} is in the outbox ({size} bytes, hash {hash}). Run "
                          "`skilldesk sync`, or it goes up by itself when online."),
        "cli.sync.summary": ("上传 {uploaded} 个批次；省平台接收 {accepted} 个，退回 {rejected} 个；取回回执 {fetched} 个；仍待上传 {waiting} 个。",
                             "Uploaded {uploaded} batch(es); accepted {accepted}, returned {rejected}; receipts fetched "
                             "{fetched}; still waiting {waiting}."),
        "cli.sync.reference": ("已更新参考数据：{datasets}。", "Reference data updated: {datasets:en}."),
        "cli.sync.retry_later": ("省平台暂时繁忙，约 {seconds} 秒后可再试。", "The platform is busy; try again in about {seconds} s."),
        "cli.batch.none": ("上传队列是空的。", "The outbox is empty."),
        "cli.batch.exported": ("已导出批次 {batch}：{files}。可用下面的命令独立验证签名：\n  {command}",
                               "Exported batch {batch}: {files}. Anyone can verify the signature with:\n  {command}"),
        "cli.batch.receipt_applied": ("已导入回执：批次 {batch} 状态为“{state}”。", "Receipt applied: batch {batch} is “{state}”."),
        "cli.batch.issue": ("  {who}{field}：{message}（处理办法：{todo}）", "  {who}{field}: {message} (what to do: {todo})"),
        "cli.batch.who": ("第 {roll_no} 号 {name}，", "No. {roll_no} {name}, "),
    }
)


def _define_platform(platform: argparse.ArgumentParser) -> None:
    platform_commands = platform.add_subparsers(dest="platform_command", metavar="COMMAND", required=True)
    register = platform_commands.add_parser("register", help=text("cli.help.platform_register"))
    register.add_argument("--url", help=text("cli.help.url"))
    register.add_argument("--code", required=True, metavar="ENROLMENT_CODE")
    register.set_defaults(handler=cmd_platform_register)


def _define_seal(seal: argparse.ArgumentParser) -> None:
    seal.description = text("cli.help.seal")
    seal.add_argument("--class", dest="class_code", required=True, metavar="C")
    seal.add_argument("--correction", metavar="REASON", help=text("cli.help.correction"))
    seal.set_defaults(handler=cmd_seal)


def _define_sync(sync: argparse.ArgumentParser) -> None:
    sync.description = text("cli.help.sync")
    sync.add_argument("--url", help=text("cli.help.url"))
    sync.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help=text("cli.help.wait"))
    sync.set_defaults(handler=cmd_sync)


def _define_batch(batch: argparse.ArgumentParser) -> None:
    batch_commands = batch.add_subparsers(dest="batch_command", metavar="COMMAND", required=True)
    batch_commands.add_parser("list", help=text("cli.help.batch_list")).set_defaults(handler=cmd_batch_list)
    show = batch_commands.add_parser("show", help=text("cli.help.batch_show"))
    show.add_argument("batch_id", metavar="ID")
    show.set_defaults(handler=cmd_batch_show)
    export = batch_commands.add_parser("export", help=text("cli.help.batch_export"))
    export.add_argument("batch_id", metavar="ID")
    export.add_argument("folder", type=Path, metavar="DIR")
    export.set_defaults(handler=cmd_batch_export)
    receipt = batch_commands.add_parser("import-receipt", help=text("cli.help.batch_import_receipt"))
    receipt.add_argument("file", type=Path)
    receipt.set_defaults(handler=cmd_batch_import_receipt)


PARSERS = {"platform": _define_platform, "seal": _define_seal, "sync": _define_sync, "batch": _define_batch}


def _platform_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "url", None) or settings_from(args).platform_url


def _state_words(state: str) -> str:
    from desktop_app.domain.batches import BatchState  # the words the upload page shows too

    return BatchState(state).label(language())


def cmd_platform_register(args: argparse.Namespace) -> int:
    url = _platform_url(args)
    if not url:
        raise messages.UserFacingError("sync.no_url")
    with opened(args) as office:
        registration = office.device.register(url, args.code)
    say("cli.platform.registered", device=registration.device_id, key=registration.key_id)
    return EXIT_OK


def cmd_seal(args: argparse.Namespace) -> int:
    with opened(args) as office:
        if args.correction is not None:
            row = office.outbox.seal_correction(args.class_code, args.correction)
        else:
            row = office.outbox.seal(args.class_code)
        detail = office.outbox.detail(row.batch_id)
    say("cli.seal.done", code=row.class_code, batch=row.batch_id, size=detail.size_bytes, hash=row.content_hash[:16])
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    with opened(args) as office:
        report = office.outbox.sync(_platform_url(args), max_wait=max(0.0, args.wait))
    if report.offline:
        say_problem("sync.offline")
    if report.stopped_reason:
        print(report.stopped_reason, file=sys.stderr)
    say("cli.sync.summary", uploaded=report.uploaded, accepted=report.accepted, rejected=report.rejected,
        fetched=report.receipts_fetched, waiting=report.waiting)
    if report.reference_updated:
        from desktop_app.services.reference_sync import dataset_names

        say("cli.sync.reference", datasets=dataset_names(report.reference_updated))
    if report.reference_problem:
        print(report.reference_problem, file=sys.stderr)
    if report.retry_after_seconds is not None:
        say("cli.sync.retry_later", seconds=int(report.retry_after_seconds + 0.999))
    if report.stopped_reason or report.offline:
        return EXIT_USAGE if report.stopped_reason else EXIT_PARTIAL
    return EXIT_PARTIAL if report.rejected or report.waiting else EXIT_OK


def cmd_batch_list(args: argparse.Namespace) -> int:
    with opened(args) as office:
        rows = office.outbox.list()
    if not rows:
        say("cli.batch.none")
    for row in rows:
        print("\t".join([row.batch_id, row.class_code or "-", row.kind, _state_words(row.state), str(row.attempts),
                         moment(row.created_at, missing="-"), str(row.sequence or "-"), row.last_error or ""]))
    return EXIT_OK


def cmd_batch_show(args: argparse.Namespace) -> int:
    with opened(args) as office:
        detail = office.outbox.detail(args.batch_id)
    row = detail.row
    for label, value in (("batch", row.batch_id), ("class", f"{row.class_code} {row.class_name or ''}"),
                         ("kind", row.kind), ("state", _state_words(row.state)), ("attempts", row.attempts),
                         ("next", moment(row.next_attempt_at, missing="-")), ("hash", detail.content_hash),
                         ("key", detail.key_id), ("bytes", detail.size_bytes), ("sequence", row.sequence or "-"),
                         ("receipt", row.receipt_status or "-"), ("receipt verified", detail.receipt_verified),
                         ("supersedes", row.supersedes or "-"), ("superseded by", row.superseded_by or "-")):
        print(f"{label}: {value}")
    if row.last_error:
        print(row.last_error)
    for issue in detail.issues:
        who = text("cli.batch.who", roll_no=issue.roll_no, name=issue.trainee_name) if issue.trainee_name else ""
        say("cli.batch.issue", who=who, field=issue.field_label, message=issue.message, todo=issue.what_to_do)
    return EXIT_OK


def cmd_batch_export(args: argparse.Namespace) -> int:
    with opened(args) as office:
        paths = office.outbox.export_batch(args.batch_id, args.folder)
    data, signature, public = paths
    command = f"openssl pkeyutl -verify -pubin -inkey {public} -rawin -in {data} -sigfile {signature}"
    say("cli.batch.exported", batch=args.batch_id, files="、".join(p.name for p in paths), command=command)
    return EXIT_OK


def cmd_batch_import_receipt(args: argparse.Namespace) -> int:
    with opened(args) as office:
        row = office.outbox.import_receipt(args.file)
    say("cli.batch.receipt_applied", batch=row.batch_id, state=_state_words(row.state))
    return EXIT_OK
