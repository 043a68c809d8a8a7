"""Pieces several screens share: the page base and header, the row table, the reason prompt, the
report dialog and the choose-a-file-and-import flow. Nothing here knows a particular screen."""
