"""The help window: F1 opens the page of the screen in front, 帮助 the workflow; zh and en pages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from desktop_app import resources
from desktop_app.gui.help_window import HELP_PAGES
from desktop_app.gui.i18n import install_translators

WORKFLOW = ["开班", "导入花名册", "考勤", "成绩", "发证", "封存上传", "补贴"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_page_exists_and_its_links_lead_to_pages(language):
    folder = resources.help_dir(language)
    for page in HELP_PAGES:
        text = (folder / f"{page}.md").read_text(encoding="utf-8")
        assert text.startswith("# ")
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert (folder / target).is_file(), f"{language}/{page}.md links to {target}"


def test_the_workflow_page_names_the_steps_in_order():
    text = (resources.help_dir("zh") / "index.md").read_text(encoding="utf-8")
    positions = [text.index(f"**{step}**") for step in WORKFLOW]
    assert positions == sorted(positions)


def test_f1_opens_the_page_of_the_screen_in_front(qtbot, demo_window):
    demo_window.show_page("attendance")
    qtbot.keyClick(demo_window.pages["attendance"], Qt.Key.Key_F1)
    help_window = demo_window.help_window
    qtbot.waitUntil(lambda: help_window is not None and help_window.isVisible(), timeout=5_000)
    assert help_window.page == "attendance"
    assert help_window.browser.toPlainText().startswith("考勤")
    assert help_window.pages.currentItem().text() == "考勤"


def test_the_help_button_opens_the_workflow_and_links_move_between_pages(qtbot, demo_window):
    qtbot.mouseClick(demo_window.help_button, Qt.MouseButton.LeftButton)
    help_window = demo_window.help_window
    assert help_window.isVisible() and help_window.page == "index"
    assert "开班" in help_window.browser.toPlainText()
    help_window.browser.setSource(help_window.browser.source().resolved("classes.md"))
    assert help_window.page == "classes" and help_window.pages.currentItem().text() == "班级"
    help_window.pages.setCurrentRow(HELP_PAGES.index("settings"))
    assert help_window.browser.toPlainText().startswith("设置")


def test_the_help_follows_the_language(qtbot, qapp, demo_window):
    demo_window.show_help("certificates")
    try:
        install_translators(qapp, "en")
        qtbot.waitUntil(lambda: demo_window.help_window.browser.toPlainText().startswith("Certificates"),
                        timeout=5_000)
        assert demo_window.help_window.windowTitle() == "SkillDesk help"
        assert not re.search(r"[\u4e00-\u9fff]", demo_window.help_window.pages.item(0).text())
    finally:
        install_translators(qapp, "zh")
