"""Maintain the Qt translation files: extract strings, fill Chinese, compile .qm.

    python tools/translations.py          # lupdate → fill from ZH below → lrelease
    python tools/translations.py --check  # exit 1 if a string lacks a translation or the .qm is stale

Chinese translations live in this file (ZH), keyed by English source text, so they are
reviewed like code; lupdate keeps the .ts in step with the sources.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "skilldesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = sorted(str(p) for p in (ROOT / "desktop_app" / "gui").rglob("*.py")) + [str(ROOT / "desktop_app" / "app.py")]
BIN = Path(sys.executable).parent

# English source text → Simplified Chinese. Plural forms (%n) have one Chinese form.
ZH: dict[str, str] = {
    # main window and status bar
    "Classes in this database: %n": "当前数据库共有 %n 个班级",
    "Trainees in this database: %n": "当前数据库共有 %n 名学员",
    "Batches waiting to upload: %n": "等待上传的批次：%n 个",
    "Database: %s": "数据库：%s",
    "Offline (platform not set up)": "离线（尚未设置省平台地址）",
    "Online": "在线",
    "Offline: work is kept and uploaded later": "离线：数据已保存，联网后自动上传",
    "Batches waiting: %n": "待上传：%n 批",
    # settings page
    "Settings": "设置",
    "General": "常规",
    "Language": "界面语言",
    "Provincial platform": "省职业技能培训公共服务平台",
    "Platform address": "平台地址",
    "Save": "保存",
    "Data on this PC": "本机数据",
    "Database": "数据库",
    "Data folder": "数据文件夹",
    "Encryption key folder": "加密密钥文件夹",
    "Identity numbers, phones and bank accounts are encrypted with the key in this folder. "
    "Back it up together with the database: without it they cannot be read.":
        "身份证号、手机号和银行账号用此文件夹中的密钥加密。请把它和数据库一起备份：丢失密钥后这些信息将无法读取。",
    "SkillDesk version %s": "SkillDesk 版本 %s",
    # placeholder pages
    "This page is being built. It will let you:": "本页面正在建设中，完成后可以：",
    "Classes": "班级",
    "Open subsidised classes, plan their sessions and follow each class from filing to completion.":
        "开设补贴性培训班级，安排课程，并跟踪每个班级从备案到结业的全过程。",
    "Create a class: occupation, level, training type, dates, hours, capacity, teachers":
        "新建班级：职业（工种）、等级、培训类型、起止日期、课时、人数、授课教师",
    "Generate the schedule and check minimum hours for the level": "自动生成课表，并按等级核对最低课时",
    "Import the roster from Excel and see at once who cannot be subsidised, and why":
        "从 Excel 导入花名册，立即看到哪些学员不能享受补贴及原因",
    "Trainees": "学员",
    "Every trainee is recorded once under a verified real identity, whatever the number of classes.":
        "每位学员按核验过的真实身份只登记一次（实名制），无论参加多少个班级。",
    "Search by name or identity number; personal data stays masked": "按姓名或身份证号查找；个人信息默认脱敏显示",
    "Reveal a number only when needed; every reveal is written to the audit log": "确需时才显示完整号码，每次查看都记入审计日志",
    "Training history and subsidies received, across classes": "跨班级的培训档案和已享受的补贴",
    "Attendance": "考勤",
    "Take attendance in the classroom, with or without a network, by keyboard or ID-card reader.":
        "在教室里考勤，有没有网络都可以，用键盘或身份证读卡器。",
    "A grid per session: present, late, early leave, leave, absent": "每次课一张考勤表：出勤、迟到、早退、请假、缺勤",
    "Swipe an ID card to sign in and out": "刷身份证签到、签退",
    "Every change kept with who, when and why; hours and completion eligibility live":
        "每次修改都记录由谁、何时、为何修改；实时计算学时和结业资格",
    "Certificates": "证书",
    "Enter assessment results and print training certificates that anyone can verify offline.":
        "录入考核成绩，打印可离线验证真伪的培训合格证书。",
    "Gapless certificate numbers per year; void and reissue with a reason": "按年度连续编号、不跳号；作废和补发须填写原因",
    "Print on pre-printed stock; reprints are identical to the first print": "可在预印证书纸上套打；补打与首次打印完全一致",
    "A signed QR code on every certificate": "每张证书带有数字签名的二维码",
    "Upload": "上传",
    "Completed classes go to the provincial platform as signed batches, with receipts coming back.":
        "已结业的班级以签名批次上传到省平台，并取回平台回执。",
    "Batches waiting, sent and accepted, with the platform's receipt": "待上传、已发送、已接收的批次及平台回执",
    "Records the platform refused, with the trainee and field to correct": "平台退回的记录，指明需更正的学员和字段",
    "Export a batch to a USB stick when this PC has no network": "本机无网络时，可把批次导出到 U 盘",
    "Reports": "报表",
    "Quarterly and annual figures of training, completion and subsidies for the authorities.":
        "向主管部门报送的季度、年度培训、结业和补贴数据。",
    "Classes, trainees and completions by occupation and key group": "按职业和重点群体统计班级、学员和结业人数",
    "Subsidies claimed and paid": "补贴申领和发放情况",
    "Export to Excel": "导出为 Excel",
}


def run(tool: str, *args: str) -> None:
    subprocess.run([str(BIN / tool), *args], check=True, capture_output=True)


def fill(ts_path: Path) -> list[str]:
    """Write ZH into the .ts; returns the source texts that still have no translation."""
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation.get("type") == "vanished" or translation.get("type") == "obsolete":
            continue
        text = ZH.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = text
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def build(ts_path: Path, qm_path: Path) -> list[str]:
    run("pyside6-lupdate", *SOURCES, "-no-obsolete", "-ts", str(ts_path))
    missing = fill(ts_path)
    run("pyside6-lrelease", str(ts_path), "-qm", str(qm_path))
    return missing


def main() -> int:
    if "--check" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
            shutil.copy(TS, ts)
            missing = build(ts, qm)
            stale = not QM.exists() or not filecmp.cmp(qm, QM, shallow=False)
        for text in missing:
            print(f"no Chinese translation: {text!r}")
        if stale:
            print("resources/translations/*.qm is out of date: run python tools/translations.py")
        return 1 if missing or stale else 0
    missing = build(TS, QM)
    for text in missing:
        print(f"no Chinese translation: {text!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
