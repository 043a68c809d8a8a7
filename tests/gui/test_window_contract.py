"""What the main window expects of its screens, and gives them, shown with stand-in screens built on
the `ScreenPage` base: change notices reach every screen and each reloads only for what it shows;
the status bar follows the counts; the upload, settings and classes screens are wired as agreed."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QVBoxLayout

from desktop_app.gui import main_window as main_window_module
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.screen_list import SCREEN_IDS
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.preferences import PreferenceError, Preferences
from desktop_app.services.accounts import SessionEnded
from desktop_app.services.changes import Area, report_changes

WAIT = 20_000


class StandIn(ScreenPage):
    """A screen that counts its reloads."""

    def __init__(self, office, operations, *, screen_id: str, shows: tuple[Area, ...] = ()) -> None:
        super().__init__(office, operations)
        self.screen_id = screen_id
        self.shows = shows
        self.reloads = 0
        self.retranslations = 0
        self.permissions_applied = 0
        self.failures: list[BaseException] = []
        layout = QVBoxLayout(self)  # laid out as a real screen is: the header and the banner on top
        layout.addLayout(self.header)
        layout.addWidget(self.notice)
        self.retranslate()

    def title(self) -> str:
        return self.screen_id

    def reload(self) -> None:
        self.reloads += 1

    def retranslate(self) -> None:
        self.retranslations += 1
        super().retranslate()

    def apply_permissions(self) -> None:
        self.permissions_applied += 1

    def show_failure(self, error: BaseException) -> None:
        self.failures.append(error)
        super().show_failure(error)


class ClassesStandIn(StandIn):
    class_sealed = Signal(object)  # BatchRow

    def __init__(self, office, operations) -> None:
        super().__init__(office, operations, screen_id="classes", shows=(Area.CLASSES, Area.OUTBOX))
        self.opened: list[str] = []

    def show_class(self, code: str) -> None:
        self.opened.append(code)


class CertificatesStandIn(StandIn):
    def __init__(self, office, operations, *, offset_mm) -> None:
        super().__init__(office, operations, screen_id="certificates", shows=(Area.ASSESSMENTS, Area.CERTIFICATES))
        self.offset_mm = offset_mm

    def set_offset(self, offset_mm) -> None:
        self.offset_mm = offset_mm


class UploadStandIn(StandIn):
    upload_requested = Signal()
    upload_stop_requested = Signal()
    navigate_to_class = Signal(str)

    def __init__(self, office, operations, *, platform_url) -> None:
        super().__init__(office, operations, screen_id="sync", shows=(Area.OUTBOX,))
        self.platform_url = platform_url
        self.events: list[tuple] = []

    def upload_started(self) -> None:
        self.events.append(("started",))

    def upload_progressed(self, done: int, total: int) -> None:
        self.events.append(("progressed", done, total))

    def upload_finished(self, outcome, *, manual: bool) -> None:
        self.events.append(("finished", outcome, manual))


class SettingsStandIn(StandIn):
    language_chosen = Signal(str)
    platform_url_chosen = Signal(str)
    certificate_offset_chosen = Signal(float, float)
    idle_minutes_chosen = Signal(int)

    def __init__(self, office, operations, **given) -> None:
        super().__init__(office, operations, screen_id="settings")
        self.given = given


class AttendanceStandIn(StandIn):
    """What the window asks of the attendance screen: swipes from the card-burst filter, the
    session the lock screen's station takes swipes for, and each swipe's answer."""

    swipe_answered = Signal(str, str)

    def __init__(self, office, operations) -> None:
        super().__init__(office, operations, screen_id="attendance", shows=(Area.ATTENDANCE, Area.CLASSES))
        self.swipes: list[str] = []

    def take_swipe(self, text: str) -> None:
        self.swipes.append(text)
        self.swipe_answered.emit(f"answer to {text}", "scan-ok")

    def station_session(self):
        return None


def stand_in_factories():
    def plain(screen_id, *shows):
        return lambda c: StandIn(c.office, c.operations, screen_id=screen_id, shows=shows)

    return [
        ("classes", lambda c: ClassesStandIn(c.office, c.operations)),
        ("trainees", plain("trainees", Area.TRAINEES, Area.ROSTER)),
        ("attendance", lambda c: AttendanceStandIn(c.office, c.operations)),
        ("certificates", lambda c: CertificatesStandIn(c.office, c.operations,
                                                       offset_mm=c.preferences.certificate_offset_mm)),
        ("sync", lambda c: UploadStandIn(c.office, c.operations, platform_url=c.platform_url)),
        ("audit", plain("audit", Area.AUDIT)),
        ("reports", plain("reports")),
        ("settings", lambda c: SettingsStandIn(
            c.office, c.operations, language=c.settings.language, platform_url=c.settings.platform_url,
            certificate_offset_mm=c.preferences.certificate_offset_mm,
            idle_minutes=int(c.preferences.idle_lock_minutes))),
    ]


@pytest.fixture
def window(qtbot, qapp, office, settings, monkeypatch, chinese):
    monkeypatch.setattr(main_window_module, "screen_factories", stand_in_factories)
    Preferences.update(settings.settings_file, certificate_offset_mm=(1.5, -0.5), idle_lock_minutes=12)
    install_translators(qapp, "zh")
    win = MainWindow(office, settings)
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pending == 0 and win.snapshot is not None, timeout=WAIT)
    yield win
    win.tasks.wait_for_done()
    qtbot.waitUntil(lambda: win.tasks.pending == 0, timeout=WAIT)
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def changed(qtbot, window, origin, *areas: Area) -> None:
    """An operation on `origin` that changed `areas`, as a facade writing call reports them."""
    with qtbot.waitSignal(window.operations.did_execute, timeout=WAIT):
        window.operations.run(origin, lambda: report_changes(*areas))


def test_screens_are_built_in_navigation_order_with_what_they_need(window):
    assert list(window.pages) == list(SCREEN_IDS)
    assert [window.navigation.item(row).text() for row in range(len(SCREEN_IDS))] == list(SCREEN_IDS)
    assert all(page.objectName() == f"page_{page_id}" for page_id, page in window.pages.items())
    assert window.pages["certificates"].offset_mm == (1.5, -0.5)
    assert window.pages["settings"].given["idle_minutes"] == 12
    assert window.pages["sync"].platform_url() == window.platform_url()
    assert window.pages["classes"].header.count_label.text() == "当前数据库共有 0 个班级"  # counts from the status


def test_a_change_reloads_the_visible_screen_that_shows_it_and_no_other(qtbot, window):
    window.show_page("classes")
    classes, trainees = window.pages["classes"], window.pages["trainees"]
    before = classes.reloads, trainees.reloads
    changed(qtbot, window, window.pages["sync"], Area.OUTBOX)  # e.g. an upload, or a receipt imported
    assert classes.reloads == before[0] + 1 and trainees.reloads == before[1]
    changed(qtbot, window, classes, Area.AUDIT)
    assert classes.reloads == before[0] + 1  # the classes screen does not show the audit log


def test_a_change_a_screen_made_itself_reloads_it_not_one_made_elsewhere(qtbot, window):
    """Its own operation's answer already shows the change (a reload would lose the selection and
    what is typed); that holds for the screen's parts and the dialogs it opened too."""
    window.show_page("classes")
    classes = window.pages["classes"]
    before = classes.reloads
    part = QObject(classes)  # a tab, a controller or a dialog of the screen
    dialog_of_the_part = QObject(part)
    for origin in (classes, part, dialog_of_the_part):
        changed(qtbot, window, origin, Area.CLASSES)
    assert classes.reloads == before
    changed(qtbot, window, window.pages["sync"], Area.CLASSES)
    assert classes.reloads == before + 1


