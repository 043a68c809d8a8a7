"""The help screen (F1, 帮助): the workflow and one page per screen, shipped in resources/help.

The pages are Markdown in resources/help/zh and resources/help/en, drawn by a QTextBrowser;
the list on the left names them, links between pages work, and the window follows the
interface language. F1 opens the page of the screen in front (`show_page(screen_id)`); the
workflow page is `index`. Nothing is read from the network.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QWidget

from desktop_app import resources
from desktop_app.gui import value_labels
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.screen_ids import SCREEN_IDS

HELP_PAGES = ("index", *SCREEN_IDS)


def page_title(page: str) -> str:
    translate = QCoreApplication.translate
    return {
        "index": translate("HelpWindow", "Workflow"),
        "classes": translate("HelpWindow", "Classes"),
        "trainees": translate("HelpWindow", "Trainees"),
        "attendance": translate("HelpWindow", "Attendance"),
        "certificates": translate("HelpWindow", "Certificates"),
        "sync": translate("HelpWindow", "Upload"),
        "audit": translate("HelpWindow", "Audit log"),
        "reports": translate("HelpWindow", "Reports"),
        "settings": translate("HelpWindow", "Settings"),
    }[page]


def help_file(page: str, language: str | None = None):
    """The Markdown file of `page` in `language` (the interface's by default)."""
    language = language or ("en" if value_labels.english() else "zh")
    return resources.help_dir(language) / f"{page}.md"


class HelpWindow(FollowsLanguage, QDialog):
    """A window of its own beside the main window (not modal: the person follows the steps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(900, 640)
        self.pages = QListWidget()
        self.pages.setObjectName("helpPages")
        self.pages.setFixedWidth(170)
        for page in HELP_PAGES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.pages.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.browser, 1)
        self.page = "index"
        self.pages.currentRowChanged.connect(lambda row: self.show_page(HELP_PAGES[row]) if row >= 0 else None)
        self.browser.sourceChanged.connect(self._followed_link)
        self.retranslate()

    def show_page(self, page: str) -> None:
        """Show `page` (a screen id or "index"); an unknown one shows the workflow."""
        if page not in HELP_PAGES:
            page = "index"
        self.page = page
        path = help_file(page)
        self.browser.setSearchPaths([str(path.parent)])
        if self.browser.source() != QUrl.fromLocalFile(str(path)):
            self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        row = HELP_PAGES.index(page)
        if self.pages.currentRow() != row:
            self.pages.blockSignals(True)
            self.pages.setCurrentRow(row)
            self.pages.blockSignals(False)

    def _followed_link(self, url: QUrl) -> None:
        page = url.fileName().removesuffix(".md")
        if page in HELP_PAGES and page != self.page:
            self.show_page(page)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("HelpWindow", "SkillDesk help"))
        for row, page in enumerate(HELP_PAGES):
            self.pages.item(row).setText(page_title(page))
        # The pages themselves are per language: show the same page in the new one.
        self.browser.setSource(QUrl())
        self.show_page(self.page)
