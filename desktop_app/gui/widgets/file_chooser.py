"""Where a screen's files come from and go to: the open, save and folder dialogs that start in the
Documents folder the first time and in the folder used last afterwards, and what a chosen name
becomes (a save gets the ending of the kind of file chosen when it was typed without one).

A screen holds one `FileChooser` for the files it imports and exports, so every dialog of the
screen starts where the person last was; its parts that handle files share it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

FileKind = tuple[str, str]  # (the dialog's filter, e.g. "PDF document (*.pdf)", the ending ".pdf")


def documents_folder() -> Path:
    """Where save and open dialogs start the first time: the user's Documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class FileChooser:
    """The dialogs, each window-modal over `over`; None when the person cancelled."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or documents_folder()  # where the next dialog starts

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
