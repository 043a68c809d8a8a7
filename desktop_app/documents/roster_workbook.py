"""Roster (花名册) workbooks: the import template, reading a filled-in roster, the error workbook and the export."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.domain.roster_columns import (
    COLUMNS_BY_KEY,
    EDUCATION_LEVELS,
    EMPLOYMENT_STATUSES,
    HOUSEHOLD_TYPES,
    ID_TYPE_WORDS,
    ROSTER_COLUMNS,
    RosterColumn,
    header_key,
)
from desktop_app.documents.spreadsheet_safety import (
    TEXT_FORMAT,
    stream_text,
    text_cell,
    write_text_cell,
)
from desktop_app.documents.workbook_style import (
    CENTERED,
    HEADER_FONT,
    REQUIRED_FONT,
    TITLE_FONT,
    TITLE_ROW_HEIGHT,
    add_column_validation,
    style_header_cell,
    write_title_row,
)
from desktop_app.documents.xlsx_reader import (
    HEADER_SCAN_ROWS,
    SpreadsheetFileError,
    Table,
    TableColumn,
    TableRow,
    XlsxPackage,
    cell_text,
    number_text,
    read_table,
    trim_text,
)
from desktop_app.messages import register

__all__ = [
    "DEFAULT_TITLE",
    "ERROR_REASON_HEADER",
    "HEADER_SCAN_ROWS",
    "ROSTER_SHEET",
    "HELP_SHEET",
    "LISTS_SHEET",
    "TEMPLATE_ROWS",
    "RosterFileError",
    "RosterRow",
    "RosterSheet",
    "TABLE_COLUMNS",
    "read_roster",
    "template_headers",
    "write_error_workbook",
    "write_roster",
    "write_roster_template",
]

register(
    {
        "roster.unreadable": (
            "无法打开文件“{file}”（{reason}）。如果它正在 Excel 或 WPS 中打开，请先关闭再导入。",
            "Cannot open the file “{file}” ({reason}). If it is open in Excel or WPS, close it and import again.",
        ),
        "roster.not_workbook": (
            "文件“{file}”不是 Excel 工作簿（.xlsx），可能是 CSV、文本文件或其他格式改了扩展名。"
            "请用 Excel 或 WPS 打开它，“另存为”“Excel 工作簿（*.xlsx）”后再导入。",
            "The file “{file}” is not an Excel workbook (.xlsx); it may be a CSV, text or other file with a renamed "
            "extension. Open it in Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” and import that.",
        ),
        "roster.damaged": (
            "文件“{file}”像是 Excel 工作簿，但内容已损坏，无法读取。请用 Excel 或 WPS 打开它，"
            "“另存为”一个新的 .xlsx 文件后再导入。",
            "The file “{file}” looks like an Excel workbook but is damaged and cannot be read. Open it in Excel or "
            "WPS, save it as a new .xlsx file and import that.",
        ),
        "roster.xls_format": (
            "文件“{file}”是旧版 Excel（.xls）或网页格式的表格，本软件只能读取 .xlsx。"
            "请用 Excel 或 WPS 打开它，“另存为”“Excel 工作簿（*.xlsx）”后再导入。",
            "The file “{file}” is an old Excel (.xls) or web-page spreadsheet; only .xlsx can be read. Open it in "
            "Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” and import that.",
        ),
        "roster.password_protected": (
            "文件“{file}”设置了打开密码（已加密），无法读取。请用 Excel 或 WPS 打开它，取消密码"
            "（Excel：“文件→信息→保护工作簿→用密码进行加密”清空密码；WPS：“文件→文档加密”），保存后再导入。",
            "The file “{file}” is protected by an opening password (encrypted) and cannot be read. Open it in Excel "
            "or WPS, remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password, clear it; "
            "WPS: File → Document Encryption), save and import again.",
        ),
        "roster.no_header": (
            "文件“{file}”中找不到花名册的表头：表头须在工作表的前 {scan} 行内，且至少包含 {expected} 两列"
            "（也可写作“身份证号”“证件号码”等）。已查看的工作表：{sheets}。请使用本软件的导入模板，或改好表头后再导入。",
            "No roster header was found in “{file}”: the header must be within the first {scan} rows of a sheet and "
            "contain at least the columns {expected} (also accepted: 身份证号, 证件号码 and similar). Sheets "
            "looked at: {sheets}. Use the import template, or fix the header and import again.",
        ),
        "roster.duplicate_column": (
            "文件“{file}”工作表“{sheet}”第 {row} 行的表头中，{cells} 几列都表示“{header}”，无法确定用哪一列。"
            "请删除多余的列或改掉它的列名后再导入。",
            "In “{file}”, sheet “{sheet}”, the header on row {row} has several columns meaning “{header}” "
            "({cells}); it is not clear which to use. Delete the extra column or rename it, then import again.",
        ),
        "roster.empty": (
            "文件“{file}”工作表“{sheet}”的表头（第 {row} 行）下面没有学员数据，请填写后再导入。",
            "In “{file}”, sheet “{sheet}” has a header (row {row}) but no trainee rows under it. Fill it in and "
            "import again.",
        ),
        "roster.too_many_rows": (
            "文件“{file}”工作表“{sheet}”的学员超过 {limit} 行，一次导入不了这么多。请拆分成几个文件分批导入。",
            "In “{file}”, sheet “{sheet}” has more than {limit} trainee rows, too many for one import. Split it into "
            "several files and import them one by one.",
        ),
        "roster.cell_number": (
            "单元格 {cell}（{column}）是数字，显示为“{value}”：Excel 只保留 15 位有效数字，长号码末尾的数字会丢失且无法还原，"
            "软件不会猜测。请把“{column}”列设为“文本”格式，重新输入完整号码后再导入。",
            "Cell {cell} ({column}) holds a number, shown as “{value}”: Excel keeps only 15 significant digits, so "
            "the last digits of a long number are lost for good and will not be guessed. Format the “{column}” "
            "column as Text, type the full number again and import once more.",
        ),
        "roster.cell_formula": (
            "单元格 {cell}（{column}）是公式，请复制后“选择性粘贴→数值”再导入。",
            "Cell {cell} ({column}) is a formula: copy it, use Paste Special → Values, then import again.",
        ),
        "roster.cell_error": (
            "单元格 {cell}（{column}）是错误值 {value}，请改成正确内容后再导入。",
            "Cell {cell} ({column}) holds the error value {value}; replace it with the right content and import "
            "again.",
        ),
    }
)

ROSTER_SHEET = "花名册"
HELP_SHEET = "填写说明"
LISTS_SHEET = "下拉清单"
DEFAULT_TITLE = "培训学员花名册"
ERROR_REASON_HEADER = "错误原因"
ERROR_TITLE = "未导入的学员：请按最后一列“错误原因”改正后，直接导入本文件"
# Said once, in the instructions: each row's reason no longer repeats the list.
KEY_GROUP_FORMS_NOTE = ("括号里的说明可写可不写，也可以用常见简称，如“两后生”“新生代农民工”“低保”“建档立卡”；"
                        "一个词能对应几类人员时（如“毕业生”），请写全称")
TEMPLATE_ROWS = 1000  # data rows pre-formatted and covered by drop-downs in the template
FIRST_DATA_ROW = 3  # our own layout: title row, header row, data

REQUIRED_KEYS = ("name", "id_number")
# Long digit strings that Excel would turn into 3.2E+17: numeric cells here are refused.
NUMBER_REFUSED_KEYS = frozenset({"id_number", "bank_account"})
# Columns written as Text in our workbooks, so that what a person types there stays text.
TEXT_KEYS = frozenset({"id_number", "bank_account", "phone"})

_WIDTHS = {"name": 12, "id_type": 16, "id_number": 22, "sex": 7, "birth_date": 12, "ethnicity": 8,
           "phone": 14, "household_type": 12, "education": 12, "employment_status": 12, "key_groups": 32,
           "pension": 10, "bank_name": 18, "bank_account": 24}


class RosterFileError(SpreadsheetFileError):
    """The file as a whole cannot be read as a roster (its `code` says why)."""

    code_prefix = "roster"


# A roster row and sheet are the generic table reader's (see xlsx_reader.TableRow / Table):
# row_number, values (column key -> trimmed text or None), raw (every cell under the header,
# for the error workbook), problems; sheet_name, header_row, columns, headers,
# ignored_headers, rows.
RosterRow = TableRow
RosterSheet = Table

# The header columns of a roster for the table reader: our header, then the English header and
# the synonyms, in the order roster_columns.match_header tries them.
TABLE_COLUMNS = tuple(
    TableColumn(column.key, column.header, (column.header_en, *column.synonyms), required=column.key in REQUIRED_KEYS)
    for column in ROSTER_COLUMNS
)

# Older private names of what moved to xlsx_reader, for code that still reaches for them here.
_Xlsx = XlsxPackage
_cell_text = cell_text
_number_text = number_text
_strip = trim_text


# ----------------------------------------------------------------------------- reading
#
# The streaming .xlsx reader and the header-driven table reader are in xlsx_reader (see the
# timings there); a roster is a table with our columns, name and identity number required.


def read_roster(source: Path | bytes, *, max_rows: int = 100_000, name: str | None = None) -> RosterSheet:
    """The roster on the first sheet with a recognisable header; raises RosterFileError.

    `name` is the file name used in messages when `source` is bytes.
    """
    return read_table(source, columns=TABLE_COLUMNS, error_class=RosterFileError, name=name, max_rows=max_rows,
                      sensitive_number_keys=NUMBER_REFUSED_KEYS, unnamed="workbook.xlsx")


def _column(key: str) -> RosterColumn:
    return COLUMNS_BY_KEY[key]


# ----------------------------------------------------------------------------- writing

def template_headers() -> list[str]:
    """Header texts of our layout; required columns carry a leading "*" (match_header ignores it)."""
    return [("*" + column.header) if column.required else column.header for column in ROSTER_COLUMNS]


def write_roster_template(path: Path, *, key_group_names: Sequence[str],
                          id_type_names: Sequence[str] = tuple(ID_TYPE_WORDS)) -> None:
    """The import template: title, header, Text-formatted ID columns, drop-downs, instructions."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = ROSTER_SHEET
    count = len(ROSTER_COLUMNS)
    last_row = FIRST_DATA_ROW + TEMPLATE_ROWS - 1
    write_title_row(ws, DEFAULT_TITLE, count)
    for index, (column, text) in enumerate(zip(ROSTER_COLUMNS, template_headers()), 1):
        cell = write_text_cell(ws, 2, index, text)
        _style_header(cell, column)
        if column.help_zh:
            cell.comment = Comment(column.help_zh, "SkillDesk", width=260, height=90)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.key, 12)
        if column.key in TEXT_KEYS:
            # The column style covers rows typed beyond the pre-formatted ones; the cells
            # themselves are what Excel, WPS and LibreOffice all honour when pasting.
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(FIRST_DATA_ROW, last_row + 1):
                ws.cell(row=row, column=index).number_format = TEXT_FORMAT
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2)
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    choices: dict[str, tuple[Sequence[str], str, bool]] = {
        # key: (choices, prompt, only these values allowed)
        "id_type": (list(id_type_names), "请从下拉清单中选择证件类型", True),
        "sex": (["男", "女"], "可不填，由身份证号码读出", True),
        "household_type": (list(HOUSEHOLD_TYPES), "请从下拉清单中选择", True),
        "education": (list(EDUCATION_LEVELS), "请从下拉清单中选择", True),
        "employment_status": (list(EMPLOYMENT_STATUSES), "请从下拉清单中选择", True),
        "pension": (["是", "否"], "按月领取养老金的填“是”", True),
        # Several groups may be given ("A、B"), which a strict list would refuse.
        "key_groups": (list(key_group_names), "可多选，用顿号“、”分隔，名称须与清单一致", False),
    }
    list_column = 0
    for index, column in enumerate(ROSTER_COLUMNS, 1):
        if column.key not in choices:
            continue
        values, prompt, strict = choices[column.key]
        values = [value for value in values if value]
        if not values:
            continue
        list_column += 1
        source = _list_source(lists, list_column, column.header, values, force_range=column.key == "key_groups")
        add_column_validation(ws, DataValidation(type="list", formula1=source, allow_blank=True), column=index,
                              first_row=FIRST_DATA_ROW, last_row=last_row, title=column.header,
                              error=f"“{column.header}”请从下拉清单中选择" + ("" if strict else "（多项用顿号“、”分隔）"),
                              prompt=prompt, strict=strict)

    _write_help_sheet(workbook.create_sheet(HELP_SHEET, 1), key_group_names)
    workbook.active = 0
    workbook.save(path)


