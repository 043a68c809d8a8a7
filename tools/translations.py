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
    # page titles in the navigation
    "Classes": "班级",
    "Trainees": "学员",
    "Attendance": "考勤",
    "Certificates": "证书",
    "Upload": "上传",
    # placeholder page (reports, until its screen exists)
    "This page is being built. It will let you:": "本页面正在建设中，完成后可以：",
    "Reports": "报表",
    "Quarterly and annual figures of training, completion and subsidies for the authorities.":
        "向主管部门报送的季度、年度培训、结业和补贴数据。",
    "Classes, trainees and completions by occupation and key group": "按职业和重点群体统计班级、学员和结业人数",
    "Subsidies claimed and paid": "补贴申领和发放情况",
    "Export to Excel": "导出为 Excel",
    # classes page, class detail, dialogs, roster import, trainees page (gui/pages/classes.py …)
    "Code": "编号",
    "Class name": "班级名称",
    "Class code": "班级编号",
    "Class details": "班级信息",
    "Occupation": "职业（工种）",
    "Level": "等级",
    "Training type": "培训类型",
    "Dates": "起止日期",
    "Enrolled / places": "人数",
    "Status": "状态",
    "Location": "上课地点",
    "Teachers": "授课教师",
    "Lessons": "课时",
    "Subsidy policy": "补贴政策",
    "Schedule": "课表",
    "Roster": "花名册",
    "Cancel": "取消",
    "Date": "日期",
    "Weekday": "星期",
    "Time": "时间",
    "Kind": "类型",
    "Teacher": "教师",
    "No.": "序号",
    "Name": "姓名",
    "ID number": "证件号码",
    "Sex": "性别",
    "Mobile": "手机",
    "Subsidy": "补贴",
    "Row": "行号",
    "Result": "结果",
    "Reasons": "原因",
    "Loading class {code} …": "正在读取班级 {code} …",
    "{name} ({code}, {edition} edition)": "{name}（{code}，{edition}版）",
    "{type}, project-based": "{type}（项目制）",
    "{start} to {end} ({days} days)": "{start} 至 {end}（共 {days} 天）",
    "Not filled in": "未填写",
    "None assigned yet": "尚未安排",
    "Theory {theory} + practice {practice} = {total} lessons; online {online}":
        "理论 {theory} + 实操 {practice} = {total} 课时；线上 {online} 课时",
    "{enrolled} of {capacity} places": "已报名 {enrolled} 人，名额 {capacity} 人",
    "The schedule does not meet the policy yet (the class cannot be filed until it does):":
        "课表还不符合补贴政策的要求（符合之前不能备案）：",
    "The schedule does not meet the subsidy policy:": "课表不符合补贴政策的要求：",
    "No sessions are scheduled.": "还没有排课。",
    "{count} sessions ({cancelled} cancelled)": "共 {count} 次课（另有 {cancelled} 次已取消）",
    "{count} sessions": "共 {count} 次课",
    "Nobody is enrolled yet. Use “Import roster” above to enrol trainees from Excel.":
        "还没有学员报名。请用上方的“导入花名册”从 Excel 表格报名。",
    "{count} trainees; {without} without subsidy (orange rows; point at a row to see why)":
        "共 {count} 人，其中 {without} 人不享受补贴（橙色行；鼠标停在行上可看原因）",
    "{count} trainees, all subsidised": "共 {count} 人，全部享受补贴",
    "A sealed class can no longer be changed.": "班级已封存，不能再修改。",
    "File (备案)": "备案",
    "Start training": "开班",
    "Complete": "结业",
    "Withdraw filing": "撤回备案",
    "Change class {code} from “{current}” to “{target}”?": "确定把班级 {code} 从“{current}”改为“{target}”吗？",
    "A completed class cannot go back to training.": "结业后不能再改回“培训中”。",
    "Move this session…": "调整这次课的时间…",
    "Cancel this session…": "取消这次课…",
    "Select a class in the list above to see its facts, schedule and roster.":
        "在上面的列表中选择一个班级，这里会显示它的基本信息、课表和花名册。",
    "Edit…": "修改…",
    "Move session…": "调整时间…",
    "Cancel session…": "取消这次课…",
    "No class matches the search or filter.": "没有符合查找条件的班级。",
    "There are no classes yet. Click “New class” to open the first one.": "还没有班级。请点“新建班级”开设第一个班级。",
    "Select a class first.": "请先在列表中选择一个班级。",
    "Save the roster of {code} as an Excel workbook, with full numbers.":
        "把班级 {code} 的花名册保存为 Excel 表格（含完整证件号码）。",
    "Enrol trainees into {code} from an Excel roster.": "从 Excel 花名册把学员报名到班级 {code}。",
    "A class that is “{status}” takes no more enrolments.": "“{status}”的班级不能再报名。",
    "Class {code} was created as a draft with {sessions} sessions.": "班级 {code} 已创建（草稿），共排了 {sessions} 次课。",
    "Check the schedule: {problems}": "请检查课表：{problems}",
    "Excel workbook (*.xlsx)": "Excel 工作簿 (*.xlsx)",
    "Excel workbook (*.xlsx);;All files (*)": "Excel 工作簿 (*.xlsx);;所有文件 (*)",
    "Save the roster template": "保存花名册模板",
    "roster_template.xlsx": "花名册模板.xlsx",
    "The roster template was saved to {path}. Fill in one trainee per row; keep the ID number column formatted as text.":
        "花名册模板已保存到 {path}。每位学员填一行；“身份证号码”一列请保持“文本”格式。",
    "Export the roster of {code}": "导出班级 {code} 的花名册",
    "roster_{code}.xlsx": "花名册_{code}.xlsx",
    "{count} trainees of {code} were exported to {path}. The file holds full ID numbers, phones and bank accounts: "
    "keep it safe and delete it when it is no longer needed. The export is recorded in the audit log.":
        "已把班级 {code} 的 {count} 名学员导出到 {path}。文件中有完整的身份证号码、手机号码和银行账号，"
        "请妥善保管，用完及时删除。本次导出已记入审计日志。",
    "Search by code, name or occupation": "按班级编号、名称或职业查找",
    "All statuses": "全部",
    "New class…": "新建班级",
    "Import roster…": "导入花名册",
    "Export roster…": "导出花名册",
    "Roster template…": "下载花名册模板",
    # dialogs
    "New class": "新建班级",
    "Edit class {code}": "修改班级 {code}",
    "Capacity": "班级人数",
    " people": " 人",
    " lessons": " 课时",
    "Project-based training (项目制)": "项目制培训",
    "Choose the occupation from the list (type part of its name or code to find it).":
        "请从清单中选择职业（输入名称或编码的一部分可以查找）。",
    "Choose the level.": "请选择等级。",
    "Tick at least one weekday on which the class meets.": "请至少勾选一个上课的星期。",
    "Tick at least one sitting (morning, afternoon or evening).": "请至少勾选一个上课时段（上午、下午或晚上）。",
    "e.g. 2026-JZ02": "例如：2026-JZ02",
    "e.g. 2026 housekeeping (level 4), 2nd intake": "例如：2026年家政服务员（四级）第2期",
    "Type a name or code to search": "输入名称或编码查找",
    "Start date": "开班日期",
    "End date": "结业日期",
    "Days": "上课星期",
    "Sittings": "上课时段",
    "Lessons per sitting": "每次课时数",
    "Total lessons": "计划总课时",
    "As many as the dates allow": "按日期排满",
    "Online lessons": "线上课时",
    "Practice share": "实操比例",
    "As the policy requires": "按补贴政策要求",
    "Sessions are generated from these rules and checked against the minimum lessons for the level. "
    "Single sessions can be moved or cancelled afterwards.":
        "课表按以上规则自动生成，并按等级核对最低课时；以后可以单独调整或取消某一次课。",
    "Create class": "创建班级",
    "Move a session": "调整上课时间",
    "Now: {date} ({weekday}) {time}, {kind}, {lessons} lessons": "原定：{date}（{weekday}）{time}，{kind}，{lessons} 课时",
    "New date": "新日期",
    "Starts": "上课时间",
    "Ends": "下课时间",
    "Reason": "原因",
    "e.g. teacher on leave, room not available": "例如：教师请假、场地冲突",
    "Move session": "调整时间",
    "Cancel a session": "取消一次课",
    "Cancel the session of {date} ({weekday}) {time}? It stays in the schedule marked as cancelled, and its lessons "
    "no longer count. A session that already has attendance cannot be cancelled.":
        "确定取消 {date}（{weekday}）{time} 的课吗？这次课会保留在课表中并标为“已取消”，它的课时不再计入。"
        "已有考勤记录的课不能取消。",
    "e.g. public holiday, teacher ill": "例如：法定节假日、教师生病",
    "Cancel this session": "取消这次课",
    "Keep it": "不取消",
    "Show the full number": "显示完整号码",
    "You are about to see the full {field} of {name}. Say what you need it for: the view is recorded in the audit "
    "log with your name, the time and this purpose. The number is masked again as soon as you select another trainee.":
        "您将查看{name}的完整{field}。请填写用途：本次查看会连同您的姓名、时间和用途一起记入审计日志。"
        "选择其他学员后，号码会重新隐藏。",
    "Purpose": "用途",
    "Check against the ID card": "核对身份证件",
    "Subsidy claim": "办理补贴申领",
    "Contact the trainee": "联系学员",
    "Correct a registration error": "更正登记错误",
    "Choose or type the purpose (required)": "选择或填写用途（必填）",
    "Show": "显示",
    # roster import wizard
    "Import roster into {code}": "导入花名册到班级 {code}",
    "Next": "下一步",
    "Back": "上一步",
    "Finish": "完成",
    "Close": "关闭",
    "Choose the roster workbook": "选择花名册文件",
    "Template saved to {path}.": "模板已保存到 {path}。",
    "Step 1 of 4: choose the roster file": "第 1 步（共 4 步）：选择花名册文件",
    "Trainees in the file will be enrolled into {code} {name}.": "文件中的学员将报名到班级 {code} {name}。",
    "Use the roster template (button below), one trainee per row. The ID number column must be formatted as Text "
    "in Excel, otherwise Excel turns the numbers into 3.2E+17 and loses digits. A roster in another layout also "
    "works if its first row holds column names such as 姓名 and 身份证号码. Nothing is saved until you confirm the "
    "import in step 3.":
        "请用花名册模板填写（见下方按钮），每位学员一行。“身份证号码”一列在 Excel 中必须设为“文本”格式，"
        "否则 Excel 会把号码变成 3.2E+17 这样的数字并丢失最后几位。其他格式的花名册，只要第一行是姓名、"
        "身份证号码等列名，也可以导入。在第 3 步确认导入之前，不会保存任何数据。",
    "Drag the Excel file (.xlsx) here, or click “Choose file…”": "把 Excel 文件（.xlsx）拖到这里，或点“选择文件…”",
    "Choose file…": "选择文件…",
    "Save the template…": "下载花名册模板…",
    "Chosen file: {path}": "已选文件：{path}",
    "Step 2 of 4: check the rows": "第 2 步（共 4 步）：检查每一行",
    "Every row is checked against the identity rules and the subsidy policy.": "逐行核对身份证件和补贴政策，此时还不会保存。",
    "Stopping…": "正在停止…",
    "Check again": "重新检查",
    "Save rows that cannot be imported…": "保存不能导入的行…",
    "Red rows cannot be imported; orange rows will be enrolled without subsidy. Select a row to read the reasons in full.":
        "红色行不能导入；橙色行可以报名，但不享受补贴。选中一行可在下方看到完整原因。",
    "Row {row} ({name}): {reasons}": "第 {row} 行（{name}）：{reasons}",
    "Checking every row of {file} … nothing is saved yet.": "正在逐行检查 {file} …（此时还不会保存）",
    "The file has no trainee rows.": "文件中没有学员数据。",
    "Nobody in this file can be enrolled. Save the rows that cannot be imported, correct them and choose the "
    "corrected file.":
        "这个文件中没有可以报名的学员。请保存不能导入的行，改正后重新选择改好的文件。",
    "Nothing has been saved yet. Check the list, then click “Import” to enrol the trainees.":
        "还没有保存任何数据。请核对下面的清单，然后点“导入”为学员报名。",
    "Import {count} trainees": "导入 {count} 人",
    "Import": "导入",
    "{total} rows read: {subsidised} will be enrolled with subsidy, {without} will be enrolled without subsidy, "
    "{already} are already in the class, {rejected} cannot be imported.":
        "共读取 {total} 行：将报名 {subsidised} 人（享受补贴），将报名 {without} 人（不享受补贴），"
        "{already} 人已在班中，{rejected} 行不能导入。",
    "Step 3 of 4: import": "第 3 步（共 4 步）：导入",
    "All accepted rows are saved together: either every one of them, or none.": "所有可以导入的行一起保存：要么全部保存，要么都不保存。",
    "Enrolling the trainees … the window stays usable meanwhile.": "正在为学员报名 …（期间可以继续使用其他窗口）",
    "Import finished.": "导入完成。",
    "Click “Try again” to import the file again, or “Close” to stop here.": "点“重试”重新导入这个文件，或点“关闭”结束。",
    "Try again": "重试",
    "Step 4 of 4: done": "第 4 步（共 4 步）：完成",
    "The roster of the class has been updated.": "班级花名册已更新。",
    "{enrolled} trainees were enrolled ({subsidised} with subsidy, {without} without); {already} were already in the "
    "class; {rejected} rows were not imported.":
        "已报名 {enrolled} 人（享受补贴 {subsidised} 人，不享受补贴 {without} 人）；{already} 人原本已在班中；"
        "{rejected} 行未导入。",
    "Save the rows that were not imported: the workbook keeps your columns and adds the reason for each row. Correct "
    "them and import that file into this class again; nobody is enrolled twice.":
        "请保存未导入的行：保存的表格保留原来的各列，并在最后一列写明原因。改正后可以把这个文件再次导入本班，"
        "已报名的学员不会重复报名。",
    "Every row of the file was imported.": "文件中的每一行都已导入。",
    "Save rows not imported…": "保存未导入的行…",
    "Save the rows that were not imported": "保存未导入的行",
    "roster_not_imported_{code}.xlsx": "花名册_未导入_{code}.xlsx",
    "{count} rows saved to {path}, each with its reason in the last column.": "已把 {count} 行保存到 {path}，每行的原因写在最后一列。",
    # trainees page
    "Loading …": "正在读取 …",
    "mobile number": "手机号码",
    "bank account": "银行账号",
    "Not recorded": "未登记",
    "None": "无",
    "Recorded (hidden)": "已登记（隐藏）",
    "Full numbers are shown for this trainee only; they are masked again when you select someone else. The view is "
    "recorded in the audit log.":
        "完整号码只对这名学员显示，选择其他学员后会重新隐藏。本次查看已记入审计日志。",
    "{count} classes, {subsidised} of them subsidised. Point at an orange row to see why it was not subsidised.":
        "共参加 {count} 个班级，其中 {subsidised} 个享受补贴。鼠标停在橙色行上可看不享受补贴的原因。",
    "Not enrolled in any class yet.": "还没有参加任何班级。",
    "Select a trainee to see the record and training history.": "选择一名学员，这里会显示其个人信息和培训记录。",
    "Document type": "证件类型",
    "Date of birth": "出生日期",
    "Ethnicity": "民族",
    "Household type": "户口性质",
    "Education": "文化程度",
    "Employment": "就业状态",
    "Draws a pension": "领取养老金",
    "Bank": "开户银行",
    "Bank account": "银行账号",
    "Key groups": "人员类别",
    "Show full number": "显示完整号码",
    "Personal record": "个人信息",
    "Training history": "培训记录",
    "Showing the first %n trainees by name.": "按姓名排序，显示前 %n 名学员。",
    "%n trainees on record.": "共 %n 名学员。",
    "Nobody found for “{query}”. Check the spelling, or try the last 4 characters of the ID number.":
        "没有找到“{query}”。请检查输入，或改用身份证号码后 4 位查找。",
    "Showing the first %n matches; type more to narrow the search.": "显示前 %n 条结果；请输入更多内容缩小范围。",
    "%n found.": "找到 %n 名学员。",
    "Name, ID number, or the last 4 characters of the ID number": "姓名、身份证号码，或身份证号码后 4 位",
    "Search": "查找",
    "Number of classes": "班级数",
    # the attendance screen (gui/screens/attendance/)
    "Not marked": "未考勤",
    "late {minutes}": "迟到 {minutes}",
    "early {minutes}": "早退 {minutes}",
    "{minutes} min late": "迟到 {minutes} 分钟",
    "left {minutes} min early": "早退 {minutes} 分钟",
    "in {time}": "签到 {time}",
    "out {time}": "签退 {time}",
    "In training": "培训中",
    "At risk": "有风险",
    "Eligible": "符合",
    "Not eligible": "不符合",
    "Roll no.": "学号",
    "ID card no.": "身份证号",
    "Late / early (min)": "迟到/早退(分钟)",
    "Reason for leave": "请假原因",
    "Signed in": "签到",
    "Signed out": "签退",
    "Lessons attended": "出勤课时",
    "Online credited": "线上计入",
    "Lessons in total": "合计课时",
    "Attendance rate": "出勤率",
    "Completion": "结业资格",
    "Attendance import: {file}": "考勤导入：{file}",
    "The file holds online-learning hours. {rows} rows read; {records} records of online learning were added.":
        "文件内容是线上学习学时。共读取 {rows} 行，新增线上学习记录 {records} 条。",
    "The file holds attendance-machine punches. {rows} rows read; {marks} attendance marks were written.":
        "文件内容是考勤机打卡记录。共读取 {rows} 行，写入考勤 {marks} 条。",
    "{count} rows could not be used (listed below); everything else was saved.":
        "有 {count} 行未能使用（见下方列表），其余内容均已保存。",
    "Not used": "未使用的行",
    "Notes": "提示",
    "{month}/{day} {weekday} {period} {time} {kind} {lessons} lessons": "{month}月{day}日 {weekday} {period} {time} {kind} {lessons}课时",
    "{session} (cancelled)": "{session}（已取消）",
    "{session} (today)": "{session}（今天）",
    "The lock time of this session's day has passed: change marks one by one, each with a reason.":
        "这次课已过当日锁定时间：请逐个修改，并填写修改原因。",
    "Mark everyone not yet marked as present; marks already taken, leave included, stay as they are.":
        "把所有尚未考勤的学员标为出勤；已有的考勤（包括请假）保持不变。",
    "Select a trainee first (arrow keys), then press the status key.": "请先用上下方向键选中一名学员，再按状态键。",
    "Saved: {roll}. {name}: {status}": "已保存：{roll} 号 {name} — {status}",
    "This session can no longer be changed.": "这次课的考勤已不能修改。",
    "Nothing was changed (see the note above).": "没有做任何修改（原因见上方说明）。",
    "No. {roll} {name}": "{roll} 号 {name}",
    "The lock time of this session's day has passed: every change asks for a reason and is kept permanently in the "
    "history.":
        "这次课已过当日锁定时间：每次修改都要填写原因，修改记录永久保存。",
    "{count} trainees not yet marked were marked present; marks already taken (leave included) were left as they were.":
        "已把 {count} 名尚未考勤的学员标为出勤；已有的考勤（包括请假）没有改动。",
    "Everyone already has a mark; nothing was changed.": "每名学员都已有考勤记录，没有做任何修改。",
    "Choose a class and a session first; nothing was recorded.": "请先选择班级和课次；本次刷卡没有记录。",
    "Read “{text}” but no Enter followed, so nothing was recorded. Swipe again, or type the number into the swipe "
    "box above the grid and press Enter.":
        "读到“{text}”，但没有收到回车，没有记录考勤。请重新刷卡，或在考勤表上方的刷卡框中输入号码后按回车。",
    "Keys: {keys}": "按键：{keys}",
    "Import punches or online hours into {code}": "导入打卡记录或线上学时到班级 {code}",
    "Attendance files (*.xlsx *.csv);;All files (*)": "考勤文件 (*.xlsx *.csv);;所有文件 (*)",
    "Importing {file} …": "正在导入 {file} …",
    "Imported {file}.": "已导入 {file}。",
    "signin_{code}.pdf": "签到表_{code}.pdf",
    "Save the sign-in sheets of {code}": "保存班级 {code} 的签到表",
    "PDF document (*.pdf)": "PDF 文件 (*.pdf)",
    "Preparing the sign-in sheets …": "正在生成签到表 …",
    "{pages} pages of sign-in sheets were saved to {path}. Open the file to print it.":
        "已把 {pages} 页签到表保存到 {path}，打开该文件即可打印。",
    "As of {time}; the class is still running, so the rate counts the sessions held so far. Trainees at risk of not "
    "completing (red rows): %n.":
        "统计截至 {time}。班级仍在培训中，出勤率按已上过的课计算；有 %n 名学员可能无法结业（红色行）。",
    "As of {time}; every session has been held, so the verdict is final.": "统计截至 {time}。所有课程均已结束，结业资格为最终结果。",
    "H history": "H 历史记录",
    "Class": "班级",
    "Session": "课次",
    "All present": "全部出勤",
    "History": "历史记录",
    "Import punches / online hours…": "导入打卡/线上学时…",
    "Print sign-in sheets…": "打印签到表…",
    "Attendance summary": "考勤汇总",
    "Swipe / scan": "刷卡/扫码",
    "ID or roll number, then Enter": "身份证号或学号，按回车",
    "Attendance sheet": "考勤表",
    "Keys: {keys}. Swiping an ID card signs the trainee in, a second swipe signs out.":
        "按键：{keys}。刷身份证即签到，再刷一次即签退。",
    "Nobody is enrolled in this class yet.": "这个班级还没有学员。",
    "Mark {name}: {status}": "考勤：{name} — {status}",
    "{name}: {status}": "{name}：{status}",
    "Minutes late": "迟到分钟数",
    "Minutes left early": "早退分钟数",
    " min": " 分钟",
    "Type the minutes and press Enter.": "输入分钟数后按回车。",
    "Sick leave": "病假",
    "Personal leave": "事假",
    "Work commitment": "工作原因",
    "Choose or type the reason (required)": "选择或填写原因（必填）",
    "The lock time of this session's day has passed: the change will be kept permanently in the history, with your "
    "name and the reason.":
        "已过当日锁定时间，修改将永久留痕：修改记录会连同您的姓名和原因一起永久保存。",
    "Reason for the change": "修改原因",
    "e.g. entered from the paper sign-in sheet (required)": "例如：按纸质签到表补录（必填）",
    "History of a mark": "考勤修改记录",
    "{name}, {session}": "{name}，{session}",
    "No attendance has been recorded for this trainee in this session yet.": "这名学员在这次课还没有考勤记录。",
    "Revision": "次序",
    "Changed by": "修改人",
    "Change": "修改内容",
    "Print sign-in sheets": "打印签到表",
    "Sign-in sheets for every session of {name}, trainees in roll order with masked ID numbers.":
        "为 {name} 的每次课生成签到表，学员按学号排列，身份证号脱敏显示。",
    "One sheet per session": "每次课一张",
    "One sheet per day (all sessions of the day side by side)": "每天一张（当天各次课并列）",
    "Save as PDF…": "保存为 PDF…",
    # certificates page (证书), its dialogs, PDF preview and the printer offset in settings
    "Theory score": "理论成绩",
    "Practical score": "实操成绩",
    "Retake": "补考",
    "Assessment result": "考核结果",
    "Issuing": "发证",
    "Cannot receive a certificate yet": "暂不能发证",
    "This certificate is void: do not print or hand it out. Scanning its QR code says it is void.":
        "这张证书已作废：请勿打印或发放。扫描其二维码会显示已作废。",
    "Not issued": "未发证",
    "Can be issued": "可发证",
    "Certificate number": "证书编号",
    "0 to 100, at most one decimal; type 缺考 for an absent trainee": "0 到 100 分，最多一位小数；缺考的填“缺考”",
    "Voided: {reason}": "已作废：{reason}",
    "Issued on {date}": "{date} 发证",
    "{status} · {dates} · {count} trainees": "{status} · {dates} · {count} 名学员",
    "Class {code} is {status}: its results can no longer change. Certificates can still be viewed, printed and "
    "verified.": "班级 {code} {status}：考核成绩不能再修改。证书仍可查看、打印和验证。",
    "No. {roll} {name}: not saved. {reason}": "{roll} 号 {name}：没有保存。{reason}",
    "No. {roll} {name}, {column}: {reason}": "{roll} 号 {name}，{column}：{reason}",
    "Nobody is enrolled in this class.": "这个班级还没有学员。",
    "Results entered for {entered} of {total} trainees: {passed} passed, {failed} failed.":
        "{total} 名学员中已录入 {entered} 人的考核结果：合格 {passed} 人，不合格 {failed} 人。",
    "Import assessment results into {code}": "向 {code} 导入考核成绩",
    "Results files (*.xlsx *.csv);;All files (*)": "成绩文件 (*.xlsx *.csv);;所有文件 (*)",
    "{total} trainees: {issued} with a certificate, {ready} ready to receive one, {blocked} not eligible yet.":
        "共 {total} 名学员：已发证 {issued} 人，可发证 {ready} 人，暂不能发证 {blocked} 人。",
    "{void} voided certificates are listed at the end (grey).": "另有 {void} 张已作废的证书列在最后（灰色）。",
    "This class is read-only.": "这个班级只能查看，不能修改。",
    "Printing needs the Qt PDF module; export the PDF and print it from a PDF reader instead.":
        "打印需要 Qt PDF 组件；请改为导出 PDF，再用 PDF 阅读器打印。",
    "Print the certificates of the class; choose pages or the selected certificate in the print dialog.":
        "打印本班的证书；可在打印对话框中选择页码范围或只打印选中的证书。",
    "Issue certificates": "发放证书",
    "Issue training certificates to {count} eligible trainees of {code}? Numbers are given in order and are never "
    "reused; the content is fixed at issue and can afterwards only be voided or reissued, with a reason.":
        "为 {code} 的 {count} 名符合条件的学员发放培训合格证书？证书编号按顺序分配、不会重复使用；"
        "证书内容在发放时固定，之后只能作废或补发，并须填写原因。",
    "Issue": "发放",
    "Certificate {number} was voided. The trainee can receive a new certificate with “Issue certificates”.":
        "证书 {number} 已作废。可以用“发放证书”为这名学员重新发证。",
    "Certificate {new} was issued in place of {old}, which is now void. Print the new certificate.":
        "已补发证书 {new}，原证书 {old} 已作废。请打印新证书。",
    "{name}: no certificate yet": "{name}：尚未发证",
    "{name} may receive a certificate. Click “Issue certificates”; the certificate is shown here once it has its "
    "number.": "{name} 符合发证条件。点击“发放证书”，证书编号分配后会在这里显示证书。",
    "{name}: no certificate": "{name}：不能发证",
    "{name} cannot receive a certificate yet: {reasons}": "{name} 暂不能发证：{reasons}",
    "Preparing certificate {number} …": "正在生成证书 {number} …",
    "Certificate {number} · {name} · void: {reason}": "证书 {number} · {name} · 已作废：{reason}",
    "Certificate {number} · {name} · issued {date}": "证书 {number} · {name} · {date} 发证",
    "Certificate preview": "证书预览",
    "This reprint differs from the file stored when the certificate was issued (the template or the font has "
    "changed since). Check it before printing, or ask your administrator.":
        "重新生成的证书与发证时存档的文件不一致（模板或字体在发证后有变动）。请先核对再打印，或联系系统管理员。",
    "Stopping after the current page …": "正在停止：打印完当前这一页后停止 …",
    "Preparing the certificates of {code} for printing …": "正在准备打印 {code} 的证书 …",
    "Printing was cancelled; nothing was sent to the printer.": "已取消打印，没有向打印机发送任何内容。",
    "Certificates {code}": "{code} 证书",
    "Print the certificates of {code}": "打印 {code} 的证书",
    "Printing {count} certificates …": "正在打印 {count} 张证书 …",
    "Printing certificate {done} of {total} …": "正在打印第 {done} 张，共 {total} 张 …",
    "The printer could not be started. Check that it is switched on and connected, then try again.":
        "无法启动打印机。请检查打印机是否开机并已连接，然后再试。",
    "Printing was cancelled after {printed} of {total} certificates.": "打印已取消：{total} 张证书中已打印 {printed} 张。",
    "{count} certificates were sent to the printer.": "已向打印机发送 {count} 张证书。",
    "certificates_{code}.pdf": "证书_{code}.pdf",
    "Export the certificates of {code}": "导出 {code} 的证书",
    "Exporting the certificates of {code} …": "正在导出 {code} 的证书 …",
    "The export was cancelled; no file was written.": "已取消导出，没有写入文件。",
    "{pages} certificates were saved to {path} (printer offset {x} mm, {y} mm).":
        "已将 {pages} 张证书保存到 {path}（打印偏移：水平 {x} 毫米，垂直 {y} 毫米）。",
    "Verify a certificate…": "验证证书…",
    "No class is in training, completed or sealed yet. Results and certificates are entered here once a class has "
    "started.": "还没有培训中、已结业或已封存的班级。班级开班后，可以在这里录入考核成绩、发放证书。",
    "Assessment results": "考核成绩",
    "Import results…": "导入成绩…",
    "Type a score (0–100, one decimal at most) or pick the result; each change is saved at once. Tick “Retake” for "
    "a make-up assessment. Only trainees who completed the hours and passed can receive a certificate.":
        "直接输入分数（0–100，最多一位小数）或选择考核结果，每次修改立即保存。补考的请勾选“补考”。"
        "只有学时达标且考核合格的学员才能发证。",
    "Void…": "作废…",
    "Reissue…": "补发…",
    "Print…": "打印…",
    "Export PDF…": "导出 PDF…",
    "Void a certificate": "作废证书",
    "Void certificate {number} of {name}? The number is never used again and the certificate stays on record as "
    "void: scanning its QR code will say so. This cannot be undone.":
        "作废 {name} 的证书 {number}？该编号不会再使用，证书以“已作废”状态保留在记录中，扫描其二维码时会显示已作废。"
        "作废后不能撤销。",
    "Write the reason first: it is kept with the certificate for good.": "请先填写原因：原因会和证书一起永久保存。",
    "Issued by mistake": "误发",
    "Issued twice": "重复发放",
    "Training record corrected": "培训记录已更正",
    "Void the certificate": "作废证书",
    "Reissue a certificate": "补发证书",
    "Reissue certificate {number} of {name}? The old certificate is voided and a new number is issued with the same "
    "training, dated today. Print the new certificate and take back the old one if you can.":
        "补发 {name} 的证书 {number}？原证书将作废，并按相同的培训内容以今天的日期发放一个新编号的证书。"
        "请打印新证书，并尽量收回原证书。",
    "Certificate lost": "证书遗失",
    "Certificate damaged": "证书损坏",
    "Misprinted": "打印错误",
    "Reissue": "补发",
    "Verify a certificate": "验证证书",
    "Scan the QR code on the certificate with a scanner (or paste the text a phone read from it) and press “Verify”. "
    "The signature is checked on this PC, without a network.":
        "用扫码枪扫描证书上的二维码（或粘贴手机扫出的文字），然后点击“验证”。签名在本机核验，不需要联网。",
    "QR code text": "二维码内容",
    "Verify": "验证",
    "Certificates issued for {code}": "{code} 发证结果",
    "{count} certificates were issued ({numbers}).": "已发放 {count} 张证书（{numbers}）。",
    "No new certificate was issued.": "没有发放新证书。",
    "{count} trainees already had one.": "{count} 名学员此前已有证书。",
    "{count} trainees cannot receive one yet (listed below).": "{count} 名学员暂不能发证（见下方）。",
    "Check these certificates before printing": "打印前请核对这些证书",
    "Results import: {file}": "导入考核成绩：{file}",
    "{rows} rows read; results of {recorded} trainees were recorded.": "读取 {rows} 行，已录入 {recorded} 名学员的考核成绩。",
    "The rows listed below could not be used; fix them in the file and import it again, or type those results into "
    "the grid.": "下列行没有导入；请在文件中改正后重新导入，或直接在表格中录入这些成绩。",
    "The certificate could not be shown: its PDF is damaged.": "无法显示证书：PDF 文件已损坏。",
    "The certificate preview needs the Qt PDF module (PySide6-Addons), which is not installed on this PC. Issuing, "
    "voiding, exporting and verifying still work; to print, export the PDF and print it from a PDF reader.":
        "证书预览需要 Qt PDF 组件（PySide6-Addons），本机没有安装。发证、作废、导出和验证仍可正常使用；"
        "如需打印，请导出 PDF 后用 PDF 阅读器打印。",
    "Select a certificate to see it here.": "选择一张证书，在这里查看。",
    "Certificate printing offset": "证书打印偏移",
    "Horizontal (right +)": "水平（向右为正）",
    "Vertical (up +)": "垂直（向上为正）",
    "Shifts everything printed on a certificate, to land on the blanks of pre-printed stock. Print one test "
    "certificate on plain paper, hold it against the stock and measure how far off it is. Saved at once; used for "
    "printing and exporting.":
        "整体移动证书上打印的全部内容，使其对准预印证书纸上的空白处。可先用普通纸打印一张，与证书纸叠放比对，"
        "量出偏差。修改后立即保存，打印和导出时使用。",
    # value labels and feedback
    "The action could not be completed because of an unexpected error. Please try again; if it keeps happening, "
    "tell your administrator the time it happened.":
        "出现意外错误，操作没有完成。请再试一次；如果反复出现，请告诉系统管理员发生的时间。",
    "Yes": "是",
    "No": "否",
    "Subsidised": "享受补贴",
    "Not subsidised": "不享受补贴",
    "Subsidised (approved by hand)": "享受补贴（人工认定）",
    "Mon": "周一",
    "Tue": "周二",
    "Wed": "周三",
    "Thu": "周四",
    "Fri": "周五",
    "Sat": "周六",
    "Sun": "周日",
    "{start} to {end}": "{start} 至 {end}",
    # audit log page
    "Audit log": "审计日志",
    "Person": "操作人",
    "Action": "操作",
    "Details": "详情",
    "Export to Excel…": "导出 Excel…",
    "From": "从",
    "To": "到",
    "Words of the action, e.g. certificate, export, reveal; press Enter": "操作关键词，如 证书、导出、查看；按回车查询",
    "Clear conditions": "清除条件",
    "Everyone": "全部人员",
    "All classes": "全部班级",
    "No entries match these conditions.": "没有符合条件的记录。",
    "Showing the newest {count} entries. Narrow the conditions to see older ones; an export contains every matching entry.": "仅显示最新的 {count} 条记录。缩小条件可查看更早的记录；导出文件包含全部符合条件的记录。",
    "{count} entries, newest first.": "共 {count} 条记录，最新的在前。",
    "CSV file (*.csv)": "CSV 文件 (*.csv)",
    "audit-log-{date}.xlsx": "审计日志-{date}.xlsx",
    "Export the audit log": "导出审计日志",
    "Exporting the audit log to {path} …": "正在把审计日志导出到 {path} …",
    "Exported {count} entries to {path}. The export itself is recorded in the audit log.": "已导出 {count} 条记录到 {path}。本次导出也已记入审计日志。",
    "Nothing was exported. {reason}": "没有导出任何内容。{reason}",
    # upload page and sealing
    "Completion report": "结业上报",
    "Correction": "更正",
    "Attempts": "尝试次数",
    "Next try": "下次重试",
    "Receipt": "回执",
    "No. {sequence}": "第 {sequence} 号",
    "Trainee": "学员",
    "Field": "字段",
    "Problem": "问题",
    "What to do": "怎么办",
    "Whole batch": "整个批次",
    "This computer is not yet registered with the provincial platform, so nothing can be uploaded. Ask the platform for an enrolment code, enter the platform address on the Settings page, then click “Register this computer…”. Until then, batches can go on a USB stick.": "本机尚未在省平台登记，暂时不能上传。请向省平台申请登记码，在“设置”页填写省平台地址，然后点“登记本机…”。登记之前，可以用U盘送交批次。",
    "Uploads are paused: {reason}": "上传已暂停：{reason}",
    "Registered with the provincial platform as device {device} (since {since}, {url}).": "本机已在省平台登记，设备编号 {device}（{since} 登记，{url}）。",
    "No batches yet. When a class is completed, open it on the Classes page and click “Seal and upload”: its records are sealed into a signed batch that appears here.": "还没有批次。班级结业后，在“班级”页打开该班级并点“封存并上传”：班级数据会封存为签名批次，显示在这里。",
    "{code} {name} · {kind} · {state}": "{code} {name} · {kind} · {state}",
    "signature verified": "签名已验证",
    "signature does NOT verify": "签名验证未通过",
    "signature not checked (platform key unknown)": "签名未验证（本机没有省平台公钥）",
    "Receipt No. {sequence}, received {time} ({verified}).": "回执第 {sequence} 号，{time} 收到（{verified}）。",
    "No receipt yet. Sealed {sealed}; sent {sent}.": "尚无回执。封存于 {sealed}；发送于 {sent}。",
    "No receipt yet. Sealed {sealed}; not sent yet.": "尚无回执。封存于 {sealed}，尚未发送。",
    "Accepted. The notes below need no new upload, but check them.": "已接收。下列提醒无需重新上传，但请核对。",
    "This correction replaces batch {batch}.": "此更正批次取代批次 {batch}。",
    "Replaced by correction batch {batch}.": "已被更正批次 {batch} 取代。",
    "The platform listed no problems.": "省平台没有提出问题。",
    "Batch %v of %m": "第 %v / %m 批",
    "The provincial platform cannot be reached. Nothing is lost: {count} batch(es) wait here and go up by themselves when the network returns.": "连不上省平台。数据不会丢失：{count} 个批次在本机等待，网络恢复后自动上传。",
    "{count} batch(es) uploaded.": "已上传 {count} 个批次。",
    "{count} accepted.": "{count} 个已被接收。",
    "{count} returned by the platform: see the problems listed for it.": "{count} 个被省平台退回：请查看下方列出的问题。",
    "The platform is busy; the rest will be tried again automatically.": "省平台繁忙，其余批次稍后自动重试。",
    "{count} batch(es) still waiting.": "仍有 {count} 个批次等待上传。",
    "Nothing was waiting to be uploaded.": "没有需要上传的批次。",
    "Choose the USB stick or folder for batch {code}": "选择存放 {code} 批次的U盘或文件夹",
    "Batch of {code} written to {folder}: {files}. Take these files to the platform's office; it contains personal data, so keep the stick safe. Bring back the receipt file and import it here.": "{code} 的批次已写入 {folder}：{files}。请把这些文件送交省平台经办处；其中含个人信息，请妥善保管U盘。拿回回执文件后在此导入。",
    "The batch was not exported. {reason}": "批次没有导出。{reason}",
    "Import a receipt from the platform": "导入省平台回执",
    "Receipt files (*.json);;All files (*)": "回执文件 (*.json);;所有文件 (*)",
    "Receipt imported: {code} is now “{state}”.": "回执已导入：{code} 现为“{state}”。",
    "The receipt was not imported. {reason}": "回执没有导入。{reason}",
    "Seal correction for {code}": "封存 {code} 的更正批次",
    "The platform returned class {code}. Once its records are corrected, they are sealed again as a correction batch and uploaded. What was corrected, and why?": "省平台退回了班级 {code}。数据改正后，会重新封存为更正批次并上传。请填写更正了什么、为什么：",
    "Correction for {code} sealed: it is waiting to upload (待上传) and goes up automatically when this computer is online.": "{code} 的更正批次已封存：状态为待上传，本机联网后会自动上传。",
    "Enter the platform address on the Settings page first, then register this computer.": "请先在“设置”页填写省平台地址，再登记本机。",
    "Register this computer": "登记本机",
    "Enrolment code from the provincial platform (it can be used once):": "省平台发放的登记码（只能使用一次）：",
    "This computer is registered as device {device}. Waiting batches now go up automatically.": "本机已登记，设备编号 {device}。等待中的批次将自动上传。",
    "Upload now": "立即上传",
    "Stop": "停止",
    "Export to USB…": "导出到U盘…",
    "Import receipt…": "导入回执…",
    "Seal correction…": "封存更正批次…",
    "Register this computer…": "登记本机…",
    "Go and fix": "去修改",
    "Open this class on the Classes page": "在“班级”页打开这个班级",
    # upload page: correcting what the platform returned (correction_dialogs.py)
    "Fix status": "更正情况",
    "✓ Corrected": "✓ 已更正",
    "To correct": "待更正",
    "See what to do": "见“怎么办”",
    "Corrected here: {what}.": "已在此更正：{what}。",
    "Click “Correct…” to enter the name as printed on the trainee's ID card.": "点“更正…”，填写学员身份证上的姓名。",
    "Click “Correct…” to withdraw this trainee's subsidy claim for this class.": "点“更正…”，撤回该学员本班的补贴申请。",
    "This cannot be corrected here. {what}": "这一项不能在此直接更正。{what}",
    "Select a problem to correct it.": "选中一个问题即可更正。",
    "This problem cannot be corrected here. {what}": "这个问题不能在此直接更正。{what}",
    "Corrected: {what}. {count} problem(s) of this batch still need correcting; when all are fixed, click “Seal correction…”.": "已更正：{what}。本批次还有 {count} 个问题要处理；全部改好后，请点“封存更正批次…”。",
    "Corrected: {what}. Every problem of this batch is now corrected: click “Seal correction…” to seal the corrected class and upload it again.": "已更正：{what}。本批次的问题已全部更正：请点“封存更正批次…”，把改好的班级重新封存并上传。",
    "Corrected as the platform asked: {what}": "按省平台意见更正：{what}",
    "Nothing was sealed: write what was corrected, and why.": "没有封存：请填写更正了什么、为什么。",
    "Correct…": "更正…",
    "Correct the selected problem: a trainee's name, or a subsidy claim": "更正选中的问题：学员姓名或补贴申请",
    "The platform returned this class. Select each problem below and click “Correct…” (or fix it on the Classes and Trainees pages), then click “Seal correction…”.": "省平台退回了这个班级。请逐个选中下列问题并点“更正…”（也可在“班级”和“学员”页修改），然后点“封存更正批次…”。",
    "Correction batch {batch} was sealed for it: follow that batch.": "已为它封存更正批次 {batch}，请查看该批次的进度。",
    "Write the reason first: it is kept in the audit log with the change.": "请先填写原因：它会和这次修改一起记入审计日志。",
    "Roll No. {roll} · {name} · ID {id}": "花名册第 {roll} 号 · {name} · 证件号码 {id}",
    "The platform says:": "省平台的意见：",
    "Reason *": "原因 *",
    "Why the record is changed (required, kept in the audit log)": "为什么修改（必填，记入审计日志）",
    "As the provincial platform asked: the name on the ID card is correct": "按省平台意见，以身份证上的姓名为准",
    "Type the name exactly as printed on the ID card.": "请照身份证上印的姓名逐字填写。",
    "This is the name already on record; type the name printed on the ID card.": "这就是现在登记的姓名；请填写身份证上印的姓名。",
    "the name of No. {roll} from {old} to {new}": "第 {roll} 号学员姓名由“{old}”改为“{new}”",
    "Correct the trainee's name": "更正学员姓名",
    "Type the name exactly as printed on the trainee's ID card (look at the card, not the enrolment form). The change is recorded in the audit log; the batch already sent keeps the old name, and the corrected name goes up with the correction batch.": "请照学员身份证上印的姓名逐字填写（以身份证原件为准，不要照报名表）。修改会记入审计日志；已发送的批次保留原姓名，改正后的姓名随更正批次上传。",
    "Name on the ID card *": "身份证上的姓名 *",
    "As printed on the ID card": "与身份证上印的一致",
    "Correct the name": "更正姓名",
    "As the provincial platform said: the trainee has reached this year's subsidy limit": "按省平台意见，该学员本年度享受补贴次数已达上限，本次不申请补贴",
    "No. {roll} {name} claims no subsidy": "第 {roll} 号学员{name}本次不申请补贴",
    "Withdraw the subsidy claim": "撤回补贴申请",
    "{name} stays in the class: attendance, results and certificate are kept. Only the subsidy claim is withdrawn, so the institution will not claim a training subsidy for this trainee for this class. Tell the trainee. The change is recorded in the audit log.": "{name}仍留在本班，考勤、成绩和证书都保留；只撤回补贴申请，机构不再为该学员申领本班的培训补贴。请告知学员本人。修改会记入审计日志。",
    "The trainee": "该学员",
    "Withdraw the claim": "撤回补贴申请",
    "Seal class {code} and upload it to the provincial platform?\n\nSealing freezes the class: its roster, attendance, results and certificates can no longer be changed here. They are signed and put in the upload queue, and go to the platform automatically whenever this computer is online.": "封存班级 {code} 并上传到省平台？\n\n封存后班级即被冻结：花名册、考勤、成绩和证书都不能再修改。这些数据会签名后放入上传队列，本机联网时自动上传到省平台。",
    "Seal and upload": "封存并上传",
    "Class {code} is sealed. Its batch is waiting to upload (待上传) and goes to the provincial platform automatically when this computer is online; follow it on the Upload page.": "班级 {code} 已封存。批次状态为待上传，本机联网后会自动上传到省平台；可在“上传”页查看进度。",
    "… and {count} more (see “Show Details”)": "……另有 {count} 项（点“显示详细信息”查看全部）",
    # accounts: login, idle lock, first-run wizard, Settings → Accounts
    "Sign in to SkillDesk": "登录 SkillDesk",
    "Sign in": "登录",
    "Username": "账号",
    "Password": "密码",
    "Quit": "退出",
    "SkillDesk is locked": "SkillDesk 已锁定",
    "Locked after a period without use. Signed in as %1 (%2); enter the password to continue.":
        "长时间未操作，已自动锁定。当前登录：%1（%2）。请输入密码继续。",
    "Unlock": "解锁",
    "Checking the password…": "正在核对密码…",
    "Creating the administrator account…": "正在创建管理员账号…",
    "Your institution": "机构信息",
    "As registered with the human resources and social security bureau. Certificate numbers start with the "
    "institution code.": "按人社部门登记的信息填写。证书编号以机构编号开头。",
    "Institution code *": "机构编号 *",
    "Institution name *": "机构名称 *",
    "Unified social credit code": "统一社会信用代码",
    "Address": "地址",
    "Contact person": "联系人",
    "Office phone": "办公电话",
    "Administrator account": "管理员账号",
    "The administrator adds the other accounts (registrar, teachers, clerks, auditors) in Settings. The password "
    "needs at least 8 characters.": "管理员在“设置”中添加其他账号（教务、教师、文员、审计）。密码至少 8 个字符。",
    "Username *": "账号 *",
    "Password *": "密码 *",
    "Password again *": "再次输入密码 *",
    "The two passwords differ.": "两次输入的密码不一致。",
    "Ready": "设置完成",
    "SkillDesk is set up. You are signed in as %1 (administrator). Next time, sign in with this username and "
    "password. Add the other accounts in Settings → Accounts.":
        "SkillDesk 已设置完成，您已作为管理员 %1 登录。下次请用这个账号和密码登录。其他账号请在“设置 → 账号”中添加。",
    "Set up SkillDesk": "首次设置 SkillDesk",
    "Lock after inactivity": "无操作自动锁定",
    " min": " 分钟",
    "Accounts": "账号",
    "Role": "角色",
    "State": "状态",
    "Add account…": "新增账号…",
    "Reset password…": "重设密码…",
    "Change role…": "修改角色…",
    "Disable": "停用",
    "Active": "正常",
    "Disabled": "已停用",
    "Account %1 added.": "已新增账号 %1。",
    "New password set for %1.": "已为 %1 设置新密码。",
    "%1 now has the role %2.": "%1 的角色已改为“%2”。",
    "Account %1 disabled.": "账号 %1 已停用。",
    "Choose an account in the list first.": "请先在列表中选择一个账号。",
    "Disable the account %1? It can no longer sign in; its records are kept.":
        "停用账号 %1？停用后不能再登录，其操作记录保留。",
    "Administrator": "管理员",
    "Registrar": "教务",
    "Clerk": "文员",
    "Auditor": "审计",
    "Password again": "再次输入密码",
    "Add account": "新增账号",
    "Reset password": "重设密码",
    "Role of %1": "%1 的角色",
    "Change role": "修改角色",
    # role-aware actions, signing out and switching user
    "Your role (%1) does not allow you to %2.": "您的角色（%1）没有“%2”的权限",
    "Sign in first: to %1 you need an account that may.": "请先登录：“%1”需要登录有此权限的账号",
    "Signed in:": "当前用户：",
    "%1 (%2)": "%1（%2）",
    "Sign out / switch user…": "退出登录 / 切换用户…",
    "Not signed in": "未登录",
    "Sign in…": "登录…",
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
