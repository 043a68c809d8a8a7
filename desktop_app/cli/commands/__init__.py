"""The command groups, one module each (its parser, its handlers, its messages), and the table
that says which module answers which command word.

A group's module is imported only when argparse reaches its word (`CommandsOnDemand`): the
top-level help and `--version` list every command from this table without importing any group,
and `skilldesk class list` imports the class group alone. `build_parser()` defines them all, for
the tests and the documentation that walk the whole parser.

Each group module has `PARSERS`, one function per command word it answers, which adds that
word's arguments and sub-commands to the parser given and sets their `handler`.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app import messages
from desktop_app.cli.output import text

messages.register(
    {
        "cli.help.setup": ("首次设置：机构信息和管理员账号（密码取自 SKILLDESK_PASSWORD 或在终端中输入）",
                           "first-run set-up: institution profile and the administrator account (password from "
                           "SKILLDESK_PASSWORD or asked)"),
        "cli.help.user_group": ("账号：新增、列表、改密码、改角色、停用（管理员）",
                                "accounts: add, list, password, role, disable (administrators)"),
        "cli.help.platform_group": ("省平台：登记本机", "the provincial platform: register this computer"),
        "cli.help.seal": ("封存已结业班级：冻结数据并生成签名批次放入上传队列", "seal a completed class into a signed batch in the outbox"),
        "cli.help.sync": ("上传待上传的批次、取回回执、同步参考数据", "upload pending batches, fetch receipts, pull reference data"),
        "cli.help.batch_group": ("上传队列：列表、查看、导出到U盘、导入回执", "the outbox: list, show, export for USB, import a receipt"),
        "cli.help.gui": ("打开窗口", "open the window"),
        "cli.help.demo": ("向空数据库填入演示机构的数据", "fill an empty database with a demo institution"),
        "cli.help.db_group": ("数据库维护", "database maintenance"),
        "cli.help.audit_group": ("审计日志", "audit log"),
        "cli.help.class_group": ("班级：新建、列表、查看、变更状态", "classes: new, list, show, change status"),
        "cli.help.roster_group": ("花名册：模板、导入、导出", "roster: template, import, export"),
        "cli.help.attendance_group": ("考勤：导入、汇总、签到表", "attendance: import, summary, sign-in sheets"),
        "cli.help.assessment_group": ("考核：导入成绩", "assessment: import results"),
        "cli.help.certificates_group": ("证书：发放、打印、验证", "certificates: issue, print, verify"),
        "cli.help.keys_group": ("本机签名密钥", "this device's signing key"),
        "cli.help.trainee_group": ("学员：查找、加入班级、更正信息", "trainees: search, enrol one, correct"),
        "cli.help.teacher_group": ("授课教师：新增、列表、修改、停用", "teachers: add, list, edit, deactivate"),
        "cli.help.institution_group": ("机构信息：查看、填写", "the institution's details: show, set"),
        "cli.help.subsidy_group": ("补贴：补贴标准、测算", "subsidies: the city's figures, estimates"),
    }
)


@dataclass(frozen=True)
class Command:
    word: str
    module: str  # in desktop_app.cli.commands
    help_code: str


# In the order `skilldesk --help` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("setup", "accounts", "cli.help.setup"),
    Command("user", "accounts", "cli.help.user_group"),
    Command("platform", "platform", "cli.help.platform_group"),
    Command("seal", "platform", "cli.help.seal"),
    Command("sync", "platform", "cli.help.sync"),
    Command("batch", "platform", "cli.help.batch_group"),
    Command("gui", "gui", "cli.help.gui"),
    Command("demo", "demo", "cli.help.demo"),
    Command("db", "db", "cli.help.db_group"),
    Command("audit", "audit", "cli.help.audit_group"),
    Command("class", "classes", "cli.help.class_group"),
    Command("roster", "roster", "cli.help.roster_group"),
    Command("attendance", "attendance", "cli.help.attendance_group"),
    Command("assessment", "assessment", "cli.help.assessment_group"),
    Command("certificates", "certificates", "cli.help.certificates_group"),
    Command("keys", "keys", "cli.help.keys_group"),
    Command("trainee", "trainee", "cli.help.trainee_group"),
    Command("teacher", "teacher", "cli.help.teacher_group"),
    Command("institution", "institution", "cli.help.institution_group"),
    Command("subsidy", "subsidy", "cli.help.subsidy_group"),
)


class CommandsOnDemand(argparse._SubParsersAction):
    """The sub-commands of `skilldesk`, each defined by its group's module when first needed:
    when argparse reaches the word on the command line, or when `define` is called."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._modules: dict[str, str] = {}
        self._defined: set[str] = set()

    def add_command(self, command: Command) -> None:
        self.add_parser(command.word, help=text(command.help_code))
        self._modules[command.word] = command.module

    def define(self, word: str) -> None:
        if word in self._defined:
            return
        module = importlib.import_module(f"{__name__}.{self._modules[word]}")
        module.PARSERS[word](self._name_parser_map[word])
        self._defined.add(word)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Sequence[str],
                 option_string: str | None = None) -> None:
        self.define(values[0])  # argparse has checked that the word is one of the choices
        super().__call__(parser, namespace, values, option_string)


def add_commands(parser: argparse.ArgumentParser, *, define_all: bool) -> CommandsOnDemand:
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", action=CommandsOnDemand)
    for command in COMMANDS:
        commands.add_command(command)
        if define_all:
            commands.define(command.word)
    return commands
