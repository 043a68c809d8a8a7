"""Vocational skill levels (五级/初级工 … 一级/高级技师) and reading them from what people type."""

from __future__ import annotations

import re

from desktop_app.domain.labelled import LabelledIntEnum
from desktop_app.messages import UserFacingError, register

MESSAGES = register(
    {
        "level.empty": (
            "技能等级是空的。请填写 1 到 5 级中的一个，例如“五级/初级工”或“4”。",
            "The skill level is empty. Enter one of levels 1 to 5, for example “五级/初级工” or “4”.",
        ),
        "level.unknown": (
            "“{value}”不是能识别的技能等级。可以这样填写：数字 1 到 5，“一级”到“五级”，"
            "“五级/初级工”，或“初级工”“中级工”“高级工”“技师”“高级技师”（也可以只写“初级”“中级”“高级”）。",
            "“{value}” is not a skill level this software recognises. Accepted forms: the digits 1 to "
            "5, “一级” to “五级”, “五级/初级工”, or “初级工”, “中级工”, “高级工”, “技师”, “高级技师” "
            "(“初级”, “中级”, “高级” also work), or “Level 5” to “Level 1”.",
        ),
        "level.conflict": (
            "“{value}”前后说的不是同一个等级（“{first}”和“{second}”不一致）。"
            "请只填写一个等级，例如“五级/初级工”。",
            "“{value}” names two different levels (“{first}” and “{second}” disagree). Enter a "
            "single level, for example “五级/初级工”.",
        ),
        "level.out_of_range": (
            "技能等级“{value}”不存在：等级只有 1 到 5（一级/高级技师 到 五级/初级工）。"
            "请改为 1 到 5 之间的数字。",
            "Skill level “{value}” does not exist: levels run from 1 (一级/高级技师) to 5 "
            "(五级/初级工). Enter a number from 1 to 5.",
        ),
    }
)


class SkillLevelError(UserFacingError):
    """A skill level that cannot be read; the message lists the accepted forms."""


_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}
_TITLES_ZH = {1: "高级技师", 2: "技师", 3: "高级工", 4: "中级工", 5: "初级工"}
_TITLES_EN = {1: "senior technician", 2: "technician", 3: "senior", 4: "intermediate", 5: "entry"}


def _level(number: int) -> tuple[int, str, str]:
    """A level's number and its words, "四级/中级工" and "Level 4 (intermediate)"."""
    return number, f"{_NUMERALS[number]}级/{_TITLES_ZH[number]}", f"Level {number} ({_TITLES_EN[number]})"


class SkillLevel(LabelledIntEnum):
    """Stored as 5 (entry) … 1 (highest), the numbering of the national skill-level system."""

    LEVEL_1 = _level(1)
    LEVEL_2 = _level(2)
    LEVEL_3 = _level(3)
    LEVEL_4 = _level(4)
    LEVEL_5 = _level(5)

    @property
    def short_zh(self) -> str:
        return _NUMERALS[self.value] + "级"

    @property
    def title_zh(self) -> str:
        return _TITLES_ZH[self.value]

    @property
    def is_entry_level(self) -> bool:
        # Minimum hours differ: 初级 needs fewer lesson hours than 中级 and above.
        return self is SkillLevel.LEVEL_5


_TOKENS: dict[str, int] = {}
for _level in range(1, 6):
    _TOKENS[str(_level)] = _level
    _TOKENS[f"{_level}级"] = _level
    _TOKENS[_NUMERALS[_level]] = _level
    _TOKENS[_NUMERALS[_level] + "级"] = _level
    _TOKENS[_TITLES_ZH[_level]] = _level
    _TOKENS[f"level{_level}"] = _level
    _TOKENS[_TITLES_EN[_level].replace(" ", "")] = _level
# Short titles: "高级" means 高级工 (level 3); "高级技师" is matched whole, so there is no clash.
_TOKENS.update({"初级": 5, "中级": 4, "高级": 3})

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！ … ～ to ASCII
_FULL_WIDTH[ord("級")] = ord("级")
_SEPARATORS = re.compile(r"[/()、|,;]+")
_EXCEL_FLOAT = re.compile(r"([1-9])\.0+", re.ASCII)
_NUMBER = re.compile(r"-?[0-9]+", re.ASCII)
# "五级初级工" written without a separator: split after the leading "<numeral>级".
_LEVEL_THEN_TITLE = re.compile(r"([1-5一二三四五]级)(.+)")


def _clean(raw: str) -> str:
    return "".join(str(raw).split()).translate(_FULL_WIDTH).lower()


def _token_level(token: str) -> int | None:
    if token in _TOKENS:
        return _TOKENS[token]
    excel = _EXCEL_FLOAT.fullmatch(token)
    if excel:
        # Spreadsheets hand numeric cells over as 5.0.
        return _TOKENS.get(excel.group(1))
    return None


def parse_skill_level(raw: str | int) -> SkillLevel:
    """The level meant by `raw`: 5, "5", "5级", "五级", "五级/初级工", "初级", "初级工", "Level 5" …"""
    if isinstance(raw, bool):
        raise SkillLevelError("level.unknown", value=str(raw))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        if 1 <= raw <= 5:
            return SkillLevel(raw)
        raise SkillLevelError("level.out_of_range", value=str(raw))
    text = _clean(raw)
    if not text:
        raise SkillLevelError("level.empty")
    parts: list[str] = []
    for token in _SEPARATORS.split(text):
        if not token:
            continue
        split = _LEVEL_THEN_TITLE.fullmatch(token)
        if _token_level(token) is None and split:
            parts.extend(split.groups())
        else:
            parts.append(token)
    if not parts:
        raise SkillLevelError("level.unknown", value=str(raw).strip())
    levels: list[tuple[str, int]] = []
    for part in parts:
        level = _token_level(part)
        if level is None:
            if _NUMBER.fullmatch(part):
                raise SkillLevelError("level.out_of_range", value=str(raw).strip())
            raise SkillLevelError("level.unknown", value=str(raw).strip())
        levels.append((part, level))
    first_part, first_level = levels[0]
    for part, level in levels[1:]:
        if level != first_level:
            raise SkillLevelError("level.conflict", value=str(raw).strip(), first=first_part, second=part)
    return SkillLevel(first_level)
