"""Assessment results sheets (考核成绩表): the template staff fill in, and reading one back (.xlsx or CSV).

Columns are found by their header, anywhere in the first rows (under a title or not), by the
names and synonyms in ASSESSMENT_COLUMNS; other columns are ignored. A sheet needs the
identity-number column and at least one of 理论成绩, 实操成绩 and 考核结果. Cells come back as
the text a person sees, trimmed; reading them as scores and results is the domain's work
(domain/assessment.py: parse_score, parse_result, parse_retake).

Row problems (AssessmentRow.problems, all meaning "this row cannot be used as it is"): an
identity number stored as a number (digits lost), a formula or error value in a used column,
a row with results but no identity number. Rows where nothing was entered (no score, result
or retake: a pre-filled template row left for later) are not rows of the sheet; their numbers
are in `unfilled_rows`, so an import never clears results by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.documents.spreadsheet_safety import TEXT_FORMAT, write_text_cell
from desktop_app.documents.workbook_style import (
    TITLE_FONT,
    add_column_validation,
    style_header_cell,
    write_title_row,
)
from desktop_app.documents.xlsx_reader import SpreadsheetFileError, TableColumn, read_table
from desktop_app.messages import Problem, register

__all__ = [
    "ASSESSMENT_COLUMNS",
    "ASSESSMENT_SHEET",
    "MAX_ROWS",
    "AssessmentFileError",
    "AssessmentRow",
    "AssessmentSheet",
    "read_assessments",
    "template_headers",
    "write_assessment_template",
]

register(
    {
        "assessment.unreadable": (
            "无法打开文件“{file}”（{reason}）。如果它正在 Excel 或 WPS 中打开，请先关闭再导入。",
            "Cannot open the file “{file}” ({reason}). If it is open in Excel or WPS, close it and import again.",
        ),
        "assessment.empty_file": (
            "文件“{file}”是空的，没有任何内容。",
            "The file “{file}” is empty.",
        ),
        "assessment.not_workbook": (
            "文件“{file}”不是成绩表：只能读取 Excel 工作簿（.xlsx）或 CSV 文本文件。请用 Excel 或 WPS 打开它，"
            "“另存为”“Excel 工作簿（*.xlsx）”后再导入。",
            "The file “{file}” is not a results table: only Excel workbooks (.xlsx) and CSV text files can be read. "
            "Open it in Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” and import that.",
        ),
        "assessment.damaged": (
            "文件“{file}”像是 Excel 工作簿，但内容已损坏，无法读取。请用 Excel 或 WPS 打开它，“另存为”一个新的 "
            ".xlsx 文件后再导入。",
            "The file “{file}” looks like an Excel workbook but is damaged and cannot be read. Open it in Excel or "
            "WPS, save it as a new .xlsx file and import that.",
        ),
        "assessment.xls_format": (
            "文件“{file}”是旧版 Excel（.xls）或网页格式的表格，本软件只能读取 .xlsx 或 CSV。"
            "请用 Excel 或 WPS 打开它，“另存为”“Excel 工作簿（*.xlsx）”后再导入。",
            "The file “{file}” is an old Excel (.xls) or web-page spreadsheet; only .xlsx and CSV can be read. "
            "Open it in Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” and import that.",
        ),
        "assessment.password_protected": (
            "文件“{file}”设置了打开密码（已加密），无法读取。请用 Excel 或 WPS 打开它，取消密码后保存，再导入。",
            "The file “{file}” is protected by an opening password (encrypted) and cannot be read. Open it in "
            "Excel or WPS, remove the password, save and import again.",
        ),
        "assessment.no_header": (
            "文件“{file}”中找不到成绩表的表头：表头须在前 {scan} 行内，包含 {expected} 列"
            "（也可写作“身份证号”“证件号码”等），以及“理论成绩”“实操成绩”“考核结果”中至少一列。"
            "已查看：{sheets}。请使用本软件的成绩模板，或改好表头后再导入。",
            "No results header was found in “{file}”: it must be within the first {scan} rows and have the column "
            "{expected} (also accepted: 身份证号, 证件号码 and similar) and at least one of 理论成绩, 实操成绩 and "
            "考核结果. Looked at: {sheets}. Use the results template, or fix the header and import again.",
        ),
        "assessment.duplicate_column": (
            "文件“{file}”第 {row} 行的表头中，{cells} 几列都表示“{header}”，无法确定用哪一列。"
            "请删除多余的列或改掉它的列名后再导入。",
            "In “{file}”, the header on row {row} has several columns meaning “{header}” ({cells}); it is not clear "
            "which to use. Delete the extra column or rename it, then import again.",
        ),
        "assessment.empty": (
            "文件“{file}”的表头（第 {row} 行）下面没有成绩数据，请填写后再导入。",
            "“{file}” has a header (row {row}) but no results under it. Fill them in and import again.",
        ),
        "assessment.too_many_rows": (
            "文件“{file}”超过 {limit} 行成绩，一次导入不了这么多。请拆分成几个文件分批导入。",
            "“{file}” has more than {limit} rows of results, too many for one import. Split it into several files.",
        ),
        "assessment.no_results": (
            "文件“{file}”的表头下面有 {count} 行学员，但都没有填写成绩或考核结果，没有可导入的内容。",
            "“{file}” lists {count} trainees under its header, but none has a score or result filled in: nothing "
            "to import.",
        ),
        "assessment.cell_number": (
            "单元格 {cell}（{column}）是数字，显示为“{value}”：Excel 只保留 15 位有效数字，身份证号码末尾的数字已丢失且无法还原。"
            "请把“{column}”列设为“文本”格式，重新输入完整号码后再导入。",
            "Cell {cell} ({column}) holds a number, shown as “{value}”: Excel keeps only 15 significant digits, so "
            "the last digits of the identity number are lost for good. Format the “{column}” column as Text, type "
            "the full number again and import once more.",
        ),
        "assessment.cell_formula": (
            "单元格 {cell}（{column}）是公式，请复制后“选择性粘贴→数值”再导入。",
            "Cell {cell} ({column}) is a formula: copy it, use Paste Special → Values, then import again.",
        ),
        "assessment.cell_error": (
            "单元格 {cell}（{column}）是错误值 {value}，请改成正确内容后再导入。",
            "Cell {cell} ({column}) holds the error value {value}; replace it with the right content and import "
            "again.",
        ),
        "assessment.row_no_id": (
            "第 {row} 行填写了成绩，但没有身份证号码（{cell}），无法知道是哪位学员。",
            "Row {row} has results but no identity number ({cell}), so it is not known whose they are.",
        ),
    }
)

ASSESSMENT_SHEET = "考核成绩"
HELP_SHEET = "填写说明"
DEFAULT_TITLE = "考核成绩登记表"
MAX_ROWS = 20_000
TEMPLATE_ROWS = 500  # data rows pre-formatted and covered by drop-downs in the template
FIRST_DATA_ROW = 3  # our layout: title row, header row, data

ASSESSMENT_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("name", "姓名", ("学员姓名",)),
    TableColumn("id_number", "身份证号码", ("身份证号", "证件号码", "公民身份号码", "身份证件号码"), required=True),
    TableColumn("theory", "理论成绩", ("理论", "理论考试成绩", "应知成绩", "理论分数")),
    TableColumn("practical", "实操成绩", ("实操", "操作成绩", "技能成绩", "应会成绩", "实操考试成绩", "实际操作成绩")),
    TableColumn("result", "考核结果", ("结果", "是否合格", "考核结论", "成绩评定")),
    TableColumn("retake", "补考", ("是否补考",)),
)
_RESULT_KEYS = ("theory", "practical", "result")  # a sheet needs one of these
_ENTERED_KEYS = ("theory", "practical", "result", "retake")  # a row with none of these is unfilled


class AssessmentFileError(SpreadsheetFileError):
    """The file as a whole cannot be read as assessment results (its `code` says why)."""

    code_prefix = "assessment"


@dataclass
class AssessmentRow:
    row_number: int  # the row as the person sees it in Excel (a CSV: the record number)
    name: str | None
    id_number: str | None  # as typed, trimmed; None only with an "assessment.row_no_id" problem
    theory_text: str | None  # for domain.assessment.parse_score
    practical_text: str | None
    result_text: str | None  # for parse_result
    retake_text: str | None  # for parse_retake
    problems: list[Problem] = field(default_factory=list)


@dataclass
class AssessmentSheet:
    sheet_name: str | None  # None for a CSV file
    header_row: int
    columns: dict[str, int]  # key (name, id_number, theory, practical, result, retake) -> 1-based column
    headers: list[str]
    ignored_headers: list[str]
    rows: list[AssessmentRow]
    unfilled_rows: list[int] = field(default_factory=list)  # rows with an identity but nothing entered
    file_format: Literal["xlsx", "csv"] = "xlsx"
    encoding: str | None = None  # a CSV's text encoding


def read_assessments(source: Path | bytes, *, name: str | None = None, max_rows: int = MAX_ROWS) -> AssessmentSheet:
    """The results in `source` (.xlsx or CSV, told from the content); raises AssessmentFileError.

    `name` is the file name used in messages (default: the path's name).
    """
    table = read_table(source, columns=ASSESSMENT_COLUMNS, error_class=AssessmentFileError, name=name,
                       max_rows=max_rows, sensitive_number_keys=frozenset({"id_number"}),
                       required_any=(_RESULT_KEYS,), allow_csv=True, unnamed="assessment")
    id_column = get_column_letter(table.columns["id_number"])
    rows: list[AssessmentRow] = []
    unfilled: list[int] = []
    for row in table.rows:
        values = row.values
        if not any(values.get(key) for key in _ENTERED_KEYS):
            unfilled.append(row.row_number)
            continue
        problems = list(row.problems)
        if values["id_number"] is None:
            problems.append(Problem("assessment.row_no_id",
                                    {"row": row.row_number, "cell": f"{id_column}{row.row_number}"}))
        rows.append(AssessmentRow(row.row_number, values.get("name"), values["id_number"], values.get("theory"),
                                  values.get("practical"), values.get("result"), values.get("retake"), problems))
    if not rows:
        raise AssessmentFileError("assessment.no_results", file=name or _file_name(source), count=len(unfilled))
    return AssessmentSheet(table.sheet_name, table.header_row, table.columns, table.headers, table.ignored_headers,
                           rows, unfilled, table.file_format, table.encoding)


def _file_name(source: Path | bytes) -> str:
    return "assessment" if isinstance(source, (bytes, bytearray, memoryview)) else Path(source).name


# ----------------------------------------------------------------------------- the template

_WIDTHS = {"name": 12, "id_number": 22, "theory": 12, "practical": 12, "result": 12, "retake": 8}
_NOTES = (
    "填写说明",
    "1. 第 2 行是表头，请勿修改；标“*”的“身份证号码”列必须填写，“理论成绩”“实操成绩”“考核结果”至少填写一列。"
    "可以在右边增加其他列，导入时会忽略。",
    "2. 成绩按百分制填写 0 到 100 的数字，最多一位小数（如 85 或 85.5）；缺考的填“缺考”。",
    "3. “考核结果”填“合格”或“不合格”（也可写“通过”“未通过”“及格”“不及格”）；不填时，理论和实操成绩都在 60 分"
    "及以上的按合格处理。",
    "4. “补考”是补考成绩的填“是”，否则填“否”或留空。",
    "5. “身份证号码”列已设为文本格式，请勿改成“常规”或“数值”，否则 Excel 会把号码变成 3.2E+17 并丢失数字，导入时会被拒绝。",
    "6. 不要使用公式；从其他表格复制来的数据，请用“选择性粘贴→数值”粘贴。",
    "7. 只填了姓名和身份证号码、没有填写成绩的行，导入时会跳过，不会清除已录入的成绩。",
)


def template_headers() -> list[str]:
    """Header texts of the template; the required column carries a leading "*" (ignored when reading)."""
    return [("*" + column.header) if column.required else column.header for column in ASSESSMENT_COLUMNS]


def write_assessment_template(path: Path, *, trainees: Sequence[tuple[str, str]] = (),
                              title: str = DEFAULT_TITLE) -> None:
    """The results template: title, header, Text-formatted identity column, drop-downs, instructions.

    `trainees` (name, identity number) are written in, so that staff only fill in results.
    """
    workbook = Workbook()
    ws = workbook.active
    ws.title = ASSESSMENT_SHEET
    keys = [column.key for column in ASSESSMENT_COLUMNS]
    count = len(keys)
    last_row = FIRST_DATA_ROW + max(TEMPLATE_ROWS, len(trainees)) - 1

    write_title_row(ws, title or DEFAULT_TITLE, count)
    for index, (column, text) in enumerate(zip(ASSESSMENT_COLUMNS, template_headers()), 1):
        style_header_cell(write_text_cell(ws, 2, index, text), required=column.required)
        ws.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column.key, 12)
    ws.row_dimensions[2].height = 24

    id_index = keys.index("id_number") + 1
    id_letter = get_column_letter(id_index)
    ws.column_dimensions[id_letter].number_format = TEXT_FORMAT
    for row in range(FIRST_DATA_ROW, last_row + 1):
        ws.cell(row=row, column=id_index).number_format = TEXT_FORMAT
    for offset, (trainee_name, id_number) in enumerate(trainees):
        write_text_cell(ws, FIRST_DATA_ROW + offset, keys.index("name") + 1, trainee_name)
        write_text_cell(ws, FIRST_DATA_ROW + offset, id_index, id_number).number_format = TEXT_FORMAT

    for key in ("theory", "practical"):
        # A warning, not a stop: "缺考" is a valid entry that a number rule would refuse.
        _validate(ws, keys.index(key) + 1, last_row,
                  DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True),
                  error="成绩为 0 到 100 的数字，最多一位小数；缺考的填“缺考”", prompt="0 到 100，缺考填“缺考”",
                  strict=False)
    _validate(ws, keys.index("result") + 1, last_row,
              DataValidation(type="list", formula1='"合格,不合格"', allow_blank=True),
              error="请选择“合格”或“不合格”", prompt="合格 / 不合格；不填时按成绩判断", strict=True)
    _validate(ws, keys.index("retake") + 1, last_row,
              DataValidation(type="list", formula1='"是,否"', allow_blank=True),
              error="请选择“是”或“否”", prompt="补考成绩填“是”", strict=True)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.print_title_rows = "1:2"

    notes = workbook.create_sheet(HELP_SHEET)
    for row, note in enumerate(_NOTES, 1):
        cell = write_text_cell(notes, row, 1, note)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = TITLE_FONT
    notes.column_dimensions["A"].width = 100
    workbook.active = 0
    workbook.save(path)


def _validate(ws, column: int, last_row: int, validation: DataValidation, *, error: str, prompt: str,
              strict: bool) -> None:
    add_column_validation(ws, validation, column=column, first_row=FIRST_DATA_ROW, last_row=last_row,
                          title=ASSESSMENT_COLUMNS[column - 1].header, error=error, prompt=prompt, strict=strict)
