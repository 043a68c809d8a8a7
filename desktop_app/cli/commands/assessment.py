"""`skilldesk assessment import`: theory and practical scores and results from a workbook (the result
follows the same rule as the window's grid: domain.assessment.decide_result); `skilldesk assessment
template`: that workbook's template with the class's roster filled in."""

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
        "cli.help.assessment_template": ("写出考核成绩模板（已填好本班学员姓名和身份证号）",
                                         "write the results template with the class's roster filled in"),
        "cli.assessment.template_written": ("考核成绩模板已写入 {path}（{count} 名学员）。填好成绩后用 "
                                            "skilldesk assessment import 导入。",
                                            "Results template written to {path} ({count} trainees). Fill in the "
                                            "results, then import it with skilldesk assessment import."),
    }
)


def _define_assessment(assessment: argparse.ArgumentParser) -> None:
    assessment_commands = assessment.add_subparsers(dest="assessment_command", metavar="COMMAND", required=True)
    importing = assessment_commands.add_parser("import", help=text("cli.help.assessment_import"))
    importing.add_argument("--class", dest="class_code", required=True)
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=cmd_import)
    template = assessment_commands.add_parser("template", help=text("cli.help.assessment_template"))
    template.add_argument("--class", dest="class_code", required=True)
    template.add_argument("file", type=Path)
    template.set_defaults(handler=cmd_template)


PARSERS = {"assessment": _define_assessment}


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args) as office:
        report = office.assessments.import_workbook(args.class_code, args.file)
    say("cli.assessment.done", recorded=report.recorded, rows=report.rows)
    for problem in report.problems:
        say("cli.attendance.problem", message=problem.message())
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    args.file.parent.mkdir(parents=True, exist_ok=True)
    with opened(args) as office:
        count = office.assessments.write_template(args.class_code, args.file)
    say("cli.assessment.template_written", path=args.file, count=count)
    return EXIT_OK
