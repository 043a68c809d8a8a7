"""The look of SkillDesk in one place: named colours and the one application stylesheet.

Screens never spell a colour. A widget that needs a look gets an object name the stylesheet
knows (`QLabel#pageHeading`), or a *tone* — `set_tone(label, Tone.ERROR)` — for looks that
change with what the widget says (a refusal in red, a saved note in green). Colours for painted
items (table cells, the grid) come from `qcolor(Colour.X)`. (Anki keeps its colours in
`aqt/colors` and reads them through `theme.qcolor`; Vorta's BaseTab and SecureDrop's `gui/base`
hold their shared look the same way.)
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget


class Colour(StrEnum):
    """Every colour the application uses, by what it is for."""

    TEXT_STRONG = "#1f3550"  # headings, labels of fields, the main figures
    TEXT_MUTED = "#5b6470"  # explanations, empty states, fact names
    TEXT_FAINT = "#8a9099"  # rows that no longer count (cancelled, voided)
    ACCENT = "#2f6fb3"  # selection, links, counts, "filed"
    ON_ACCENT = "#ffffff"
    BORDER = "#dde2e8"
    BORDER_STRONG = "#d0d5db"
    SURFACE = "#fbfcfd"  # framed panels
    SURFACE_SUNKEN = "#f3f5f8"  # the navigation
    SURFACE_PLACEHOLDER = "#f8fafc"
    PREVIEW_DESK = "#d9dee5"  # behind a previewed PDF page (widgets/pdf_preview)

    ERROR = "#b3261e"  # refusals and errors said inline
    ERROR_STRONG = "#8a1c1c"  # text on an error background; a revealed number
    ERROR_BACKGROUND = "#fdecec"
    ERROR_BORDER = "#efb1b1"
    ROW_REJECTED = "#f9d9d9"

    WARNING = "#8a4b00"  # needs attention, not wrong
    WARNING_STRONG = "#6b4300"
    WARNING_BACKGROUND = "#fff4e0"
    WARNING_BORDER = "#f0c37a"
    ROW_NO_SUBSIDY = "#ffe9c7"

    READ_ONLY_TEXT = "#7a3f00"  # "this class is sealed: nothing here can change"
    READ_ONLY_BACKGROUND = "#ffe8c7"
    READ_ONLY_BORDER = "#f0a84a"

    SUCCESS = "#1d7a3a"  # done, present, in training
    SUCCESS_STRONG = "#1d4d2b"
    SUCCESS_BACKGROUND = "#eaf7ee"
    SUCCESS_BORDER = "#a9d8b6"

    INFO_BACKGROUND = "#eaf3fc"
    INFO_BORDER = "#b7d3ef"

    SCAN_OK_TEXT = "#0f4d23"  # the card reader's answer, seen from across a classroom
    SCAN_OK_BACKGROUND = "#dff3e4"
    SCAN_OK_BORDER = "#3c9a5c"
    SCAN_BAD_TEXT = "#8a1111"
    SCAN_BAD_BACKGROUND = "#fde3e3"
    SCAN_BAD_BORDER = "#d05050"

    STATUS_DRAFT = "#6b7480"
    STATUS_COMPLETED = "#5a4a9c"
    STATUS_FINAL = "#444444"  # sealed, uploaded

    # --- the attendance screen: mark cells a teacher reads across the room without the words ---
    MARK_PRESENT_BACKGROUND = "#d7f0dd"
    MARK_PRESENT_TEXT = "#17602e"  # also the summary's "eligible"
    MARK_PARTLY_BACKGROUND = "#ffe7b3"  # late, left early: half fine
    MARK_PARTLY_TEXT = "#7a4a00"
    MARK_LEAVE_BACKGROUND = "#d6e6f9"  # excused
    MARK_LEAVE_TEXT = "#1c4f8a"
    MARK_ABSENT_BACKGROUND = "#f8d2d2"
    MARK_ABSENT_TEXT = "#8f1d1d"
    MARK_NONE_BACKGROUND = "#eceff3"  # still to do (its text is TEXT_MUTED)
    ROW_AT_RISK = "#fbe0de"  # a trainee who may not complete
    READ_ONLY_FLASH_BACKGROUND = "#ffd08a"  # the sealed-class banner catching the eye
    READ_ONLY_FLASH_BORDER = "#d9822b"


class Tone(StrEnum):
    """How a label or banner says what it says; styled by the `tone` property below."""

    PLAIN = ""
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"
    SCAN_OK = "scan-ok"
    SCAN_BAD = "scan-bad"


@cache
def qcolor(colour: Colour) -> QColor:
    """The QColor of a named colour (for models and painting; stylesheets use the names)."""
    return QColor(str(colour))


def set_tone(widget: QWidget, tone: Tone) -> None:
    """Give a widget a tone and make Qt re-apply the stylesheet to it (a dynamic property
    change alone is not picked up)."""
    if widget.property("tone") == str(tone):
        return
    widget.setProperty("tone", str(tone))
    # Descendants too: rules such as `QWidget#noticeBanner[tone="error"] QLabel` depend on it.
    for target in (widget, *widget.findChildren(QWidget)):
        style = target.style()
        style.unpolish(target)
        style.polish(target)
        target.update()


def _sheet() -> str:
    c = Colour
    return f"""
