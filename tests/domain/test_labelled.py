"""The labelled-enum base: members carry their words in both languages, and every labelled enum
of the domain gives every member both words."""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import pkgutil
import re

import pytest

import desktop_app.domain
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.labelled import LabelledEnum, LabelledIntEnum

CJK = re.compile(r"[\u3400-\u9fff]")


class Colour(LabelledEnum):
    RED = "red", "红色", "red"
    DARK_BLUE = "dark_blue", "深蓝", "dark blue"


class Grade(LabelledIntEnum):
    FIRST = 1, "一等", "first"
    SECOND = 2, "二等", "second"


def test_a_member_is_its_stored_value_and_carries_both_words():
    assert Colour("dark_blue") is Colour.DARK_BLUE and Colour.DARK_BLUE == "dark_blue"
    assert str(Colour.DARK_BLUE) == f"{Colour.DARK_BLUE}" == "dark_blue"
    assert json.dumps({Colour.RED: Colour.RED}) == '{"red": "red"}'
    assert (Colour.DARK_BLUE.label_zh, Colour.DARK_BLUE.label_en) == ("深蓝", "dark blue")
    assert Grade(2) is Grade.SECOND and Grade.SECOND == 2 and Grade.SECOND.label_zh == "二等"


def test_label_reads_the_word_of_a_language_and_chinese_unless_english():
    assert Colour.DARK_BLUE.label("zh") == "深蓝"
    assert Colour.DARK_BLUE.label("en") == "dark blue"
    assert Colour.DARK_BLUE.label("en_US.UTF-8") == "dark blue"
    assert Colour.DARK_BLUE.label("zh_CN") == "深蓝"
    assert Grade.FIRST.label("en") == "first"


def test_words_are_one_message_parameter_for_both_templates():
    words = Colour.DARK_BLUE.words
    assert isinstance(words, Bilingual)
    assert f"{words:zh}" == "深蓝" and f"{words:en}" == "dark blue" and str(words) == "深蓝"
    assert words.in_language("en") == "dark blue"


def test_members_survive_copy_and_pickle():
    assert pickle.loads(pickle.dumps(Colour.RED)) is Colour.RED
    assert copy.deepcopy(Grade.SECOND) is Grade.SECOND


def _labelled_enums() -> list[type]:
    for module in pkgutil.walk_packages(desktop_app.domain.__path__, "desktop_app.domain."):
        importlib.import_module(module.name)
    found, pending = [], [LabelledEnum, LabelledIntEnum]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("desktop_app.") and list(subclass):
                found.append(subclass)
    return sorted(found, key=lambda kind: kind.__name__)


LABELLED = _labelled_enums()


def test_the_domain_has_its_labelled_enums():
    names = {kind.__name__ for kind in LABELLED}
    assert {"AssessmentResult", "AttendanceStatus", "BatchState", "CertificateKind", "CertificateStatus",
            "ClassStatus", "IdType", "Period", "Permission", "Role", "RosterOutcome", "SessionKind",
            "SessionStatus", "Sex", "SkillLevel", "Verdict"} <= names


@pytest.mark.parametrize("kind", LABELLED, ids=lambda kind: kind.__name__)
def test_every_member_has_a_chinese_and_an_english_word(kind):
    for member in kind:
        assert CJK.search(member.label_zh), (member, member.label_zh)
        assert member.label_en.strip() and not CJK.search(member.label_en), (member, member.label_en)
        assert member.label("zh") == member.label_zh and member.label("en") == member.label_en
    # Two members with the same word in a language could not be told apart on screen.
    assert len({member.label_zh for member in kind}) == len(kind)
    assert len({member.label_en for member in kind}) == len(kind)
