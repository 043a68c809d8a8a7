"""`skilldesk certificates …`: issue, print (PDF or zip), verify, void, reissue, record an external certificate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from desktop_app.cli.opening import opened, settings_from
from desktop_app.cli.output import add_force_option, say, text
from desktop_app.domain.certificates import CertificateKind

messages.register(
    {
        "cli.help.certificates_issue": ("给符合条件的学员编号并发放培训合格证书", "number and issue certificates to eligible trainees"),
        "cli.help.certificates_pdf": ("把本班证书输出为一个 PDF（补打与首次打印完全一致）", "the class's certificates as one PDF (reprints are byte-identical)"),
        "cli.help.certificates_zip": ("每人一个 PDF，打包为 zip", "one PDF per trainee, in a zip"),
        "cli.help.certificates_verify": ("离线验证证书二维码内容", "verify a certificate QR payload offline"),
        "cli.help.certificates_void": ("作废证书（须填原因）", "void a certificate (reason required)"),
        "cli.help.certificates_reissue": ("补发证书：作废原证书并发新编号（须填原因）", "reissue: void and issue a new number (reason required)"),
        "cli.help.certificates_external": ("登记外部颁发的证书（职业技能等级证书等）的编号", "record an externally issued certificate's number"),
        "cli.certificates.external_recorded": ("已为 {name} 登记{kind} {number}。", "Recorded {kind} {number} for {name}."),
        "cli.certificates.issued": ("已发放 {count} 张证书：{numbers}", "Issued {count} certificates: {numbers}"),
        "cli.certificates.already": ("{count} 人此前已发证，未重复发放。", "{count} already had a certificate; none issued twice."),
        "cli.certificates.not_eligible": ("  未发证：{reasons}", "  Not issued: {reasons}"),
        "cli.certificates.pdf_written": ("已输出 {pages} 张证书到 {path}。", "Wrote {pages} certificates to {path}."),
        "cli.certificates.voided": ("证书 {number} 已作废。", "Certificate {number} is void."),
        "cli.certificates.institution_hint": (
            "在命令行中填写：skilldesk institution set --code 机构编号（大写字母和数字，例如 JS3205060001） --name 机构名称",
            "From the command line: skilldesk institution set --code CODE (capital letters and digits, e.g. "
            "JS3205060001) --name NAME",
        ),
        "cli.certificates.reissued": ("已补发证书 {number}（原证书 {old} 已作废）。", "Reissued as {number} ({old} is void)."),
    }
)


def _define_certificates(certificates: argparse.ArgumentParser) -> None:
    certificate_commands = certificates.add_subparsers(dest="certificates_command", metavar="COMMAND", required=True)
    issue = certificate_commands.add_parser("issue", help=text("cli.help.certificates_issue"))
    issue.add_argument("--class", dest="class_code", required=True)
    issue.set_defaults(handler=cmd_issue)
    pdf = certificate_commands.add_parser("pdf", help=text("cli.help.certificates_pdf"))
    pdf.add_argument("--class", dest="class_code", required=True)
    pdf.add_argument("--out", type=Path, required=True)
    pdf.add_argument("--zip", action="store_true", help=text("cli.help.certificates_zip"))
    add_force_option(pdf)
    pdf.set_defaults(handler=cmd_pdf)
    verify = certificate_commands.add_parser("verify", help=text("cli.help.certificates_verify"))
    verify.add_argument("text")
    verify.set_defaults(handler=cmd_verify)
    void = certificate_commands.add_parser("void", help=text("cli.help.certificates_void"))
    void.add_argument("number")
    void.add_argument("--reason", required=True)
    void.set_defaults(handler=cmd_void)
    reissue = certificate_commands.add_parser("reissue", help=text("cli.help.certificates_reissue"))
    reissue.add_argument("number")
    reissue.add_argument("--reason", required=True)
    reissue.set_defaults(handler=cmd_reissue)
    external = certificate_commands.add_parser("record-external", help=text("cli.help.certificates_external"))
    external.add_argument("--trainee", required=True, metavar="ID_NUMBER")
    external.add_argument("--kind", required=True,
                          choices=[kind.value for kind in CertificateKind if not kind.issued_here])
    external.add_argument("--number", required=True)
    external.add_argument("--issued", required=True, metavar="DATE")
    external.set_defaults(handler=cmd_record_external)


PARSERS = {"certificates": _define_certificates}


def cmd_issue(args: argparse.Namespace) -> int:
    from desktop_app.domain.institution import InstitutionError

    with opened(args) as office:
        try:
            report = office.certificates.issue(args.class_code)
        except InstitutionError as error:
            if error.code != "institution.not_set_up":
                raise
            # The window's words name the Settings page; here, the command that does the same.
            print(error.message(), file=sys.stderr)
            print(text("cli.certificates.institution_hint"), file=sys.stderr)
            return EXIT_USAGE
    say("cli.certificates.issued", count=len(report.issued), numbers="、".join(report.issued) or "—")
    if report.already:
        say("cli.certificates.already", count=len(report.already))
    for candidate in report.not_eligible:
        say("cli.certificates.not_eligible", reasons="；".join(p.message() for p in candidate.reasons))
    for warning in report.warnings:
        say("cli.attendance.warning", message=warning.message())
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace) -> int:
    with opened(args) as office:
        # Checked as the window checks it: beyond ±20 mm the saved value counts as none (and the
        # log says so), so both print a certificate the same way.
        offset = settings_from(args).preferences.certificate_offset_mm
        office.files.guard.check(args.out, replace=args.force)
        if args.zip:
            data, pages = office.certificates.zip(args.class_code, offset_mm=offset), None
        else:
            render = office.certificates.pdf(args.class_code, offset_mm=offset)
            data, pages = render.pdf, render.pages
        office.files.save(args.out, data, replace=args.force)
    say("cli.certificates.pdf_written", pages=pages if pages is not None else "—", path=args.out)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with opened(args) as office:
        result = office.certificates.verify(args.text)
    print(result.message.message())
    return EXIT_OK if result.valid else EXIT_PARTIAL


def cmd_void(args: argparse.Namespace) -> int:
    with opened(args) as office:
        office.certificates.void(args.number, args.reason)
    say("cli.certificates.voided", number=args.number)
    return EXIT_OK


def cmd_reissue(args: argparse.Namespace) -> int:
    with opened(args) as office:
        number = office.certificates.reissue(args.number, args.reason)
    say("cli.certificates.reissued", number=number, old=args.number)
    return EXIT_OK


def cmd_record_external(args: argparse.Namespace) -> int:
    from desktop_app.services.classes import parse_date

    with opened(args) as office:
        name = office.certificates.record_external(id_number=args.trainee, kind=args.kind, number=args.number,
                                                   issued_on=parse_date(args.issued))
    # The kind in Chinese in both languages, as this line has always printed it.
    say("cli.certificates.external_recorded", name=name, kind=CertificateKind(args.kind).label_zh, number=args.number)
    return EXIT_OK