/* --- the window ------------------------------------------------------------------------ */
QListWidget#navigation {{ outline: 0; background: {c.SURFACE_SUNKEN}; border: none;
    border-right: 1px solid {c.BORDER}; font-size: 11pt; }}
QListWidget#navigation::item {{ padding: 10px 18px; border: none; }}
QListWidget#navigation::item:selected {{ background: {c.ACCENT}; color: {c.ON_ACCENT}; }}
QWidget#navigationFooter {{ background: {c.SURFACE_SUNKEN}; border-right: 1px solid {c.BORDER}; }}
QLabel#userStatus {{ color: {c.TEXT_STRONG}; }}
QPushButton#signOutButton {{ padding: 2px 0; border: none; color: {c.ACCENT}; text-align: left; }}
QPushButton#signOutButton:hover {{ text-decoration: underline; }}
QWidget#navigationHelp {{ background: {c.SURFACE_SUNKEN}; border-right: 1px solid {c.BORDER}; }}
QPushButton#helpButton {{ padding: 2px 0; border: none; color: {c.ACCENT}; text-align: left; }}
QPushButton#helpButton:hover {{ text-decoration: underline; }}
QListWidget#helpPages::item {{ padding: 6px 8px; }}
QTextBrowser#helpText {{ padding: 8px 14px; }}
QStatusBar QLabel {{ padding: 0 10px; border-left: 1px solid {c.BORDER_STRONG}; }}

/* --- sign-in, the idle lock, the first run ----------------------------------------------- */
QWidget#lockOverlay {{ background: {c.SURFACE_SUNKEN}; }}
QLabel#stationHeading {{ font-size: 13pt; font-weight: bold; color: {c.TEXT_STRONG}; }}
QLabel#stationRecent {{ font-size: 11pt; color: {c.TEXT_MUTED}; }}

/* --- every screen ----------------------------------------------------------------------- */
QLabel#pageHeading {{ font-size: 18pt; font-weight: bold; color: {c.TEXT_STRONG}; }}
QLabel#pageCount {{ color: {c.ACCENT}; font-size: 11pt; }}
QLabel#sectionTitle, QLabel#classTitle, QLabel#traineeName {{ font-size: 14pt; font-weight: bold;
    color: {c.TEXT_STRONG}; }}
