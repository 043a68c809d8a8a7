"""Moving a class along its life from the detail's title row: 备案, 开始培训, 结业, 撤回备案, and
封存并上传 for a completed class. Each asks first; a refusal lists every reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.services.classes import ClassDetail
from desktop_app.services.office import Office

# Sealing and uploading are followed on the upload page, where the batch is built and signed.
OFFERED_HERE = (ClassStatus.FILED, ClassStatus.IN_TRAINING, ClassStatus.COMPLETED, ClassStatus.DRAFT)
# A refusal longer than this (dozens of trainees not ready) shows its first lines in the box and
# all of them under "Show Details".
LONG_REFUSAL_LINES = 14


class StatusActions(QWidget):
    """A button per status the class may go to next, and "Seal and upload" once it is completed.
    The refusal of a status change is written in `refusal_label`, which the detail places."""

    changed = Signal(object)  # ClassDetail after a status change or a seal
    sealed = Signal(object)  # BatchRow of the batch the seal put in the outbox
    seal_refused = Signal(str)  # the reasons, as shown

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.detail: ClassDetail | None = None
        self.status_buttons: dict[ClassStatus, QPushButton] = {}
        self.confirmations: DialogSlot[QMessageBox] = DialogSlot()
        self.seal_messages: DialogSlot[QMessageBox] = DialogSlot()
        self.refusal_label = QLabel()
        self.refusal_label.setObjectName("statusRefusal")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal_label.hide()
        # A completed class is sealed here (its records frozen into a signed batch) and then goes
        # up by itself; the upload page follows it from there.
        self.seal_button = QPushButton()
        self.seal_button.setObjectName("sealAndUploadButton")
        self.seal_button.clicked.connect(self.ask_seal)
        self.seal_button.hide()
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.row.addWidget(self.seal_button)

    @property
    def confirm_box(self) -> QMessageBox | None:
        """The "are you sure" box of a status change or a seal, while it is open."""
        return self.confirmations.dialog

    @property
    def seal_message(self) -> QMessageBox | None:
        """What became of the last seal (done, or every reason it was refused), while it is open."""
        return self.seal_messages.dialog

    def show_class(self, detail: ClassDetail | None) -> None:
        """Offer what `detail` may do next; a different class forgets the previous refusal."""
        if detail is None or self.detail is None or detail.row.code != self.detail.row.code:
            self.refusal_label.hide()
        self.detail = detail
        for button in self.status_buttons.values():
            self.row.removeWidget(button)
            button.deleteLater()
        self.status_buttons = {}
        self.seal_button.setVisible(detail is not None and detail.row.status is ClassStatus.COMPLETED)
        for target in detail.next_statuses if detail else ():
            if target not in OFFERED_HERE:
                continue
            button = QPushButton(self.status_action_text(target))
            button.setObjectName(f"status_{target.value}")
            button.clicked.connect(lambda _checked=False, target=target: self.ask_status_change(target))
            self.row.insertWidget(self.row.count() - 1, button)  # before the seal button
            self.status_buttons[target] = button
        self.apply_permissions()

    def apply_permissions(self) -> None:
        for button in self.status_buttons.values():
            apply_permission(button, self.office.actor, Permission.MANAGE_CLASSES)
        apply_permission(self.seal_button, self.office.actor, Permission.SEAL_BATCHES)

    def status_action_text(self, target: ClassStatus) -> str:
        return {
            ClassStatus.FILED: self.tr("File"),
            ClassStatus.IN_TRAINING: self.tr("Start training"),
            ClassStatus.COMPLETED: self.tr("Complete"),
            ClassStatus.DRAFT: self.tr("Withdraw filing"),
        }.get(target, labels.class_status(target))

    def _confirm_first(self, name: str, title: str, text: str, yes: str, then) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName(name)
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(then)
        self.confirmations.open(box)

    # --- status ----------------------------------------------------------------------------

    def ask_status_change(self, target: ClassStatus) -> None:
        if self.detail is None:
            return
        row = self.detail.row
        text = self.tr("Change class {code} from “{current}” to “{target}”?").format(
            code=row.code, current=labels.class_status(row.status), target=labels.class_status(target))
        if target is ClassStatus.COMPLETED:
            text += "\n" + self.tr("A completed class cannot go back to training.")
        action = self.status_action_text(target)
        self._confirm_first("confirmStatusBox", action, text, action, lambda: self.change_status(target))

    def change_status(self, target: ClassStatus) -> None:
        """Move the class to `target`; a refusal is shown with every reason."""
        if self.detail is None:
            return
        code = self.detail.row.code
        self.refusal_label.hide()
        for button in self.status_buttons.values():
            button.setEnabled(False)
        self.operations.run(self, lambda: self.office.classes.change_status(code, target.value),
                            success=self.changed.emit, failure=lambda error: self._status_refused(code, error))

    def _status_refused(self, code: str, error: BaseException) -> None:
        self.apply_permissions()
        if self.detail is None or code != self.detail.row.code:
            return
        self.refusal_label.setText(failure_text(error))
        self.refusal_label.show()

    # --- sealing ---------------------------------------------------------------------------

    def ask_seal(self) -> None:
        if self.detail is None or self.detail.row.status is not ClassStatus.COMPLETED:
            return
        text = self.tr(
            "Seal class {code} and upload it to the provincial platform?\n\nSealing freezes the class: its roster, "
            "attendance, results and certificates can no longer be changed here. They are signed and put in the "
            "upload queue, and go to the platform automatically whenever this computer is online.").format(
            code=self.detail.row.code)
        title = self.tr("Seal and upload")
        self._confirm_first("confirmSealBox", title, text, title, self.seal)

    def seal(self) -> None:
        """Seal the class; a refusal lists every reason, a success says what comes next."""
        if self.detail is None:
            return
        code = self.detail.row.code
        self.seal_button.setEnabled(False)
        self.refusal_label.hide()
        office = self.office

        def seal_and_look() -> tuple[object, bool]:
            # What happens next depends on whether this computer is registered with the platform.
            batch = office.outbox.seal(code)
            return batch, office.device.registration() is not None

        self.operations.run(self, seal_and_look, success=lambda answer: self._sealed(code, *answer),
                            failure=self._seal_refused)

    def _sealed(self, code: str, batch, registered: bool = True) -> None:
        self.sealed.emit(batch)
        if self.detail is not None and code == self.detail.row.code:  # 已结业 → 已封存, here and in the list
            self.operations.run(self, lambda: self.office.classes.get(code), success=self.changed.emit)
        if registered:
            text = self.tr("Class {code} is sealed. Its batch is waiting to upload and goes to the provincial "
                           "platform automatically when this computer is online; follow it on the Upload page.")
        else:
            text = self.tr("Class {code} is sealed. Its batch waits on this computer: this computer is not yet "
                           "registered with the provincial platform, so nothing can be uploaded. Register it on the "
                           "Upload page (Register this computer…) with the enrolment code the platform gives; the "
                           "batch then goes up by itself.")
        self._show_seal_message(QMessageBox.Icon.Information, text.format(code=code))

    def _seal_refused(self, error: BaseException) -> None:
        self.apply_permissions()
        text = failure_text(error)
        lines = text.splitlines()
        if len(lines) > LONG_REFUSAL_LINES:
            shown = lines[:11] + [self.tr("… and {count} more (see “Show Details”)").format(count=len(lines) - 12),
                                  lines[-1]]
            self._show_seal_message(QMessageBox.Icon.Warning, "\n".join(shown), details=text)
        else:
            self._show_seal_message(QMessageBox.Icon.Warning, text)
        self.seal_refused.emit(text)

    def _show_seal_message(self, icon: QMessageBox.Icon, text: str, *, details: str | None = None) -> None:
        box = QMessageBox(icon, self.tr("Seal and upload"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sealMessageBox")
        if details:
            box.setDetailedText(details)
        self.seal_messages.open(box)  # in place of the last one, if it is still open

    def retranslate(self) -> None:
        self.seal_button.setText(self.tr("Seal and upload"))
        for target, button in self.status_buttons.items():
            button.setText(self.status_action_text(target))
