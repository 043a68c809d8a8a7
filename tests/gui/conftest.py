"""Fixtures for the class and trainee screens: a demo institution and the main window over it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desktop_app.gui.i18n import install_translators
from desktop_app.gui.theme import apply_theme
from desktop_app.services.demo import fill_demo_institution


@pytest.fixture(scope="session", autouse=True)
def themed_application(qapp):
    """The application's one stylesheet, as `app.create_application` gives it: screens are tested
    with the look people see (tones, object-name rules)."""
    apply_theme(qapp)
    return qapp


@pytest.fixture(autouse=True)
def forget_file_dialog_folders():
    """Each test's file dialogs start afresh: the folders one test's window remembered (in its own
    settings.json) are not where the next test's dialogs start."""
    from desktop_app.gui.widgets.file_chooser import remember_folders_in

    remember_folders_in(None)
    yield
    remember_folders_in(None)


@pytest.fixture
def chinese(qapp):
    """The Chinese translation installed, as a clerk's PC has it."""
    install_translators(qapp, "zh")
    yield
    install_translators(qapp, "zh")


@pytest.fixture
def demo_office(office):
    """The test database filled with the demo institution (5 classes, 155 trainees)."""
    fill_demo_institution(office.db, office.cipher, actor=office.actor)
    return office


@pytest.fixture
def code():
    """Demo class codes are `<year>-<suffix>`: JZ01 in training (32 trainees), YL01 completed,
    DG01 filed (starts in two weeks), PR01 draft (no sessions, nobody enrolled), AI01 in training."""
    return lambda suffix: f"{date.today():%Y}-{suffix}"


@pytest.fixture
def demo_window(qtbot, qapp, demo_office, settings):
    """The main window, in Chinese, with the first answers from the database already shown.

    Not handed to qtbot.addWidget: pytest-qt closes and deletes such widgets before fixtures are
    torn down, which could drop an answer still on its way from the task runner. Here every
    answer arrives first, then the window goes."""
    from desktop_app.gui.main_window import MainWindow  # here: the screens' own tests build no window

    install_translators(qapp, "zh")
    window = MainWindow(demo_office, settings)
    window.resize(1280, 860)
    window.show()
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and window.pages["classes"].model.rowCount() > 0, timeout=20_000)
    yield window
    window.tasks.wait_for_done()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=20_000)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")


@pytest.fixture
def classes_page(demo_window):
    demo_window.show_page("classes")
    return demo_window.pages["classes"]


@pytest.fixture
def trainees_page(demo_window):
    demo_window.show_page("trainees")
    return demo_window.pages["trainees"]


@pytest.fixture
def select_class(qtbot, classes_page):
    """Select a class in the list and wait until its facts, sessions and roster are shown."""

    def select(class_code: str) -> None:
        with qtbot.waitSignal(classes_page.detail.loaded, timeout=20_000,
                              check_params_cb=lambda loaded: loaded == class_code):
            assert classes_page.select_class(class_code)

    return select