QLabel#detailTitle {{ font-weight: bold; color: {c.TEXT_STRONG}; font-size: 11pt; }}
QLabel#previewTitle {{ font-weight: bold; color: {c.TEXT_STRONG}; padding: 2px 0; }}
QLabel#fieldLabel, QLabel#receiptInfo {{ color: {c.TEXT_STRONG}; }}
QLabel#totals, QLabel#statusLine {{ font-size: 11pt; color: {c.TEXT_STRONG}; padding: 2px 0; }}
QLabel#tabSummary {{ color: {c.TEXT_STRONG}; font-size: 10.5pt; padding: 2px 0; }}
QLabel#factName, QLabel#keyHelp, QLabel#summaryNote, QLabel#classInfo, QLabel#auditSummary,
QLabel#hint {{ color: {c.TEXT_MUTED}; }}
QLabel#emptyDetail {{ color: {c.TEXT_MUTED}; font-size: 11pt; }}
QLabel#revealedValue {{ color: {c.ERROR_STRONG}; font-weight: bold; }}
QLabel#revealNote, QLabel#previewNote {{ color: {c.WARNING}; }}
QFrame#detailFrame, QFrame#previewFrame {{ background: {c.SURFACE}; border: 1px solid {c.BORDER};
    border-radius: 6px; }}
QFrame#placeholderFrame {{ background: {c.SURFACE_PLACEHOLDER}; border: 1px solid {c.BORDER};
    border-radius: 6px; }}
QLabel#statusChip {{ border-radius: 9px; padding: 1px 10px; color: {c.ON_ACCENT}; background: {c.ACCENT}; }}

/* boxed messages: fixed kinds by object name */
QLabel#scheduleProblems {{ background: {c.WARNING_BACKGROUND}; border: 1px solid {c.WARNING_BORDER};
    color: {c.WARNING}; padding: 6px; border-radius: 4px; }}
QLabel#statusRefusal, QLabel#batchError, QLabel#assessmentError {{ background: {c.ERROR_BACKGROUND};
    border: 1px solid {c.ERROR_BORDER}; color: {c.ERROR_STRONG}; padding: 6px; border-radius: 4px; }}
QLabel#readOnlyBanner {{ background: {c.READ_ONLY_BACKGROUND}; border: 1px solid {c.READ_ONLY_BORDER};
    color: {c.READ_ONLY_TEXT}; padding: 8px; border-radius: 4px; font-weight: bold; }}
QLabel#lockBanner {{ background: {c.INFO_BACKGROUND}; border: 1px solid {c.INFO_BORDER};
    color: {c.TEXT_STRONG}; padding: 6px; border-radius: 4px; }}
QLabel#registrationState {{ padding: 6px; border-radius: 4px; }}

/* tones: looks that follow what a widget says (set_tone) */
QLabel[tone="error"] {{ color: {c.ERROR}; }}
QLabel[tone="warning"] {{ color: {c.WARNING}; }}
QLabel[tone="success"] {{ color: {c.SUCCESS}; }}
QWidget#noticeBanner[tone="info"], QLabel#registrationState[tone="info"] {{
    background: {c.INFO_BACKGROUND}; border: 1px solid {c.INFO_BORDER}; color: {c.TEXT_STRONG}; }}
QWidget#noticeBanner[tone="success"], QLabel#registrationState[tone="success"] {{
    background: {c.SUCCESS_BACKGROUND}; border: 1px solid {c.SUCCESS_BORDER}; color: {c.SUCCESS_STRONG}; }}
QWidget#noticeBanner[tone="warning"], QLabel#registrationState[tone="warning"] {{
    background: {c.WARNING_BACKGROUND}; border: 1px solid {c.WARNING_BORDER}; color: {c.WARNING_STRONG}; }}
QWidget#noticeBanner[tone="error"], QLabel#registrationState[tone="error"] {{
    background: {c.ERROR_BACKGROUND}; border: 1px solid {c.ERROR_BORDER}; color: {c.ERROR_STRONG}; }}
QWidget#noticeBanner {{ border-radius: 4px; }}
QLabel#noticeText {{ background: transparent; border: none; }}
QWidget#noticeBanner[tone="info"] QLabel#noticeText {{ color: {c.TEXT_STRONG}; }}
QWidget#noticeBanner[tone="success"] QLabel#noticeText {{ color: {c.SUCCESS_STRONG}; }}
QWidget#noticeBanner[tone="warning"] QLabel#noticeText {{ color: {c.WARNING_STRONG}; }}
QWidget#noticeBanner[tone="error"] QLabel#noticeText {{ color: {c.ERROR_STRONG}; }}
QWidget[tone="scan-ok"] {{ background: {c.SCAN_OK_BACKGROUND}; border: 2px solid {c.SCAN_OK_BORDER};
    color: {c.SCAN_OK_TEXT}; }}
