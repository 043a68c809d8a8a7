"""Step 1 of the roster import: which file (chosen or dropped), and what the file must look like."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.theme import Tone, set_tone

if TYPE_CHECKING:
    from desktop_app.gui.screens.classes.roster_import.wizard import RosterImportWizard


class FilePage(QWizardPage):
    """Step 1: which file (chosen or dropped), with what the file must look like."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__()
        self.setObjectName("filePage")
        self.owner = wizard
        self.setAcceptDrops(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.drop_area = QLabel()
        self.drop_area.setObjectName("dropArea")
        self.drop_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_area.setWordWrap(True)
        self.drop_area.setMinimumHeight(110)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton()
        self.template_button.setObjectName("wizardTemplateButton")
        self.template_button.clicked.connect(self.save_template)
        self.file_label = QLabel()
        self.file_label.setObjectName("chosenFile")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.drop_area)
        layout.addLayout(buttons)
        layout.addWidget(self.file_label)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.owner.source is not None

    def set_source(self, path: Path) -> None:
        self.owner.source = path
        self.owner.files.folder = path.parent  # chosen or dropped: the next dialog starts beside it
        self.owner.preview_report = None
        self.note.clear()
        self.retranslate()
        self.completeChanged.emit()

    def choose_file(self) -> None:
        path = self.owner.files.open_file(self, self.tr("Choose the roster workbook"),
                                          self.tr("Excel workbook (*.xlsx);;All files (*)"))
        if path is not None:
            self.set_source(path)

    @staticmethod
    def _dropped_file(event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return local[0] if len(local) == 1 and local[0].is_file() else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.set_source(path)

    def save_template(self) -> None:
        path = self.owner.files.save_file(self, self.tr("Save the roster template"), self.tr("roster_template.xlsx"),
                                          (self.tr("Excel workbook (*.xlsx)"), ".xlsx"))
        if path is None:
            return
        self.template_button.setEnabled(False)

        def done(_result) -> None:
            self.template_button.setEnabled(True)
            set_tone(self.note, Tone.PLAIN)
            self.note.setText(self.tr("Template saved to {path}.").format(path=path))

        def failed(error: BaseException) -> None:
            self.template_button.setEnabled(True)
            set_tone(self.note, Tone.ERROR)
            self.note.setText(failure_text(error))

        office = self.owner.office
        self.owner.operations.run(self, lambda: office.roster.write_template(path, replace=True), success=done, failure=failed)

    def retranslate(self) -> None:
        row = self.owner.class_row
        self.setTitle(self.tr("Step 1 of 4: choose the roster file"))
        self.setSubTitle(self.tr("Trainees in the file will be enrolled into {code} {name}.").format(
            code=row.code, name=row.name))
        self.hint.setText(self.tr(
            "Use the roster template (button below), one trainee per row. The ID number column must be "
            "formatted as Text in Excel, otherwise Excel turns the numbers into 3.2E+17 and loses digits. "
            "A roster in another layout also works if its first row holds column names such as 姓名 and 身份证号码. "
            "Nothing is saved until you confirm the import in step 3."))
        self.drop_area.setText(self.tr("Drag the Excel file (.xlsx) here, or click “Choose file…”"))
        self.choose_button.setText(self.tr("Choose file…"))
        self.template_button.setText(self.tr("Save the template…"))
        source = self.owner.source
        self.file_label.setText(self.tr("Chosen file: {path}").format(path=source) if source else "")
