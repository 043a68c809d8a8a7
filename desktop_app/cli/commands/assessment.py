"""`skilldesk assessment import`: theory and practical scores and results from a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from desktop_app.cli.opening import opened
from desktop_app.cli.output import say, text

messages.register(
    {
        "cli.help.assessment_import": ("从 Excel 导入理论、实操成绩和考核结果", "import theory/practical scores and results"),
        "cli.assessment.done": ("已导入 {recorded} 条考核结果（共 {rows} 行）。", "Recorded {recorded} results ({rows} rows)."),
    }
)


def _define_assessment(assessment: argparse.ArgumentParser) -> None:
    assessment_commands = assessment.add_subparsers(dest="assessment_command", metavar="COMMAND", required=True)
    importing = assessment_commands.add_parser("import", help=text("cli.help.assessment_import"))
    importing.add_argument("--class", dest="class_code", required=True)
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=cmd_import)


PARSERS = {"assessment": _define_assessment}


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args) as office:
        report = office.assessments.import_workbook(args.class_code, args.file)
    say("cli.assessment.done", recorded=report.recorded, rows=report.rows)
    for problem in report.problems:
        say("cli.attendance.problem", message=problem.message())
    return EXIT_PARTIAL if report.problems else EXIT_OK
