"""Behaviour of the class life cycle: which status changes are allowed, when, and why not."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date

import pytest

from desktop_app.domain import class_status
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.class_status import (
    ClassFacts,
    ClassStatus,
    ClassStatusError,
    check_transition,
    next_statuses,
    require_transition,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
S = ClassStatus
START, END = date(2025, 3, 3), date(2025, 3, 28)


def facts(**overrides) -> ClassFacts:
    values = dict(start_date=START, end_date=END, session_count=20, enrolled_count=30, today=date(2025, 4, 1))
    values.update(overrides)
    return ClassFacts(**values)


ALLOWED = {
    (S.DRAFT, S.FILED),
    (S.FILED, S.DRAFT),
    (S.FILED, S.IN_TRAINING),
    (S.IN_TRAINING, S.COMPLETED),
    (S.COMPLETED, S.SEALED),
    (S.SEALED, S.UPLOADED),
    (S.SEALED, S.RETURNED),
    (S.RETURNED, S.SEALED),
}


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


def assert_renders(problem) -> tuple[str, str]:
    zh, en = problem.message("zh"), problem.message("en")
    assert zh and en and zh != en
    assert CJK.search(zh)
    assert "{" not in zh and "{" not in en
    return zh, en


# ---------------------------------------------------------------- the statuses


@pytest.mark.parametrize(
    ("status", "value", "zh", "en", "read_only", "enrolment"),
    [
        (S.DRAFT, "draft", "草稿", "draft", False, True),
        (S.FILED, "filed", "已备案", "filed", False, True),
        (S.IN_TRAINING, "in_training", "培训中", "in training", False, True),
        (S.COMPLETED, "completed", "已结业", "completed", False, False),
        (S.SEALED, "sealed", "已封存", "sealed", True, False),
        (S.UPLOADED, "uploaded", "已上传", "uploaded", True, False),
        (S.RETURNED, "returned", "被退回", "returned", False, False),
    ],
)
def test_each_status_has_its_value_labels_and_flags(status, value, zh, en, read_only, enrolment):
    assert status.value == value and ClassStatus(value) is status
    assert status.label_zh == zh and status.label_en == en
    assert status.is_read_only is read_only
    assert status.accepts_enrolment is enrolment


def test_there_are_exactly_seven_statuses():
    assert len(ClassStatus) == 7


# ---------------------------------------------------------------- the transition table


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_transitions_pass_when_their_conditions_hold(current, target):
    assert check_transition(current, target, facts()) == ()
    require_transition(current, target, facts())


@pytest.mark.parametrize(
    ("current", "target"),
    [pair for pair in itertools.product(ClassStatus, ClassStatus) if pair not in ALLOWED],
)
def test_every_other_pair_is_refused_naming_both_statuses_and_the_allowed_next_steps(current, target):
    problems = check_transition(current, target, facts())
    assert len(problems) == 1
    problem = problems[0]
    zh, en = assert_renders(problem)
    if current is target:
        assert problem.code == "class_status.unchanged"
        assert current.label_zh in zh and current.label_en in en
        return
    assert current.label_zh in zh and target.label_zh in zh
    assert current.label_en in en and target.label_en in en
    if next_statuses(current):
        assert problem.code == "class_status.refused"
        for allowed in next_statuses(current):
            assert f"“{allowed.label_zh}”" in zh and f"“{allowed.label_en}”" in en
    else:
        assert problem.code == "class_status.final"
    with pytest.raises(ClassStatusError) as caught:
        require_transition(current, target, facts())
    assert caught.value.code == problem.code
    assert caught.value.problems == problems


def test_next_statuses_is_the_table():
    for current in ClassStatus:
        assert set(next_statuses(current)) == {target for source, target in ALLOWED if source is current}
    assert next_statuses(S.FILED) == (S.IN_TRAINING, S.DRAFT)
    assert next_statuses(S.UPLOADED) == ()


def test_statuses_may_be_given_as_their_stored_text():
    assert check_transition("draft", "filed", facts()) == ()  # type: ignore[arg-type]
    assert next_statuses("sealed") == (S.UPLOADED, S.RETURNED)  # type: ignore[arg-type]


def test_refusal_of_draft_to_in_training_says_the_class_must_be_filed_first():
    (problem,) = check_transition(S.DRAFT, S.IN_TRAINING, facts())
    assert problem.message("zh") == (
        "班级状态不能从“草稿”直接改为“培训中”。“草稿”的班级下一步只能改为：“已备案”。"
    )
    assert problem.message("en") == (
        "A class cannot go from “draft” straight to “in training”. From “draft” the next step can only be: “filed”."
    )


def test_refusal_from_sealed_lists_both_next_steps():
    (problem,) = check_transition(S.SEALED, S.DRAFT, facts())
    assert "“已上传”、“被退回”" in problem.message("zh")
    assert "“uploaded”, “returned”" in problem.message("en")


def test_sealed_and_uploaded_classes_cannot_be_edited_back_into_draft():
    for current in (S.SEALED, S.UPLOADED):
        assert check_transition(current, S.DRAFT, facts())
        assert current.is_read_only


# ---------------------------------------------------------------- conditions


@pytest.mark.parametrize(
    ("sessions", "trainees", "expected"),
    [
        (0, 0, ["class_status.needs_sessions", "class_status.needs_trainees"]),
        (0, 1, ["class_status.needs_sessions"]),
        (1, 0, ["class_status.needs_trainees"]),
        (1, 1, []),
        (40, 50, []),
    ],
)
def test_filing_needs_at_least_one_session_and_one_trainee(sessions, trainees, expected):
    problems = check_transition(S.DRAFT, S.FILED, facts(session_count=sessions, enrolled_count=trainees))
    assert codes(problems) == expected
    for problem in problems:
        assert_renders(problem)


def test_filing_refusal_raises_with_every_reason():
    with pytest.raises(ClassStatusError) as caught:
        require_transition(S.DRAFT, S.FILED, facts(session_count=0, enrolled_count=0))
    error = caught.value
    assert codes(error.problems) == ["class_status.needs_sessions", "class_status.needs_trainees"]
    assert error.message("zh").count("\n") == 1
    assert "排课" in error.message("zh") and "学员" in error.message("zh")
    assert "session" in error.message("en") and "trainee" in error.message("en")
    assert str(error) == error.message()


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        (date(2025, 3, 1), False),
        (date(2025, 3, 2), False),  # the day before the start
        (START, True),  # the start day itself
        (date(2025, 3, 4), True),
        (date(2026, 1, 1), True),
    ],
)
def test_training_starts_on_or_after_the_start_date(today, allowed):
    problems = check_transition(S.FILED, S.IN_TRAINING, facts(today=today))
    if allowed:
        assert problems == ()
    else:
        (problem,) = problems
        assert problem.code == "class_status.not_started"
        zh, en = assert_renders(problem)
        assert "2025-03-03" in zh and today.isoformat() in zh
        assert "2025-03-03" in en and today.isoformat() in en


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        (START, False),
        (date(2025, 3, 27), False),  # the day before the end
        (END, True),  # the end day itself
        (date(2025, 3, 29), True),
    ],
)
def test_completion_happens_on_or_after_the_end_date(today, allowed):
    problems = check_transition(S.IN_TRAINING, S.COMPLETED, facts(today=today))
    if allowed:
        assert problems == ()
    else:
        (problem,) = problems
        assert problem.code == "class_status.not_ended"
        zh, en = assert_renders(problem)
        assert "2025-03-28" in zh and "2025-03-28" in en


def test_withdrawing_a_filing_needs_nothing():
    assert check_transition(S.FILED, S.DRAFT, facts(session_count=0, enrolled_count=0, today=date(2000, 1, 1))) == ()


def test_conditions_of_other_transitions_do_not_apply_to_sealing_and_uploading():
    odd = facts(session_count=0, enrolled_count=0, today=date(2000, 1, 1))
    for current, target in [(S.COMPLETED, S.SEALED), (S.SEALED, S.UPLOADED), (S.SEALED, S.RETURNED), (S.RETURNED, S.SEALED)]:
        assert check_transition(current, target, odd) == ()


def test_a_class_status_error_needs_a_problem():
    with pytest.raises(ValueError):
        ClassStatusError(())


def test_a_class_status_error_can_also_be_raised_with_one_code_like_any_user_facing_error():
    error = ClassStatusError("class_status.not_ended", end_date="2025-03-28", today="2025-03-01")
    assert error.code == "class_status.not_ended"
    assert [p.code for p in error.problems] == ["class_status.not_ended"]
    assert "2025-03-28" in error.message("zh") and "2025-03-28" in error.message("en")


# ---------------------------------------------------------------- message plumbing


def test_status_labels_in_problems_stay_plain_strings_for_logging():
    (problem,) = check_transition(S.DRAFT, S.COMPLETED, facts())
    assert isinstance(problem.params["current"], Bilingual)
    assert problem.params["current"] == "草稿"
    assert json.loads(json.dumps(problem.params))["current"] == "草稿"


def test_every_class_status_message_renders_in_both_languages():
    all_problems = []
    for current, target in itertools.product(ClassStatus, ClassStatus):
        for today in (date(2000, 1, 1), date(2030, 1, 1)):
            all_problems.extend(check_transition(current, target, facts(today=today, session_count=0, enrolled_count=0)))
    seen = {problem.code for problem in all_problems}
    registered = set(class_status.MESSAGES)
    assert seen == registered
    for problem in all_problems:
        assert_renders(problem)


def test_a_bilingual_parameter_is_chinese_unless_formatted_for_english():
    import copy
    import pickle

    label = Bilingual("已封存", "sealed")
    assert f"{label}" == f"{label:zh}" == str(label) == "已封存" and f"{label:en}" == "sealed"
    assert f"{label:>5}" == "  已封存"
    for clone in (copy.deepcopy(label), pickle.loads(pickle.dumps(label))):
        assert f"{clone:en}" == "sealed" and clone == "已封存"
    assert repr(label) == "Bilingual('已封存', 'sealed')"
