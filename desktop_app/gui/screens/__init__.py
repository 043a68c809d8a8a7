"""The screens of the main window: one package per screen (its page, table models, dialogs and
controllers). Screens never import each other; what two share lives in gui/widgets/."""
