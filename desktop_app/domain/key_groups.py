"""人员类别 as people write them: matching a roster's words to the key groups of the reference data.

Registrars copy the plan's own wording (苏政办发〔2019〕71号: 农村转移就业劳动者, 城乡未继续升学
初高中毕业生), drop or keep the parenthesised note, type half- or full-width brackets, or use
the short forms everybody uses (两后生, 新生代农民工, 低保, 建档立卡, 退役军人). Each of these
finds its group. A word that fits several groups (毕业生: 城乡未继续升学初高中毕业生 or 高校毕业生)
is refused with the candidates named, never guessed.

The groups' names come from the reference data (codes are stable); the common forms below are
keyed by code and apply only to the groups the reference data has."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The ways the plan and registrars write a group besides its name, by the group's code.
COMMON_FORMS: Mapping[str, tuple[str, ...]] = {
    "enterprise_employee": ("企业员工", "在职职工", "职工"),
    "rural_migrant_worker": ("农村转移就业劳动者特别是新生代农民工", "农村转移劳动力", "新生代农民工", "农民工",
                             "返乡农民工", "农村转移就业人员"),
    "non_continuing_graduate": ("两后生", "农村未继续升学初高中毕业生", "未继续升学初高中毕业生",
                                "城乡未继续升学初高中毕业生等青年", "未升学初高中毕业生"),
    "laid_off_unemployed": ("下岗人员", "失业人员", "下岗职工", "去产能企业失业人员"),
    "veteran": ("退役士兵", "退伍军人"),
    "employment_difficulty": ("就业困难人员(含残疾人)", "就业困难"),
    "disabled": ("残疾人员", "残障人士"),
    "registered_poor_household": ("建档立卡", "建档立卡低收入农户", "建档立卡低收入农户中的劳动力", "建档立卡户",
                                  "建档立卡低收入农户劳动力", "建档立卡贫困户"),
    "urban_rural_dibao": ("低保", "低保对象", "城乡低保对象", "城乡低保对象中的劳动力", "低保户", "农村低保"),
    "zero_employment_family": ("零就业家庭",),
    "urban_dibao_family_student": ("城市低保家庭学生",),
    "entrepreneur_aspirant": ("有创业意愿的劳动者", "创业者"),
    "professional_farmer": ("职业农民", "新型职业农民", "农村实用人才带头人", "农村实用人才"),
    "poor_family_child_or_village_leader": ("贫困家庭子女", "贫困村创业致富带头人", "经济薄弱村创业致富带头人"),
    "high_risk_special_operation": ("高危行业领域从业人员", "高危行业从业人员", "特种作业人员", "各类特种作业人员"),
    "college_graduate": ("离校未就业高校毕业生", "大学毕业生", "高校应届毕业生"),
}

# Brackets around a note: (…) [..] 【…】 〔…〕 and their full-width forms (NFKC makes （） into ()).
_NOTE = re.compile(r"[\(\[【〔〈《][^\)\]】〕〉》]*[\)\]】〕〉》]")
# A fragment shorter than this is not matched inside longer names (人员, 学生 would fit wrongly).
_MIN_PART = 3


def fold(text: str) -> str:
    """For matching: full-width to half-width, no whitespace or quotes, case ignored."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "\"'“”‘’").casefold()


def without_note(text: str) -> str:
    return _NOTE.sub("", fold(text))


@dataclass(frozen=True)
class KeyGroupMatch:
    """What one piece of text means: a code, or the candidates when it fits several (else none)."""

    text: str
    code: str | None = None
    candidates: tuple[str, ...] = ()  # the names of the groups an ambiguous piece fits


class KeyGroupMatcher:
    """Built once per import from the reference data's (code, name) pairs."""

    def __init__(self, groups: Iterable[tuple[str, str]]) -> None:
        self.names: dict[str, str] = {}
        self._exact: dict[str, set[str]] = {}
        for code, name in groups:
            self.names[code] = name
            for form in (code, name, without_note(name), *self._notes(name), *COMMON_FORMS.get(code, ())):
                for key in {fold(form), without_note(form)}:
                    if key:
                        self._exact.setdefault(key, set()).add(code)

    @staticmethod
    def _notes(name: str) -> list[str]:
        # 农村转移就业劳动者（含新生代农民工）: the note names the group too (新生代农民工, 两后生).
        found = []
        for note in _NOTE.findall(fold(name)):
            inner = note[1:-1]
            found.append(inner[1:] if inner.startswith("含") else inner)
        return found

    def allowed_names(self) -> list[str]:
        """The reference data's names, in its order: the one list the instructions show."""
        return list(self.names.values())

    def match(self, text: str) -> KeyGroupMatch:
        shown = " ".join(unicodedata.normalize("NFKC", text or "").split())
        for key in (fold(text), without_note(text)):
            codes = self._exact.get(key)
            if codes:
                return self._decided(shown, codes)
        # A part of a name ("高危行业从业人员" of "高危行业从业人员和特种作业人员"): one group, or the candidates.
        key = without_note(text)
        if len(key) >= _MIN_PART:
            codes = {code for form, found in self._exact.items() if key in form for code in found}
            if codes:
                return self._decided(shown, codes)
        return KeyGroupMatch(shown)

    def _decided(self, shown: str, codes: set[str]) -> KeyGroupMatch:
        if len(codes) == 1:
            return KeyGroupMatch(shown, code=next(iter(codes)))
        ordered = [code for code in self.names if code in codes]
        return KeyGroupMatch(shown, candidates=tuple(self.names[code] for code in ordered))
