"""The 班级 page: find classes, open new ones, follow one class (facts, schedule, roster, status)
and move rosters in and out of Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.dialogs import CancelSessionDialog, EditClassDialog, MoveSessionDialog, NewClassDialog
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.import_wizard import RosterImportWizard
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.table_models import ROW_ROLE, ClassTableModel, RosterTableModel, SessionTableModel
from desktop_app.gui.table_views import documents_folder, row_table
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.classes import ClassDetail, ClassRow, SessionRow
from desktop_app.services.office import Office

SEARCH_DELAY_MS = 300
# Sealing and uploading happen on the upload page, where the batch is built and signed.
OFFERED_HERE = (ClassStatus.FILED, ClassStatus.IN_TRAINING, ClassStatus.COMPLETED, ClassStatus.DRAFT)

PAGE_STYLE = """
QLabel#classTitle { font-size: 14pt; font-weight: bold; color: #1f3550; }
QLabel#statusChip { border-radius: 9px; padding: 1px 10px; color: white; background: #2f6fb3; }
QLabel#factName { color: #5b6470; }
QLabel#scheduleProblems { background: #fff4e0; border: 1px solid #f0c37a; color: #8a4b00; padding: 6px; border-radius: 4px; }
QLabel#statusRefusal { background: #fdecec; border: 1px solid #efb1b1; color: #8a1c1c; padding: 6px; border-radius: 4px; }
QLabel#emptyDetail { color: #5b6470; font-size: 11pt; }
QFrame#detailFrame { background: #fbfcfd; border: 1px solid #dde2e8; border-radius: 6px; }
"""


class ClassDetailPanel(QWidget):
    """One class: facts, schedule problems, status actions, sessions and roster."""

    class_changed = Signal(object)  # ClassRow, after a change saved from this panel
    loaded = Signal(str)  # class code, once facts, sessions and roster are shown
    sealed = Signal(object)  # BatchRow of the batch a "封存并上传" put in the outbox
    seal_refused = Signal(str)  # the reasons, as shown

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classDetail")
        self.office = office
        self.tasks = tasks
        self.code: str | None = None
        self.detail: ClassDetail | None = None
        self.roster_count = 0
        self.active_dialog = None
        self.confirm_box: QMessageBox | None = None

        self.stack = QStackedWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyDetail")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)

        content = QFrame()
        content.setObjectName("detailFrame")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)

        title_row = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setObjectName("classTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        title_row.addWidget(self.title_label)
        title_row.addWidget(self.status_chip)
        title_row.addStretch(1)
        self.actions_row = QHBoxLayout()
        self.actions_row.setSpacing(6)
        title_row.addLayout(self.actions_row)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editClassButton")
        self.edit_button.clicked.connect(self.edit_class)
        # A completed class is sealed here (its records frozen into a signed batch) and then goes
        # up by itself; the upload page follows it from there.
        self.seal_button = QPushButton()
        self.seal_button.setObjectName("sealAndUploadButton")
        self.seal_button.clicked.connect(self.ask_seal)
        self.seal_button.hide()
        self.seal_message: QMessageBox | None = None
        title_row.addWidget(self.seal_button)
        title_row.addWidget(self.edit_button)
        layout.addLayout(title_row)
        self.status_buttons: dict[ClassStatus, QPushButton] = {}

        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(4)
        self.fact_names: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        # Three pairs to a line, so the schedule and roster below keep most of the height.
        layout_of_facts = (
            ("occupation", 0, 0), ("level", 0, 1), ("type", 0, 2),
            ("dates", 1, 0), ("location", 1, 1), ("teachers", 1, 2),
            ("lessons", 2, 0), ("enrolled", 2, 1), ("policy", 2, 2),
        )
        for key, row, pair in layout_of_facts:
            name, value = QLabel(), QLabel()
            name.setObjectName("factName")
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(name, row, pair * 2, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(value, row, pair * 2 + 1, Qt.AlignmentFlag.AlignTop)
            self.fact_names[key], self.fact_values[key] = name, value
        facts.setColumnStretch(1, 4)
        facts.setColumnStretch(3, 3)
        facts.setColumnStretch(5, 3)
        layout.addLayout(facts)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("scheduleProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        self.refusal_label = QLabel()
        self.refusal_label.setObjectName("statusRefusal")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal_label.hide()
        layout.addWidget(self.problems_label)
        layout.addWidget(self.refusal_label)

        self.tabs = QTabWidget()
        self.session_model = SessionTableModel(parent=self)
        self.session_table = row_table(self.session_model)
        self.session_table.setObjectName("sessionTable")
        self.session_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.session_table.customContextMenuRequested.connect(self._session_menu)
        self.session_table.selectionModel().selectionChanged.connect(self._update_session_buttons)
        header = self.session_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.move_button = QPushButton()
        self.move_button.setObjectName("moveSessionButton")
        self.move_button.clicked.connect(self.move_selected_session)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelSessionButton")
        self.cancel_button.clicked.connect(self.cancel_selected_session)
        self.sessions_summary = QLabel()
        sessions_tab = QWidget()
        sessions_layout = QVBoxLayout(sessions_tab)
        sessions_layout.setContentsMargins(6, 6, 6, 6)
        sessions_buttons = QHBoxLayout()
        sessions_buttons.addWidget(self.sessions_summary, 1)
        sessions_buttons.addWidget(self.move_button)
        sessions_buttons.addWidget(self.cancel_button)
        sessions_layout.addLayout(sessions_buttons)
        sessions_layout.addWidget(self.session_table)
        self.tabs.addTab(sessions_tab, "")

        self.roster_model = RosterTableModel(parent=self)
        self.roster_table = row_table(self.roster_model)
        self.roster_table.setObjectName("rosterTable")
        header = self.roster_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.roster_summary = QLabel()
        self.roster_summary.setWordWrap(True)
        roster_tab = QWidget()
        roster_layout = QVBoxLayout(roster_tab)
        roster_layout.setContentsMargins(6, 6, 6, 6)
        roster_layout.addWidget(self.roster_summary)
        roster_layout.addWidget(self.roster_table)
        self.tabs.addTab(roster_tab, "")
        layout.addWidget(self.tabs, 1)
        self.stack.addWidget(content)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.retranslate()
        self._update_session_buttons()

    # --- loading ---------------------------------------------------------------------------

    def show_class(self, code: str | None) -> None:
        """Show `code` (None: nothing selected); facts, sessions and roster load in the background."""
        if code != self.code:
            self.refusal_label.hide()
        self.code = code
        if code is None:
            self.detail = None
            self.stack.setCurrentIndex(0)
            self.retranslate()
            return
        if self.detail is None or self.detail.row.code != code:
            self.stack.setCurrentIndex(0)
            self.empty_label.setText(self.tr("Loading class {code} …").format(code=code))
        self.tasks.run(lambda: (self.office.classes.get(code), self.office.trainees.class_roster(code)),
                       on_success=lambda result: self._arrived(code, result),
                       on_failure=lambda error: self._load_failed(code, error))

    def reload(self) -> None:
        if self.code:
            self.show_class(self.code)

    def _arrived(self, code: str, result) -> None:
        if code != self.code:
            return  # the clerk has already moved on to another class
        detail, roster = result
        selected = self.selected_session()
        self.detail = detail
        self.session_model.set_rows(detail.sessions)
        self.roster_model.set_rows(roster)
        self.roster_count = len(roster)
        if selected is not None:
            for number, session in enumerate(detail.sessions):
                if session.id == selected.id:
                    self.session_table.selectRow(number)
                    break
        self.stack.setCurrentIndex(1)
        self._render()
        self._rebuild_status_buttons()
        self._update_session_buttons()
        self.loaded.emit(code)

    def _load_failed(self, code: str, error: BaseException) -> None:
        if code != self.code:
            return
        self.detail = None
        self.stack.setCurrentIndex(0)
        self.empty_label.setText(failure_text(error))

    def set_detail(self, detail: ClassDetail) -> None:
        """A change saved elsewhere returned the class's new state: show it and tell the list."""
        if detail.row.code == self.code:
            self.detail = detail
            self.session_model.set_rows(detail.sessions)
            self._render()
            self._rebuild_status_buttons()
            self._update_session_buttons()
        self.class_changed.emit(detail.row)

    # --- rendering -------------------------------------------------------------------------

    def _render(self) -> None:
        d = self.detail
        if d is None:
            return
        row = d.row
        self.title_label.setText(f"{row.code}  {row.name}")
        self.status_chip.setText(labels.class_status(row.status))
        colour = {ClassStatus.DRAFT: "#6b7480", ClassStatus.FILED: "#2f6fb3", ClassStatus.IN_TRAINING: "#1d7a3a",
                  ClassStatus.COMPLETED: "#5a4a9c", ClassStatus.RETURNED: "#b3261e"}.get(row.status, "#444444")
        self.status_chip.setStyleSheet(f"background: {colour};")
        v = self.fact_values
        v["occupation"].setText(self.tr("{name} ({code}, {edition} edition)").format(
            name=row.occupation, code=d.occupation_code, edition=d.occupation_edition))
        v["level"].setText(labels.level(row.level))
        kind = row.training_type
        if row.project_based:
            kind = self.tr("{type}, project-based").format(type=kind)
        v["type"].setText(kind)
        days = (row.end_date - row.start_date).days + 1
        v["dates"].setText(self.tr("{start} to {end} ({days} days)").format(
            start=row.start_date.isoformat(), end=row.end_date.isoformat(), days=days))
        v["location"].setText(d.location or self.tr("Not filled in"))
        v["teachers"].setText("、".join(d.teachers) if d.teachers else self.tr("None assigned yet"))
        v["lessons"].setText(self.tr("Theory {theory} + practice {practice} = {total} lessons; online {online}").format(
            theory=d.planned_theory_lessons, practice=d.planned_practice_lessons,
            total=d.planned_theory_lessons + d.planned_practice_lessons, online=d.planned_online_lessons))
        v["enrolled"].setText(self.tr("{enrolled} of {capacity} places").format(enrolled=row.enrolled,
                                                                               capacity=row.capacity))
        v["policy"].setText(d.policy_name)
        v["policy"].setToolTip(d.policy_code)
        if d.schedule_problems:
            if row.status is ClassStatus.DRAFT:
                lines = [self.tr("The schedule does not meet the policy yet (the class cannot be filed until it does):")]
            else:
                lines = [self.tr("The schedule does not meet the subsidy policy:")]
            lines += [f"• {problem.message()}" for problem in d.schedule_problems]
            self.problems_label.setText("\n".join(lines))
            self.problems_label.show()
        else:
            self.problems_label.hide()
        active = [s for s in d.sessions if s.status != "cancelled"]
        cancelled = len(d.sessions) - len(active)
        if not d.sessions:
            summary = self.tr("No sessions are scheduled.")
        elif cancelled:
            summary = self.tr("{count} sessions ({cancelled} cancelled)").format(count=len(active), cancelled=cancelled)
        else:
            summary = self.tr("{count} sessions").format(count=len(active))
        self.sessions_summary.setText(summary)
        not_subsidised = sum(1 for entry in self.roster_model.rows() if not labels.subsidised(entry.subsidy_status))
        if not self.roster_count:
            roster = self.tr("Nobody is enrolled yet. Use “Import roster” above to enrol trainees from Excel.")
        elif not_subsidised:
            roster = self.tr("{count} trainees; {without} without subsidy (orange rows; point at a row to see why)").format(
                count=self.roster_count, without=not_subsidised)
        else:
            roster = self.tr("{count} trainees, all subsidised").format(count=self.roster_count)
        self.roster_summary.setText(roster)
        self._update_actions()

    def _update_actions(self) -> None:
        """Edit, status, seal and session buttons: what the class's state and the signed-in role allow."""
        actor = self.office.actor
        if self.detail is not None:
            read_only = self.detail.row.status.is_read_only
            apply_permission(self.edit_button, actor, Permission.MANAGE_CLASSES, enabled=not read_only,
                             tooltip=self.tr("A sealed class can no longer be changed.") if read_only else "")
        for button in self.status_buttons.values():
            apply_permission(button, actor, Permission.MANAGE_CLASSES)
        apply_permission(self.seal_button, actor, Permission.SEAL_BATCHES)
        self._update_session_buttons()

    def apply_permissions(self) -> None:
        """The signed-in user changed: offer only what the new role may do."""
        self._update_actions()

    def _rebuild_status_buttons(self) -> None:
        for button in self.status_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.status_buttons = {}
        self.seal_button.setVisible(self.detail is not None and self.detail.row.status is ClassStatus.COMPLETED)
        apply_permission(self.seal_button, self.office.actor, Permission.SEAL_BATCHES)
        if self.detail is None:
            return
        for target in self.detail.next_statuses:
            if target not in OFFERED_HERE:
                continue
            button = QPushButton(self.status_action_text(target))
            button.setObjectName(f"status_{target.value}")
            button.clicked.connect(lambda _checked=False, target=target: self.ask_status_change(target))
            self.actions_row.addWidget(button)
            self.status_buttons[target] = button
            apply_permission(button, self.office.actor, Permission.MANAGE_CLASSES)

    def status_action_text(self, target: ClassStatus) -> str:
        return {
            ClassStatus.FILED: self.tr("File (备案)"),
            ClassStatus.IN_TRAINING: self.tr("Start training"),
            ClassStatus.COMPLETED: self.tr("Complete"),
            ClassStatus.DRAFT: self.tr("Withdraw filing"),
        }.get(target, labels.class_status(target))

    # --- status ----------------------------------------------------------------------------

    def ask_status_change(self, target: ClassStatus) -> None:
        if self.detail is None:
            return
        row = self.detail.row
        text = self.tr("Change class {code} from “{current}” to “{target}”?").format(
            code=row.code, current=labels.class_status(row.status), target=labels.class_status(target))
        if target is ClassStatus.COMPLETED:
            text += "\n" + self.tr("A completed class cannot go back to training.")
        box = QMessageBox(QMessageBox.Icon.Question, self.status_action_text(target), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmStatusBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.status_action_text(target))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.change_status(target))
        box.finished.connect(lambda _result: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def change_status(self, target: ClassStatus) -> None:
        """Ask the Office to move the class to `target`; a refusal is shown with every reason."""
        if self.detail is None:
            return
        code = self.detail.row.code
        self.refusal_label.hide()
        for button in self.status_buttons.values():
            button.setEnabled(False)
        self.tasks.run(lambda: self.office.classes.change_status(code, target.value),
                       on_success=self._status_changed, on_failure=lambda error: self._status_refused(code, error))

    def _status_changed(self, detail: ClassDetail) -> None:
        self.set_detail(detail)

    def _status_refused(self, code: str, error: BaseException) -> None:
        for button in self.status_buttons.values():
            apply_permission(button, self.office.actor, Permission.MANAGE_CLASSES)
        if code != self.code:
            return
        self.refusal_label.setText(failure_text(error))
        self.refusal_label.show()

    # --- sealing ---------------------------------------------------------------------------

    def ask_seal(self) -> None:
        if self.detail is None or self.detail.row.status is not ClassStatus.COMPLETED:
            return
        row = self.detail.row
        text = self.tr(
            "Seal class {code} and upload it to the provincial platform?\n\nSealing freezes the class: its roster, "
            "attendance, results and certificates can no longer be changed here. They are signed and put in the "
            "upload queue, and go to the platform automatically whenever this computer is online.").format(
            code=row.code)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Seal and upload"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmSealBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Seal and upload"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.seal)
        box.finished.connect(lambda _result: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def seal(self) -> None:
        """Seal the class in the task runner; a refusal lists every reason, a success says what comes next."""
        if self.detail is None:
            return
        code = self.detail.row.code
        self.seal_button.setEnabled(False)
        self.refusal_label.hide()
        self.tasks.run(lambda: self.office.outbox.seal(code), on_success=lambda batch: self._sealed(code, batch),
                       on_failure=lambda error: self._seal_refused(code, error))

    def _sealed(self, code: str, batch) -> None:
        self.sealed.emit(batch)
        if code == self.code:  # 已结业 → 已封存, here and (through class_changed) in the list
            self.tasks.run(lambda: self.office.classes.get(code), on_success=self.set_detail)
        self._show_seal_message(QMessageBox.Icon.Information, self.tr(
            "Class {code} is sealed. Its batch is waiting to upload (待上传) and goes to the provincial platform "
            "automatically when this computer is online; follow it on the Upload page.").format(code=code))

    def _seal_refused(self, code: str, error: BaseException) -> None:
        apply_permission(self.seal_button, self.office.actor, Permission.SEAL_BATCHES)
        text = failure_text(error)
        lines = text.splitlines()
        if len(lines) > 14:  # dozens of trainees: the first ones here, all of them under "Show Details"
            shown = lines[:11] + [self.tr("… and {count} more (see “Show Details”)").format(count=len(lines) - 12),
                                  lines[-1]]
            self._show_seal_message(QMessageBox.Icon.Warning, "\n".join(shown), details=text)
        else:
            self._show_seal_message(QMessageBox.Icon.Warning, text)
        self.seal_refused.emit(text)

    def _show_seal_message(self, icon: QMessageBox.Icon, text: str, *, details: str | None = None) -> None:
        if self.seal_message is not None:
            self.seal_message.close()
        box = QMessageBox(icon, self.tr("Seal and upload"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sealMessageBox")
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, box=box: self._seal_message_closed(box))
        self.seal_message = box
        box.open()

    def _seal_message_closed(self, box: QMessageBox) -> None:
        if self.seal_message is box:
            self.seal_message = None

    # --- editing ---------------------------------------------------------------------------

    def edit_class(self) -> None:
        if self.detail is None or self.detail.row.status.is_read_only:
            return
        if not permitted(self.office.actor, Permission.MANAGE_CLASSES):
            return  # a double-click in the list: the disabled Edit button already says why
        dialog = EditClassDialog(self.detail, self.office, self.tasks, self)
        dialog.saved.connect(self.set_detail)
        self._open_dialog(dialog)

    def selected_session(self) -> SessionRow | None:
        rows = self.session_table.selectionModel().selectedRows()
        return self.session_model.data(rows[0], ROW_ROLE) if rows else None

    def _update_session_buttons(self, *_args) -> None:
        session = self.selected_session()
        editable = self.detail is not None and not self.detail.row.status.is_read_only
        usable = editable and session is not None and session.status != "cancelled"
        for button in (self.move_button, self.cancel_button):
            apply_permission(button, self.office.actor, Permission.MANAGE_CLASSES, enabled=usable)

    def _session_menu(self, position: QPoint) -> None:
        index = self.session_table.indexAt(position)
        if not index.isValid():
            return
        self.session_table.selectRow(index.row())
        menu = QMenu(self)
        move = menu.addAction(self.tr("Move this session…"))
        cancel = menu.addAction(self.tr("Cancel this session…"))
        move.setEnabled(self.move_button.isEnabled())
        cancel.setEnabled(self.cancel_button.isEnabled())
        move.triggered.connect(self.move_selected_session)
        cancel.triggered.connect(self.cancel_selected_session)
        menu.popup(self.session_table.viewport().mapToGlobal(position))

    def move_selected_session(self) -> None:
        session = self.selected_session()
        if session is None or not self.move_button.isEnabled():
            return
        dialog = MoveSessionDialog(session, self.office, self.tasks, self)
        dialog.moved.connect(self._session_saved)
        self._open_dialog(dialog)

    def cancel_selected_session(self) -> None:
        session = self.selected_session()
        if session is None or not self.cancel_button.isEnabled():
            return
        dialog = CancelSessionDialog(session, self.office, self.tasks, self)
        dialog.cancelled_session.connect(self._session_saved)
        self._open_dialog(dialog)

    def _session_saved(self, row: SessionRow) -> None:
        self.session_model.replace_row(row)
        self._update_session_buttons()
        self.reload()  # lessons and schedule problems follow from the sessions

    def _open_dialog(self, dialog) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result, dialog=dialog: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.dispose_when_idle()

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.empty_label.setText(self.tr("Select a class in the list above to see its facts, schedule and roster."))
        names = {
            "occupation": self.tr("Occupation"), "level": self.tr("Level"), "type": self.tr("Training type"),
            "dates": self.tr("Dates"), "location": self.tr("Location"), "teachers": self.tr("Teachers"),
            "lessons": self.tr("Lessons"), "enrolled": self.tr("Enrolled / places"), "policy": self.tr("Subsidy policy"),
        }
        for key, label in self.fact_names.items():
            label.setText(names[key] + "：" if not labels.english() else names[key] + ":")
        self.edit_button.setText(self.tr("Edit…"))
        self.seal_button.setText(self.tr("Seal and upload"))
        self.move_button.setText(self.tr("Move session…"))
        self.cancel_button.setText(self.tr("Cancel session…"))
        self.tabs.setTabText(0, self.tr("Schedule"))
        self.tabs.setTabText(1, self.tr("Roster"))
        self.session_model.retranslate()
        self.roster_model.retranslate()
        for target, button in self.status_buttons.items():
            button.setText(self.status_action_text(target))
        if self.detail is not None:
            self._render()
        else:
            self._update_actions()  # the refusal tooltips in the language of the moment


class ClassesPage(QWidget):
    """The class list with its search and filter, the detail of the selected class, and the
    roster round trip (template, import, export)."""

    page_id = "classes"
    data_changed = Signal()  # classes, enrolments or trainees changed: counts elsewhere are stale
    classes_loaded = Signal()
    class_sealed = Signal(object)  # BatchRow: a class was sealed into the outbox

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_classes")
        self.setStyleSheet(PAGE_STYLE)
        self.office = office
        self.tasks = tasks
        self._generation = 0
        self._select_after_load: str | None = None
        self._count_text: Callable[[], str] | None = None
        self.last_folder = documents_folder()
        self.new_class_dialog: NewClassDialog | None = None
        self.import_wizard: RosterImportWizard | None = None
        self.loading = False

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addSpacing(12)
        heading_row.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        heading_row.addStretch(1)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("classSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.reload)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem("", None)
        for status in ClassStatus:
            self.status_combo.addItem("", status.value)
        self.status_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.new_button = QPushButton()
        self.new_button.setObjectName("newClassButton")
        self.new_button.clicked.connect(self.open_new_class)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importRosterButton")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportRosterButton")
        self.export_button.clicked.connect(self.export_roster)
        self.template_button = QPushButton()
        self.template_button.setObjectName("templateButton")
        self.template_button.clicked.connect(self.save_template)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search_edit, 2)
        toolbar.addWidget(self.status_combo)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.import_button)
        toolbar.addWidget(self.export_button)
        toolbar.addWidget(self.template_button)

        self.banner = NoticeBanner()
        self.model = ClassTableModel(parent=self)
        self.table = row_table(self.model)
        self.table.setObjectName("classTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ClassTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.detail.edit_class())
        self.empty_list = QLabel()
        self.empty_list.setObjectName("emptyList")
        self.empty_list.setStyleSheet("color: #5b6470;")
        self.empty_list.hide()
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.empty_list)

        self.detail = ClassDetailPanel(office, tasks)
        self.detail.class_changed.connect(self._class_changed)
        self.detail.sealed.connect(self.class_sealed)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(heading_row)
        layout.addLayout(toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._update_buttons()
        self.reload()

    def title(self) -> str:
        return self.tr("Classes")

    def show_count(self, text: Callable[[], str]) -> None:
        """The live figure from the status snapshot (e.g. how many classes exist)."""
        self._count_text = text
        self.count.setText(text())

    # --- the list --------------------------------------------------------------------------

    def reload(self, select_code: str | None = None) -> None:
        """Read the list again with the current search and status filter."""
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        search = self.search_edit.text().strip() or None
        status = self.status_combo.currentData()
        keep = select_code or (self.selected_class().code if self.selected_class() else None)
        self.loading = True
        self.tasks.run(lambda: self.office.classes.list(search=search, status=status),
                       on_success=lambda rows: self._list_arrived(generation, rows, keep),
                       on_failure=lambda error: self._list_failed(generation, error))

    def _list_arrived(self, generation: int, rows: list[ClassRow], keep: str | None) -> None:
        if generation != self._generation:
            return  # an older search answered after a newer one was asked
        self.loading = False
        self.model.set_rows(rows)
        number = self.model.row_of_code(keep) if keep else -1
        if number >= 0:
            self.table.selectRow(number)
            self.table.scrollTo(self.model.index(number, 0))
        else:
            self.detail.show_class(None)
        self.empty_list.setVisible(not rows)
        self._render_empty_list()
        self._update_buttons()
        self.classes_loaded.emit()

    def _render_empty_list(self) -> None:
        filtered = bool(self.search_edit.text().strip() or self.status_combo.currentData())
        self.empty_list.setText(self.tr("No class matches the search or filter.") if filtered else
                                self.tr("There are no classes yet. Click “New class” to open the first one."))

    def _list_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.banner.show_note(failure_text(error), "error")

    def selected_class(self) -> ClassRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def select_class(self, code: str) -> bool:
        number = self.model.row_of_code(code)
        if number < 0:
            return False
        self.table.selectRow(number)
        self.table.scrollTo(self.model.index(number, 0))
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_class()
        self.detail.show_class(row.code if row else None)
        self._update_buttons()

    def _class_changed(self, row: ClassRow) -> None:
        self.model.replace_row(row)
        self._update_buttons()
        self.data_changed.emit()

    def _update_buttons(self) -> None:
        row = self.selected_class()
        actor = self.office.actor
        can_import = row is not None and row.status.accepts_enrolment
        if row is None:
            import_tip = export_tip = self.tr("Select a class first.")
        else:
            export_tip = self.tr("Save the roster of {code} as an Excel workbook, with full numbers.").format(code=row.code)
            import_tip = (
                self.tr("Enrol trainees into {code} from an Excel roster.").format(code=row.code) if can_import else
                self.tr("A class that is “{status}” takes no more enrolments.").format(status=labels.class_status(row.status)))
        apply_permission(self.export_button, actor, Permission.EXPORT_PERSONAL_DATA, enabled=row is not None,
                         tooltip=export_tip)
        apply_permission(self.import_button, actor, Permission.ENROL_TRAINEES, enabled=can_import, tooltip=import_tip)
        apply_permission(self.new_button, actor, Permission.MANAGE_CLASSES)

    def apply_permissions(self) -> None:
        """The signed-in user changed: offer only what the new role may do, here and in the detail."""
        self._update_buttons()
        self.detail.apply_permissions()

    # --- new class -------------------------------------------------------------------------

    def open_new_class(self) -> None:
        if not permitted(self.office.actor, Permission.MANAGE_CLASSES):
            return
        dialog = NewClassDialog(self.office, self.tasks, self)
        dialog.created.connect(self._class_created)
        dialog.finished.connect(lambda _result, dialog=dialog: self._new_class_closed(dialog))
        self.new_class_dialog = dialog
        dialog.open()

    def _new_class_closed(self, dialog: NewClassDialog) -> None:
        if self.new_class_dialog is dialog:
            self.new_class_dialog = None
        dialog.dispose_when_idle()

    def _class_created(self, detail: ClassDetail) -> None:
        code = detail.row.code
        # The new class must be visible whatever the filter was.
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(False)
        self.reload(select_code=code)
        sessions = len(detail.sessions)
        note = self.tr("Class {code} was created as a draft with {sessions} sessions.").format(code=code, sessions=sessions)
        if detail.schedule_problems:
            note += " " + self.tr("Check the schedule: {problems}").format(
                problems="；".join(problem.message() for problem in detail.schedule_problems))
            self.banner.show_note(note, "warning")
        else:
            self.banner.show_note(note, "success")
        self.data_changed.emit()

    # --- roster workbooks ------------------------------------------------------------------

    def open_import(self) -> None:
        row = self.selected_class()
        if row is None:
            return
        wizard = RosterImportWizard(self.office, self.tasks, row, self, start_folder=self.last_folder)
        wizard.imported.connect(self._roster_imported)
        wizard.finished.connect(lambda _result, wizard=wizard: self._import_closed(wizard))
        self.import_wizard = wizard
        wizard.open()

    def _import_closed(self, wizard: RosterImportWizard) -> None:
        if wizard.source is not None:
            self.last_folder = wizard.source.parent
        if self.import_wizard is wizard:
            self.import_wizard = None
        self.detail.reload()
        self.reload()
        wizard.dispose_when_idle()

    def _roster_imported(self, code: str) -> None:
        self.data_changed.emit()
        if self.detail.code == code:
            self.detail.reload()

    def _ask_save_path(self, title: str, file_name: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(self.last_folder / file_name),
                                                      self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.last_folder = path.parent
        return path

    def save_template(self) -> None:
        path = self._ask_save_path(self.tr("Save the roster template"), self.tr("roster_template.xlsx"))
        if path is None:
            return
        self.template_button.setEnabled(False)

        def done(_result) -> None:
            self.template_button.setEnabled(True)
            self.banner.show_note(self.tr(
                "The roster template was saved to {path}. Fill in one trainee per row; keep the ID number "
                "column formatted as text.").format(path=path), "success")

        def failed(error: BaseException) -> None:
            self.template_button.setEnabled(True)
            self.banner.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.roster.write_template(path), on_success=done, on_failure=failed)

    def export_roster(self) -> None:
        row = self.selected_class()
        if row is None:
            return
        path = self._ask_save_path(self.tr("Export the roster of {code}").format(code=row.code),
                                   self.tr("roster_{code}.xlsx").format(code=row.code))
        if path is None:
            return
        self.export_button.setEnabled(False)
        code = row.code

        def done(count: int) -> None:
            self._update_buttons()
            self.banner.show_note(self.tr(
                "{count} trainees of {code} were exported to {path}. The file holds full ID numbers, phones and "
                "bank accounts: keep it safe and delete it when it is no longer needed. The export is recorded "
                "in the audit log.").format(count=count, code=code, path=path), "success")

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.banner.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.roster.export(code, path), on_success=done, on_failure=failed)

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Classes"))
        self.count.setText(self._count_text() if self._count_text else "")
        self.search_edit.setPlaceholderText(self.tr("Search by code, name or occupation"))
        self.status_combo.setItemText(0, self.tr("All statuses"))
        for number, status in enumerate(ClassStatus, start=1):
            self.status_combo.setItemText(number, labels.class_status(status))
        self.new_button.setText(self.tr("New class…"))
        self.import_button.setText(self.tr("Import roster…"))
        self.export_button.setText(self.tr("Export roster…"))
        self.template_button.setText(self.tr("Roster template…"))
        self.model.retranslate()
        self.detail.retranslate()
        self._render_empty_list()
        self._update_buttons()
