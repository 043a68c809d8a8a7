"""The main window: navigation to every page (who is signed in below it), and a status bar that
tells the state of things."""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import config
from desktop_app.config import Settings
from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME
from desktop_app.gui.login import LoginDialog
from desktop_app.gui.pages import PAGE_IDS
from desktop_app.gui.pages.attendance import AttendancePage
from desktop_app.gui.pages.certificates import CertificatesPage, stored_certificate_offset
from desktop_app.gui.pages.classes import ClassesPage
from desktop_app.gui.pages.placeholder import PlaceholderPage
from desktop_app.gui.pages.trainees import TraineesPage
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import role_name
from desktop_app.gui.screens.audit import AuditPage
from desktop_app.gui.screens.settings import SettingsPage
from desktop_app.gui.screens.upload import UploadPage
from desktop_app.gui.tasks import CancellableRun, TaskRunner
from desktop_app.domain.permissions import Permission, allows
from desktop_app.services.accounts import SessionEnded
from desktop_app.services.changes import Area, Changes
from desktop_app.services.office import Office
from desktop_app.services.status import StatusSnapshot

STATUS_REFRESH_MS = 30_000
ONLINE_PROBE_MS = 60_000
# A background upload that left batches waiting (offline, back-off, not registered) is not
# tried again before this long, so the status refresh after it cannot start the next one.
AUTO_UPLOAD_INTERVAL_S = 60

STYLE = """
QListWidget#navigation { outline: 0; background: #f3f5f8; border: none; border-right: 1px solid #dde2e8; font-size: 11pt; }
QListWidget#navigation::item { padding: 10px 18px; border: none; }
QStatusBar QLabel { padding: 0 10px; border-left: 1px solid #d0d5db; }
QListWidget#navigation::item:selected { background: #2f6fb3; color: white; }
QWidget#navigationFooter { background: #f3f5f8; border-right: 1px solid #dde2e8; }
QLabel#userStatus { color: #1f3550; }
QPushButton#signOutButton { padding: 2px 0; border: none; color: #2f6fb3; text-align: left; }
QPushButton#signOutButton:hover { text-decoration: underline; }
QLabel#pageHeading { font-size: 18pt; font-weight: bold; color: #1f3550; }
QLabel#pageCount { color: #2f6fb3; font-size: 11pt; }
QFrame#placeholderFrame { background: #f8fafc; border: 1px solid #dde2e8; border-radius: 6px; }
"""