QWidget[tone="scan-bad"] {{ background: {c.SCAN_BAD_BACKGROUND}; border: 2px solid {c.SCAN_BAD_BORDER};
    color: {c.SCAN_BAD_TEXT}; }}

/* --- classes and trainees screens (gui/screens/classes, gui/screens/trainees) ------------- */
QLabel#emptyList {{ color: {c.TEXT_MUTED}; }}
QLabel#statusChip[status="draft"] {{ background: {c.STATUS_DRAFT}; }}
QLabel#statusChip[status="filed"] {{ background: {c.ACCENT}; }}
QLabel#statusChip[status="in_training"] {{ background: {c.SUCCESS}; }}
QLabel#statusChip[status="completed"] {{ background: {c.STATUS_COMPLETED}; }}
QLabel#statusChip[status="sealed"], QLabel#statusChip[status="uploaded"] {{ background: {c.STATUS_FINAL}; }}
QLabel#statusChip[status="returned"] {{ background: {c.ERROR}; }}
QLabel#dropArea {{ border: 2px dashed {c.INFO_BORDER}; border-radius: 8px; background: {c.SURFACE_PLACEHOLDER};
    color: {c.TEXT_STRONG}; padding: 18px; font-size: 11pt; }}
QLabel#countsSummary {{ font-size: 11pt; }}
/* a full number, revealed for an audited purpose, stands out in the trainee's record */
QGroupBox#personalRecord QLabel[tone="error"] {{ color: {c.ERROR_STRONG}; font-weight: bold; }}
/* --- the attendance screen ----------------------------------------------------------------- */
QLabel#scanBanner {{ font-size: 15pt; font-weight: bold; padding: 8px; border-radius: 6px; }}
QLabel#scanBanner[long="true"] {{ font-size: 10.5pt; padding: 4px; }}
QLabel#scanBanner[tone=""] {{ background: transparent; border: 2px dashed {c.MARK_NONE_BACKGROUND};
    color: {c.TEXT_MUTED}; font-size: 11pt; font-weight: normal; }}
QLabel#scanBanner[tone="info"] {{ background: {c.INFO_BACKGROUND}; border: 2px solid {c.INFO_BORDER};
    color: {c.TEXT_STRONG}; }}
QLabel#readOnlyBanner[flashing="true"] {{ background: {c.READ_ONLY_FLASH_BACKGROUND};
    border: 2px solid {c.READ_ONLY_FLASH_BORDER}; }}
QLabel#markDialogHeading {{ font-size: 12pt; font-weight: bold; }}
QLabel#markHistoryHeading {{ font-size: 11pt; font-weight: bold; }}
QLabel#lockNote {{ background: {c.WARNING_BACKGROUND}; border: 1px solid {c.WARNING_BORDER};
    color: {c.WARNING_STRONG}; padding: 6px; border-radius: 4px; }}
/* --- the certificates screen ------------------------------------------------------------ */
/* a verified QR code: green or red by tone (scan-ok / scan-bad), boxed and large enough to read */
QLabel#verifyResult {{ padding: 10px; border-radius: 6px; font-size: 11pt; }}
/* --- upload, audit and settings screens ----------------------------------------------------- */
QLabel#platformMessage {{ background: {c.ERROR_BACKGROUND}; border: 1px solid {c.ERROR_BORDER};
    color: {c.ERROR_STRONG}; padding: 6px; border-radius: 4px; }}
QLabel#traineeFacts {{ font-weight: bold; color: {c.TEXT_STRONG}; }}
QLabel#auditNoAccess {{ color: {c.TEXT_MUTED}; font-size: 11pt; }}
"""


APP_STYLESHEET = _sheet()


def apply_theme(app: QApplication) -> None:
    """Give the whole application its look (once, at start-up; tests that build windows too)."""
    app.setStyleSheet(APP_STYLESHEET)
