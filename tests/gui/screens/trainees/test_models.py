"""The trainees screen's table models are thin, correct Qt models over the rows the services return."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app.gui.screens.trainees.models import HistoryTableModel, TraineeTableModel
from desktop_app.services.trainees import TrainingRecord

pytestmark = pytest.mark.usefixtures("chinese")


def test_trainee_and_history_models_pass_the_model_tester(qtmodeltester, demo_office):
    rows = demo_office.trainees.search("")
    model = TraineeTableModel(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows) > 0
    assert "*" in model.data(model.index(0, TraineeTableModel.ID_NUMBER))
    assert model.row_of(rows[-1].id) == len(rows) - 1
    enrolled = next(r for r in rows if r.classes)
    history = HistoryTableModel(demo_office.trainees.get(enrolled.id).history)
    qtmodeltester.check(history)
    assert history.rowCount() == enrolled.classes
    record = TrainingRecord("2026-X1", "电工第1期", "电工", 4, date(2026, 3, 2), date(2026, 3, 20), "not_eligible",
                            ("已领取养老金。",))
    history.set_rows([record])
    assert history.data(history.index(0, HistoryTableModel.SUBSIDY)) == "不享受补贴"
    assert history.data(history.index(0, HistoryTableModel.SUBSIDY), Qt.ItemDataRole.ToolTipRole) == "已领取养老金。"
    qtmodeltester.check(history)


def test_empty_models_are_valid_too(qtmodeltester):
    for model in (TraineeTableModel(), HistoryTableModel()):
        qtmodeltester.check(model)
        assert model.rowCount() == 0
