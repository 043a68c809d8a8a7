"""Pieces several screens share; nothing here knows a particular screen.

    page.py              ScreenPage (header with title and count, reloading on changes, the page
                         column) and the list-over-detail splitter
    detail_panel.py      the record of what is selected in a list, read in the background
    row_model.py         RowList: the list-keeping every table model shares
    row_table.py         the read-only row table, and the row selected in it
    saving_dialog.py     a dialog that saves its change itself, a refusal inline
    reason_prompt.py     the reason prompt: a change the audit log keeps with its reason
    report_dialog.py     what a finished import or issue run did
    file_chooser.py      open and save dialogs that start where the person last was (per purpose)
    date_field.py        a date field where the typed date is the date, calendar and weekday beside it
    dialog_slot.py       the one open dialog of a kind on a screen
    follows_language.py  the one retranslate hook (screens and dialogs)
    form_texts.py        a form's hint and the line that says "checking…" or why not
    class_picker.py      the class drop-down, and choosing a drop-down's item by its data
    pdf_preview.py       a PDF on screen and sent to a printer
"""
