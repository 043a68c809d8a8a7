"""How the roster import wizard shows what happened to the rows: the counts sentence, the full
reasons of one row, and the table of every row."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QTableView

from desktop_app.domain.roster_outcome import RosterOutcome
from desktop_app.gui.screens.classes.models import OutcomeTableModel
from desktop_app.gui.widgets.row_model import ROW_ROLE
from desktop_app.gui.widgets.row_table import row_table
from desktop_app.services.roster import RosterImportReport


def outcome_table(model: OutcomeTableModel, name: str) -> QTableView:
    """The rows of the file, coloured by what becomes of them (so no alternating colours)."""
    view = row_table(model, name, fit_columns=True)
    view.setAlternatingRowColors(False)
    return view


def counts_text(report: RosterImportReport, *, preview: bool) -> str:
    """The one sentence a clerk reads first: how many rows go in, how, and how many do not."""
    subsidised = report.count(RosterOutcome.ENROLLED)
    without = report.count(RosterOutcome.ENROLLED_WITHOUT_SUBSIDY)
    already = report.count(RosterOutcome.ALREADY_ENROLLED)
    rejected = report.count(RosterOutcome.REJECTED)
    total = len(report.outcomes)
    if preview:
        return QCoreApplication.translate(
            "RosterImportWizard",
            "{total} rows read: {subsidised} will be enrolled with subsidy, {without} will be enrolled without "
            "subsidy, {already} are already in the class, {rejected} cannot be imported."
        ).format(total=total, subsidised=subsidised, without=without, already=already, rejected=rejected)
    return QCoreApplication.translate(
        "RosterImportWizard",
        "{enrolled} trainees were enrolled ({subsidised} with subsidy, {without} without); {already} were already "
        "in the class; {rejected} rows were not imported."
    ).format(enrolled=subsidised + without, subsidised=subsidised, without=without, already=already,
             rejected=rejected)


def reasons_text(model: OutcomeTableModel, current: QModelIndex) -> str:
    """The full reasons of the selected row, under the table (the cell shows only their start)."""
    outcome = current.data(ROW_ROLE) if current.isValid() else None  # a view's index: the proxy maps it
    reasons = OutcomeTableModel.reasons(outcome) if outcome is not None else []
    if not reasons:
        return ""
    return QCoreApplication.translate("RosterImportWizard", "Row {row} ({name}): {reasons}").format(
        row=outcome.row_number, name=outcome.name or "—", reasons="；".join(reasons))