def _list_source(lists, list_column: int, title: str, values: Sequence[str], *, force_range: bool) -> str:
    """An inline list when Excel accepts it, else a range on the lists sheet.

    Excel refuses an inline list longer than 255 characters (older Chinese versions count
    bytes, two per Chinese character, and then call the file damaged), and commas or quotes
    inside an item would split it; the lists sheet has neither limit. Every list is also
    written there, so a person can see what the drop-downs offer.
    """
    letter = get_column_letter(list_column)
    write_text_cell(lists, 1, list_column, title).font = HEADER_FONT
    for row, value in enumerate(values, 2):
        write_text_cell(lists, row, list_column, value)
    lists.column_dimensions[letter].width = max(12, max(len(v) for v in values) * 2 + 2)
    inline = ",".join(values)
    width = sum(1 if ord(char) < 128 else 2 for char in inline)
    if not force_range and width <= 255 and not any(("," in v or '"' in v) for v in values):
        return f'"{inline}"'
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"


def _style_header(cell, column: RosterColumn | None) -> None:
    style_header_cell(cell, required=column is not None and column.required)


def _write_help_sheet(ws, key_group_names: Sequence[str]) -> None:
    defaults = {
        "id_type": "不填时按“居民身份证”处理；须从下拉清单中选择",
        "ethnicity": "如“汉族”“回族”",
        "household_type": "从下拉清单中选择：" + "、".join(HOUSEHOLD_TYPES),
        "education": "从下拉清单中选择：" + "、".join(EDUCATION_LEVELS),
        "employment_status": "从下拉清单中选择：" + "、".join(EMPLOYMENT_STATUSES),
        "bank_name": "如“中国工商银行南京新街口支行”",
    }
    write_text_cell(ws, 1, 1, "花名册填写说明").font = TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    for index, text in enumerate(("列名", "是否必填", "填写要求"), 1):
        _style_header(write_text_cell(ws, 2, index, text), None)
    row = 3
    for column in ROSTER_COLUMNS:
        help_text = column.help_zh or defaults.get(column.key, "")
        if column.key == "key_groups" and key_group_names:
            help_text += "。可选：" + "、".join(key_group_names) + "。" + KEY_GROUP_FORMS_NOTE
        if column.key in TEXT_KEYS and "文本" not in help_text:
            help_text += "（本列为文本格式）" if help_text else "本列为文本格式"
        write_text_cell(ws, row, 1, column.header).font = REQUIRED_FONT if column.required else HEADER_FONT
        write_text_cell(ws, row, 2, "必填" if column.required else "选填")
        write_text_cell(ws, row, 3, help_text or "—").alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    notes = (
        "通用要求",
        "1. 第 2 行是表头，请勿修改、删除或移动；标“*”的列必须填写。可以在右边增加其他列，导入时会忽略。",
        "2. 每行填写一名学员，中间的空行会被跳过。",
        "3. “身份证号码”“银行账号”列已设为文本格式。请勿改成“常规”或“数值”，否则 Excel 会把号码变成 3.2E+17 并丢失数字，导入时会被拒绝。",
        "4. 不要使用公式。从其他表格复制来的数据，请用“选择性粘贴→数值”粘贴。",
        "5. 有下拉箭头的列请从清单中选择；“人员类别”可填多项，用顿号“、”分隔。",
        "6. 导入后，未通过检查的行会列在“错误原因”表中，改正后可只导入这些行。",
    )
    row += 1
    for note in notes:
        cell = write_text_cell(ws, row, 1, note)
        if note == notes[0]:
            cell.font = HEADER_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 30 if len(note) > 45 else 18
        row += 1
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 80