def test_a_language_change_retranslates_every_screen_once(qtbot, qapp, window):
    before = {page_id: page.retranslations for page_id, page in window.pages.items()}
    install_translators(qapp, "en")
    qtbot.waitUntil(lambda: window.pages["classes"].retranslations > before["classes"], timeout=WAIT)
    QCoreApplication.processEvents()
    assert all(page.retranslations == before[page_id] + 1 for page_id, page in window.pages.items())
    install_translators(qapp, "zh")


def test_a_hidden_screen_reloads_when_next_shown_and_only_once(qtbot, window):
    window.show_page("classes")
    trainees = window.pages["trainees"]
    before = trainees.reloads
    changed(qtbot, window, window.pages["classes"], Area.ROSTER)  # an import enrolled people
    changed(qtbot, window, window.pages["classes"], Area.TRAINEES)
    assert trainees.reloads == before  # not shown: nothing read yet
    window.show_page("trainees")
    assert trainees.reloads == before + 1
    window.show_page("classes")
    window.show_page("trainees")
    assert trainees.reloads == before + 1  # nothing changed since


def test_the_status_bar_is_read_again_after_changes_to_what_it_counts(qtbot, window, monkeypatch):
    refreshed = []
    monkeypatch.setattr(window, "refresh_status", lambda: refreshed.append(True))
    changed(qtbot, window, window.pages["attendance"], Area.ATTENDANCE)
    changed(qtbot, window, window.pages["audit"], Area.AUDIT)
    assert refreshed == []
    for area in (Area.CLASSES, Area.TRAINEES, Area.OUTBOX):
        changed(qtbot, window, window.pages["classes"], area)
    assert len(refreshed) == 3


