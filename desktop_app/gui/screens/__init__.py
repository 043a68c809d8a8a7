"""One package per screen of the main window: its page, table models and dialogs. Screens never
import each other; what two of them share lives in gui/widgets/."""
