"""Temporary: the row colours the upload and certificates screens still import from here. The
class, session, roster, outcome, trainee and history models moved to gui/screens/classes/ and
gui/screens/trainees/; colours are named in gui/theme.py. Delete this module once no screen
imports it."""

from desktop_app.gui.theme import Colour, qcolor

REJECTED_BACKGROUND = qcolor(Colour.ROW_REJECTED)
MUTED_FOREGROUND = qcolor(Colour.TEXT_FAINT)
