"""Whether this computer is registered with the provincial platform, said on top of the upload
screen, and registering it with an enrolment code."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.services.office import Office
from desktop_app.services.outbox import Registration


class RegistrationBar(QWidget):
    """The registration in words (green when uploads can go, amber when not) and the button that
    registers this computer; what happened is said in the screen's banner."""

    registered = Signal(object)  # Registration

    def __init__(self, office: Office, operations: Operations, *, platform_url: Callable[[], str | None],
                 notice: NoticeBanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.platform_url = platform_url
        self.notice = notice
        self.registration: Registration | None = None
        self.known = False  # nothing is said before the first answer
        self.busy = False
        self.label = QLabel()
        self.label.setObjectName("registrationState")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_button = QPushButton()
        self.register_button.setObjectName("registerDeviceButton")
        self.register_button.clicked.connect(self.register_device)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_registration(self, registration: Registration | None) -> None:
        self.registration = registration
        self.known = True
        self.render()

    def render(self) -> None:
        registration = self.registration
        if not self.known:
            self.label.setText("")
            return
        if registration is None:
            set_tone(self.label, Tone.WARNING)
            self.label.setText(self.tr(
                "This computer is not yet registered with the provincial platform, so nothing "
                "can be uploaded. Ask the platform for an enrolment code, enter the platform address on the "
                "Settings page, then click “Register this computer…”. Until then, batches can go on a USB stick."))
            self.register_button.setVisible(True)
            return
        if registration.stopped:
            set_tone(self.label, Tone.WARNING)
            self.label.setText(self.tr("Uploads are paused: {reason}").format(reason=registration.stopped))
            self.register_button.setVisible(True)
            return
        set_tone(self.label, Tone.SUCCESS)
        self.label.setText(self.tr(
            "Registered with the provincial platform as device {device} (since {since}, {url}).").format(
            device=registration.device_id, since=labels.local_time(registration.registered_at) or "—",
            url=registration.platform_url or "—"))
        self.register_button.setVisible(False)

    def apply_permissions(self) -> None:
        apply_permission(self.register_button, self.office.actor, Permission.MANAGE_DEVICE, enabled=not self.busy)

    def register_device(self) -> None:
        url = self.platform_url()
        if not url:
            self.notice.show_note(self.tr("Enter the platform address on the Settings page first, then register "
                                          "this computer."), "warning")
            return
        code, accepted = QInputDialog.getText(self, self.tr("Register this computer"), self.tr(
            "Enrolment code from the provincial platform (it can be used once):"))
        if not accepted or not code.strip():
            return
        self._set_busy(True)
        office, code = self.office, code.strip()
        self.operations.run(self, lambda: office.device.register(url, code), success=self._registered,
                            failure=self._failed)

    def _registered(self, registration: Registration) -> None:
        self._set_busy(False)
        self.notice.show_note(self.tr("This computer is registered as device {device}. Waiting batches now go up "
                                      "automatically.").format(device=registration.device_id), "success")
        self.registered.emit(registration)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.notice.show_failure(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.apply_permissions()

    def retranslate(self) -> None:
        self.register_button.setText(self.tr("Register this computer…"))
        self.render()
