"""Assessment results (考核成绩) as people type them: scores, 合格/不合格, 补考.

Scores are kept in TENTHS of a point (0..1000), so 85.5 is 855 and no float is ever stored.

One rule decides 合格/不合格 from the scores, for the grid, the import and the CLI alike
(`decide_result`): both parts at or above the policy's pass marks pass, a part below its mark
fails; a result typed against that is refused with the reason, unless a written override reason
is given (the caller audits it).
A score is read from what a spreadsheet cell or a grid shows: "85", "85.5", "８５", "85分";
an empty text is no score, and 缺考 (absent) is no score too, told apart by `is_absent`
(and a note, when the caller asks for notes). Everything else — negative numbers, more than
100 points, two decimals, words — is refused with a coded error that echoes the value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import Problem, UserFacingError, register

__all__ = [
    "ABSENT_WORDS",
    "FAIL_WORDS",
    "MAX_SCORE",
    "PASS_WORDS",
    "AssessmentResult",
    "AssessmentValueError",
    "Decision",
    "PassMarks",
    "decide_result",
    "derive_result",
    "format_score",
    "is_absent",
    "parse_result",
    "parse_retake",
    "parse_score",
]

register(
    {
        "assessment.score_unreadable": (
            "“{value}”不是能识别的分数。请填写 0 到 100 之间的数字（最多一位小数，如“85”或“85.5”），缺考的填“缺考”。",
            "“{value}” is not a score this software can read. Enter a number from 0 to 100 (at most one "
            "decimal, such as “85” or “85.5”), or “缺考” for an absent trainee.",
        ),
        "assessment.score_negative": (
            "分数“{value}”是负数。分数在 0 到 100 之间，请改正。",
            "The score “{value}” is negative. Scores run from 0 to 100; correct it.",
        ),
        "assessment.score_too_high": (
            "分数“{value}”超过 100 分。满分是 100 分，请改正（百分制以外的成绩请先换算成百分制）。",
            "The score “{value}” is above 100. The full mark is 100; correct it (convert other scales to 100 "
            "points first).",
        ),
        "assessment.score_too_precise": (
            "分数“{value}”的小数超过一位。请只保留一位小数，如“85.5”。",
            "The score “{value}” has more than one decimal. Keep a single decimal, such as “85.5”.",
        ),
        "assessment.score_absent": (
            "“{value}”：缺考，没有分数。",
            "“{value}”: absent from the assessment, no score.",
        ),
        "assessment.result_unreadable": (
            "考核结果“{value}”无法识别。请填写“合格”或“不合格”（也可写“通过”“未通过”“及格”“不及格”）。",
            "The result “{value}” cannot be read. Enter “合格” (pass) or “不合格” (fail); “通过”, “未通过”, "
            "“及格”, “不及格” also work.",
        ),
        "assessment.retake_unreadable": (
            "补考一栏的“{value}”无法识别。是补考的填“是”，不是的填“否”或留空。",
            "“{value}” in the retake column cannot be read. Enter “是” for a retake, “否” or nothing otherwise.",
        ),
        "assessment.result_contradicts": (
            "考核结果填的是“{given:zh}”，但{why:zh}，按成绩应为“{derived:zh}”。请改正成绩或结果；"
            "确需按“{given:zh}”登记的，须写明理由（理由记入审计日志）。",
            "The result given is “{given:en}”, but {why:en}, so the scores make it “{derived:en}”. Correct the "
            "scores or the result; to record “{given:en}” all the same, write down the reason (it is kept in the "
            "audit log).",
        ),
        "assessment.override_reason_too_long": (
            "理由有 {length} 个字，超过了 {maximum} 字的上限。请精简。",
            "The reason is {length} characters long, more than the limit of {maximum}. Shorten it.",
        ),
    }
)

MAX_SCORE = 1000  # tenths of a point: 100 points


class AssessmentResult(LabelledEnum):
    """The assessment's verdict as stored; no result yet (or 缺考) is None, not a member."""

    PASS = "pass", "合格", "Pass"
    FAIL = "fail", "不合格", "Fail"


