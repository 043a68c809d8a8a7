"""Qt's own dialogs speak Chinese with the Chinese interface: qtbase_zh_CN.qm is loaded with ours,
and the few strings it lacks (Qt's newer wording with accelerators) come from our own .qm."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel

from desktop_app.gui.i18n import install_translators

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _labels(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def test_the_file_and_print_dialogs_have_no_english_label(qtbot, qapp):
    install_translators(qapp, "zh")
    file_dialog = QFileDialog(None, "打开")
    file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    printer = QPrinter()
    dialogs = [file_dialog, QPrintDialog(printer), QPageSetupDialog(printer)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    labels = {text for dialog in dialogs for text in _labels(dialog)}
    assert {"查找范围(&L)：", "文件类型(&T)：", "页面组(&S)："} <= labels
    assert [text for text in labels if LATIN_WORD.search(text.replace("&", ""))] == []
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："  # from Qt's own file


def test_english_leaves_qt_in_english(qapp):
    install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    finally:
        install_translators(qapp, "zh")
