"""A message parameter that carries its own Chinese and English wording (e.g. a status label)."""

from __future__ import annotations


class Bilingual(str):
    """A string that is Chinese by default and English when formatted with the spec "en".

    Message templates take one set of parameters for both languages, so a parameter that itself
    needs translating (a status or level label) is written `{status:zh}` in the Chinese template
    and `{status:en}` in the English one. It subclasses str so that problems stay printable and
    JSON-serialisable (as the Chinese text) wherever they are logged or stored.

    Only for problems worded while still in memory: once stored as JSON the parameter is a plain
    str, and "{status:en}" then fails. Problems whose parameters are stored (enrolment reasons)
    use plain values instead.
    """

    en: str

    def __new__(cls, zh: str, en: str) -> Bilingual:
        text = super().__new__(cls, zh)
        text.en = en
        return text

    @property
    def zh(self) -> str:
        return str.__str__(self)

    def in_language(self, language: str) -> str:
        """The English text for "en" (or a locale such as "en_US"), else the Chinese."""
        return self.en if language.strip().lower().startswith("en") else self.zh

    def __format__(self, spec: str) -> str:
        if spec == "en":
            return self.en
        if spec in ("", "zh"):
            return self.zh
        return format(self.zh, spec)

    def __repr__(self) -> str:
        return f"Bilingual({self.zh!r}, {self.en!r})"

    def __reduce__(self):  # copy/pickle must keep the English text, which str's own reduce drops
        return (Bilingual, (self.zh, self.en))


def join_bilingual(items: list[Bilingual] | tuple[Bilingual, ...], *, quote: bool = True) -> Bilingual:
    """Several labels as one parameter: “a”、“b” in Chinese, “a”, “b” in English."""
    if quote:
        return Bilingual("、".join(f"“{item.zh}”" for item in items), ", ".join(f"“{item.en}”" for item in items))
    return Bilingual("、".join(item.zh for item in items), ", ".join(item.en for item in items))
