"""One set of limits for the free-text fields people and files fill in: how long each may be and
which characters it may hold, checked before anything is written.

SQLite stores a text of any length in a VARCHAR(20) column while PostgreSQL refuses it and aborts
the whole transaction, so a 21-character 民族 imported on one database and failed with an
unexpected error on the other. These rules are stricter than both, and the same for both: a
value that passes fits every column it goes into (a test compares each limit with its column),
and one that does not is refused with the field, the value and the limit named.

Every text field refuses characters that are not text: control characters (ESC can drive a
terminal, NUL truncates elsewhere), line and paragraph separators, and the bidirectional
overrides that make a text read differently from what it holds. Codes (the class code) are
also limited to letters, digits and a few separators, because they appear in file names,
batch identifiers and command lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import Problem, register

register(
    {
        "field.too_long": (
            "{what:zh}“{value}”有 {length} 个字，最多只能 {maximum} 个字，请改短后再试。",
            "{what:en} “{value}” has {length} characters; at most {maximum} are allowed. Shorten it and try again.",
        ),
        "field.not_text": (
            "{what:zh}“{value}”中含有不能保存的字符 {characters}（控制字符、换行或文字方向控制符），请删去后再试。",
            "{what:en} “{value}” holds characters that cannot be stored: {characters} (control characters, line "
            "breaks or text-direction overrides). Remove them and try again.",
        ),
        "field.code_characters": (
            "{what:zh}“{value}”只能由字母、数字和 - _ . 组成（以字母或数字开头），不能含有 {characters}。",
            "{what:en} “{value}” may hold only letters, digits and - _ . (starting with a letter or digit), "
            "not {characters}.",
        ),
    }
)


class LimitedField(LabelledEnum):
    """The fields these limits cover, with the words that name them in messages."""

    ETHNICITY = "ethnicity", "民族", "Ethnicity"
    BANK_NAME = "bank_name", "开户银行", "Bank"
    CLASS_CODE = "class_code", "班级编号", "Class code"
    CLASS_NAME = "class_name", "班级名称", "Class name"
    CLASS_LOCATION = "class_location", "上课地点", "Location"


@dataclass(frozen=True)
class TextLimit:
    field: LimitedField
    maximum: int  # characters; never more than the column it is stored in (tests check it)
    code: bool = False  # letters, digits, - _ . only


LIMITS: dict[LimitedField, TextLimit] = {
    LimitedField.ETHNICITY: TextLimit(LimitedField.ETHNICITY, 20),
    LimitedField.BANK_NAME: TextLimit(LimitedField.BANK_NAME, 60),
    LimitedField.CLASS_CODE: TextLimit(LimitedField.CLASS_CODE, 40, code=True),
    LimitedField.CLASS_NAME: TextLimit(LimitedField.CLASS_NAME, 100),
    LimitedField.CLASS_LOCATION: TextLimit(LimitedField.CLASS_LOCATION, 200),
}

# Where each limited field is stored: (table, column) — the column must be at least as long.
COLUMNS: dict[LimitedField, tuple[str, str]] = {
    LimitedField.ETHNICITY: ("trainee", "ethnicity"),
    LimitedField.BANK_NAME: ("trainee", "bank_name"),
    LimitedField.CLASS_CODE: ("training_class", "code"),
    LimitedField.CLASS_NAME: ("training_class", "name"),
    LimitedField.CLASS_LOCATION: ("training_class", "location"),
}

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def _not_text(character: str) -> bool:
    return character in _BIDI_CONTROLS or unicodedata.category(character) in ("Cc", "Cs", "Zl", "Zp")


def _shown(characters: list[str]) -> str:
    return "、".join(f"U+{ord(c):04X}" for c in characters)


def text_problem(field: LimitedField, value: str | None) -> Problem | None:
    """What is wrong with `value` for `field` (None: nothing; an empty value is always fine here)."""
    if not value:
        return None
    limit = LIMITS[field]
    strange = sorted(set(filter(_not_text, value)))
    if strange:
        return Problem("field.not_text", {"what": field.words, "value": value, "characters": _shown(strange)})
    if len(value) > limit.maximum:
        return Problem("field.too_long", {"what": field.words, "value": value, "length": len(value),
                                          "maximum": limit.maximum})
    if limit.code and not _CODE.fullmatch(value):
        others = sorted({c for c in value if not (c.isascii() and (c.isalnum() or c in "._-"))})
        shown = "、".join(f"“{c}”" if c.isprintable() and not c.isspace() else f"U+{ord(c):04X}" for c in others) or f"“{value[0]}”"
        return Problem("field.code_characters", {"what": field.words, "value": value, "characters": shown})
    return None


__all__ = ["COLUMNS", "LIMITS", "LimitedField", "TextLimit", "text_problem"]
