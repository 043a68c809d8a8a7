"""The one rule for 合格/不合格 (domain.assessment.decide_result): the scores and the pass marks
decide; a result against them is refused with the reason, or kept with a written override."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain.assessment import (
    AssessmentResult as R,
    AssessmentValueError,
    PassMarks,
    decide_result,
    derive_result,
)
from tests.domain.test_attendance import POLICY

MARKS = PassMarks()  # 60 and 60


@pytest.mark.parametrize(("theory", "practical", "expected"), [
    (850, 900, R.PASS), (600, 600, R.PASS),  # at the mark passes
    (599, 900, R.FAIL), (850, 0, R.FAIL), (None, 0, R.FAIL),  # a known part below fails at once
    (None, 900, None), (850, None, None), (None, None, None),  # a missing part: the scores do not decide
])
def test_the_scores_decide_when_they_can(theory, practical, expected):
    assert derive_result(theory, practical, MARKS) is expected
    assert decide_result(None, theory, practical, MARKS).result is expected


def test_the_pass_marks_are_the_policys():
    policy = dataclasses.replace(POLICY, theory_pass_mark=70, practical_pass_mark=65)
    marks = PassMarks.of(policy)
    assert marks == PassMarks(700, 650)
    assert derive_result(690, 900, marks) is R.FAIL and derive_result(700, 650, marks) is R.PASS


def test_a_result_against_the_scores_is_refused_with_the_reason():
    with pytest.raises(AssessmentValueError) as refused:
        decide_result("pass", 850, 0, MARKS)
    assert refused.value.code == "assessment.result_contradicts"
    zh, en = refused.value.message("zh"), refused.value.message("en")
    assert "实操成绩 0 分低于合格线 60 分" in zh and "“不合格”" in zh and "理由" in zh
    assert "the practical score 0 is below the pass mark 60" in en
    with pytest.raises(AssessmentValueError) as refused:
        decide_result(R.FAIL, 850, 900, MARKS)
    assert "均达到合格线" in refused.value.message("zh")
    # A result that agrees, or that the scores cannot decide, is taken as given.
    assert decide_result("fail", 850, 0, MARKS).result is R.FAIL
    assert decide_result("pass", None, 900, MARKS).result is R.PASS


def test_a_written_reason_lets_the_result_stand_and_is_returned_for_the_audit():
    decision = decide_result("pass", 850, 0, MARKS, override_reason="  补考合格，\n记录另附 ")
    assert (decision.result, decision.override_reason, decision.derived) == (R.PASS, "补考合格， 记录另附", R.FAIL)
    # A reason where none is needed is not kept: nothing was overridden.
    assert decide_result("pass", 850, 900, MARKS, override_reason="无").override_reason is None
    with pytest.raises(AssessmentValueError) as refused:
        decide_result("pass", 850, 0, MARKS, override_reason="   ")
    assert refused.value.code == "assessment.result_contradicts"
    with pytest.raises(AssessmentValueError) as refused:
        decide_result("pass", 850, 0, MARKS, override_reason="长" * 201)
    assert refused.value.code == "assessment.override_reason_too_long"
