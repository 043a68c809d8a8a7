"""The columns of a roster (花名册): keys, the template's Chinese headers, and the synonyms
found in spreadsheets filled in elsewhere, so an import can match columns by name."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class RosterColumn:
    key: str
    header: str  # as written in our template
    header_en: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    sensitive: bool = False  # personal data: masked on screen, audited on export
    help_zh: str = ""


ROSTER_COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("name", "姓名", "Name", ("学员姓名", "名字", "姓 名", "学生姓名"), required=True,
                 help_zh="与身份证件上的姓名一致，少数民族姓名中的间隔号“·”请保留"),
    RosterColumn("id_type", "证件类型", "Document type", ("身份证件类型", "证件种类"),
                 help_zh="居民身份证（默认）、港澳台居民居住证、外国人永久居留身份证"),
    RosterColumn("id_number", "身份证号码", "Identity number",
                 ("身份证号", "身份证", "证件号码", "证件号", "公民身份号码", "身份证件号码", "身份号码", "居民身份证号码",
                  "身份证号码（必填）"),
                 required=True, sensitive=True, help_zh="18 位号码，本列必须设为“文本”格式，否则 Excel 会把号码变成 3.2E+17 并丢失数字"),
    RosterColumn("sex", "性别", "Sex", ("性 别",), help_zh="可不填，由身份证号码自动读出；填写时须与号码一致"),
    RosterColumn("birth_date", "出生日期", "Birth date", ("出生年月", "出生年月日", "生日"),
                 help_zh="可不填，由身份证号码自动读出；填写时须与号码一致"),
    RosterColumn("ethnicity", "民族", "Ethnicity", ("民 族",)),
    RosterColumn("phone", "手机号码", "Mobile phone", ("手机号", "手机", "联系电话", "联系方式", "电话", "电话号码", "移动电话"),
                 sensitive=True, help_zh="11 位大陆手机号码"),
    RosterColumn("household_type", "户口性质", "Household type", ("户籍性质", "户口类型", "户籍类型", "户口")),
    RosterColumn("education", "文化程度", "Education", ("学历", "最高学历")),
    RosterColumn("employment_status", "就业状态", "Employment status", ("就业情况", "人员状态")),
    RosterColumn("key_groups", "人员类别", "Key groups", ("重点群体", "人员类型", "重点人群", "培训对象类别"),
                 sensitive=True, help_zh="可填多项，用顿号“、”分隔，须从下拉清单中选择"),
    RosterColumn("pension", "是否领取养老金", "Draws a pension", ("领取养老金", "是否退休", "养老金"),
                 help_zh="填“是”或“否”；按月领取养老金的人员不能享受培训补贴"),
    RosterColumn("bank_name", "开户银行", "Bank", ("开户行", "银行名称", "开户银行名称")),
    RosterColumn("bank_account", "银行账号", "Bank account", ("银行卡号", "社保卡号", "账号", "银行帐号", "卡号"),
                 sensitive=True, help_zh="用于发放生活费补贴；本列须设为“文本”格式"),
)

COLUMNS_BY_KEY = {column.key: column for column in ROSTER_COLUMNS}

ID_TYPE_WORDS = {
    "居民身份证": "resident",
    "身份证": "resident",
    "港澳台居民居住证": "hmt_permit",
    "外国人永久居留身份证": "foreign_permanent",
    "外国人永久居留证": "foreign_permanent_legacy",
}

SEX_WORDS = {"男": "M", "女": "F", "男性": "M", "女性": "F", "M": "M", "F": "F"}
YES_WORDS = {"是", "有", "Y", "YES", "1", "TRUE", "√"}
NO_WORDS = {"否", "无", "N", "NO", "0", "FALSE", "×", ""}
HOUSEHOLD_TYPES = ("农业户口", "非农业户口", "居民户口")
EDUCATION_LEVELS = ("小学及以下", "初中", "高中", "中专", "技校", "大专", "本科", "硕士及以上")
EMPLOYMENT_STATUSES = ("在职", "失业", "未就业", "灵活就业", "在校学生", "退休")


def header_key(text: str) -> str:
    """A header cell folded for matching: NFKC (full-width → half-width), no spaces or
    punctuation like '*', '：' or a trailing '（必填）' note."""
    folded = unicodedata.normalize("NFKC", str(text or "")).strip()
    for mark in ("(必填)", "(选填)", "*", "＊", ":", "："):
        folded = folded.replace(mark, "")
    return "".join(folded.split())


_HEADER_INDEX: dict[str, str] = {}
for _column in ROSTER_COLUMNS:
    for _text in (_column.header, _column.header_en, *_column.synonyms):
        _HEADER_INDEX.setdefault(header_key(_text), _column.key)
        _HEADER_INDEX.setdefault(header_key(_text).lower(), _column.key)


def match_header(text: str) -> str | None:
    """The column key a spreadsheet header means, or None for a column we do not use."""
    key = header_key(text)
    return _HEADER_INDEX.get(key) or _HEADER_INDEX.get(key.lower())
