"""Settings → 机构信息: the institution's name, code, credit code, address, contact and the bank
account subsidies are paid into; for administrators (the services refuse everyone else anyway).

The code starts every certificate number: its rule is the domain's (checked again on saving), an
example stands in the empty field, and once a certificate carries it the field is read-only. The
bank account is shown masked; typing a new one replaces it, and the full number is shown only
for a stated purpose, which the audit log keeps."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, \
    QVBoxLayout, QWidget

from desktop_app.domain.institution import CODE_EXAMPLE, InstitutionFields
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.services.institution import InstitutionView
from desktop_app.services.office import Office

FIELD_KEYS = ("name", "code", "credit_code", "address", "contact_name", "contact_phone", "bank_name", "bank_account")


class InstitutionSection(QGroupBox):
    """The profile as a form with 保存; `saved` carries the profile as stored."""

    saved = Signal(object)
    loaded = Signal(object)

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("institutionBox")
        self.office = office
        self.operations = operations
        self.view: InstitutionView | None = None
        self.notice = NoticeBanner()
        self.labels: dict[str, QLabel] = {}
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in FIELD_KEYS:
            label, edit = QLabel(), QLineEdit()
            edit.setObjectName(f"institution_{key}")
            self.labels[key], self.edits[key] = label, edit
            if key == "bank_account":
                self.reveal_button = QPushButton()
                self.reveal_button.setObjectName("revealBankAccountButton")
                self.reveal_button.clicked.connect(self._reveal_clicked)
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(self.reveal_button)
                form.addRow(label, row)
            else:
                form.addRow(label, edit)
        self.code_note = hint_label()
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveInstitutionButton")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.code_note, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.hide()

    def allowed(self) -> bool:
        """Shown only to a role that may change the institution's settings; what another saw is cleared."""
        allowed = apply_permission(self, self.office.actor, Permission.MANAGE_SETTINGS, hide=True)
        if not allowed:
            self.view = None
            for edit in self.edits.values():
                edit.clear()
            self.notice.hide()
        return allowed

    def refresh(self) -> None:
        self.operations.run(self, self.office.institution.profile, success=self._arrived, latest="institution")

    def _arrived(self, view: InstitutionView | None) -> None:
        if not permitted(self.office.actor, Permission.MANAGE_SETTINGS):
            return  # someone else signed in meanwhile
        self.show_profile(view)
        self.loaded.emit(view)

    def show_profile(self, view: InstitutionView | None) -> None:
        self.view = view
        for key, edit in self.edits.items():
            edit.setText("" if view is None or key == "bank_account" else view.value(key))
        locked = bool(view and view.code_locked)
        self.edits["code"].setReadOnly(locked)
        self.reveal_button.setEnabled(bool(view and view.bank_account_masked))
        self.retranslate()

    def fields(self) -> InstitutionFields:
        """What the form says; an empty account field keeps the stored account."""
        text = {key: edit.text().strip() for key, edit in self.edits.items()}
        return InstitutionFields(code=text["code"], name=text["name"], credit_code=text["credit_code"] or None,
                                 address=text["address"] or None, contact_name=text["contact_name"] or None,
                                 contact_phone=text["contact_phone"] or None, bank_name=text["bank_name"] or None,
                                 bank_account=text["bank_account"] or None)

    def save(self) -> None:
        office, fields = self.office, self.fields()

        def done(view: InstitutionView) -> None:
            self.show_profile(view)
            self.notice.show_note(self.tr("The institution's details were saved."), "success")
            self.saved.emit(view)

        self.operations.run(self, lambda: office.institution.update(fields), success=done)

    def show_failure(self, error: BaseException) -> None:
        self.notice.show_failure(error)

    def _reveal_clicked(self) -> None:
        purpose, ok = QInputDialog.getText(self, self.tr("Show the full account number"), self.tr(
            "Why is the full number needed? (Kept in the audit log.)"))
        if ok:
            self.reveal(purpose)

    def reveal(self, purpose: str) -> None:
        office = self.office
        self.operations.run(self, lambda: office.institution.reveal_bank_account(purpose),
                            success=lambda number: self.notice.show_note(
                                self.tr("Subsidy account number: %1").replace("%1", number), "info"))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Institution"))
        labels = {"name": self.tr("Institution name *"), "code": self.tr("Institution code *"),
                  "credit_code": self.tr("Unified social credit code"), "address": self.tr("Address"),
                  "contact_name": self.tr("Contact person"), "contact_phone": self.tr("Office phone"),
                  "bank_name": self.tr("Bank for subsidies"), "bank_account": self.tr("Account for subsidies")}
        for key, label in self.labels.items():
            label.setText(labels[key])
        self.edits["code"].setPlaceholderText(self.tr("Capital letters and digits, e.g. %1").replace("%1", CODE_EXAMPLE))
        self.edits["credit_code"].setPlaceholderText(self.tr("18 characters, e.g. 91320506MA1XXXXXX0"))
        masked = self.view.bank_account_masked if self.view else None
        self.edits["bank_account"].setPlaceholderText(
            self.tr("Saved: %1 — type a new number to replace it").replace("%1", masked) if masked
            else self.tr("Digits only"))
        self.reveal_button.setText(self.tr("Show full number…"))
        self.save_button.setText(self.tr("Save"))
        if self.view is not None and self.view.code_locked:
            self.code_note.setText(self.tr(
                "The code starts the numbers of %1 certificates already issued, so it can no longer be changed.")
                .replace("%1", str(self.view.certificates)))
        else:
            self.code_note.setText(self.tr("Certificate numbers start with the institution code."))
