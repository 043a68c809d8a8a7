"""One base for enums whose members carry their own words, in Chinese and in English."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from desktop_app.domain.bilingual import Bilingual


class _Words:
    """What every labelled enum offers: its member's words, whole or in one language.

    The words are declared beside the stored value (`DRAFT = "draft", "草稿", "draft"`), so a
    member and its words cannot drift apart, and a wording change is one line.
    """

    _words: Bilingual

    @property
    def words(self) -> Bilingual:
        """Both words as one message parameter: `{status:zh}` / `{status:en}` in the templates."""
        return self._words

    @property
    def label_zh(self) -> str:
        return self._words.zh

    @property
    def label_en(self) -> str:
        return self._words.en

    def label(self, language: str) -> str:
        """The word in `language` ("zh", "en", or a locale such as "en_US"); Chinese unless English."""
        return self._words.in_language(language)


class LabelledEnum(_Words, StrEnum):
    """A StrEnum whose members are declared as `NAME = value, chinese, english`.

    The value is what is stored and compared (a member equals its string), so columns and
    JSON keep today's strings; the words are only for people.
    """

    def __new__(cls, value: str, zh: str, en: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member._words = Bilingual(zh, en)
        return member


class LabelledIntEnum(_Words, IntEnum):
    """The same for numbered values (skill levels are stored as 1 … 5)."""

    def __new__(cls, value: int, zh: str, en: str):
        member = int.__new__(cls, value)
        member._value_ = value
        member._words = Bilingual(zh, en)
        return member
