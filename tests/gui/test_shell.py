"""The main window: every page reachable, a status bar that tells the truth, live language switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app import messages
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.screen_list import SCREEN_IDS
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.demo import fill_demo_institution

EXPECTED_ZH_TITLES = ["班级", "学员", "考勤", "证书", "上传", "审计日志", "报表", "设置"]
EXPECTED_EN_TITLES = ["Classes", "Trainees", "Attendance", "Certificates", "Upload", "Audit log", "Reports", "Settings"]


@pytest.fixture
def window(qtbot, qapp, office, settings):
    install_translators(qapp, "zh")
    win = MainWindow(office, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0)
    yield win
    win.tasks.wait_for_done()
    install_translators(qapp, "zh")


def test_navigation_lists_every_page_in_chinese_and_shows_each_one(window, qtbot):
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == EXPECTED_ZH_TITLES
    for row, page_id in enumerate(SCREEN_IDS):
        window.navigation.setCurrentRow(row)
        assert window.current_page_id() == page_id
        assert window.stack.currentWidget().objectName() == f"page_{page_id}"
        assert window.stack.currentWidget().isVisible()


def test_ctrl_number_shortcuts_jump_to_pages(window, qtbot):
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_id() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_id() == "audit"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_id() == "trainees"


def test_status_bar_names_the_database_and_counts_waiting_batches(window):
    assert window.database_status.text() == "数据库：skilldesk.db"
    assert window.waiting_status.text() == "待上传：0 批"
    assert window.online_status.text() == "离线（尚未设置省平台地址）"


def test_page_counts_come_from_the_database(qtbot, qapp, office, settings):
    fill_demo_institution(office.db, office.cipher, actor=office.actor)
    install_translators(qapp, "zh")
    win = MainWindow(office, settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.snapshot is not None)
    assert win.pages["classes"].header.count_label.text() == "当前数据库共有 5 个班级"
    assert win.windowTitle().startswith("SkillDesk — 苏州市吴中区")
    win.tasks.wait_for_done()


def test_choosing_english_in_settings_retranslates_the_window_live_and_is_remembered(window, qtbot, qapp, settings):
    window.language_changed.connect(lambda language: install_translators(qapp, language))
    window.show_page("settings")
    combo = window.pages["settings"].general.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "Classes")
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == EXPECTED_EN_TITLES
    assert window.database_status.text() == "Database: skilldesk.db"
    assert messages.current_language() == "en"
    from desktop_app.config import read_settings_file

    assert read_settings_file(settings.settings_file)["language"] == "en"


def test_a_platform_address_that_does_not_answer_shows_offline_with_reassurance(window, qtbot):
    page = window.pages["settings"]
    page.platform.address_edit.setText("http://127.0.0.1:9")  # discard port: nothing listens there
    page.platform.save_button.click()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert window.online_status.text() == "离线：数据已保存，联网后自动上传"


def test_task_runner_delivers_results_and_failures_on_the_ui_thread(qtbot, qapp):
    import threading

    runner = TaskRunner()
    main_thread = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    runner.run(work, on_success=lambda value: seen.update(value=value, callback=threading.get_ident()))
    runner.run(lambda: 1 / 0, on_failure=lambda error: seen.update(error=type(error)))
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert seen["value"] == 42
    assert seen["worker"] != main_thread and seen["callback"] == main_thread
    assert seen["error"] is ZeroDivisionError
