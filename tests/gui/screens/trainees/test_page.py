"""The 学员 page: find by name or the last 4 characters of the ID number, read the record masked,
and reveal a full number only for a stated purpose, which the audit log keeps."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.services.changes import Area, Changes
from desktop_app.store.models import AuditEntry


def _names(page) -> list[str]:
    return [row.name for row in page.model.rows()]


def _search(qtbot, page, text: str, *, enter: bool) -> None:
    page.search_edit.setText(text)
    with qtbot.waitSignal(page.results_loaded, timeout=20_000):
        if enter:
            qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
        else:
            page.search_button.click()


def _select(qtbot, page, row: int) -> None:
    trainee = page.model.row_at(row)
    with qtbot.waitSignal(page.detail.loaded, timeout=20_000, check_params_cb=lambda loaded: loaded == trainee.id):
        page.table.selectRow(row)


def test_the_page_opens_with_the_trainees_on_record_masked(qtbot, trainees_page):
    qtbot.waitUntil(lambda: trainees_page.model.rowCount() > 0, timeout=20_000)
    assert trainees_page.result_label.text() == "共 155 名学员。"
    assert all("*" in row.id_masked for row in trainees_page.model.rows())
    assert trainees_page.detail.empty_label.text() == "选择一名学员，这里会显示其个人信息和培训记录。"


def test_searching_by_name_with_enter_finds_that_person(qtbot, trainees_page, demo_office):
    someone = demo_office.trainees.search("")[7]
    _search(qtbot, trainees_page, someone.name, enter=True)
    assert someone.name in _names(trainees_page)
    assert all(someone.name in name for name in _names(trainees_page))


def test_searching_by_the_last_four_characters_of_the_id_number(qtbot, trainees_page, demo_office):
    someone = demo_office.trainees.search("")[11]
    last4 = someone.id_masked[-4:]
    _search(qtbot, trainees_page, last4, enter=False)
    rows = trainees_page.model.rows()
    assert someone.id in [row.id for row in rows]
    assert all(row.id_masked.endswith(last4) for row in rows)


def test_a_search_that_finds_nobody_says_what_to_try(qtbot, trainees_page):
    _search(qtbot, trainees_page, "查无此人", enter=True)
    assert trainees_page.model.rowCount() == 0
    assert "后 4 位" in trainees_page.result_label.text()


def test_selecting_a_trainee_shows_the_record_and_training_history(qtbot, trainees_page, demo_office):
    someone = next(row for row in demo_office.trainees.search("") if row.classes)
    _search(qtbot, trainees_page, someone.id_masked[-4:], enter=True)
    row = next(i for i, r in enumerate(trainees_page.model.rows()) if r.id == someone.id)
    if trainees_page.selected_trainee() is None or trainees_page.selected_trainee().id != someone.id:
        _select(qtbot, trainees_page, row)
    else:
        qtbot.waitUntil(lambda: trainees_page.detail.detail is not None, timeout=20_000)
    detail = trainees_page.detail
    values = detail.fact_values
    assert detail.name_label.text() == someone.name
    assert values["id_type"].text() == "居民身份证"
    assert values["id_number"].text() == someone.id_masked
    assert values["pension"].text() in ("是", "否")
    assert values["bank_account"].text() == "已登记（隐藏）"
    assert detail.history_model.rowCount() == someone.classes
    assert detail.facts_box.title() == "个人信息" and detail.history_box.title() == "培训记录"


def test_revealing_the_id_number_requires_a_purpose_shows_it_and_is_audited(qtbot, trainees_page, demo_office):
    qtbot.waitUntil(lambda: trainees_page.model.rowCount() > 1, timeout=20_000)
    _select(qtbot, trainees_page, 0)
    detail = trainees_page.detail
    trainee = detail.detail.row
    detail.reveal_buttons["id_number"].click()
    dialog = detail.purpose_dialog
    assert dialog is not None and dialog.isVisible()
    assert "审计日志" in dialog.explanation.text()
    assert not dialog.ok_button.isEnabled()  # no purpose, no reveal
    dialog.accept()
    assert dialog.isVisible() and "id_number" not in detail.revealed_values
    dialog.reason_combo.setEditText("核对身份证件")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(detail.revealed, timeout=20_000):
        dialog.ok_button.click()
    shown = detail.fact_values["id_number"].text()
    assert len(shown) == 18 and "*" not in shown
    assert shown[:4] == trainee.id_masked[:4] and shown[-4:] == trainee.id_masked[-4:]
    assert detail.reveal_note.isVisible()
    assert not detail.reveal_buttons["id_number"].isVisible()
    with demo_office.db.reading() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "personal_data.revealed")).all()
        assert [(e.details["field"], e.details["purpose"]) for e in entries] == [("id_number", "核对身份证件")]

    # Another trainee: the number is masked again, and stays masked on the way back.
    _select(qtbot, trainees_page, 1)
    assert detail.revealed_values == {}
    assert "*" in detail.fact_values["id_number"].text()
    _select(qtbot, trainees_page, 0)
    assert detail.fact_values["id_number"].text() == trainee.id_masked
    assert detail.reveal_buttons["id_number"].isVisible()


def test_revealing_the_phone_works_the_same_way(qtbot, trainees_page, demo_office):
    qtbot.waitUntil(lambda: trainees_page.model.rowCount() > 0, timeout=20_000)
    _select(qtbot, trainees_page, 0)
    detail = trainees_page.detail
    masked = detail.detail.row.phone_masked
    detail.reveal_buttons["phone"].click()
    dialog = detail.purpose_dialog
    dialog.reason_combo.setCurrentIndex(2)  # 联系学员
    with qtbot.waitSignal(detail.revealed, timeout=20_000):
        dialog.ok_button.click()
    phone = detail.fact_values["phone"].text()
    assert len(phone) == 11 and phone[:3] == masked[:3] and phone[-4:] == masked[-4:]
    with demo_office.db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "personal_data.revealed")).one()
        assert entry.details == {"field": "phone", "purpose": "联系学员"}


def test_cancelling_the_purpose_dialog_reveals_nothing(qtbot, trainees_page, demo_office):
    qtbot.waitUntil(lambda: trainees_page.model.rowCount() > 0, timeout=20_000)
    _select(qtbot, trainees_page, 0)
    detail = trainees_page.detail
    detail.reveal_buttons["bank_account"].click()
    detail.purpose_dialog.reject()
    qtbot.waitUntil(lambda: detail.purpose_dialog is None, timeout=20_000)
    assert detail.fact_values["bank_account"].text() == "已登记（隐藏）"
    with demo_office.db.reading() as session:
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "personal_data.revealed")).all() == []


# --- change notices and late answers ----------------------------------------------------------


def _count_searches(monkeypatch, office) -> list[str]:
    asked: list[str] = []
    real = office.trainees.search

    def counted(text, **kwargs):
        asked.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(office.trainees, "search", counted)
    return asked


@pytest.mark.parametrize("area", [Area.ROSTER, Area.TRAINEES])
def test_enrolments_or_trainees_changed_elsewhere_run_the_last_search_again(qtbot, trainees_page, demo_office,
                                                                            monkeypatch, area):
    someone = demo_office.trainees.search("")[3]
    _search(qtbot, trainees_page, someone.name, enter=True)
    trainees_page.search_edit.setText("typed but not searched yet")
    asked = _count_searches(monkeypatch, demo_office)
    with qtbot.waitSignal(trainees_page.results_loaded, timeout=20_000):
        trainees_page.operations.did_execute.emit(Changes(frozenset({area})), object())
    assert asked == [someone.name]  # the search on show, not the text being typed
    assert someone.name in _names(trainees_page)


def test_a_change_to_the_audit_log_only_searches_nothing(qtbot, trainees_page, demo_office, monkeypatch):
    qtbot.waitUntil(lambda: trainees_page.model.rowCount() > 0 and trainees_page.operations.tasks.pending == 0,
                    timeout=20_000)
    asked = _count_searches(monkeypatch, demo_office)
    trainees_page.operations.did_execute.emit(Changes(frozenset({Area.AUDIT})), object())  # e.g. a number revealed
    qtbot.waitUntil(lambda: trainees_page.operations.tasks.pending == 0, timeout=20_000)  # the window's count
    assert asked == []


def test_a_change_while_the_screen_is_hidden_searches_when_it_shows_again(qtbot, trainees_page, demo_office,
                                                                          monkeypatch):
    qtbot.waitUntil(lambda: trainees_page.operations.tasks.pending == 0, timeout=20_000)
    host = trainees_page.window()
    host.hide()
    asked = _count_searches(monkeypatch, demo_office)
    trainees_page.operations.did_execute.emit(Changes(frozenset({Area.ROSTER})), object())
    qtbot.waitUntil(lambda: trainees_page.operations.tasks.pending == 0, timeout=20_000)
    assert asked == []
    with qtbot.waitSignal(trainees_page.results_loaded, timeout=20_000):
        host.show()
    assert asked == [""]


def test_a_late_answer_for_an_older_search_is_dropped(qtbot, trainees_page, demo_office, monkeypatch):
    qtbot.waitUntil(lambda: trainees_page.operations.tasks.pending == 0, timeout=20_000)
    someone = demo_office.trainees.search("")[5]
    gate = threading.Event()
    real = demo_office.trainees.search

    def slow_for_the_first(text, **kwargs):
        if text == "":
            gate.wait(10)  # the older search answers last
        return real(text, **kwargs)

    monkeypatch.setattr(demo_office.trainees, "search", slow_for_the_first)
    trainees_page.search("")
    with qtbot.waitSignal(trainees_page.results_loaded, timeout=20_000):
        trainees_page.search(someone.name)
    shown = _names(trainees_page)
    assert someone.name in shown and len(shown) < 155
    gate.set()
    qtbot.waitUntil(lambda: trainees_page.operations.tasks.pending == 0, timeout=20_000)
    assert _names(trainees_page) == shown  # the 155 of the older search never replaced them
    assert trainees_page.last_query == someone.name
