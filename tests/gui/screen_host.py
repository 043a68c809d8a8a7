"""Fixtures that build one screen the way the main window does, without the window: a page over
the demo institution with its own Operations, change notices forwarded to it, and the count the
window shows beside its title.

Imported by the screens' conftest files (`from tests.gui.screen_host import *`)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.gui.i18n import install_translators
from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.changes import Area, writes

# The areas the facade's writing calls report (services/office, `@writes`). Until the Office
# facade replaces the Office on this branch, the Office's methods are wrapped to report the same, so
# that the screens receive the change notices they will receive from the window. A method that
# already reports (`.changes`), or that no longer exists under this name, is left alone: once
# the Office lands this wrapping does nothing and can go.
DESK_WRITES = {
    "create_class": (Area.CLASSES, Area.SESSIONS),
    "update_class": (Area.CLASSES,),
    "change_class_status": (Area.CLASSES,),
    "move_session": (Area.SESSIONS,),
    "cancel_session": (Area.SESSIONS,),
    "import_roster": (Area.ROSTER, Area.TRAINEES, Area.CLASSES),
    "export_roster": (Area.AUDIT,),
    "reveal_personal_field": (Area.AUDIT,),
    "correct_trainee_name": (Area.TRAINEES,),
    "set_subsidy_claim": (Area.ROSTER,),
    "seal_class": (Area.OUTBOX, Area.CLASSES),
}

COUNT_TEXTS = {  # what the window shows beside each screen's title (MainWindow._show_snapshot)
    "classes": ("Classes in this database: %n", "classes"),
    "trainees": ("Trainees in this database: %n", "trainees"),
}


def report_changes_like_the_office(office, monkeypatch) -> None:
    for name, areas in DESK_WRITES.items():
        method = getattr(office, name, None)
        if method is None or hasattr(method, "changes"):
            continue
        monkeypatch.setattr(office, name, writes(*areas)(method))


class ScreenHost(QWidget):
    """Stands in for the main window around one page."""

    def __init__(self, page, office, operations: Operations) -> None:
        super().__init__()
        self.page = page
        self.office = office
        self.operations = operations
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        operations.did_execute.connect(self._operation_did_execute)
        self.refresh_count()

    def _operation_did_execute(self, changes, origin) -> None:
        self.page.on_operation_did_execute(changes, origin)
        self.refresh_count()

    def refresh_count(self) -> None:
        source, field = COUNT_TEXTS.get(self.page.page_id, (None, None))
        if source is None:
            return

        def show(snapshot) -> None:
            figure = getattr(snapshot, field)
            self.page.show_count(lambda: QCoreApplication.translate("MainWindow", source, "", figure))

        self.operations.run(self, self.office.status, success=show)

    def retranslate(self) -> None:
        self.page.retranslate()


@pytest.fixture
def operations(qapp):
    operations = Operations(TaskRunner())
    yield operations
    operations.tasks.wait_for_done()


@pytest.fixture
def host_screen(qtbot, qapp, demo_office, operations, monkeypatch):
    """`host_screen(PageClass)`: the page over the demo institution, shown at 1280×860 in Chinese,
    its first answers arrived. Every answer arrives before the page goes (see demo_window)."""
    hosts = []
    report_changes_like_the_office(demo_office, monkeypatch)

    def build(page_class, **kwargs):
        install_translators(qapp, "zh")
        page = page_class(demo_office, operations, **kwargs)
        host = ScreenHost(page, demo_office, operations)
        host.resize(1280, 860)
        host.show()
        qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
        hosts.append(host)
        return page

    yield build
    operations.tasks.wait_for_done()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
    for host in hosts:
        host.close()
        host.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")
