"""Occupation codes of the 职业分类大典, keyed by edition because codes changed between editions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.messages import UserFacingError, register

MESSAGES = register(
    {
        "occupation.empty": (
            "职业编码是空的。请按《职业分类大典》填写 4 段编码，例如 4-10-01-06（家政服务员）。",
            "The occupation code is empty. Enter the four-part code from the occupational "
            "classification (职业分类大典), for example 4-10-01-06 (家政服务员).",
        ),
        "occupation.format": (
            "职业编码“{value}”的格式不对。正确的格式是“1 位数字-2 位数字-2 位数字-2 位数字”，"
            "例如 {example}。请对照《职业分类大典》或省平台的职业目录重新填写。",
            "Occupation code “{value}” is not in the right format. It must be one digit, then three "
            "groups of two digits, separated by dashes, for example {example}. Copy it again from the "
            "occupational classification or the provincial platform's list of occupations.",
        ),
        "occupation.major_category": (
            "职业编码“{value}”的第一位是“{digit}”，但《职业分类大典》的大类只有 1 到 8。"
            "请核对第一位数字，例如 {example}。",
            "Occupation code “{value}” starts with “{digit}”, but the major categories of the "
            "occupational classification run from 1 to 8. Check the first digit; an example is {example}.",
        ),
        "occupation.edition_unknown": (
            "“{value}”不是本系统认识的《职业分类大典》版本。请填写 {editions} 中的一个。",
            "“{value}” is not an edition of the occupational classification this software knows. "
            "Enter one of {editions}.",
        ),
    }
)

KNOWN_EDITIONS = ("2015", "2022")
EXAMPLE_CODE = "4-10-01-06"


class OccupationCodeError(UserFacingError):
    """An occupation code or edition that cannot be read."""


_FULL_WIDTH_DIGITS = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
# Dash look-alikes that Chinese input methods and Word produce instead of "-".
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_CANONICAL = re.compile(r"([0-9])-([0-9]{2})-([0-9]{2})-([0-9]{2})", re.ASCII)
_UNDASHED = re.compile(r"([0-9])([0-9]{2})([0-9]{2})([0-9]{2})", re.ASCII)
_EDITION = re.compile(r"([0-9]{4})(?:年版|年|版)?", re.ASCII)


def _clean(raw: object) -> str:
    return "".join(str(raw).split()).translate(_FULL_WIDTH_DIGITS).translate(_DASHES)


def normalise_occupation_code(raw: str) -> str:
    """The code as D-DD-DD-DD; accepts full-width digits, other dashes, spaces and 7 bare digits."""
    value = _clean(raw)
    if not value:
        raise OccupationCodeError("occupation.empty")
    match = _CANONICAL.fullmatch(value) or _UNDASHED.fullmatch(value)
    if match is None:
        raise OccupationCodeError("occupation.format", value=value, example=EXAMPLE_CODE)
    major = match.group(1)
    if not "1" <= major <= "8":
        raise OccupationCodeError("occupation.major_category", value=value, digit=major, example=EXAMPLE_CODE)
    return "-".join(match.groups())


def parse_edition(raw: str | int) -> str:
    """The edition year as text: 2015, "2015", "２０２２", "2022版", "2022年版" …"""
    value = _clean(raw)
    match = _EDITION.fullmatch(value)
    if match is None or match.group(1) not in KNOWN_EDITIONS:
        raise OccupationCodeError("occupation.edition_unknown", value=value, editions=" / ".join(KNOWN_EDITIONS))
    return match.group(1)


@dataclass(frozen=True, order=True)
class OccupationKey:
    """One occupation: the same code can mean different occupations in different editions."""

    edition: str
    code: str

    def __post_init__(self) -> None:
        # Keys are compared and stored as given, so only canonical values may get in.
        if self.edition not in KNOWN_EDITIONS:
            raise OccupationCodeError(
                "occupation.edition_unknown", value=self.edition, editions=" / ".join(KNOWN_EDITIONS)
            )
        if normalise_occupation_code(self.code) != self.code:
            raise OccupationCodeError("occupation.format", value=self.code, example=EXAMPLE_CODE)

    @classmethod
    def parse(cls, edition: str | int, code: str) -> OccupationKey:
        """A key from what a person typed or a spreadsheet held."""
        return cls(parse_edition(edition), normalise_occupation_code(code))
