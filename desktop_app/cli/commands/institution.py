"""`skilldesk institution …`: the institution's profile (机构信息) — show it, change it."""

from __future__ import annotations

import argparse

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened
from desktop_app.cli.output import print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.institution_show": ("显示机构信息（补贴收款账号部分隐藏）", "show the institution's details (bank account masked)"),
        "cli.help.institution_set": (
            "填写或修改机构信息（管理员；只写要改的项；机构编号在发过证书后不能再改）",
            "enter or change the institution's details (administrators; give only what changes; the code is fixed "
            "once a certificate carries it)",
        ),
        "cli.help.institution_code": ("机构编号：大写字母和数字，例如 JS3205060001", "institution code: capital letters and digits, e.g. JS3205060001"),
        "cli.help.institution_account": ("补贴收款账号（需同时给 --bank）；空字符串清除", "subsidy bank account (with --bank); an empty string clears it"),
        "cli.institution.none": (
            "尚未填写机构信息。请用 skilldesk institution set --code 机构编号 --name 机构名称 填写（管理员）。",
            "The institution is not set up. Set it up with skilldesk institution set --code CODE --name NAME "
            "(administrators).",
        ),
        "cli.institution.saved": ("机构信息已保存：{code} {name}。", "Institution details saved: {code} {name}."),
        "cli.institution.locked": ("（已用于 {count} 张证书，机构编号不能再修改）", "(carried by {count} certificates; the code can no longer change)"),
        "cli.institution.name_needed": (
            "尚未填写机构信息：第一次填写时请同时给出 --code 和 --name。",
            "The institution is not set up yet: give both --code and --name the first time.",
        ),
    }
)

_LABELS = {
    "code": ("机构编号", "Code"), "name": ("机构名称", "Name"), "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "address": ("地址", "Address"), "contact_name": ("联系人", "Contact person"), "contact_phone": ("办公电话", "Office phone"),
    "bank_name": ("补贴收款开户行", "Subsidy account bank"), "bank_account": ("补贴收款账号", "Subsidy account number"),
}


def _define_institution(institution: argparse.ArgumentParser) -> None:
    commands = institution.add_subparsers(dest="institution_command", metavar="COMMAND", required=True)
    commands.add_parser("show", help=text("cli.help.institution_show")).set_defaults(handler=cmd_show)
    change = commands.add_parser("set", help=text("cli.help.institution_set"))
    change.add_argument("--code", help=text("cli.help.institution_code"))
    change.add_argument("--name")
    change.add_argument("--credit-code")
    change.add_argument("--address")
    change.add_argument("--contact")
    change.add_argument("--phone")
    change.add_argument("--bank")
    change.add_argument("--account", help=text("cli.help.institution_account"))
    change.set_defaults(handler=cmd_set)


PARSERS = {"institution": _define_institution}


def _print(view) -> None:
    rows = [(zh_or_en(*_LABELS[key]), view.value(key) or "—") for key in _LABELS]
    print_table([zh_or_en("项目", "Field"), zh_or_en("内容", "Value")], rows)
    if view.code_locked:
        say("cli.institution.locked", count=view.certificates)


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as office:
        view = office.institution.profile()
    if view is None or not view.set_up:
        say("cli.institution.none")
        return EXIT_OK
    _print(view)
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    from desktop_app.domain.institution import InstitutionError, InstitutionFields

    with opened(args) as office:
        current = office.institution.profile()
        if (current is None or not current.set_up) and not (args.code and args.name):
            raise InstitutionError("cli.institution.name_needed")

        def given(option: str, key: str) -> str | None:
            value = getattr(args, option)
            return value if value is not None else (current.value(key) if current else None) or None

        fields = InstitutionFields(
            code=given("code", "code") or "", name=given("name", "name") or "",
            credit_code=given("credit_code", "credit_code"), address=given("address", "address"),
            contact_name=given("contact", "contact_name"), contact_phone=given("phone", "contact_phone"),
            bank_name=given("bank", "bank_name"), bank_account=args.account,  # None keeps the stored account
        )
        view = office.institution.update(fields)
    say("cli.institution.saved", code=view.code, name=view.name)
    _print(view)
    return EXIT_OK