def write_error_workbook(path: Path, sheet: RosterSheet, rejected: Sequence[tuple[RosterRow, str]], *,
                         key_group_names: Sequence[str] = ()) -> None:
    """The rejected rows with the source's own columns plus 错误原因, to fix and re-import; a
    填写说明 sheet lists what the coded columns allow (once, not in every row's reason)."""
    # A re-imported error workbook already has a reason column: replace it, never pile up.
    keep = [index for index, text in enumerate(sheet.headers) if header_key(text) != ERROR_REASON_HEADER]
    headers = [sheet.headers[index] for index in keep] + [ERROR_REASON_HEADER]
    key_of = {index - 1: key for key, index in sheet.columns.items()}
    text_positions = {position for position, index in enumerate(keep) if key_of.get(index) in TEXT_KEYS}

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_sheet_title(sheet.sheet_name))
    _prepare_stream_sheet(ws, headers, [key_of.get(index) for index in keep] + ["_reason"], len(rejected))
    ws.append(_title_row(ws, ERROR_TITLE))
    ws.append([_header_cell(ws, text, _column(key_of[index]) if index in key_of else None)
               for text, index in zip(headers, keep + [-1])])
    reason_font = Font(color="C00000")
    for row, reason in rejected:
        cells = []
        for position, index in enumerate(keep):
            value = row.raw[index] if index < len(row.raw) else None
            cells.append(stream_text(ws, value, number_format=TEXT_FORMAT if position in text_positions else None))
        reason_cell = text_cell(ws, reason)
        reason_cell.font = reason_font
        cells.append(reason_cell)
        ws.append(cells)
    _write_error_help_sheet(workbook.create_sheet(HELP_SHEET), key_group_names)
    workbook.save(path)


