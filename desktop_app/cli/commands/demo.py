"""`skilldesk demo`: fill an empty database with a demo institution."""

from __future__ import annotations

import argparse

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened
from desktop_app.cli.output import say

messages.register(
    {
        "cli.demo.done": ("已写入演示数据：{classes} 个班级、{trainees} 名学员、{sessions} 次课、{marks} 条考勤记录。",
                          "Demo data written: {classes} classes, {trainees} trainees, {sessions} sessions, {marks} attendance marks."),
    }
)


def _define_demo(demo: argparse.ArgumentParser) -> None:
    demo.set_defaults(handler=cmd_demo)


PARSERS = {"demo": _define_demo}


def cmd_demo(args: argparse.Namespace) -> int:
    with opened(args) as office:
        summary = office.demo.fill()
    say("cli.demo.done", classes=summary.classes, trainees=summary.trainees, sessions=summary.sessions,
        marks=summary.marks)
    return EXIT_OK
