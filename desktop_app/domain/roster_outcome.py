"""What importing a roster did, or in a preview will do, with one spreadsheet row."""

from __future__ import annotations

from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.labelled import LabelledEnum


class RosterOutcome(LabelledEnum):
    """The words say what was done; `preview_words` what an import would do."""

    ENROLLED = "enrolled", "已报名", "Enrolled"
    ENROLLED_WITHOUT_SUBSIDY = "enrolled_without_subsidy", "已报名（不享受补贴）", "Enrolled (no subsidy)"
    ALREADY_ENROLLED = "already_enrolled", "已在班中", "Already in the class"
    REJECTED = "rejected", "未导入", "Not imported"

    @property
    def enrols(self) -> bool:
        """The row becomes (or would become) an enrolment in the class."""
        return self in (RosterOutcome.ENROLLED, RosterOutcome.ENROLLED_WITHOUT_SUBSIDY)

    @property
    def preview_words(self) -> Bilingual:
        return _PREVIEW_WORDS[self]


_PREVIEW_WORDS = {
    RosterOutcome.ENROLLED: Bilingual("将报名", "Will enrol"),
    RosterOutcome.ENROLLED_WITHOUT_SUBSIDY: Bilingual("将报名（不享受补贴）", "Will enrol (no subsidy)"),
    RosterOutcome.ALREADY_ENROLLED: Bilingual("已在班中", "Already in the class"),
    RosterOutcome.REJECTED: Bilingual("不能导入", "Cannot import"),
}
