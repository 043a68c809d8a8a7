"""Checking one trainee's fields (a roster row or a form) and reporting every problem at once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from desktop_app.domain.field_limits import LimitedField, text_problem
from desktop_app.domain.identity import (
    IdentityNumber,
    IdentityNumberError,
    IdType,
    Sex,
    mask_identity_number,
    parse_identity_number,
)
from desktop_app.domain.key_groups import KeyGroupMatch, KeyGroupMatcher
from desktop_app.domain.phone import PhoneError, normalise_mobile
from desktop_app.domain.roster_columns import (
    COLUMNS_BY_KEY,
    EDUCATION_LEVELS,
    EMPLOYMENT_STATUSES,
    HOUSEHOLD_TYPES,
    ID_TYPE_WORDS,
    NO_WORDS,
    SEX_WORDS,
    YES_WORDS,
)
from desktop_app.messages import Problem, UserFacingError, register

MESSAGES = register(
    {
        "trainee_input.invalid": (
            "学员信息有 {count} 处问题，请逐项改正后再保存：",
            "The trainee's details have {count} problem(s); correct each of them and save again:",
        ),
        "trainee_input.row_invalid": (
            "第 {row} 行有 {count} 处问题，请在表格中逐项改正后重新导入：",
            "Row {row} has {count} problem(s); correct each of them in the spreadsheet and import again:",
        ),
        "trainee_input.name_empty": (
            "“{header}”是空的。请按身份证件填写学员姓名。",
            "“{header}” (name) is empty. Enter the trainee's name as on the identity document.",
        ),
        "trainee_input.name_too_long": (
            "姓名“{value}”有 {length} 个字，超过了 {maximum} 个字的上限。请检查是否把其他内容（备注、单位等）填进了姓名列。",
            "The name “{value}” has {length} characters, more than the limit of {maximum}. Check "
            "whether something else (a note, an employer) was typed into the name column.",
        ),
        "trainee_input.name_digits": (
            "姓名“{value}”里有数字 {characters}。姓名不能含数字，请按身份证件改正；"
            "如果这是编号或电话，请填到对应的列里。",
            "The name “{value}” contains the digits {characters}. A name cannot contain digits: "
            "correct it from the identity document, and put numbers or phone numbers in their own columns.",
        ),
        "trainee_input.name_characters": (
            "姓名“{value}”里有不该出现的符号 {characters}。请按身份证件填写，只保留姓名本身；"
            "少数民族姓名中间的点请用间隔号“·”。",
            "The name “{value}” contains the symbols {characters}, which do not belong in a name. "
            "Enter only the name as on the identity document; use the middle dot “·” between the "
            "parts of an ethnic-minority name.",
        ),
        "trainee_input.name_no_letter": (
            "“{value}”不像是姓名：里面没有汉字或字母。请按身份证件填写学员姓名。",
            "“{value}” does not look like a name: it contains no Chinese characters or letters. "
            "Enter the trainee's name as on the identity document.",
        ),
        "trainee_input.name_space_between_chinese": (
            "姓名“{value}”的汉字之间有空格。身份证件上的姓名不含空格：如果是少数民族姓名，请把空格改为间隔号“·”；"
            "否则请删除空格。",
            "The name “{value}” has a space between Chinese characters. Names on identity documents "
            "contain no spaces: for an ethnic-minority name replace the space with the middle dot "
            "“·”, otherwise delete the space.",
        ),
        "trainee_input.name_private_use": (
            "姓名“{value}”里有自造字（私用区字符），在其他电脑和省平台上可能显示不出来。"
            "请核对该字，能用标准汉字的请改用标准汉字。",
            "The name “{value}” contains a privately defined character that other computers and "
            "the provincial platform may not display. Check that character and use a standard one "
            "if there is one.",
        ),
        "trainee_input.id_type_unknown": (
            "“{header}”填写的“{value}”不是能识别的证件类型。请填写：{choices}。",
            "“{value}” in “{header}” (document type) is not a known document type. Enter one of: {choices}.",
        ),
        "trainee_input.id_type_mismatch": (
            "“{header}”填写的是“{value}”，但证件号码是{actual:zh}的号码。请核对证件类型和号码，改正其中错的一项。",
            "“{header}” (document type) says “{value}”, but the identity number is that of a "
            "{actual:en}. Check the document type and the number and correct whichever is wrong.",
        ),
        "trainee_input.sex_unknown": (
            "“{header}”填写的“{value}”看不懂。请填写“男”或“女”，也可以不填（由身份证号码自动读出）。",
            "“{value}” in “{header}” (sex) cannot be read. Enter “男” (male) or “女” (female), or "
            "leave it empty to take it from the identity number.",
        ),
        "trainee_input.sex_mismatch": (
            "“{header}”填写的是“{value}”，但证件号码显示是{expected:zh}性。请对照证件原件核对性别和号码，"
            "改正其中错的一项（性别也可以不填，由号码自动读出）。",
            "“{header}” (sex) says “{value}”, but the identity number says {expected:en}. Check both "
            "against the original document and correct whichever is wrong (or leave the sex empty "
            "to take it from the number).",
        ),
        "trainee_input.birth_date_format": (
            "“{header}”填写的“{value}”不是能识别的日期，或者这个日期不存在（例如 2 月 30 日）。请写成 1990-03-07、1990/3/7、19900307 或 "
            "1990年3月7日，也可以不填（由身份证号码自动读出）。",
            "“{value}” in “{header}” (birth date) is not a date this software can read, or not a real "
            "date (such as 30 February). Write it as "
            "1990-03-07, 1990/3/7, 19900307 or 1990年3月7日, or leave it empty to take it from the "
            "identity number.",
        ),
        "trainee_input.birth_date_mismatch": (
            "“{header}”填写的是“{value}”，但证件号码里的出生日期是 {expected}。请对照证件原件核对，"
            "改正其中错的一项（出生日期也可以不填，由号码自动读出）。",
            "“{header}” (birth date) says “{value}”, but the birth date in the identity number is "
            "{expected}. Check both against the original document and correct whichever is wrong "
            "(or leave the birth date empty to take it from the number).",
        ),
        "trainee_input.birth_date_future": (
            "“{header}”填写的出生日期“{value}”晚于今天（{today}），不可能正确。请对照证件原件改正。",
            "The birth date “{value}” in “{header}” is after today ({today}), so it cannot be right. "
            "Correct it from the original document.",
        ),
        "trainee_input.key_group_unknown": (
            "“{header}”里的“{value}”不是能识别的人员类别。可以填一项或多项（用顿号“、”分隔），"
            "可选的人员类别列在模板和错误表的“填写说明”里。",
            "“{value}” in “{header}” (key groups) is not a key group this software recognises. Enter one or "
            "more, separated by “、”; the groups that can be chosen are listed in the instructions sheet "
            "(“填写说明”) of the template and of the error workbook.",
        ),
        "trainee_input.key_group_ambiguous": (
            "“{header}”里的“{value}”可能指以下几类人员之一：{candidates}。请写明是哪一类。",
            "“{value}” in “{header}” (key groups) could mean any of: {candidates}. Write which one.",
        ),
        "trainee_input.yes_no_unknown": (
            "“{header}”填写的“{value}”看不懂。请填写“是”或“否”。",
            "“{value}” in “{header}” cannot be read as yes or no. Enter “是” (yes) or “否” (no).",
        ),
        "trainee_input.choice_unknown": (
            "“{header}”填写的“{value}”不在可选范围内。请从下拉清单中选择，可选的有：{choices}。",
            "“{value}” in “{header}” is not one of the allowed values. Choose from the drop-down "
            "list; allowed are: {choices}.",
        ),
        "trainee_input.bank_account_excel": (
            "银行账号“{value}”被 Excel 当成了数字（变成了科学计数法或带小数点），后面的数字已经丢失，无法还原。"
            "请在 Excel 里把“{header}”这一列设为“文本”格式，按银行卡重新录入账号后再导入。",
            "Bank account “{value}” was treated as a number by Excel (scientific notation or a "
            "decimal point) and its last digits are lost for good. In Excel, format the “{header}” "
            "column as Text, re-enter the account number from the bank card and import again.",
        ),
        "trainee_input.bank_account_characters": (
            "银行账号“{value}”里有数字以外的字符 {characters}。账号只能是数字（可以有空格），请对照银行卡改正。",
            "Bank account “{value}” contains characters other than digits: {characters}. An account "
            "number is digits only (spaces are allowed); correct it from the bank card.",
        ),
        "trainee_input.bank_account_length": (
            "银行账号“{value}”有 {length} 位，位数不对：银行卡号一般是 16 到 19 位，应在 {minimum} 到 {maximum} 位之间。"
            "请对照银行卡检查是否多输或漏输了数字。",
            "Bank account “{value}” has {length} digits, which is not a valid length: card numbers "
            "usually have 16 to 19 and must have {minimum} to {maximum}. Check it against the bank "
            "card for missing or extra digits.",
        ),
    }
)

NAME_MAX_LENGTH = 50
BANK_ACCOUNT_LENGTHS = (12, 30)


class TraineeInputError(UserFacingError):
    """Every problem found in one trainee's fields; each names its field so the UI can mark the cell."""

    def __init__(self, problems: tuple[Problem, ...], *, row: int | None = None) -> None:
        if not problems:
            raise ValueError("TraineeInputError needs at least one problem")
        if row is None:
            super().__init__("trainee_input.invalid", count=len(problems))
        else:
            super().__init__("trainee_input.row_invalid", row=row, count=len(problems))
        self.problems = tuple(problems)
        self.row = row

    def message(self, language: str | None = None) -> str:
        lines = [self.problem.message(language)]
        lines.extend(f"{number}. {problem.message(language)}" for number, problem in enumerate(self.problems, 1))
        return "\n".join(lines)

    def fields(self) -> frozenset[str]:
        """The column keys that have a problem."""
        return frozenset(str(problem.params["field"]) for problem in self.problems)