def test_a_session_ended_anywhere_asks_for_a_sign_in_saying_why(qtbot, window):
    failures = []
    page = window.pages["attendance"]
    window.operations.run(page, lambda: (_ for _ in ()).throw(SessionEnded("accounts.session_disabled", user="li")),
                          failure=failures.append)
    qtbot.waitUntil(lambda: window.login_dialog is not None, timeout=WAIT)
    assert "已被管理员停用" in window.login_dialog.error_label.text()
    assert [type(error) for error in failures] == [SessionEnded]  # the screen was told too
    window.login_dialog.done(0)


def test_the_upload_screen_asks_and_is_told_through_the_scheduler(qtbot, window):
    upload = window.pages["sync"]
    with qtbot.waitSignal(window.upload_finished, timeout=WAIT) as finished:
        upload.upload_requested.emit()
    assert upload.events[0] == ("started",)
    kind, outcome, manual = upload.events[-1]
    assert kind == "finished" and manual is True and outcome is finished.args[0]
    assert not window.uploads.running


def test_a_sealed_class_has_the_status_read_again_so_its_batch_can_go_at_once(window, monkeypatch):
    refreshed = []
    monkeypatch.setattr(window, "refresh_status", lambda: refreshed.append(True))
    window.pages["classes"].class_sealed.emit(object())
    assert refreshed == [True]


def test_go_and_fix_opens_the_class_on_the_classes_screen(window):
    window.pages["sync"].navigate_to_class.emit("2025-JZ01")
    assert window.current_page_id() == "classes" and window.pages["classes"].opened == ["2025-JZ01"]


def test_preferences_chosen_on_the_settings_screen_are_checked_saved_and_passed_on(window, settings, qapp):
    page = window.pages["settings"]
    page.certificate_offset_chosen.emit(2.5, -1.0)
    assert window.pages["certificates"].offset_mm == (2.5, -1.0)
    assert json.loads(settings.settings_file.read_text(encoding="utf-8"))["certificate_offset_mm"] == [2.5, -1.0]
    page.certificate_offset_chosen.emit(25.0, 0.0)  # beyond ±20 mm: refused, said on the settings screen
    assert window.pages["certificates"].offset_mm == (2.5, -1.0)
    assert isinstance(page.failures[-1], PreferenceError) and "±20 毫米" in page.notice.text()
    assert Preferences.load(settings.settings_file).certificate_offset_mm == (2.5, -1.0)
    page.idle_minutes_chosen.emit(4)
    assert Preferences.load(settings.settings_file).idle_lock_minutes == 4
    lock = window.arm_idle_lock()
    try:
        assert lock.timer.interval() == 4 * 60_000
        page.idle_minutes_chosen.emit(6)
        assert lock.timer.interval() == 6 * 60_000
    finally:
        lock.stop()
    page.platform_url_chosen.emit("pt.example.cn")  # no scheme: refused, the settings keep the old one
    assert window.settings.platform_url is None and "http://" in page.notice.text()


def test_signing_in_applies_the_new_role_on_every_screen(window):
    before = {page_id: page.permissions_applied for page_id, page in window.pages.items()}
    window.refresh_for_actor()
    assert all(page.permissions_applied == before[page_id] + 1 for page_id, page in window.pages.items())


def test_a_card_burst_goes_to_the_attendance_screen_and_its_answer_to_the_lock_screen_or_status_bar(qtbot, window):
    bursts = window.arm_card_reader()
    lock = window.arm_idle_lock()
    try:
        window.show_page("classes")
        bursts.swiped.emit("320508198512053683")
        assert window.pages["attendance"].swipes == ["320508198512053683"]
        assert window.statusBar().currentMessage() == "刷卡：answer to 320508198512053683"
        lock.lock()
        bursts.swiped.emit("4")
        assert lock.overlay.station_answer.text() == "answer to 4" and lock.overlay.swipes_shown == 1
        assert not lock.overlay.station_box.isVisible()  # no session open: no station heading
    finally:
        bursts.stop()
        lock.stop()
