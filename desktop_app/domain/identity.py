"""Identity numbers of trainees: cleaning, checking, classifying and masking them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import Problem, UserFacingError, register

MESSAGES = register(
    {
        "identity.empty": (
            "证件号码是空的。请填写学员的居民身份证号码（或港澳台居民居住证、外国人永久居留身份证号码）。",
            "The identity number is empty. Enter the trainee's resident ID card number "
            "(or Hong Kong/Macao/Taiwan residence permit or foreign permanent residence ID number).",
        ),
        "identity.excel_number": (
            "“{value}”不是完整的证件号码：Excel 把这一列当成了数字，把号码变成了科学计数法，"
            "后面几位已经丢失，无法还原。请在 Excel 里把这一列的单元格格式设为“文本”，"
            "按证件原件重新录入号码后再导入。",
            "“{value}” is not a complete identity number: Excel treated the column as numbers, "
            "turned the number into scientific notation and lost its last digits, which cannot be "
            "recovered. In Excel, format this column as Text, re-enter the numbers from the original "
            "documents and import again.",
        ),
        "identity.excel_digits_lost": (
            "证件号码“{value}”最后三位都是 0，而且校验不通过：这通常是 Excel 把号码当作数字保存、"
            "只保留了前 15 位造成的。请在 Excel 里把这一列的单元格格式设为“文本”，"
            "按证件原件重新录入完整号码后再导入。",
            "Identity number “{value}” ends in three zeros and fails the check: this usually means "
            "Excel stored it as a number and kept only the first 15 digits. In Excel, format this "
            "column as Text, re-enter the full numbers from the original documents and import again.",
        ),
        "identity.wrong_length": (
            "证件号码“{value}”有 {length} 位，位数不对：居民身份证号码是 18 位（老身份证是 15 位数字），"
            "旧版外国人永久居留身份证是 15 位（3 个字母加 12 位数字）。"
            "请对照证件原件检查是否多输或漏输了。",
            "Identity number “{value}” has {length} characters, which is not a valid length: a "
            "resident ID number has 18 (old cards: 15 digits), an old foreign permanent residence ID "
            "has 15 (3 letters and 12 digits). Check it against the original document for missing "
            "or extra characters.",
        ),
        "identity.illegal_characters": (
            "证件号码“{value}”里有不该出现的字符：{characters}。号码只能是数字，"
            "只有最后一位可以是字母 X（旧版外国人永久居留身份证开头是 3 个字母）。"
            "请检查是否把数字 0 输成了字母 O、把数字 1 输成了字母 I 或 l，改正后重新输入。",
            "Identity number “{value}” contains characters that do not belong there: {characters}. "
            "It may contain only digits, with the letter X allowed only as the last character (an "
            "old foreign permanent residence ID starts with 3 letters). Check for the letter O typed "
            "instead of the digit 0, or I/l instead of 1, and enter it again.",
        ),
        "identity.check_char": (
            "证件号码“{value}”校验不通过：按前 17 位计算，最后一位应该是“{expected}”，"
            "现在是“{actual}”。这说明号码里至少有一位录错了，不一定是最后一位。"
            "请对照证件原件逐位核对，不要直接改最后一位。",
            "Identity number “{value}” fails its check: from the first 17 characters the last one "
            "should be “{expected}”, but it is “{actual}”. At least one character was entered wrongly, "
            "not necessarily the last one. Compare it character by character with the original "
            "document; do not just change the last character.",
        ),
        "identity.birth_date_impossible": (
            "证件号码“{value}”中的出生日期“{digits}”（第 {first} 到第 {last} 位）不是真实存在的日期，"
            "例如没有 2 月 30 日或 13 月。请对照证件原件核对这几位数字。",
            "The birth date “{digits}” in identity number “{value}” (characters {first} to {last}) is "
            "not a real date (for example there is no 30 February or month 13). Check these digits "
            "against the original document.",
        ),
        "identity.birth_date_future": (
            "证件号码“{value}”中的出生日期是 {birth_date}，晚于今天（{today}），不可能正确。"
            "请对照证件原件核对号码。",
            "The birth date in identity number “{value}” is {birth_date}, after today ({today}), "
            "so it cannot be right. Check the number against the original document.",
        ),
        "identity.unknown_format": (
            "“{value}”不是本系统认识的证件号码格式。可以使用：居民身份证（18 位，或老的 15 位）、"
            "港澳台居民居住证（以 810000、820000、830000 开头的 18 位）、"
            "外国人永久居留身份证（以 9 开头的 18 位，或旧版 3 个字母加 12 位数字）。请核对证件类型和号码。",
            "“{value}” is not an identity number format this software knows. Accepted are: resident "
            "ID cards (18 characters, or 15 digits on old cards), Hong Kong/Macao/Taiwan residence "
            "permits (18 characters starting 810000, 820000 or 830000) and foreign permanent residence "
            "IDs (18 characters starting with 9, or the old 3 letters and 12 digits). Check the kind "
            "of document and the number.",
        ),
        "identity.upgraded_from_15": (
            "15 位老身份证号码“{original}”已自动转换为 18 位号码“{value}”。"
            "请在学员下次出示证件时核对新号码。",
            "The old 15-digit number “{original}” was converted to the 18-character number “{value}”. "
            "Check the new number the next time the trainee shows the ID card.",
        ),
        "identity.region_unknown": (
            "证件号码“{value}”开头的省级地区代码“{province_code}”不在已知的省份代码中。"
            "号码可以保存，但请对照证件原件核对开头几位。",
            "The province code “{province_code}” at the start of identity number “{value}” is not a "
            "known province code. The number can be saved, but check its first digits against the "
            "original document.",
        ),
        "identity.birth_before_1900": (
            "证件号码“{value}”中的出生日期是 {birth_date}，早于 1900 年。"
            "号码可以保存，但请对照证件原件确认没有录错。",
            "The birth date in identity number “{value}” is {birth_date}, before 1900. The number can "
            "be saved, but confirm against the original document that it was entered correctly.",
        ),
        "identity.foreign_legacy_details": (
            "旧版外国人永久居留身份证号码“{value}”无法自动读出出生日期和性别，请按证件原件手工填写。",
            "Birth date and sex cannot be read from the old foreign permanent residence ID number "
            "“{value}”; enter them by hand from the original document.",
        ),
    }
)


class IdentityNumberError(UserFacingError):
    """An identity number that cannot be accepted; the message says why and what to do."""


class IdType(LabelledEnum):
    RESIDENT = "resident", "居民身份证", "Resident ID card"
    HMT_RESIDENCE_PERMIT = ("hmt_permit", "港澳台居民居住证",
                            "Residence permit for Hong Kong, Macao and Taiwan residents")
    FOREIGN_PERMANENT_2023 = "foreign_permanent", "外国人永久居留身份证", "Foreign permanent residence ID card"
    FOREIGN_PERMANENT_LEGACY = ("foreign_permanent_legacy", "外国人永久居留身份证（旧版）",
                                "Foreign permanent residence ID card (old)")


class Sex(LabelledEnum):
    MALE = "M", "男", "male"
    FEMALE = "F", "女", "female"


# The 34 province-level divisions of GB/T 2260. Only the province part is checked: county codes
# are renamed and merged over the years, and python-stdnum's county table wrongly rejects real
# numbers (e.g. 320115… born 1990), so counties are never looked up.
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}

# Residence permits for HK/Macao/Taiwan residents (2018) use these fixed address codes; 830000
# is not a GB/T 2260 province, which is why it is kept apart from PROVINCES.
HMT_PERMIT_REGIONS: dict[str, str] = {
    "810000": "香港",
    "820000": "澳门",
    "830000": "台湾",
}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EARLIEST_PLAUSIBLE_BIRTH = date(1900, 1, 1)
# Nobody born before this can be a living trainee, so such a date is a typo, not a warning.
_EARLIEST_POSSIBLE_BIRTH = date(1800, 1, 1)

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
# Invisible characters that come along when numbers are copied from web pages or Word.
_INVISIBLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}

# Spreadsheet renderings of an ID typed as a number: 3.20102199003071E+17, 3,2E17, or a float
# string such as 320102199003071000.0; the digits beyond the 15th are gone in all of them.
_EXCEL_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]*)?E[+-]?[0-9]+", re.ASCII)
_EXCEL_DECIMAL = re.compile(r"[0-9]{6,}[.,][0-9]+", re.ASCII)

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_ALLOWED = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _clean(raw: str) -> str:
    """Whitespace, invisible characters and Excel's leading text apostrophe out; ASCII letters up."""
    text = "".join(str(raw).split()).translate(_INVISIBLE)
    text = text.lstrip("'").translate(_FULL_WIDTH)
    return "".join(c.upper() if "a" <= c <= "z" else c for c in text)