@dataclass(frozen=True)
class TraineeInput:
    """One trainee's checked and normalised fields."""

    identity: IdentityNumber
    name: str
    sex: Sex | None
    birth_date: date | None
    ethnicity: str | None
    phone: str | None
    household_type: str | None
    education: str | None
    employment_status: str | None
    key_groups: tuple[str, ...]
    pension: bool
    bank_name: str | None
    bank_account: str | None
    # Findings that do not stop the row (an upgraded 15-digit number, an odd character): shown
    # to the user, not part of the value, and unhashable like every Problem.
    warnings: tuple[Problem, ...] = field(default=(), compare=False)


# ---------------------------------------------------------------- cells

# Invisible characters that come along from web pages and Word; a cell of nothing else is empty.
_INVISIBLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}


def _cell(values: Mapping[str, object], key: str) -> str:
    raw = values.get(key)
    if raw is None:
        return ""
    return str(raw).translate(_INVISIBLE).strip()


def _fold(text: str) -> str:
    """For matching words: full-width to half-width, no whitespace, case ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _quoted(characters: list[str]) -> str:
    return " ".join(f"“{char}”" for char in characters)


def _distinct(text: str, wanted) -> list[str]:
    seen: list[str] = []
    for char in text:
        if wanted(char) and char not in seen:
            seen.append(char)
    return seen


class _Collector:
    """Gathers the problems and warnings of one row, tagging each with its field and header."""

    def __init__(self, row: int | None) -> None:
        self.row = row
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def _tag(self, key: str, code: str, params: Mapping[str, object]) -> Problem:
        tagged = {**params, "field": key, "header": COLUMNS_BY_KEY[key].header}
        if self.row is not None:
            tagged["row"] = self.row
        return Problem(code, tagged)

    def problem(self, key: str, code: str, **params: object) -> None:
        self.problems.append(self._tag(key, code, params))

    def warning(self, key: str, code: str, **params: object) -> None:
        self.warnings.append(self._tag(key, code, params))

    def adopt(self, key: str, found: Problem, *, warning: bool = False) -> None:
        """A problem raised by another rule (identity, phone), tagged with the cell it concerns. An
        identity number in it is masked: reasons are shown on screen and written to the error
        workbook, and every other place shows the number masked."""
        params = dict(found.params)
        if key == "id_number":
            for name in ("value", "original"):
                if isinstance(params.get(name), str):
                    params[name] = mask_identity_number(params[name])
        (self.warnings if warning else self.problems).append(self._tag(key, found.code, params))


# ---------------------------------------------------------------- names

# Middle-dot look-alikes used between the parts of ethnic-minority and foreign names; the ID
# card prints U+00B7, and the platform matches names to the card character by character.
_MIDDLE_DOTS = {ord(c): "·" for c in "·•‧・･．∙⋅\u0387"}
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_ASCII_DOT_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK}])\\s*\\.\\s*|\\s*\\.\\s*(?=[{_CJK}])")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_ALL_CJK = re.compile(f"[{_CJK} ]+")
# Punctuation that belongs in Latin-script names (O'Neil, Jean-Luc, J. Smith).
_NAME_PUNCTUATION = frozenset(" ·-'.")
# Registrars pad two-character names to line them up with three-character ones ("张  三");
# a Han name never contains a space, so a short all-Chinese name loses its spaces. A longer one
# is more likely a minority name typed with a space for the dot, which is only warned about.
_PADDED_NAME_MAX = 4


def normalise_name(raw: str) -> str:
    """The name as stored: trimmed, single spaces, half-width letters, and "·" as the middle dot."""
    text = str(raw).translate(_INVISIBLE).translate(_MIDDLE_DOTS)
    text = unicodedata.normalize("NFKC", text).translate(_MIDDLE_DOTS).replace("’", "'")
    # Format characters (direction marks, joiners) arrive invisibly with pasted text and would
    # make two spellings of one name differ.
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = " ".join(text.split())
    text = _ASCII_DOT_NEXT_TO_CJK.sub("·", text)
    text = re.sub(r"\s*·\s*", "·", text)
    if _ALL_CJK.fullmatch(text) and len(text.replace(" ", "")) <= _PADDED_NAME_MAX:
        text = text.replace(" ", "")
    return text


def _check_name(raw: str, out: _Collector) -> str:
    if not raw:
        out.problem("name", "trainee_input.name_empty")
        return ""
    name = normalise_name(raw)
    if not name:
        out.problem("name", "trainee_input.name_empty")
        return ""
    if len(name) > NAME_MAX_LENGTH:
        out.problem("name", "trainee_input.name_too_long", value=name, length=len(name), maximum=NAME_MAX_LENGTH)
    digits = _distinct(name, lambda c: unicodedata.category(c) == "Nd")
    if digits:
        out.problem("name", "trainee_input.name_digits", value=name, characters=_quoted(digits))
    strange = _distinct(
        name,
        lambda c: c not in _NAME_PUNCTUATION and unicodedata.category(c)[0] not in "LM"
        and unicodedata.category(c) not in ("Nd", "Nl", "Co"),
    )
    if strange:
        out.problem("name", "trainee_input.name_characters", value=name, characters=_quoted(strange))
    if not any(unicodedata.category(c).startswith("L") for c in name):
        out.problem("name", "trainee_input.name_no_letter", value=name)
    if _SPACE_BETWEEN_CJK.search(name):
        out.warning("name", "trainee_input.name_space_between_chinese", value=name)
    if any(unicodedata.category(c) == "Co" for c in name):
        out.warning("name", "trainee_input.name_private_use", value=name)
    return name


# ---------------------------------------------------------------- identity, sex, birth date

_ID_TYPE_FAMILY = {
    IdType.RESIDENT: "resident",
    IdType.HMT_RESIDENCE_PERMIT: "hmt_permit",
    # Both foreign cards are called 外国人永久居留身份证; the word cannot tell the versions apart.
    IdType.FOREIGN_PERMANENT_2023: "foreign",
    IdType.FOREIGN_PERMANENT_LEGACY: "foreign",
}
_ID_TYPE_INDEX: dict[str, IdType] = {}
for _word, _value in ID_TYPE_WORDS.items():
    _ID_TYPE_INDEX[_fold(_word)] = IdType(_value)
for _type in IdType:
    for _word in (_type.value, _type.label_zh, _type.label_en):
        _ID_TYPE_INDEX.setdefault(_fold(_word), _type)
_ID_TYPE_CHOICES = "、".join(dict.fromkeys(label for label in (t.label_zh for t in IdType)))

_SEX_INDEX = {_fold(word): Sex(value) for word, value in SEX_WORDS.items()}
_SEX_INDEX.update({_fold("male"): Sex.MALE, _fold("female"): Sex.FEMALE})

_TIME_SUFFIX = re.compile(r"(?:\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$", re.ASCII)
_FULL_DATES = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})", re.ASCII),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?", re.ASCII),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII),
)
# The 出生年月 column of many rosters holds only year and month.
_YEAR_MONTHS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})", re.ASCII),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月?", re.ASCII),
    re.compile(r"([0-9]{4})([0-9]{2})", re.ASCII),
)


def parse_birth_date_text(raw: str) -> tuple[int, int, int | None] | None:
    """(year, month, day) or (year, month, None) for year-month only; None when unreadable or impossible."""
    text = unicodedata.normalize("NFKC", raw).strip()
    text = _TIME_SUFFIX.sub("", text)
    text = "".join(text.split())
    for pattern in _FULL_DATES:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                date(year, month, day)
            except ValueError:
                return None
            return year, month, day
    for pattern in _YEAR_MONTHS:
        match = pattern.fullmatch(text)
        if match:
            year, month = (int(part) for part in match.groups())
            if not (1 <= year and 1 <= month <= 12):
                return None
            return year, month, None
    return None


def _agrees(given: tuple[int, int, int | None], born: date, text: str) -> bool:
    year, month, day = given
    if day is None:
        if (year, month) == (born.year, born.month):
            return True
        # Excel keeps "1990.10" typed as a number as 1990.1, so ".1" may mean October.
        return born.month == 10 and month == 1 and text.strip().endswith(".1")
    return (year, month, day) == (born.year, born.month, born.day)


def _check_identity(values: Mapping[str, object], out: _Collector, today: date) -> IdentityNumber | None:
    raw = _cell(values, "id_number")
    identity: IdentityNumber | None = None
    try:
        identity = parse_identity_number(raw, today=today)
    except IdentityNumberError as error:
        out.adopt("id_number", error.problem)
    if identity is not None:
        for found in identity.warnings:
            if found.code != "identity.foreign_legacy_details":  # decided below, once sex and birth date are known
                out.adopt("id_number", found, warning=True)
    id_type_text = _cell(values, "id_type")
    if id_type_text:
        stated = _ID_TYPE_INDEX.get(_fold(id_type_text))
        if stated is None:
            out.problem("id_type", "trainee_input.id_type_unknown", value=id_type_text, choices=_ID_TYPE_CHOICES)
        elif identity is not None and _ID_TYPE_FAMILY[stated] != _ID_TYPE_FAMILY[identity.id_type]:
            out.problem("id_type", "trainee_input.id_type_mismatch", value=id_type_text,
                        actual=identity.id_type.words)
    return identity


def _check_sex(values: Mapping[str, object], identity: IdentityNumber | None, out: _Collector) -> Sex | None:
    derived = identity.sex if identity is not None else None
    text = _cell(values, "sex")
    if not text:
        return derived
    stated = _SEX_INDEX.get(_fold(text))
    if stated is None:
        out.problem("sex", "trainee_input.sex_unknown", value=text)
        return derived
    if derived is not None and stated is not derived:
        out.problem("sex", "trainee_input.sex_mismatch", value=text, expected=derived.words)
    return derived or stated


def _check_birth_date(
    values: Mapping[str, object], identity: IdentityNumber | None, out: _Collector, today: date
) -> date | None:
    derived = identity.birth_date if identity is not None else None
    text = _cell(values, "birth_date")
    if not text:
        return derived
    given = parse_birth_date_text(text)
    if given is None:
        out.problem("birth_date", "trainee_input.birth_date_format", value=text)
        return derived
    if derived is not None:
        if not _agrees(given, derived, text):
            out.problem("birth_date", "trainee_input.birth_date_mismatch", value=text, expected=derived.isoformat())
        return derived
    if identity is None or given[2] is None:
        # Nothing to compare with, or only a month: the number decides, or staff enter it fully.
        return None
    stated = date(given[0], given[1], given[2])
    if stated > today:
        out.problem("birth_date", "trainee_input.birth_date_future", value=text, today=today.isoformat())
        return None
    return stated


# ---------------------------------------------------------------- the other columns

# "和" too: the plan writes two groups as one phrase (建档立卡低收入农户和城乡低保对象中的劳动力).
_KEY_GROUP_SEPARATORS = re.compile(r"([、,;/\s]+|和)")
# How many separator-split pieces one name may span: some names contain "/" or "和" themselves
# (贫困家庭子女/贫困村创业致富带头人, 职业农民和农村实用人才带头人).
_KEY_GROUP_MAX_PIECES = 8


_matcher_cache: list[tuple[Mapping[str, str], KeyGroupMatcher]] = []


def _key_group_matcher(lookup: Mapping[str, str]) -> KeyGroupMatcher:
    # An import validates thousands of rows against the same lookup: build its matcher once.
    for cached_lookup, matcher in _matcher_cache:
        if cached_lookup is lookup:
            return matcher
    names: dict[str, str] = {}
    for word, code in lookup.items():  # {name: code, code: code}: each code with its name
        if word != code:
            names.setdefault(code, word)
    for code in lookup.values():
        names.setdefault(code, code)
    matcher = KeyGroupMatcher(names.items())
    _matcher_cache[:] = [(lookup, matcher)]
    return matcher


@dataclass(frozen=True)
class KeyGroupReading:
    """What a 人员类别 cell says: the codes found, the pieces not recognised, and the pieces that
    fit several groups (with the candidates)."""

    codes: tuple[str, ...]
    unknown: tuple[str, ...]
    ambiguous: tuple[KeyGroupMatch, ...] = ()


def read_key_groups(raw: str, lookup: Mapping[str, str]) -> KeyGroupReading:
    """The key groups in `raw`, split on 、,，;；/ and spaces, each piece matched the ways people
    write it (domain.key_groups)."""
    matcher = _key_group_matcher(lookup)
    parts = _KEY_GROUP_SEPARATORS.split(unicodedata.normalize("NFKC", raw))
    codes: list[str] = []
    unknown: list[str] = []
    ambiguous: list[KeyGroupMatch] = []
    position = 0
    while position < len(parts):
        piece = parts[position]
        if not _fold(piece):
            position += 2
            continue
        # Longest run of pieces (separators included) that names one group wins.
        for last in range(min(len(parts) - 1, position + 2 * (_KEY_GROUP_MAX_PIECES - 1)), position - 1, -2):
            found = matcher.match("".join(parts[position:last + 1]))
            if found.code is not None:
                if found.code not in codes:
                    codes.append(found.code)
                position = last + 2
                break
        else:
            found = matcher.match(piece)
            if found.candidates:
                if all(found.text != seen.text for seen in ambiguous):
                    ambiguous.append(found)
            elif piece.strip() not in unknown:
                unknown.append(piece.strip())
            position += 2
    return KeyGroupReading(tuple(codes), tuple(unknown), tuple(ambiguous))


def parse_key_groups(raw: str, lookup: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(codes found, pieces not recognised — ambiguous ones included) in `raw`."""
    reading = read_key_groups(raw, lookup)
    return reading.codes, reading.unknown + tuple(match.text for match in reading.ambiguous)


