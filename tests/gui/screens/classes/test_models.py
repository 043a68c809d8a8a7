"""The classes screen's table models are thin, correct Qt models over the rows the services return."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.screens.classes.models import ClassTableModel, OutcomeTableModel, RosterTableModel, SessionTableModel
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.row_model import ROW_ROLE
from desktop_app.messages import Problem
from desktop_app.services.classes import ClassRow, SessionRow
from desktop_app.services.roster import RowOutcome
from desktop_app.services.trainees import RosterEntry

pytestmark = pytest.mark.usefixtures("chinese")


def _class_row(code="2026-X1", status=ClassStatus.DRAFT, enrolled=3) -> ClassRow:
    return ClassRow(id=1, code=code, name="2026年电工（四级）第1期", occupation="电工", level=4, level_label="四级/中级工",
                    training_type="就业技能培训", start_date=date(2026, 3, 2), end_date=date(2026, 3, 20),
                    status=status, enrolled=enrolled, capacity=40, project_based=False)


def test_class_model_passes_the_model_tester_and_reads_like_the_list(qtmodeltester, demo_office):
    model = ClassTableModel(demo_office.classes.list())
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.columnCount() == 8
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["编号", "班级名称", "职业（工种）", "等级", "培训类型", "起止日期", "人数", "状态"]
    row = model.row_of(next(r.code for r in model.rows() if r.code.endswith("JZ01")))
    assert model.data(model.index(row, ClassTableModel.ENROLMENT)) == "32/42"
    assert model.data(model.index(row, ClassTableModel.STATUS)) == "培训中"
    assert model.data(model.index(row, ClassTableModel.LEVEL)) == "四级/中级工"


def test_class_model_repaints_only_the_changed_row(qtbot, qtmodeltester):
    model = ClassTableModel([_class_row("A"), _class_row("B")])
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.replace_row(_class_row("B", ClassStatus.FILED, enrolled=9))
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (1, 1)
    assert model.data(model.index(1, ClassTableModel.ENROLMENT)) == "9/40"
    assert model.data(model.index(0, ClassTableModel.ENROLMENT)) == "3/40"
    qtmodeltester.check(model)


def test_session_model_shows_weekday_time_kind_and_greys_cancelled_sessions(qtmodeltester, demo_office):
    code = next(r.code for r in demo_office.classes.list() if r.code.endswith("JZ01"))
    sessions = demo_office.classes.get(code).sessions
    model = SessionTableModel(sessions)
    qtmodeltester.check(model)
    assert model.rowCount() == len(sessions)
    cancelled = SessionRow(id=99, starts_at=datetime(2026, 3, 2, 8, 30, tzinfo=CHINA_TZ),
                           ends_at=datetime(2026, 3, 2, 11, 45, tzinfo=CHINA_TZ), period="morning", kind="practice",
                           lessons=4, status="cancelled", teacher=None)
    model.set_rows([cancelled])
    qtmodeltester.check(model)
    texts = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert texts == ["2026-03-02", "周一", "08:30–11:45", "实操", "4", "", "已取消"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 0), ROW_ROLE) is cancelled


def test_roster_model_highlights_trainees_without_subsidy_and_gives_the_reasons(qtmodeltester):
    entries = [
        RosterEntry(1, 10, 1, "王芳", "3205**********0021", "F", "139****0000", "eligible", ()),
        RosterEntry(2, 11, 2, "李强", "3205**********0035", "M", None, "not_eligible", ("本年度已享受过 3 次补贴。",)),
    ]
    model = RosterTableModel(entries)
    qtmodeltester.check(model)
    assert model.data(model.index(1, RosterTableModel.SUBSIDY)) == "不享受补贴"
    assert model.data(model.index(1, RosterTableModel.SUBSIDY), Qt.ItemDataRole.ToolTipRole) == "本年度已享受过 3 次补贴。"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) == qcolor(Colour.ROW_NO_SUBSIDY)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, RosterTableModel.SEX)) == "女"


def test_outcome_model_colours_rejected_red_and_unsubsidised_orange(qtmodeltester):
    rejected = RowOutcome(4, "赵六", "3205**********0001", "rejected", (Problem("class.reason_required"),))
    without = RowOutcome(5, "钱七", "3205**********0002", "enrolled_without_subsidy", (),
                         (Problem("class.code_empty"),))
    model = OutcomeTableModel([rejected, without, RowOutcome(6, "孙八", "3205**********0003", "enrolled")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, OutcomeTableModel.RESULT)) == "不能导入"
    assert model.data(model.index(1, OutcomeTableModel.RESULT)) == "将报名（不享受补贴）"
    assert model.data(model.index(2, OutcomeTableModel.RESULT)) == "将报名"
    assert model.data(model.index(0, OutcomeTableModel.REASONS)) == rejected.reasons_text()
    assert model.data(model.index(1, OutcomeTableModel.REASONS)) == "请填写班级编号。"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == qcolor(Colour.ROW_REJECTED)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) == qcolor(Colour.ROW_NO_SUBSIDY)
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is None
    model.set_outcomes(model.rows(), preview=False)
    assert model.data(model.index(2, OutcomeTableModel.RESULT)) == "已报名"
    qtmodeltester.check(model)


def test_empty_models_are_valid_too(qtmodeltester):
    for model in (ClassTableModel(), SessionTableModel(), RosterTableModel(), OutcomeTableModel()):
        qtmodeltester.check(model)
        assert model.rowCount() == 0
