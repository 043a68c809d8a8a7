"""The classes screen built on its own over the demo institution (see tests/gui/screen_host.py)."""

from __future__ import annotations

import pytest

from desktop_app.gui.screens.classes import ClassesPage
from tests.gui.screen_host import host_screen, operations  # noqa: F401 - fixtures


@pytest.fixture
def classes_page(qtbot, host_screen):  # noqa: F811
    page = host_screen(ClassesPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.header.count_label.text() != "", timeout=20_000)
    return page


@pytest.fixture
def select_class(qtbot, classes_page):
    """Select a class in the list and wait until its facts, sessions and roster are shown."""

    def select(class_code: str) -> None:
        with qtbot.waitSignal(classes_page.detail.loaded, timeout=20_000,
                              check_params_cb=lambda loaded: loaded == class_code):
            assert classes_page.select_class(class_code)

    return select