_PENSION_WORDS: dict[str, bool] = {_fold(word): True for word in YES_WORDS}
_PENSION_WORDS.update({_fold(word): False for word in NO_WORDS})
# Natural answers to the header's question 是否领取养老金.
_PENSION_WORDS.update({_fold(w): True for w in ("已领取", "领取", "正在领取")})
_PENSION_WORDS.update({_fold(w): False for w in ("未领取", "不领取", "没有领取", "没有")})

_CHOICES = {
    "household_type": HOUSEHOLD_TYPES,
    "education": EDUCATION_LEVELS,
    "employment_status": EMPLOYMENT_STATUSES,
}

_EXCEL_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:E\+?[0-9]+)?", re.ASCII)


def _check_choice(values: Mapping[str, object], key: str, out: _Collector) -> str | None:
    text = _cell(values, key)
    if not text:
        return None
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    choices = _CHOICES[key]
    if folded in choices:
        return folded
    out.problem(key, "trainee_input.choice_unknown", value=text, choices="、".join(choices))
    return None


def _check_bank_account(values: Mapping[str, object], out: _Collector) -> str | None:
    text = _cell(values, "bank_account")
    if not text:
        return None
    account = "".join(unicodedata.normalize("NFKC", text).split()).lstrip("'")
    if not account:
        return None
    upper = account.upper()
    if ("E+" in upper or "." in upper) and _EXCEL_NUMBER.fullmatch(upper):
        out.problem("bank_account", "trainee_input.bank_account_excel", value=text)
        return None
    strange = _distinct(account, lambda c: c not in "0123456789")
    if strange:
        out.problem("bank_account", "trainee_input.bank_account_characters", value=text, characters=_quoted(strange))
        return None
    low, high = BANK_ACCOUNT_LENGTHS
    if not low <= len(account) <= high:
        out.problem(
            "bank_account", "trainee_input.bank_account_length",
            value=text, length=len(account), minimum=low, maximum=high,
        )
        return None
    return account


