"""The main window: navigation to every screen (who is signed in below it), a status bar that tells
the state of things, and what concerns the whole window rather than one screen — the operations
helper and its change notices, the sign-in dialog when a session ends, the background uploads and
the preferences."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
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

from desktop_app.config import Settings
from desktop_app.gui.card_bursts import CardBurstFilter
from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME
from desktop_app.gui.change_watch import ChangeWatch
from desktop_app.gui.help_window import HelpWindow
from desktop_app.gui.login import IdleLock, LoginDialog
from desktop_app.gui.operations import Operations, show_failure
from desktop_app.gui.permissions import role_name
from desktop_app.gui.screen_list import SCREEN_IDS, ScreenContext, screen_factories
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.upload_scheduler import UploadScheduler
from desktop_app.gui.widgets.file_chooser import remember_folders_in
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.messages import UserFacingError
from desktop_app.preferences import Preferences
from desktop_app.services.accounts import SessionEnded
from desktop_app.services.changes import Area, Changes
from desktop_app.services.office import Office
from desktop_app.services.status import StatusSnapshot

STATUS_REFRESH_MS = 30_000
ONLINE_PROBE_MS = 60_000
# What the status bar and the screens' counts are made of.
STATUS_AREAS = (Area.CLASSES, Area.TRAINEES, Area.ROSTER, Area.OUTBOX, Area.INSTITUTION, Area.DEVICE)


class MainWindow(FollowsLanguage, QMainWindow):
    """Holds the screens; owns the task runner and the operations helper, so nothing slow happens
    on the UI thread and every change is announced to every screen."""

    language_changed = Signal(str)
    upload_started = Signal(bool)  # manual
    upload_finished = Signal(object)  # SyncReport, or the error that stopped the upload
    actor_changed = Signal(object)  # Actor: someone else signed in (or nobody, while the login dialog is up)

    def __init__(self, office: Office, settings: Settings, *, tasks: TaskRunner | None = None,
                 preferences: Preferences | None = None) -> None:
        super().__init__()
        self.office = office
        self.settings = settings
        self.preferences = preferences or Preferences.load(settings.settings_file)
        remember_folders_in(settings.settings_file)  # each kind of file dialog starts where it was last
        self.tasks = tasks or TaskRunner(self)
        self.operations = Operations(self.tasks, self)
        self.operations.failed.connect(self._operation_failed)
        # Work handed to the task runner directly (the daily backup) ends sessions the same way.
        # Operations catch their own errors, so one failure never arrives twice.
        self.tasks.task_failed.connect(self._operation_failed)
        self.operations.did_execute.connect(self._operation_did_execute)
        self.uploads = UploadScheduler(office, self.operations, platform_url=self.platform_url, parent=self)
        self.snapshot: StatusSnapshot | None = None
        self.login_dialog: LoginDialog | None = None
        self.idle_lock: IdleLock | None = None
        self.card_bursts: CardBurstFilter | None = None
        self._applied_actor = office.actor  # screens build their buttons for this one
        self.setObjectName("mainWindow")
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
        self.help_button = QPushButton()
        self.help_button.setObjectName("helpButton")
        self.help_button.setFlat(True)
        self.help_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.help_button.clicked.connect(lambda: self.show_help())
        footer.addWidget(self.user_status)
        footer.addWidget(self.sign_out_button)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.navigation, 1)
        help_row = QWidget()  # 帮助: shown to everyone, also before the first sign-in
        help_row.setObjectName("navigationHelp")
        help_row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        help_row.setFixedWidth(170)
        help_layout = QVBoxLayout(help_row)
        help_layout.setContentsMargins(18, 4, 8, 4)
        help_layout.addWidget(self.help_button)
        side.addWidget(help_row)
        side.addWidget(self.navigation_footer)
        layout.addLayout(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        context = ScreenContext(office=office, operations=self.operations, settings=settings,
                                preferences=self.preferences, platform_url=self.platform_url)
        self.pages: dict[str, QWidget] = {}
        for page_id, build in screen_factories():
            page = build(context)
            page.setObjectName(f"page_{page_id}")
            self.pages[page_id] = page
            self.stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            self.navigation.addItem(item)
        self._connect_screens()
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        for row in range(len(SCREEN_IDS)):  # Ctrl+1 … Ctrl+8 jump to a screen from anywhere
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda row=row: self.navigation.setCurrentRow(row))
        # F5 reads the screen in front again; F1 opens its help page (anywhere in the window).
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(
            lambda: self.pages[self.current_page_id()].refresh())
        QShortcut(QKeySequence(Qt.Key.Key_F1), self).activated.connect(
            lambda: self.show_help(self.current_page_id()))
        self.help_window: HelpWindow | None = None
        # What the command line or another PC changed reaches the open screens within seconds.
        self.change_watch = ChangeWatch(office, self.tasks, self)
        self.change_watch.changed_elsewhere.connect(self._changed_elsewhere)
        self.change_watch.start()

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

    # --- screens ---------------------------------------------------------------------------

    def _connect_screens(self) -> None:
        """What a screen asks of the window, and what the window tells a screen. Which screen
        reloads after which change is each screen's own decision (`on_operation_did_execute`)."""
        for page in self.pages.values():
            self.operations.did_execute.connect(page.on_operation_did_execute)
        settings = self.pages["settings"]
        settings.language_chosen.connect(self._choose_language)
        settings.platform_url_chosen.connect(self._choose_platform_url)
        settings.certificate_offset_chosen.connect(self._choose_certificate_offset)
        settings.idle_minutes_chosen.connect(self._choose_idle_minutes)
        # A class sealed: its batch waits. Reading the status now shows it in the status bar and
        # lets the scheduler send it at once, whether or not the facade announced the change.
        self.pages["classes"].class_sealed.connect(lambda _batch: self.refresh_status())
        # A swipe's answer also where the person at the reader looks (the lock screen, the status bar).
        self.pages["attendance"].swipe_answered.connect(self._swipe_answered)
        upload = self.pages["sync"]
        upload.upload_requested.connect(lambda: self.start_upload(manual=True))
        upload.upload_stop_requested.connect(self.uploads.stop)
        upload.navigate_to_class.connect(self.show_class)
        self.uploads.started.connect(lambda _manual: upload.upload_started())
        self.uploads.progressed.connect(upload.upload_progressed)
        self.uploads.finished.connect(lambda outcome, manual: upload.upload_finished(outcome, manual=manual))
        self.uploads.started.connect(self.upload_started)
        self.uploads.finished.connect(self._upload_done)

    def _operation_did_execute(self, changes: Changes, _origin: object) -> None:
        # The screens were told by their own connections; the status bar's figures may be stale.
        if changes.touches(*STATUS_AREAS):
            self.refresh_status()

    def _changed_elsewhere(self) -> None:
        # Which areas changed is not known: every screen is stale (the one in front reloads now).
        for page in self.pages.values():
            page.mark_stale()
        self.refresh_status()

    def show_help(self, page: str = "index") -> None:
        """The help window (F1, 帮助) on `page`: a screen id, or "index" for the workflow."""
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show_page(page)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def show_page(self, page_id: str) -> None:
        self.navigation.setCurrentRow(SCREEN_IDS.index(page_id))

    def show_class(self, code: str) -> None:
        """Open a class on the classes screen (the upload screen's "去修改")."""
        self.show_page("classes")
        self.pages["classes"].show_class(code)

    def current_page_id(self) -> str:
        return SCREEN_IDS[self.stack.currentIndex()]

    # --- who is signed in ------------------------------------------------------------------

    def refresh_for_actor(self) -> None:
        """The signed-in user changed: every screen offers what the new role may do (Settings shows
        Accounts to administrators only), and the navigation footer names the person."""
        self._applied_actor = self.office.actor
        for page in self.pages.values():
            page.apply_permissions()
            # What a screen shows depends on who reads it (personal data needs an account; a
            # teacher sees only their classes): every screen loads again for the new person.
            page.mark_stale()
        self._render_user()
        self.actor_changed.emit(self.office.actor)
        self.uploads.consider()  # someone who may upload signed in: what waits can go

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
        dialog = LoginDialog(self.office, self.operations, self)
        if reason:
            dialog.show_error(reason)
        dialog.accepted.connect(self._signed_in_again)
        dialog.rejected.connect(self._sign_in_abandoned)
        dialog.finished.connect(lambda _result, dialog=dialog: self._login_closed(dialog))
        self.login_dialog = dialog
        dialog.open()  # window-modal, not exec(): the event loop and the task runner keep going

    def _operation_failed(self, error: BaseException) -> None:
        if isinstance(error, SessionEnded):
            # Disabled or given another role by an administrator: the screen said the action did
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

    # --- preferences -------------------------------------------------------------------------

    def _save_preferences(self, **changes) -> bool:
        """Check and save a preference chosen on the settings screen; a refusal is said there."""
        try:
            self.preferences = Preferences.update(self.settings.settings_file, **changes)
        except UserFacingError as error:
            show_failure(self.pages["settings"], error)
            return False
        return True

    def _choose_language(self, language: str) -> None:
        if self._save_preferences(language=language):
            self.settings = self.settings.with_language(language)
            self.language_changed.emit(language)

    def _choose_platform_url(self, url: str) -> None:
        if self._save_preferences(platform_url=url or None):
            self.settings = replace(self.settings, platform_url=self.preferences.platform_url)
            self.probe_platform()

    def _choose_certificate_offset(self, x_mm: float, y_mm: float) -> None:
        if self._save_preferences(certificate_offset_mm=(x_mm, y_mm)):
            self.pages["certificates"].set_offset(self.preferences.certificate_offset_mm)

    def _choose_idle_minutes(self, minutes: int) -> None:
        if self._save_preferences(idle_lock_minutes=minutes) and self.idle_lock is not None:
            self.idle_lock.set_minutes(self.preferences.idle_lock_minutes)

    def arm_idle_lock(self) -> IdleLock:
        """Lock the window after the chosen period without input (once someone has signed in)."""
        if self.idle_lock is None:
            self.idle_lock = IdleLock(self, self.office, self.operations, minutes=self.preferences.idle_lock_minutes)
            # The attendance station: while a session is open there, the lock screen takes swipes.
            self.idle_lock.overlay.station = self.pages["attendance"].station_session
        return self.idle_lock

    # --- the card reader -------------------------------------------------------------------

    def arm_card_reader(self) -> CardBurstFilter:
        """Recognise an ID-card reader's bursts wherever the focus is (armed after the idle lock,
        so its filter sees the keys first): each is one swipe for the attendance screen's session."""
        if self.card_bursts is None:
            self.card_bursts = CardBurstFilter(self)
            self.card_bursts.swiped.connect(self._card_swiped)
            self.card_bursts.start()
        return self.card_bursts

    def _card_swiped(self, text: str) -> None:
        if not self.office.actor.signed_in or self.login_dialog is not None:
            return  # nobody to record it for (the burst was still kept out of the sign-in fields)
        self.pages["attendance"].take_swipe(text)

    def _swipe_answered(self, text: str, tone: str) -> None:
        """A swipe's answer is shown where the person at the reader looks: the lock screen, or the
        status bar when another screen is shown (the attendance screen shows it itself)."""
        if self.idle_lock is not None and self.idle_lock.locked:
            self.idle_lock.overlay.show_swipe(text, tone)
        elif self.current_page_id() != "attendance":
            self.statusBar().showMessage(self.tr("Card reader: {text}").format(text=text), 8_000)

    # --- status ----------------------------------------------------------------------------

    def refresh_status(self) -> None:
        # A figure that cannot be read now is read again at the next refresh: nothing to show.
        self.operations.run(self, self.office.status, success=self._show_snapshot, failure=lambda error: None,
                            latest="status")

    @property
    def online(self) -> bool | None:
        """What the last probe (or upload) found: the platform answers; None before the first probe."""
        return self.uploads.online

    def platform_url(self) -> str | None:
        """The address this computer was registered with, else (to register) the one in the
        settings: once registered, a settings address never redirects uploads (see outbox)."""
        registered = self.snapshot.registered_platform_url if self.snapshot else None
        return registered or self.settings.platform_url

    def probe_platform(self) -> None:
        url = self.platform_url()
        if not url:
            self._show_online(False)
            return
        self.operations.run(self, lambda: self.office.device.platform_online(url), success=self._show_online,
                            failure=lambda error: self._show_online(False), latest="probe")

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
            self.pages[page_id].show_count(text)
        self.uploads.note_waiting(snapshot.batches_waiting)

    def _show_online(self, online: bool) -> None:
        self.uploads.note_online(bool(online))
        self._render_status()

    # --- uploading ---------------------------------------------------------------------------

    def start_upload(self, *, manual: bool) -> bool:
        """Upload now (the upload screen's button); False when an upload is already running."""
        return self.uploads.start(manual=manual)

    def _upload_done(self, outcome, _manual: bool) -> None:
        self._render_status()  # an upload that found the platform gone says so at once
        self.upload_finished.emit(outcome)
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

    def retranslate(self) -> None:
        # The screens retranslate themselves on the same language change (ScreenPage): here only
        # what the window shows of them, their names in the navigation.
        for row, page_id in enumerate(SCREEN_IDS):
            self.navigation.item(row).setText(self.pages[page_id].title())
        self._render_status()
        self._render_user()
        self.help_button.setText(self.tr("Help (F1)"))