class AssessmentValueError(UserFacingError):
    """A score, result or retake text that cannot be read; params["value"] is the text as given."""


def _fold(text: str) -> str:
    """For matching: full-width to half-width, no whitespace at all, case ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


ABSENT_WORDS = frozenset({"缺考", "缺席", "缺", "未考", "未参考", "未参加", "未参加考试", "弃考", "absent"})
PASS_WORDS = frozenset({"合格", "通过", "及格", "是", "已通过", "考核合格", "考试合格", "优秀", "良好", "中等",
                        "pass", "passed", "y", "yes", "√", "✓", "✔"})
FAIL_WORDS = frozenset({"不合格", "未通过", "不通过", "没通过", "不及格", "否", "考核不合格", "考试不合格",
                        "fail", "failed", "n", "no", "×", "✗", "✘", "x"})
_RETAKE_YES = frozenset({"是", "补考", "已补考", "有", "y", "yes", "true", "1", "√", "✓", "✔"})
_RETAKE_NO = frozenset({"否", "不是", "无", "首考", "初考", "正考", "n", "no", "false", "0", "×", "✗", "✘", "x", "-", "/"})
_ABSENT = frozenset(_fold(word) for word in ABSENT_WORDS)
_PASS = frozenset(_fold(word) for word in PASS_WORDS)
_FAIL = frozenset(_fold(word) for word in FAIL_WORDS)
_YES = frozenset(_fold(word) for word in _RETAKE_YES)
_NO = frozenset(_fold(word) for word in _RETAKE_NO)

_NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<whole>\d*)(?:\.(?P<fraction>\d*))?", re.ASCII)
_MINUS_SIGNS = {ord(char): "-" for char in "\u2212\u2012\u2013\u2014"}  # NFKC leaves these; people type them


def is_absent(text: str | None) -> bool:
    """True when `text` says the trainee missed the assessment (缺考, 缺席, 未参加 …)."""
    return bool(text) and _fold(text) in _ABSENT


def parse_score(text: str | None, *, notes: list[Problem] | None = None) -> int | None:
    """The score in tenths of a point, or None for an empty text or 缺考.

    For 缺考 (see is_absent) an "assessment.score_absent" note is added to `notes` when given.
    Raises AssessmentValueError: score_unreadable, score_negative, score_too_high,
    score_too_precise (more than one decimal), each with params["value"] = the text.
    """
    if text is None:
        return None
    shown = text.strip()
    if not shown:
        return None
    folded = _fold(shown).translate(_MINUS_SIGNS)
    if folded in _ABSENT:
        if notes is not None:
            notes.append(Problem("assessment.score_absent", {"value": shown}))
        return None
    if folded.endswith("分"):
        folded = folded[:-1]
    match = _NUMBER.fullmatch(folded)
    if match is None or not (match["whole"] or match["fraction"]):
        raise AssessmentValueError("assessment.score_unreadable", value=shown)
    fraction = (match["fraction"] or "").rstrip("0")
    if len(fraction) > 1:
        raise AssessmentValueError("assessment.score_too_precise", value=shown)
    tenths = int(match["whole"] or "0") * 10 + int(fraction or "0")
    if match["sign"] == "-" and tenths:
        raise AssessmentValueError("assessment.score_negative", value=shown)
    if tenths > MAX_SCORE:
        raise AssessmentValueError("assessment.score_too_high", value=shown)
    return tenths


def format_score(tenths: int | None) -> str:
    """A score for display: 855 -> "85.5", 850 -> "85", None -> ""."""
    if tenths is None:
        return ""
    whole, tenth = divmod(tenths, 10)
    return f"{whole}.{tenth}" if tenth else str(whole)


def parse_result(text: str | None) -> AssessmentResult | None:
    """PASS for 合格/通过/及格/是/pass (and the grades 优秀/良好/中等), FAIL for
    不合格/未通过/不及格/否/fail, None for an empty text or 缺考; raises result_unreadable."""
    if text is None or not text.strip():
        return None
    folded = _fold(text)
    if folded in _PASS:
        return AssessmentResult.PASS
    if folded in _FAIL:
        return AssessmentResult.FAIL
    if folded in _ABSENT:
        return None
    raise AssessmentValueError("assessment.result_unreadable", value=text.strip())


def parse_retake(text: str | None) -> bool:
    """True for 是/补考/Y/√/1, False for an empty text and 否/无/N/×/0; raises retake_unreadable."""
    if text is None or not text.strip():
        return False
    folded = _fold(text)
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise AssessmentValueError("assessment.retake_unreadable", value=text.strip())


# ---------------------------------------------------------------- 合格/不合格 from the scores

MAX_OVERRIDE_REASON = 200


@dataclass(frozen=True)
class PassMarks:
    """The policy's pass marks in tenths of a point (Policy keeps whole points)."""

    theory: int = 600
    practical: int = 600

    @classmethod
    def of(cls, policy) -> PassMarks:
        """From a domain.policy.Policy (theory_pass_mark / practical_pass_mark, points)."""
        return cls(int(policy.theory_pass_mark) * 10, int(policy.practical_pass_mark) * 10)


