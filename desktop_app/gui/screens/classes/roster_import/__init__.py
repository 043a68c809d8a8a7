"""The roster import wizard of the classes screen (choose, check, import, take away what did not go in)."""

from desktop_app.gui.screens.classes.roster_import.outcomes import counts_text
from desktop_app.gui.screens.classes.roster_import.wizard import RosterImportWizard

__all__ = ["RosterImportWizard", "counts_text"]
