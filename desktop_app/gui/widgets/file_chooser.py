"""Where a screen's files come from and go to: the open, save and folder dialogs that start in the
Documents folder the first time and in the folder used last for the same purpose afterwards, and
what a chosen name becomes (a save gets the ending of the kind of file chosen when it was typed
without one).

A screen holds one `FileChooser` per purpose (rosters, attendance files, backups, …), so every
dialog for that purpose starts where the person last was — also after a restart: the window
calls `remember_folders_in(settings.json)`, and each purpose's last folder is kept in the
preferences (`Preferences.last_folders`). Never the program's working directory, which on
Windows is the install folder."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.preferences import PreferenceError, Preferences

log = logging.getLogger(__name__)

FileKind = tuple[str, str]  # (the dialog's filter, e.g. "PDF document (*.pdf)", the ending ".pdf")


def documents_folder() -> Path:
    """Where save and open dialogs start the first time: the user's Documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class FolderMemory:
    """Each purpose's last folder, kept in settings.json (read afresh before each save, so what the
    window saved meanwhile stays). Without a file (tests, the screenshot tool) it remembers for
    the run only."""

    def __init__(self, settings_file: Path | None = None) -> None:
        self.settings_file = settings_file
        self._lock = threading.Lock()
        self._folders: dict[str, str] = dict(Preferences.load(settings_file).last_folders) if settings_file else {}

    def folder(self, purpose: str) -> Path | None:
        """The purpose's last folder while it still exists (a USB stick may be gone)."""
        with self._lock:
            text = self._folders.get(purpose)
        if text and Path(text).is_dir():
            return Path(text)
        return None

    def remember(self, purpose: str, folder: Path) -> None:
        with self._lock:
            self._folders[purpose] = str(folder)
            folders = dict(self._folders)
        if self.settings_file is None:
            return
        try:
            stored = Preferences.load(self.settings_file).last_folders
            Preferences.update(self.settings_file, last_folders={**stored, **folders})
        except PreferenceError:
            log.warning("the last folder for %s could not be saved in %s", purpose, self.settings_file, exc_info=True)


_memory = FolderMemory()


def remember_folders_in(settings_file: Path | None) -> FolderMemory:
    """From now on, every purpose's last folder is kept in `settings_file` (the window calls this
    once, at start-up)."""
    global _memory
    _memory = FolderMemory(settings_file)
    return _memory


def folder_memory() -> FolderMemory:
    return _memory


class FileChooser:
    """The dialogs, each window-modal over `over`; None when the person cancelled.

    `purpose` names what the files are for ("roster", "backup", …): the dialogs start in the folder
    last used for it (kept across restarts), else in Documents."""

    def __init__(self, folder: Path | None = None, *, purpose: str | None = None) -> None:
        self.purpose = purpose
        remembered = _memory.folder(purpose) if purpose else None
        self._folder = folder or remembered or documents_folder()

    @property
    def folder(self) -> Path:
        """Where the next dialog starts."""
        if self.purpose:
            # Another chooser for the same purpose (another screen, a dialog) may have moved on.
            remembered = _memory.folder(self.purpose)
            if remembered is not None:
                return remembered
        return self._folder

    @folder.setter
    def folder(self, folder: Path) -> None:
        self._folder = Path(folder)
        if self.purpose:
            _memory.remember(self.purpose, self._folder)

    def open_file(self, over: QWidget, title: str, filters: str) -> Path | None:
        """A file to read (an import); `filters` as Qt writes them ("Excel (*.xlsx);;All files (*)")."""
        chosen, _filter = QFileDialog.getOpenFileName(over, title, str(self.folder), filters)
        if not chosen:
            return None
        path = Path(chosen)
        self.folder = path.parent
        return path

    def save_file(self, over: QWidget, title: str, name: str, *kinds: FileKind) -> Path | None:
        """Where to write a file, suggested as `name` in the last folder; a name typed without one of
        the kinds' endings gets the ending of the kind chosen (the first one by default)."""
        filters = ";;".join(kind for kind, _ending in kinds)
        chosen, chosen_filter = QFileDialog.getSaveFileName(over, title, str(self.folder / name), filters)
        if not chosen:
            return None
        path = Path(chosen)
        endings = [ending for _kind, ending in kinds]
        if path.suffix.lower() not in endings:
            ending = next((ending for kind, ending in kinds if kind == chosen_filter), endings[0])
            path = path.with_name(path.name + ending)
        self.folder = path.parent
        return path

    def choose_folder(self, over: QWidget, title: str) -> Path | None:
        """A folder to write into (a USB stick)."""
        chosen = QFileDialog.getExistingDirectory(over, title, str(self.folder))
        if not chosen:
            return None
        self.folder = Path(chosen)
        return self.folder