class MainWindow(QMainWindow):
    """Holds the pages; owns the task runner so nothing slow happens on the UI thread."""

    language_changed = Signal(str)
    upload_started = Signal(bool)  # manual
    upload_finished = Signal(object)  # SyncReport, or the error that stopped the upload
    actor_changed = Signal(object)  # Actor: someone else signed in (or nobody, while the login dialog is up)

    def __init__(self, office: Office, settings: Settings, *, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.office = office
        self.settings = settings
        self.tasks = tasks or TaskRunner(self)
        self.tasks.task_failed.connect(self._task_failed)
        self.operations = Operations(self.tasks, self)
        self.operations.did_execute.connect(self._operation_did_execute)
        self.operations.failed.connect(self._task_failed)
        self.snapshot: StatusSnapshot | None = None
        self.online: bool | None = None
        self.upload_run: CancellableRun | None = None
        self._last_auto_upload: float | None = None
        self.login_dialog: LoginDialog | None = None
        self._applied_actor = office.actor  # pages build their buttons for this one
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE)
        self.resize(1100, 720)
        self.setMinimumSize(QSize(860, 560))

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(170)
        self.stack = QStackedWidget()
        # Under the navigation: who is signed in, and the way out (退出登录 / 切换用户).
        self.navigation_footer = QWidget()
        self.navigation_footer.setObjectName("navigationFooter")
        self.navigation_footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.navigation_footer.setFixedWidth(170)
        footer = QVBoxLayout(self.navigation_footer)
        footer.setContentsMargins(18, 8, 8, 12)
        footer.setSpacing(2)
        self.user_status = QLabel()
        self.user_status.setObjectName("userStatus")
        self.user_status.setWordWrap(True)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setFlat(True)
        self.sign_out_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sign_out_button.clicked.connect(lambda: self.sign_out())
        footer.addWidget(self.user_status)
        footer.addWidget(self.sign_out_button)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.navigation, 1)
        side.addWidget(self.navigation_footer)
        layout.addLayout(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        for page_id in PAGE_IDS:
            page = self._make_page(page_id)
            self.pages[page_id] = page
            self.stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        for row in range(len(PAGE_IDS)):  # Ctrl+1 … Ctrl+8 jump to a page from anywhere
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda row=row: self.navigation.setCurrentRow(row))

        self.database_status = QLabel()
        self.database_status.setObjectName("databaseStatus")
        self.online_status = QLabel()
        self.online_status.setObjectName("onlineStatus")
        self.waiting_status = QLabel()
        self.waiting_status.setObjectName("waitingStatus")
        for widget in (self.database_status, self.online_status, self.waiting_status):
            self.statusBar().addPermanentWidget(widget)

        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start(STATUS_REFRESH_MS)
        self._online_timer = QTimer(self)
        self._online_timer.timeout.connect(self.probe_platform)
        self._online_timer.start(ONLINE_PROBE_MS)
        self.retranslate()
        self.refresh_status()
        self.probe_platform()

    # --- pages -----------------------------------------------------------------------------

    def _make_page(self, page_id: str) -> QWidget:
        if page_id == "settings":
            page = SettingsPage(
                self.office, self.operations,
                language=self.settings.language,
                database=self.office.database_name if not self.settings.sqlite_path else str(self.settings.sqlite_path),
                data_dir=str(self.settings.data_dir),
                key_dir=str(self.settings.key_dir),
                platform_url=self.settings.platform_url,
                certificate_offset_mm=stored_certificate_offset(self.settings),
            )
            page.language_chosen.connect(self._choose_language)
            page.platform_url_chosen.connect(self._choose_platform_url)
            page.certificate_offset_chosen.connect(self._choose_certificate_offset)
            return page
        if page_id == "classes":
            page = ClassesPage(self.office, self.tasks)
            # New classes and imported rosters change the counts in the status bar and headings.
            page.data_changed.connect(self.refresh_status)
            return page
        if page_id == "trainees":
            page = TraineesPage(self.office, self.tasks)
            classes = self.pages.get("classes")
            if isinstance(classes, ClassesPage):  # an import enrols people: search again when shown
                classes.data_changed.connect(page.mark_stale)
            return page
        if page_id == "attendance":
            page = AttendancePage(self.office, self.tasks)
            classes = self.pages.get("classes")
            if isinstance(classes, ClassesPage):  # new, filed or started classes: offer them when shown
                classes.data_changed.connect(page.mark_stale)
            return page
        if page_id == "certificates":
            page = CertificatesPage(self.office, self.tasks, offset_mm=stored_certificate_offset(self.settings))
            # Completed or sealed classes, and attendance (which decides completion), change what is shown.
            for source in (self.pages.get("classes"), self.pages.get("attendance")):
                if isinstance(source, (ClassesPage, AttendancePage)):
                    source.data_changed.connect(page.mark_stale)
            return page
        if page_id == "sync":
            page = UploadPage(self.office, self.operations, platform_url=self.platform_url)
            page.upload_requested.connect(lambda: self.start_upload(manual=True))
            page.upload_stop_requested.connect(self.stop_upload)
            page.navigate_to_class.connect(self.show_class)
            classes = self.pages.get("classes")
            if isinstance(classes, ClassesPage):
                classes.class_sealed.connect(self._class_sealed)
            return page
        if page_id == "audit":
            return AuditPage(self.office, self.operations)
        return PlaceholderPage(page_id)

    def _operation_did_execute(self, changes: Changes, origin: object) -> None:
        # Interim wiring until the window is rewired for every screen: the screens built on
        # ScreenPage decide for themselves; the others as the upload page's data_changed did.
        for page in self.pages.values():
            if callable(getattr(page, "on_operation_did_execute", None)):
                page.on_operation_did_execute(changes, origin)
        if changes.touches(Area.OUTBOX, Area.CLASSES):
            self._refresh_classes()
        self.refresh_status()

    def show_page(self, page_id: str) -> None:
        self.navigation.setCurrentRow(PAGE_IDS.index(page_id))

    def show_class(self, code: str) -> None:
        """Open a class on the classes page (the upload page's "去修改")."""
        self.show_page("classes")
        page = self.pages["classes"]
        if not isinstance(page, ClassesPage) or page.select_class(code):
            return
        # Hidden by the search or the status filter: show every class, then select it.
        page.search_edit.clear()
        page.status_combo.setCurrentIndex(0)
        page.reload(select_code=code)

    def _refresh_classes(self) -> None:
        """Statuses changed by sealing, uploads or receipts (已封存 → 已上传 / 被退回): read them again."""
        page = self.pages.get("classes")
        if isinstance(page, ClassesPage):
            page.reload()
            page.detail.reload()

    def current_page_id(self) -> str:
        return PAGE_IDS[self.stack.currentIndex()]

    # --- who is signed in ------------------------------------------------------------------

    def refresh_for_actor(self) -> None:
        """The signed-in user changed: every page offers what the new role may do, Settings shows
        Accounts to administrators only, and the navigation footer names the person."""
        self._applied_actor = self.office.actor
        for page in self.pages.values():
            if callable(getattr(page, "apply_permissions", None)):
                page.apply_permissions()
        self._render_user()
        self.actor_changed.emit(self.office.actor)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Start-up signs in between building the window and showing it: offer that person's actions.
        if self.office.actor != self._applied_actor:
            self.refresh_for_actor()
        super().showEvent(event)

    def sign_out(self, *, reason: str | None = None) -> None:
        """退出登录 / 切换用户: nobody acts (and nothing is shown) until someone signs in again.
        `reason`, when the session ended by itself, is said in the sign-in dialog."""
        if self.login_dialog is not None:
            self.login_dialog.raise_()
            return
        self.office.accounts.sign_out()
        self.centralWidget().hide()
        self.refresh_for_actor()
        dialog = LoginDialog(self.office, self)
        if reason:
            dialog.show_error(reason)
        dialog.accepted.connect(self._signed_in_again)
        dialog.rejected.connect(self._sign_in_abandoned)
        dialog.finished.connect(lambda _result, dialog=dialog: self._login_closed(dialog))
        self.login_dialog = dialog
        dialog.open()  # window-modal, not exec(): the event loop and the task runner keep going

    def _task_failed(self, error: BaseException) -> None:
        if isinstance(error, SessionEnded):
            # Disabled or given another role by an administrator: the page said the action did
            # not happen; the window asks for a sign-in, saying why.
            self.sign_out(reason=error.message())

    def _signed_in_again(self) -> None:
        self.refresh_for_actor()
        self.centralWidget().show()

    def _sign_in_abandoned(self) -> None:
        # "Quit" in the login dialog, as at start-up: the window closes and the application ends.
        self.close()

    def _login_closed(self, dialog: LoginDialog) -> None:
        if self.login_dialog is dialog:
            self.login_dialog = None
        dialog.deleteLater()

    def _render_user(self) -> None:
        actor = self.office.actor
        # Before the first run is complete the application acts as the built-in administrator: nobody to sign out.
        self.navigation_footer.setVisible(actor.username != LOCAL_ADMIN_USERNAME)
        if actor.signed_in:
            who = self.tr("%1 (%2)").replace("%1", actor.display_name).replace("%2", role_name(actor.role))
            self.user_status.setText(self.tr("Signed in:") + "\n" + who)
            self.user_status.setToolTip(actor.username)
            self.sign_out_button.setText(self.tr("Sign out / switch user…"))
        else:
            self.user_status.setText(self.tr("Not signed in"))
            self.user_status.setToolTip("")
            self.sign_out_button.setText(self.tr("Sign in…"))

    def _choose_language(self, language: str) -> None:
        config.save_preference(self.settings, "language", language)
        self.settings = self.settings.with_language(language)
        self.language_changed.emit(language)

    def _choose_platform_url(self, url: str) -> None:
        config.save_preference(self.settings, "platform_url", url or None)
        self.settings = replace(self.settings, platform_url=url or None)
        self.probe_platform()

    def _choose_certificate_offset(self, x_mm: float, y_mm: float) -> None:
        config.save_preference(self.settings, "certificate_offset_mm", [x_mm, y_mm])
        page = self.pages.get("certificates")
        if isinstance(page, CertificatesPage):
            page.set_offset((x_mm, y_mm))

    # --- status ----------------------------------------------------------------------------

    def refresh_status(self) -> None:
        self.tasks.run(self.office.status, on_success=self._show_snapshot, on_failure=lambda error: None)

    def platform_url(self) -> str | None:
        """The address in the settings, else the one this computer was registered with."""
        registered = self.snapshot.registered_platform_url if self.snapshot else None
        return self.settings.platform_url or registered

    def probe_platform(self) -> None:
        url = self.platform_url()
        if not url:
            self._show_online(False)
            return
        self.tasks.run(lambda: self.office.device.platform_online(url), on_success=self._show_online)

    def _show_snapshot(self, snapshot: StatusSnapshot) -> None:
        url_before = self.platform_url()
        self.snapshot = snapshot
        if self.platform_url() != url_before:
            self.probe_platform()  # registered from the command line since the last look
        self._render_status()
        counts = {
            "classes": lambda: self.tr("Classes in this database: %n", "", snapshot.classes),
            "trainees": lambda: self.tr("Trainees in this database: %n", "", snapshot.trainees),
            "sync": lambda: self.tr("Batches waiting to upload: %n", "", snapshot.batches_waiting),
        }
        for page_id, text in counts.items():
            page = self.pages[page_id]
            if isinstance(page, (PlaceholderPage, ClassesPage, TraineesPage, UploadPage)):
                page.show_count(text)
        self._maybe_upload_in_background()

    def _show_online(self, online: bool) -> None:
        self.online = bool(online)
        self._render_status()
        self._maybe_upload_in_background()

    # --- uploading ---------------------------------------------------------------------------

    def _maybe_upload_in_background(self) -> None:
        """Online, batches waiting, nothing running, someone allowed to upload: send them."""
        if not (self.online and self.platform_url() and self.snapshot and self.snapshot.batches_waiting):
            return
        if self._last_auto_upload is not None and time.monotonic() - self._last_auto_upload < AUTO_UPLOAD_INTERVAL_S:
            return
        self.start_upload(manual=False)

    def start_upload(self, *, manual: bool) -> bool:
        """Run Office.outbox.sync in the task runner; at most one at a time. False when one is already running
        (or, in the background, when the person signed in may not upload)."""
        if self.upload_run is not None:
            return False
        actor = self.office.actor
        if not manual and (not getattr(actor, "signed_in", True) or not allows(actor.role, Permission.UPLOAD_BATCHES)):
            return False
        url = self.platform_url()
        run = CancellableRun(self)
        self.upload_run = run
        if not manual:
            self._last_auto_upload = time.monotonic()
        page = self.pages.get("sync")
        if isinstance(page, UploadPage):
            run.progressed.connect(page.upload_progressed, Qt.ConnectionType.QueuedConnection)
            page.upload_started()
        self.upload_started.emit(manual)
        # A person asking ignores the retry back-off; the background respects it.
        self.tasks.run(lambda: self.office.outbox.sync(url, progress=run.report, cancelled=run.cancelled, force=manual),
                       on_success=lambda report: self._upload_done(run, report, manual),
                       on_failure=lambda error: self._upload_done(run, error, manual))
        return True

    def stop_upload(self) -> None:
        if self.upload_run is not None:
            self.upload_run.cancel()

    def _upload_done(self, run: CancellableRun, outcome, manual: bool) -> None:
        if self.upload_run is run:
            self.upload_run = None
        run.deleteLater()
        self._last_auto_upload = time.monotonic()  # the refresh below must not start another at once
        if getattr(outcome, "offline", False):
            self.online = False
        page = self.pages.get("sync")
        if isinstance(page, UploadPage):
            page.upload_finished(outcome, manual=manual)
        if not isinstance(outcome, BaseException) and (outcome.uploaded or outcome.accepted or outcome.rejected):
            self._refresh_classes()
        self.upload_finished.emit(outcome)
        self.refresh_status()

    def _class_sealed(self, _batch) -> None:
        """A class was sealed on the classes page: its batch is waiting; send it now when online."""
        page = self.pages.get("sync")
        if isinstance(page, UploadPage):
            page.mark_stale()
        self._last_auto_upload = None
        if self.online and self.platform_url():
            self.start_upload(manual=False)
        self.refresh_status()

    def _render_status(self) -> None:
        self.database_status.setText(self.tr("Database: %s") % self.office.database_name)
        if not self.platform_url():
            self.online_status.setText(self.tr("Offline (platform not set up)"))
        elif self.online:
            self.online_status.setText(self.tr("Online"))
        else:
            self.online_status.setText(self.tr("Offline: work is kept and uploaded later"))
        waiting = self.snapshot.batches_waiting if self.snapshot else 0
        self.waiting_status.setText(self.tr("Batches waiting: %n", "", waiting))
        institution = self.snapshot.institution if self.snapshot else None
        self.setWindowTitle(f"SkillDesk — {institution}" if institution else "SkillDesk")

    # --- language --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for row, page_id in enumerate(PAGE_IDS):
            page = self.pages[page_id]
            page.retranslate()
            self.navigation.item(row).setText(page.title())
        self._render_status()
        self._render_user()
