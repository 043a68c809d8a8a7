"""File dialogs start in Documents (never the working directory, on Windows the install folder),
then where the last dialog for the same purpose was — also after a restart."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop_app.gui.widgets.file_chooser import FileChooser, documents_folder, remember_folders_in


def test_each_purpose_remembers_its_own_folder_across_a_restart(qapp, tmp_path, monkeypatch):
    settings_file = tmp_path / "data" / "settings.json"
    rosters, backups = tmp_path / "班级花名册", tmp_path / "usb"
    rosters.mkdir()
    backups.mkdir()
    monkeypatch.chdir(tmp_path)  # the working directory is not where dialogs start
    remember_folders_in(settings_file)
    started: list[str] = []

    def open_dialog(parent, title, folder, filters):
        started.append(folder)
        return str(rosters / "花名册.xlsx"), ""

    def save_dialog(parent, title, suggested, filters):
        started.append(str(Path(suggested).parent))
        return str(backups / "office.db"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_dialog))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    roster_files, backup_files = FileChooser(purpose="roster"), FileChooser(purpose="backup")
    assert roster_files.folder == documents_folder() != Path(os.getcwd())
    roster_files.open_file(None, "导入花名册", "Excel (*.xlsx)")
    backup_files.save_file(None, "备份", "backup.db", ("SkillDesk 备份 (*.db)", ".db"))
    assert started == [str(documents_folder()), str(documents_folder())]
    stored = json.loads(settings_file.read_text(encoding="utf-8"))["last_folders"]
    assert stored == {"roster": str(rosters), "backup": str(backups)}

    remember_folders_in(settings_file)  # the next start
    assert FileChooser(purpose="roster").folder == rosters
    assert FileChooser(purpose="backup").folder == backups
    assert FileChooser(purpose="attendance").folder == documents_folder()
    # Another chooser of the same purpose (another screen) follows where the person went.
    other = FileChooser(purpose="roster")
    roster_files.folder = backups
    assert other.folder == backups
    # A folder that has gone (a USB stick pulled out) is not offered.
    remember_folders_in(settings_file)
    backups.rename(tmp_path / "gone")
    assert FileChooser(purpose="backup").folder == documents_folder()
    remember_folders_in(None)