def _check_limited(values: Mapping[str, object], key: str, field: LimitedField, out: _Collector) -> str | None:
    """A free-text field within the shared limits (length, characters: domain/field_limits)."""
    # Line breaks and runs of spaces fold into one space (a cell typed with Alt+Enter is fine);
    # what is left must be text (no ESC, no direction override) and short enough.
    text = _plain_text(values, key)
    problem = text_problem(field, text)
    if problem is not None:
        out.adopt(key, problem)
        return None
    return text


def _plain_text(values: Mapping[str, object], key: str) -> str | None:
    text = " ".join(unicodedata.normalize("NFKC", _cell(values, key)).split())
    return text or None


# ---------------------------------------------------------------- the row


def validate_trainee_fields(
    values: Mapping[str, str | None],
    *,
    key_group_lookup: Mapping[str, str],
    today: date,
    row: int | None = None,
) -> TraineeInput:
    """The checked trainee from column key -> cell text; raises TraineeInputError listing every problem.

    `key_group_lookup` maps each key group's Chinese name (and its code) to the code.
    """
    out = _Collector(row)
    name = _check_name(_cell(values, "name"), out)
    identity = _check_identity(values, out, today)
    sex = _check_sex(values, identity, out)
    birth_date = _check_birth_date(values, identity, out, today)
    legacy_card = identity is not None and identity.id_type is IdType.FOREIGN_PERMANENT_LEGACY
    if legacy_card and (sex is None or birth_date is None):
        out.adopt("id_number", Problem("identity.foreign_legacy_details", {"value": identity.value}), warning=True)

    phone: str | None = None
    phone_text = _cell(values, "phone")
    if phone_text:
        try:
            phone = normalise_mobile(phone_text)
        except PhoneError as error:
            out.adopt("phone", error.problem)

    key_groups: tuple[str, ...] = ()
    key_group_text = _cell(values, "key_groups")
    if key_group_text:
        reading = read_key_groups(key_group_text, key_group_lookup)
        key_groups = reading.codes
        if reading.unknown:
            # The allowed names are listed once, in the instructions, not in every row's reason.
            out.problem("key_groups", "trainee_input.key_group_unknown", value="、".join(reading.unknown))
        for match in reading.ambiguous:
            out.problem("key_groups", "trainee_input.key_group_ambiguous", value=match.text,
                        candidates="、".join(match.candidates))

    pension = False
    pension_text = _cell(values, "pension")
    if pension_text:
        answer = _PENSION_WORDS.get(_fold(pension_text))
        if answer is None:
            out.problem("pension", "trainee_input.yes_no_unknown", value=pension_text)
        else:
            pension = answer

    household_type = _check_choice(values, "household_type", out)
    education = _check_choice(values, "education", out)
    employment_status = _check_choice(values, "employment_status", out)
    bank_account = _check_bank_account(values, out)
    ethnicity = _check_limited(values, "ethnicity", LimitedField.ETHNICITY, out)
    bank_name = _check_limited(values, "bank_name", LimitedField.BANK_NAME, out)

    if out.problems or identity is None:
        raise TraineeInputError(tuple(out.problems), row=row)
    return TraineeInput(
        identity=identity,
        name=name,
        sex=sex,
        birth_date=birth_date,
        ethnicity=ethnicity,
        phone=phone,
        household_type=household_type,
        education=education,
        employment_status=employment_status,
        key_groups=key_groups,
        pension=pension,
        bank_name=bank_name,
        bank_account=bank_account,
        warnings=tuple(out.warnings),
    )
