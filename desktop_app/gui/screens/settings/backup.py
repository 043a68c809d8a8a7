"""Settings → 备份与恢复: a backup of the database to a file the administrator chooses (a USB
stick), and restoring one, with the work shown in the window while it runs off the UI thread.

Both use the backup services the command line uses (`office.backups`): a backup is an online,
checked copy with its manifest; a restore checks the backup, keeps the current database as a
backup first, and replaces it. An older backup (the usual case: yesterday's) is restored only
after the administrator confirms losing what was entered since. After a restore SkillDesk
closes: every screen holds what the old file said, and the next start opens the restored one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, \
    QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.messages import UserFacingError
from desktop_app.services.office import Office


class BackupSection(QGroupBox):
    """备份… and 恢复…, a progress bar while either runs, and what came of it."""

    backed_up = Signal(object)  # BackupInfo
    restored = Signal(object)  # RestoreInfo, just before SkillDesk closes

    def __init__(self, office: Office, operations: Operations, *, data_dir: Path, key_dir: Path,
                 files: FileChooser | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupBox")
        self.office = office
        self.operations = operations
        self.data_dir, self.key_dir = Path(data_dir), Path(key_dir)
        self.files = files or FileChooser(purpose="backup")
        self.busy = False
        self.question: QMessageBox | None = None  # open while the administrator is asked
        self.quit_after_restore = True  # the tests look at the restored database instead
        self.notice = NoticeBanner()
        self.explanation = hint_label()
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(self._backup_clicked)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self._restore_clicked)
        self.progress = QProgressBar()
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 0)  # the copy is one consistent step: a busy bar, with what it does beside it
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)  # the buttons keep their size while the bar is hidden
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.hide()

    def allowed(self) -> bool:
        return apply_permission(self, self.office.actor, Permission.BACKUP_RESTORE, hide=True)

    def show_failure(self, error: BaseException) -> None:
        self._set_busy(False, "")
        self.notice.show_failure(error)

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- backing up --------------------------------------------------------------------------

    def _backup_clicked(self) -> None:
        name = f"skilldesk-backup-{datetime.now():%Y%m%d-%H%M}.db"
        target = self.files.save_file(self, self.tr("Back up the database to"), name,
                                      (self.tr("SkillDesk backup (*.db)"), ".db"))
        if target is not None:
            self.back_up(target)

    def back_up(self, target: Path) -> None:
        office, data_dir = self.office, self.data_dir
        self.notice.hide()
        self._set_busy(True, self.tr("Backing up to %1 … the window stays usable meanwhile.").replace("%1", str(target)))

        def done(info) -> None:
            self._set_busy(False, "")
            self.notice.show_note(self.tr(
                "Backed up to %1 (%2 MB, checked). Keep the encryption key folder with it: %3").replace(
                "%1", str(info.path)).replace("%2", f"{info.bytes / 1_000_000:.1f}").replace("%3", str(self.key_dir)),
                "success")
            self.backed_up.emit(info)

        self.operations.run(self, lambda: office.backups.backup(Path(target), data_dir=data_dir), success=done)

    # --- restoring ---------------------------------------------------------------------------

    def _restore_clicked(self) -> None:
        source = self.files.open_file(self, self.tr("Restore the database from"),
                                      self.tr("SkillDesk backup (*.db);;All files (*)"))
        if source is None:
            return
        self.ask(self.tr("Replace the database by the backup %1? The current database is kept as a backup first. "
                         "SkillDesk closes after the restore; open it again to work with the restored data.")
                 .replace("%1", source.name), lambda: self.restore(source))

    def ask(self, text: str, then) -> None:
        """A yes/no question over the window (No by default); `then` runs on Yes. Not blocking:
        the question is `self.question` while it is open."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore a backup"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("restoreQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box

        def answered(button) -> None:
            self.question = None
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                then()

        box.buttonClicked.connect(answered)
        box.open()

    def restore(self, source: Path, *, force: bool = False) -> None:
        office, data_dir, key_dir = self.office, self.data_dir, self.key_dir
        self.notice.hide()
        self._set_busy(True, self.tr("Restoring %1 … checking the backup, keeping the current database.")
                       .replace("%1", Path(source).name))

        def refused(error: BaseException) -> None:
            if isinstance(error, UserFacingError) and error.code == "restore.older" and not force:
                # The usual case (yesterday's backup): asked, with the two moments, not refused.
                self._set_busy(False, "")
                self.ask(self.tr("The backup's last recorded action was at %1, the current database's at %2. "
                                 "Restoring it loses everything entered since. Restore it anyway?")
                         .replace("%1", str(error.params.get("backup_time", "")))
                         .replace("%2", str(error.params.get("current_time", ""))),
                         lambda: self.restore(source, force=True))
                return
            if isinstance(error, UserFacingError) and error.code == "restore.from_the_future" and not force:
                # A wrong clock on the PC that wrote it, or an edited file: said, and asked again.
                self._set_busy(False, "")
                self.ask(self.tr("The backup says its last action happened at %1, later than now (%2): the computer "
                                 "that wrote it had a wrong clock, or the file was changed. Restore it anyway?")
                         .replace("%1", str(error.params.get("backup_time", "")))
                         .replace("%2", str(error.params.get("now", ""))),
                         lambda: self.restore(source, force=True))
                return
            self.show_failure(error)

        self.operations.run(self, lambda: office.backups.restore(Path(source), data_dir=data_dir, key_dir=key_dir,
                                                                 force=force),
                            success=self._restored, failure=refused)

    def _restored(self, info) -> None:
        self._set_busy(False, "")
        kept = str(info.before_restore.path) if info.before_restore else "—"
        self.notice.show_note(self.tr("Restored %1. The replaced database was kept as %2.").replace(
            "%1", info.source.name).replace("%2", kept), "success")
        self.restored.emit(info)
        if self.quit_after_restore:
            QMessageBox.information(self, self.tr("Restore a backup"), self.tr(
                "The backup was restored. SkillDesk closes now; open it again to work with the restored data."))
            QApplication.quit()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Backup and restore"))
        self.explanation.setText(self.tr(
            "A daily backup is kept automatically in the data folder. Back up to a USB stick regularly and keep the "
            "encryption key folder with it. Restoring replaces all data by the backup's."))
        self.backup_button.setText(self.tr("Back up…"))
        self.restore_button.setText(self.tr("Restore…"))
        if not self.busy:
            self.status.clear()
            self.status.hide()
