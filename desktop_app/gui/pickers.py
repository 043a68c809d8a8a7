"""Temporary: the attendance and certificates screens still import `choose_in_combo` from here; it
lives in gui/widgets/combo_choice.py. Delete this module once they import it from there."""

from desktop_app.gui.widgets.combo_choice import choose_in_combo  # noqa: F401
