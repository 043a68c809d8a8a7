"""The life cycle of a class (草稿 → 已备案 → 培训中 → 已结业 → 已封存 → 已上传) and its transitions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.bilingual import join_bilingual
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import Problem, UserFacingError, register

MESSAGES = register(
    {
        "class_status.unchanged": (
            "班级已经是“{current:zh}”状态，不需要再改。",
            "The class is already “{current:en}”; nothing to change.",
        ),
        "class_status.refused": (
            "班级状态不能从“{current:zh}”直接改为“{target:zh}”。“{current:zh}”的班级下一步只能改为：{allowed:zh}。",
            "A class cannot go from “{current:en}” straight to “{target:en}”. From “{current:en}” "
            "the next step can only be: {allowed:en}.",
        ),
        "class_status.final": (
            "班级状态不能从“{current:zh}”改为“{target:zh}”：“{current:zh}”的班级已经办结，不能再改状态。"
            "如果发现需要更正的地方，请联系省平台的经办人员处理。",
            "A class cannot go from “{current:en}” to “{target:en}”: a class that is “{current:en}” "
            "is finished and its status cannot change any more. If something needs correcting, "
            "contact the staff of the provincial platform.",
        ),
        "class_status.needs_sessions": (
            "班级还没有排课，不能备案。请先在“课程安排”里至少排一次课，再提交备案。",
            "The class has no sessions scheduled, so it cannot be filed. Schedule at least one "
            "session first, then file the class.",
        ),
        "class_status.needs_trainees": (
            "班级还没有报名学员，不能备案。请先至少录入一名学员，再提交备案。",
            "No trainee is enrolled in the class, so it cannot be filed. Enrol at least one "
            "trainee first, then file the class.",
        ),
        "class_status.not_started": (
            "班级的开班日期是 {start_date}，今天（{today}）还没到，不能改为“培训中”。请到开班当天或之后再开始培训；"
            "如果实际开班日期提前了，请先撤回备案、修改开班日期并重新备案。",
            "The class starts on {start_date}, which is after today ({today}), so it cannot be set "
            "to “in training” yet. Start the training on or after the start date; if the class "
            "really started earlier, withdraw the filing, correct the start date and file again.",
        ),
        "class_status.not_ended": (
            "班级的结业日期是 {end_date}，今天（{today}）还没到，不能结业。请在结业日期当天或之后再办理结业。",
            "The class ends on {end_date}, which is after today ({today}), so it cannot be "
            "completed yet. Complete the class on or after its end date.",
        ),
    }
)


class ClassStatus(LabelledEnum):
    DRAFT = "draft", "草稿", "draft"
    FILED = "filed", "已备案", "filed"
    IN_TRAINING = "in_training", "培训中", "in training"
    COMPLETED = "completed", "已结业", "completed"
    SEALED = "sealed", "已封存", "sealed"
    UPLOADED = "uploaded", "已上传", "uploaded"
    RETURNED = "returned", "被退回", "returned"

    @property
    def is_read_only(self) -> bool:
        # A sealed class is what was (or will be) signed and sent to the platform; changing it
        # afterwards would break the signature and the audit trail.
        return self in (ClassStatus.SEALED, ClassStatus.UPLOADED)

    @property
    def accepts_enrolment(self) -> bool:
        return self in (ClassStatus.DRAFT, ClassStatus.FILED, ClassStatus.IN_TRAINING)


_NEXT: dict[ClassStatus, tuple[ClassStatus, ...]] = {
    ClassStatus.DRAFT: (ClassStatus.FILED,),
    # Withdrawing the filing is the only way to change what was filed (dates, roster) before
    # training starts.
    ClassStatus.FILED: (ClassStatus.IN_TRAINING, ClassStatus.DRAFT),
    ClassStatus.IN_TRAINING: (ClassStatus.COMPLETED,),
    ClassStatus.COMPLETED: (ClassStatus.SEALED,),
    ClassStatus.SEALED: (ClassStatus.UPLOADED, ClassStatus.RETURNED),
    ClassStatus.UPLOADED: (),
    # A returned class is corrected by appending corrections, then sealed again.
    ClassStatus.RETURNED: (ClassStatus.SEALED,),
}


@dataclass(frozen=True)
class ClassFacts:
    """What the transition rules need to know about the class, gathered by the service."""

    start_date: date
    end_date: date
    session_count: int
    enrolled_count: int
    today: date


class ClassStatusError(UserFacingError):
    """A status change that is not allowed; `.problems` holds every reason.

    Raised with the problems of check_transition (`ClassStatusError(problems)`), or like any
    UserFacingError with one code (`ClassStatusError(code, **params)`).
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem] | str, /, **params: object) -> None:
        if isinstance(problems, str):
            problems = (Problem(problems, dict(params)),)
        if not problems:
            raise ValueError("ClassStatusError needs at least one problem")
        first = problems[0]
        super().__init__(first.code, **first.params)
        self.problems = tuple(problems)

    def message(self, language: str | None = None) -> str:
        return "\n".join(problem.message(language) for problem in self.problems)


def next_statuses(current: ClassStatus) -> tuple[ClassStatus, ...]:
    """The statuses a class in `current` may move to, most usual first."""
    return _NEXT[ClassStatus(current)]


def check_transition(current: ClassStatus, target: ClassStatus, facts: ClassFacts) -> tuple[Problem, ...]:
    """Every reason why `current` may not become `target` now; empty when the change is allowed."""
    current, target = ClassStatus(current), ClassStatus(target)
    if current is target:
        return (Problem("class_status.unchanged", {"current": current.words}),)
    allowed = _NEXT[current]
    if target not in allowed:
        params = {"current": current.words, "target": target.words}
        if not allowed:
            return (Problem("class_status.final", params),)
        return (
            Problem(
                "class_status.refused",
                {**params, "allowed": join_bilingual([status.words for status in allowed])},
            ),
        )
    problems: list[Problem] = []
    if (current, target) == (ClassStatus.DRAFT, ClassStatus.FILED):
        if facts.session_count < 1:
            problems.append(Problem("class_status.needs_sessions", {}))
        if facts.enrolled_count < 1:
            problems.append(Problem("class_status.needs_trainees", {}))
    elif (current, target) == (ClassStatus.FILED, ClassStatus.IN_TRAINING):
        if facts.today < facts.start_date:
            problems.append(
                Problem(
                    "class_status.not_started",
                    {"start_date": facts.start_date.isoformat(), "today": facts.today.isoformat()},
                )
            )
    elif (current, target) == (ClassStatus.IN_TRAINING, ClassStatus.COMPLETED):
        if facts.today < facts.end_date:
            problems.append(
                Problem(
                    "class_status.not_ended",
                    {"end_date": facts.end_date.isoformat(), "today": facts.today.isoformat()},
                )
            )
    return tuple(problems)


def require_transition(current: ClassStatus, target: ClassStatus, facts: ClassFacts) -> None:
    """Raise ClassStatusError with every reason unless `current` may become `target` now."""
    problems = check_transition(current, target, facts)
    if problems:
        raise ClassStatusError(problems)