def derive_result(theory: int | None, practical: int | None, marks: PassMarks) -> AssessmentResult | None:
    """FAIL as soon as one part is known to be below its mark; PASS when both parts are at or
    above theirs; None when the scores do not decide (no scores, or one part missing — 缺考, not
    yet entered — while the other passes)."""
    parts = ((theory, marks.theory), (practical, marks.practical))
    if any(score is not None and score < mark for score, mark in parts):
        return AssessmentResult.FAIL
    if all(score is not None for score, _ in parts):
        return AssessmentResult.PASS
    return None


@dataclass(frozen=True)
class Decision:
    """What is recorded: the result, and the override reason when it goes against the scores."""

    result: AssessmentResult | None
    override_reason: str | None = None
    derived: AssessmentResult | None = None  # what the scores alone give


def _why(theory: int | None, practical: int | None, marks: PassMarks, derived: AssessmentResult) -> Bilingual:
    if derived is AssessmentResult.FAIL:
        below = [(zh, en, score, mark) for zh, en, score, mark in (
            ("理论成绩", "the theory score", theory, marks.theory),
            ("实操成绩", "the practical score", practical, marks.practical)) if score is not None and score < mark]
        return Bilingual("、".join(f"{zh} {format_score(score)} 分低于合格线 {format_score(mark)} 分"
                                   for zh, _en, score, mark in below),
                         " and ".join(f"{en} {format_score(score)} is below the pass mark {format_score(mark)}"
                                      for _zh, en, score, mark in below))
    return Bilingual(f"理论 {format_score(theory)} 分、实操 {format_score(practical)} 分均达到合格线（理论 "
                     f"{format_score(marks.theory)} 分、实操 {format_score(marks.practical)} 分）",
                     f"both scores (theory {format_score(theory)}, practical {format_score(practical)}) reach the "
                     f"pass marks ({format_score(marks.theory)} and {format_score(marks.practical)})")


def decide_result(given: AssessmentResult | str | None, theory: int | None, practical: int | None,
                  marks: PassMarks, *, override_reason: str | None = None) -> Decision:
    """The one rule for a result, wherever it is entered.

    No result given: the scores' result (derive_result), which may be None. A result the scores
    do not decide, or that agrees with them: as given. A result against the scores: refused with
    "assessment.result_contradicts" (naming the part below its mark, or both parts passing),
    unless `override_reason` says why in words; then kept with that reason, for the caller to
    audit. Raises AssessmentValueError (also "assessment.override_reason_too_long").
    """
    result = AssessmentResult(given) if given else None
    derived = derive_result(theory, practical, marks)
    if result is None:
        return Decision(derived, None, derived)
    if derived is None or result is derived:
        return Decision(result, None, derived)
    reason = " ".join((override_reason or "").split())
    if not reason:
        raise AssessmentValueError("assessment.result_contradicts", given=result.words, derived=derived.words,
                                   why=_why(theory, practical, marks, derived))
    if len(reason) > MAX_OVERRIDE_REASON:
        raise AssessmentValueError("assessment.override_reason_too_long", length=len(reason),
                                   maximum=MAX_OVERRIDE_REASON)
    return Decision(result, reason, derived)