def _write_error_help_sheet(ws, key_group_names: Sequence[str]) -> None:
    """What the coded columns allow, one value a line (a write-only sheet: rows appended in order)."""
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    ws.append([text_cell(ws, "填写说明"), None])
    lists = [
        ("人员类别", list(key_group_names), "可填一项或多项，用顿号“、”分隔。" + KEY_GROUP_FORMS_NOTE + "。"),
        ("户口性质", list(HOUSEHOLD_TYPES), "从下拉清单中选择。"),
        ("文化程度", list(EDUCATION_LEVELS), "从下拉清单中选择。"),
        ("就业状态", list(EMPLOYMENT_STATUSES), "从下拉清单中选择。"),
    ]
    for header, values, note in lists:
        if not values:
            continue
        ws.append([])
        ws.append([text_cell(ws, header), text_cell(ws, note)])
        for value in values:
            ws.append([None, text_cell(ws, value)])


def write_roster(path: Path, rows: Sequence[Mapping[str, str | None]], *, title: str) -> None:
    """An export in the template's layout (title, header, columns), so that it can be re-imported.

    Keys of `rows` that are not roster columns are ignored.
    """
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(ROSTER_SHEET)
    keys = [column.key for column in ROSTER_COLUMNS]
    _prepare_stream_sheet(ws, template_headers(), keys, len(rows))
    ws.append(_title_row(ws, title or DEFAULT_TITLE))
    ws.append([_header_cell(ws, text, column) for text, column in zip(template_headers(), ROSTER_COLUMNS)])
    for values in rows:
        ws.append([stream_text(ws, values.get(key), number_format=TEXT_FORMAT if key in TEXT_KEYS else None)
                   for key in keys])
    workbook.save(path)


