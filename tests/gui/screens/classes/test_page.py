"""The 班级 page: list, search, filter, detail, new class, status changes, sessions and Excel files."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from desktop_app import messages
from desktop_app.domain.class_status import ClassStatus
from desktop_app.gui.screens.classes.models import ClassTableModel, SessionTableModel
from desktop_app.services.changes import Area, Changes


def _codes(page) -> list[str]:
    return [row.code for row in page.model.rows()]


def test_the_class_list_shows_every_demo_class_with_enrolment_and_status(classes_page, code):
    assert sorted(_codes(classes_page)) == sorted(code(s) for s in ("JZ01", "YL01", "DG01", "PR01", "AI01"))
    model = classes_page.model
    row = model.row_of(code("JZ01"))
    assert model.data(model.index(row, ClassTableModel.ENROLMENT)) == "32/42"
    assert model.data(model.index(row, ClassTableModel.STATUS)) == "培训中"
    assert classes_page.header.count_label.text() == "当前数据库共有 5 个班级"
    assert not classes_page.roster_files.import_button.isEnabled()  # nothing selected yet


def test_searching_by_name_or_occupation_and_filtering_by_status_narrow_the_list(qtbot, classes_page, code):
    classes_page.search_edit.setText("家政")
    qtbot.waitUntil(lambda: _codes(classes_page) == [code("JZ01")], timeout=20_000)
    classes_page.search_edit.setText("PR01")
    qtbot.waitUntil(lambda: _codes(classes_page) == [code("PR01")], timeout=20_000)
    classes_page.search_edit.clear()
    qtbot.waitUntil(lambda: len(_codes(classes_page)) == 5, timeout=20_000)
    combo = classes_page.status_combo
    assert combo.itemText(0) == "全部"
    assert [combo.itemText(i) for i in range(1, combo.count())] == [s.label_zh for s in ClassStatus]
    combo.setCurrentIndex(combo.findData(ClassStatus.IN_TRAINING.value))
    qtbot.waitUntil(lambda: sorted(_codes(classes_page)) == sorted([code("JZ01"), code("AI01")]), timeout=20_000)
    classes_page.search_edit.setText("人工智能")
    qtbot.keyClick(classes_page.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _codes(classes_page) == [code("AI01")], timeout=20_000)
    classes_page.search_edit.setText("没有这个班")
    qtbot.waitUntil(lambda: not _codes(classes_page) and classes_page.empty_list.isVisible(), timeout=20_000)
    assert classes_page.empty_list.text() == "没有符合查找条件的班级。"


def test_selecting_a_class_shows_its_facts_sessions_and_roster(classes_page, select_class, code, demo_office):
    select_class(code("JZ01"))
    detail = classes_page.detail
    expected = demo_office.classes.get(code("JZ01"))
    assert detail.schedule.model.rowCount() == len(expected.sessions) > 0
    assert detail.roster.model.rowCount() == 32
    assert detail.fact_values["level"].text() == "四级/中级工"
    assert detail.fact_values["enrolled"].text() == "已报名 32 人，名额 42 人"
    assert expected.occupation_code in detail.fact_values["occupation"].text()
    assert detail.status_chip.text() == "培训中"
    assert [b.text() for b in detail.status_actions.status_buttons.values()] == ["结业"]
    assert detail.tabs.tabText(0) == "课表" and detail.tabs.tabText(1) == "花名册"
    assert detail.roster.summary.text() == "共 32 人，全部享受补贴"
    first = detail.schedule.model.index(0, SessionTableModel.WEEKDAY)
    assert detail.schedule.model.data(first).startswith("周")
    assert classes_page.roster_files.import_button.isEnabled() and classes_page.roster_files.export_button.isEnabled()
    # Schedule problems of the policy are shown in words, not codes.
    if expected.schedule_problems:
        assert detail.problems_label.isVisible()
        assert expected.schedule_problems[0].message() in detail.problems_label.text()


def test_a_completed_class_takes_no_import_and_says_why(classes_page, select_class, code):
    select_class(code("YL01"))
    assert not classes_page.roster_files.import_button.isEnabled()
    assert "已结业" in classes_page.roster_files.import_button.toolTip()


def _fill_new_class(dialog, *, class_code: str) -> None:
    dialog.code_edit.setText(class_code)
    dialog.name_edit.setText("2026年家政服务员（五级）第9期")
    assert dialog.select_occupation("家政服务员")
    dialog.level_combo.setCurrentIndex(0)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("employment_skills"))
    start = dialog.start_edit.date()
    dialog.end_edit.setDate(start.addDays(40))
    dialog.capacity_spin.setValue(30)
    dialog.location_edit.setText("实训楼 2 楼")


def test_new_class_dialog_creates_the_class_selects_it_and_notes_the_schedule(qtbot, classes_page, demo_office):
    classes_page.new_button.click()
    dialog = classes_page.new_class_dialog
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.isVisible()
    assert dialog.occupation_combo.count() > 0 and dialog.type_combo.count() > 0
    assert dialog.schedule_box.practice_spin.text() == "按补贴政策要求"
    _fill_new_class(dialog, class_code="2026-JZ09")
    levels = [dialog.level_combo.itemText(i) for i in range(dialog.level_combo.count())]
    assert levels and all("/" in text for text in levels)  # e.g. 五级/初级工
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: classes_page.selected_class() is not None
                    and classes_page.selected_class().code == "2026-JZ09", timeout=20_000)
    qtbot.waitUntil(lambda: classes_page.detail.detail is not None
                    and classes_page.detail.detail.row.code == "2026-JZ09", timeout=20_000)
    assert classes_page.new_class_dialog is None  # closed once the class was saved
    created = demo_office.classes.get("2026-JZ09")
    assert created.row.status is ClassStatus.DRAFT and created.row.capacity == 30
    assert created.location == "实训楼 2 楼"
    assert classes_page.detail.schedule.model.rowCount() == len(created.sessions) > 0
    assert "2026-JZ09" in classes_page.notice.text()
    assert classes_page.notice.kind == ("warning" if created.schedule_problems else "success")
    qtbot.waitUntil(lambda: classes_page.header.count_label.text() == "当前数据库共有 6 个班级", timeout=20_000)


def test_new_class_dialog_stays_open_and_explains_a_refusal(qtbot, classes_page, code):
    classes_page.new_button.click()
    dialog = classes_page.new_class_dialog
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    _fill_new_class(dialog, class_code=code("JZ01"))  # already taken
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=20_000)
    assert dialog.error_label.text() == messages.render("class.code_taken", code=code("JZ01"))
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    for check in dialog.schedule_box.weekday_checks:
        check.setChecked(False)
    dialog.ok_button.click()
    assert dialog.error_label.text() == "请至少勾选一个上课的星期。"
    dialog.reject()


def test_new_class_with_custom_practice_share_reaches_the_service(qtbot, classes_page, demo_office):
    classes_page.new_button.click()
    dialog = classes_page.new_class_dialog
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    _fill_new_class(dialog, class_code="2026-P70")
    dialog.schedule_box.practice_spin.setValue(70)
    dialog.schedule_box.planned_spin.setValue(80)
    spec = dialog.schedule_spec()
    assert spec.practice_percent == 70 and spec.weekdays == frozenset(range(5))
    draft = dialog.draft()
    assert draft.planned_lessons == 80 and dialog.start_edit.date().toPython() == draft.start_date
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: classes_page.new_class_dialog is None, timeout=20_000)
    created = demo_office.classes.get("2026-P70")
    total = created.planned_theory_lessons + created.planned_practice_lessons
    assert total == 80 and created.planned_practice_lessons * 100 >= 70 * total


def _confirm(qtbot, detail) -> None:
    qtbot.waitUntil(lambda: detail.status_actions.confirm_box is not None and detail.status_actions.confirm_box.isVisible(), timeout=20_000)
    detail.status_actions.confirm_box.button(QMessageBox.StandardButton.Yes).click()


def test_a_refused_status_change_shows_every_reason(qtbot, classes_page, select_class, code, demo_office):
    select_class(code("PR01"))  # a draft with no sessions and nobody enrolled
    detail = classes_page.detail
    button = detail.status_actions.status_buttons[ClassStatus.FILED]
    assert button.text() == "备案"
    button.click()
    _confirm(qtbot, detail)
    qtbot.waitUntil(lambda: detail.status_actions.refusal_label.isVisible(), timeout=20_000)
    text = detail.status_actions.refusal_label.text()
    assert messages.render("class_status.needs_sessions") in text
    assert messages.render("class_status.needs_trainees") in text
    assert demo_office.classes.get(code("PR01")).row.status is ClassStatus.DRAFT
    assert button.isEnabled()


def test_an_allowed_status_change_updates_the_detail_and_the_list(qtbot, classes_page, select_class, code):
    select_class(code("DG01"))  # filed, starts in two weeks
    detail = classes_page.detail
    assert set(detail.status_actions.status_buttons) == {ClassStatus.IN_TRAINING, ClassStatus.DRAFT}
    detail.status_actions.status_buttons[ClassStatus.DRAFT].click()  # withdraw the filing
    _confirm(qtbot, detail)
    qtbot.waitUntil(lambda: detail.status_chip.text() == "草稿", timeout=20_000)
    model = classes_page.model
    row = model.row_of(code("DG01"))
    assert model.data(model.index(row, ClassTableModel.STATUS)) == "草稿"
    assert set(detail.status_actions.status_buttons) == {ClassStatus.FILED}


def test_starting_training_before_the_start_date_is_refused_with_the_date(qtbot, classes_page, select_class, code):
    select_class(code("DG01"))
    detail = classes_page.detail
    detail.status_actions.status_buttons[ClassStatus.IN_TRAINING].click()
    _confirm(qtbot, detail)
    qtbot.waitUntil(lambda: detail.status_actions.refusal_label.isVisible(), timeout=20_000)
    assert detail.detail.row.start_date.isoformat() in detail.status_actions.refusal_label.text()


def _select_last_session(detail):
    last = detail.schedule.model.rowCount() - 1
    detail.schedule.table.selectRow(last)
    return detail.schedule.model.row_at(last)


def test_moving_a_session_asks_for_a_reason_and_saves_the_new_time(qtbot, classes_page, select_class, code, demo_office):
    select_class(code("JZ01"))
    detail = classes_page.detail
    session = _select_last_session(detail)
    assert detail.schedule.move_button.isEnabled()
    detail.schedule.move_button.click()
    dialog = detail.schedule.active_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))
    dialog.submit()  # no reason given
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=20_000)
    assert dialog.error_label.text() == messages.render("class.reason_required")
    dialog.reason_edit.setText("教师请假")
    dialog.submit()
    qtbot.waitUntil(lambda: detail.schedule.active_dialog is None, timeout=20_000)
    moved = next(s for s in demo_office.classes.get(code("JZ01")).sessions if s.id == session.id)
    assert moved.starts_at.date() == session.starts_at.date() + timedelta(days=1)
    qtbot.waitUntil(lambda: any(s.id == session.id and s.starts_at == moved.starts_at
                                for s in detail.schedule.model.rows()), timeout=20_000)


def test_cancelling_a_session_keeps_it_listed_as_cancelled(qtbot, classes_page, select_class, code, demo_office):
    select_class(code("JZ01"))
    detail = classes_page.detail
    session = _select_last_session(detail)
    detail.schedule.cancel_button.click()
    dialog = detail.schedule.active_dialog
    dialog.reason_edit.setText("法定节假日")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: detail.schedule.active_dialog is None, timeout=20_000)
    qtbot.waitUntil(lambda: any(s.id == session.id and s.status == "cancelled" for s in detail.schedule.model.rows()), timeout=20_000)
    row = next(i for i, s in enumerate(detail.schedule.model.rows()) if s.id == session.id)
    assert detail.schedule.model.data(detail.schedule.model.index(row, SessionTableModel.STATUS)) == "已取消"
    qtbot.waitUntil(lambda: "1 次已取消" in detail.schedule.summary.text(), timeout=20_000)  # re-read after the change
    assert next(s for s in demo_office.classes.get(code("JZ01")).sessions if s.id == session.id).status == "cancelled"


def test_editing_a_class_saves_name_capacity_and_location(qtbot, classes_page, select_class, code, demo_office):
    select_class(code("PR01"))
    detail = classes_page.detail
    detail.edit_button.click()
    dialog = detail.active_dialog
    dialog.capacity_spin.setValue(45)
    dialog.location_edit.setText("烹饪实训室")
    dialog.submit()
    qtbot.waitUntil(lambda: detail.active_dialog is None, timeout=20_000)
    model = classes_page.model
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(code("PR01")), ClassTableModel.ENROLMENT)) == "0/45", timeout=20_000)
    assert detail.fact_values["location"].text() == "烹饪实训室"
    assert demo_office.classes.get(code("PR01")).location == "烹饪实训室"


def test_template_and_export_are_written_where_the_clerk_chooses(qtbot, classes_page, select_class, code, tmp_path,
                                                                  monkeypatch):
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(template), "")))
    classes_page.roster_files.template_button.click()
    qtbot.waitUntil(lambda: template.exists() and classes_page.roster_files.template_button.isEnabled(), timeout=20_000)
    assert str(template) in classes_page.notice.text()
    sheet = load_workbook(template)["花名册"]
    assert "*姓名" in [cell.value for cell in sheet[2]]  # title row, then the header row (* = required)

    select_class(code("JZ01"))
    exported = tmp_path / "花名册"  # no extension typed: .xlsx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(exported), "")))
    classes_page.roster_files.export_button.click()
    target = tmp_path / "花名册.xlsx"
    qtbot.waitUntil(lambda: target.exists() and "审计日志" in classes_page.notice.text(), timeout=20_000)
    assert "审计日志" in classes_page.notice.text()
    assert load_workbook(target).worksheets[0].max_row >= 33


@pytest.mark.usefixtures("chinese")
def test_the_page_follows_a_language_switch(qapp, classes_page, select_class, code):
    from desktop_app.gui.i18n import install_translators

    select_class(code("JZ01"))
    install_translators(qapp, "en")
    window = classes_page.window()
    window.retranslate()
    assert classes_page.header.heading.text() == "Classes"
    assert classes_page.model.headerData(0, Qt.Orientation.Horizontal) == "Code"
    assert classes_page.detail.status_chip.text() == "in training"
    assert classes_page.detail.tabs.tabText(1) == "Roster"
    install_translators(qapp, "zh")
    window.retranslate()
    assert classes_page.header.heading.text() == "班级"
    assert classes_page.detail.status_chip.text() == "培训中"


# --- change notices, sealing for the window -------------------------------------------------


def _count_list_reads(monkeypatch, office) -> list[dict]:
    asked: list[dict] = []
    real = office.classes.list

    def counted(**kwargs):
        asked.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(office.classes, "list", counted)
    return asked


def test_a_class_changed_elsewhere_is_read_again_in_the_list_and_the_detail(qtbot, classes_page, select_class, code,
                                                                            demo_office):
    select_class(code("JZ01"))
    demo_office.classes.update(code("JZ01"), capacity=44)  # another screen (or the CLI) changed it
    with qtbot.waitSignal(classes_page.detail.loaded, timeout=20_000):
        classes_page.operations.did_execute.emit(Changes(frozenset({Area.CLASSES})), object())
    model = classes_page.model
    assert model.data(model.index(model.row_of(code("JZ01")), ClassTableModel.ENROLMENT)) == "32/44"
    assert classes_page.detail.fact_values["enrolled"].text() == "已报名 32 人，名额 44 人"
    assert classes_page.selected_class().code == code("JZ01")


@pytest.mark.parametrize("area", [Area.AUDIT, Area.ATTENDANCE, Area.CERTIFICATES])
def test_changes_the_screen_does_not_show_read_nothing(qtbot, classes_page, demo_office, monkeypatch, area):
    qtbot.waitUntil(lambda: classes_page.operations.tasks.pending == 0, timeout=20_000)
    asked = _count_list_reads(monkeypatch, demo_office)
    classes_page.operations.did_execute.emit(Changes(frozenset({area})), object())
    qtbot.waitUntil(lambda: classes_page.operations.tasks.pending == 0, timeout=20_000)  # the window's count
    assert asked == []


def test_its_own_change_keeps_the_class_in_a_filtered_list(qtbot, classes_page, select_class, code, demo_office,
                                                          monkeypatch):
    """The screen shows what it changed from the answer: withdrawing the filing of a class listed
    under "已备案" leaves it there (now 草稿) instead of reading the filtered list again."""
    combo = classes_page.status_combo
    combo.setCurrentIndex(combo.findData(ClassStatus.FILED.value))
    qtbot.waitUntil(lambda: _codes(classes_page) == [code("DG01")], timeout=20_000)
    select_class(code("DG01"))
    asked = _count_list_reads(monkeypatch, demo_office)
    detail = classes_page.detail
    detail.status_actions.status_buttons[ClassStatus.DRAFT].click()
    _confirm(qtbot, detail)
    qtbot.waitUntil(lambda: detail.status_chip.text() == "草稿", timeout=20_000)
    qtbot.waitUntil(lambda: classes_page.operations.tasks.pending == 0, timeout=20_000)
    assert asked == [] and _codes(classes_page) == [code("DG01")]
    model = classes_page.model
    assert model.data(model.index(0, ClassTableModel.STATUS)) == "草稿"


def test_a_late_answer_for_an_older_search_is_dropped(qtbot, classes_page, demo_office, monkeypatch, code):
    qtbot.waitUntil(lambda: classes_page.operations.tasks.pending == 0, timeout=20_000)
    gate = threading.Event()
    real = demo_office.classes.list

    def slow_for_the_first(**kwargs):
        if kwargs.get("search") == "电工":
            gate.wait(10)  # the older search answers last
        return real(**kwargs)

    monkeypatch.setattr(demo_office.classes, "list", slow_for_the_first)
    classes_page.search_edit.setText("电工")
    classes_page.reload()
    classes_page.search_edit.setText("家政")
    classes_page.reload()
    qtbot.waitUntil(lambda: _codes(classes_page) == [code("JZ01")], timeout=20_000)
    gate.set()
    qtbot.waitUntil(lambda: classes_page.operations.tasks.pending == 0, timeout=20_000)
    assert _codes(classes_page) == [code("JZ01")]


def test_sealing_a_completed_class_tells_the_window_and_shows_it_sealed(qtbot, classes_page, select_class, code,
                                                                        demo_office):
    for row in demo_office.assessments.list(code("YL01")):  # what a clerk does before sealing
        demo_office.assessments.record(code("YL01"), row.enrolment_id, theory=800, practical=850, result="pass",
                                       retake=False)
    demo_office.certificates.issue(code("YL01"))
    select_class(code("YL01"))
    actions = classes_page.detail.status_actions
    assert actions.seal_button.isVisible()
    actions.seal_button.click()
    with qtbot.waitSignal(classes_page.class_sealed, timeout=30_000) as sealed:
        actions.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert sealed.args[0].class_code == code("YL01")
    qtbot.waitUntil(lambda: classes_page.detail.status_chip.text() == "已封存", timeout=20_000)
    assert actions.seal_message is not None and "待上传" in actions.seal_message.text()
    # The demo computer is not registered: the message says the batch waits, not that it goes up.
    assert "尚未在省平台登记" in actions.seal_message.text() and "联网后会自动上传" not in actions.seal_message.text()
    assert not actions.seal_button.isVisible()
    model = classes_page.model
    assert model.data(model.index(model.row_of(code("YL01")), ClassTableModel.STATUS)) == "已封存"
