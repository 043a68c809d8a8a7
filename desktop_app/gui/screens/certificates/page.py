"""The 证书 screen: pick a class, then enter or import its assessment results (tab 考核成绩), or
issue, void and reissue its training certificates, see the real certificate PDF, print or export
them (tab 发证); verify a scanned QR code offline from either tab."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from desktop_app.domain.class_status import ClassStatus
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.certificates.issuing import IssuingTab
from desktop_app.gui.screens.certificates.results import ResultsTab
from desktop_app.gui.screens.certificates.verify import VerifyCertificateDialog
from desktop_app.gui.widgets.class_picker import choose_in_combo, class_combo, offer_classes
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.services.changes import Area
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office

# Results are entered while the class runs and after it ends; a sealed class is shown read-only
# (its certificates can still be printed and verified).
OFFERED = (ClassStatus.IN_TRAINING, ClassStatus.COMPLETED, ClassStatus.SEALED)


class CertificatesPage(ScreenPage):
    """The class picker, the banners and the two tabs (`results`, `issuing`), which do the rest."""

    page_id = "certificates"
    # Which classes are offered and their facts; who completed the hours (sessions, attendance);
    # names on the lines; the results and the certificates themselves.
    shows = (Area.CLASSES, Area.SESSIONS, Area.ROSTER, Area.TRAINEES, Area.ATTENDANCE, Area.ASSESSMENTS,
             Area.CERTIFICATES)
    classes_loaded = Signal()

    def __init__(self, office: Office, operations: Operations, *, offset_mm: tuple[float, float] = (0.0, 0.0),
                 parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_certificates")
        self.offset_mm = (float(offset_mm[0]), float(offset_mm[1]))
        self.classes: list[ClassRow] = []
        self.files = FileChooser(purpose="certificates")  # shared by the results import and the export
        self.reports: DialogSlot = DialogSlot()  # what an issue run or an import did: one at a time
        self.verifications: DialogSlot[VerifyCertificateDialog] = DialogSlot()

        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verifyCertificateButton")
        self.verify_button.clicked.connect(self.open_verify)
        self.header.addWidget(self.verify_button)

        self.class_label = QLabel()
        self.class_label.setObjectName("fieldLabel")
        self.class_combo = class_combo(width_in_characters=28)
        self.class_combo.currentIndexChanged.connect(self._class_chosen)
        self.class_info = QLabel()
        self.class_info.setObjectName("classInfo")
        pickers = QHBoxLayout()
        pickers.addWidget(self.class_label)
        pickers.addWidget(self.class_combo, 3)
        pickers.addSpacing(10)
        pickers.addWidget(self.class_info, 2)

        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("keyHelp")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.results = ResultsTab(self)
        self.issuing = IssuingTab(self)
        # What the results tab changes decides who may receive a certificate.
        self.results.saved.connect(lambda _row: self.issuing.mark_stale())
        self.results.importer.imported.connect(self._results_imported)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("certificateTabs")
        self.tabs.addTab(self.results, "")
        self.tabs.addTab(self.issuing, "")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = self.page_layout()
        layout.addLayout(pickers)
        layout.addWidget(self.notice)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.mark_stale()  # the classes are read when the screen is first shown

    def title(self) -> str:
        return self.tr("Certificates")

    # --- what is shown -------------------------------------------------------------------------

    def current_code(self) -> str | None:
        return self.class_combo.currentData()

    def current_class(self) -> ClassRow | None:
        code = self.current_code()
        return next((row for row in self.classes if row.code == code), None)

    def set_offset(self, offset_mm: tuple[float, float]) -> None:
        """The printer offset from the settings page, used for printing and exporting from now on."""
        self.offset_mm = (float(offset_mm[0]), float(offset_mm[1]))

    # --- the classes ---------------------------------------------------------------------------

    def reload(self) -> None:
        office = self.office
        self.run(lambda: [row for row in office.classes.list() if row.status in OFFERED],
                 success=self._classes_arrived, latest="classes")

    def _classes_arrived(self, rows: list[ClassRow]) -> None:
        keep = self.current_code()
        self.classes = list(rows)
        codes = [row.code for row in rows]
        if keep not in codes:
            # The class being completed is the one certificates are usually for.
            keep = next((r.code for r in rows if r.status is ClassStatus.COMPLETED), codes[0] if codes else None)
        offer_classes(self.class_combo, rows, keep)
        self.empty_label.setVisible(not rows)
        self.tabs.setVisible(bool(rows))
        self.classes_loaded.emit()
        self._class_chosen()

    def select_class(self, code: str) -> bool:
        return choose_in_combo(self.class_combo, code, self._class_chosen)

    def _class_chosen(self, _index: int = -1) -> None:
        self._render_class_info()
        self.results.show_class()
        self.issuing.show_class()

    def _render_class_info(self) -> None:
        row = self.current_class()
        if row is None:
            self.class_info.setText("")
            self.read_only_banner.hide()
            return
        self.class_info.setText(self.tr("{status} · {dates} · {count} trainees").format(
            status=labels.class_status(row.status), dates=labels.date_range(row.start_date, row.end_date),
            count=row.enrolled))
        if row.status.is_read_only:
            self.read_only_banner.setText(self.tr(
                "Class {code} is {status}: its results can no longer change. Certificates can still be viewed, "
                "printed and verified.").format(code=row.code, status=labels.class_status(row.status)))
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()

    # --- between the tabs ----------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.issuing and self.issuing.stale:
            self.issuing.reload()

    def _results_imported(self, _report) -> None:
        self.issuing.mark_stale()
        if self.tabs.currentWidget() is self.issuing:
            self.issuing.reload()

    def apply_permissions(self) -> None:
        """The signed-in user changed: results editable and certificates issued only by roles that may."""
        self.results.apply_permissions()
        self.issuing.update_buttons()

    # --- verify --------------------------------------------------------------------------------

    def open_verify(self) -> None:
        """One verify dialog at a time: a second click brings it to the front."""
        if not self.verifications.raise_open():
            self.verifications.open(VerifyCertificateDialog(self.office, self.operations, self))

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.verify_button.setText(self.tr("Verify a certificate…"))
        self.class_label.setText(self.tr("Class"))
        self.empty_label.setText(self.tr("No class is in training, completed or sealed yet. Results and certificates "
                                         "are entered here once a class has started."))
        self.tabs.setTabText(self.tabs.indexOf(self.results), self.tr("Assessment results"))
        self.tabs.setTabText(self.tabs.indexOf(self.issuing), self.tr("Issuing"))
        self.results.retranslate()
        self.issuing.retranslate()
        self._render_class_info()