def normalise_identity_input(raw: str) -> str:
    """The typed or imported value in canonical characters; rejects Excel's number renderings."""
    value = _clean(raw)
    if _EXCEL_SCIENTIFIC.fullmatch(value) or _EXCEL_DECIMAL.fullmatch(value):
        raise IdentityNumberError("identity.excel_number", value=value)
    return value


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character (GB 11643-1999) for 17 digits."""
    if len(first17) != 17 or not _DIGITS.fullmatch(first17):
        raise ValueError(f"check_char needs exactly 17 ASCII digits, got {first17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def upgrade_15_to_18(raw15: str) -> str:
    """The 18-character form of a 15-digit number from the first-generation card (born 19YY)."""
    value = normalise_identity_input(raw15)
    if not value:
        raise IdentityNumberError("identity.empty")
    if len(value) != 15:
        raise IdentityNumberError("identity.wrong_length", value=value, length=len(value))
    _reject_illegal_characters(value)
    first17 = value[:6] + "19" + value[6:]
    return first17 + check_char(first17)


def mask_identity_number(value: str) -> str:
    """First 4 and last 4 characters visible, the rest starred; works on unparsed values too."""
    text = _clean(value) if value else ""
    if len(text) <= 8:
        # Too short to show 8 characters without showing nearly all of it.
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


@dataclass(frozen=True)
class IdentityNumber:
    """A checked identity number and what it tells about its holder."""

    value: str
    id_type: IdType
    birth_date: date | None = None
    sex: Sex | None = None
    region_code: str | None = None
    upgraded_from: str | None = None
    # Findings about the input, not part of the number: two parses of one number are equal, and
    # Problem holds a dict, which would make the value unhashable.
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def masked(self) -> str:
        return mask_identity_number(self.value)

    def age_on(self, day: date) -> int | None:
        """Completed years on `day`; None when the number carries no birth date."""
        if self.birth_date is None:
            return None
        if day < self.birth_date:
            raise ValueError(f"{day} is before the birth date {self.birth_date}")
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    @property
    def province_name(self) -> str | None:
        if self.region_code is None:
            return None
        return HMT_PERMIT_REGIONS.get(self.region_code) or PROVINCES.get(self.region_code[:2])


def _reject_illegal_characters(value: str, *, skip: int = 0, allow_final_x: bool = False) -> None:
    """Name every character after the first `skip` that is not a digit (nor a final X if allowed)."""
    bad: list[str] = []
    for position, char in enumerate(value):
        if position < skip or char in "0123456789":
            continue
        if allow_final_x and char == "X" and position == len(value) - 1:
            continue
        if char not in bad:
            bad.append(char)
    if bad:
        characters = " ".join(f"“{char}”" for char in bad)
        raise IdentityNumberError("identity.illegal_characters", value=value, characters=characters)


def _birth_date(
    value: str, digits: str, *, shown: str, first: int, last: int, today: date
) -> tuple[date, list[Problem]]:
    """The YYYYMMDD `digits` as a date; `shown`, `first` and `last` say where the user sees them."""
    try:
        born: date | None = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        born = None
    if born is None or born < _EARLIEST_POSSIBLE_BIRTH:
        raise IdentityNumberError(
            "identity.birth_date_impossible", value=value, digits=shown, first=first, last=last
        )
    if born > today:
        raise IdentityNumberError(
            "identity.birth_date_future",
            value=value,
            birth_date=born.isoformat(),
            today=today.isoformat(),
        )
    warnings: list[Problem] = []
    if born < _EARLIEST_PLAUSIBLE_BIRTH:
        warnings.append(
            Problem("identity.birth_before_1900", {"value": value, "birth_date": born.isoformat()})
        )
    return born, warnings


def _verify_check_char(value: str) -> None:
    expected = check_char(value[:17])
    if value[17] != expected:
        if value.endswith("000"):
            raise IdentityNumberError("identity.excel_digits_lost", value=value)
        raise IdentityNumberError("identity.check_char", value=value, expected=expected, actual=value[17])


def _sex(sequence_digit: str) -> Sex:
    return Sex.MALE if int(sequence_digit) % 2 else Sex.FEMALE


def parse_identity_number(raw: str, *, today: date | None = None) -> IdentityNumber:
    """Check `raw` and classify it; raises IdentityNumberError with a coded reason."""
    today = today or date.today()
    value = normalise_identity_input(raw)
    if not value:
        raise IdentityNumberError("identity.empty")
    strange = [char for index, char in enumerate(value) if char not in _ALLOWED and char not in value[:index]]
    if strange:
        characters = " ".join(f"“{char}”" for char in strange)
        raise IdentityNumberError("identity.illegal_characters", value=value, characters=characters)
    if len(value) not in (15, 18):
        raise IdentityNumberError("identity.wrong_length", value=value, length=len(value))
    if value[:3].isalpha():
        return _parse_foreign_legacy(value)
    _reject_illegal_characters(value, allow_final_x=len(value) == 18)
    if len(value) == 15:
        return _parse_resident_15(value, today)
    if value[0] == "9":
        return _parse_foreign_2023(value, today)
    if value[0] == "0":
        # Address codes start with 1-8 and foreigners' numbers with 9 (NIA notice, 2023).
        raise IdentityNumberError("identity.unknown_format", value=value)
    born, warnings = _birth_date(value, value[6:14], shown=value[6:14], first=7, last=14, today=today)
    _verify_check_char(value)
    return _resident_or_permit(value, born, warnings, upgraded_from=None)


def _resident_or_permit(
    value: str, born: date, warnings: list[Problem], *, upgraded_from: str | None
) -> IdentityNumber:
    region = value[:6]
    if region in HMT_PERMIT_REGIONS:
        id_type = IdType.HMT_RESIDENCE_PERMIT
    else:
        id_type = IdType.RESIDENT
        if region[:2] not in PROVINCES or region[:2] in {"81", "82"}:
            # 81/82 are provinces, but HK/Macao people hold permits coded 810000/820000, never
            # resident numbers with a county part, so anything else there is likely mistyped.
            warnings.append(Problem("identity.region_unknown", {"value": value, "province_code": region[:2]}))
    if upgraded_from is not None:
        warnings.insert(0, Problem("identity.upgraded_from_15", {"original": upgraded_from, "value": value}))
    return IdentityNumber(
        value=value,
        id_type=id_type,
        birth_date=born,
        sex=_sex(value[16]),
        region_code=region,
        upgraded_from=upgraded_from,
        warnings=tuple(warnings),
    )


def _parse_resident_15(value: str, today: date) -> IdentityNumber:
    # GB 11643-1989: 6 address + YYMMDD + 3 sequence, no check character; these cards were
    # issued to people born in the 1900s, hence the fixed "19" of the upgrade.
    upgraded = upgrade_15_to_18(value)
    born, warnings = _birth_date(value, upgraded[6:14], shown=value[6:12], first=7, last=12, today=today)
    return _resident_or_permit(upgraded, born, warnings, upgraded_from=value)


def _parse_foreign_2023(value: str, today: date) -> IdentityNumber:
    # Card issued from 2023-12-01. Official: 18 characters, first "9" marks a foreigner (resident
    # numbers start 1-8), the last is the MOD 11-2 check as on resident cards, and the old 3-letter
    # country code became a numeric one (NIA adaptation notice 新版外国人永久居留身份证机读信息规则,
    # mirrored at http://www.eastcoms.com/service/pro/840.html). The field positions used here
    # ("9" + 2-digit province of the accepting office + 3-digit ISO 3166 numeric nationality +
    # YYYYMMDD + 3-digit sequence, odd = male) come from two independent implementations
    # (github.com/howardli/CredentialKit ForeignerPermanentResidenceIdNumberProcessor, whose test
    # reads 911398199012310021 as Beijing, Kazakhstan, 1990-12-31, female; and a public Python
    # generator of 2023 cards), not from the notice's own table, which we could not read.
    born, warnings = _birth_date(value, value[6:14], shown=value[6:14], first=7, last=14, today=today)
    _verify_check_char(value)
    province = value[1:3]
    if province not in PROVINCES:
        warnings.append(Problem("identity.region_unknown", {"value": value, "province_code": province}))
    return IdentityNumber(
        value=value,
        id_type=IdType.FOREIGN_PERMANENT_2023,
        birth_date=born,
        sex=_sex(value[16]),
        warnings=tuple(warnings),
    )


def _parse_foreign_legacy(value: str) -> IdentityNumber:
    # Old card (2004-2023): 3 Latin letters for the nationality + 12 digits (NIA notice above).
    # Third-party code reads the digits as 4-digit place of issue + YYMMDD + 1 sequence digit +
    # 1 check digit, but YYMMDD does not say the century and the sources disagree on the check
    # digit, so no birth date, sex or check is derived from it: staff enter those by hand.
    if len(value) != 15:
        # 18 characters starting with letters is neither the old card nor any 18-character form.
        raise IdentityNumberError("identity.unknown_format", value=value)
    _reject_illegal_characters(value, skip=3)
    return IdentityNumber(
        value=value,
        id_type=IdType.FOREIGN_PERMANENT_LEGACY,
        warnings=(Problem("identity.foreign_legacy_details", {"value": value}),),
    )


def is_valid_identity_number(raw: str, *, today: date | None = None) -> bool:
    """True when `raw` parses (warnings allowed)."""
    try:
        parse_identity_number(raw, today=today)
    except IdentityNumberError:
        return False
    return True
