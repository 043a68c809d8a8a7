"""`skilldesk setup` (the first run: institution and administrator) and `skilldesk user …`
(add, list, reset a password, change a role, disable). Passwords come from the environment or a
terminal (`desktop_app.cli.opening`)."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened, password_from_environment_or_prompt
from desktop_app.cli.output import language, moment, print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.user_add": ("新增账号（新密码取自 SKILLDESK_NEW_PASSWORD 或在终端中输入）",
                              "add an account (its password from SKILLDESK_NEW_PASSWORD or asked)"),
        "cli.help.user_list": ("列出账号", "list accounts"),
        "cli.help.user_passwd": ("重设账号密码（新密码取自 SKILLDESK_NEW_PASSWORD 或在终端中输入），同时解除锁定",
                                 "reset a password (from SKILLDESK_NEW_PASSWORD or asked); also unlocks"),
        "cli.help.user_role": ("修改账号的角色", "change an account's role"),
        "cli.help.user_disable": ("停用账号（保留记录）", "disable an account (its records are kept)"),
        "cli.help.role": ("角色：administrator 管理员、registrar 教务、teacher 教师、clerk 文员、auditor 审计",
                          "role: administrator, registrar, teacher, clerk, auditor"),
        "cli.setup.done": ("首次设置完成：机构 {code}“{name}”，管理员账号 {user}。以后请用 --user {user} 执行需要权限的命令。",
                           "Set-up done: institution {code} “{name}”, administrator {user}. From now on use --user {user} "
                           "for commands that change data."),
        "cli.user.added": ("已新增账号 {user}（{name}），角色：{role}。", "Added account {user} ({name}), role: {role}."),
        "cli.user.password_set": ("已为账号 {user} 设置新密码。", "New password set for {user}."),
        "cli.user.role_set": ("账号 {user} 的角色已改为“{role}”。", "{user} now has the role “{role}”."),
        "cli.user.disabled": ("账号 {user} 已停用。", "The account {user} is disabled."),
        "cli.user.none": ("还没有账号（首次设置后才有）。", "No accounts yet (they exist after the first-run set-up)."),
    }
)


def _define_setup(setup: argparse.ArgumentParser) -> None:
    setup.description = text("cli.help.setup")
    setup.add_argument("--institution-code", required=True)
    setup.add_argument("--institution-name", required=True)
    setup.add_argument("--credit-code")
    setup.add_argument("--address")
    setup.add_argument("--contact-name")
    setup.add_argument("--contact-phone")
    setup.add_argument("--admin", required=True, metavar="USER")
    setup.add_argument("--admin-name", metavar="NAME")
    setup.set_defaults(handler=cmd_setup)


def _define_user(user: argparse.ArgumentParser) -> None:
    user_commands = user.add_subparsers(dest="user_command", metavar="COMMAND", required=True)
    add = user_commands.add_parser("add", help=text("cli.help.user_add"), description=text("cli.help.user_add"))
    add.add_argument("username", metavar="USER")
    add.add_argument("--role", required=True, help=text("cli.help.role"))
    add.add_argument("--name")
    add.set_defaults(handler=cmd_user_add)
    user_commands.add_parser("list", help=text("cli.help.user_list")).set_defaults(handler=cmd_user_list)
    passwd = user_commands.add_parser("passwd", help=text("cli.help.user_passwd"), description=text("cli.help.user_passwd"))
    passwd.add_argument("username", metavar="USER")
    passwd.set_defaults(handler=cmd_user_passwd)
    role = user_commands.add_parser("role", help=text("cli.help.user_role"))
    role.add_argument("username", metavar="USER")
    role.add_argument("role", metavar="ROLE", help=text("cli.help.role"))
    role.set_defaults(handler=cmd_user_role)
    disable = user_commands.add_parser("disable", help=text("cli.help.user_disable"))
    disable.add_argument("username", metavar="USER")
    disable.set_defaults(handler=cmd_user_disable)


PARSERS = {"setup": _define_setup, "user": _define_user}


def _new_password(username: str) -> str:
    return password_from_environment_or_prompt("SKILLDESK_NEW_PASSWORD", "cli.prompt.new_password", user=username,
                                               confirm=True)


def cmd_setup(args: argparse.Namespace) -> int:
    from desktop_app.services.accounts import AccountError, InstitutionProfile

    profile = InstitutionProfile(code=args.institution_code, name=args.institution_name, credit_code=args.credit_code,
                                 address=args.address, contact_name=args.contact_name,
                                 contact_phone=args.contact_phone)
    with opened(args) as office:
        if not office.accounts.first_run_needed():
            raise AccountError("accounts.first_run_done")
        password = password_from_environment_or_prompt("SKILLDESK_PASSWORD", "cli.prompt.new_password",
                                                       user=args.admin, confirm=True)
        actor = office.accounts.complete_first_run(profile, args.admin, args.admin_name or args.admin, password)
    say("cli.setup.done", code=profile.code.strip(), name=profile.name.strip(), user=actor.username)
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    from desktop_app.domain.permissions import Permission
    from desktop_app.services.accounts import parse_role

    role = parse_role(args.role)
    with opened(args) as office:
        office.require(Permission.MANAGE_USERS)  # before asking for a password nobody may set
        password = _new_password(args.username)
        row = office.accounts.create_user(args.username, password, role, args.name)
    say("cli.user.added", user=row.username, name=row.display_name, role=row.role.label(language()))
    return EXIT_OK


def _account_state(row, now: datetime) -> str:
    if not row.is_active:
        return zh_or_en("已停用", "disabled")
    if row.locked_until and row.locked_until > now:
        return zh_or_en("密码多次错误，{} 前不能登录", "wrong passwords: no sign-in before {}").format(moment(row.locked_until))
    return zh_or_en("正常", "active")


def cmd_user_list(args: argparse.Namespace) -> int:
    with opened(args) as office:
        rows = office.accounts.list_users()
    if not rows:
        say("cli.user.none")
        return EXIT_OK
    now = datetime.now(timezone.utc)
    print_table(zh_or_en(["账号", "姓名", "角色", "状态", "最近登录"], ["User", "Name", "Role", "State", "Last sign-in"]),
                [[r.username, r.display_name, r.role.label(language()), _account_state(r, now), moment(r.last_login_at)]
                 for r in rows])
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with opened(args) as office:
        if office.actor.username != args.username:
            from desktop_app.domain.permissions import Permission

            office.require(Permission.MANAGE_USERS)
        password = _new_password(args.username)
        office.accounts.set_password(args.username, password)
    say("cli.user.password_set", user=args.username)
    return EXIT_OK


def cmd_user_role(args: argparse.Namespace) -> int:
    with opened(args) as office:
        row = office.accounts.set_role(args.username, args.role)
    say("cli.user.role_set", user=row.username, role=row.role.label(language()))
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    with opened(args) as office:
        row = office.accounts.deactivate(args.username)
    say("cli.user.disabled", user=row.username)
    return EXIT_OK
