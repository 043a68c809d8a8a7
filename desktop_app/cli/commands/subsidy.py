"""`skilldesk subsidy …`: the city's subsidy figures (show, an administrator's override) and the
estimate of what each trainee of a class earns."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened
from desktop_app.cli.output import print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.subsidy_rules": ("本市补贴标准：查看、修改（管理员）", "the city's subsidy figures: show, set (administrators)"),
        "cli.help.subsidy_rules_show": ("查看现行补贴标准及其来源", "show the figures in force and where each comes from"),
        "cli.help.subsidy_rules_set": ("在本机修改补贴标准（记入审计日志）", "override figures locally (audited)"),
        "cli.help.subsidy_estimate": ("测算一个班级每名学员的补贴、生活费补贴和领取人",
                                      "estimate each trainee's subsidy, living allowance and payee for a class"),
        "cli.help.local_factor": ("本市标准占省基准的百分比（70–130）", "the city's standard as a percentage of the baseline (70–130)"),
        "cli.help.shortage_uplift": ("紧缺职业上浮百分比", "the shortage-occupation uplift in percent"),
        "cli.help.training_certificate_yuan": ("培训合格证书补贴（元/人）", "the training-certificate subsidy (yuan each)"),
        "cli.help.living_yuan": ("生活费补贴（元/天）", "the living allowance (yuan per day)"),
        "cli.help.work_for_training_yuan": ("以工代训补贴（元/月）", "work-for-training (yuan per month)"),
        "cli.help.claim_date": ("按哪一天申领测算（默认今天）", "the claim date to estimate for (default today)"),
        "cli.subsidy.rules_heading": ("补贴标准：{city}（参考数据版本 {version}）", "Subsidy figures: {city} (reference data {version})"),
        "cli.subsidy.rules_override": ("其中本机修改于 {when}。", "Local override set at {when}."),
        "cli.subsidy.rules_set": ("补贴标准已修改。", "The subsidy figures were changed."),
        "cli.subsidy.totals": ("合计：{count} 人，培训补贴 {training} 元，生活费补贴 {living} 元。",
                               "Totals: {count} trainees, training subsidy {training} yuan, living allowance {living} yuan."),
        "cli.subsidy.unknown": ("其中 {count} 人的金额因未设置标准无法计算，未计入合计。",
                                "{count} trainees' amounts cannot be worked out (no standard set) and are not in the totals."),
        "cli.subsidy.written": ("已写入 {path}。", "Written to {path}."),
    }
)

_ORIGIN = {"dataset": ("参考数据", "reference data"), "override": ("本机修改", "local override"),
           "unset": ("未设置标准", "no standard set")}
_NO_SOURCE = "—"
_LABEL = {
    "local_factor_percent": ("本市补贴系数", "Local factor"),
    "shortage_uplift_percent": ("紧缺职业上浮", "Shortage uplift"),
    "training_certificate_fen": ("培训合格证书补贴", "Training certificate"),
    "living_allowance_fen_per_day": ("生活费补贴（每天）", "Living allowance per day"),
    "work_for_training_fen_per_month": ("以工代训（每月）", "Work-for-training per month"),
}


def _define_subsidy(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="subsidy_command", metavar="COMMAND", required=True)
    rules = commands.add_parser("rules", help=text("cli.help.subsidy_rules"))
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    show = rules_commands.add_parser("show", help=text("cli.help.subsidy_rules_show"))
    show.set_defaults(handler=cmd_rules_show)
    setting = rules_commands.add_parser("set", help=text("cli.help.subsidy_rules_set"))
    setting.add_argument("--local-factor", metavar="PERCENT", help=text("cli.help.local_factor"))
    setting.add_argument("--shortage-uplift", metavar="PERCENT", help=text("cli.help.shortage_uplift"))
    setting.add_argument("--training-certificate-yuan", metavar="N", help=text("cli.help.training_certificate_yuan"))
    setting.add_argument("--living-allowance-yuan-per-day", metavar="N", help=text("cli.help.living_yuan"))
    setting.add_argument("--work-for-training-yuan-per-month", metavar="N", help=text("cli.help.work_for_training_yuan"))
    setting.set_defaults(handler=cmd_rules_set)
    estimate = commands.add_parser("estimate", help=text("cli.help.subsidy_estimate"))
    estimate.add_argument("--class", dest="class_code", required=True)
    estimate.add_argument("--date", dest="claim_date", help=text("cli.help.claim_date"))
    estimate.add_argument("--out", type=Path)
    estimate.set_defaults(handler=cmd_estimate)


PARSERS = {"subsidy": _define_subsidy}


def _figure_text(name: str, value: int | None) -> str:
    from desktop_app.domain.subsidy import yuan

    if value is None:
        return zh_or_en(*_ORIGIN["unset"])
    if name.endswith("_percent"):
        return f"{value}%"
    return zh_or_en(f"{yuan(value)} 元", f"{yuan(value)} yuan")


def _print_rules(view) -> None:
    from desktop_app.domain.subsidy import ClassKind, yuan

    say("cli.subsidy.rules_heading", city=view.city_name, version=view.dataset_version or "—")
    rows = [[zh_or_en(*_LABEL[f.name]), _figure_text(f.name, f.value),
             _NO_SOURCE if f.origin == "unset" else zh_or_en(*_ORIGIN[f.origin])] for f in view.figures]
    levels = zh_or_en("各等级", "every level") if view.shortage_from_level is None else \
        zh_or_en(f"{view.shortage_from_level} 级及以上", f"level {view.shortage_from_level} and above")
    rows.append([zh_or_en("上浮适用等级", "Uplift applies to"), levels, zh_or_en(*_ORIGIN["dataset"])])
    for kind in (ClassKind.GYB, ClassKind.SYB, ClassKind.IYB, ClassKind.PRE_JOB):
        fen = view.flat_fen.get(kind.value)
        rows.append([zh_or_en(kind.label_zh, kind.label_en),
                     zh_or_en(*_ORIGIN["unset"]) if fen is None else zh_or_en(f"{yuan(fen)} 元", f"{yuan(fen)} yuan"),
                     _NO_SOURCE if fen is None else zh_or_en(*_ORIGIN["dataset"])])
    print_table(zh_or_en(["项目", "标准", "来源"], ["Figure", "Value", "Source"]), rows)
    if view.override_set_at is not None:
        from desktop_app.domain.china_time import moment_text

        say("cli.subsidy.rules_override", when=moment_text(view.override_set_at))


def cmd_rules_show(args: argparse.Namespace) -> int:
    with opened(args) as office:
        view = office.subsidy.rules()
    _print_rules(view)
    return EXIT_OK


def cmd_rules_set(args: argparse.Namespace) -> int:
    from desktop_app.services.subsidy import parse_percent, parse_yuan

    changes = {
        "local_factor_percent": parse_percent(args.local_factor, "local_factor_percent"),
        "shortage_uplift_percent": parse_percent(args.shortage_uplift, "shortage_uplift_percent"),
        "training_certificate_fen": parse_yuan(args.training_certificate_yuan, "subsidy.field.training_certificate"),
        "living_allowance_fen_per_day": parse_yuan(args.living_allowance_yuan_per_day, "subsidy.field.living"),
        "work_for_training_fen_per_month": parse_yuan(args.work_for_training_yuan_per_month,
                                                      "subsidy.field.work_for_training"),
    }
    with opened(args) as office:
        view = office.subsidy.set_rules(**changes)
    say("cli.subsidy.rules_set")
    _print_rules(view)
    return EXIT_OK


def cmd_estimate(args: argparse.Namespace) -> int:
    from desktop_app.services.classes import parse_date
    from desktop_app.services.subsidy import amount_text

    claim_date = parse_date(args.claim_date) if args.claim_date else None
    with opened(args) as office:
        estimate = office.subsidy.estimate(args.class_code, claim_date=claim_date)
        if args.out:
            office.subsidy.write_estimate(estimate, args.out)
    print_table(zh_or_en(["学号", "姓名", "证件号码", "补贴金额（元）", "生活费补贴（元）", "领取人", "原因"],
                         ["Roll", "Name", "ID", "Subsidy (yuan)", "Living allowance (yuan)", "Payee", "Why"]), [
        [row.roll_no, row.name, row.id_masked, amount_text(row.training.amount.fen), amount_text(row.living.fen),
         zh_or_en(row.payee.label_zh, row.payee.label_en), zh_or_en("；", "; ").join(p.message() for p in row.reasons)]
        for row in estimate.rows
    ])
    say("cli.subsidy.totals", count=len(estimate.rows), training=amount_text(estimate.training_total_fen),
        living=amount_text(estimate.living_total_fen))
    if estimate.unknown:
        say("cli.subsidy.unknown", count=estimate.unknown)
    if args.out:
        say("cli.subsidy.written", path=args.out)
    return EXIT_OK