def _prepare_stream_sheet(ws, headers: Sequence[str], keys: Sequence[str | None], data_rows: int) -> None:
    """Everything a write-only sheet needs before its first row: widths, formats, panes, merge."""
    for index, key in enumerate(keys, 1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        if key == "_reason":
            dimension.width = 60
        elif key is not None:
            dimension.width = _WIDTHS.get(key, 12)
        else:
            dimension.width = max(10, min(40, len(headers[index - 1]) * 2 + 4))
        if key in TEXT_KEYS:
            dimension.number_format = TEXT_FORMAT
    ws.freeze_panes = "B3"
    ws.merged_cells.add(f"A1:{get_column_letter(len(headers))}1")
    ws.row_dimensions[1].height = TITLE_ROW_HEIGHT
    ws.row_dimensions[2].height = 30
    # openpyxl cannot know a streamed sheet's size when it writes the top, so it leaves out
    # <dimension>, which Excel always writes; readers that size sheets from it (openpyxl's
    # read-only mode parses a whole sheet once extra without it) do better when we say it.
    ref = f"A1:{get_column_letter(len(headers))}{data_rows + 2}"
    ws.calculate_dimension = lambda: ref


def _title_row(ws, title: str) -> list:
    cell = text_cell(ws, title)
    cell.font = TITLE_FONT
    cell.alignment = CENTERED
    return [cell]


def _header_cell(ws, text: str, column: RosterColumn | None):
    cell = text_cell(ws, text)
    _style_header(cell, column)
    return cell


def _sheet_title(name: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name or "").strip("'")[:31]
    return cleaned or ROSTER_SHEET
