"""Behaviour of skill levels and of reading them from typed or imported text."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app import messages
from desktop_app.domain import levels
from desktop_app.domain.levels import SkillLevel, SkillLevelError, parse_skill_level

CJK = re.compile(r"[\u4e00-\u9fff]")


def error_of(raw: object) -> SkillLevelError:
    with pytest.raises(SkillLevelError) as caught:
        parse_skill_level(raw)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("level", "label_zh", "label_en", "short_zh", "title_zh"),
    [
        (SkillLevel.LEVEL_1, "一级/高级技师", "Level 1 (senior technician)", "一级", "高级技师"),
        (SkillLevel.LEVEL_2, "二级/技师", "Level 2 (technician)", "二级", "技师"),
        (SkillLevel.LEVEL_3, "三级/高级工", "Level 3 (senior)", "三级", "高级工"),
        (SkillLevel.LEVEL_4, "四级/中级工", "Level 4 (intermediate)", "四级", "中级工"),
        (SkillLevel.LEVEL_5, "五级/初级工", "Level 5 (entry)", "五级", "初级工"),
    ],
)
def test_each_level_has_chinese_and_english_labels(level, label_zh, label_en, short_zh, title_zh):
    assert level.label_zh == label_zh
    assert level.label_en == label_en
    assert level.short_zh == short_zh
    assert level.title_zh == title_zh


def test_levels_are_stored_as_the_numbers_5_to_1():
    assert [int(level) for level in SkillLevel] == [1, 2, 3, 4, 5]
    assert SkillLevel(5) is SkillLevel.LEVEL_5
    assert SkillLevel.LEVEL_1 < SkillLevel.LEVEL_5


def test_only_level_5_is_the_entry_level_with_lower_minimum_hours():
    assert [level for level in SkillLevel if level.is_entry_level] == [SkillLevel.LEVEL_5]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1, 1), (2, 2), (3, 3), (4, 4), (5, 5),
        (5.0, 5),
        ("5", 5), (" 5 ", 5), ("５", 5), ("5级", 5), ("５级", 5), ("5 级", 5), ("5.0", 5),
        ("一级", 1), ("二级", 2), ("三级", 3), ("四级", 4), ("五级", 5), ("五級", 5),
        ("五级/初级工", 5), ("五级／初级工", 5), ("五级 / 初级工", 5), ("五级(初级工)", 5),
        ("五级（初级工）", 5), ("五级初级工", 5), ("5级/初级工", 5),
        ("一级/高级技师", 1), ("一级高级技师", 1), ("二级/技师", 2), ("三级/高级工", 3), ("四级/中级工", 4),
        ("初级", 5), ("初级工", 5), ("中级", 4), ("中级工", 4), ("高级", 3), ("高级工", 3),
        ("技师", 2), ("高级技师", 1), (" 高级技师 ", 1),
        ("Level 5", 5), ("level 5 (entry)", 5), ("LEVEL 1 (SENIOR TECHNICIAN)", 1),
    ],
)
def test_accepted_forms_are_read_as_the_right_level(raw, expected):
    assert parse_skill_level(raw) is SkillLevel(expected)


def test_high_level_short_form_is_senior_worker_not_senior_technician():
    assert parse_skill_level("高级") is SkillLevel.LEVEL_3
    assert parse_skill_level("高级技师") is SkillLevel.LEVEL_1


@pytest.mark.parametrize("level", list(SkillLevel))
def test_every_label_reads_back_as_its_level(level):
    for text in (level.label_zh, level.label_en, level.short_zh, level.title_zh, str(int(level))):
        assert parse_skill_level(text) is level


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "level.empty"),
        ("   ", "level.empty"),
        ("\u3000", "level.empty"),
        (0, "level.out_of_range"),
        (6, "level.out_of_range"),
        (-1, "level.out_of_range"),
        (6.0, "level.out_of_range"),
        ("0", "level.out_of_range"),
        ("6", "level.out_of_range"),
        ("６", "level.out_of_range"),
        ("六级", "level.unknown"),
        ("专家", "level.unknown"),
        ("abc", "level.unknown"),
        ("4.5", "level.unknown"),
        ("/", "level.unknown"),
        (True, "level.unknown"),
        ("五级/技师", "level.conflict"),
        ("高级/初级", "level.conflict"),
        ("3级(初级工)", "level.conflict"),
    ],
)
def test_unreadable_levels_are_rejected_with_a_distinct_code(raw, code):
    error = error_of(raw)
    assert error.code == code
    assert isinstance(error, messages.UserFacingError)
    zh, en = error.message("zh"), error.message("en")
    assert zh != en and CJK.search(zh)
    if "value" in error.params:
        assert error.params["value"] in zh and error.params["value"] in en


def test_unknown_level_message_echoes_the_value_and_lists_the_accepted_forms():
    zh = error_of("专家").message("zh")
    assert "专家" in zh
    for form in ("1 到 5", "五级/初级工", "初级工", "中级工", "高级工", "技师", "高级技师"):
        assert form in zh


def test_conflicting_level_message_names_both_parts():
    error = error_of("五级/技师")
    assert (error.params["first"], error.params["second"]) == ("五级", "技师")


@given(st.text())
def test_parser_raises_nothing_but_skill_level_errors_on_arbitrary_text(raw):
    try:
        level = parse_skill_level(raw)
    except SkillLevelError as error:
        assert error.code in levels.MESSAGES
        error.message("zh")
        error.message("en")
    else:
        assert level in SkillLevel


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_integers_outside_1_to_5_are_out_of_range(n):
    assert error_of(n).code == "level.out_of_range"


def test_every_level_message_code_is_registered_in_both_languages_with_the_same_fields():
    for code, (zh, en) in levels.MESSAGES.items():
        assert code.startswith("level.")
        assert code in messages.known_codes()
        assert CJK.search(zh) and en.strip()
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields_zh == fields_en, code


def test_every_level_message_code_is_reachable():
    examples = {"level.empty": "", "level.unknown": "专家", "level.conflict": "五级/技师", "level.out_of_range": 6}
    assert set(examples) == set(levels.MESSAGES)
    for code, raw in examples.items():
        assert error_of(raw).code == code
