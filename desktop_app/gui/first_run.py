"""The first-run wizard: the institution's profile, the administrator's account, done.

The institution page starts from what the database already holds (a database set up from the
command line, or restored); its code follows the domain's rule, with an example in the field.
Once the account exists there is no 取消: the last page only finishes.

Creating the account (scrypt and the first database writes) runs through the operations helper,
off the UI thread; the wizard waits on the administrator page, its buttons disabled, until the
answer comes.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizard, QWizardPage

from desktop_app import messages
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.form_texts import FormMessage
from desktop_app.domain.institution import CODE_EXAMPLE
from desktop_app.services.accounts import InstitutionProfile, check_institution_profile
from desktop_app.services.institution import InstitutionView
from desktop_app.services.office import Office

log = logging.getLogger(__name__)


class InstitutionPage(QWizardPage):
    """Code and name are needed (certificate numbers start with the code); the rest is optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("institutionPage")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields: dict[str, tuple[QLabel, QLineEdit]] = {}
        for key in ("code", "name", "credit_code", "address", "contact_name", "contact_phone"):
            edit = QLineEdit()
            edit.setObjectName(f"institution_{key}")
            label = QLabel()
            self.fields[key] = (label, edit)
            form.addRow(label, edit)
        layout.addLayout(form)
        self.error_label = FormMessage("institutionError")
        layout.addWidget(self.error_label)
        self.recorded_code: str | None = None  # the code on record, kept as it is when unchanged
        self.retranslate()

    def fill(self, view: InstitutionView | None) -> None:
        """Start from the institution already recorded; fields the person typed meanwhile stay."""
        if view is None or not view.set_up:
            return
        self.recorded_code = view.code
        for key, (_label, edit) in self.fields.items():
            if not edit.text().strip():
                edit.setText(view.value(key))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your institution"))
        self.setSubTitle(self.tr("As registered with the human resources and social security bureau. Certificate "
                                 "numbers start with the institution code."))
        labels = {"code": self.tr("Institution code *"), "name": self.tr("Institution name *"),
                  "credit_code": self.tr("Unified social credit code"), "address": self.tr("Address"),
                  "contact_name": self.tr("Contact person"), "contact_phone": self.tr("Office phone")}
        for key, (label, _edit) in self.fields.items():
            label.setText(labels[key])
        self.fields["code"][1].setPlaceholderText(
            self.tr("Capital letters and digits, e.g. %1").replace("%1", CODE_EXAMPLE))

    def value(self, key: str) -> str:
        return self.fields[key][1].text().strip()

    def profile(self) -> InstitutionProfile:
        return InstitutionProfile(code=self.value("code"), name=self.value("name"),
                                  credit_code=self.value("credit_code") or None, address=self.value("address") or None,
                                  contact_name=self.value("contact_name") or None,
                                  contact_phone=self.value("contact_phone") or None)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        # A check of the typed text alone (no database): quick enough to run here.
        try:
            check_institution_profile(self.profile(), recorded_code=self.recorded_code)
        except messages.UserFacingError as error:
            self.error_label.say_failure(error)
            return False
        except Exception as error:  # noqa: BLE001 - a bug must not read as a refusal, nor vanish
            log.exception("checking the institution profile failed")
            self.error_label.say_failure(error)
            return False
        self.error_label.clear()
        return True


class AdministratorPage(QWizardPage):
    """The administrator's account; finishing this page creates it (and retires the built-in one)."""

    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__(wizard)
        self.first_run = wizard
        self.busy = False
        self.created = False  # the account exists: Next goes on without asking again
        self.setObjectName("administratorPage")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username_label, self.name_label, self.password_label, self.repeat_label = (QLabel() for _ in range(4))
        self.username_edit, self.name_edit, self.password_edit, self.repeat_edit = (QLineEdit() for _ in range(4))
        self.username_edit.setObjectName("adminUsernameEdit")
        self.name_edit.setObjectName("adminNameEdit")
        self.password_edit.setObjectName("adminPasswordEdit")
        self.repeat_edit.setObjectName("adminRepeatEdit")
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        for label, edit in ((self.username_label, self.username_edit), (self.name_label, self.name_edit),
                            (self.password_label, self.password_edit), (self.repeat_label, self.repeat_edit)):
            form.addRow(label, edit)
        layout.addLayout(form)
        self.error_label = FormMessage("administratorError")
        layout.addWidget(self.error_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Administrator account"))
        self.setSubTitle(self.tr("The administrator adds the other accounts (registrar, teachers, clerks, auditors) "
                                 "in Settings. The password needs at least 8 characters."))
        self.username_label.setText(self.tr("Username *"))
        self.name_label.setText(self.tr("Name"))
        self.password_label.setText(self.tr("Password *"))
        self.repeat_label.setText(self.tr("Password again *"))

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Qt asks synchronously; the answer comes later. So the first Next starts creating the
        account and stays here; when it is created, the page presses Next itself."""
        if self.created:
            return True
        if self.busy:
            return False
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.say_error(self.tr("The two passwords differ."))
            return False
        wizard = self.first_run
        profile = wizard.institution_page.profile()
        username, name, password = (self.username_edit.text().strip(), self.name_edit.text().strip(),
                                    self.password_edit.text())
        self._set_busy(True)
        wizard.operations.run(self, lambda: wizard.office.accounts.complete_first_run(profile, username, name, password),
                              success=self._created, failure=self._refused)
        return False

    def _created(self, _actor) -> None:
        self.created = True
        self._set_busy(False)
        self.error_label.clear()
        self.first_run.next()

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error_label.say_failure(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for edit in (self.username_edit, self.name_edit, self.password_edit, self.repeat_edit):
            edit.setEnabled(not busy)
        if busy:
            self.error_label.say_busy(self.tr("Creating the administrator account…"))
        self.completeChanged.emit()  # Next follows isComplete(); Qt re-enables the others here too
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.first_run.button(which).setEnabled(not busy)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.busy and super().isComplete()


class DonePage(QWizardPage):
    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__(wizard)
        self.first_run = wizard
        self.setObjectName("donePage")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("doneSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        # The account exists: cancelling now would quit with it made and nobody signed in.
        self.first_run.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setTitle(self.tr("Ready"))
        actor = self.first_run.office.actor
        self.summary.setText(self.tr("SkillDesk is set up. You are signed in as %1 (administrator). Next time, sign "
                                     "in with this username and password. Add the other accounts in Settings → "
                                     "Accounts.").replace("%1", actor.username))


class FirstRunWizard(QWizard):
    """Shown instead of the login dialog while the database has no administrator yet."""

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.setObjectName("firstRunWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumWidth(560)
        self.institution_page = InstitutionPage(self)
        self.administrator_page = AdministratorPage(self)
        self.done_page = DonePage(self)
        for page in (self.institution_page, self.administrator_page, self.done_page):
            self.addPage(page)
        # Once the account exists there is no going back to change it here.
        self.done_page.setCommitPage(False)
        self.administrator_page.setCommitPage(True)
        self.setWindowTitle(self.tr("Set up SkillDesk"))
        # A database that already holds an institution: the wizard starts from it.
        operations.run(self, office.institution.profile, success=self.institution_page.fill)

    def reject(self) -> None:
        # Escape while the account is being created: wait for the answer (the buttons are disabled).
        # Once it exists, Escape finishes: the administrator is signed in, nothing is undone.
        if self.administrator_page.created:
            self.accept()
        elif not self.administrator_page.busy:
            super().reject()
